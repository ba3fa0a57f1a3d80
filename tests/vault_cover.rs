//! `image:`/`cover:` as the page's social and card image: found as an embed's file is (a
//! wikilink, a path in the vault, or a bare name by Obsidian's shortest-path rule), copied,
//! named in `og:image` (absolute when the site's address is) and shown beside the note in
//! listings. An address elsewhere or a missing file is a warning at the property's line.

mod common;

use common::{attrs, fixture, page};
use kennisbank::pipeline;
use kennisbank::site::SiteOptions;

fn built(options: &SiteOptions) -> (pipeline::MemoryOutput, Vec<String>) {
    let (out, warnings) = pipeline::build_in_memory(&fixture("vault_cover"), options)
        .unwrap_or_else(|e| panic!("the vault should build:\n{}", common::list(&e.0)));
    (
        out,
        warnings
            .iter()
            .map(|w| w.display(kennisbank::language::Language::En).to_string())
            .collect(),
    )
}

fn og_image(out: &pipeline::MemoryOutput, path: &str) -> Vec<String> {
    attrs(&page(out, path), "meta[property=\"og:image\"]", "content")
}

#[test]
fn the_image_is_found_copied_and_named_in_og_image() {
    let (out, _) = built(&Default::default());
    assert_eq!(
        og_image(&out, "buurtbus/index.html"),
        ["https://kluis.example.nl/bijlagen/bus.png"]
    );
    assert_eq!(
        og_image(&out, "taalcafe/index.html"),
        ["https://kluis.example.nl/bijlagen/taal.jpg"]
    );
    // A bare name: of two files called so, the one with the shortest path.
    assert_eq!(
        og_image(&out, "kring/index.html"),
        ["https://kluis.example.nl/foto-s/kring.png"]
    );
    for file in ["bijlagen/bus.png", "bijlagen/taal.jpg", "foto-s/kring.png"] {
        assert!(out.get(file).is_some(), "{file} should be copied");
    }
    assert!(out.get("foto-s/oud/kring.png").is_none());
    assert!(out.get("bijlagen/ongebruikt.png").is_none());
}

#[test]
fn og_image_is_a_path_when_the_site_address_is_one() {
    let options = SiteOptions {
        base_url: Some("/kluis/".into()),
        ..Default::default()
    };
    let (out, _) = built(&options);
    assert_eq!(
        og_image(&out, "buurtbus/index.html"),
        ["/kluis/bijlagen/bus.png"]
    );
}

#[test]
fn listings_show_the_image_beside_the_note() {
    let (out, _) = built(&Default::default());
    let html = page(&out, "alles/index.html");
    assert_eq!(
        attrs(&html, "ul.items li.has-image img.item-image", "src"),
        [
            "/bijlagen/bus.png",
            "/foto-s/kring.png",
            "/bijlagen/taal.jpg"
        ]
    );
    assert_eq!(attrs(&html, "img.item-image", "alt"), ["", "", ""]);
}

#[test]
fn an_address_elsewhere_or_a_missing_file_is_a_warning_and_no_image() {
    let (out, warnings) = built(&Default::default());
    assert!(
        warnings.contains(&"Extern.md:3: warning: image: `https://elders.example.com/x.png` is an address elsewhere; put the image in the vault and name it here".to_string()),
        "{warnings:#?}"
    );
    assert!(
        warnings.contains(
            &"Weg.md:2: warning: image: no file `bestaat-niet.png` in the vault".to_string()
        ),
        "{warnings:#?}"
    );
    assert!(og_image(&out, "extern/index.html").is_empty());
    assert!(og_image(&out, "weg/index.html").is_empty());
}
