//! What the tests that need a browser or Node share: where the theme is, and how to skip.

#![allow(dead_code)]

use std::path::PathBuf;

/// Path of a file of the default theme's `static/` folder.
pub fn theme_file(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/static")
        .join(rel)
        .display()
        .to_string()
}

/// CI sets this so that a missing browser fails the run instead of skipping.
pub fn required() -> bool {
    std::env::var("KENNISBANK_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Skips a test with a visible message, or fails it when the tools are required.
pub fn skip(why: &str) {
    if required() {
        panic!("{why}, and KENNISBANK_REQUIRE_BROWSER=1 asks for it (run tests/browser/setup.sh)");
    }
    eprintln!(
        "SKIPPED: {why} (run tests/browser/setup.sh; KENNISBANK_REQUIRE_BROWSER=1 makes this a failure)"
    );
}
