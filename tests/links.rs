//! Wikilinks, relative links, headings, files beside notes, backlinks, safelinks, and a site
//! published under a sub-path.

mod common;

use common::{attrs, build, fixture, links, page, texts};
use kennisbank::site::SiteOptions;

#[test]
fn wikilinks_resolve_by_title_alias_file_name_and_path_ignoring_case() {
    let out = build(&fixture("links"), &SiteOptions::default());
    let html = page(&out, "publicaties/sterke-basis/index.html");
    let found = links(&html, ".prose a");
    assert_eq!(
        found,
        [
            (
                "Golden Sport".to_string(),
                "/projecten/golden-sports/".to_string()
            ),
            (
                "de resultaten".into(),
                "/projecten/golden-sports/#resultaten".into()
            ),
            (
                "het project".into(),
                "/projecten/golden-sports/#resultaten-1".into()
            ),
            (
                "Voor gemeenten/Rol van de gemeente".into(),
                "/voor-gemeenten/rol-van-de-gemeente/".into()
            ),
            (
                "de rol".into(),
                "/voor-gemeenten/rol-van-de-gemeente/".into()
            ),
            (
                "beschermde link".into(),
                "https://www.zorgwelzijn.nl/buurtagenda/".into()
            ),
            ("interne link".into(), "/trefwoorden/sport/".into()),
        ]
    );
}

#[test]
fn headings_get_ids_usable_as_anchors() {
    let out = build(&fixture("links"), &SiteOptions::default());
    let html = page(&out, "projecten/golden-sports/index.html");
    assert_eq!(
        attrs(&html, ".prose h2", "id"),
        ["resultaten", "resultaten-1"]
    );
}

#[test]
fn backlinks_list_every_note_that_links_here_once() {
    let out = build(&fixture("links"), &SiteOptions::default());
    let html = page(&out, "projecten/golden-sports/index.html");
    // The publication links three times, the home page once (and is left out: the home page
    // links to much, so being linked from it says nothing).
    assert_eq!(
        texts(&html, ".backlinks li a"),
        ["Sterke beleidsinterventies, sterke sociale basis"]
    );
    let rol = page(&out, "voor-gemeenten/rol-van-de-gemeente/index.html");
    assert_eq!(
        texts(&rol, ".backlinks li a"),
        ["Sterke beleidsinterventies, sterke sociale basis"]
    );
}

#[test]
fn files_beside_notes_are_copied_and_linked() {
    let out = build(&fixture("links"), &SiteOptions::default());
    let html = page(&out, "projecten/golden-sports/index.html");
    assert_eq!(
        attrs(&html, ".prose img", "src"),
        ["/projecten/groep%20foto.svg"]
    );
    assert_eq!(attrs(&html, ".prose img", "alt"), ["De groep in het park"]);
    assert_eq!(
        links(&html, ".prose a:not(.heading-anchor)"),
        [(
            "Verslag als pdf".to_string(),
            "/projecten/verslag.pdf".to_string()
        )]
    );
    assert!(out.get("projecten/groep foto.svg").is_some());
    assert_eq!(
        out.get("projecten/verslag.pdf"),
        Some(&b"%PDF-1.4 test"[..])
    );
}

#[test]
fn publication_url_from_a_safelink_is_unwrapped() {
    let out = build(&fixture("links"), &SiteOptions::default());
    let html = page(&out, "publicaties/sterke-basis/index.html");
    let hrefs = attrs(&html, "a.button", "href");
    assert_eq!(hrefs, ["https://www.movisie.nl/sterke.pdf"]);
    let all = out.text("publicaties/sterke-basis/index.html").unwrap();
    assert!(
        !all.contains("safelinks"),
        "no safelink may survive anywhere on the page"
    );
}

#[test]
fn every_link_and_asset_carries_the_sub_path() {
    let options = SiteOptions {
        base_url: Some("https://intranet.example.nl/kennisbank/".into()),
        drafts: false,
        preview: false,
    };
    let out = build(&fixture("links"), &options);
    for path in [
        "index.html",
        "publicaties/sterke-basis/index.html",
        "projecten/golden-sports/index.html",
        "trefwoorden/sport/index.html",
    ] {
        let html = page(&out, path);
        let mut urls = attrs(&html, "a[href]", "href");
        urls.extend(attrs(&html, "link[href]", "href"));
        urls.extend(attrs(&html, "script[src], img[src]", "src"));
        urls.extend(attrs(&html, "form[action]", "action"));
        for url in urls {
            let ok = url.starts_with("/kennisbank/")
                || url.starts_with("https://")
                || url.starts_with('#');
            assert!(ok, "{path}: {url} does not stay under /kennisbank/");
        }
    }
    // Nothing in this fixture is dated: no feed (rather than one dated 1970).
    assert!(out.text("atom.xml").is_none());
    let sitemap = out.text("sitemap.xml").unwrap();
    assert!(
        sitemap
            .contains("<loc>https://intranet.example.nl/kennisbank/projecten/golden-sports/</loc>")
    );
}
