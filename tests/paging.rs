//! Long listings come in pages of `PAGE_SIZE` that work without JavaScript (real links, with
//! `rel="prev"`/`rel="next"`), and with a data file of all their items for the filters.

mod common;

use kennisbank::paging::PAGE_SIZE;
use kennisbank::pipeline::MemoryOutput;
use kennisbank::site::SiteOptions;

/// `count` notes `Notitie 000`…, every third tagged `drie`, half of them lexicon entries.
fn site(count: usize) -> (tempfile::TempDir, MemoryOutput) {
    let notes: Vec<(String, String)> = (0..count)
        .map(|i| {
            let tag = if i % 3 == 0 { "drie" } else { "rest" };
            (
                format!("content/notitie-{i:03}.md"),
                format!("---\ntitle: Notitie {i:03}\ntags: [{tag}]\n---\nTekst {i}.\n"),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    files.push((
        "kennisbank.yaml",
        "title: Veel\nbase_url: https://example.org/\ntaxonomies: [tags]\n",
    ));
    let dir = common::site(&files);
    let out = common::build(dir.path(), &SiteOptions::default());
    (dir, out)
}

fn titles(out: &MemoryOutput, path: &str) -> Vec<String> {
    common::texts(&common::page(out, path), ".results .items > li > a")
}

fn rel(out: &MemoryOutput, path: &str, rel: &str) -> Vec<String> {
    common::attrs(
        &common::page(out, path),
        &format!("head link[rel={rel}]"),
        "href",
    )
}

#[test]
fn a_long_listing_is_cut_into_linked_pages_holding_every_note_once() {
    let (_dir, out) = site(250);
    let pages = [
        "alles/index.html",
        "alles/pagina/2/index.html",
        "alles/pagina/3/index.html",
    ];
    let shown: Vec<Vec<String>> = pages.iter().map(|p| titles(&out, p)).collect();
    assert_eq!(shown[0].len(), PAGE_SIZE);
    assert_eq!(shown[1].len(), PAGE_SIZE);
    assert_eq!(shown[2].len(), 250 - 2 * PAGE_SIZE);
    let all: Vec<String> = shown.concat();
    let expected: Vec<String> = (0..250).map(|i| format!("Notitie {i:03}")).collect();
    assert_eq!(all, expected, "every note once, in title order");
    assert!(out.get("alles/pagina/4/index.html").is_none());

    assert!(rel(&out, pages[0], "prev").is_empty());
    assert_eq!(rel(&out, pages[0], "next"), ["/alles/pagina/2/"]);
    assert_eq!(rel(&out, pages[1], "prev"), ["/alles/"]);
    assert_eq!(rel(&out, pages[1], "next"), ["/alles/pagina/3/"]);
    assert!(rel(&out, pages[2], "next").is_empty());
    let second = common::page(&out, pages[1]);
    assert_eq!(
        common::attrs(&second, ".pager a[aria-current=page]", "href"),
        ["/alles/pagina/2/"]
    );
    // The count and the filter counts are the whole listing's.
    assert_eq!(common::texts(&second, "[data-shown]"), ["250"]);
    let labels = common::texts(&second, "aside.filters label");
    assert!(labels.contains(&"drie 84".to_string()), "{labels:?}");
}

#[test]
fn the_items_file_holds_every_item_with_the_panels_values() {
    let (_dir, out) = site(250);
    let page = common::page(&out, "alles/index.html");
    let url = common::attrs(&page, "aside.filters", "data-items");
    assert_eq!(url, ["/alles/items.json"]);
    let data: serde_json::Value =
        serde_json::from_str(out.text("alles/items.json").expect("items.json")).unwrap();
    let items = data["items"].as_array().unwrap();
    assert_eq!(items.len(), 250);
    assert_eq!(items[0][0], "Notitie 000");
    assert_eq!(items[0][1], "/notitie-000/");
    // Values are numbered as the panel's checkboxes stand.
    let values = common::attrs(&page, "aside.filters input[type=checkbox]", "value");
    let drie = values.iter().position(|v| v == "drie").unwrap();
    let tagged = items
        .iter()
        .filter(|item| item[2].as_array().unwrap().iter().any(|v| v == drie))
        .count();
    assert_eq!(tagged, 84);
}

#[test]
fn a_short_listing_has_one_page_and_no_items_file() {
    let (_dir, out) = site(PAGE_SIZE);
    assert_eq!(titles(&out, "alles/index.html").len(), PAGE_SIZE);
    assert!(out.get("alles/pagina/2/index.html").is_none());
    assert!(out.get("alles/items.json").is_none());
    let page = common::page(&out, "alles/index.html");
    assert!(common::texts(&page, ".pager").is_empty());
    assert!(rel(&out, "alles/index.html", "next").is_empty());
}
