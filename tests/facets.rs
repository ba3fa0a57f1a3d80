//! Facets: an overview page per facet, a page per value (case-folded, ASCII slug), links from
//! each note, and configurable facets.

mod common;

use common::{build, links, page, site, texts};

fn facet_site() -> tempfile::TempDir {
    site(&[
        (
            "content/projecten/a.md",
            "---\ntitle: Alfa\ntags: [Sociale Basis, sport]\nsphere: informeel\nregion: Utrecht\n---\n",
        ),
        (
            "content/projecten/b.md",
            "---\ntitle: Beta\ntags: [sociale basis, één-ouder gezinnen]\nsphere: [informeel, formeel]\n---\n",
        ),
        (
            "content/lexicon/c.md",
            "---\ntitle: Gamma\ntags: sociale-basis\ndomain: [sport]\n---\n",
        ),
    ])
}

#[test]
fn values_are_case_folded_and_slugged() {
    let out = build(facet_site().path(), &Default::default());
    let overview = page(&out, "trefwoorden/index.html");
    assert_eq!(
        links(&overview, "main .chips a"),
        [
            (
                "één-ouder gezinnen 1".to_string(),
                "/trefwoorden/een-ouder-gezinnen/".to_string()
            ),
            (
                "Sociale Basis 3".into(),
                "/trefwoorden/sociale-basis/".into()
            ),
            ("sport 1".into(), "/trefwoorden/sport/".into()),
        ]
    );
    let value = page(&out, "trefwoorden/sociale-basis/index.html");
    assert_eq!(texts(&value, "h1"), ["Trefwoorden: Sociale Basis"]);
    assert_eq!(texts(&value, "ul.items li > a"), ["Alfa", "Beta", "Gamma"]);
}

#[test]
fn each_note_links_its_values() {
    let out = build(facet_site().path(), &Default::default());
    let html = page(&out, "projecten/b/index.html");
    assert_eq!(texts(&html, "dl.facets dt"), ["Trefwoorden", "Sfeer"]);
    assert_eq!(
        links(&html, "dl.facets dd a"),
        [
            (
                "Sociale Basis".to_string(),
                "/trefwoorden/sociale-basis/".to_string()
            ),
            (
                "één-ouder gezinnen".into(),
                "/trefwoorden/een-ouder-gezinnen/".into()
            ),
            ("informeel".into(), "/sfeer/informeel/".into()),
            ("formeel".into(), "/sfeer/formeel/".into()),
        ]
    );
}

#[test]
fn listings_carry_filter_data_and_counts() {
    let out = build(facet_site().path(), &Default::default());
    let html = page(&out, "alles/index.html");
    // `sociale-basis`, which every note here has, narrows nothing: no checkbox, no data.
    assert_eq!(
        common::attrs(&html, "ul.items li", "data-f"),
        [
            "kind=project tags=sport sphere=informeel region=utrecht",
            "kind=project tags=een-ouder-gezinnen sphere=informeel sphere=formeel",
            "kind=lexicon domain=sport",
        ]
    );
    assert!(
        html.select(&scraper::Selector::parse("input[value=sociale-basis]").unwrap())
            .next()
            .is_none()
    );
    let sphere_counts = texts(&html, "fieldset[data-facet=sphere] label");
    assert_eq!(sphere_counts, ["formeel 1", "informeel 2"]);
}

#[test]
fn facets_are_configurable() {
    let dir = site(&[
        (
            "kennisbank.yaml",
            "taxonomies:\n  - key: doelgroep\n    label: Doelgroep\n",
        ),
        (
            "content/a.md",
            "---\ntitle: A\ndoelgroep: [Jongeren]\n---\n",
        ),
    ]);
    let out = build(dir.path(), &Default::default());
    assert!(out.get("doelgroep/jongeren/index.html").is_some());
    assert!(
        out.get("trefwoorden/index.html").is_none(),
        "tags is no facet in this site"
    );
    let bad = site(&[
        ("kennisbank.yaml", "strict: true\ntaxonomies: [doelgroep]\n"),
        ("content/a.md", "---\ntitle: A\nsphere: [x]\n---\n"),
    ]);
    let errors = common::build_errors(bad.path());
    assert!(
        errors[0]
            .message
            .nl()
            .contains("onbekende eigenschap `sphere`"),
        "{}",
        common::list(&errors)
    );
}
