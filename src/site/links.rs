//! What depends on more than one note, worked out again after notes change: links and
//! backlinks, base rows, facets, sections, title order and kind counts; which notes embed
//! which; and the problems between notes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Site;
use super::sections::collect_sections;
use crate::diagnostic::Diagnostic;
use crate::link::{self, NoteId};
use crate::message;
use crate::note::{Note, TitleOrder};
use crate::taxonomy;

impl Site {
    /// Recomputes everything that depends on more than one note: links and backlinks, facets,
    /// sections, title order and kind counts. `serve` reruns it after an edit that renames,
    /// adds or removes a note.
    pub fn relink(&mut self, drafts: &[Note], unreadable: &[PathBuf]) {
        self.link_notes(drafts, unreadable);
        self.refresh_base_rows();
    }

    /// `relink`, with base rows only when something shows a base: what a build does, which
    /// renders once. The rows were 2 KB a note (massif) and a fifth of the samples while
    /// the build linked (perf, 10,000 notes). `serve` keeps them always, to compare after edits.
    pub fn link_for_build(&mut self, drafts: &[Note], unreadable: &[PathBuf]) {
        self.link_notes(drafts, unreadable);
        if self.uses_bases() {
            self.refresh_base_rows();
        }
    }

    fn link_notes(&mut self, drafts: &[Note], unreadable: &[PathBuf]) {
        let others = link::Others {
            unpublished: drafts,
            unreadable,
            ignored: &self.layout.ignored_notes,
            attachment_folder: self.layout.attachment_folder.as_deref(),
        };
        // Facets and sections do not depend on links: made beside them, not after.
        let (notes, config) = (&self.notes, &self.config);
        let (linked, (facets, sections)) = rayon::join(
            || link::link(notes, &self.content_files, &others, config),
            || {
                rayon::join(
                    || taxonomy::collect(&crate::publisher::facet_configs(config), notes),
                    || collect_sections(notes),
                )
            },
        );
        (self.linked, self.facets, self.sections) = (linked, facets, sections);
        self.sort_by_title();
        self.count_kinds();
    }

    /// Links again after notes were renamed in place: their titles, aliases, URLs or
    /// headings changed, but not their places, facet values or kinds, and no `_index.md`
    /// changed title. Facets and sections keep their notes, in a new title order. What
    /// `serve` does after a title change. Returns the notes whose links or backlinks may
    /// have changed (see `Linked::relink_renamed`). Their base rows, and those of the
    /// renamed notes, are the caller's to refresh (`refresh_base_rows_of`).
    pub fn relink_renamed(&mut self, renamed: &[NoteId]) -> Vec<NoteId> {
        let changed = self
            .linked
            .relink_renamed(&self.notes, renamed, &self.config);
        self.sort_by_title();
        self.count_kinds();
        changed
    }

    /// What bases see, after any change to notes or links.
    pub fn refresh_base_rows(&mut self) {
        self.document_names = Default::default();
        self.base_links = Default::default();
        self.base_rows = self.row_source().all();
    }

    /// Whether anything shows a base: a `.base` file or a ```` ```base ```` block.
    pub fn uses_bases(&self) -> bool {
        let base_file =
            |d: &link::documents::Document| matches!(d.kind, crate::load::DocumentKind::Base);
        self.documents.iter().any(base_file) || self.notes.iter().any(|n| !n.body.bases.is_empty())
    }

    fn row_source(&self) -> link::documents::RowSource<'_> {
        link::documents::RowSource {
            notes: &self.notes,
            linked: &self.linked,
            files: &self.content_files,
            git_dates: &self.git_dates,
            git_created: &self.git_created,
        }
    }

    /// The base rows of these notes again (after an edit in place that changed only their
    /// rows); returns the rows they replace. The rows are indexed like the notes.
    pub fn refresh_base_rows_of(&mut self, ids: &[NoteId]) -> Vec<crate::bases::BaseNote> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let fresh: Vec<_> = ids
            .iter()
            .map(|id| self.row_source().note_row(*id))
            .collect();
        self.document_names = Default::default();
        self.base_links = Default::default();
        ids.into_iter()
            .zip(fresh)
            .map(|(id, row)| std::mem::replace(&mut self.base_rows[id], row))
            .collect()
    }

    /// Lists of notes are shown by title; sort them all here, against one precomputed order.
    fn sort_by_title(&mut self) {
        self.title_order = TitleOrder::new(&self.notes);
        for list in &mut self.linked.backlinks {
            self.title_order.sort(list);
        }
        for term in self.facets.iter_mut().flat_map(|f| f.terms.iter_mut()) {
            self.title_order.sort(&mut term.notes);
        }
        for section in self.sections.values_mut() {
            self.title_order.sort(&mut section.notes);
        }
    }

    /// Resolves one note's links again after an edit that kept its title, aliases, URL,
    /// headings and facet values (`link::same_link_names`): nothing else needs relinking.
    /// Returns the notes whose backlinks changed; their base rows and the note's are the
    /// caller's to refresh (`refresh_base_rows_of`).
    pub fn relink_note(&mut self, id: NoteId) -> Vec<NoteId> {
        let changed = self.linked.relink_note(&self.notes, id, &self.config);
        for target in &changed {
            self.title_order.sort(&mut self.linked.backlinks[*target]);
        }
        self.count_kinds();
        changed
    }

    fn count_kinds(&mut self) {
        self.kind_counts.clear();
        for note in self.notes.iter().filter(|n| !n.is_section_index) {
            *self.kind_counts.entry(note.kind).or_default() += 1;
        }
    }

    /// Problems between notes: two notes with one URL, and broken links.
    pub fn link_problems(&self) -> Vec<Diagnostic> {
        let mut problems = self.url_collisions();
        problems.extend(self.linked.problems.iter().flatten().cloned());
        problems.extend(self.linked.cycles.iter().cloned());
        problems
    }

    /// Notes that claim one URL.
    pub fn url_collisions(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        report_url_collisions(&self.notes, &mut problems);
        problems
    }

    /// The notes that show any of `ids` through embeds, directly or through other embeds:
    /// their pages change when one of `ids` does.
    pub fn embedders_of(&self, ids: impl IntoIterator<Item = NoteId>) -> Vec<NoteId> {
        let mut found: Vec<NoteId> = Vec::new();
        let mut todo: Vec<NoteId> = ids.into_iter().collect();
        while let Some(target) = todo.pop() {
            for (from, embeds) in self.linked.embeds.iter().enumerate() {
                let shows = embeds
                    .iter()
                    .any(|e| matches!(e, link::Embedded::Note { id, .. } if *id == target));
                if shows && !found.contains(&from) {
                    found.push(from);
                    todo.push(from);
                }
            }
        }
        found
    }
}

fn report_url_collisions(notes: &[Note], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_url: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
    for note in notes {
        by_url.entry(note.url_path.as_str()).or_default().push(note);
    }
    for (url, claimants) in by_url.into_iter().filter(|(_, c)| c.len() > 1) {
        let first = claimants[0];
        for other in &claimants[1..] {
            diagnostics.push(Diagnostic::error(
                &other.source_path,
                Some(other.title_line),
                message!(
                    "twee notities krijgen hetzelfde adres /{url}: deze en {} (verander een bestandsnaam of `slug:`)",
                    "two notes claim the URL /{url}: this one and {} (change a file name or `slug:`)",
                    first.source_path.display().to_string().replace('\\', "/")
                ),
            ));
        }
    }
}
