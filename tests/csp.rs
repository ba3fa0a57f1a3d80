//! Every page the site makes satisfies the strict Content-Security-Policy that README's
//! "Publiceren" gives for nginx and Apache: no inline script (JSON-LD data blocks are not
//! scripts), no `<style>` element, no `style=` attribute, no `on…=` handler. Checked on the
//! built-in site and the fixture sites by parsing each page.

mod common;

use std::path::Path;

use kennisbank::pipeline::{self, MemoryOutput};
use kennisbank::site::SiteOptions;
use scraper::{Html, Selector};

/// The policy as README gives it; the test below checks what it forbids.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

fn built(root: &Path) -> MemoryOutput {
    let options = SiteOptions {
        base_url: Some("https://kennisbank.example.nl/".into()),
        ..SiteOptions::default()
    };
    pipeline::build_in_memory(root, &options)
        .unwrap_or_else(|e| panic!("{}", common::list(&e.0)))
        .0
}

fn violations(path: &str, html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    let scripts = Selector::parse("script").unwrap();
    for script in doc.select(&scripts) {
        let el = script.value();
        let data_block = el.attr("type") == Some("application/ld+json");
        if el.attr("src").is_none() && !data_block {
            found.push(format!("{path}: an inline <script>"));
        }
    }
    if doc
        .select(&Selector::parse("style").unwrap())
        .next()
        .is_some()
    {
        found.push(format!("{path}: a <style> element"));
    }
    for el in doc.select(&Selector::parse("*").unwrap()) {
        for (name, _) in el.value().attrs() {
            if name == "style" {
                found.push(format!("{path}: style= on <{}>", el.value().name()));
            } else if name.starts_with("on") {
                found.push(format!("{path}: {name}= on <{}>", el.value().name()));
            }
        }
        if let Some(href) = el.value().attr("href").or(el.value().attr("src"))
            && href
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
        {
            found.push(format!("{path}: a javascript: URL"));
        }
    }
    found
}

#[test]
fn every_page_of_every_site_satisfies_the_content_security_policy() {
    assert!(POLICY.contains("script-src 'self'") && !POLICY.contains("unsafe-inline"));
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut pages = 0;
    for root in [
        manifest.to_path_buf(),
        common::fixture("browser"),
        common::fixture("tokens"),
        common::fixture("publications"),
        common::fixture("links"),
    ] {
        let out = built(&root);
        for (path, bytes) in &out.0 {
            if !path.ends_with(".html") {
                continue;
            }
            pages += 1;
            problems.extend(violations(path, &String::from_utf8_lossy(bytes)));
        }
    }
    assert!(pages > 150, "only {pages} pages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_what_the_policy_blocks() {
    let bad = "<html><head><style>p{}</style><script>alert(1)</script></head><body><p style=\"color:red\" onclick=\"x()\">x</p><a href=\"javascript:x()\">y</a><script type=\"application/ld+json\">{}</script></body></html>";
    assert_eq!(
        violations("x.html", bad).len(),
        5,
        "{:?}",
        violations("x.html", bad)
    );
}

#[test]
fn stylesheets_and_scripts_carry_a_content_hash() {
    let out = built(&common::fixture("tokens"));
    let home = common::page(&out, "index.html");
    let mut urls = common::attrs(&home, "link[rel=stylesheet]", "href");
    urls.extend(common::attrs(&home, "script[src]", "src"));
    assert!(urls.len() >= 6, "{urls:?}");
    for url in &urls {
        let (path, version) = url.split_once("?v=").unwrap_or_else(|| panic!("{url}"));
        assert_eq!(version.len(), 10, "{url}");
        assert!(out.get(path.trim_start_matches('/')).is_some(), "{url}");
    }
}
