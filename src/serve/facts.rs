//! What the served pages depend on beyond the notes themselves, as small hashes and paths
//! free of note and facet numbering (which change when a note is added or removed): per note
//! where its links resolve and who links to it, the sections' titles and shapes, the facet
//! values' names, and what page is at each output path. `dirty` compares two sets of facts.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::path::PathBuf;

use crate::kind::Kind;
use crate::link::{NoteId, Resolved};
use crate::pages::Page;
use crate::reading_list::CitationFormat;
use crate::site::Site;

/// What is at an output path, independent of note and facet numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageId {
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
pub struct SectionFacts {
    pub(super) title: String,
    /// Hash of the index note's path, the subsections and the number of notes (what the
    /// section's own page and its parent's list of subsections show besides note faces).
    shape: u64,
}

/// The facts of one version of a site.
#[derive(Debug, PartialEq)]
pub struct Facts {
    pub(super) pages: FastMap<String, PageId>,
    /// The published notes' paths, in the site's order.
    pub(super) note_paths: Vec<PathBuf>,
    /// Per note as in `note_paths`.
    pub(super) note_links: Vec<LinkFacts>,
    pub(super) sections: BTreeMap<String, SectionFacts>,
    /// Output path of each facet value page → the value's name as shown.
    pub(super) term_names: FastMap<String, String>,
    /// What the wanted-pages page shows.
    pub(super) wanted: u64,
    /// Which listing the lexicon and definitions name as their term set (JSON-LD on every
    /// such page): it moves when the site gains or loses its lexicon.
    pub(super) term_set: Option<crate::kind::Kind>,
}

/// Hash of the URLs a note's links resolve to, and of its backlinks.
pub type LinkFacts = (u64, u64);

/// Facts are rebuilt after most edits, so their maps use a quicker hash than std's.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

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
            wanted: wanted_hash(site),
            term_set: crate::render::jsonld::term_set_kind(site),
        }
    }

    /// Takes in the link facts of notes re-linked in place (see `dirty_notes`).
    pub fn update_notes(&mut self, fresh: &[(NoteId, LinkFacts)], wanted: u64) {
        for (id, facts) in fresh {
            self.note_links[*id] = *facts;
        }
        self.wanted = wanted;
    }

    /// Output paths of pages that are gone in `new`.
    pub fn removed_pages<'a>(&'a self, new: &'a Facts) -> impl Iterator<Item = &'a String> + 'a {
        self.pages.keys().filter(|p| !new.pages.contains_key(*p))
    }
}

/// The output file of a page at a URL path: `projecten/` → `projecten/index.html`.
pub fn index_file(url_path: &str) -> String {
    format!("{url_path}index.html")
}

/// What the wanted-pages page shows: each wanted name and the notes asking for it.
pub fn wanted_hash(site: &Site) -> u64 {
    let mut hasher = FxHasher::default();
    for wanted in crate::wanted::wanted_pages(site) {
        wanted.name.hash(&mut hasher);
        for (id, _) in &wanted.from {
            site.notes[*id].title.hash(&mut hasher);
            site.notes[*id].url_path.hash(&mut hasher);
        }
    }
    hasher.finish()
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
            Resolved::Missing => hasher.write_u8(3),
            Resolved::Unpublished => hasher.write_u8(4),
        }
    }
    embeds_hash(site, id, &mut hasher, &mut vec![id]);
    // The page's image (`og:image`) is a file's URL too.
    if let Some(file) = site.linked.covers[id] {
        site.content_files[file].output_path.hash(&mut hasher);
    }
    hasher.finish()
}

/// What a page shows of the notes it embeds: their bodies and where their own links and
/// embeds go, through every level of nesting (so editing an embedded note re-renders every
/// page that shows it).
fn embeds_hash(site: &Site, id: NoteId, hasher: &mut FxHasher, seen: &mut Vec<NoteId>) {
    for embed in &site.linked.embeds[id] {
        embed.hash(hasher);
        match embed {
            crate::link::Embedded::Note { id: to, .. } if !seen.contains(to) => {
                let note = &site.notes[*to];
                note.url_path.hash(hasher);
                note.title.hash(hasher);
                note.body.packed_html().hash(hasher);
                hasher.write_u64(links_hash_shallow(site, *to));
                seen.push(*to);
                embeds_hash(site, *to, hasher, seen);
            }
            crate::link::Embedded::File(file) => {
                site.content_files[*file].output_path.hash(hasher);
            }
            _ => {}
        }
    }
}

fn links_hash_shallow(site: &Site, id: NoteId) -> u64 {
    let mut hasher = FxHasher::default();
    for resolved in &site.linked.links[id] {
        match resolved {
            Resolved::Note { id, fragment } => {
                site.notes[*id].url_path.hash(&mut hasher);
                fragment.hash(&mut hasher);
            }
            other => other.hash(&mut hasher),
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
