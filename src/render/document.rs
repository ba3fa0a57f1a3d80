//! A `.base` or `.canvas` file rendered: on its own page (every view of a base, `this` being
//! the base) or in place of an embed (`![[Naam.base#View]]`, `this` being the note).

use std::path::Path;

use serde::Serialize;

use super::context::{Urls, file_url};
use crate::bases::{self, BaseDef, BaseNote, NameUrls, RenderOptions};
use crate::canvas::{self, CanvasOptions};
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
            let html = match &document.def {
                Some(def) => base_html(site, def, &this, None, "base", 2),
                None => String::new(),
            };
            ("base", html)
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
    def: &BaseDef,
    this: &BaseNote,
    view: Option<&str>,
    id_prefix: &str,
    heading_level: u8,
) -> String {
    let result = bases::evaluate_with(
        def,
        &site.base_rows,
        super::document_uses::link_index(site),
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

/// Note `id`'s HTML (or part of it) with its ```` ```base ```` blocks in place, each
/// evaluated with the note as `this`.
pub fn fill_base_blocks(site: &Site, id: crate::link::NoteId, html: String) -> String {
    const OPEN: &str = "<kb-base data-i=\"";
    if !html.contains(OPEN) {
        return html;
    }
    let note = &site.notes[id];
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let block = after[..digits].parse::<usize>().ok();
        let Some(block) = block
            .filter(|b| after[digits..].starts_with("\"></kb-base>") && *b < note.body.bases.len())
        else {
            out.push_str(&rest[start..start + OPEN.len()]);
            rest = after;
            continue;
        };
        let base = super::document_uses::DocumentUse::Block { note: id, block };
        let def = super::document_uses::def_of(site, base);
        if let (Some(def), Some(this)) = (def, site.base_rows.get(id)) {
            let prefix = format!("base-block-{}", note.body.bases[block].line);
            out.push_str(&base_html(site, &def, this, None, &prefix, 3));
        }
        rest = &after[digits + "\"></kb-base>".len()..];
    }
    out.push_str(rest);
    out
}

/// A canvas's drawing and text version; a canvas that cannot be read renders as nothing
/// (`canvas_problems` reported it before rendering began).
pub fn canvas_html(site: &Site, document: &Document, id_prefix: &str, heading_level: u8) -> String {
    canvas_render(site, document, id_prefix, heading_level)
        .0
        .unwrap_or_default()
}

/// What is wrong in a canvas file (JSON that cannot be read, files it names that are not in
/// the site), for the build's report.
pub fn canvas_problems(site: &Site, document: &Document) -> Vec<crate::diagnostic::Diagnostic> {
    canvas_render(site, document, "canvas", 2).1
}

fn canvas_render(
    site: &Site,
    document: &Document,
    id_prefix: &str,
    heading_level: u8,
) -> (Option<String>, Vec<crate::diagnostic::Diagnostic>) {
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
    let by_name = site.document_names.get_or_init(|| names(site));
    move |target: &str| {
        let target = target.split('#').next().unwrap_or(target);
        let key = fold(target.trim_end_matches(".md"));
        by_name
            .get(&key)
            .or_else(|| by_name.get(&fold(target)))
            .cloned()
    }
}

/// The table `resolver` looks names up in, built once per site.
pub fn names(site: &Site) -> NameUrls {
    let mut by_name = NameUrls::new();
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
    by_name
}
