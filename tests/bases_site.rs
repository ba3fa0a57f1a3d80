//! Bases through the whole build: ```` ```base ```` blocks in notes, `file.size` and the
//! file dates, warnings of expressions that cannot be computed, bases kept in a vault's
//! templates folder, and the names table bases link through (made once per site).

mod common;

use kennisbank::pipeline;
use kennisbank::site::SiteOptions;

const PROJECT: &str = "---\ntitle: Buurtkamer\ntags: [project]\nregio: Zwolle\n---\nEen kamer.\n";

#[test]
fn a_base_block_renders_in_its_note_with_the_note_as_this() {
    let dir = common::site(&[
        ("content/projecten/Buurtkamer.md", PROJECT),
        (
            "content/projecten/Samen Koken.md",
            "---\ntitle: Samen Koken\ntags: [project]\n---\nZie [[Overzicht]].\n",
        ),
        (
            "content/overzicht.md",
            "---\ntitle: Overzicht\n---\nVoor.\n\n```base\nfilters: file.hasTag(\"project\")\nviews:\n  - type: table\n    name: Projecten\n    order: [file.name, regio]\n  - type: list\n    name: Hierheen\n    filters: file.hasLink(this.file)\n    order: [file.name]\n```\n\nNa.\n",
        ),
    ]);
    let output = common::build(dir.path(), &SiteOptions::default());
    let doc = common::page(&output, "overzicht/index.html");
    assert_eq!(
        common::texts(&doc, ".base table tbody th"),
        ["Buurtkamer", "Samen Koken"]
    );
    // `this` is the note: only Samen Koken links to it.
    assert_eq!(
        common::texts(&doc, ".base ul li").len(),
        1,
        "{:?}",
        common::texts(&doc, ".base ul li")
    );
    let text = output.text("overzicht/index.html").unwrap();
    assert!(!text.contains("kb-base") && !text.contains("filters:"));
    assert!(text.contains("css/bases.css"), "the page loads the styles");
}

#[test]
fn a_base_block_with_a_mistake_names_the_note_and_line() {
    let dir = common::site(&[(
        "content/overzicht.md",
        "---\ntitle: Overzicht\n---\nTekst.\n\n```base\nviews:\n  - type: table\n    limit: veel\n```\n",
    )]);
    let (_, warnings) = pipeline::build_in_memory(dir.path(), &SiteOptions::default()).unwrap();
    let found: Vec<String> = warnings
        .iter()
        .map(|d| d.display(kennisbank::language::Language::En).to_string())
        .collect();
    assert!(
        found
            .iter()
            .any(|w| w.starts_with("content/overzicht.md:8:") && w.contains("limit")),
        "{found:?}"
    );
}

#[test]
fn file_size_and_dates_are_filled() {
    let dir = common::site(&[("content/projecten/Buurtkamer.md", PROJECT)]);
    let mut diagnostics = Vec::new();
    let sources = kennisbank::load::load_site(dir.path(), &mut diagnostics);
    let mut site = kennisbank::site::assemble(sources, &Default::default(), &mut diagnostics);
    // A build makes rows only when something shows a base; `serve` always does.
    assert!(site.base_rows.is_empty());
    site.refresh_base_rows();
    let row = &site.base_rows[0];
    assert_eq!(row.size, PROJECT.len() as u64);
    // Not in git: the file system's dates.
    assert!(row.ctime.is_some() && row.mtime.is_some(), "{row:?}");
}

#[test]
fn a_build_makes_base_rows_when_a_note_shows_a_base() {
    let dir = common::site(&[
        ("content/projecten/Buurtkamer.md", PROJECT),
        (
            "content/overzicht.md",
            "---\ntitle: Overzicht\n---\n```base\nviews:\n  - type: table\n```\n",
        ),
    ]);
    let mut diagnostics = Vec::new();
    let sources = kennisbank::load::load_site(dir.path(), &mut diagnostics);
    let site = kennisbank::site::assemble(sources, &Default::default(), &mut diagnostics);
    assert_eq!(site.base_rows.len(), site.notes.len());
}

#[test]
fn expression_warnings_are_reported_once_with_the_base_file_and_line() {
    let dir = common::site(&[
        ("content/projecten/Buurtkamer.md", PROJECT),
        (
            "content/projecten/Samen Koken.md",
            "---\ntitle: Samen Koken\ntags: [project]\nregio: 3\n---\nTekst.\n",
        ),
        (
            "content/Projecten.base",
            "filters: file.hasTag(\"project\")\nformulas:\n  groot: regio.upper()\nviews:\n  - type: table\n    name: Alles\n    order: [file.name, formula.groot]\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\n![[Projecten.base]]\n"),
        ("content/b.md", "---\ntitle: B\n---\n![[Projecten.base]]\n"),
    ]);
    let (_, warnings) = pipeline::build_in_memory(dir.path(), &SiteOptions::default()).unwrap();
    let found: Vec<String> = warnings
        .iter()
        .map(|d| d.display(kennisbank::language::Language::En).to_string())
        .filter(|w| w.contains("regio.upper()"))
        .collect();
    // One number among two notes fails, on the page and in two embeds: one message.
    assert_eq!(found.len(), 1, "{warnings:#?}");
    assert!(
        found[0].starts_with("content/Projecten.base:3:"),
        "{found:?}"
    );
}

#[test]
fn a_base_in_the_templates_folder_embeds_without_its_templates() {
    let root = common::fixture("bases_templates");
    let output = common::build(&root, &SiteOptions::default());
    let doc = common::page(&output, "overzicht/index.html");
    assert_eq!(common::texts(&doc, ".base tbody th"), ["Buurtkamer"]);
    let text = output.text("overzicht/index.html").unwrap();
    assert!(
        !text.contains("Projectsjabloon"),
        "a template shows in the base"
    );
    assert!(
        !output.0.keys().any(|p| p.contains("projectsjabloon")),
        "a template is a page"
    );
    let mut diagnostics = Vec::new();
    let sources = kennisbank::load::load_site(&root, &mut diagnostics);
    let site = kennisbank::site::assemble(sources, &Default::default(), &mut diagnostics);
    assert!(
        site.base_rows
            .iter()
            .all(|r| !r.path.starts_with("Sjablonen/") || r.ext == "base")
    );
}

#[test]
fn the_names_table_is_made_once_per_site() {
    let root = common::fixture("bases");
    let mut diagnostics = Vec::new();
    let sources = kennisbank::load::load_site(&root, &mut diagnostics);
    let prepared =
        pipeline::prepare(sources, &SiteOptions::default(), &mut Default::default()).unwrap();
    let site = &prepared.site;
    let render = |page: &str| {
        let page = prepared
            .pages
            .iter()
            .find(|p| p.output_path(site) == page)
            .unwrap();
        prepared.renderer.render_page(site, page).unwrap();
    };
    render("projecten-base/index.html");
    let table = site.document_names.get().expect("made on first use") as *const _;
    render("organisaties/movisie/index.html");
    render("sociale-basis-canvas/index.html");
    assert_eq!(site.document_names.get().unwrap() as *const _, table);
}
