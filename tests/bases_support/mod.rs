//! The fixture vault `tests/fixtures/bases` read the way the link stage will give it to the
//! Bases engine, and a small page around a rendered base or canvas for the browser tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kennisbank::bases::{self, BaseNote, Clock, RenderOptions};
use kennisbank::canvas::{self, CanvasOptions};
use kennisbank::config::Language;
use kennisbank::diagnostic::LineIndex;
use kennisbank::frontmatter;
use kennisbank::markdown::{self, BodyPosition, LinkTarget};

pub fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bases/content")
}

/// Every published file of the vault as a `BaseNote`: notes with their front matter and
/// links, other files with their names only. `publish: false` notes are left out.
pub fn vault() -> Vec<BaseNote> {
    let root = content();
    let mut paths: Vec<PathBuf> = walk(&root);
    paths.sort();
    let mut notes = Vec::new();
    for path in paths {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        if !rel.ends_with(".md") {
            notes.push(BaseNote {
                size: bytes.len() as u64,
                ..BaseNote::new(&rel, &Default::default())
            });
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let split = frontmatter::split(&text).unwrap();
        let doc = frontmatter::parse_mapping(split.yaml, split.yaml_first_line).unwrap();
        if doc.values.get("publish") == Some(&serde_json::Value::Bool(false)) {
            continue;
        }
        let lines = LineIndex::new(&text);
        let body = markdown::parse(
            split.body,
            &BodyPosition {
                lines: &lines,
                body_offset: split.body_offset,
                note_path: Path::new(&rel),
                base_path: "/",
                raw_html: true,
            },
        );
        let mut note = BaseNote::new(&rel, &doc.values);
        note.size = text.len() as u64;
        note.links = body
            .links
            .iter()
            .filter_map(|l| match &l.target {
                LinkTarget::Wiki { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect();
        notes.push(note);
    }
    notes
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

pub fn clock() -> Clock {
    Clock {
        now: "2026-12-01T09:00:00".parse().unwrap(),
    }
}

pub fn resolve(target: &str) -> Option<String> {
    let name = target.trim_end_matches(".md");
    let name = name.rsplit('/').next().unwrap_or(name);
    let known = [
        "Golden Sports",
        "Buurtkamer",
        "Samen Koken",
        "Movisie",
        "Vilans",
    ];
    // Attachments resolve by file name, as wikilinks do; the fixture's one image is here.
    if target.ends_with(".png") {
        return Some(format!("/projecten/{name}"));
    }
    known
        .contains(&name)
        .then(|| format!("/{}/", kennisbank::slug::slugify(name)))
}

pub fn base_def() -> bases::BaseDef {
    let path = "content/Projecten.base";
    let yaml = std::fs::read_to_string(content().join("Projecten.base")).unwrap();
    let (def, diagnostics) = bases::parse(&yaml, 1, Path::new(path));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    def.unwrap()
}

/// A page of the default theme's shape around `body`, with its styles and scripts, written
/// to `dir` as `name`; the theme's static files are copied beside it.
pub fn write_page(dir: &Path, name: &str, title: &str, body: &str) {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    for file in [
        "css/site.css",
        "css/bases.css",
        "js/bases.js",
        "js/canvas.js",
    ] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(theme.join(file), to).unwrap();
    }
    let image = dir.join("projecten/golden.png");
    std::fs::create_dir_all(image.parent().unwrap()).unwrap();
    std::fs::write(image, GOLDEN_PNG).unwrap();
    let html = format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title} – Bases en canvas</title>\n<link rel=\"stylesheet\" href=\"css/site.css\">\n<link rel=\"stylesheet\" href=\"css/bases.css\">\n<script src=\"js/bases.js\" defer></script>\n<script src=\"js/canvas.js\" defer></script>\n</head>\n<body data-base=\"/\" data-search=\"/zoeken/\">\n<header class=\"site-header\"><div class=\"wrap header-row\"><a class=\"site-title\" href=\"#\">Bases en canvas</a></div></header>\n<main id=\"inhoud\" class=\"wrap\">\n<h1>{title}</h1>\n{body}</main>\n</body>\n</html>\n"
    );
    std::fs::write(dir.join(name), html).unwrap();
}

/// A 2×1 PNG (blue, teal), so the card image loads.
const GOLDEN_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7b, 0x40, 0xe8,
    0xdd, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x10, 0x75, 0x2a, 0xd6,
    0xca, 0x9f, 0x0e, 0x00, 0x05, 0x8e, 0x01, 0xfb, 0x10, 0xd4, 0x8f, 0x60, 0x00, 0x00, 0x00, 0x00,
    0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The fixture's base page (all views) and canvas page, written to `dir`.
pub fn write_fixture_pages(dir: &Path) {
    let notes = vault();
    let def = base_def();
    let this = BaseNote::new("Projecten.base", &Default::default());
    let result = bases::evaluate(&def, &notes, Some(&this), clock(), Language::Nl);
    let opts = RenderOptions {
        language: Language::Nl,
        resolve: &resolve,
        id_prefix: "base",
        heading_level: 2,
    };
    let body: String = result
        .views
        .iter()
        .map(|v| bases::render_view(v, &opts))
        .collect();
    write_page(dir, "base.html", "Projecten", &body);

    let json = std::fs::read_to_string(content().join("Sociale basis.canvas")).unwrap();
    let opts = CanvasOptions {
        language: Language::Nl,
        resolve: &resolve,
        base_path: "/",
        id_prefix: "canvas",
        heading_level: 2,
        title: "Sociale basis",
        raw_html: true,
        unsafe_level: kennisbank::diagnostic::Level::Warning,
    };
    let (html, _) = canvas::render(&json, Path::new("content/Sociale basis.canvas"), &opts);
    write_page(dir, "canvas.html", "Sociale basis", &html.unwrap());
}
