//! Which notes hold which terms, and how strongly: a title or alias match outweighs any number
//! of matches in the body, so titles rank first.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::text::{Analyzer, fold, tokens};
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
    // Each rayon fold keeps its own vocabulary, so a term's string is made once per chunk of
    // notes rather than once per note, and scores add up under integer ids.
    // A few chunks per thread, not one per split: each repeats the vocabulary it met. On a
    // thread of its own (a build makes the index beside the pages) one chunk: there is no
    // other thread to share with, and every chunk more stems the same words again.
    let chunks = match rayon::current_num_threads() {
        1 => 1,
        threads => 4 * threads,
    };
    let min_len = notes.len().div_ceil(chunks).max(1);
    let chunks: Vec<Chunk> = notes
        .par_iter()
        .enumerate()
        .with_min_len(min_len)
        .fold(
            || Chunk::new(language),
            |mut chunk, (doc, note)| {
                chunk.add(doc as u32, note);
                chunk
            },
        )
        .collect();
    let mut merged: HashMap<String, Vec<(u32, u8)>> = HashMap::default();
    for mut chunk in chunks {
        for (term, id) in chunk.vocabulary.drain() {
            let list = std::mem::take(&mut chunk.postings[id as usize]);
            merged.entry(term).or_default().extend(list);
        }
    }
    merged
        .into_iter()
        .map(|(term, mut list)| {
            list.sort_unstable_by_key(|(doc, _)| *doc);
            (term, list)
        })
        .collect()
}

/// The index of a run of notes: terms by id, and per term its `(document, score)` list.
struct Chunk {
    analyzer: Analyzer,
    /// Folded token → term id, `None` for stop words.
    tokens: HashMap<String, Option<u32>>,
    vocabulary: HashMap<String, u32>,
    postings: Vec<Vec<(u32, u8)>>,
    /// Scratch space for the note being scored, by term id.
    scores: HashMap<u32, u32>,
    body: HashMap<u32, u32>,
}

impl Chunk {
    fn new(language: Language) -> Chunk {
        Chunk {
            analyzer: Analyzer::new(language),
            tokens: HashMap::default(),
            vocabulary: HashMap::default(),
            postings: Vec::new(),
            scores: HashMap::default(),
            body: HashMap::default(),
        }
    }

    fn add(&mut self, doc: u32, note: &Note) {
        self.scores.clear();
        self.body.clear();
        self.text(&note.title, TITLE, false);
        for alias in &note.aliases {
            self.text(alias, ALIAS, false);
        }
        if let Some(summary) = &note.summary {
            self.text(summary, SUMMARY, false);
        }
        for heading in &note.body.headings {
            self.text(&heading.text, HEADING, false);
        }
        for (_, values) in &note.facets {
            for value in values {
                self.text(value, FACET_VALUE, false);
            }
        }
        self.text(&note.body.text(), BODY, true);
        for (term, count) in self.body.drain() {
            *self.scores.entry(term).or_default() += count.min(BODY_CAP);
        }
        for (term, score) in self.scores.drain() {
            self.postings[term as usize].push((doc, score.min(255) as u8));
        }
    }

    fn text(&mut self, text: &str, weight: u32, is_body: bool) {
        let folded = fold(text);
        for token in tokens(&folded) {
            let id = match self.tokens.get(token) {
                Some(id) => *id,
                None => {
                    let id = self.analyzer.term(token).map(|term| {
                        let next = self.postings.len() as u32;
                        *self.vocabulary.entry(term).or_insert_with(|| {
                            self.postings.push(Vec::new());
                            next
                        })
                    });
                    self.tokens.insert(token.to_string(), id);
                    id
                }
            };
            if let Some(id) = id {
                let target = if is_body {
                    &mut self.body
                } else {
                    &mut self.scores
                };
                *target.entry(id).or_default() += weight;
            }
        }
    }
}
