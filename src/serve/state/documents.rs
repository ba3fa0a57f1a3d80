//! `.base` and `.canvas` files in `serve`: read again when they change, and what changed
//! since a version, for `dirty::dirty_documents` (which pages show a base or canvas that an
//! edit can change) and for the bases' warnings, kept per use.
//!
//! Bases see notes through their rows (`Site::base_rows`): the rows that changed are kept
//! with their version of then, so a base is shown again only when a changed row passes its
//! filter, before or after.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use super::SiteState;
use crate::bases::BaseNote;
use crate::diagnostic::Diagnostic;
use crate::link::documents::{self, Document};
use crate::load::{self, DocumentKind, NoteSource};
use crate::render::document_uses::{self, DocumentUse};
use crate::serve::facts::FxHasher;
use crate::site::Site;

/// What changed for bases and canvases since some version of the site.
#[derive(Debug, Default)]
pub struct DocumentChanges {
    /// Rows by path, as they were then (`None`: not there).
    pub rows: BTreeMap<String, Option<BaseNote>>,
    /// `.base`/`.canvas` files whose text changed, came or went.
    pub documents: BTreeSet<PathBuf>,
    /// The names table's hash then (`None`: not known, so everything may have changed).
    pub names: Option<u64>,
    /// The site was linked again since (only then can the names table have changed).
    pub relinked: bool,
}

impl DocumentChanges {
    /// Nothing changed since `site`'s version; `self` are the changes up to it. The names
    /// table is hashed only after a relink, and only when the site shows a base or canvas.
    pub fn settled(&self, site: &Site, uses: &[DocumentUse]) -> DocumentChanges {
        let names = if uses.is_empty() {
            None
        } else if self.relinked || self.names.is_none() {
            Some(names_hash(site))
        } else {
            self.names
        };
        DocumentChanges {
            names,
            ..DocumentChanges::default()
        }
    }

    fn row_replaced(&mut self, old: BaseNote) {
        self.rows.entry(old.path.clone()).or_insert(Some(old));
    }
}

/// A use of a base or canvas, named by paths rather than indexes (which an edit moves).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum UseKey {
    Page(PathBuf),
    Embed(PathBuf, usize),
    Block(PathBuf, usize),
}

impl UseKey {
    pub fn of(site: &Site, shown: DocumentUse) -> UseKey {
        match shown {
            DocumentUse::Page(d) => UseKey::Page(site.documents[d].source_path.clone()),
            DocumentUse::Embed { note, embed, .. } => {
                UseKey::Embed(site.notes[note].source_path.clone(), embed)
            }
            DocumentUse::Block { note, block } => {
                UseKey::Block(site.notes[note].source_path.clone(), block)
            }
        }
    }
}

/// What the names table that bases and canvases link through holds.
pub fn names_hash(site: &Site) -> u64 {
    let names = site
        .document_names
        .get_or_init(|| crate::render::document_names(site));
    let mut sorted: Vec<(&String, &String)> = names.iter().collect();
    sorted.sort();
    let mut hasher = FxHasher::default();
    sorted.hash(&mut hasher);
    hasher.finish()
}

impl SiteState {
    /// Records the rows replaced by an edit in both change sets.
    pub(super) fn rows_replaced(&mut self, old: Vec<BaseNote>) {
        for row in old {
            self.documents_since_warned.row_replaced(row.clone());
            self.documents_since_served.row_replaced(row);
        }
    }

    /// Base rows of these notes again, after an edit in place; the old ones are recorded.
    pub(super) fn refresh_rows(&mut self, ids: &[crate::link::NoteId]) {
        let old = self.site.refresh_base_rows_of(ids);
        self.rows_replaced(old);
    }

    /// After a relink that rebuilt every row: the rows that differ from `before`.
    pub(super) fn rows_rebuilt(&mut self, before: Vec<BaseNote>) {
        let now: BTreeMap<&str, &BaseNote> = self
            .site
            .base_rows
            .iter()
            .map(|r| (r.path.as_str(), r))
            .collect();
        let mut gone: Vec<String> = Vec::new();
        let mut replaced = Vec::new();
        let mut seen = BTreeSet::new();
        for row in before {
            seen.insert(row.path.clone());
            match now.get(row.path.as_str()) {
                Some(new) if **new == row => {}
                Some(_) => replaced.push(row),
                None => {
                    gone.push(row.path.clone());
                    replaced.push(row);
                }
            }
        }
        let added: Vec<String> = now
            .keys()
            .filter(|p| !seen.contains(**p))
            .map(|p| p.to_string())
            .collect();
        self.rows_replaced(replaced);
        for path in added {
            for changes in [
                &mut self.documents_since_served,
                &mut self.documents_since_warned,
            ] {
                changes.rows.entry(path.clone()).or_insert(None);
            }
        }
    }

    /// Reads the `.base` and `.canvas` files at or below `paths` again; the others keep
    /// their text. The documents follow the content files' order, as a build's do.
    pub(super) fn reread_documents(&mut self, paths: &BTreeSet<PathBuf>) {
        let mut old: BTreeMap<PathBuf, Document> = std::mem::take(&mut self.site.documents)
            .into_iter()
            .map(|d| (d.source_path.clone(), d))
            .collect();
        let mut fresh = Vec::new();
        for file in &self.site.content_files {
            let Some(kind) = DocumentKind::of(&file.source_path) else {
                continue;
            };
            let path = &file.source_path;
            let kept = old.remove(path);
            let reread = kept.is_none() || paths.iter().any(|p| path.starts_with(p));
            let document = match (kept, reread) {
                (Some(document), false) => document,
                (kept, _) => {
                    let mut problems = Vec::new();
                    let bytes = match std::fs::read(self.root.join(path)) {
                        Ok(bytes) => bytes,
                        Err(e) => {
                            problems.push(Diagnostic::error(
                                path,
                                None,
                                crate::message::Message::cannot_read(&e),
                            ));
                            Vec::new()
                        }
                    };
                    let source = NoteSource {
                        path: path.clone(),
                        bytes,
                        meta: load::FileMeta::read(&self.root.join(path)),
                    };
                    let document = documents::collect(
                        vec![(kind, source)],
                        &self.site.content_files,
                        &mut problems,
                    )
                    .pop()
                    .expect("one document read");
                    self.document_problems.insert(path.clone(), problems);
                    if kept.is_none_or(|k| k.text != document.text) {
                        self.documents_since_served.documents.insert(path.clone());
                        self.documents_since_warned.documents.insert(path.clone());
                    }
                    document
                }
            };
            fresh.push(document);
        }
        for gone in old.into_keys() {
            self.document_problems.remove(&gone);
            self.documents_since_served.documents.insert(gone.clone());
            self.documents_since_warned.documents.insert(gone);
        }
        let files = &self.site.content_files;
        for document in &mut fresh {
            document.file = files
                .binary_search_by(|f| f.source_path.cmp(&document.source_path))
                .ok();
        }
        self.site.documents = fresh;
    }

    /// The bases' and canvases' warnings of the site as it now is: those of the uses an
    /// edit can have changed computed again, the others kept.
    pub(super) fn refresh_document_warnings(&mut self) {
        let site = &self.site;
        let uses = document_uses::uses(site);
        let keys: Vec<UseKey> = uses.iter().map(|u| UseKey::of(site, *u)).collect();
        let dirty = crate::serve::dirty::dirty_documents(site, &self.documents_since_warned, &uses);
        let mut kept = std::mem::take(&mut self.document_warnings);
        for ((shown, key), again) in uses.iter().zip(keys).zip(dirty.uses) {
            let warnings = match kept.remove(&key) {
                Some(warnings) if !again => warnings,
                _ => document_uses::warnings_of(site, *shown),
            };
            self.document_warnings.insert(key, warnings);
        }
        self.documents_since_warned = self.documents_since_warned.settled(site, &uses);
    }

    /// The pages showing a base or canvas that changed since the served version.
    pub(super) fn dirty_document_pages(&self) -> BTreeSet<String> {
        let uses = document_uses::uses(&self.site);
        crate::serve::dirty::dirty_documents(&self.site, &self.documents_since_served, &uses).pages
    }

    /// After an update that rendered: the served version is the current one.
    pub(super) fn documents_served(&mut self) {
        let uses = document_uses::uses(&self.site);
        self.documents_since_served = self.documents_since_served.settled(&self.site, &uses);
    }

    /// The site was linked again: the names may have changed.
    pub(super) fn documents_relinked(&mut self) {
        self.documents_since_served.relinked = true;
        self.documents_since_warned.relinked = true;
    }

    /// Every base and canvas warning, each once, and the problems of reading the files.
    pub(super) fn document_diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.document_warnings.values().flatten().cloned().collect();
        all.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        all.dedup();
        all.extend(self.document_problems.values().flatten().cloned());
        all
    }
}
