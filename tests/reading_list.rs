//! A reading list's handout (full addresses, a QR code that decodes to the list's address)
//! and its citation files, which parse back: CSL-JSON through serde, RIS through a small
//! reader, BibTeX through the biblatex crate.

mod publications_site;

use kennisbank::pipeline;
use kennisbank::site::SiteOptions;
use publications_site::{BASE, LIST, output, page, root, select, text_of};
use scraper::{Html, Selector};

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
    let sheet = select(&html, r#"link[rel="stylesheet"]"#)[0]
        .value()
        .attr("href")
        .unwrap_or_default()
        .to_string();
    assert!(sheet.starts_with("/sub/css/handout.css?v="), "{sheet}");
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
fn without_an_absolute_base_url_the_handout_prints_no_address_and_says_how_to_add_it() {
    let options = SiteOptions {
        base_url: Some("/".into()),
        drafts: false,
        preview: false,
    };
    let (output, _) = pipeline::build_in_memory(&root(), &options).unwrap();
    let html = Html::parse_document(output.text(&format!("{LIST}handout/index.html")).unwrap());
    assert!(select(&html, "svg.qr").is_empty());
    assert!(select(&html, "figure.qr-block").is_empty());
    // No "/leeslijsten/…" passed off as an address: only on screen, how to add it.
    assert!(
        select(&html, ".url")
            .iter()
            .all(|u| text_of(u).contains("://"))
    );
    let hint = text_of(&select(&html, ".screen-only .address-missing")[0]);
    assert!(hint.contains("base_url"), "{hint}");
}

#[test]
fn a_lists_items_are_its_list_not_the_links_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    };
    write("content/a.md", "---\ntitle: A\n---\n");
    write("content/b.md", "---\ntitle: B\n---\n");
    write("content/c.md", "---\ntitle: C\n---\n");
    write("content/d.md", "---\ntitle: D\n---\n");
    write(
        "content/leeslijsten/lijst.md",
        "---\ntitle: Lijst\n---\nInleiding met [[A]].\n\n1. [[B]] – zie ook [[C]]\n2. [Extern](https://example.org/)\n   - [[A]] in een sublijst\n\nTips:\n\n- lees ook [[D]]\n",
    );
    let out = kennisbank::pipeline::build_in_memory(dir.path(), &Default::default())
        .unwrap()
        .0;
    let html =
        scraper::Html::parse_document(out.text("leeslijsten/lijst/handout/index.html").unwrap());
    let sel = scraper::Selector::parse("ol.handout-items > li").unwrap();
    let items: Vec<String> = html
        .select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(items.len(), 4, "{items:#?}");
    let wanted = ["B", "C", "Extern", "A"]; // not the intro, not the tips list
    for (item, want) in items.iter().zip(wanted) {
        assert!(item.contains(want), "{items:#?}");
    }
}

#[test]
fn the_handout_keeps_the_editors_words_per_item_and_has_a_print_button() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    };
    write("kennisbank.yaml", "base_url: https://kb.example.nl/\n");
    write(
        "content/a.md",
        "---\ntitle: A\nsummary: De samenvatting van A.\n---\n",
    );
    write(
        "content/b.md",
        "---\ntitle: B\nsummary: De samenvatting van B.\n---\n",
    );
    write(
        "content/leeslijsten/l.md",
        "---\ntitle: L\n---\n1. [[A]] – een toegankelijke uitleg\n2. [[B]]\n",
    );
    let options = SiteOptions::default();
    let (output, _) = pipeline::build_in_memory(dir.path(), &options).unwrap();
    let html = Html::parse_document(output.text("leeslijsten/l/handout/index.html").unwrap());
    let words: Vec<String> = select(&html, ".item-summary").iter().map(text_of).collect();
    assert_eq!(
        words,
        ["een toegankelijke uitleg", "De samenvatting van B."]
    );
    let button = select(&html, "button.print-button");
    assert_eq!(button.len(), 1);
    assert!(output.get("js/handout.js").is_some());
}

#[test]
fn the_handout_does_not_print_the_publisher_twice() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    };
    write(
        "content/publicaties/p.md",
        "---\ntitle: P\nurl: https://www.movisie.nl/p\npublisher: Movisie\n---\n",
    );
    write(
        "content/publicaties/q.md",
        "---\ntitle: Q\nurl: https://www.movisie.nl/q\npublisher: Movisie\n---\n",
    );
    write(
        "content/leeslijsten/l.md",
        "---\ntitle: L\n---\n1. [[P]] – Movisie.\n2. [[Q]] – een goed begin, Movisie.\n",
    );
    let (output, _) = pipeline::build_in_memory(dir.path(), &SiteOptions::default()).unwrap();
    let html = Html::parse_document(output.text("leeslijsten/l/handout/index.html").unwrap());
    let items = select(&html, "ol.handout-items > li");
    let summaries: Vec<Vec<String>> = items
        .iter()
        .map(|li| {
            let sel = Selector::parse(".item-summary").unwrap();
            li.select(&sel).map(|e| text_of(&e)).collect()
        })
        .collect();
    assert_eq!(
        summaries,
        [vec![], vec!["een goed begin, Movisie.".to_string()]]
    );
}

#[test]
fn the_handout_labels_its_dates_as_the_note_page_does() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("content/leeslijsten/l.md");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(
        &target,
        "---\ntitle: L\ndate: 2025-09-01\nupdated: 2026-01-15\n---\n1. [Een](https://a.nl/)\n",
    )
    .unwrap();
    let (output, _) = pipeline::build_in_memory(dir.path(), &SiteOptions::default()).unwrap();
    let html = Html::parse_document(output.text("leeslijsten/l/handout/index.html").unwrap());
    let meta: Vec<String> = select(&html, ".handout-header .meta")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        meta,
        ["Gepubliceerd 1 september 2025 · Bijgewerkt 15 januari 2026"]
    );
    let times: Vec<&str> = select(&html, ".handout-header .meta time")
        .iter()
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert_eq!(times, ["2025-09-01", "2026-01-15"]);
}

#[test]
fn served_locally_the_handout_and_feed_keep_the_published_address() {
    // What `serve` does: pages at its own address, full addresses from the config.
    let options = SiteOptions {
        base_url: Some("http://127.0.0.1:4000/".into()),
        drafts: false,
        preview: true,
    };
    let (output, warnings) = pipeline::build_in_memory(&root(), &options).unwrap();
    assert!(
        warnings
            .iter()
            .all(|w| !w.message.nl().starts_with("base_url"))
    );
    let html = Html::parse_document(output.text(&format!("{LIST}handout/index.html")).unwrap());
    let svg = select(&html, "figure.qr-block svg.qr");
    assert_eq!(decode_qr(&svg[0].html()), format!("{BASE}{LIST}"));
    let feed = output.text("atom.xml").unwrap();
    assert!(feed.contains(BASE) && !feed.contains("127.0.0.1"), "{feed}");
}
