//! The site as `serve` keeps it between edits: every source read, parsed and linked, and the
//! facts of the version the served pages come from. `apply` takes the paths that changed and
//! returns the pages to replace, having re-read and re-parsed only what changed.
//!
//! - A note edit that keeps the note's title, aliases, URL, headings and facets (a body edit)
//!   resolves only that note's links again, and compares only the notes involved.
//! - A title change in place links again with the name index patched, keeping facets and
//!   sections; any other note change (add, remove, move, facet values) relinks the site.
//! - A template change compiles the templates again and renders every page, without parsing.
//! - A config change reads everything again.
//!
//! A version with errors is not rendered: the served pages stay the last good ones, and the
//! changes accumulate until a version without errors can be rendered against that one.
//!
//! `reread` keeps the sources in step with the disk; `structure` holds the pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::dirty::{Dirty, dirty_notes, dirty_pages};
use super::facts::{Facts, LinkFacts, note_link_facts};
use super::packed::PackingSink;
use crate::config::CONFIG_FILE;
use crate::diagnostic::{self, Diagnostic};
use crate::link::{Linked, NoteId};
use crate::load::Blob;
use crate::note::Note;
use crate::pages::{self, Page};
use crate::render::{Renderer, WholeListing};
use crate::site::{self, Site, SiteOptions};
use crate::write::safe_relative;

mod deferred;
mod delta;
pub(super) mod documents;
mod reread;
mod structure;

use documents::{DocumentChanges, UseKey};

use deferred::{Deferred, Shapes};
pub use delta::{Changes, Delta, OnDemand, RenderedPage, Update};
use structure::{Structure, pages_of, render, render_listing};

/// A page with its output path.
type PlacedPage = (String, Page);

/// What may have changed since the served version, to work out what to render.
enum Scope {
    /// Only notes replaced in place (same title, URL, headings, facet values and kind) and
    /// the notes whose backlinks moved with them: so the same pages, sections and values.
    Notes(BTreeSet<NoteId>),
    Everything,
}

/// A note file as last read.
struct NoteFile {
    hash: u64,
    /// Problems of its parse (none for a held-back draft).
    problems: Vec<Diagnostic>,
    /// It failed to parse, so it is in neither the notes nor the drafts.
    failed: bool,
}

pub struct SiteState {
    root: PathBuf,
    options: SiteOptions,
    config_text: Option<String>,
    config_problems: Vec<Diagnostic>,
    layout_problems: Vec<Diagnostic>,
    /// Problems reading `content/`, by the path whose reading found them.
    read_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    site: Site,
    /// Held-back drafts, sorted by path like `site.notes`.
    drafts: Vec<Note>,
    /// Every `.md` file under `content/`: published, draft or failed.
    note_files: BTreeMap<PathBuf, NoteFile>,
    renderer: Result<Renderer, Vec<Diagnostic>>,
    /// Facts of the site the served pages were rendered from.
    served: Option<Facts>,
    /// Notes re-read since then, as they were in that site (`None`: not published there).
    since_served: BTreeMap<PathBuf, Option<Note>>,
    /// Set when templates or site-wide values changed since the served pages.
    render_all: bool,
    /// Pages of the served version still to render (see `Delta::deferred`).
    deferred: Vec<Deferred>,
    /// The shape of each listing as last rendered, to find which of its pages an edit
    /// changed.
    listing_shapes: Shapes,
    scope: Scope,
    /// The current site's pages; `None` after a change of structure.
    structure: Option<Structure>,
    /// Whether the last update rendered, so the sources are the served version.
    renderable: bool,
    /// Problems reading each `.base`/`.canvas` file (its YAML included).
    document_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Warnings of each use of a base or canvas, as last computed.
    document_warnings: BTreeMap<UseKey, Vec<Diagnostic>>,
    /// What changed for bases since the served version, and since the warnings were made.
    documents_since_served: DocumentChanges,
    documents_since_warned: DocumentChanges,
}

impl SiteState {
    /// Reads and parses the whole site. Nothing is rendered until the first `apply`.
    pub fn load(root: &Path, options: &SiteOptions) -> SiteState {
        let mut config_problems = Vec::new();
        let config_text = read_config(root, &mut config_problems);
        let config = site::site_config(config_text.as_deref(), options, &mut config_problems);
        let history = crate::git_dates::read(root);
        let site = Site {
            config,
            notes: Vec::new(),
            linked: Linked::default(),
            facets: Vec::new(),
            sections: BTreeMap::new(),
            kind_counts: BTreeMap::new(),
            title_order: Default::default(),
            content_files: Vec::new(),
            static_files: Vec::new(),
            templates: Vec::new(),
            dark_mode: true,
            git_dates: history.changed,
            git_created: history.created,
            asset_versions: Default::default(),
            layout: Default::default(),
            documents: Vec::new(),
            base_rows: Vec::new(),
            clock: crate::bases::Clock {
                now: jiff::Zoned::now().datetime(),
            },
            document_names: Default::default(),
            base_links: Default::default(),
        };
        let mut state = SiteState {
            root: root.to_path_buf(),
            options: options.clone(),
            config_text,
            config_problems,
            layout_problems: Vec::new(),
            read_problems: BTreeMap::new(),
            renderer: Err(Vec::new()),
            site,
            drafts: Vec::new(),
            note_files: BTreeMap::new(),
            served: None,
            since_served: BTreeMap::new(),
            render_all: true,
            deferred: Vec::new(),
            listing_shapes: Shapes::new(),
            scope: Scope::Everything,
            structure: None,
            renderable: false,
            document_problems: BTreeMap::new(),
            document_warnings: BTreeMap::new(),
            documents_since_served: DocumentChanges::default(),
            documents_since_warned: DocumentChanges::default(),
        };
        let notes_folder = if crate::load::vault::is_vault(root) {
            state.site.layout.is_vault = true;
            state.site.layout.attachment_folder =
                state.vault_rules().attachment_folder.map(PathBuf::from);
            if !state.site.config.raw.contains_key("title")
                && let Some(name) = std::fs::canonicalize(root)
                    .ok()
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            {
                state.site.config.title = name;
            }
            PathBuf::new()
        } else {
            PathBuf::from("content")
        };
        state.reload_layout();
        if !state.reread_content(&BTreeSet::from([notes_folder])) {
            state.relink(); // no notes: an empty site still has its facets and home section
        }
        state
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Whether the facts kept of the served version are those of the sources as they now
    /// are, as they must be after an update that rendered (kept up to date note by note after
    /// edits in place). For tests.
    pub fn served_facts_are_current(&mut self) -> bool {
        let structure = Structure::of(&self.site);
        self.served.as_ref() == Some(&Facts::of(&self.site, &structure.pages))
    }

    /// Reads what changed and renders what that changes, but for the pages it defers (call
    /// `render_deferred` or `render_deferred_some` next). Pages the last update deferred and
    /// that were not rendered yet are rendered with this version's, not first: an edit never
    /// waits for the pages of the one before it.
    pub fn apply(&mut self, changes: &Changes) -> Update {
        let carried: Vec<String> = self.deferred.iter().flat_map(Deferred::paths).collect();
        let carried_notes: BTreeSet<PathBuf> = self
            .deferred
            .iter()
            .filter_map(|deferred| match deferred {
                Deferred::Listing(task) => Some(task.notes.iter().cloned()),
                Deferred::Page(_) => None,
            })
            .flatten()
            .collect();
        if changes.config {
            let fresh = SiteState::load(&self.root, &self.options);
            let served = self.served.take();
            *self = SiteState { served, ..fresh };
        } else {
            if changes.layout {
                self.reload_layout();
            }
            if !changes.content.is_empty() {
                self.reread_content(&changes.content);
            }
        }
        let mut update = self.update(carried, carried_notes);
        self.renderable = update.delta.is_some();
        diagnostic::sort(&mut update.problems);
        update
    }

    /// Builds a group of files that are built only when asked for, for the site as it now
    /// is; `None` when it has errors (then the served version is older than the sources).
    pub fn build_on_demand(&mut self, group: &OnDemand) -> Option<Vec<RenderedPage>> {
        let Ok(renderer) = &self.renderer else {
            return None;
        };
        if !self.renderable {
            return None;
        }
        match group {
            OnDemand::Data => {
                let sink = PackingSink::default();
                let problem = crate::render::write_data_json(&self.site, &sink);
                problem.is_none().then(|| sink.into_files())
            }
            OnDemand::Search => {
                let sink = PackingSink::default();
                let problems = crate::search::write(&self.site, &sink);
                problems.is_empty().then(|| sink.into_files())
            }
            OnDemand::Items(path) => {
                let structure = self
                    .structure
                    .get_or_insert_with(|| Structure::of(&self.site));
                let listing = structure.index.get(path).map(|i| &structure.pages[*i].1);
                let Some(Page::ListingItems(first)) = listing else {
                    return Some(Vec::new());
                };
                let wanted = BTreeSet::from([path.clone()]);
                let whole = WholeListing::of(&self.site, first);
                render_listing(renderer, &self.site, first, &whole, &wanted)
                    .into_iter()
                    .collect::<Result<Vec<_>, _>>()
                    .ok()
            }
        }
    }

    /// Every group of files built on demand that the site has now. For tests.
    pub fn on_demand_groups(&mut self) -> Vec<OnDemand> {
        let structure = self
            .structure
            .get_or_insert_with(|| Structure::of(&self.site));
        let items = structure
            .pages
            .iter()
            .filter(|(_, page)| matches!(page, Page::ListingItems(_)))
            .map(|(path, _)| OnDemand::Items(path.clone()));
        [OnDemand::Data, OnDemand::Search]
            .into_iter()
            .chain(items)
            .collect()
    }

    /// Renders the pages that changed since the served version, and the deferred ones not
    /// rendered yet (`carried`, by path), but for those it defers: what no tab shows (feeds,
    /// the sitemap) and listings, which at 100,000 notes take seconds and are seldom the
    /// page being edited. A tab that shows one reloads and waits for it (`Output::pending`).
    fn update(&mut self, carried: Vec<String>, carried_notes: BTreeSet<PathBuf>) -> Update {
        // A kept structure is stale when the feed comes or goes (the first or last dated note).
        let structure = self
            .structure
            .take()
            .filter(|s| s.has_feed == crate::pages::has_feed(&self.site))
            .unwrap_or_else(|| Structure::of(&self.site));
        self.refresh_document_warnings();
        let document_pages = self.dirty_document_pages();
        let mut problems = self.problems(&structure);
        let structure = self.structure.insert(structure);
        let renderer = match &mut self.renderer {
            Ok(renderer) if !diagnostic::has_errors(&problems) => renderer,
            _ => return Update::failed(problems),
        };
        if renderer.update_site(&self.site) {
            self.render_all = true;
        }
        let site = &self.site;
        // After edits in place only, the facts of the notes involved are all that can differ.
        let (dirty, fresh) = match (&self.served, &self.scope) {
            (Some(served), Scope::Notes(ids)) if !self.render_all => {
                let fresh: Vec<(NoteId, LinkFacts)> = ids
                    .iter()
                    .map(|id| (*id, note_link_facts(site, *id)))
                    .collect();
                let dirty = dirty_notes(served, &fresh, site, &self.since_served);
                (dirty, Fresh::Notes(fresh))
            }
            (Some(served), _) if !self.render_all => {
                let facts = Facts::of(site, &structure.pages);
                let dirty = dirty_pages(served, &facts, site, &self.since_served);
                (dirty, Fresh::All(facts))
            }
            _ => (Dirty::All, Fresh::All(Facts::of(site, &structure.pages))),
        };
        // Pages showing a base or canvas that the changes can have changed.
        let dirty = match dirty {
            Dirty::Pages(mut paths) => {
                let shown = document_pages.into_iter().chain(carried);
                paths.extend(shown.filter(|p| structure.index.contains_key(p)));
                Dirty::Pages(paths)
            }
            all => all,
        };
        let wanted: Vec<&PlacedPage> = match &dirty {
            Dirty::All => structure.pages.iter().collect(),
            Dirty::Pages(paths) => paths
                .iter()
                .filter_map(|path| structure.index.get(path))
                .map(|i| &structure.pages[*i])
                .collect(),
        };
        let wanted = wanted
            .into_iter()
            .filter(|(path, _)| OnDemand::of_path(path).is_none())
            .collect();
        let reread = self.since_served.keys().cloned().chain(carried_notes);
        let (now, later) = deferred::split(wanted, site, &std::sync::Arc::new(reread.collect()));
        let rendered: Vec<Result<RenderedPage, Diagnostic>> = now
            .par_iter()
            .map(|(path, page)| render(renderer, site, path, page))
            .collect();
        let files: Vec<(String, Blob)> = site
            .output_files()
            .into_iter()
            .map(|f| (f.output_path.clone(), f.blob.clone()))
            .collect();
        for (path, _) in &files {
            if let Err(e) = safe_relative(path) {
                problems.push(Diagnostic::error(
                    path,
                    None,
                    crate::message::Message::cannot_write(&e),
                ));
            }
        }
        let mut pages = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok(page) => pages.push(page),
                Err(problem) => problems.push(problem),
            }
        }
        if diagnostic::has_errors(&problems) {
            diagnostic::sort(&mut problems);
            return Update::failed(problems);
        }
        let all = matches!(dirty, Dirty::All);
        let changed = all
            || !self.since_served.is_empty()
            || matches!(&dirty, Dirty::Pages(paths) if !paths.is_empty());
        let deferred = later.iter().flat_map(Deferred::paths).collect();
        self.deferred = later;
        let removed = match (&mut self.served, fresh) {
            (Some(served), Fresh::Notes(fresh)) => {
                served.update_notes(&fresh, crate::serve::facts::wanted_hash(&self.site));
                Vec::new()
            }
            (served, Fresh::All(facts)) => {
                let removed = match served {
                    Some(before) => before.removed_pages(&facts).cloned().collect(),
                    None => Vec::new(),
                };
                *served = Some(facts);
                removed
            }
            (None, Fresh::Notes(_)) => unreachable!("edits in place are compared to a served site"),
        };
        // A listing that is gone has no pages left to compare with if it comes back (its
        // notes are then re-read, which renders their pages too).
        for path in &removed {
            self.listing_shapes.remove(path);
        }
        self.since_served.clear();
        self.documents_served();
        self.render_all = false;
        self.scope = Scope::Notes(BTreeSet::new());
        Update {
            problems,
            delta: Some(Delta {
                pages,
                removed,
                files,
                all,
                deferred,
                changed,
            }),
        }
    }

    /// Every problem of the site as it now is, sorted, as `build` would report them.
    fn problems(&self, structure: &Structure) -> Vec<Diagnostic> {
        let mut all = self.config_problems.clone();
        all.extend(self.layout_problems.iter().cloned());
        all.extend(self.read_problems.values().flatten().cloned());
        all.extend(self.note_files.values().flat_map(|f| f.problems.clone()));
        all.extend(self.site.linked.problems.iter().flatten().cloned());
        all.extend(self.site.linked.cycles.iter().cloned());
        all.extend(self.document_diagnostics());
        if !structure.collisions.is_empty() {
            // Rare, and their messages name lines an edit in place may have moved.
            let mut collisions = self.site.url_collisions();
            pages::report_collisions(&self.site, &pages_of(structure), &mut collisions);
            all.extend(collisions);
        }
        if let Err(problems) = &self.renderer {
            all.extend(problems.iter().cloned());
        }
        diagnostic::sort(&mut all);
        all
    }
}

/// The served facts to take in once the update has rendered.
enum Fresh {
    Notes(Vec<(NoteId, LinkFacts)>),
    All(Facts),
}

fn read_config(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            problems.push(Diagnostic::error(
                CONFIG_FILE,
                None,
                crate::message::Message::cannot_read(&e),
            ));
            None
        }
    }
}
