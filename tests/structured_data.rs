//! Publications as data: JSON-LD on every page that fits the page's kind, the publisher
//! found from a URL's domain and filed as a facet, and `data.json`.

mod common;
mod publications_site;

use publications_site::{BASE, LIST, output, page, select, text_of};
use serde_json::Value;

/// The page's one JSON-LD block, parsed.
fn jsonld(path: &str) -> Value {
    let html = page(path);
    let scripts = select(&html, r#"script[type="application/ld+json"]"#);
    assert_eq!(scripts.len(), 1, "{path}");
    let value: Value = serde_json::from_str(&scripts[0].inner_html()).unwrap();
    assert_eq!(value["@context"], "https://schema.org", "{path}");
    value
}

#[test]
fn every_html_page_has_one_json_ld_block_that_parses() {
    let mut pages: Vec<&String> = output().0.keys().filter(|p| p.ends_with(".html")).collect();
    pages.sort();
    assert!(pages.len() > 20, "{pages:?}");
    for path in pages {
        let value = jsonld(path);
        assert!(value["@type"].is_string(), "{path}: {value}");
        assert!(value["url"].as_str().unwrap().starts_with(BASE) || path.contains("publicaties/"));
    }
}

#[test]
fn lexicon_entries_and_definitions_are_terms_of_one_set() {
    let lexicon = jsonld("lexicon/nabijheid/index.html");
    let definition = jsonld("definities/sociale-basis/index.html");
    for term in [&lexicon, &definition] {
        assert_eq!(term["@type"], "DefinedTerm");
        assert_eq!(term["inDefinedTermSet"]["@type"], "DefinedTermSet");
        assert_eq!(
            term["inDefinedTermSet"]["@id"],
            format!("{BASE}lexicon/#begrippen")
        );
    }
    assert_eq!(lexicon["name"], "Nabijheid");
    assert_eq!(lexicon["alternateName"][0], "dichtbij");
    assert_eq!(lexicon["url"], format!("{BASE}lexicon/nabijheid/"));
    // The lexicon's listing is where the set lives.
    let listing = jsonld("lexicon/index.html");
    assert_eq!(listing["@type"], "CollectionPage");
    assert_eq!(
        listing["mainEntity"]["@id"],
        format!("{BASE}lexicon/#begrippen")
    );
}

#[test]
fn a_publication_is_a_creative_work_with_its_publisher_and_authors() {
    let work = jsonld("publicaties/zonder-uitgever/index.html");
    assert_eq!(work["@type"], "CreativeWork");
    assert_eq!(work["name"], "Collectieve oplossingen in de wijk");
    // No `publisher:` in the note: found from digitalepublicaties.movisie.nl.
    assert_eq!(
        work["publisher"],
        serde_json::json!({ "@type": "Organization", "name": "Movisie" })
    );
    let authors: Vec<(&str, &str)> = work["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["@type"].as_str().unwrap(), a["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        authors,
        [("Person", "Jan van der Berg"), ("Person", "Richard Bailey")]
    );
    assert_eq!(work["datePublished"], "2025");
    assert_eq!(
        work["url"],
        "https://digitalepublicaties.movisie.nl/nl/collectieve-oplossingen"
    );
    assert_eq!(
        work["mainEntityOfPage"],
        format!("{BASE}publicaties/zonder-uitgever/")
    );
}

#[test]
fn json_ld_text_cannot_end_its_script_element() {
    let html = page("publicaties/met-uitgever/index.html");
    // Only the theme's scripts and the JSON-LD: the summary's `</script><script>` stayed text.
    let scripts = select(&html, "script:not([src])");
    assert_eq!(scripts.len(), 1);
    let work = jsonld("publicaties/met-uitgever/index.html");
    assert_eq!(
        work["description"],
        "Een rapport met lastige tekens: </script><script>alert(1)</script> & meer."
    );
    assert_eq!(work["name"], "Sport & bewegen: 100% {sociaal}");
    assert_eq!(work["publisher"]["name"], "Eigen Uitgever");
}

#[test]
fn a_project_has_its_place_and_organisation() {
    let project = jsonld("projecten/golden-sports/index.html");
    assert_eq!(project["@type"], "Project");
    assert_eq!(project["location"]["@type"], "Place");
    assert_eq!(project["location"]["name"], "Utrecht");
    assert_eq!(project["parentOrganization"]["@type"], "Organization");
    assert_eq!(
        project["parentOrganization"]["name"],
        "Stichting GoldenSports"
    );
    assert_eq!(project["sameAs"], "https://example.org/golden-sports");
}

#[test]
fn a_reading_list_is_an_item_list_in_written_order() {
    let list = jsonld(&format!("{LIST}index.html"));
    assert_eq!(list["@type"], "ItemList");
    let items: Vec<(u64, &str, &str)> = list["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ListItem");
            (
                i["position"].as_u64().unwrap(),
                i["name"].as_str().unwrap(),
                i["url"].as_str().unwrap(),
            )
        })
        .collect();
    let base = BASE;
    assert_eq!(
        items,
        [
            (
                1,
                "Sport & bewegen: 100% {sociaal}",
                format!("{base}publicaties/met-uitgever/").as_str()
            ),
            (2, "Een artikel elders", "https://example.net/artikel"),
            (
                3,
                "Collectieve oplossingen in de wijk",
                format!("{base}publicaties/zonder-uitgever/").as_str()
            ),
            (4, "Nabijheid", format!("{base}lexicon/nabijheid/").as_str()),
            (
                5,
                "Golden Sports",
                format!("{base}projecten/golden-sports/").as_str()
            ),
        ]
    );
    assert_eq!(list["numberOfItems"], 5);
}

#[test]
fn listings_are_collection_pages_and_home_is_the_website() {
    for path in [
        "publicaties/index.html",
        "alles/index.html",
        "trefwoorden/index.html",
        "trefwoorden/sport/index.html",
        "uitgever/movisie/index.html",
    ] {
        let listing = jsonld(path);
        assert_eq!(listing["@type"], "CollectionPage", "{path}");
        assert_eq!(listing["isPartOf"]["url"], BASE);
    }
    assert_eq!(
        jsonld("uitgever/movisie/index.html")["name"],
        "Uitgever: Movisie"
    );
    let home = jsonld("index.html");
    assert_eq!(home["@type"], "WebSite");
    assert_eq!(home["url"], BASE);
    assert_eq!(
        home["potentialAction"]["target"],
        format!("{BASE}zoeken/?q={{search_term_string}}")
    );
    assert_eq!(
        jsonld("notities/werkaantekening/index.html")["@type"],
        "Article"
    );
}

#[test]
fn the_publisher_is_found_from_the_domain_shown_and_filterable() {
    let html = page("publicaties/zonder-uitgever/index.html");
    let facts: Vec<String> = select(&html, "dl.facts dd").iter().map(text_of).collect();
    assert!(facts.contains(&"Movisie".to_string()), "{facts:?}");
    // The facet overview and value pages.
    let overview = page("uitgever/index.html");
    let values: Vec<String> = select(&overview, "ul.chips a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        values,
        ["/sub/uitgever/eigen-uitgever/", "/sub/uitgever/movisie/"]
    );
    let value_page = page("uitgever/movisie/index.html");
    let listed: Vec<String> = select(&value_page, ".results a")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(listed, ["Collectieve oplossingen in de wijk"]);
    // The filter panel of the publications listing offers it, and rows carry it.
    let listing = page("publicaties/index.html");
    let boxes: Vec<String> = select(&listing, r#"input[name="publisher"]"#)
        .iter()
        .map(|i| i.value().attr("value").unwrap().to_string())
        .collect();
    assert_eq!(boxes, ["eigen-uitgever", "movisie"]);
    let row = select(&listing, "tr[data-f]")
        .into_iter()
        .find(|r| text_of(r).contains("Collectieve oplossingen"))
        .unwrap();
    assert!(
        row.value()
            .attr("data-f")
            .unwrap()
            .contains("publisher=movisie")
    );
}

#[test]
fn data_json_holds_every_note_with_its_links() {
    let data: Value = serde_json::from_str(output().text("data.json").unwrap()).unwrap();
    assert_eq!(data["format"], "kennisbank-data");
    assert_eq!(data["version"], 1);
    assert_eq!(data["site"]["base_url"], BASE);
    let notes = data["notes"].as_array().unwrap();
    let by_path = |path: &str| -> &Value {
        notes
            .iter()
            .find(|n| n["path"] == path)
            .unwrap_or_else(|| panic!("no {path}"))
    };
    // Seven notes and the home page.
    assert_eq!(notes.len(), 8);
    assert_eq!(by_path("")["kind"], "section");
    let publication = by_path("publicaties/zonder-uitgever/");
    assert_eq!(publication["kind"], "publication");
    assert_eq!(publication["publication"]["publisher"], "Movisie");
    assert_eq!(publication["publication"]["year"], 2025);
    assert_eq!(publication["facets"]["publisher"][0], "Movisie");
    assert_eq!(publication["backlinks"][0], LIST);
    let list = by_path(LIST);
    assert_eq!(list["url"], format!("{BASE}{LIST}"));
    assert_eq!(
        list["source"],
        "content/leeslijsten/leeslijst-buurtkracht.md"
    );
    assert_eq!(list["date"], "2025-10-01");
    assert_eq!(
        list["links"],
        serde_json::json!([
            "publicaties/met-uitgever/",
            "publicaties/zonder-uitgever/",
            "lexicon/nabijheid/",
            "projecten/golden-sports/"
        ])
    );
    assert_eq!(
        list["external_links"][0]["url"],
        "https://example.net/artikel"
    );
    assert_eq!(list["external_links"][0]["text"], "Een artikel elders");
    let items: Vec<(u64, Option<&str>, &str)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["position"].as_u64().unwrap(),
                i["path"].as_str(),
                i["url"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(items[1], (2, None, "https://example.net/artikel"));
    assert_eq!(items[4].1, Some("projecten/golden-sports/"));
    let backlinks = by_path("lexicon/nabijheid/")["backlinks"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(backlinks, 3);
}

/// `build` writes `data.json` as a stream, note by note, straight into the output folder
/// (never held whole); it must be the same file as the one made in memory, and a rebuild
/// must find it unchanged.
#[test]
fn data_json_written_as_a_stream_is_the_same_file() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let build = || {
        let run = common::kennisbank(&[
            "build",
            "--root",
            publications_site::root().to_str().unwrap(),
            "--output",
            target.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{run:?}");
        String::from_utf8(run.stdout).unwrap()
    };
    build();
    let on_disk = std::fs::read_to_string(target.join("data.json")).unwrap();
    assert_eq!(on_disk, output().text("data.json").unwrap());
    let data_json = target.join("data.json");
    let written = std::fs::metadata(&data_json).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build();
    assert!(again.contains("0 geschreven"), "{again}");
    assert_eq!(
        std::fs::metadata(&data_json).unwrap().modified().unwrap(),
        written
    );
}
