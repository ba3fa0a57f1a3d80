use std::path::Path;

use scraper::{Html, Selector};

use super::*;

const KAART: &str = include_str!("../../tests/fixtures/bases/content/Sociale basis.canvas");

fn resolve(target: &str) -> Option<String> {
    match target {
        "Golden Sports" | "projecten/Golden Sports.md" => Some("/projecten/golden-sports/".into()),
        "projecten/golden.png" => Some("/projecten/golden.png".into()),
        _ => None,
    }
}

fn render_nl(json: &str) -> (Option<String>, Vec<Diagnostic>) {
    render_with(json, true)
}

fn render_with(json: &str, raw_html: bool) -> (Option<String>, Vec<Diagnostic>) {
    let opts = CanvasOptions {
        language: Language::Nl,
        resolve: &resolve,
        base_path: "/",
        id_prefix: "canvas",
        heading_level: 2,
        title: "Sociale basis",
        raw_html,
        unsafe_level: crate::diagnostic::Level::Warning,
    };
    render(json, Path::new("content/Sociale basis.canvas"), &opts)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn attr(doc: &Html, css: &str, name: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn the_drawing_is_an_svg_around_all_nodes() {
    let (html, d) = render_nl(KAART);
    assert!(d.is_empty(), "{d:?}");
    let doc = Html::parse_fragment(&html.unwrap());
    // Bounds: x −40…720, y −96 (group label)…500, plus 40 padding.
    assert_eq!(
        attr(&doc, "svg.canvas-svg", "viewBox"),
        ["-80 -136 840 676"]
    );
    assert_eq!(attr(&doc, "svg.canvas-svg", "width"), ["840"]);
    assert_eq!(attr(&doc, "svg.canvas-svg", "aria-hidden"), ["true"]);
    assert_eq!(attr(&doc, ".canvas-scroll[role=region]", "tabindex"), ["0"]);
    assert_eq!(select(&doc, "g.canvas-node").len(), 5);
    assert_eq!(texts(&doc, "g.canvas-group text"), ["Utrecht"]);
    // Colours: presets by class, hex by custom property.
    assert_eq!(select(&doc, "g.canvas-group.canvas-color-4").len(), 1);
    assert_eq!(
        attr(&doc, "g.canvas-file.canvas-color-custom", "style"),
        ["--canvas-color:#2a6f97"]
    );
    assert_eq!(select(&doc, "g.canvas-edge.canvas-color-2").len(), 1);
    // Text nodes are the site's Markdown, with note links filled in; out of the tab order.
    assert_eq!(texts(&doc, "foreignObject strong"), ["plek"]);
    assert_eq!(
        attr(&doc, "foreignObject a[tabindex='-1']", "href")[0],
        "/projecten/golden-sports/"
    );
    // An image file is drawn as an image.
    assert_eq!(attr(&doc, "svg image", "href"), ["/projecten/golden.png"]);
}

#[test]
fn edges_leave_and_enter_the_given_sides_with_arrows_and_labels() {
    let (html, _) = render_nl(KAART);
    let doc = Html::parse_fragment(&html.unwrap());
    let paths = attr(&doc, "g.canvas-edge path", "d");
    // e1: from t1's right side (300, 60) to f1's left side (380, 60).
    assert!(paths[0].starts_with("M300 60 C"), "{}", paths[0]);
    assert!(paths[0].ends_with(" 380 60"), "{}", paths[0]);
    // e2 has no sides: f1 is above l1, so bottom of f1 to top of l1.
    assert!(
        paths[1].starts_with("M530 120 C") && paths[1].ends_with(" 150 420"),
        "{}",
        paths[1]
    );
    // Arrows: e1 at its end (default), e2 none, e3 at its start.
    let arrows: Vec<usize> = select(&doc, "g.canvas-edge")
        .iter()
        .map(|g| g.select(&Selector::parse("polygon").unwrap()).count())
        .collect();
    assert_eq!(arrows, [1, 0, 1]);
    assert_eq!(texts(&doc, "text.canvas-edge-label"), ["werkt met"]);
}

#[test]
fn the_text_version_reads_in_order_with_groups_and_connections() {
    let (html, _) = render_nl(KAART);
    let doc = Html::parse_fragment(&html.unwrap());
    assert_eq!(texts(&doc, "section.canvas-text > h2"), ["Tekstversie"]);
    // Top level: the group, then the link and the text below it, left to right.
    let top: Vec<String> = select(&doc, "section.canvas-text > ol > li")
        .iter()
        .map(|li| li.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(top, ["canvas-n-g1", "canvas-n-l1", "canvas-n-t2"]);
    let inside: Vec<String> = select(&doc, "#canvas-n-g1 > ol > li")
        .iter()
        .map(|li| li.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(inside, ["canvas-n-t1", "canvas-n-f1", "canvas-n-i1"]);
    assert_eq!(
        texts(&doc, "#canvas-n-g1 > .canvas-item-group"),
        ["Utrecht (groep)"]
    );
    // A node's heading sits below the page's headings.
    assert_eq!(texts(&doc, "#canvas-n-t1 h3"), ["Buurtkamer"]);
    assert_eq!(
        texts(&doc, "#canvas-n-t1 .canvas-item-links li"),
        ["Naar Golden Sports (werkt met)", "Naar Vrijwilligers"]
    );
    assert_eq!(
        attr(&doc, "#canvas-n-t1 .canvas-item-links a", "href"),
        ["#canvas-n-f1", "#canvas-n-t2"]
    );
    assert_eq!(
        texts(&doc, "#canvas-n-f1 .canvas-item-links li"),
        [
            "Van Buurtkamer (werkt met)",
            "Verbonden met https://www.movisie.nl"
        ]
    );
    assert_eq!(
        attr(&doc, "#canvas-n-f1 .canvas-item-body a", "href"),
        ["/projecten/golden-sports/"]
    );
    assert_eq!(attr(&doc, "#canvas-n-i1 img", "alt"), ["golden"]);
    assert_eq!(
        attr(&doc, "#canvas-n-l1 a", "href")[0],
        "https://www.movisie.nl"
    );
    // Every id on the page once: the drawing's copy drops the Markdown's heading ids.
    let ids = attr(&doc, "[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}

#[test]
fn an_empty_canvas_says_so() {
    let (html, d) = render_nl(include_str!(
        "../../tests/fixtures/bases/content/Leeg.canvas"
    ));
    assert!(d.is_empty());
    let doc = Html::parse_fragment(&html.unwrap());
    assert_eq!(
        texts(&doc, "section.canvas-text p"),
        ["Dit canvas is leeg."]
    );
    assert_eq!(attr(&doc, "svg", "viewBox"), ["0 0 400 200"]);
}

#[test]
fn mistakes_name_their_line() {
    let cases: &[(&str, Option<usize>, &str, bool)] = &[
        (
            "{\n  \"nodes\": [\n    {\"id\": \"a\", \"type\": \"text\", \"x\": 0,\n  ]\n}",
            Some(4),
            "not a valid JSON Canvas",
            true,
        ),
        (
            "{\"nodes\": [{\"id\": \"a\", \"type\": \"text\", \"x\": 0, \"y\": 0, \"width\": 1, \"height\": 1}]}",
            Some(1),
            "missing field `text`",
            true,
        ),
        (
            "{\"nodes\": [\n{\"id\": \"a\", \"type\": \"text\", \"text\": \"x\", \"x\": 0, \"y\": 0, \"width\": 1, \"height\": 1}\n],\n\"edges\": [\n{\"id\": \"e\", \"fromNode\": \"a\", \"toNode\": \"b\"}\n]}",
            Some(5),
            "does not exist",
            false,
        ),
        (
            "{\"nodes\": [\n{\"id\": \"a\", \"type\": \"text\", \"text\": \"x\", \"x\": 0, \"y\": 0, \"width\": 1, \"height\": 1, \"color\": \"rood\"}\n]}",
            Some(2),
            "colour `rood`",
            false,
        ),
    ];
    for (json, line, needle, is_error) in cases {
        let (_, d) = render_nl(json);
        let found = d
            .iter()
            .find(|d| d.message.en().contains(needle))
            .unwrap_or_else(|| panic!("{json}: {d:?}"));
        assert_eq!(found.line, *line, "{json}: {found:?}");
        assert_eq!(found.is_error(), *is_error);
    }
}

#[test]
fn unknown_node_types_are_left_out_and_unpublished_files_show_their_name() {
    let json = r#"{"nodes": [
        {"id": "x", "type": "kanban", "x": 0, "y": 0, "width": 10, "height": 10},
        {"id": "f", "type": "file", "file": "concept.md", "x": 0, "y": 0, "width": 10, "height": 10}
    ]}"#;
    let (html, d) = render_nl(json);
    let doc = Html::parse_fragment(&html.unwrap());
    assert_eq!(select(&doc, "g.canvas-node").len(), 1);
    assert_eq!(texts(&doc, "#canvas-n-f .canvas-item-body"), ["concept"]);
    assert!(select(&doc, "#canvas-n-f a").is_empty());
    assert!(d[0].message.nl().contains("niet gepubliceerd"), "{d:?}");
}

/// Issue 12: text nodes ignored `markdown.raw_html`; they follow it as notes do.
#[test]
fn html_in_text_nodes_follows_the_raw_html_setting() {
    let json = r#"{"nodes": [{"id": "t", "type": "text", "text": "Met <b>vet</b> en <span onclick=\"x()\">hier</span>", "x": 0, "y": 0, "width": 10, "height": 10}]}"#;
    let on = render_with(json, true).0.unwrap();
    let doc = Html::parse_fragment(&on);
    // The drawing and the text version each show the node.
    assert_eq!(texts(&doc, "b"), ["vet", "vet"]);
    assert!(!on.contains("onclick"), "{on}");
    let off = render_with(json, false).0.unwrap();
    let doc = Html::parse_fragment(&off);
    assert!(select(&doc, "b").is_empty(), "{off}");
    assert!(off.contains("&lt;b&gt;vet&lt;/b&gt;"), "{off}");
}
