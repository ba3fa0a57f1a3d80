//! The site's `.base` and `.canvas` files as pages of their own, and the rows a base sees:
//! one `BaseNote` per published note and file, built once per link.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Embedded, Linked, Resolved};
use crate::bases::{self, BaseDef, BaseNote, Date};
use crate::diagnostic::Diagnostic;
use crate::git_dates::GitDates;
use crate::load::{DocumentKind, FileMeta, NoteSource, StaticFile};
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

/// What the rows of bases are made from: the linked notes, the files beside them, git dates.
pub struct RowSource<'a> {
    pub notes: &'a [Note],
    pub linked: &'a Linked,
    pub files: &'a [StaticFile],
    pub git_dates: &'a GitDates,
    pub git_created: &'a GitDates,
}

impl RowSource<'_> {
    /// One row per published note (index-aligned with `notes`), then one per content file.
    /// Drafts, ignored and template notes are not among `notes`, so they are in no base.
    pub fn all(&self) -> Vec<BaseNote> {
        let mut rows: Vec<BaseNote> = (0..self.notes.len())
            .into_par_iter()
            .map(|id| self.note_row(id))
            .collect();
        rows.extend((0..self.files.len()).map(|f| self.file_row(f)));
        rows
    }

    fn path_of(&self, id: usize) -> String {
        vault_path(&self.notes[id].source_path)
    }

    fn file_path(&self, f: usize) -> String {
        vault_path(&self.files[f].source_path)
    }

    /// Git's dates where the site is in git, else the file system's: `(ctime, mtime)`.
    fn dates(&self, path: &Path, meta: &FileMeta) -> (Option<Date>, Option<Date>) {
        let as_date = |d: &jiff::civil::Date| Date::parse(&d.to_string());
        let mtime = self.git_dates.get(path).or(meta.modified.as_ref());
        let ctime = self
            .git_created
            .get(path)
            .or(meta.created.as_ref())
            .or(meta.modified.as_ref());
        (ctime.and_then(as_date), mtime.and_then(as_date))
    }

    /// The row of note `id`.
    pub fn note_row(&self, id: usize) -> BaseNote {
        let note = &self.notes[id];
        let mut front: serde_json::Map<String, serde_json::Value> = note
            .properties
            .iter()
            .map(|p| (p.key.clone(), p.value.clone()))
            .collect();
        front
            .entry("title")
            .or_insert_with(|| serde_json::Value::String(note.title.clone()));
        let mut row = BaseNote::new(&self.path_of(id), &front);
        // Front matter and inline tags, as the note's `tags` facet gathered them.
        for tag in note.facet("tags") {
            if !row.tags.contains(tag) {
                row.tags.push(tag.clone());
            }
        }
        row.links = self.linked.links[id]
            .iter()
            .filter_map(|r| match r {
                Resolved::Note { id, .. } => Some(self.path_of(*id)),
                Resolved::File(f) => Some(self.file_path(*f)),
                _ => None,
            })
            .collect();
        row.links.dedup();
        row.backlinks = self.linked.backlinks[id]
            .iter()
            .map(|b| self.path_of(*b))
            .collect();
        row.embeds = self.linked.embeds[id]
            .iter()
            .filter_map(|e| match e {
                Embedded::Note { id, .. } => Some(self.path_of(*id)),
                Embedded::File(f) => Some(self.file_path(*f)),
                _ => None,
            })
            .collect();
        (row.ctime, row.mtime) = self.dates(&note.source_path, &note.meta);
        row.size = note.meta.size;
        row
    }

    fn file_row(&self, f: usize) -> BaseNote {
        let file = &self.files[f];
        let (ctime, mtime) = self.dates(&file.source_path, &file.meta);
        BaseNote {
            size: match &file.blob {
                crate::load::Blob::Memory(bytes) => bytes.len() as u64,
                crate::load::Blob::Embedded(bytes) => bytes.len() as u64,
                crate::load::Blob::Disk(_) => file.meta.size,
            },
            ctime,
            mtime,
            ..BaseNote::new(&self.file_path(f), &Default::default())
        }
    }
}

/// The row a base's own page uses for `this`: the base file, without properties.
pub fn document_row(document: &Document) -> BaseNote {
    BaseNote::new(&vault_path(&document.source_path), &Default::default())
}
