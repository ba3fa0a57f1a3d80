//! Bases and canvases over the fixture vault `tests/fixtures/bases`: the notes are read the
//! way the link stage will give them to the engine (published notes only), each view is
//! evaluated and rendered, and the computed rows and the HTML are asserted.

use std::path::Path;

use kennisbank::bases::{self, BaseNote, RenderOptions, ViewResult};
use kennisbank::canvas::{self, CanvasOptions};
use kennisbank::config::Language;
use scraper::{Html, Selector};

mod common;

#[path = "bases_support/mod.rs"]
mod support;
use support::{base_def, clock, content, resolve, vault};

fn names(view: &ViewResult<'_>) -> Vec<String> {
    view.rows().map(|r| r.note.name.clone()).collect()
}

fn html(view: &ViewResult<'_>) -> Html {
    let opts = RenderOptions {
        language: Language::Nl,
        resolve: &resolve,
        id_prefix: "base",
        heading_level: 2,
    };
    Html::parse_fragment(&bases::render_view(view, &opts))
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn the_base_page_computes_every_view_without_drafts() {
    let notes = vault();
    let def = base_def();
    let this = BaseNote::new("Projecten.base", &Default::default());
    let result = bases::evaluate(&def, &notes, Some(&this), clock(), Language::Nl);
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let [table, cards, list, own, map] = &result.views[..] else {
        panic!("five views")
    };
    // The draft `Concept` matches the filter but is not published: it is nowhere.
    assert_eq!(names(table), ["Samen Koken", "Golden Sports", "Buurtkamer"]);
    assert_eq!(table.total, 3);
    let doc = html(table);
    assert_eq!(
        texts(&doc, "thead th"),
        [
            "Naam",
            "regio",
            "Jaar",
            "organisatie",
            "deelnemers",
            "Jaren actief"
        ]
    );
    assert_eq!(
        texts(&doc, "tbody tr:not([hidden]) th"),
        ["Samen Koken", "Golden Sports"]
    );
    assert_eq!(texts(&doc, "tbody tr[hidden] th"), ["Buurtkamer"]);
    assert_eq!(texts(&doc, "tbody tr:first-child td:nth-child(6)"), ["3"]);
    assert_eq!(
        texts(&doc, "tfoot td"),
        ["", "Minimum 2019", "", "Som 75", ""]
    );
    assert_eq!(
        texts(&doc, ".base-meta"),
        ["2 van 3 resultaten, berekend op 1 december 2026"]
    );

    assert_eq!(names(cards), ["Buurtkamer", "Golden Sports", "Samen Koken"]);
    let doc = html(cards);
    assert_eq!(
        doc.select(&Selector::parse(".base-card img").unwrap())
            .map(|i| i.value().attr("src").unwrap().to_string())
            .collect::<Vec<_>>(),
        ["/projecten/golden.png"]
    );
    assert_eq!(
        texts(&doc, ".base-card dd"),
        ["Utrecht", "klein", "Utrecht", "groot", "Zwolle", "groot"]
    );

    let doc = html(list);
    assert_eq!(texts(&doc, "h3.base-group"), ["Utrecht", "Zwolle"]);
    assert_eq!(
        texts(&doc, ".base-item > a"),
        ["Buurtkamer", "Golden Sports", "Samen Koken"]
    );

    // On the base's own page `this` is the base: no project's organisation is the base.
    assert!(names(own).is_empty());

    // A map cannot be drawn without tiles from elsewhere: it is a list of the same rows.
    assert_eq!(map.kind, bases::ViewKind::List);
    assert_eq!(names(map), ["Buurtkamer", "Golden Sports", "Samen Koken"]);
}

#[test]
fn an_embedding_note_is_this() {
    let notes = vault();
    let def = base_def();
    let movisie = notes.iter().find(|n| n.name == "Movisie").unwrap();
    let result = bases::evaluate(&def, &notes, Some(movisie), clock(), Language::Nl);
    let own = result
        .views
        .iter()
        .find(|v| v.name == "Van deze organisatie")
        .unwrap();
    assert_eq!(names(own), ["Buurtkamer", "Golden Sports"]);
}

#[test]
fn both_canvases_render() {
    let resolve_canvas = |t: &str| resolve(t);
    for (file, nodes) in [("Sociale basis.canvas", 6), ("Leeg.canvas", 0)] {
        let json = std::fs::read_to_string(content().join(file)).unwrap();
        let opts = CanvasOptions {
            language: Language::Nl,
            resolve: &resolve_canvas,
            base_path: "/",
            id_prefix: "canvas",
            heading_level: 2,
            title: file.trim_end_matches(".canvas"),
            raw_html: true,
            unsafe_level: kennisbank::diagnostic::Level::Warning,
        };
        let (out, diagnostics) =
            canvas::render(&json, Path::new(&format!("content/{file}")), &opts);
        assert!(diagnostics.is_empty(), "{file}: {diagnostics:?}");
        let doc = Html::parse_fragment(&out.unwrap());
        assert_eq!(texts(&doc, "li.canvas-item").len(), nodes, "{file}");
        assert_eq!(texts(&doc, "figcaption").len(), 1);
    }
}

#[test]
fn load_reads_bases_and_canvases_as_documents() {
    use kennisbank::load::{self, DocumentKind};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bases");
    let mut diagnostics = Vec::new();
    let sources = load::load_site(&root, &mut diagnostics);
    let documents = load::read_documents(&sources, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let found: Vec<(DocumentKind, String)> = documents
        .iter()
        .map(|(k, s)| (*k, s.path.to_string_lossy().replace('\\', "/")))
        .collect();
    assert_eq!(
        found,
        [
            (DocumentKind::Canvas, "content/Leeg.canvas".to_string()),
            (DocumentKind::Base, "content/Projecten.base".to_string()),
            (
                DocumentKind::Canvas,
                "content/Sociale basis.canvas".to_string()
            ),
        ]
    );
    assert!(String::from_utf8_lossy(&documents[1].1.bytes).starts_with("filters:"));
}

/// The fixture built through the whole pipeline: every `.base` and `.canvas` is a page.
fn built() -> kennisbank::pipeline::MemoryOutput {
    common::build(&common::fixture("bases"), &Default::default())
}

#[test]
fn a_base_file_is_a_page_with_every_view_and_no_draft() {
    let output = built();
    let doc = common::page(&output, "projecten-base/index.html");
    assert_eq!(common::texts(&doc, "h1"), ["Projecten"]);
    // The first view, all its rows (past `limit` they are hidden, not gone).
    assert_eq!(
        common::texts(&doc, "#base-1-alle-projecten tbody th"),
        ["Samen Koken", "Golden Sports", "Buurtkamer"]
    );
    assert_eq!(common::texts(&doc, ".base-card").len(), 3);
    // Links in cells are the notes' pages.
    assert!(
        common::attrs(&doc, "#base-1-alle-projecten tbody th a", "href")
            .contains(&"/projecten/golden-sports/".to_string()),
        "{:?}",
        common::attrs(&doc, "#base-1-alle-projecten tbody th a", "href")
    );
    let text = output.text("projecten-base/index.html").unwrap();
    assert!(
        !text.contains("Concept"),
        "a draft leaked into the base page"
    );
    assert!(text.contains("css/bases.css") && text.contains("js/bases.js"));
}

#[test]
fn base_rows_hold_only_published_notes() {
    let root = common::fixture("bases");
    let mut diagnostics = Vec::new();
    let sources = kennisbank::load::load_site(&root, &mut diagnostics);
    let site = kennisbank::site::assemble(sources, &Default::default(), &mut diagnostics);
    let names: Vec<&str> = site.base_rows.iter().map(|r| r.name.as_str()).collect();
    assert!(
        names.contains(&"Golden Sports") && names.contains(&"golden.png"),
        "{names:?}"
    );
    assert!(!names.contains(&"Concept"), "{names:?}");
    let golden = site
        .base_rows
        .iter()
        .find(|r| r.name == "Golden Sports")
        .unwrap();
    assert_eq!(golden.path, "projecten/Golden Sports.md");
    assert_eq!(golden.folder, "projecten");
    assert_eq!(golden.tags, ["sport"]);
    // Body links and front matter links (`organisatie: "[[Movisie]]"`).
    assert_eq!(
        golden.links,
        ["projecten/Buurtkamer.md", "organisaties/Movisie.md"]
    );
    let buurtkamer = site
        .base_rows
        .iter()
        .find(|r| r.name == "Buurtkamer")
        .unwrap();
    assert_eq!(buurtkamer.backlinks, ["projecten/Golden Sports.md"]);
}

#[test]
fn an_embedded_base_shows_the_named_view_with_the_note_as_this() {
    let output = built();
    let doc = common::page(&output, "organisaties/movisie/index.html");
    assert_eq!(
        common::texts(&doc, ".base tbody th"),
        ["Buurtkamer", "Golden Sports"]
    );
    // Only that view: not the cards or the list.
    assert!(common::texts(&doc, ".base-card").is_empty());
    let text = output.text("organisaties/movisie/index.html").unwrap();
    assert!(!text.contains("Concept") && !text.contains("kb-embed"));
    assert!(
        text.contains("css/bases.css"),
        "the embedding page loads the styles"
    );
}

#[test]
fn a_canvas_file_is_a_page_with_its_drawing_and_text_version() {
    let output = built();
    let doc = common::page(&output, "sociale-basis-canvas/index.html");
    assert_eq!(common::texts(&doc, "h1"), ["Sociale basis"]);
    assert_eq!(common::texts(&doc, "figure.canvas svg").len(), 1);
    assert_eq!(common::texts(&doc, "li.canvas-item").len(), 6);
    assert!(
        common::attrs(&doc, "li.canvas-item a", "href")
            .contains(&"/projecten/golden-sports/".to_string()),
        "{:?}",
        common::attrs(&doc, "li.canvas-item a", "href")
    );
    assert!(
        output
            .text("sociale-basis-canvas/index.html")
            .unwrap()
            .contains("js/canvas.js")
    );
    let empty = common::page(&output, "leeg-canvas/index.html");
    assert_eq!(common::texts(&empty, "figure.canvas").len(), 1);
}
