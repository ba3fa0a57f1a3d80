//! Stage 3b, facets: group notes by the values of each configured facet.
//! Values are compared by their ASCII slug, so `Sociale Basis`, `sociale basis` and
//! `sociale-basis` are one value with one page.

use std::collections::BTreeMap;

use crate::config::FacetConfig;
use crate::link::NoteId;
use crate::note::Note;
use crate::slug::{fold, slugify};

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The spelling most notes use (ties: the first seen).
    pub name: String,
    pub slug: String,
    /// Sorted by title.
    pub notes: Vec<NoteId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Facet {
    pub config: FacetConfig,
    /// Sorted by name, case-folded.
    pub terms: Vec<Term>,
}

impl Facet {
    pub fn term(&self, value: &str) -> Option<&Term> {
        let slug = slugify(value);
        self.terms
            .binary_search_by(|t| t.slug.as_str().cmp(&slug))
            .ok()
            .map(|i| &self.terms[i])
            .or_else(|| self.terms.iter().find(|t| t.slug == slug))
    }

    /// Site path of the facet's overview page: `sfeer/`.
    pub fn path(&self) -> String {
        format!("{}/", self.config.path)
    }

    pub fn term_path(&self, term: &Term) -> String {
        format!("{}/{}/", self.config.path, term.slug)
    }
}

/// Per value slug: how often each spelling occurs, the notes, the spellings in order seen.
type Spellings = (BTreeMap<String, usize>, Vec<NoteId>, Vec<String>);

pub fn collect(facets: &[FacetConfig], notes: &[Note]) -> Vec<Facet> {
    facets
        .iter()
        .map(|config| {
            let mut by_slug: BTreeMap<String, Spellings> = BTreeMap::new();
            for (id, note) in notes.iter().enumerate() {
                if note.is_section_index {
                    continue;
                }
                for value in note.facet(&config.key) {
                    let (spellings, ids, order) = by_slug.entry(slugify(value)).or_default();
                    if !spellings.contains_key(value) {
                        order.push(value.clone());
                    }
                    *spellings.entry(value.clone()).or_default() += 1;
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
            let mut terms: Vec<Term> = by_slug
                .into_iter()
                .map(|(slug, (spellings, mut ids, order))| {
                    let best = spellings.values().max().copied().unwrap_or(0);
                    let name = order
                        .into_iter()
                        .find(|s| spellings[s] == best)
                        .unwrap_or_default();
                    ids.sort_by(|a, b| {
                        fold(&notes[*a].title)
                            .cmp(&fold(&notes[*b].title))
                            .then(a.cmp(b))
                    });
                    ids.dedup();
                    Term {
                        name,
                        slug,
                        notes: ids,
                    }
                })
                .collect();
            // Sorted by slug for lookup; display order is decided by the renderer.
            terms.sort_by(|a, b| a.slug.cmp(&b.slug));
            Facet {
                config: config.clone(),
                terms,
            }
        })
        .collect()
}
