//! Which pages an edit changes: `dirty_pages` compares the facts (`facts.rs`) of the served
//! site with the new one's and adds the pages that show a changed note; `dirty_notes` does
//! the same for edits in place, which can change only the facts of the notes involved.
//!
//! The rules, by what a page shows:
//! - a note's page: its own note, the URLs its links resolve to, and its backlinks (each
//!   backlinking note's title, kind, summary, date and facets: its "face");
//! - a listing (section, kind, all notes, facet value, facet overview, home, feed, sitemap):
//!   the faces of the notes in it, and the titles and counts of sections and facet values;
//! - a reading list's page, handout and citation files: also its items' titles and data;
//! - `data.json`: every note;
//! - every page: the site-wide navigation (checked by `Renderer::update_site`), the titles of
//!   the sections in its breadcrumbs and the names of facet values. A change there (rare: an
//!   `_index.md` title, the most used spelling of a value) renders everything.
//!
//! - a page showing a base or canvas: see `dirty_documents`.
//!
//! The equivalence test in `tests/serve_equivalence.rs` checks these rules against full builds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::facts::{Facts, FastMap, LinkFacts, PageId, index_file};
use super::state::documents::{DocumentChanges, names_hash};
use crate::bases::BaseNote;
use crate::kind::Kind;
use crate::link::{NoteId, Resolved};
use crate::load::DocumentKind;
use crate::note::Note;
use crate::pages::Page;
use crate::reading_list::CitationFormat;
use crate::render::document_uses::{self, DocumentUse};
use crate::render::summary_of;
use crate::site::{Site, parent_section};
use crate::slug::slugify;

/// What an edit requires.
pub enum Dirty {
    All,
    /// These output paths, all pages of the new site.
    Pages(BTreeSet<String>),
}

/// The pages of `site` (described by `new`) whose output differs from the site `old`
/// describes. `changed` holds each note re-read since then, as it was in the old site (`None`
/// when it was not published there).
pub fn dirty_pages(
    old: &Facts,
    new: &Facts,
    site: &Site,
    changed: &BTreeMap<PathBuf, Option<Note>>,
) -> Dirty {
    let title_changed = new.sections.iter().any(|(path, facts)| {
        old.sections
            .get(path)
            .is_some_and(|before| before.title != facts.title)
    });
    let name_changed = new
        .term_names
        .iter()
        .any(|(path, name)| old.term_names.get(path).is_some_and(|n| n != name));
    if title_changed || name_changed || old.term_set != new.term_set {
        return Dirty::All;
    }

    let mut dirty = BTreeSet::new();
    if old.wanted != new.wanted {
        dirty.insert(Page::Wanted.output_path(site));
    }
    let mut page_set_changed = false;
    for (path, id) in &new.pages {
        if old.pages.get(path) != Some(id) {
            dirty.insert(path.clone());
            page_set_changed = true;
        }
    }
    if page_set_changed || old.pages.len() != new.pages.len() {
        dirty.insert(Page::Sitemap.output_path(site));
    }

    // Notes whose links now resolve elsewhere, or whose backlinks changed.
    if old.note_paths == new.note_paths {
        for (id, (before, after)) in old.note_links.iter().zip(&new.note_links).enumerate() {
            if before != after {
                note_pages(site, id, &mut dirty);
            }
        }
    } else {
        let before: FastMap<&PathBuf, &LinkFacts> =
            old.note_paths.iter().zip(&old.note_links).collect();
        for (id, (path, after)) in new.note_paths.iter().zip(&new.note_links).enumerate() {
            if before.get(path) != Some(&after) {
                note_pages(site, id, &mut dirty);
            }
        }
    }

    changed_notes(site, changed, &mut dirty);

    // Sections whose subsections, index or size changed: their page and their parent's.
    for (path, facts) in &new.sections {
        if old.sections.get(path) != Some(facts) {
            dirty.insert(index_file(path));
            dirty.insert(index_file(&parent_section(path)));
        }
    }
    for path in old
        .sections
        .keys()
        .filter(|p| !new.sections.contains_key(*p))
    {
        // A kind's listing stays where its folder was, without the folder's title and intro.
        dirty.insert(index_file(path));
        dirty.insert(index_file(&parent_section(path)));
    }

    finish(changed, dirty, &new.pages)
}

/// The pages to render after edits that re-linked notes in place only (same notes, titles,
/// URLs, headings, facet values and kinds: so the same pages, sections and facet values).
/// `fresh` holds the new link facts of the notes whose links or backlinks may have changed.
pub fn dirty_notes(
    served: &Facts,
    fresh: &[(NoteId, LinkFacts)],
    site: &Site,
    changed: &BTreeMap<PathBuf, Option<Note>>,
) -> Dirty {
    let mut dirty = BTreeSet::new();
    for (id, facts) in fresh {
        if served.note_links.get(*id) != Some(facts) {
            note_pages(site, *id, &mut dirty);
        }
    }
    if served.wanted != super::facts::wanted_hash(site) {
        dirty.insert(Page::Wanted.output_path(site));
    }
    changed_notes(site, changed, &mut dirty);
    finish(changed, dirty, &served.pages)
}

/// Notes re-read: their own pages, the reading lists that list them, and where their face
/// shows when it changed.
fn changed_notes(
    site: &Site,
    changed: &BTreeMap<PathBuf, Option<Note>>,
    dirty: &mut BTreeSet<String>,
) {
    for (path, before) in changed {
        let after = site
            .notes
            .binary_search_by(|n| n.source_path.as_path().cmp(path))
            .ok();
        if let Some(id) = after {
            note_pages(site, id, dirty);
            // Reading lists show their items' titles and data.
            for from in &site.linked.backlinks[id] {
                if site.notes[*from].kind == Kind::ReadingList {
                    note_pages(site, *from, dirty);
                }
            }
        }
        // An `_index.md` shows only on its section's page, and through the section's title.
        if path.file_name().is_some_and(|n| n == "_index.md") {
            continue;
        }
        let same = match (before, after) {
            (Some(b), Some(id)) => same_face(b, &site.notes[id]),
            (None, None) => true,
            _ => false,
        };
        if same {
            continue;
        }
        if let Some(before) = before {
            showing(site, before, dirty);
        }
        if let Some(id) = after {
            showing(site, &site.notes[id], dirty);
            for target in link_targets(site, id) {
                note_pages(site, target, dirty);
            }
        }
    }
}

/// Adds the site-wide files that no tab shows (`data.json`, which holds every note, links
/// and external links included; the feed; the sitemap; any such file a later version adds)
/// when anything changed, and keeps only pages the site has. Those files are rendered after
/// the reload, so erring on their side costs no waiting.
fn finish(
    changed: &BTreeMap<PathBuf, Option<Note>>,
    mut dirty: BTreeSet<String>,
    pages: &FastMap<String, PageId>,
) -> Dirty {
    if !changed.is_empty() || !dirty.is_empty() {
        for (path, id) in pages {
            if matches!(id, PageId::Fixed(page) if !page.is_html()) {
                dirty.insert(path.clone());
            }
        }
    }
    dirty.retain(|path| pages.contains_key(path));
    Dirty::Pages(dirty)
}

/// Whether two versions of a note look the same wherever other pages show them: in listings,
/// backlinks, facet pages, the home page, the feed and the sitemap.
fn same_face(a: &Note, b: &Note) -> bool {
    a.title == b.title
        && a.url_path == b.url_path
        && a.section_path == b.section_path
        && a.is_section_index == b.is_section_index
        && a.kind == b.kind
        && a.date == b.date
        && a.updated == b.updated
        && a.facets == b.facets
        && a.kind_data == b.kind_data
        && a.draft == b.draft
        && summary_of(a) == summary_of(b)
}

/// The listings a note appears in, as output paths in `site` (those that exist).
fn showing(site: &Site, note: &Note, dirty: &mut BTreeSet<String>) {
    dirty.insert(index_file(&note.section_path));
    for page in [
        Page::Home,
        Page::AllNotes,
        Page::Kind(note.kind),
        Page::Feed,
        Page::Sitemap,
    ] {
        dirty.insert(page.output_path(site));
    }
    for (f, facet) in site.facets.iter().enumerate() {
        let values = note.facet(&facet.config.key);
        if values.is_empty() {
            continue;
        }
        dirty.insert(Page::FacetIndex(f).output_path(site));
        for value in values {
            let slug = slugify(value);
            if let Ok(t) = facet.terms.binary_search_by(|t| t.slug.as_str().cmp(&slug)) {
                dirty.insert(index_file(&facet.term_path(&facet.terms[t])));
            }
        }
    }
}

/// A note's page, and for a reading list its handout and citation files.
fn note_pages(site: &Site, id: NoteId, dirty: &mut BTreeSet<String>) {
    dirty.insert(index_file(&site.notes[id].url_path));
    if site.notes[id].kind == Kind::ReadingList {
        dirty.insert(Page::Handout(id).output_path(site));
        for format in CitationFormat::ALL {
            dirty.insert(Page::Citations(id, format).output_path(site));
        }
    }
}

/// The notes a note links to or embeds: their backlinks show it.
fn link_targets(site: &Site, id: NoteId) -> impl Iterator<Item = NoteId> + '_ {
    let linked = site.linked.links[id].iter().filter_map(|r| match r {
        Resolved::Note { id, .. } => Some(*id),
        _ => None,
    });
    let embedded = site.linked.embeds[id].iter().filter_map(|e| match e {
        crate::link::Embedded::Note { id, .. } => Some(*id),
        _ => None,
    });
    linked.chain(embedded)
}

/// Which uses of bases and canvases (`uses`, in order) the changes can have changed, and the
/// pages that show them: a `.base`/`.canvas` file edited; the names links resolve by; the
/// set of rows (links compare by the notes they name); and per base, a changed row that
/// passes its global filter before or after, its `this`, or any row for a base that reads
/// other notes through links. A note's use shows on its page and the pages embedding it.
pub fn dirty_documents(
    site: &Site,
    changes: &DocumentChanges,
    uses: &[DocumentUse],
) -> DirtyDocuments {
    let mut dirty = DirtyDocuments::default();
    if uses.is_empty() {
        return dirty;
    }
    let new_rows: Vec<(Option<&BaseNote>, Option<&BaseNote>)> = changes
        .rows
        .iter()
        .map(|(path, old)| (old.as_ref(), row_at(site, path)))
        .collect();
    let everything = changes.names.is_none()
        || (changes.relinked && changes.names != Some(names_hash(site)))
        || new_rows
            .iter()
            .any(|(old, new)| old.is_none() || new.is_none());
    let links = (!everything && !new_rows.is_empty()).then(|| document_uses::link_index(site));
    let base_changed = |shown: DocumentUse| -> bool {
        let Some(links) = &links else {
            return false;
        };
        let (Some(def), Some(this)) = (
            document_uses::def_of(site, shown),
            document_uses::this_of(site, shown),
        ) else {
            return false;
        };
        let matters = |row: &BaseNote| {
            crate::bases::row_matters(
                &def,
                &site.base_rows,
                links.clone(),
                row,
                Some(&this),
                site.clock,
                site.config.language,
            )
        };
        def.looks_up_notes
            || changes.rows.contains_key(&this.path)
            || new_rows
                .iter()
                .any(|(old, new)| old.is_some_and(matters) || new.is_some_and(matters))
    };
    for shown in uses {
        let again = everything
            || match *shown {
                DocumentUse::Page(d) | DocumentUse::Embed { document: d, .. } => {
                    changes.documents.contains(&site.documents[d].source_path)
                        || (site.documents[d].kind == DocumentKind::Base && base_changed(*shown))
                }
                DocumentUse::Block { .. } => base_changed(*shown),
            };
        dirty.uses.push(again);
        if !again {
            continue;
        }
        match shown.note() {
            None => {
                if let DocumentUse::Page(d) = shown {
                    dirty.pages.insert(Page::Document(*d).output_path(site));
                }
            }
            Some(note) => {
                note_pages(site, note, &mut dirty.pages);
                for by in site.embedders_of([note]) {
                    note_pages(site, by, &mut dirty.pages);
                }
            }
        }
    }
    dirty
}

#[derive(Default)]
pub struct DirtyDocuments {
    /// Per use, whether it can have changed.
    pub uses: Vec<bool>,
    /// The output paths of the pages that show those.
    pub pages: BTreeSet<String>,
}

/// The row at a path (from the vault root): notes and files are each sorted by path.
fn row_at<'s>(site: &'s Site, path: &str) -> Option<&'s BaseNote> {
    let (notes, files) = site
        .base_rows
        .split_at(site.notes.len().min(site.base_rows.len()));
    let find = |rows: &'s [BaseNote]| {
        rows.binary_search_by(|r| std::path::Path::new(&r.path).cmp(std::path::Path::new(path)))
            .ok()
            .map(|i| &rows[i])
    };
    find(notes).or_else(|| find(files))
}
