//! A `.base` or `.canvas` file rendered: on its own page (every view of a base, `this` being
//! the base) or in place of an embed (`![[Naam.base#View]]`, `this` being the note).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::context::{Urls, file_url};
use crate::bases::{self, BaseNote, RenderOptions};
use crate::canvas::{self, CanvasOptions};
use crate::diagnostic::Diagnostic;
use crate::link::documents::{Document, document_row, vault_path};
use crate::load::DocumentKind;
use crate::site::Site;
use crate::slug::fold;

/// What `document.html` is given as `page`.
#[derive(Serialize)]
pub struct DocumentPage {
    pub title: String,
    /// `base` or `canvas`.
    pub kind: &'static str,
    pub content: String,
}

pub fn page(site: &Site, index: usize) -> DocumentPage {
    let document = &site.documents[index];
    let (kind, content) = match document.kind {
        DocumentKind::Base => {
            let this = document_row(document);
            ("base", base_html(site, document, &this, None, "base", 2))
        }
        DocumentKind::Canvas => ("canvas", canvas_html(site, document, "canvas", 2)),
    };
    DocumentPage {
        title: document.title.clone(),
        kind,
        content,
    }
}

/// The document an embed's file is, if it is one.
pub fn of_file(site: &Site, file: usize) -> Option<&Document> {
    site.documents.iter().find(|d| d.file == Some(file))
}

/// A base's views as HTML: all of them, or only the one named `view` (the first when no
/// view has that name), evaluated with `this`.
pub fn base_html(
    site: &Site,
    document: &Document,
    this: &BaseNote,
    view: Option<&str>,
    id_prefix: &str,
    heading_level: u8,
) -> String {
    let Some(def) = &document.def else {
        return String::new();
    };
    let result = bases::evaluate(
        def,
        &site.base_rows,
        Some(this),
        site.clock,
        site.config.language,
    );
    let resolve = resolver(site);
    let chosen: Vec<usize> = match view {
        None => (0..result.views.len()).collect(),
        Some(name) => vec![
            result
                .views
                .iter()
                .position(|v| v.name == name)
                .unwrap_or(0),
        ],
    };
    chosen
        .into_iter()
        .filter_map(|i| Some((i, result.views.get(i)?)))
        .map(|(i, v)| {
            let id = format!("{id_prefix}-{}", i + 1);
            let opts = RenderOptions {
                language: site.config.language,
                resolve: &resolve,
                id_prefix: &id,
                heading_level,
            };
            bases::render_view(v, &opts)
        })
        .collect()
}

/// A canvas's drawing and text version; a canvas that cannot be read renders as nothing
/// (`canvas_problems` reported it before rendering began).
pub fn canvas_html(site: &Site, document: &Document, id_prefix: &str, heading_level: u8) -> String {
    render_canvas(site, document, id_prefix, heading_level)
        .0
        .unwrap_or_default()
}

/// What the site's canvases get wrong (broken JSON, missing nodes, text nodes' links and HTML
/// that run code), found by rendering each once, so a build reports them with the rest.
pub fn canvas_problems(site: &Site) -> Vec<Diagnostic> {
    site.documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Canvas)
        .flat_map(|d| render_canvas(site, d, "canvas", 2).1)
        .collect()
}

fn render_canvas(
    site: &Site,
    document: &Document,
    id_prefix: &str,
    heading_level: u8,
) -> (Option<String>, Vec<Diagnostic>) {
    let resolve = resolver(site);
    let opts = CanvasOptions {
        language: site.config.language,
        resolve: &resolve,
        base_path: site.config.base_path(),
        id_prefix,
        heading_level,
        title: &document.title,
        raw_html: site.config.raw_html,
        unsafe_level: crate::url_safety::unsafe_url_level(&site.config),
    };
    canvas::render(&document.text, &document.source_path, &opts)
}

/// A note name, path or file name → the URL of the published note or file, as bases and
/// canvases write them (`Projecten`, `projecten/Golden Sports.md`, `golden.png`).
fn resolver(site: &Site) -> impl Fn(&str) -> Option<String> + '_ {
    let mut by_name: HashMap<String, String> = HashMap::new();
    for (file, f) in site.content_files.iter().enumerate() {
        let url = file_url(site, file);
        let path = vault_path(&f.source_path);
        if let Some(name) = Path::new(&path).file_name() {
            by_name
                .entry(fold(&name.to_string_lossy()))
                .or_insert(url.clone());
        }
        by_name.insert(fold(&path), url);
    }
    for (id, d) in site.documents.iter().enumerate() {
        let url = Urls { site }.page(&crate::pages::Page::Document(id));
        by_name.insert(fold(&vault_path(&d.source_path)), url.clone());
        if let Some(name) = d.source_path.file_name() {
            by_name.insert(fold(&name.to_string_lossy()), url);
        }
    }
    for id in site.note_ids() {
        let note = &site.notes[id];
        let url = Urls { site }.note(id);
        let path = vault_path(&note.source_path);
        by_name.insert(fold(path.trim_end_matches(".md")), url.clone());
        by_name.entry(fold(&note.file_stem)).or_insert(url);
    }
    move |target: &str| {
        let target = target.split('#').next().unwrap_or(target);
        let key = fold(target.trim_end_matches(".md"));
        by_name
            .get(&key)
            .or_else(|| by_name.get(&fold(target)))
            .cloned()
    }
}
