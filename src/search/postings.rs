//! Which notes hold which terms, and how strongly: a title or alias match outweighs any number
//! of matches in the body, so titles rank first.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::text::Analyzer;
use crate::config::Language;
use crate::note::Note;

/// Weight of one occurrence per field. A title match (16) beats the most a body can give
/// (`BODY_CAP` + a heading), so notes named after the query come first.
const TITLE: u32 = 16;
const ALIAS: u32 = 12;
const SUMMARY: u32 = 3;
const HEADING: u32 = 3;
const FACET_VALUE: u32 = 2;
const BODY: u32 = 1;
const BODY_CAP: u32 = 6;

/// Term → `(document number, score)` in increasing document order.
pub type Postings = BTreeMap<String, Vec<(u32, u8)>>;

/// Scores every term of every note; notes are numbered by their place in `notes`.
pub fn collect(notes: &[&Note], language: Language) -> Postings {
    let per_doc: Vec<HashMap<String, u32>> = notes
        .par_iter()
        .map_init(
            || Analyzer::new(language),
            |analyzer, note| score_note(analyzer, note),
        )
        .collect();
    let mut postings: Postings = BTreeMap::new();
    for (doc, scores) in per_doc.into_iter().enumerate() {
        for (term, score) in scores {
            postings
                .entry(term)
                .or_default()
                .push((doc as u32, score.min(255) as u8));
        }
    }
    postings
}

fn score_note(analyzer: &mut Analyzer, note: &Note) -> HashMap<String, u32> {
    let mut scores: HashMap<String, u32> = HashMap::new();
    let mut add = |analyzer: &mut Analyzer, text: &str, weight: u32| {
        for term in analyzer.terms(text) {
            *scores.entry(term).or_default() += weight;
        }
    };
    add(analyzer, &note.title, TITLE);
    for alias in &note.aliases {
        add(analyzer, alias, ALIAS);
    }
    if let Some(summary) = &note.summary {
        add(analyzer, summary, SUMMARY);
    }
    for heading in &note.body.headings {
        add(analyzer, &heading.text, HEADING);
    }
    for (_, values) in &note.facets {
        for value in values {
            add(analyzer, value, FACET_VALUE);
        }
    }
    let mut body: HashMap<String, u32> = HashMap::new();
    for term in analyzer.terms(&note.body.text) {
        *body.entry(term).or_default() += BODY;
    }
    for (term, count) in body {
        *scores.entry(term).or_default() += count.min(BODY_CAP);
    }
    scores
}
