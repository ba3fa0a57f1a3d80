//! The theme in a real browser: headless Debian Chromium, driven over WebDriver, against a
//! served build of a fixture site (`tests/fixtures/browser/`) and of the built-in content.
//! Filtering and search by mouse and by keyboard alone, axe-core at WCAG 2.1 A and AA on every
//! kind of page, and no request to any host but the local server.
//!
//! Without Chromium these tests print why they skip; `KENNISBANK_REQUIRE_BROWSER=1` (set by
//! `.ci/run`) makes that a failure. `tests/browser/setup.sh` installs what they need.

#[path = "browser/axe.rs"]
mod axe;
#[path = "browser/server.rs"]
mod server;
#[path = "browser/sites.rs"]
mod sites;
#[path = "browser/support.rs"]
mod support;
#[path = "browser/webdriver.rs"]
mod webdriver;

use axe::{axe_source, axe_violations};

use std::path::PathBuf;

use serde_json::{Value, json};

use sites::setup;
use webdriver::{ARROW_DOWN, ARROW_UP, Browser, ENTER, ESCAPE, SPACE};

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (375, 812);

/// Titles of the listing items that are shown.
fn shown_titles(b: &Browser) -> Vec<String> {
    let v = b.eval(
        "return [...document.querySelectorAll('.results [data-f]')]
           .filter(e => e.offsetParent !== null)
           .map(e => e.querySelector('a').textContent.trim())",
        json!([]),
    );
    serde_json::from_value(v).expect("titles")
}

fn search_titles(b: &Browser) -> Vec<String> {
    let v = b.eval(
        "return [...document.querySelectorAll('.search-results > li > a')].map(a => a.textContent.trim())",
        json!([]),
    );
    serde_json::from_value(v).expect("titles")
}

fn wait_filters_ready(b: &Browser) {
    b.wait_for(
        "the filter panel",
        "return !document.querySelector('aside.filters').hidden",
    );
}

fn count_of(b: &Browser, facet: &str, value: &str) -> String {
    b.eval(
        "return document.querySelector(`input[name='${arguments[0]}'][value='${arguments[1]}']`)
           .parentNode.querySelector('[data-count]').textContent",
        json!([facet, value]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn click(b: &Browser, selector: &str) {
    b.eval(
        "document.querySelector(arguments[0]).click()",
        json!([selector]),
    );
}

#[test]
fn two_facets_filter_the_listing_and_live_in_the_url() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.fixture.origin;
    b.goto(&format!("{origin}/projecten/"));
    wait_filters_ready(&b);
    let all = shown_titles(&b);
    assert_eq!(all.len(), 4, "{all:?}");

    click(&b, "input[name=domain][value=sport]");
    assert_eq!(
        shown_titles(&b),
        ["Golden Sports", "Sportclub op school"],
        "one value of one facet"
    );
    assert_eq!(count_of(&b, "sphere", "informeel"), "1");
    assert_eq!(count_of(&b, "sphere", "formeel"), "1");
    assert_eq!(count_of(&b, "sphere", "semi-formeel"), "0");

    click(&b, "input[name=sphere][value=informeel]");
    assert_eq!(
        shown_titles(&b),
        ["Golden Sports"],
        "two facets combine with AND"
    );
    assert!(
        b.url()
            .ends_with("/projecten/?domain=sport&sphere=informeel"),
        "{}",
        b.url()
    );

    click(&b, "input[name=domain][value=welzijn]");
    assert_eq!(
        shown_titles(&b),
        ["Buurtmoestuin De Groene Hoek", "Golden Sports"],
        "values of one facet combine with OR"
    );

    b.back();
    b.wait_for(
        "the previous filter state",
        "return !document.querySelector('input[name=domain][value=welzijn]').checked",
    );
    assert_eq!(shown_titles(&b), ["Golden Sports"]);

    // A bookmarked view opens filtered.
    b.goto(&format!(
        "{origin}/projecten/?domain=onderwijs&sphere=informeel"
    ));
    wait_filters_ready(&b);
    assert!(shown_titles(&b).is_empty());
    assert_eq!(
        b.eval(
            "return document.querySelector('.no-results').hidden",
            json!([])
        ),
        json!(false),
        "an empty result says so"
    );
    click(&b, ".no-results .clear-filters");
    assert_eq!(shown_titles(&b).len(), 4, "clearing shows everything again");
    assert!(b.url().ends_with("/projecten/"), "{}", b.url());
}

#[test]
fn without_javascript_the_listing_shows_everything() {
    // The page itself, as a browser without JavaScript gets it.
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let html = std::fs::read_to_string(sites.output.path().join("fixture/projecten/index.html"))
        .expect("the listing page");
    let doc = scraper::Html::parse_document(&html);
    let items = scraper::Selector::parse(".results [data-f]").unwrap();
    let aside = scraper::Selector::parse("aside.filters[hidden]").unwrap();
    assert_eq!(doc.select(&items).count(), 4);
    assert_eq!(
        doc.select(&aside).count(),
        1,
        "the panel waits for JavaScript"
    );
}

#[test]
fn filtering_works_with_the_keyboard_alone() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    b.goto(&format!("{}/projecten/", sites.fixture.origin));
    wait_filters_ready(&b);
    b.tab_to("input[name=domain][value=sport]", 80);
    b.keys(&[SPACE]);
    b.tab_to("input[name=sphere][value=informeel]", 80);
    b.keys(&[SPACE]);
    assert_eq!(shown_titles(&b), ["Golden Sports"]);
    assert!(
        b.url().ends_with("?domain=sport&sphere=informeel"),
        "{}",
        b.url()
    );
}

fn search(b: &Browser, origin: &str, query: &str) -> Vec<String> {
    b.goto(&format!("{origin}/zoeken/?q={query}"));
    // The count is written before the hits are (each fetches its fragment): wait for both.
    b.wait_for(
        "search results",
        "const t = document.querySelector('.search-status').textContent;
         return t && (t === document.querySelector('.search-page').dataset.none
           || document.querySelectorAll('.search-results > li').length > 0)",
    );
    search_titles(b)
}

#[test]
fn search_understands_dutch() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.fixture.origin;

    let hits = search(&b, origin, "buurten");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("Buurt"),
        "title first: {hits:?}"
    );
    for expected in ["Sociale basis", "Rapport Wijkkracht"] {
        assert!(hits.iter().any(|h| h == expected), "stemming: {hits:?}");
    }
    let marks = b.eval(
        "return [...document.querySelectorAll('.search-results mark')].map(m => m.textContent.toLowerCase())",
        json!([]),
    );
    assert!(
        marks
            .as_array()
            .is_some_and(|m| m.contains(&json!("buurten"))),
        "the match is highlighted: {marks}"
    );
    let kinds = b.eval(
        "return [...document.querySelectorAll('.search-results .kind')].map(k => k.textContent)",
        json!([]),
    );
    assert!(
        kinds
            .as_array()
            .is_some_and(|k| k.contains(&json!("Lexicon"))),
        "{kinds}"
    );

    let hits = search(&b, origin, "een-ouder");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("Steunpunt voor één-ouder gezinnen"),
        "diacritics do not matter: {hits:?}"
    );
    assert_eq!(search(&b, origin, "%C3%A9%C3%A9n-ouder"), hits);

    let hits = search(&b, origin, "buu");
    for expected in ["Buurt", "Buurtmoestuin De Groene Hoek"] {
        assert!(hits.iter().any(|h| h == expected), "prefix: {hits:?}");
    }

    let hits = search(&b, origin, "basisvoorzieningen");
    assert_eq!(hits, ["Sociale basis"], "aliases are searched");

    let hits = search(&b, origin, "wijkfeest");
    assert!(hits.is_empty(), "drafts are never indexed: {hits:?}");

    // Search and facets combine, and both go in the URL.
    let hits = search(&b, origin, "sporten");
    assert_eq!(
        hits[..2],
        ["Golden Sports", "Sportclub op school"],
        "{hits:?}"
    );
    wait_filters_ready(&b);
    click(&b, "input[name=domain][value=onderwijs]");
    b.wait_for(
        "filtered results",
        "return document.querySelectorAll('.search-results > li').length === 1",
    );
    assert_eq!(search_titles(&b), ["Sportclub op school"]);
    assert!(
        b.url().ends_with("/zoeken/?q=sporten&domain=onderwijs"),
        "{}",
        b.url()
    );
}

#[test]
fn search_works_with_the_keyboard_alone() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.fixture.origin;
    b.goto(&format!("{origin}/"));
    b.keys(&["/"]);
    assert_eq!(
        b.eval("return document.activeElement.id", json!([])),
        json!("zoekveld"),
        "/ focuses the search field"
    );
    b.keys(&["buurten", ENTER]);
    b.wait_for(
        "the search page",
        "return location.pathname === '/zoeken/' && document.querySelectorAll('.search-results > li').length",
    );
    b.keys(&["/"]);
    assert_eq!(
        b.eval("return document.activeElement.id", json!([])),
        json!("zoekpagina-veld")
    );
    let focused = || {
        b.eval(
            "return document.activeElement.textContent.trim()",
            json!([]),
        )
    };
    let titles = search_titles(&b);
    b.keys(&[ARROW_DOWN]);
    assert_eq!(focused(), json!(titles[0]), "↓ goes to the first result");
    b.keys(&[ARROW_DOWN]);
    assert_eq!(focused(), json!(titles[1]));
    b.keys(&[ARROW_UP]);
    assert_eq!(focused(), json!(titles[0]));
    b.keys(&[ESCAPE]);
    assert_eq!(
        b.eval("return document.activeElement.id", json!([])),
        json!("zoekpagina-veld"),
        "Escape goes back to the field"
    );
    b.keys(&[ARROW_DOWN, ENTER]);
    b.wait_for(
        "the first result's page",
        "return location.pathname === '/lexicon/buurt/'",
    );
}

/// Pages of each sort on a site: home, one note of each kind, a facet and a facet value, a
/// listing with filters, all notes, search with results.
fn pages_to_audit(b: &Browser, origin: &str) -> Vec<String> {
    b.goto(&format!("{origin}/"));
    let kind_listings: Vec<String> = serde_json::from_value(b.eval(
        "return [...document.querySelectorAll('.main-nav a')].map(a => a.pathname)",
        json!([]),
    ))
    .expect("nav links");
    let mut pages = vec!["/".to_string()];
    for listing in &kind_listings {
        b.goto(&format!("{origin}{listing}"));
        if let Value::String(first) = b.eval(
            "const a = document.querySelector('.results [data-f] a'); return a && a.pathname",
            json!([]),
        ) {
            pages.push(first);
        }
    }
    pages.extend(kind_listings);
    pages.extend(
        [
            "/domein/",
            "/domein/welzijn/",
            "/alles/?domain=welzijn",
            "/zoeken/?q=buurten",
            "/bestaat-niet/",
        ]
        .map(String::from),
    );
    pages
}

#[test]
fn every_kind_of_page_passes_axe_and_loads_nothing_from_elsewhere() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let Some(axe) = axe_source() else {
        return support::skip("axe-core is not installed in tests/browser/node_modules");
    };
    let mut problems = Vec::new();
    let mut audited = 0;
    for (site, origin) in [
        ("fixture", &sites.fixture.origin),
        ("built-in", &sites.builtin.origin),
    ] {
        for (width, height) in [DESKTOP, PHONE] {
            let b = Browser::start(width, height);
            for page in pages_to_audit(&b, origin) {
                eprintln!("auditing {site} {page} at {width}px");
                b.goto(&format!("{origin}{page}"));
                b.wait_for("the page", "return document.readyState === 'complete'");
                if page.contains('?') || page.starts_with("/alles/") {
                    wait_filters_ready(&b);
                    // Filters open: on a phone, behind their button.
                    b.eval(
                        "const t = document.querySelector('.filters-toggle');
                         if (t && t.offsetParent) t.click();",
                        json!([]),
                    );
                }
                if page.starts_with("/zoeken/") {
                    b.wait_for(
                        "search results",
                        "return document.querySelectorAll('.search-results mark').length",
                    );
                }
                for v in axe_violations(&b, &axe) {
                    problems.push(format!("{site} {page} at {width}px: {v}"));
                }
                audited += 1;
            }
            let requests = b.requests();
            let ours = requests
                .iter()
                .filter(|(_, page)| page.starts_with(origin.as_str()))
                .count();
            assert!(ours > 20, "the performance log shows only {ours} requests");
            for (url, page) in requests {
                let on_network = ["http:", "https:", "ws:", "wss:", "ftp:"]
                    .iter()
                    .any(|s| url.starts_with(s));
                let from_our_page = page.starts_with(origin.as_str());
                let local = url.starts_with(&format!("{origin}/"))
                    || (!on_network && !from_our_page)
                    || url.starts_with("data:");
                if !local {
                    problems.push(format!("{site}: {page} requested {url}"));
                }
            }
        }
    }
    assert!(audited >= 30, "only {audited} pages audited");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn screenshots_of_the_filter_panel_on_phone_and_desktop() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
    std::fs::create_dir_all(&dir).expect("a screenshot folder");
    for (name, (width, height)) in [("phone", PHONE), ("desktop", DESKTOP)] {
        let b = Browser::start(width, height);
        b.goto(&format!("{}/alles/?sphere=informeel", sites.builtin.origin));
        wait_filters_ready(&b);
        let toggle_shown = b.eval(
            "const t = document.querySelector('.filters-toggle'); return !!(t && t.offsetParent)",
            json!([]),
        );
        assert_eq!(
            toggle_shown,
            json!(name == "phone"),
            "the panel folds away on a phone only"
        );
        if name == "phone" {
            let png = b.screenshot_png();
            std::fs::write(dir.join("listing-phone-folded.png"), png).expect("saved");
            click(&b, ".filters-toggle");
        }
        let inner = b.eval("return window.innerWidth", json!([]));
        assert_eq!(inner, json!(width), "viewport width");
        let png = b.screenshot_png();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(dir.join(format!("listing-{name}.png")), png).expect("saved");

        b.goto(&format!("{}/zoeken/?q=buurten", sites.builtin.origin));
        b.wait_for(
            "search results",
            "return document.querySelectorAll('.search-results mark').length",
        );
        let png = b.screenshot_png();
        std::fs::write(dir.join(format!("search-{name}.png")), png).expect("saved");
    }
}

#[test]
fn a_paged_listing_filters_across_all_its_pages() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.paged.origin;
    b.goto(&format!("{origin}/alles/"));
    wait_filters_ready(&b);
    assert_eq!(shown_titles(&b).len(), 100, "the page's own 100");
    assert_eq!(
        count_of(&b, "tags", "oneven-drie"),
        "84",
        "counts are the listing's"
    );

    click(&b, "input[name=tags][value=oneven-drie]");
    b.wait_for(
        "the filtered items from items.json",
        "return document.querySelector('[data-shown]').textContent === '84'",
    );
    let shown = shown_titles(&b);
    assert_eq!(shown.len(), 84, "matches from all three pages: {shown:?}");
    assert_eq!(shown.first().map(String::as_str), Some("Notitie 000"));
    assert_eq!(shown.last().map(String::as_str), Some("Notitie 249"));
    assert_eq!(
        b.eval("return document.querySelector('.pager').hidden", json!([])),
        json!(true),
        "the pager belongs to the unfiltered pages"
    );
    assert!(b.url().ends_with("/alles/?tags=oneven-drie"), "{}", b.url());

    // A bookmarked filter on a later page opens filtered too; clearing gives that page back.
    b.goto(&format!("{origin}/alles/pagina/2/?tags=oneven-drie"));
    wait_filters_ready(&b);
    b.wait_for(
        "the filtered items",
        "return document.querySelector('[data-shown]').textContent === '84'",
    );
    click(&b, ".clear-filters");
    let own = shown_titles(&b);
    assert_eq!(own.len(), 100);
    assert_eq!(own[0], "Notitie 100");
    assert_eq!(count_of(&b, "tags", "oneven-drie"), "84");
}

/// A later page of a long listing, with its pager, letters and filters, meets WCAG 2.1 AA on
/// a desktop and on a phone (filters open behind their button).
#[test]
fn a_later_page_of_a_long_listing_passes_axe() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let Some(axe) = axe_source() else {
        return;
    };
    let origin = &sites.paged.origin;
    let mut problems = Vec::new();
    for (width, height) in [DESKTOP, PHONE] {
        let b = Browser::start(width, height);
        b.goto(&format!("{origin}/alles/pagina/2/"));
        wait_filters_ready(&b);
        assert_eq!(
            b.eval(
                "return document.querySelectorAll('.pager a').length",
                json!([])
            ),
            json!(5),
            "previous, pages 1–3 and next, at {width}px"
        );
        b.eval(
            "const t = document.querySelector('.filters-toggle');
             if (t && t.offsetParent) t.click();",
            json!([]),
        );
        for v in axe_violations(&b, &axe) {
            problems.push(format!("/alles/pagina/2/ at {width}px: {v}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
