use std::path::Path;

use scraper::{Html, Selector};
use serde_json::json;

use super::*;
use crate::bases::definition::parse;
use crate::bases::rows::{BaseNote, evaluate};
use crate::bases::test_notes::{clock, note};

fn notes() -> Vec<BaseNote> {
    vec![
        note(
            "p/Golden Sports.md",
            json!({"regio": "Utrecht", "jaar": 2021, "prijs": 12.5,
            "organisatie": "[[Movisie]]", "cover": "[[golden.jpg]]", "site": "https://golden.nl"}),
        ),
        note(
            "p/Buurtkamer.md",
            json!({"regio": "Utrecht", "jaar": 2019, "prijs": 3,
            "organisatie": "[[Verborgen]]", "cover": "#ff0000"}),
        ),
        note(
            "p/Samen Koken.md",
            json!({"regio": "Zwolle", "jaar": 2023, "start": "2024-03-01",
            "doel": "Samen <koken>"}),
        ),
        note("Movisie.md", json!({})),
    ]
}

/// Published notes and files have URLs; `Verborgen` does not (a draft).
fn resolve(target: &str) -> Option<String> {
    match target {
        "Movisie" | "Movisie.md" => Some("/movisie/".into()),
        "golden.jpg" => Some("/p/golden.jpg".into()),
        t if t.starts_with("p/") => Some(format!("/{}/", slugify(t.trim_end_matches(".md")))),
        _ => None,
    }
}

fn html(yaml: &str) -> Html {
    let notes = notes();
    let (def, d) = parse(yaml, 1, Path::new("b.base"));
    assert!(d.is_empty(), "{d:?}");
    let result = evaluate(&def.unwrap(), &notes, None, clock(), Language::Nl);
    let opts = RenderOptions {
        language: Language::Nl,
        resolve: &resolve,
        id_prefix: "base",
        heading_level: 2,
    };
    let out: String = result.views.iter().map(|v| render_view(v, &opts)).collect();
    Html::parse_fragment(&out)
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn a_table_has_caption_header_cells_links_and_summaries() {
    let doc = html(
        "filters: file.inFolder('p')\nproperties:\n  prijs:\n    displayName: Prijs (€)\nviews:\n  - type: table\n    name: Projecten\n    order: [file.name, regio, prijs, organisatie, site, start]\n    sort:\n      - property: prijs\n        direction: DESC\n    summaries:\n      prijs: Sum\n",
    );
    assert_eq!(texts(&doc, "section.base-view-table > h2"), ["Projecten"]);
    assert_eq!(texts(&doc, "table caption"), ["Projecten"]);
    assert_eq!(
        texts(&doc, "thead th[scope=col]"),
        ["Naam", "regio", "Prijs (€)", "organisatie", "site", "start"]
    );
    assert_eq!(
        texts(&doc, "tbody th[scope=row]"),
        ["Golden Sports", "Buurtkamer", "Samen Koken"]
    );
    assert_eq!(
        attrs(&doc, "tbody th[scope=row] a", "href"),
        ["/p-golden-sports/", "/p-buurtkamer/", "/p-samen-koken/"]
    );
    // A link to a published note is a link; to an unpublished one, text only.
    assert_eq!(attrs(&doc, "tbody td a[href='/movisie/']", "href").len(), 1);
    assert_eq!(
        texts(&doc, "tbody tr:nth-child(2) td:nth-child(4)"),
        ["Verborgen"]
    );
    assert_eq!(
        attrs(&doc, "tbody a[href^='https']", "href"),
        ["https://golden.nl"]
    );
    assert_eq!(texts(&doc, "tbody time"), ["1 maart 2024"]);
    assert_eq!(attrs(&doc, "tbody time", "datetime"), ["2024-03-01"]);
    assert_eq!(
        texts(&doc, "tbody tr:first-child td:nth-child(3)"),
        ["12,5"]
    );
    assert_eq!(
        attrs(&doc, "tbody tr:first-child td:nth-child(3)", "data-sort"),
        ["12.5"]
    );
    assert_eq!(
        attrs(&doc, "thead th:nth-child(3)", "data-sort-type"),
        ["number"]
    );
    assert_eq!(texts(&doc, "tfoot td:nth-child(3)"), ["Som 15,5"]);
    assert_eq!(texts(&doc, ".base-meta"), ["3 resultaten"]);
    // The scroll region is focusable and named by the caption, for keyboard scrolling.
    assert_eq!(
        attrs(
            &doc,
            ".base-scroll[role=region][tabindex='0']",
            "aria-labelledby"
        )
        .len(),
        1
    );
}

#[test]
fn groups_are_subheadings_each_with_a_table() {
    let doc = html(
        "filters: file.inFolder('p')\nviews:\n  - type: table\n    name: Per regio\n    groupBy:\n      property: regio\n      direction: DESC\n    order: [file.name, jaar]\n    summaries:\n      jaar: Max\n",
    );
    assert_eq!(texts(&doc, "h3.base-group"), ["Zwolle", "Utrecht"]);
    assert_eq!(
        texts(&doc, "caption"),
        ["Per regio: Zwolle", "Per regio: Utrecht"]
    );
    assert_eq!(texts(&doc, "tfoot td"), ["Maximum 2023", "Maximum 2021"]);
}

#[test]
fn limit_hides_the_rest_until_show_all() {
    let doc = html(
        "views:\n  - type: list\n    name: Alles\n    limit: 2\n    order: [file.name, regio]\n",
    );
    assert_eq!(texts(&doc, "li.base-item").len(), 4);
    assert_eq!(
        texts(&doc, "li.base-item[hidden][data-past-limit]").len(),
        2
    );
    assert_eq!(texts(&doc, "button[data-base-more]"), ["Toon alles (4)"]);
    assert_eq!(texts(&doc, ".base-meta"), ["2 van 4 resultaten"]);
    // The label of a list's property is there for screen readers.
    assert_eq!(texts(&doc, "li.base-item .visually-hidden")[0], "regio:");
}

#[test]
fn cards_show_the_image_property() {
    let doc = html(
        "filters: file.inFolder('p')\nviews:\n  - type: cards\n    name: Kaarten\n    image: note.cover\n    order: [file.name, regio]\n",
    );
    assert_eq!(
        texts(&doc, "li.base-card h3.base-card-title"),
        ["Buurtkamer", "Golden Sports", "Samen Koken"]
    );
    assert_eq!(attrs(&doc, "li.base-card img", "src"), ["/p/golden.jpg"]);
    assert_eq!(attrs(&doc, "li.base-card img", "alt"), [""]);
    assert_eq!(
        attrs(&doc, ".base-card-swatch", "style"),
        ["background:#ff0000"]
    );
    assert_eq!(texts(&doc, "li.base-card dt"), ["regio", "regio", "regio"]);
}

#[test]
fn a_base_using_the_clock_says_the_build_date_and_empty_views_say_so() {
    let doc =
        html("views:\n  - type: table\n    name: Nieuw\n    filters: file.ctime > now() - '1d'\n");
    assert_eq!(
        texts(&doc, ".base-meta"),
        ["0 resultaten, berekend op 1 december 2026"]
    );
    assert_eq!(texts(&doc, ".base-empty"), ["Geen resultaten."]);
    assert!(texts(&doc, "table").is_empty());
}

#[test]
fn text_is_escaped() {
    let notes = notes();
    let (def, _) = parse(
        "views:\n  - type: list\n    order: [file.name, doel]\n",
        1,
        Path::new("b.base"),
    );
    let result = evaluate(&def.unwrap(), &notes, None, clock(), Language::Nl);
    let opts = RenderOptions {
        language: Language::Nl,
        resolve: &resolve,
        id_prefix: "base",
        heading_level: 2,
    };
    let out = render_view(&result.views[0], &opts);
    assert!(out.contains("Samen &lt;koken&gt;"), "{out}");
    assert!(!out.contains("<koken>"));
}

#[test]
fn the_view_is_marked_for_the_script_apart_from_the_page_body() {
    // `base.html` puts `data-base` (the base path) on `<body>`; the script finds views by
    // `data-base-view`, so it never takes the whole page for a view.
    let doc = html("views:\n  - type: table\n    name: T\n    limit: 1\n");
    let sections = Selector::parse("section[data-base-view]").unwrap();
    let section = doc.select(&sections).next().unwrap();
    assert_eq!(section.value().attr("data-limit"), Some("1"));
    assert_eq!(section.value().attr("data-base"), None);
}
