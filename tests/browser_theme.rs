//! The reader's site in a real browser: reflow at 320 px on every page, the menu (current
//! page, the phone's menu button), dark mode (the toggle, its memory, contrast), a site
//! restyled with a municipality's design tokens, and axe-core in light and dark mode.
//! Skips like `tests/browser.rs` without Chromium.

#[path = "browser/axe.rs"]
mod axe;
#[path = "browser/server.rs"]
mod server;
#[path = "browser/sites.rs"]
mod sites;
#[path = "browser/support.rs"]
mod support;
// Shared with tests/browser.rs, which uses more of it.
#[allow(dead_code)]
#[path = "browser/webdriver.rs"]
mod webdriver;

use std::path::Path;

use serde_json::{Value, json};

use axe::{axe_source, axe_violations};
use sites::setup;
use webdriver::{ARROW_DOWN, Browser, ENTER, ESCAPE};

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (375, 812);

/// Waits for the page's end (the load strategy is "eager": the DOM, not every resource).
fn loaded(b: &Browser) {
    b.wait_for(
        "the page",
        "return document.readyState !== 'loading' && !!document.querySelector('footer, body.handout')",
    );
}

/// Every page of a built site, as URL paths: each `index.html`, and the 404 page.
fn every_page(output: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(output)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .filter_map(|e| {
            let rel = e.path().parent()?.strip_prefix(output).ok()?;
            let rel = kennisbank::load::to_slash(rel);
            Some(if rel.is_empty() {
                "/".to_string()
            } else {
                format!("/{rel}/")
            })
        })
        .collect();
    pages.push("/404.html".into());
    pages
}

/// The page's width beyond the viewport, and the widest element's description, if any.
const OVERFLOW: &str = "
    const w = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= w) return null;
    let worst = null;
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.right > w + 1 && (!worst || r.right > worst.r)) worst = {r: r.right, e};
    }
    return document.documentElement.scrollWidth + 'px: ' +
      (worst ? worst.e.tagName.toLowerCase() + '.' + worst.e.className + ' \"' +
        worst.e.textContent.trim().slice(0, 40) + '\"' : '?');";

#[test]
fn no_page_scrolls_sideways_at_320_px() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(320, 720);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, server) in [
        ("fixture", &sites.fixture),
        ("built-in", &sites.builtin),
        ("tokens", &sites.tokens),
    ] {
        for page in every_page(&sites.output.path().join(site_dir(name))) {
            b.goto(&format!("{}{page}", server.origin));
            loaded(&b);
            if let Value::String(what) = b.eval(OVERFLOW, json!([])) {
                problems.push(format!("{name} {page}: {what}"));
            }
            checked += 1;
        }
    }
    // Every page of three sites: well over a hundred.
    assert!(checked > 100, "only {checked} pages checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn site_dir(name: &str) -> &'static str {
    match name {
        "fixture" => "fixture",
        "built-in" => "builtin",
        _ => "tokens",
    }
}

#[test]
fn the_menu_marks_the_current_page_and_folds_behind_a_button_on_a_phone() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.builtin.origin;
    b.goto(&format!("{origin}/"));
    let first = b.eval(
        "return document.querySelector('.main-nav a').pathname",
        json!([]),
    );
    b.goto(&format!("{origin}{}", first.as_str().unwrap_or("/")));
    let current = b.eval(
        "return [...document.querySelectorAll('.main-nav [aria-current=page]')].map(a => a.pathname)",
        json!([]),
    );
    assert_eq!(
        current,
        json!([first]),
        "the listing is current in the menu"
    );
    assert_eq!(
        b.eval(
            "return getComputedStyle(document.querySelector('.menu-toggle')).display",
            json!([])
        ),
        json!("none"),
        "no menu button on a wide screen"
    );

    let b = Browser::start(PHONE.0, PHONE.1);
    b.goto(&format!("{origin}/"));
    let nav_shown = |b: &Browser| {
        b.eval(
            "return document.querySelector('.main-nav').offsetParent !== null",
            json!([]),
        )
    };
    assert_eq!(nav_shown(&b), json!(false), "the menu starts closed");
    let header = b.eval(
        "return document.querySelector('.site-header').getBoundingClientRect().height",
        json!([]),
    );
    assert!(
        header.as_f64().unwrap_or(999.0) <= 140.0,
        "the phone header takes {header} px"
    );
    b.eval("document.querySelector('.menu-toggle').focus()", json!([]));
    b.eval("document.querySelector('.menu-toggle').click()", json!([]));
    assert_eq!(nav_shown(&b), json!(true));
    assert_eq!(
        b.eval(
            "return document.querySelector('.menu-toggle').getAttribute('aria-expanded')",
            json!([])
        ),
        json!("true")
    );
    b.keys(&[ESCAPE]);
    assert_eq!(nav_shown(&b), json!(false), "Escape closes the menu");
    assert_eq!(
        b.eval("return document.activeElement.className", json!([])),
        json!("menu-toggle")
    );
}

/// WCAG contrast of two computed `rgb()` colours, computed in the page.
const CONTRASTS: &str = "
    const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05); };
    const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
    const bg = css('body', 'backgroundColor');
    return {
      text: ratio(css('body', 'color'), bg),
      link: ratio(css('main a', 'color'), bg),
      header: ratio(css('.site-title', 'color'), css('.site-header', 'backgroundColor')),
      muted: ratio(css('.site-footer .small', 'color'), css('.site-footer', 'backgroundColor')),
      dark: document.documentElement.dataset.colorScheme || null,
      background: bg,
    };";

#[test]
fn dark_mode_follows_the_toggle_remembers_it_and_keeps_aa_contrast() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.builtin.origin;
    b.goto(&format!("{origin}/"));
    loaded(&b);
    let light = b.eval(CONTRASTS, json!([]));
    b.eval(
        "document.querySelector('.scheme-toggle').click()",
        json!([]),
    );
    let dark = b.eval(CONTRASTS, json!([]));
    assert_eq!(dark["dark"], json!("dark"), "{dark}");
    assert_ne!(light["background"], dark["background"]);
    assert_eq!(
        b.eval(
            "return document.querySelector('.scheme-toggle').getAttribute('aria-pressed')",
            json!([])
        ),
        json!("true")
    );
    // Remembered on the next page.
    b.goto(&format!("{origin}/alles/"));
    loaded(&b);
    let again = b.eval(CONTRASTS, json!([]));
    assert_eq!(again["background"], dark["background"], "{again}");
    for scheme in [&light, &dark] {
        for pair in ["text", "link", "header", "muted"] {
            let ratio = scheme[pair].as_f64().unwrap_or(0.0);
            assert!(ratio >= 4.5, "{pair}: {ratio:.2}:1 in {scheme}");
        }
    }

    // A site whose own tokens give no dark colours stays light, without a toggle.
    b.goto(&format!("{}/", sites.tokens.origin));
    loaded(&b);
    assert_eq!(
        b.eval(
            "return [document.documentElement.dataset.schemes, !!document.querySelector('.scheme-toggle')]",
            json!([])
        ),
        json!(["light", false])
    );
    let restyled = b.eval(CONTRASTS, json!([]));
    let header = b.eval(
        "const [r, g, b] = getComputedStyle(document.querySelector('.site-header'))
           .backgroundColor.match(/\\d+/g).map(Number); return g > r + 50 && g > b + 50",
        json!([]),
    );
    assert_eq!(header, json!(true), "Den Haag's green header: {restyled}");
    for pair in ["text", "link", "header", "muted"] {
        let ratio = restyled[pair].as_f64().unwrap_or(0.0);
        assert!(ratio >= 4.5, "{pair}: {ratio:.2}:1 with Den Haag's tokens");
    }
}

/// One page of each sort of the built-in site and the restyled fixture.
fn pages_of_each_type(b: &Browser, origin: &str) -> Vec<String> {
    b.goto(&format!("{origin}/"));
    let listings: Vec<String> = serde_json::from_value(b.eval(
        "return [...document.querySelectorAll('.main-nav a')].map(a => a.pathname)",
        json!([]),
    ))
    .expect("menu links");
    let mut pages = vec!["/".to_string(), "/404.html".to_string()];
    if let Some(listing) = listings.first() {
        b.goto(&format!("{origin}{listing}"));
        if let Value::String(first) = b.eval(
            "const a = document.querySelector('.results [data-f] a, .items a'); return a && a.pathname",
            json!([]),
        ) {
            pages.push(first);
        }
        pages.push(listing.clone());
    }
    pages.push("/zoeken/?q=buurt".to_string());
    pages
}

#[test]
fn axe_finds_nothing_in_light_and_dark_mode_on_phone_and_desktop() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let Some(axe) = axe_source() else {
        return support::skip("axe-core is not installed in tests/browser/node_modules");
    };
    let mut problems = Vec::new();
    let mut audited = 0;
    for (name, origin, schemes) in [
        ("built-in", &sites.builtin.origin, &["light", "dark"][..]),
        ("tokens", &sites.tokens.origin, &["light"][..]),
    ] {
        for (width, height) in [DESKTOP, PHONE] {
            let b = Browser::start(width, height);
            let pages = pages_of_each_type(&b, origin);
            for scheme in schemes {
                b.goto(&format!("{origin}/"));
                b.eval(
                    "localStorage.setItem('kennisbank-color-scheme', arguments[0])",
                    json!([scheme]),
                );
                for page in &pages {
                    b.goto(&format!("{origin}{page}"));
                    loaded(&b);
                    if page.starts_with("/zoeken/") {
                        b.wait_for(
                            "search results",
                            "return document.querySelector('.search-status').textContent",
                        );
                    }
                    for v in axe_violations(&b, &axe) {
                        problems.push(format!("{name} {page} {scheme} at {width}px: {v}"));
                    }
                    audited += 1;
                }
            }
        }
    }
    assert!(audited >= 24, "only {audited} pages audited");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn screenshots_of_the_theme() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let dir = std::env::var("KENNISBANK_SCREENSHOTS").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots"),
        std::path::PathBuf::from,
    );
    std::fs::create_dir_all(&dir).expect("a screenshot folder");
    let shot = |b: &Browser, name: &str| {
        let png = b.screenshot_png();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("saved");
    };
    for (label, (width, height)) in [("desktop", DESKTOP), ("phone", PHONE)] {
        let b = Browser::start(width, height);
        let origin = &sites.builtin.origin;
        b.goto(&format!("{origin}/"));
        loaded(&b);
        shot(&b, &format!("home-{label}"));
        let note = b.eval(
            "return document.querySelector('main a[href^=\"/definities/\"]')?.pathname || '/'",
            json!([]),
        );
        b.goto(&format!("{origin}{}", note.as_str().unwrap_or("/")));
        loaded(&b);
        shot(&b, &format!("note-{label}"));
        b.goto(&format!("{origin}/alles/?tags=gemeente"));
        b.wait_for(
            "the filter panel",
            "return !document.querySelector('aside.filters').hidden",
        );
        shot(&b, &format!("listing-filters-{label}"));
        b.goto(&format!("{origin}/"));
        b.eval(
            "localStorage.setItem('kennisbank-color-scheme', 'dark')",
            json!([]),
        );
        b.goto(&format!("{origin}{}", note.as_str().unwrap_or("/")));
        loaded(&b);
        shot(&b, &format!("note-dark-{label}"));
        b.eval(
            "localStorage.removeItem('kennisbank-color-scheme')",
            json!([]),
        );
        b.goto(&format!("{}/projecten/buurtkamer/", sites.tokens.origin));
        loaded(&b);
        shot(&b, &format!("denhaag-{label}"));
    }
}

#[test]
fn a_link_preview_shows_on_focus_and_escape_dismisses_it() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.fixture.origin;
    b.goto(&format!("{origin}/projecten/golden-sports/"));
    loaded(&b);
    let target = b.eval(
        "const a = [...document.querySelectorAll('.prose a')].find(a => a.pathname !== location.pathname);
         a.focus(); return a.pathname",
        json!([]),
    );
    b.wait_for(
        "the preview",
        "const p = document.querySelector('.link-preview'); return p && !p.hidden && p.textContent",
    );
    let preview = b.eval(
        "const p = document.querySelector('.link-preview');
         return [p.getAttribute('role'), document.activeElement.getAttribute('aria-describedby'),
                 p.querySelector('.link-preview-title').textContent]",
        json!([]),
    );
    assert_eq!(preview[0], json!("tooltip"));
    assert_eq!(
        preview[1],
        json!("link-preview"),
        "the link is described by it"
    );
    assert_eq!(preview[2], json!("Sociale basis"), "the title of {target}");
    b.keys(&[ESCAPE]);
    assert_eq!(
        b.eval(
            "return [document.querySelector('.link-preview').hidden, document.activeElement.pathname]",
            json!([])
        ),
        json!([true, target]),
        "Escape hides the preview and leaves focus where it was"
    );
}

#[test]
fn active_filters_show_as_chips_and_long_value_lists_fold() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.builtin.origin;
    b.goto(&format!("{origin}/alles/?tags=gemeente"));
    b.wait_for(
        "the filter panel",
        "return !document.querySelector('aside.filters').hidden",
    );
    let chips = b.eval(
        "return [...document.querySelectorAll('.active-filters .chip')].map(c => c.getAttribute('aria-label'))",
        json!([]),
    );
    assert_eq!(chips.as_array().map(Vec::len), Some(1), "{chips}");
    let panel = b.eval(
        "const f = document.querySelector('aside.filters');
         return [getComputedStyle(f).overflowY,
                 [...f.querySelectorAll('ul')].every(u => getComputedStyle(u).overflowY === 'visible')]",
        json!([]),
    );
    assert_eq!(
        panel,
        json!(["visible", true]),
        "no scroll area inside the page's"
    );
    let folded = b.eval(
        "return [document.querySelectorAll('.filter-form li.folded').length,
                 document.querySelectorAll('.filter-form .show-all').length]",
        json!([]),
    );
    assert!(folded[0].as_u64().unwrap_or(0) > 0, "{folded}");
    b.eval(
        "document.querySelector('.filter-form .show-all').click()",
        json!([]),
    );
    let after = b.eval(
        "return document.querySelectorAll('.filter-form .show-all').length",
        json!([]),
    );
    assert_eq!(after.as_u64(), folded[1].as_u64().map(|n| n - 1));
    b.eval(
        "document.querySelector('.active-filters .chip').click()",
        json!([]),
    );
    assert_eq!(
        b.eval(
            "return [document.querySelectorAll('.active-filters .chip').length, location.search]",
            json!([])
        ),
        json!([0, ""]),
        "one click removes the filter"
    );
}

#[test]
fn search_forgives_one_typing_mistake_and_ranks_exact_matches_first() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let search = |q: &str| -> Vec<String> {
        b.goto(&format!("{}/zoeken/?q={q}", sites.fixture.origin));
        // The count is written before the hits are (each fetches its fragment): wait for both.
        b.wait_for(
            "search results",
            "const t = document.querySelector('.search-status').textContent;
             return t && (t === document.querySelector('.search-page').dataset.none
               || document.querySelectorAll('.search-results > li').length > 0)",
        );
        serde_json::from_value(b.eval(
            "return [...document.querySelectorAll('.search-results > li > a')].map(a => a.textContent.trim())",
            json!([]),
        ))
        .expect("titles")
    };
    let typo = search("buurtmoestuim");
    assert_eq!(
        typo.first().map(String::as_str),
        Some("Buurtmoestuin De Groene Hoek"),
        "one letter wrong: {typo:?}"
    );
    assert!(search("moestuinn").contains(&"Buurtmoestuin De Groene Hoek".to_string()));
    let exact = search("buurt");
    assert_eq!(
        exact.first().map(String::as_str),
        Some("Buurt"),
        "{exact:?}"
    );
}

/// Types `query` into the header's field of the page open in `b` and waits for the listbox;
/// returns the options' texts.
fn type_in_header(b: &Browser, query: &str) -> Vec<String> {
    b.eval(
        "const f = document.getElementById('zoekveld'); f.focus(); f.value = ''",
        json!([]),
    );
    b.keys(&[query]);
    b.wait_for(
        "the results while typing",
        "const l = document.querySelector('.typeahead');
         return l && !l.hidden && l.querySelector('[role=option]')",
    );
    serde_json::from_value(b.eval(
        "return [...document.querySelectorAll('.typeahead [role=option]')].map(o => o.textContent.trim())",
        json!([]),
    ))
    .expect("texts")
}

#[test]
fn the_header_search_shows_results_while_typing_and_works_with_the_keyboard() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let b = Browser::start(DESKTOP.0, DESKTOP.1);
    let origin = &sites.fixture.origin;
    b.goto(&format!("{origin}/projecten/golden-sports/"));
    loaded(&b);
    assert_eq!(
        b.eval(
            "return performance.getEntriesByType('resource').filter(r => r.name.includes('/search/')).length",
            json!([])
        ),
        json!(0),
        "the index is fetched only once the reader searches"
    );
    let options = type_in_header(&b, "moestuin");
    assert!(
        options
            .iter()
            .any(|o| o.starts_with("Buurtmoestuin De Groene Hoek")),
        "{options:?}"
    );
    assert!(
        options
            .last()
            .is_some_and(|o| o.starts_with("Alle resultaten")),
        "{options:?}"
    );
    assert!(options.len() <= 9, "at most 8 results and the link");
    let aria = b.eval(
        "const f = document.getElementById('zoekveld'), l = document.querySelector('.typeahead');
         return [f.getAttribute('role'), f.getAttribute('aria-expanded'),
                 f.getAttribute('aria-controls') === l.id, l.getAttribute('role'),
                 document.querySelector('.site-header [role=status]').textContent]",
        json!([]),
    );
    assert_eq!(aria[0], json!("combobox"));
    assert_eq!(aria[1], json!("true"));
    assert_eq!(aria[2], json!(true));
    assert_eq!(aria[3], json!("listbox"));
    assert!(
        aria[4].as_str().is_some_and(|s| s.contains("resulta")),
        "the live region counts: {aria}"
    );

    b.keys(&[ESCAPE]);
    assert_eq!(
        b.eval(
            "const f = document.getElementById('zoekveld');
             return [document.querySelector('.typeahead').hidden, f.getAttribute('aria-expanded'),
                     f.value, document.activeElement === f]",
            json!([])
        ),
        json!([true, "false", "moestuin", true]),
        "Escape closes and keeps the text"
    );

    type_in_header(&b, "moestuin");
    b.eval("document.querySelector('main h1').click()", json!([]));
    assert_eq!(
        b.eval(
            "return document.querySelector('.typeahead').hidden",
            json!([])
        ),
        json!(true),
        "a click outside closes"
    );

    type_in_header(&b, "moestuin");
    b.keys(&[ARROW_DOWN]);
    let first = b.eval(
        "const f = document.getElementById('zoekveld');
         const o = document.getElementById(f.getAttribute('aria-activedescendant'));
         return [o.getAttribute('aria-selected'), o.dataset.href]",
        json!([]),
    );
    assert_eq!(first[0], json!("true"));
    b.keys(&[ENTER]);
    b.wait_for(
        "the first result's page",
        "return location.pathname === arguments[0] || location.pathname",
    );
    loaded(&b);
    assert_eq!(
        b.eval("return location.pathname", json!([])),
        first[1],
        "Enter opens the active result"
    );

    // Enter with no option active: the search page with the query.
    type_in_header(&b, "moestuin");
    b.keys(&[ENTER]);
    b.wait_for(
        "the search page",
        "return location.pathname === '/zoeken/' && document.querySelector('.search-results > li')",
    );
    assert_eq!(
        b.eval("return location.search", json!([])),
        json!("?q=moestuin")
    );

    // One letter wrong in a long word.
    b.goto(&format!("{origin}/"));
    loaded(&b);
    let typo = type_in_header(&b, "buurtmoestuim");
    assert!(
        typo.iter()
            .any(|o| o.starts_with("Buurtmoestuin De Groene Hoek")),
        "{typo:?}"
    );
}

#[test]
fn axe_finds_nothing_with_the_results_while_typing_open() {
    let Some((sites, _lock)) = setup() else {
        return;
    };
    let Some(axe) = axe_source() else {
        support::skip("axe-core is not installed (bash tests/browser/setup.sh)");
        return;
    };
    let shots = Path::new("/work/wt/screens/typeahead");
    let _ = std::fs::create_dir_all(shots);
    let mut problems = Vec::new();
    for (label, (width, height)) in [("desktop", DESKTOP), ("phone", PHONE)] {
        let b = Browser::start(width, height);
        for scheme in ["light", "dark"] {
            b.goto(&format!("{}/", sites.builtin.origin));
            b.eval(
                "localStorage.setItem('kennisbank-color-scheme', arguments[0])",
                json!([scheme]),
            );
            b.goto(&format!("{}/", sites.builtin.origin));
            loaded(&b);
            type_in_header(&b, "buurt");
            b.keys(&[ARROW_DOWN]);
            for v in axe_violations(&b, &axe) {
                problems.push(format!("{scheme} at {width}px: {v}"));
            }
            if shots.is_dir() {
                let _ = std::fs::write(
                    shots.join(format!("typeahead-{label}-{scheme}.png")),
                    b.screenshot_png(),
                );
            }
        }
        b.eval(
            "localStorage.removeItem('kennisbank-color-scheme')",
            json!([]),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
