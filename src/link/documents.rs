//! The site's `.base` and `.canvas` files as pages of their own, and the rows a base sees:
//! one `BaseNote` per published note and file, built once per link.

use std::path::{Path, PathBuf};

use super::{Embedded, Linked, Resolved};
use crate::bases::{self, BaseDef, BaseNote, Date};
use crate::diagnostic::Diagnostic;
use crate::git_dates::GitDates;
use crate::load::{DocumentKind, NoteSource, StaticFile};
use crate::note::Note;

/// A base or canvas file: its page's place and what it holds.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocumentKind,
    pub source_path: PathBuf,
    /// The file's name without extension: the page's title.
    pub title: String,
    pub url_path: String,
    pub text: String,
    /// A base's definition (`None` for a canvas, or a base whose YAML could not be read).
    pub def: Option<BaseDef>,
    /// Its index among the content files, which embeds resolve to.
    pub file: Option<usize>,
}

/// Reads the documents' definitions and places their pages: a file's folders and name,
/// slugged (`Projecten.base` → `projecten-base/`), so a page never takes a folder's URL.
pub fn collect(
    sources: Vec<(DocumentKind, NoteSource)>,
    files: &[StaticFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Document> {
    sources
        .into_iter()
        .map(|(kind, source)| {
            let text = String::from_utf8_lossy(&source.bytes).into_owned();
            let def = match kind {
                DocumentKind::Base => {
                    let (def, mut problems) = bases::parse(&text, 1, &source.path);
                    diagnostics.append(&mut problems);
                    def
                }
                DocumentKind::Canvas => None,
            };
            let rel = source.path.strip_prefix("content").unwrap_or(&source.path);
            let mut url_path = String::new();
            for part in rel.iter() {
                url_path.push_str(&crate::slug::slugify(&part.to_string_lossy()));
                url_path.push('/');
            }
            Document {
                kind,
                title: rel
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                file: files.iter().position(|f| f.source_path == source.path),
                source_path: source.path,
                url_path,
                text,
                def,
            }
        })
        .collect()
}

/// A path as a base sees it: from the vault root, `content/` left off.
pub fn vault_path(path: &Path) -> String {
    crate::load::to_slash(path.strip_prefix("content").unwrap_or(path))
}

/// One row per published note (index-aligned with `notes`), then one per content file.
/// Drafts, ignored and template notes are not among `notes`, so they are in no base.
pub fn base_rows(
    notes: &[Note],
    linked: &Linked,
    files: &[StaticFile],
    git_dates: &GitDates,
) -> Vec<BaseNote> {
    let path_of = |id: usize| vault_path(&notes[id].source_path);
    let file_path = |f: usize| vault_path(&files[f].source_path);
    let date = |path: &Path| {
        git_dates
            .get(path)
            .and_then(|d| Date::parse(&d.to_string()))
    };
    let mut rows: Vec<BaseNote> = notes
        .iter()
        .enumerate()
        .map(|(id, note)| {
            let mut front: serde_json::Map<String, serde_json::Value> = note
                .properties
                .iter()
                .map(|p| (p.key.clone(), p.value.clone()))
                .collect();
            front
                .entry("title")
                .or_insert_with(|| serde_json::Value::String(note.title.clone()));
            let mut row = BaseNote::new(&path_of(id), &front);
            // Front matter and inline tags, as the note's `tags` facet gathered them.
            for tag in note.facet("tags") {
                if !row.tags.contains(tag) {
                    row.tags.push(tag.clone());
                }
            }
            row.links = linked.links[id]
                .iter()
                .filter_map(|r| match r {
                    Resolved::Note { id, .. } => Some(path_of(*id)),
                    Resolved::File(f) => Some(file_path(*f)),
                    _ => None,
                })
                .collect();
            row.links.dedup();
            row.backlinks = linked.backlinks[id].iter().map(|b| path_of(*b)).collect();
            row.embeds = linked.embeds[id]
                .iter()
                .filter_map(|e| match e {
                    Embedded::Note { id, .. } => Some(path_of(*id)),
                    Embedded::File(f) => Some(file_path(*f)),
                    _ => None,
                })
                .collect();
            // Git knows when a note last changed, not when it was made: no `ctime`.
            row.mtime = date(&note.source_path);
            row
        })
        .collect();
    rows.extend(files.iter().map(|file| BaseNote {
        // Only load reads the disk: a file still on disk has no size here.
        size: match &file.blob {
            crate::load::Blob::Memory(bytes) => bytes.len() as u64,
            crate::load::Blob::Embedded(bytes) => bytes.len() as u64,
            crate::load::Blob::Disk(_) => 0,
        },
        mtime: date(&file.source_path),
        ..BaseNote::new(&vault_path(&file.source_path), &Default::default())
    }));
    rows
}

/// The row a base's own page uses for `this`: the base file, without properties.
pub fn document_row(document: &Document) -> BaseNote {
    BaseNote::new(&vault_path(&document.source_path), &Default::default())
}
