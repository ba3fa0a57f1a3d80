//! Which pages an edit changes. `Facts` records, for the site the served pages were rendered
//! from, what each page's output depends on beyond the notes themselves (resolved links,
//! backlinks, sections, facet value names); `dirty_pages` compares them with the new site and
//! adds the pages that show a changed note.
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
//! The equivalence test in `tests/serve_equivalence.rs` checks these rules against full builds.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::path::PathBuf;

use crate::kind::Kind;
use crate::link::{NoteId, Resolved};
use crate::note::Note;
use crate::pages::Page;
use crate::reading_list::CitationFormat;
use crate::render::summary_of;
use crate::site::{Site, parent_section};
use crate::slug::slugify;

/// What is at an output path, independent of note and facet numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PageId {
    Note(PathBuf),
    Handout(PathBuf),
    Citations(PathBuf, CitationFormat),
    Section(String),
    Kind(Kind),
    FacetIndex(String),
    FacetTerm(String, String),
    /// Home, all notes, search, 404, feed, sitemap, data: one of each.
    Fixed(Page),
}

impl PageId {
    fn of(site: &Site, page: &Page) -> PageId {
        match page {
            Page::Note(id) => PageId::Note(site.notes[*id].source_path.clone()),
            Page::Handout(id) => PageId::Handout(site.notes[*id].source_path.clone()),
            Page::Citations(id, format) => {
                PageId::Citations(site.notes[*id].source_path.clone(), *format)
            }
            Page::Section(path) => PageId::Section(path.clone()),
            Page::Kind(kind) => PageId::Kind(*kind),
            Page::FacetIndex(f) => PageId::FacetIndex(site.facets[*f].config.key.clone()),
            Page::FacetTerm(f, t) => PageId::FacetTerm(
                site.facets[*f].config.key.clone(),
                site.facets[*f].terms[*t].slug.clone(),
            ),
            other => PageId::Fixed(other.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SectionFacts {
    title: String,
    /// Hash of the index note's path, the subsections and the number of notes (what the
    /// section's own page and its parent's list of subsections show besides note faces).
    shape: u64,
}

/// A site's pages and cross-note dependencies, as hashes and paths: small, and free of the
/// note numbering that changes when a note is added or removed.
pub struct Facts {
    pages: FastMap<String, PageId>,
    /// The published notes' paths, in the site's order.
    note_paths: Vec<PathBuf>,
    /// Per note as in `note_paths`.
    note_links: Vec<LinkFacts>,
    sections: BTreeMap<String, SectionFacts>,
    /// Output path of each facet value page → the value's name as shown.
    term_names: FastMap<String, String>,
}

/// Hash of the URLs a note's links resolve to, and of its backlinks.
pub type LinkFacts = (u64, u64);

/// Facts are rebuilt after most edits, so their maps use a quicker hash than std's.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// What an edit requires.
pub enum Dirty {
    All,
    /// These output paths, all pages of the new site.
    Pages(BTreeSet<String>),
}

impl Facts {
    /// `pages` are the site's pages with their output paths.
    pub fn of(site: &Site, pages: &[(String, Page)]) -> Facts {
        let note_paths = site.notes.iter().map(|n| n.source_path.clone()).collect();
        let note_links = (0..site.notes.len())
            .map(|id| note_link_facts(site, id))
            .collect();
        let sections = site
            .sections
            .values()
            .map(|s| {
                let index = s.index.map(|i| &site.notes[i].source_path);
                let shape = hash_of(&(index, &s.subsections, s.notes.len()));
                (
                    s.path.clone(),
                    SectionFacts {
                        title: s.title.clone(),
                        shape,
                    },
                )
            })
            .collect();
        let term_names = site
            .facets
            .iter()
            .flat_map(|facet| {
                facet
                    .terms
                    .iter()
                    .map(|t| (index_file(&facet.term_path(t)), t.name.clone()))
            })
            .collect();
        Facts {
            pages: pages
                .iter()
                .map(|(path, page)| (path.clone(), PageId::of(site, page)))
                .collect(),
            note_paths,
            note_links,
            sections,
            term_names,
        }
    }

    /// Takes in the link facts of notes re-linked in place (see `dirty_notes`).
    pub fn update_notes(&mut self, fresh: &[(NoteId, LinkFacts)]) {
        for (id, facts) in fresh {
            self.note_links[*id] = *facts;
        }
    }

    /// Output paths of pages that are gone in `new`.
    pub fn removed_pages<'a>(&'a self, new: &'a Facts) -> impl Iterator<Item = &'a String> + 'a {
        self.pages.keys().filter(|p| !new.pages.contains_key(*p))
    }
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
    if title_changed || name_changed {
        return Dirty::All;
    }

    let mut dirty = BTreeSet::new();
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

    finish(site, changed, dirty, &new.pages)
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
    changed_notes(site, changed, &mut dirty);
    finish(site, changed, dirty, &served.pages)
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

/// Adds `data.json` when anything changed (it holds every note, links and external links
/// included), and keeps only pages the site has.
fn finish(
    site: &Site,
    changed: &BTreeMap<PathBuf, Option<Note>>,
    mut dirty: BTreeSet<String>,
    pages: &FastMap<String, PageId>,
) -> Dirty {
    if !changed.is_empty() || !dirty.is_empty() {
        dirty.insert(Page::Data.output_path(site));
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

fn index_file(url_path: &str) -> String {
    format!("{url_path}index.html")
}

fn link_targets(site: &Site, id: NoteId) -> impl Iterator<Item = NoteId> + '_ {
    site.linked.links[id].iter().filter_map(|r| match r {
        Resolved::Note { id, .. } => Some(*id),
        _ => None,
    })
}

/// What a note's page shows of other notes: where its links go, and who links to it.
pub fn note_link_facts(site: &Site, id: NoteId) -> LinkFacts {
    (links_hash(site, id), backlinks_hash(site, id))
}

fn links_hash(site: &Site, id: NoteId) -> u64 {
    let mut hasher = FxHasher::default();
    for resolved in &site.linked.links[id] {
        match resolved {
            Resolved::Note { id, fragment } => {
                hasher.write_u8(0);
                site.notes[*id].url_path.hash(&mut hasher);
                fragment.hash(&mut hasher);
            }
            Resolved::File(file) => {
                hasher.write_u8(1);
                site.content_files[*file].output_path.hash(&mut hasher);
            }
            Resolved::Broken => hasher.write_u8(2),
        }
    }
    hasher.finish()
}

fn backlinks_hash(site: &Site, id: NoteId) -> u64 {
    let mut hasher = FxHasher::default();
    for from in &site.linked.backlinks[id] {
        let path = site.notes[*from].source_path.as_os_str();
        hasher.write(path.as_encoded_bytes());
        hasher.write_u8(0xff);
    }
    hasher.finish()
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The multiply-rotate hash of rustc (`FxHasher`): fast on short keys, not for untrusted
/// input, which facts never are.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut rest = [0u8; 8];
        let tail = chunks.remainder();
        rest[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(rest) ^ (tail.len() as u64) << 56);
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
