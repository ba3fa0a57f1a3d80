//! The fixture's base and canvas pages in headless Chromium: axe-core (WCAG 2.1 A and AA) at
//! 375 and 1280 px, sorting by column, the text filter, "toon alles" and the canvas zoom.
//! The pages are the engine's output in the default theme's styles (the site pipeline does
//! not make base and canvas pages yet). `KENNISBANK_BASES_PAGES=/tmp/x` also writes them
//! there, to look at.
//!
//! Skips without Chromium or axe-core, as `tests/browser.rs` does (`tests/browser/setup.sh`).

#[path = "browser/axe.rs"]
mod axe;
#[path = "bases_support/mod.rs"]
mod bases_support;
#[path = "browser/server.rs"]
mod server;
#[path = "browser/support.rs"]
mod support;
#[path = "browser/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use std::path::Path;

use serde_json::{Value, json};

use axe::{axe_source, axe_violations};
use server::Server;
use webdriver::Browser;

/// Whether Chromium and chromedriver are there (else the test says it skips).
fn have_browser() -> bool {
    for tool in [webdriver::CHROMIUM, webdriver::CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            support::skip(&format!("{tool} is not installed"));
            return false;
        }
    }
    true
}

/// axe's violations on `pages` of `server` at phone and desktop width, one line each.
fn axe_problems(server: &Server, pages: &[&str]) -> Option<Vec<String>> {
    let Some(axe) = axe_source() else {
        support::skip("axe-core is not installed in tests/browser/node_modules");
        return None;
    };
    let mut problems = Vec::new();
    for (width, height) in [(375, 812), (1280, 900)] {
        let b = Browser::start(width, height);
        for page in pages {
            b.goto(&format!("{}{page}", server.origin));
            b.wait_for("the page", "return document.readyState === 'complete'");
            for v in axe_violations(&b, &axe) {
                problems.push(format!("{page} at {width}px: {v}"));
            }
        }
    }
    Some(problems)
}

fn pages() -> Option<(tempfile::TempDir, Server)> {
    if !have_browser() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    bases_support::write_fixture_pages(dir.path());
    if let Some(out) = std::env::var_os("KENNISBANK_BASES_PAGES") {
        bases_support::write_fixture_pages(Path::new(&out));
    }
    let server = Server::start(dir.path());
    Some((dir, server))
}

fn strings(v: Value) -> Vec<String> {
    serde_json::from_value(v).expect("a list of text")
}

fn shown_names(b: &Browser) -> Vec<String> {
    strings(b.eval(
        "return [...document.querySelectorAll('#base-alle-projecten tbody tr')]
           .filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())",
        json!([]),
    ))
}

#[test]
fn base_and_canvas_pages_pass_axe_at_phone_and_desktop_width() {
    let Some((_dir, server)) = pages() else {
        return;
    };
    if let Some(problems) = axe_problems(&server, &["/base.html", "/canvas.html"]) {
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

/// The fixture vault built as a site (its own templates around the bases and canvases),
/// written to `KENNISBANK_BASES_SITE` as well when set, for screenshots.
fn built_site() -> Option<(tempfile::TempDir, Server)> {
    if !have_browser() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bases");
    let build = |output: &Path| {
        kennisbank::pipeline::build_to_disk(&kennisbank::pipeline::BuildRequest {
            root: root.clone(),
            output: output.to_path_buf(),
            site: Default::default(),
        })
        .expect("the bases fixture builds");
    };
    build(&dir.path().join("site"));
    if let Some(out) = std::env::var_os("KENNISBANK_BASES_SITE") {
        build(Path::new(&out));
    }
    let server = Server::start(&dir.path().join("site"));
    Some((dir, server))
}

#[test]
fn the_built_base_canvas_and_embedding_pages_pass_axe() {
    let Some((_dir, server)) = built_site() else {
        return;
    };
    let pages = [
        "/projecten-base/",
        "/sociale-basis-canvas/",
        "/organisaties/movisie/",
    ];
    if let Some(problems) = axe_problems(&server, &pages) {
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

#[test]
fn columns_sort_the_filter_narrows_and_show_all_reveals_the_rest() {
    let Some((_dir, server)) = pages() else {
        return;
    };
    let b = Browser::start(1280, 900);
    b.goto(&format!("{}/base.html", server.origin));
    b.wait_for(
        "the script",
        "return !document.querySelector('[data-base-tools]').hidden",
    );
    // As the editor set it: by year, newest first, limited to two.
    assert_eq!(shown_names(&b), ["Samen Koken", "Golden Sports"]);

    // Sorting by name keeps the limit: the first two by name.
    b.eval(
        "document.querySelector('#base-alle-projecten th .base-sort').click()",
        json!([]),
    );
    assert_eq!(shown_names(&b), ["Buurtkamer", "Golden Sports"]);
    let sort = b.eval(
        "return document.querySelector('#base-alle-projecten th').getAttribute('aria-sort')",
        json!([]),
    );
    assert_eq!(sort, json!("ascending"));
    b.eval(
        "document.querySelector('#base-alle-projecten th .base-sort').click()",
        json!([]),
    );
    assert_eq!(shown_names(&b), ["Samen Koken", "Golden Sports"]);

    // The filter searches all rows, past the limit too.
    b.eval(
        "const i = document.querySelector('#base-alle-projecten-filter');
         i.value = 'buurt'; i.dispatchEvent(new Event('input'));",
        json!([]),
    );
    assert_eq!(shown_names(&b), ["Buurtkamer"]);
    let count = b.eval(
        "return document.querySelector('#base-alle-projecten [data-base-count]').textContent",
        json!([]),
    );
    assert_eq!(
        count,
        json!("1 van 3 resultaten, berekend op 1 december 2026")
    );
    b.eval(
        "const i = document.querySelector('#base-alle-projecten-filter');
         i.value = ''; i.dispatchEvent(new Event('input'));",
        json!([]),
    );
    assert_eq!(shown_names(&b).len(), 2);
    b.eval(
        "document.querySelector('#base-alle-projecten [data-base-more]').click()",
        json!([]),
    );
    assert_eq!(shown_names(&b).len(), 3);
    let more_hidden = b.eval(
        "return document.querySelector('#base-alle-projecten [data-base-more]').hidden",
        json!([]),
    );
    assert_eq!(more_hidden, json!(true));

    // A filter that empties a group hides its heading too.
    b.eval(
        "const i = document.querySelector('#base-per-regio-filter');
         i.value = 'zwolle'; i.dispatchEvent(new Event('input'));",
        json!([]),
    );
    let groups = strings(b.eval(
        "return [...document.querySelectorAll('#base-per-regio [data-base-group]')]
           .filter(g => !g.hidden).map(g => g.querySelector('h3').textContent)",
        json!([]),
    ));
    assert_eq!(groups, ["Zwolle"]);
}

#[test]
fn the_canvas_zooms_and_scrolls_on_a_phone() {
    let Some((_dir, server)) = pages() else {
        return;
    };
    let b = Browser::start(375, 812);
    b.goto(&format!("{}/canvas.html", server.origin));
    b.wait_for(
        "the zoom buttons",
        "return !document.querySelector('[data-canvas-zoom]').hidden",
    );
    let width = |b: &Browser| {
        b.eval(
            "return Number(document.querySelector('svg.canvas-svg').getAttribute('width'))",
            json!([]),
        )
    };
    assert_eq!(width(&b), json!(840));
    // The drawing is wider than the phone: its region scrolls, the page does not.
    let scrolls = b.eval(
        "const s = document.querySelector('.canvas-scroll');
         return [s.scrollWidth > s.clientWidth, document.documentElement.scrollWidth <= window.innerWidth]",
        json!([]),
    );
    assert_eq!(scrolls, json!([true, true]));
    b.eval(
        "document.querySelector('[data-zoom=in]').click()",
        json!([]),
    );
    assert_eq!(width(&b), json!(1050));
    b.eval(
        "document.querySelector('[data-zoom=fit]').click()",
        json!([]),
    );
    let fitted = b.eval(
        "return Number(document.querySelector('svg.canvas-svg').getAttribute('width')) <= document.querySelector('.canvas-scroll').clientWidth",
        json!([]),
    );
    assert_eq!(fitted, json!(true));
}
