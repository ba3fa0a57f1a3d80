//! Obsidian documents other than notes: bases (`.base`) and canvases (`.canvas`), read out
//! of the content files.

use std::path::Path;

use super::{NoteSource, Sources};
use crate::diagnostic::Diagnostic;
use crate::message::Message;

/// A file's kind when it is an Obsidian document other than a note: a base (`.base`, YAML)
/// or a canvas (`.canvas`, JSON Canvas).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Base,
    Canvas,
}

impl DocumentKind {
    pub fn of(path: &Path) -> Option<DocumentKind> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("base") {
            Some(DocumentKind::Base)
        } else if ext.eq_ignore_ascii_case("canvas") {
            Some(DocumentKind::Canvas)
        } else {
            None
        }
    }
}

/// The `.base` and `.canvas` files among the content files, read as text for their pages and
/// embeds (they stay in `content_files` as well). Kept apart from the walk on purpose: which
/// files are documents is this function's one job.
pub fn read_documents(
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(DocumentKind, NoteSource)> {
    let mut out = Vec::new();
    for file in &sources.content_files {
        let Some(kind) = DocumentKind::of(&file.source_path) else {
            continue;
        };
        match file.blob.read() {
            Ok(bytes) => out.push((
                kind,
                NoteSource {
                    path: file.source_path.clone(),
                    bytes: bytes.into_owned(),
                    meta: file.meta,
                },
            )),
            Err(e) => diagnostics.push(Diagnostic::error(
                &file.source_path,
                None,
                Message::cannot_read(&e),
            )),
        }
    }
    out
}
