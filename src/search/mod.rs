//! Stage 4b, search index: a chunked, Dutch-aware full-text index as static files under
//! `search/`, built beside the pages (see `render::render_site`) and read by
//! `static/js/search.js`. Home-made rather than Pagefind: Pagefind 1.6 took 11.5 s and 1.5 GB
//! for 10,000 notes, more than the whole build; this index is a small share of it.

mod files;
mod postings;
pub mod text;

use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::link::NoteId;
use crate::note::Note;
use crate::site::Site;
use crate::write::Sink;

/// Folder of the index in the output.
pub const DIR: &str = "search";

/// The documents the index holds, in index order: published notes, never drafts (not even
/// under `--drafts`), never section intros.
pub fn indexed_notes(site: &Site) -> Vec<NoteId> {
    site.note_ids()
        .filter(|id| !site.notes[*id].draft)
        .collect()
}

/// Every file of the index: `(output path, bytes)`, fragments excluded (see `write`).
pub fn build(site: &Site) -> Vec<(String, Vec<u8>)> {
    let ids = indexed_notes(site);
    let notes: Vec<&Note> = ids.iter().map(|id| &site.notes[*id]).collect();
    let postings = postings::collect(&notes, site.config.language);
    let shards = files::shards(&postings);
    // Freed before the shards are written: a posting per term and note is the index's largest
    // part, and the index is made while the pages render, at the build's peak.
    drop(postings);
    let mut version = std::collections::hash_map::DefaultHasher::new();
    for (_, bytes) in &shards {
        bytes.hash(&mut version);
    }
    let analyzer = text::Analyzer::new(site.config.language);
    let mut out: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len() + 2);
    let filters = files::filter_table(site, &ids);
    filters.hash(&mut version);
    let meta = files::Meta {
        version: format!("{:x}", version.finish()),
        stemmer: analyzer.stemmer_name(),
        stop: analyzer.stop_words(),
        docs: ids.len(),
        shards: shards.iter().map(|(first, _)| first.clone()).collect(),
        group: files::FRAGMENT_GROUP,
    };
    out.push((
        format!("{DIR}/meta.json"),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    out.push((format!("{DIR}/filters.json"), filters));
    out.extend(
        shards
            .into_iter()
            .enumerate()
            .map(|(i, (_, bytes))| (format!("{DIR}/t/{i}.json"), bytes)),
    );
    out
}

/// Builds the index and writes it with its fragment groups into `sink`.
pub fn write(site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
    let ids = indexed_notes(site);
    let put = |path: &str, bytes: &[u8]| {
        sink.put(path, bytes)
            .err()
            .map(|e| Diagnostic::error(path, None, crate::message::Message::cannot_write(&e)))
    };
    let (mut problems, fragments): (Vec<Diagnostic>, Vec<Diagnostic>) = rayon::join(
        || {
            build(site)
                .into_iter()
                .filter_map(|(path, bytes)| put(&path, &bytes))
                .collect()
        },
        || {
            ids.par_chunks(files::FRAGMENT_GROUP)
                .enumerate()
                .filter_map(|(group, ids)| {
                    put(
                        &format!("{DIR}/d/{group}.json"),
                        &files::fragment_group(site, ids),
                    )
                })
                .collect()
        },
    );
    problems.extend(fragments);
    problems
}
