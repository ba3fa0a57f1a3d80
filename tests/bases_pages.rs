//! Writes the fixture's base and canvas pages (engine output in the default theme's styles)
//! to the folder `KENNISBANK_BASES_PAGES` names, to look at or screenshot:
//! `KENNISBANK_BASES_PAGES=/tmp/bases cargo test --test bases_pages`. Without it, writes
//! them to a temporary folder and checks they are there.

#[path = "bases_support/mod.rs"]
mod support;

#[test]
fn fixture_pages_are_written() {
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("KENNISBANK_BASES_PAGES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    support::write_fixture_pages(&dir);
    for page in ["base.html", "canvas.html", "css/bases.css", "js/bases.js"] {
        assert!(dir.join(page).is_file(), "{page}");
    }
}
