//! Contexts of the pages that list notes: kinds, sections, all notes, facet values, the home
//! page; with the facet counts that the filter panel starts from.

use std::sync::Arc;

use serde::Serialize;

use super::context::{Link, Urls, crumbs, fill_links};
use super::items::{Item, item, item_keeping};
pub use super::listing_filters::FilterFacet;
use super::listing_filters::{Offered, filter_facets};
use crate::kind::Kind;
use crate::link::NoteId;
use crate::pages::{Page, kinds_present};
use crate::site::Site;
use crate::slug::sort_key;

#[derive(Serialize, Clone)]
pub struct ListingContext {
    pub title: String,
    pub url: String,
    /// Intro HTML from the section's `_index.md`.
    pub intro: Option<String>,
    /// `lexicon`, `publication`, ... when the listing shows one kind: picks its layout.
    pub layout: &'static str,
    /// Every note listed, in title order; `items` are those of the page shown. Shared, so
    /// that each page's copy of a listing does not copy it (at 100,000 notes it is 800 KB,
    /// and the all-notes listing has a thousand pages).
    #[serde(skip)]
    pub ids: Arc<[NoteId]>,
    /// In a lettered listing, each letter and where in `ids` its group starts: found once,
    /// as every page links every letter (per page, it was a pass over the whole listing).
    #[serde(skip)]
    pub letter_starts: Arc<[(String, usize)]>,
    pub items: Vec<Item>,
    /// Lexicon and definitions: items grouped by first letter.
    pub groups: Vec<LetterGroup>,
    pub subsections: Vec<Counted>,
    pub filters: Vec<FilterFacet>,
    pub count: usize,
    /// What the count counts, for one and for many ("voorbeeldproject", "voorbeeldprojecten").
    pub count_one: &'static str,
    pub count_many: &'static str,
    /// Set when the listing takes more than one page (`listing_pager`).
    pub pager: Option<super::listing_pager::Pager>,
    /// Where the page's script finds every item of a paged listing.
    pub items_url: Option<String>,
    /// The letters of a lettered listing, each linking to where its group starts (on this
    /// page or another).
    pub letters: Vec<super::listing_pager::LetterLink>,
}

#[derive(Serialize, Clone)]
pub struct LetterGroup {
    pub letter: String,
    pub id: String,
    pub items: Vec<Item>,
}

#[derive(Serialize, Clone, Hash)]
pub struct Counted {
    pub title: String,
    pub url: String,
    pub count: usize,
}

/// A listing without its items: those are made per page (`listing_pager::paginate`), so a
/// listing of 10,000 notes cut into 100 pages makes each item once, not once per page.
pub fn listing(
    site: &Site,
    page: &Page,
    title: String,
    intro: Option<String>,
    mut ids: Vec<NoteId>,
    layout: &'static str,
) -> ListingContext {
    site.title_order.sort(&mut ids);
    ids.dedup();
    let filters = filter_facets(site, &ids);
    let kinds: Vec<Kind> = ids.iter().map(|id| site.notes[*id].kind).collect();
    let (count_one, count_many) = super::words::count_nouns(&kinds, site.config.language);
    let letter_starts = if lettered(layout) {
        letter_starts(site, &ids)
    } else {
        Vec::new()
    };
    ListingContext {
        count_one,
        count_many,
        title,
        url: Urls { site }.page(page),
        intro,
        layout,
        count: ids.len(),
        ids: ids.into(),
        letter_starts: letter_starts.into(),
        items: Vec::new(),
        groups: Vec::new(),
        subsections: Vec::new(),
        filters,
        pager: None,
        items_url: None,
        letters: Vec::new(),
    }
}

/// The items of `ids` (in that order) as a listing shows them, each naming only the filter
/// values the listing's panel offers.
pub(super) fn items_of(site: &Site, ctx: &ListingContext, ids: &[NoteId]) -> Vec<Item> {
    use rayon::prelude::*;
    let offered = Offered::of(site, &ctx.filters);
    // In parallel for the long listings (all notes: one item per note).
    ids.par_iter()
        .with_min_len(256)
        .map(|id| item_keeping(site, *id, &|token| offered.has(token)))
        .collect()
}

/// Whether the listing's items stand in letter groups (lexicon, definitions).
pub(super) fn is_lettered(ctx: &ListingContext) -> bool {
    lettered(ctx.layout)
}

fn lettered(layout: &str) -> bool {
    matches!(layout, "lexicon" | "definition")
}

/// Each letter of notes `ids` (in title order) and the place where its run starts.
fn letter_starts(site: &Site, ids: &[NoteId]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let letter = letter_of(&site.notes[*id].title);
        if out.last().is_none_or(|(previous, _)| *previous != letter) {
            out.push((letter, i));
        }
    }
    out
}

/// A listing page's whole listing (no items made yet), with its breadcrumbs.
pub fn with_crumbs(site: &Site, page: &Page) -> (ListingContext, Vec<Link>) {
    let trail = match page {
        Page::Section(path) => crumbs(site, &crate::site::parent_section(path)),
        Page::FacetTerm(f, _) => {
            let mut trail = crumbs(site, "");
            trail.push(Link {
                title: site.facets[*f].config.label.clone(),
                url: Urls { site }.page(&Page::FacetIndex(*f)),
            });
            trail
        }
        _ => crumbs(site, ""),
    };
    (whole(site, page), trail)
}

/// A listing page's whole listing, not cut into pages.
fn whole(site: &Site, page: &Page) -> ListingContext {
    match page {
        Page::Section(path) => section_listing(site, path),
        Page::Kind(kind) => kind_listing(site, *kind),
        Page::FacetTerm(f, t) => facet_term(site, *f, *t),
        _ => all_notes(site),
    }
}

pub fn kind_listing(site: &Site, kind: Kind) -> ListingContext {
    let language = site.config.language;
    let page = Page::Kind(kind);
    let path = page.url_path(site);
    let ids = crate::paging::listed_notes(site, &page).unwrap_or_default();
    let (mut title, mut intro) = (kind.plural_label(language).to_string(), None);
    let mut subsections = Vec::new();
    // A folder with the listing's path (`projecten/`) lends it its title, intro and notes.
    if let Some(section) = site.sections.get(&path) {
        if let Some(index) = section.index {
            title = section.title.clone();
            intro = Some(fill_links(site, index)).filter(|h| !h.trim().is_empty());
            intro = intro.map(|h| super::tables::wrap_tables(h, language));
        }
        subsections = subsection_links(site, &section.subsections);
    }
    let mut ctx = listing(site, &page, title, intro, ids, layout_of(kind));
    ctx.subsections = subsections;
    ctx
}

pub fn section_listing(site: &Site, path: &str) -> ListingContext {
    let section = &site.sections[path];
    let intro = section
        .index
        .map(|i| super::tables::wrap_tables(fill_links(site, i), site.config.language))
        .filter(|h| !h.trim().is_empty());
    let kinds: Vec<Kind> = section
        .notes
        .iter()
        .map(|id| site.notes[*id].kind)
        .collect();
    let ids =
        crate::paging::listed_notes(site, &Page::Section(path.to_string())).unwrap_or_default();
    let layout = match kinds.first() {
        Some(first) if kinds.iter().all(|k| k == first) => layout_of(*first),
        _ => "mixed",
    };
    let mut ctx = listing(
        site,
        &Page::Section(path.to_string()),
        section.title.clone(),
        intro,
        ids,
        layout,
    );
    ctx.subsections = subsection_links(site, &section.subsections);
    ctx
}

pub fn all_notes(site: &Site) -> ListingContext {
    let title = crate::i18n::string(site.config.language, "all_notes").to_string();
    let mut ctx = listing(
        site,
        &Page::AllNotes,
        title,
        None,
        crate::paging::listed_notes(site, &Page::AllNotes).unwrap_or_default(),
        "mixed",
    );
    // Folders the menu has no room for are found here.
    if super::menu::is_cut(site)
        && let Some(root) = site.sections.get("")
    {
        ctx.subsections = subsection_links(site, &root.subsections);
    }
    ctx
}

pub fn facet_term(site: &Site, f: usize, t: usize) -> ListingContext {
    let facet = &site.facets[f];
    let term = &facet.terms[t];
    let title = format!("{}: {}", facet.config.label, term.name);
    listing(
        site,
        &Page::FacetTerm(f, t),
        title,
        None,
        crate::paging::listed_notes(site, &Page::FacetTerm(f, t)).unwrap_or_default(),
        "mixed",
    )
}

fn layout_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Definition => "definition",
        Kind::Lexicon => "lexicon",
        Kind::Project => "project",
        Kind::Publication => "publication",
        Kind::ReadingList => "reading-list",
        Kind::Note => "mixed",
    }
}

fn subsection_links(site: &Site, paths: &[String]) -> Vec<Counted> {
    paths
        .iter()
        .map(|p| {
            let s = &site.sections[p];
            Counted {
                title: s.title.clone(),
                url: format!("{}{}", site.config.base_path(), p),
                count: s.notes.len(),
            }
        })
        .collect()
}

pub(super) fn letter_groups(items: &[Item]) -> Vec<LetterGroup> {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for it in items {
        let letter = letter_of(&it.title);
        if groups.last().is_none_or(|g| g.letter != letter) {
            groups.push(LetterGroup {
                id: letter_id(&letter),
                letter,
                items: Vec::new(),
            });
        }
        let g = groups.last_mut().expect("a group was just pushed");
        g.items.push(it.clone());
    }
    groups
}

/// The anchor of a letter's group: `letter-k`, `letter-0` for `#`.
pub(super) fn letter_id(letter: &str) -> String {
    if letter == "#" {
        "letter-0".into()
    } else {
        format!("letter-{}", letter.to_lowercase())
    }
}

/// The letter a title is listed under: its first letter or digit without accents, `#` for
/// a digit or anything else.
pub(super) fn letter_of(title: &str) -> String {
    let first = title
        .chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| deunicode::deunicode_char(c).and_then(|s| s.chars().next()))
        .unwrap_or('#');
    if first.is_ascii_alphabetic() {
        first.to_ascii_uppercase().to_string()
    } else {
        "#".into()
    }
}

#[derive(Serialize)]
pub struct FacetIndexContext {
    pub title: String,
    pub url: String,
    pub values: Vec<Counted>,
}

pub fn facet_index(site: &Site, f: usize) -> FacetIndexContext {
    let facet = &site.facets[f];
    let mut values: Vec<Counted> = facet
        .terms
        .iter()
        .map(|t| Counted {
            title: t.name.clone(),
            url: format!("{}{}", site.config.base_path(), facet.term_path(t)),
            count: t.notes.len(),
        })
        .collect();
    values.sort_by_cached_key(|v| sort_key(&v.title));
    FacetIndexContext {
        title: facet.config.label.clone(),
        url: Urls { site }.page(&Page::FacetIndex(f)),
        values,
    }
}

#[derive(Serialize)]
pub struct HomeContext {
    pub title: String,
    pub content: String,
    pub kinds: Vec<Counted>,
    pub facets: Vec<HomeFacet>,
    pub recent: Vec<Item>,
    pub sections: Vec<Counted>,
}

#[derive(Serialize)]
pub struct HomeFacet {
    pub label: String,
    pub url: String,
    pub values: Vec<Counted>,
}

pub fn home(site: &Site) -> HomeContext {
    let urls = Urls { site };
    let language = site.config.language;
    let root = site.sections.get("");
    let (title, content) = match root.and_then(|s| s.index) {
        Some(index) => (
            site.notes[index].title.clone(),
            super::tables::wrap_tables(fill_links(site, index), language),
        ),
        None => (site.config.title.clone(), String::new()),
    };
    let kinds = kinds_present(site)
        .into_iter()
        .map(|k| Counted {
            title: k.plural_label(language).into(),
            url: urls.kind(k),
            count: site.kind_counts[&k],
        })
        .collect();
    let facets = site
        .facets
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.terms.is_empty())
        .map(|(f, facet)| {
            let mut values: Vec<Counted> = facet
                .terms
                .iter()
                .map(|t| Counted {
                    title: t.name.clone(),
                    url: format!("{}{}", site.config.base_path(), facet.term_path(t)),
                    count: t.notes.len(),
                })
                .collect();
            values.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| sort_key(&a.title).cmp(&sort_key(&b.title)))
            });
            values.truncate(12);
            HomeFacet {
                label: facet.config.label.clone(),
                url: urls.page(&Page::FacetIndex(f)),
                values,
            }
        })
        .collect();
    let mut dated: Vec<NoteId> = site
        .note_ids()
        .filter(|id| site.notes[*id].date.is_some())
        .collect();
    dated.sort_by(|a, b| site.notes[*b].date.cmp(&site.notes[*a].date).then(a.cmp(b)));
    dated.truncate(6);
    let sections = root
        .map(|r| subsection_links(site, &r.subsections))
        .unwrap_or_default();
    HomeContext {
        title,
        content,
        kinds,
        facets,
        recent: dated.into_iter().map(|id| item(site, id)).collect(),
        sections,
    }
}
