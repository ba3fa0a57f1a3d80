//! A listing's filter panel: the kind and facet values that occur among its notes, and
//! which of them an item names in its `data-f`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::items::FilterToken;
use crate::kind::Kind;
use crate::link::NoteId;
use crate::site::Site;
use crate::slug::sort_key;

#[derive(Serialize, Clone, Hash)]
pub struct FilterFacet {
    pub key: String,
    pub label: String,
    pub values: Vec<FilterValue>,
}

#[derive(Serialize, Clone, Hash)]
pub struct FilterValue {
    pub name: String,
    pub slug: String,
    pub count: usize,
}

/// The filter values a listing's panel offers, by kind and by facet term. An item's `data-f`
/// names only these, so a page costs what its panel shows: a note with N tags makes N tag
/// pages, not N pages of N values each.
pub(super) struct Offered {
    kinds: Vec<Kind>,
    /// Per facet, per term.
    terms: Vec<Vec<bool>>,
}

impl Offered {
    pub(super) fn of(site: &Site, filters: &[FilterFacet]) -> Offered {
        let offered: std::collections::HashSet<(&str, &str)> = filters
            .iter()
            .flat_map(|f| {
                f.values
                    .iter()
                    .map(move |v| (f.key.as_str(), v.slug.as_str()))
            })
            .collect();
        Offered {
            kinds: Kind::ALL
                .into_iter()
                .filter(|k| offered.contains(&("kind", k.key())))
                .collect(),
            terms: site
                .facets
                .iter()
                .map(|facet| {
                    let key = facet.config.key.as_str();
                    facet
                        .terms
                        .iter()
                        .map(|term| offered.contains(&(key, term.slug.as_str())))
                        .collect()
                })
                .collect(),
        }
    }

    pub(super) fn has(&self, token: FilterToken) -> bool {
        match token {
            FilterToken::Kind(kind) => self.kinds.contains(&kind),
            FilterToken::Term(f, t) => self.terms[f][t],
        }
    }
}

/// The kind and each facet, with the values that occur among `ids` and their counts. A value
/// every note here has narrows nothing and is left out (on a value's own page, that value;
/// on a one-note page, all of them).
pub(super) fn filter_facets(site: &Site, ids: &[NoteId]) -> Vec<FilterFacet> {
    let language = site.config.language;
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
            label: crate::i18n::string(language, "kind").into(),
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
