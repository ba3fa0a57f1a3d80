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

/// For one value slug: count per spelling, the notes, the spellings in order first seen.
type Gathered = (BTreeMap<String, usize>, Vec<NoteId>, Vec<String>);

/// The spelling to show for a value: the case-folded form most notes use, then the exact
/// spelling most notes use within it; ties go to the first seen.
fn display_name(spellings: &BTreeMap<String, usize>, order: &[String]) -> String {
    let folded_count = |s: &String| {
        let f = fold(s);
        spellings
            .iter()
            .filter(|(k, _)| fold(k) == f)
            .map(|(_, n)| n)
            .sum::<usize>()
    };
    let best_fold = order.iter().map(folded_count).max().unwrap_or(0);
    let winner = order
        .iter()
        .find(|s| folded_count(s) == best_fold)
        .map(|s| fold(s));
    let candidates: Vec<&String> = order.iter().filter(|s| Some(fold(s)) == winner).collect();
    let best = candidates.iter().map(|s| spellings[*s]).max().unwrap_or(0);
    candidates
        .into_iter()
        .find(|s| spellings[*s] == best)
        .cloned()
        .unwrap_or_default()
}

pub fn collect(facets: &[FacetConfig], notes: &[Note]) -> Vec<Facet> {
    facets
        .iter()
        .map(|config| {
            let mut by_slug: BTreeMap<String, Gathered> = BTreeMap::new();
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
                    let name = display_name(&spellings, &order);
                    crate::note::sort_by_title(notes, &mut ids);
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
