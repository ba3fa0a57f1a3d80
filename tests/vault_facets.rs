//! A vault's own property declared a facet (`taxonomies:`): overview and value pages, links
//! from each note, and the listing's filters, as for the built-in facets. A property whose
//! value is a wikilink is a facet of the linked note's name.

mod common;

use common::{attrs, build, fixture, links, page, texts};

fn out() -> kennisbank::pipeline::MemoryOutput {
    build(&fixture("vault_facets"), &Default::default())
}

#[test]
fn a_custom_property_gets_facet_pages() {
    let out = out();
    let overview = page(&out, "doelgroep/index.html");
    assert_eq!(
        links(&overview, "main .chips a"),
        [
            (
                "Mantelzorgers 1".to_string(),
                "/doelgroep/mantelzorgers/".to_string()
            ),
            ("Ouderen 2".into(), "/doelgroep/ouderen/".into()),
        ]
    );
    let value = page(&out, "doelgroep/ouderen/index.html");
    assert_eq!(texts(&value, "ul.items li > a"), ["Buurtbus", "Taalcafé"]);
    let note = page(&out, "buurtbus/index.html");
    assert!(
        links(&note, "dl.facets dd a")
            .contains(&("Ouderen".to_string(), "/doelgroep/ouderen/".to_string())),
        "{:?}",
        links(&note, "dl.facets dd a")
    );
}

#[test]
fn a_wikilink_property_is_a_facet_of_the_notes_name() {
    let out = out();
    assert!(out.get("organisatie/movisie/index.html").is_some());
    let value = page(&out, "organisatie/movisie/index.html");
    assert_eq!(texts(&value, "h1"), ["Organisatie: Movisie"]);
}

#[test]
fn the_listing_filters_on_a_custom_facet() {
    let out = out();
    let html = page(&out, "alles/index.html");
    let data = attrs(&html, "ul.items li", "data-f");
    assert!(
        data.iter().any(|d| d.contains("doelgroep=mantelzorgers")),
        "{data:?}"
    );
    assert_eq!(
        texts(&html, "fieldset[data-facet=doelgroep] label"),
        ["Mantelzorgers 1", "Ouderen 2"]
    );
}
