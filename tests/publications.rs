//! Publications and reading lists as data: JSON-LD on every page, the publisher found from
//! the URL's domain and filed as a facet, a reading list's handout (with a QR code that
//! decodes to the list's address) and citation files that parse back, and `data.json`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kennisbank::pipeline::{self, MemoryOutput};
use kennisbank::site::SiteOptions;
use scraper::{Html, Selector};
use serde_json::Value;

const BASE: &str = "https://kennisbank.example.nl/sub/";
const LIST: &str = "leeslijsten/leeslijst-buurtkracht/";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/publications")
}

fn output() -> &'static MemoryOutput {
    static OUTPUT: OnceLock<MemoryOutput> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let (output, warnings) = pipeline::build_in_memory(&root(), &SiteOptions::default())
            .unwrap_or_else(|failed| panic!("{:?}", failed.0));
        assert!(warnings.is_empty(), "{warnings:?}");
        output
    })
}

fn page(path: &str) -> Html {
    let text = output()
        .text(path)
        .unwrap_or_else(|| panic!("no {path} in the output"));
    Html::parse_document(text)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text_of(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

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
    // Only the theme's script and the JSON-LD: the summary's `</script><script>` stayed text.
    let scripts = select(&html, "script");
    assert_eq!(scripts.len(), 2);
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
fn the_reading_list_page_links_its_handout_and_downloads() {
    let html = page(&format!("{LIST}index.html"));
    let links: Vec<String> = select(&html, "aside.list-tools a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [
            format!("/sub/{LIST}handout/"),
            format!("/sub/{LIST}leeslijst-buurtkracht.json"),
            format!("/sub/{LIST}leeslijst-buurtkracht.ris"),
            format!("/sub/{LIST}leeslijst-buurtkracht.bib"),
        ]
    );
    for link in &links[1..] {
        assert!(
            output().get(link.trim_start_matches("/sub/")).is_some(),
            "{link}"
        );
    }
}

#[test]
fn the_handout_prints_full_addresses_in_order_and_a_qr_code_to_the_list() {
    let html = page(&format!("{LIST}handout/index.html"));
    assert_eq!(text_of(&select(&html, "h1")[0]), "Leeslijst buurtkracht");
    assert_eq!(
        select(&html, r#"link[rel="stylesheet"]"#)[0]
            .value()
            .attr("href"),
        Some("/sub/css/handout.css")
    );
    assert!(output().get("css/handout.css").is_some());
    let items = select(&html, "ol.handout-items > li");
    let titles: Vec<String> = items
        .iter()
        .map(|li| {
            text_of(
                &li.select(&Selector::parse(".item-title a").unwrap())
                    .next()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Sport & bewegen: 100% {sociaal}",
            "Een artikel elders",
            "Collectieve oplossingen in de wijk",
            "Nabijheid",
            "Golden Sports"
        ]
    );
    // Full addresses as visible text: a publication's own, and its page here.
    let urls: Vec<String> = select(&html, "ol.handout-items .url")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        urls.contains(&"https://example.org/rapport.pdf".to_string()),
        "{urls:?}"
    );
    assert!(
        urls.contains(
            &"In de kennisbank: https://kennisbank.example.nl/sub/publicaties/met-uitgever/"
                .to_string()
        )
    );
    assert!(urls.contains(&"https://example.net/artikel".to_string()));
    assert!(urls.contains(&format!("{BASE}lexicon/nabijheid/")));
    let meta = text_of(
        &items[2]
            .select(&Selector::parse(".item-meta").unwrap())
            .next()
            .unwrap(),
    );
    assert_eq!(meta, "Jan van der Berg, Richard Bailey · Movisie, 2025");
    // The QR code holds the list's address on the live site.
    let caption = text_of(&select(&html, "figure.qr-block figcaption")[0]);
    assert!(caption.ends_with(&format!("{BASE}{LIST}")), "{caption}");
    let svg = select(&html, "figure.qr-block svg.qr");
    assert_eq!(svg.len(), 1);
    assert_eq!(svg[0].value().attr("aria-hidden"), Some("true"));
    assert_eq!(decode_qr(&svg[0].html()), format!("{BASE}{LIST}"));
    let downloads: Vec<&str> = select(&html, "section.downloads a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .map(|h| h.rsplit('.').next().unwrap())
        .collect();
    assert_eq!(downloads, ["json", "ris", "bib"]);
}

/// Reads the QR code back from the SVG: each `M x y` starts a dark module of 4×4 units.
fn decode_qr(svg: &str) -> String {
    let width: usize = svg
        .split("width=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; width * width];
    for command in path.split('M').filter(|c| !c.is_empty()) {
        let mut numbers = command
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse::<usize>().unwrap());
        let (x, y) = (numbers.next().unwrap(), numbers.next().unwrap());
        for dy in 0..4 {
            for dx in 0..4 {
                dark[(y + dy) * width + x + dx] = true;
            }
        }
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, width, |x, y| {
        if dark[y * width + x] { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

#[derive(serde::Deserialize, Debug)]
struct CslItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    title: String,
    #[serde(rename = "URL")]
    url: String,
    #[serde(default)]
    author: Vec<CslName>,
    publisher: Option<String>,
    issued: Option<CslDate>,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct CslName {
    family: Option<String>,
    given: Option<String>,
    #[serde(rename = "non-dropping-particle")]
    particle: Option<String>,
}

#[derive(serde::Deserialize, Debug)]
struct CslDate {
    #[serde(rename = "date-parts")]
    parts: Vec<Vec<i64>>,
}

fn download(ext: &str) -> &'static str {
    output()
        .text(&format!("{LIST}leeslijst-buurtkracht.{ext}"))
        .unwrap()
}

#[test]
fn csl_json_parses_with_every_reference() {
    let items: Vec<CslItem> = serde_json::from_str(download("json")).unwrap();
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Sport & bewegen: 100% {sociaal}",
            "Een artikel elders",
            "Collectieve oplossingen in de wijk",
            "Nabijheid",
            "Golden Sports"
        ]
    );
    let report = &items[2];
    assert_eq!(report.kind, "report");
    assert_eq!(report.id, "berg2025");
    assert_eq!(report.publisher.as_deref(), Some("Movisie"));
    assert_eq!(report.issued.as_ref().unwrap().parts, [[2025]]);
    assert_eq!(
        report.url,
        "https://digitalepublicaties.movisie.nl/nl/collectieve-oplossingen"
    );
    assert_eq!(
        report.author[0],
        CslName {
            family: Some("Berg".into()),
            given: Some("Jan".into()),
            particle: Some("van der".into())
        }
    );
    assert_eq!(items[1].kind, "webpage");
    assert_eq!(items[3].url, format!("{BASE}lexicon/nabijheid/"));
    assert_eq!(items[3].publisher.as_deref(), Some("Publicatiebank"));
}

/// A minimal RIS reader: `TG  - value` lines, records from `TY` to `ER`.
fn parse_ris(text: &str) -> Vec<Vec<(String, String)>> {
    assert!(text.ends_with("\r\n"));
    let mut records = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(!line.contains('\n'), "bare line feed in {line:?}");
        let (tag, value) = (&line[..2], &line[2..]);
        assert!(
            tag.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{line:?}"
        );
        let value = value.strip_prefix("  - ").unwrap_or_else(|| {
            assert_eq!(value, "  -", "{line:?}");
            ""
        });
        match tag {
            "TY" => {
                assert!(current.is_none(), "TY inside a record");
                current = Some(vec![(tag.into(), value.into())]);
            }
            "ER" => records.push(current.take().expect("ER without TY")),
            _ => current
                .as_mut()
                .expect("a tag outside a record")
                .push((tag.into(), value.into())),
        }
    }
    assert!(current.is_none(), "the last record has no ER");
    records
}

#[test]
fn ris_round_trips_through_a_reader() {
    let records = parse_ris(download("ris"));
    assert_eq!(records.len(), 5);
    let values = |record: &Vec<(String, String)>, tag: &str| -> Vec<String> {
        record
            .iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let report = &records[2];
    assert_eq!(values(report, "TY"), ["RPRT"]);
    assert_eq!(values(report, "TI"), ["Collectieve oplossingen in de wijk"]);
    assert_eq!(
        values(report, "AU"),
        ["van der Berg, Jan", "Bailey, Richard"]
    );
    assert_eq!(values(report, "PB"), ["Movisie"]);
    assert_eq!(values(report, "PY"), ["2025"]);
    assert_eq!(
        values(report, "UR"),
        ["https://digitalepublicaties.movisie.nl/nl/collectieve-oplossingen"]
    );
    assert_eq!(
        values(&records[0], "TI"),
        ["Sport & bewegen: 100% {sociaal}"]
    );
    assert_eq!(values(&records[1], "TY"), ["ELEC"]);
    assert_eq!(values(&records[1], "UR"), ["https://example.net/artikel"]);
}

#[test]
fn bibtex_round_trips_through_a_parser() {
    use biblatex::{Bibliography, ChunksExt, Person};
    let bib = Bibliography::parse(download("bib")).unwrap();
    let keys: Vec<&str> = bib.keys().collect();
    assert_eq!(
        keys,
        ["wit2021", "artikel", "berg2025", "nabijheid", "golden"]
    );
    let field = |key: &str, name: &str| bib.get(key).unwrap().get(name).unwrap().format_verbatim();
    assert_eq!(field("wit2021", "title"), "Sport & bewegen: 100% {sociaal}");
    assert_eq!(field("wit2021", "institution"), "Eigen Uitgever");
    assert_eq!(field("berg2025", "year"), "2025");
    assert_eq!(field("berg2025", "institution"), "Movisie");
    assert_eq!(
        field("berg2025", "url"),
        "https://digitalepublicaties.movisie.nl/nl/collectieve-oplossingen"
    );
    let authors: Vec<Person> = bib.get("berg2025").unwrap().get_as("author").unwrap();
    let names: Vec<(&str, &str, &str)> = authors
        .iter()
        .map(|p| (p.prefix.as_str(), p.name.as_str(), p.given_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("van der", "Berg", "Jan"), ("", "Bailey", "Richard")]
    );
    assert_eq!(bib.get("artikel").unwrap().entry_type.to_string(), "misc");
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
