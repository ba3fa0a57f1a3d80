//! A note as a list shows it (`Item`): listings, backlinks, the home page's recent notes.
//! Made per list, with only the filter values that list's panel offers.

use serde::Serialize;

use super::urls::{Urls, cover_url};
use crate::i18n::format_date;
use crate::kind::Kind;
use crate::link::NoteId;
use crate::note::{KindData, Note};
use crate::site::Site;

/// A note in a listing, with what filtering and the kind-specific layouts need.
#[derive(Serialize, Clone)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub summary: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i64>,
    /// `kind=project sphere=informeel tags=sport`: facet slugs for in-page filtering, in
    /// listings (empty in backlinks).
    pub filter: String,
    /// The note's `image:`/`cover:`, for a card.
    pub image: Option<String>,
}

pub fn item(site: &Site, id: NoteId) -> Item {
    item_keeping(site, id, &|_| true)
}

/// A filter value an item names: its kind, or term `.1` of facet `.0`.
#[derive(Clone, Copy)]
pub enum FilterToken {
    Kind(Kind),
    Term(usize, usize),
}

/// `item`, its `filter` naming only the values `keep` takes (those a listing's panel
/// offers), written once rather than written whole and then cut.
pub fn item_keeping(site: &Site, id: NoteId, keep: &dyn Fn(FilterToken) -> bool) -> Item {
    let note = &site.notes[id];
    let mut filter = String::new();
    let mut add = |key: &str, value: &str| {
        if !filter.is_empty() {
            filter.push(' ');
        }
        filter.push_str(key);
        filter.push('=');
        filter.push_str(value);
    };
    if keep(FilterToken::Kind(note.kind)) {
        add("kind", note.kind.key());
    }
    for (f, facet) in site.facets.iter().enumerate() {
        for t in facet.by_note.get(id).into_iter().flatten() {
            if keep(FilterToken::Term(f, *t)) {
                add(&facet.config.key, &facet.terms[*t].slug);
            }
        }
    }
    Item {
        filter,
        ..unfiltered_item(site, id)
    }
}

/// `item` without filter values, for lists nothing filters (backlinks): the note's facet
/// values are not looked at (each facet's are an allocation of their own, so a cache miss
/// per facet, and a note has 14 backlinks in the benchmark corpus).
pub fn unfiltered_item(site: &Site, id: NoteId) -> Item {
    let note = &site.notes[id];
    let language = site.config.language;
    let (publisher, year) = match &note.kind_data {
        KindData::Publication {
            publisher, year, ..
        } => (publisher.clone(), *year),
        _ => (None, None),
    };
    Item {
        title: note.title.clone(),
        url: Urls { site }.note(id),
        kind: note.kind.key(),
        kind_label: note.kind.label(language),
        summary: summary_of(note),
        date: note.date.map(|d| format_date(d.day, language)),
        publisher,
        year,
        filter: String::new(),
        image: cover_url(site, id),
    }
}

/// The note's `summary`, or the start of its text.
pub fn summary_of(note: &Note) -> Option<String> {
    note.summary.clone().or_else(|| note.excerpt.clone())
}
