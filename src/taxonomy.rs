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
    /// Sorted by title (by `site::assemble`).
    pub notes: Vec<NoteId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Facet {
    pub config: FacetConfig,
    /// Sorted by slug, for lookup; display order is the renderer's choice.
    pub terms: Vec<Term>,
    /// Per note id, the indices in `terms` of its values, in the order the note gives them.
    /// Computed once so that listings never slug a value again.
    pub by_note: Vec<Vec<usize>>,
}

impl Facet {
    /// The values a note has for this facet.
    pub fn note_terms(&self, id: NoteId) -> impl Iterator<Item = &Term> {
        self.by_note
            .get(id)
            .into_iter()
            .flatten()
            .map(|t| &self.terms[*t])
    }

    /// Site path of the facet's overview page: `sfeer/`.
    pub fn path(&self) -> String {
        format!("{}/", self.config.path)
    }

    pub fn term_path(&self, term: &Term) -> String {
        format!("{}/{}/", self.config.path, term.slug)
    }

    /// The index in `terms` of the term a value (as written in a note) belongs to, if any
    /// note has it.
    pub fn term_of(&self, value: &str) -> Option<usize> {
        let slug = term_slug(value, self.config.key == "tags");
        self.terms
            .binary_search_by(|t| t.slug.as_str().cmp(&slug))
            .ok()
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

/// A nested tag `a/b/c` also files its note under `a/b` and `a`, as Obsidian's tag pane
/// does: the page of `a` lists `a`, `a/b` and `a/b/c`.
fn with_parents(value: &str, nested: bool) -> Vec<String> {
    let mut out = vec![value.to_string()];
    if nested {
        let mut end = value.len();
        while let Some(i) = value[..end].rfind('/') {
            if i > 0 {
                out.push(value[..i].to_string());
            }
            end = i;
        }
    }
    out
}

/// A value's slug; a nested tag keeps its levels as URL folders: `a/b` → `a/b`.
fn term_slug(value: &str, nested: bool) -> String {
    if nested && value.contains('/') {
        value
            .split('/')
            .filter(|p| !p.trim().is_empty())
            .map(slugify)
            .collect::<Vec<_>>()
            .join("/")
    } else {
        slugify(value)
    }
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
                let nested = config.key == "tags";
                let values = note.facet(&config.key).iter();
                let values = values.flat_map(|v| with_parents(v, nested));
                for value in values {
                    let value = &value;
                    let (spellings, ids, order) =
                        by_slug.entry(term_slug(value, nested)).or_default();
                    if !spellings.contains_key(value) {
                        order.push(value.clone());
                    }
                    *spellings.entry(value.clone()).or_default() += 1;
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
            let terms: Vec<Term> = by_slug
                .into_iter()
                .map(|(slug, (spellings, ids, order))| {
                    let name = display_name(&spellings, &order);
                    Term {
                        name,
                        slug,
                        notes: ids,
                    }
                })
                .collect();
            // by_slug is a BTreeMap, so terms are sorted by slug already.
            let index: std::collections::HashMap<&str, usize> = terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.slug.as_str(), i))
                .collect();
            let by_note = notes
                .iter()
                .map(|note| {
                    let mut ids: Vec<usize> = Vec::new();
                    if !note.is_section_index {
                        for value in note.facet(&config.key) {
                            let t = index[term_slug(value, config.key == "tags").as_str()];
                            if !ids.contains(&t) {
                                ids.push(t);
                            }
                        }
                    }
                    ids
                })
                .collect();
            Facet {
                config: config.clone(),
                terms,
                by_note,
            }
        })
        .collect()
}
