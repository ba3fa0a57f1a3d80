//! Keeping `SiteState` in step with the disk: reading changed paths again, putting each
//! re-read note in its place, and relinking as little as the change allows.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{NoteFile, Scope, SiteState};
use crate::diagnostic::Diagnostic;
use crate::link::{NoteId, same_link_names};
use crate::load::{self, NoteSource, Sources};
use crate::render::Renderer;
use crate::site::{self, ParsedNote, Placement};

/// Above this many notes renamed at once (a `git checkout`), the name index is built again
/// rather than patched note by note.
const RENAMES_IN_PLACE: usize = 32;

/// Where a re-read note went, which decides how much to relink.
enum Placed {
    /// Replaced in place, with everything other notes' links resolve by unchanged.
    InPlace(NoteId),
    /// Replaced in place with another title, aliases, URL or headings, but the same facet
    /// values (and not an `_index.md`, whose title is its section's).
    Renamed(NoteId),
    /// Added, removed, failed, held back or changed in its facet values.
    Moved,
}

impl SiteState {
    /// Links again after notes were renamed in place (titles, aliases or headings changed;
    /// places, facet values and kinds did not): the links that name them resolve again; the
    /// pages, sections and facet values stay.
    fn relink_renamed(&mut self, renamed: &[NoteId]) {
        let changed = self.site.relink_renamed(renamed);
        let rows: Vec<NoteId> = renamed.iter().chain(&changed).copied().collect();
        self.refresh_rows(&rows);
        // Pages that embed a renamed note, or a note whose links or embeds now resolve
        // differently, show that.
        let embedders = self
            .site
            .embedders_of(renamed.iter().chain(&changed).copied());
        if let Scope::Notes(ids) = &mut self.scope {
            ids.extend(changed);
            ids.extend(embedders);
            // A renamed note moves in the backlinks of every note it links to or embeds.
            for id in renamed {
                ids.extend(self.site.linked.links[*id].iter().filter_map(|r| match r {
                    crate::link::Resolved::Note { id, .. } => Some(*id),
                    _ => None,
                }));
                ids.extend(self.site.linked.embeds[*id].iter().filter_map(|e| match e {
                    crate::link::Embedded::Note { id, .. } => Some(*id),
                    _ => None,
                }));
            }
        }
    }

    /// What the vault's settings say is never published (read again on every change, so an
    /// edit of `.obsidian/app.json` counts from the next change on).
    pub(super) fn vault_rules(&self) -> load::vault::VaultRules {
        load::vault::VaultRules::read(&self.root, &self.site.config.ignore, &mut Vec::new())
    }

    fn unreadable(&self) -> Vec<PathBuf> {
        self.note_files
            .iter()
            .filter(|(_, f)| f.failed)
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Everything that depends on more than one note, again; a change of structure.
    pub(super) fn relink(&mut self) {
        self.scope = Scope::Everything;
        self.structure = None;
        let unreadable = self.unreadable();
        let rows = std::mem::take(&mut self.site.base_rows);
        self.site.relink(&self.drafts, &unreadable);
        self.rows_rebuilt(rows);
        self.documents_relinked();
    }

    /// Reads the templates and static files again; new templates render every page.
    pub(super) fn reload_layout(&mut self) {
        let mut layout = Sources {
            config_text: self.config_text.clone(),
            ..Sources::default()
        };
        self.layout_problems.clear();
        load::load_layout(&self.root, &mut layout, &mut self.layout_problems);
        self.site.static_files = layout.static_files;
        self.site.asset_versions = layout.asset_versions;
        self.site.dark_mode = layout.design_tokens.as_ref().is_none_or(|t| t.dark_mode);
        if self.site.layout.is_vault {
            let css = load::vault::publish_css(&self.root);
            self.site.layout.publish_css = css.is_some();
            self.site.static_files.extend(css);
        }
        let key = |t: &load::Template| (t.name.clone(), t.text.clone(), t.source_path.clone());
        let same = self.site.templates.len() == layout.templates.len()
            && self
                .site
                .templates
                .iter()
                .map(key)
                .eq(layout.templates.iter().map(key));
        if !same || self.renderer.is_err() {
            self.site.templates = layout.templates;
            self.renderer = Renderer::new(&self.site);
            self.render_all = true;
        }
    }

    /// Reads the given paths under `content/` again (each a file or a folder, present or
    /// gone), re-parses the notes whose bytes changed and relinks. Returns whether the whole
    /// site was relinked.
    pub(super) fn reread_content(&mut self, paths: &BTreeSet<PathBuf>) -> bool {
        let mut reads: BTreeMap<PathBuf, Option<Vec<u8>>> = BTreeMap::new();
        let mut files_changed = false;
        for path in paths {
            // A folder read covers everything below it.
            if path.ancestors().skip(1).any(|a| paths.contains(a)) {
                continue;
            }
            files_changed |= self.reconcile(path, &mut reads);
        }
        self.reread_documents(paths);
        let config = &self.site.config;
        let options = &self.options;
        let root = &self.root;
        let parsed: Vec<(PathBuf, Option<(u64, ParsedNote)>)> = reads
            .into_par_iter()
            .map(|(path, bytes)| {
                let parsed = bytes.map(|bytes| {
                    let hash = hash_bytes(&bytes);
                    let source = NoteSource {
                        meta: load::FileMeta::read(&root.join(&path)),
                        path: path.clone(),
                        bytes,
                    };
                    (hash, site::parse_one(&source, config, options))
                });
                (path, parsed)
            })
            .collect();
        let mut relink_all = files_changed;
        let mut renamed = Vec::new();
        let mut in_place = Vec::new();
        for (path, parsed) in parsed {
            match self.place(path, parsed) {
                Placed::InPlace(id) => in_place.push(id),
                Placed::Renamed(id) => renamed.push(id),
                Placed::Moved => relink_all = true,
            }
        }
        if relink_all || renamed.len() > RENAMES_IN_PLACE {
            self.relink();
        } else if !renamed.is_empty() {
            self.relink_renamed(&renamed);
        } else {
            for id in in_place {
                let moved = self.site.relink_note(id);
                let rows: Vec<NoteId> = std::iter::once(id).chain(moved.iter().copied()).collect();
                self.refresh_rows(&rows);
                // Pages that embed the note show its new text.
                let embedders = self.site.embedders_of([id]);
                if let Scope::Notes(ids) = &mut self.scope {
                    ids.insert(id);
                    ids.extend(moved);
                    ids.extend(embedders);
                }
            }
        }
        relink_all
    }

    /// Compares what is on disk at and below `rel` with what the state holds: gone notes and
    /// notes whose bytes changed go into `reads`; files beside the notes are added or removed
    /// directly. Returns whether the set of those files changed.
    fn reconcile(&mut self, rel: &Path, reads: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) -> bool {
        let abs = self.root.join(rel);
        let mut problems = Vec::new();
        let on_disk: BTreeSet<PathBuf> = if self.site.layout.is_vault {
            let rules = self.vault_rules();
            let mut ignored = Vec::new();
            let files =
                load::vault::vault_files(&self.root, rel, &rules, &mut ignored, &mut problems);
            let layout = &mut self.site.layout;
            layout.ignored_notes.retain(|p| !p.starts_with(rel));
            layout.ignored_notes.extend(ignored);
            layout.ignored_notes.sort();
            files.into_iter().collect()
        } else if abs.is_dir() {
            load::walk_files(&self.root, rel, &mut problems)
                .into_iter()
                .collect()
        } else if abs.is_file() {
            // As `load::walk_files`: a link out of the site is skipped, with a warning.
            match crate::site_boundary::Boundary::new(&self.root).check(&abs, rel) {
                Ok(()) => BTreeSet::from([rel.to_path_buf()]),
                Err(warning) => {
                    problems.push(warning);
                    BTreeSet::new()
                }
            }
        } else {
            BTreeSet::new()
        };
        self.read_problems.retain(|path, _| !path.starts_with(rel));
        for path in self.note_files.keys().filter(|p| p.starts_with(rel)) {
            if !on_disk.contains(path) {
                reads.insert(path.clone(), None);
            }
        }
        let files = &mut self.site.content_files;
        let before = files.len();
        files.retain(|f| !f.source_path.starts_with(rel) || on_disk.contains(&f.source_path));
        let mut files_changed = files.len() != before;
        for path in on_disk {
            if !load::is_note_path(&path) {
                if let Err(at) = files.binary_search_by(|f| f.source_path.cmp(&path)) {
                    let mut file = load::content_file(&self.root, &path);
                    site::place_content_file(&mut file);
                    files.insert(at, file);
                    files_changed = true;
                }
                continue;
            }
            match std::fs::read(self.root.join(&path)) {
                Ok(bytes) => {
                    let known = self.note_files.get(&path).map(|f| f.hash);
                    if known != Some(hash_bytes(&bytes)) {
                        reads.insert(path, Some(bytes));
                    }
                }
                Err(e) => problems.push(Diagnostic::error(
                    &path,
                    None,
                    crate::message::Message::cannot_read(&e),
                )),
            }
        }
        if !problems.is_empty() {
            self.read_problems.insert(rel.to_path_buf(), problems);
        }
        files_changed
    }

    /// Puts a re-read note (or its removal) in its place, and says what must be relinked.
    fn place(&mut self, path: PathBuf, parsed: Option<(u64, ParsedNote)>) -> Placed {
        let published = self
            .site
            .notes
            .binary_search_by(|n| n.source_path.as_path().cmp(&path));
        let Some((hash, parsed)) = parsed else {
            self.note_files.remove(&path);
            self.remove_note(&path, published);
            return Placed::Moved;
        };
        self.note_files.insert(
            path.clone(),
            NoteFile {
                hash,
                problems: parsed.problems,
                failed: matches!(parsed.placement, Placement::Failed),
            },
        );
        match (published, parsed.placement) {
            (Ok(id), Placement::Published(note))
                if self.site.notes[id].facets == note.facets
                    && (same_link_names(&self.site.notes[id], &note) || !note.is_section_index) =>
            {
                let old = &self.site.notes[id];
                let placed = if same_link_names(old, &note) {
                    Placed::InPlace(id)
                } else {
                    Placed::Renamed(id)
                };
                // Kinds decide which listings and reading-list pages exist; URLs, where
                // pages are.
                if note.kind != old.kind || note.url_path != old.url_path {
                    self.scope = Scope::Everything;
                    self.structure = None;
                }
                let before = std::mem::replace(&mut self.site.notes[id], note);
                self.since_served.entry(path).or_insert(Some(before));
                placed
            }
            (published, placement) => {
                self.remove_note(&path, published);
                match placement {
                    Placement::Published(note) => {
                        let at = self
                            .site
                            .notes
                            .binary_search_by(|n| n.source_path.as_path().cmp(&path))
                            .unwrap_or_else(|at| at);
                        self.site.notes.insert(at, note);
                    }
                    Placement::Draft(note) => {
                        let at = self
                            .drafts
                            .binary_search_by(|n| n.source_path.as_path().cmp(&path))
                            .unwrap_or_else(|at| at);
                        self.drafts.insert(at, note);
                    }
                    Placement::Failed => {}
                }
                Placed::Moved
            }
        }
    }

    /// Takes a note out of the published notes or the drafts, remembering the published one.
    fn remove_note(&mut self, path: &Path, published: Result<usize, usize>) {
        let before = published.ok().map(|id| self.site.notes.remove(id));
        self.since_served
            .entry(path.to_path_buf())
            .or_insert(before);
        if let Ok(at) = self
            .drafts
            .binary_search_by(|n| n.source_path.as_path().cmp(path))
        {
            self.drafts.remove(at);
        }
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
