//! `serve` in a real browser (headless Chromium over WebDriver): an open tab reloads by
//! itself after an edit, shows the error overlay after a bad edit (which passes axe-core at
//! WCAG 2.1 A and AA) and drops it after the fix, and loads nothing from anywhere else.
//!
//! Skips with a message without Chromium or axe-core (`tests/browser/setup.sh` installs them);
//! `KENNISBANK_REQUIRE_BROWSER=1` makes that a failure.

mod serve_support;
#[path = "browser/support.rs"]
mod support;
// Shared with tests/browser.rs, which uses more of it.
#[path = "browser/axe.rs"]
mod axe;
#[allow(dead_code)]
#[path = "browser/webdriver.rs"]
mod webdriver;

use axe::{axe_source, axe_violations};

use std::path::Path;

use serde_json::json;

use serve_support::{NoteSpec, TempSite, serve};
use webdriver::Browser;

#[test]
fn an_open_tab_reloads_shows_the_overlay_and_recovers() {
    for tool in [webdriver::CHROMIUM, webdriver::CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            return support::skip(&format!("{tool} is not installed"));
        }
    }
    let Some(axe) = axe_source() else {
        return support::skip("axe-core is not installed in tests/browser/node_modules");
    };
    let site = TempSite::new();
    // Strict, so an unknown key is an error the overlay shows.
    site.write("kennisbank.yaml", "title: Proefsite\nstrict: true\n");
    site.note("content/buurtbus.md", &NoteSpec::new("Buurtbus"));
    let server = serve(site.root());
    let origin = server.url().trim_end_matches('/').to_string();
    let b = Browser::start(1280, 900);
    b.goto(&format!("{origin}/buurtbus/"));
    b.wait_for(
        "the reload stream",
        "return window.EventSource !== undefined",
    );

    // An edit: the tab reloads by itself (the marker set on the old page is gone).
    b.eval("window.kbOldPage = true", json!([]));
    let mut spec = NoteSpec::new("Buurtbus");
    spec.body = "Rijdt nu ook op zondag.".into();
    site.note("content/buurtbus.md", &spec);
    b.wait_for(
        "the reload",
        "return !window.kbOldPage && document.querySelector('main').textContent.includes('op zondag')",
    );

    // A bad edit: the overlay names file, line and message, and is accessible.
    site.write(
        "content/buurtbus.md",
        "---\ntitle: Buurtbus\nkleur: rood\n---\nKapot.\n",
    );
    let alert = b.wait_for(
        "the overlay",
        "const a = document.querySelector('[role=alert]'); return a && a.textContent",
    );
    let alert = alert.as_str().unwrap_or_default();
    assert!(
        alert.contains("content/buurtbus.md:3") && alert.contains("kleur"),
        "{alert}"
    );
    let violations = axe_violations(&b, &axe);
    assert!(violations.is_empty(), "{violations:#?}");

    // The fix: the overlay goes and the new text shows.
    spec.body = "Hersteld.".into();
    site.note("content/buurtbus.md", &spec);
    b.wait_for(
        "the fixed page",
        "return !document.querySelector('[role=alert]') && document.querySelector('main').textContent.includes('Hersteld')",
    );

    let elsewhere: Vec<String> = b
        .requests()
        .into_iter()
        .map(|(url, _)| url)
        .filter(|url| url.starts_with("http") && !url.starts_with(&origin))
        .collect();
    assert!(elsewhere.is_empty(), "requests elsewhere: {elsewhere:?}");
}
