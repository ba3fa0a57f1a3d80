//! Contexts of the pages that list notes: kinds, sections, all notes, facet values, the home
//! page; with the facet counts that the filter panel starts from.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::{Item, Urls, fill_links, item, items_by_title};
use crate::kind::Kind;
use crate::link::NoteId;
use crate::pages::{Page, kinds_present};
use crate::site::Site;
use crate::slug::sort_key;

#[derive(Serialize)]
pub struct ListingContext {
    pub title: String,
    pub url: String,
    /// Intro HTML from the section's `_index.md`.
    pub intro: Option<String>,
    /// `lexicon`, `publication`, ... when the listing shows one kind: picks its layout.
    pub layout: &'static str,
    pub items: Vec<Item>,
    /// Lexicon and definitions: items grouped by first letter.
    pub groups: Vec<LetterGroup>,
    pub subsections: Vec<Counted>,
    pub filters: Vec<FilterFacet>,
    pub count: usize,
    /// What the count counts, for one and for many ("voorbeeldproject", "voorbeeldprojecten").
    pub count_one: &'static str,
    pub count_many: &'static str,
}

#[derive(Serialize)]
pub struct LetterGroup {
    pub letter: String,
    pub id: String,
    pub items: Vec<Item>,
}

#[derive(Serialize, Clone)]
pub struct Counted {
    pub title: String,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct FilterFacet {
    pub key: String,
    pub label: String,
    pub values: Vec<FilterValue>,
}

#[derive(Serialize)]
pub struct FilterValue {
    pub name: String,
    pub slug: String,
    pub count: usize,
}

pub fn listing(
    site: &Site,
    page: &Page,
    title: String,
    intro: Option<String>,
    ids: Vec<NoteId>,
    layout: &'static str,
) -> ListingContext {
    let mut items = items_by_title(site, ids.iter().copied());
    let filters = filter_facets(site, &ids);
    keep_only_offered_filters(&mut items, &filters);
    let groups = if matches!(layout, "lexicon" | "definition") {
        letter_groups(&items)
    } else {
        Vec::new()
    };
    let kinds: Vec<Kind> = ids.iter().map(|id| site.notes[*id].kind).collect();
    let (count_one, count_many) = super::words::count_nouns(&kinds, site.config.language);
    ListingContext {
        count_one,
        count_many,
        title,
        url: Urls { site }.page(page),
        intro,
        layout,
        count: items.len(),
        items,
        groups,
        subsections: Vec::new(),
        filters,
    }
}

pub fn kind_listing(site: &Site, kind: Kind) -> ListingContext {
    let language = site.config.language;
    let page = Page::Kind(kind);
    let path = page.url_path(site);
    let mut ids: Vec<NoteId> = site
        .note_ids()
        .filter(|id| site.notes[*id].kind == kind)
        .collect();
    let (mut title, mut intro) = (kind.plural_label(language).to_string(), None);
    let mut subsections = Vec::new();
    // A folder with the listing's path (`projecten/`) lends it its title, intro and notes.
    if let Some(section) = site.sections.get(&path) {
        ids.extend(section.notes.iter().copied());
        if let Some(index) = section.index {
            title = section.title.clone();
            intro = Some(fill_links(site, index)).filter(|h| !h.trim().is_empty());
            intro = intro.map(|h| super::tables::wrap_tables(&h, language));
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
        .map(|i| super::tables::wrap_tables(&fill_links(site, i), site.config.language))
        .filter(|h| !h.trim().is_empty());
    let kinds: Vec<Kind> = section
        .notes
        .iter()
        .map(|id| site.notes[*id].kind)
        .collect();
    let layout = match kinds.first() {
        Some(first) if kinds.iter().all(|k| k == first) => layout_of(*first),
        _ => "mixed",
    };
    let mut ctx = listing(
        site,
        &Page::Section(path.to_string()),
        section.title.clone(),
        intro,
        section.notes.clone(),
        layout,
    );
    ctx.subsections = subsection_links(site, &section.subsections);
    ctx
}

pub fn all_notes(site: &Site) -> ListingContext {
    let title = crate::i18n::strings(site.config.language)["all_notes"].to_string();
    let mut ctx = listing(
        site,
        &Page::AllNotes,
        title,
        None,
        site.note_ids().collect(),
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
        term.notes.clone(),
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

fn letter_groups(items: &[Item]) -> Vec<LetterGroup> {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for it in items {
        let first = crate::slug::slugify(&it.title)
            .chars()
            .next()
            .unwrap_or('#');
        let letter = if first.is_ascii_alphabetic() {
            first.to_ascii_uppercase().to_string()
        } else {
            "#".into()
        };
        if groups.last().is_none_or(|g| g.letter != letter) {
            let id = format!(
                "letter-{}",
                if letter == "#" {
                    "0".into()
                } else {
                    letter.to_lowercase()
                }
            );
            groups.push(LetterGroup {
                letter: letter.clone(),
                id,
                items: Vec::new(),
            });
        }
        let g = groups.last_mut().expect("a group was just pushed");
        g.items.push(Item {
            title: it.title.clone(),
            url: it.url.clone(),
            kind: it.kind,
            kind_label: it.kind_label,
            summary: it.summary.clone(),
            date: it.date.clone(),
            publisher: it.publisher.clone(),
            year: it.year,
            filter: it.filter.clone(),
            image: it.image.clone(),
        });
    }
    groups
}

/// An item's `data-f` names only values the panel offers, so a page costs what its panel
/// shows: a note with N tags makes N tag pages, not N pages of N values each.
fn keep_only_offered_filters(items: &mut [Item], filters: &[FilterFacet]) {
    let offered: std::collections::HashSet<String> = filters
        .iter()
        .flat_map(|f| {
            f.values
                .iter()
                .map(move |v| format!("{}={}", f.key, v.slug))
        })
        .collect();
    for item in items {
        let kept: Vec<&str> = item
            .filter
            .split(' ')
            .filter(|token| offered.contains(*token))
            .collect();
        item.filter = kept.join(" ");
    }
}

/// The kind and each facet, with the values that occur among `ids` and their counts. A value
/// every note here has narrows nothing and is left out (on a value's own page, that value;
/// on a one-note page, all of them).
fn filter_facets(site: &Site, ids: &[NoteId]) -> Vec<FilterFacet> {
    let language = site.config.language;
    let strings = crate::i18n::strings(language);
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut per_facet: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); site.facets.len()];
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            continue;
        }
        let note = &site.notes[*id];
        *kinds.entry(note.kind).or_default() += 1;
        for (f, facet) in site.facets.iter().enumerate() {
            for t in &facet.by_note[*id] {
                *per_facet[f].entry(*t).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    if kinds.len() > 1 {
        out.push(FilterFacet {
            key: "kind".into(),
            label: strings["kind"].into(),
            values: kinds
                .into_iter()
                .map(|(k, count)| FilterValue {
                    name: k.label(language).into(),
                    slug: k.key().into(),
                    count,
                })
                .collect(),
        });
    }
    let notes = seen.len();
    for (f, counts) in per_facet.into_iter().enumerate() {
        let facet = &site.facets[f];
        let mut values: Vec<FilterValue> = counts
            .into_iter()
            .filter(|(_, count)| *count < notes)
            .map(|(t, count)| FilterValue {
                name: facet.terms[t].name.clone(),
                slug: facet.terms[t].slug.clone(),
                count,
            })
            .collect();
        if values.is_empty() {
            continue;
        }
        values.sort_by_cached_key(|v| sort_key(&v.name));
        out.push(FilterFacet {
            key: facet.config.key.clone(),
            label: facet.config.label.clone(),
            values,
        });
    }
    out
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
            super::tables::wrap_tables(&fill_links(site, index), language),
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
