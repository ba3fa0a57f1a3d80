//! A build reports what its canvases get wrong, with the rest: a canvas that is not valid JSON
//! was published as an empty page without a word, and a text node's link or HTML that runs
//! code was dropped silently (issue 12, found after it).

mod common;

use kennisbank::pipeline;
use kennisbank::site::SiteOptions;

const KAART: &str = "{\"nodes\": [\n  {\"id\": \"a\", \"type\": \"text\", \"text\": \"Start\", \"x\": 0, \"y\": 0, \"width\": 10, \"height\": 10},\n  {\"id\": \"t\", \"type\": \"text\", \"text\": \"[klik](javascript:alert(1)) <b onclick=\\\"x()\\\">vet</b>\", \"x\": 0, \"y\": 20, \"width\": 10, \"height\": 10}\n]}\n";

fn site(config: &str, broken: bool) -> tempfile::TempDir {
    let mut files = vec![
        ("kennisbank.yaml", config),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        ("content/Kaart.canvas", KAART),
    ];
    if broken {
        files.push(("content/Kapot.canvas", "{\"nodes\": [\n  {\"id\": \"a\",\n"));
    }
    common::site(&files)
}

#[test]
fn a_canvas_that_is_not_json_is_an_error_at_its_line() {
    let dir = site("title: T\n", true);
    let errors: Vec<String> = common::build_errors(dir.path())
        .iter()
        .map(|d| d.display(kennisbank::language::Language::En).to_string())
        .collect();
    assert!(
        errors.iter().any(|e| e
            .starts_with("content/Kapot.canvas:3: error: canvas: this is not a valid JSON Canvas")),
        "{errors:#?}"
    );
}

#[test]
fn a_text_nodes_unsafe_link_and_html_are_reported_at_the_nodes_line() {
    let dir = site("title: T\n", false);
    let (out, warnings) =
        pipeline::build_in_memory(dir.path(), &SiteOptions::default()).expect("lenient: warnings");
    let warnings: Vec<String> = warnings
        .iter()
        .map(|d| d.display(kennisbank::language::Language::En).to_string())
        .collect();
    for at in [
        "content/Kaart.canvas:3: warning: link left out",
        "content/Kaart.canvas:3: warning: HTML left out: `onclick=`",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(at)),
            "{at}: {warnings:#?}"
        );
    }
    let page = out
        .text("kaart-canvas/index.html")
        .expect("the canvas page");
    assert!(
        !page.contains("javascript:") && !page.contains("onclick"),
        "{page}"
    );
    let dir = site("title: T\nstrict: true\n", false);
    let errors = common::build_errors(dir.path());
    let errors: Vec<_> = errors.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
}
