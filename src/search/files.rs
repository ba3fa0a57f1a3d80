//! The index as static files, chunked so a query downloads little:
//! - `search/meta.json`: how to read the rest, and the first term of each shard;
//! - `search/t/N.json`: shards of the sorted term list, each term with its postings
//!   (`[doc, score, doc delta, score, …]`), cut at about `SHARD_BYTES`;
//! - `search/filters.json`: every facet value and, per document, the values it has, so
//!   results can be counted and filtered like a listing;
//! - `search/d/N.json`: the fragments of documents `N × FRAGMENT_GROUP` up to the next group,
//!   each with its title, URL, kind, summary and the start of its text, fetched only for the
//!   results shown. Grouped because one file per document made a cold build create 10,000
//!   more files at 10,000 notes, the largest cost of writing; the text is cut short so that
//!   twenty results, most in different groups, stay a small download.

use serde::Serialize;

use super::postings::Postings;
use crate::kind::Kind;
use crate::link::NoteId;
use crate::site::Site;

/// About 8 KB gzip per shard: small enough that a query touching two or three costs little,
/// large enough that the meta file listing them stays small at 10,000 notes.
const SHARD_BYTES: usize = 24_000;
/// Text kept per document for snippets; a match further in shows the summary instead.
const FRAGMENT_TEXT_CHARS: usize = 300;
/// Documents per fragment file: about 5 KB gzip each at 10,000 notes, 313 files.
pub const FRAGMENT_GROUP: usize = 32;

#[derive(Serialize)]
pub struct Meta<'a> {
    /// Changes whenever the index does: the browser adds it to shard URLs against stale caches.
    pub version: String,
    pub stemmer: &'a str,
    pub stop: &'a [&'a str],
    pub docs: usize,
    /// First term of each shard, sorted: shard `i` holds terms from `shards[i]` up to
    /// `shards[i + 1]`.
    pub shards: Vec<String>,
    /// Documents per fragment file: document `d` is item `d % group` of `d/{d / group}.json`.
    pub group: usize,
}

/// Encodes the postings into shards: `(first term, JSON bytes)`.
pub fn shards(postings: &Postings) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut first: Option<String> = None;
    for (term, list) in postings {
        if current.len() >= SHARD_BYTES {
            current.push('}');
            out.push((first.take().unwrap_or_default(), current.into_bytes()));
            current = String::new();
        }
        if first.is_none() {
            first = Some(term.clone());
            current.push('{');
        } else {
            current.push(',');
        }
        current.push_str(&serde_json::to_string(term).unwrap_or_default());
        current.push_str(":[");
        let mut previous = 0;
        for (i, (doc, score)) in list.iter().enumerate() {
            if i > 0 {
                current.push(',');
            }
            current.push_str(&format!("{},{}", doc - previous, score));
            previous = *doc;
        }
        current.push(']');
    }
    if let Some(first) = first {
        current.push('}');
        out.push((first, current.into_bytes()));
    }
    out
}

#[derive(Serialize)]
struct FilterTable {
    facets: Vec<FacetValues>,
    /// Per document, the numbers of its values (numbered across all facets, in order).
    docs: Vec<Vec<u32>>,
}

#[derive(Serialize)]
struct FacetValues {
    key: String,
    label: String,
    /// `[slug, name]`.
    values: Vec<(String, String)>,
}

/// The kind and every facet with its values, and which values each document has.
pub fn filter_table(site: &Site, docs: &[NoteId]) -> Vec<u8> {
    let language = site.config.language;
    let kinds: Vec<Kind> = crate::pages::kinds_present(site);
    let mut facets = vec![FacetValues {
        key: "kind".into(),
        label: crate::i18n::string(language, "kind").into(),
        values: kinds
            .iter()
            .map(|k| (k.key().to_string(), k.label(language).to_string()))
            .collect(),
    }];
    // Values are numbered across facets: the kinds first, then each facet's in turn.
    let mut offsets = Vec::with_capacity(site.facets.len());
    let mut next = kinds.len() as u32;
    for facet in &site.facets {
        offsets.push(next);
        next += facet.terms.len() as u32;
        facets.push(FacetValues {
            key: facet.config.key.clone(),
            label: facet.config.label.clone(),
            values: facet
                .terms
                .iter()
                .map(|t| (t.slug.clone(), t.name.clone()))
                .collect(),
        });
    }
    let doc_values = docs
        .iter()
        .map(|id| {
            let note = &site.notes[*id];
            let mut values: Vec<u32> = kinds
                .iter()
                .position(|k| *k == note.kind)
                .map(|k| k as u32)
                .into_iter()
                .collect();
            for (f, facet) in site.facets.iter().enumerate() {
                for value in note.facet(&facet.config.key) {
                    let slug = crate::slug::slugify(value);
                    if let Ok(t) = facet.terms.binary_search_by(|t| t.slug.cmp(&slug)) {
                        values.push(offsets[f] + t as u32);
                    }
                }
            }
            values.sort_unstable();
            values.dedup();
            values
        })
        .collect();
    serde_json::to_vec(&FilterTable {
        facets,
        docs: doc_values,
    })
    .unwrap_or_default()
}

#[derive(Serialize)]
struct Fragment<'a> {
    /// Title, URL, kind label, summary, aliases, text.
    t: &'a str,
    u: String,
    k: &'static str,
    s: Option<String>,
    a: &'a [String],
    x: String,
}

/// The fragments of consecutive documents, as one JSON array: what their results show.
pub fn fragment_group(site: &Site, ids: &[NoteId]) -> Vec<u8> {
    let fragments: Vec<Fragment> = ids.iter().map(|id| fragment(site, *id)).collect();
    serde_json::to_vec(&fragments).unwrap_or_default()
}

fn fragment(site: &Site, id: NoteId) -> Fragment<'_> {
    let note = &site.notes[id];
    let mut text = String::new();
    for word in note.body.text().split_whitespace() {
        if text.chars().count() + word.chars().count() > FRAGMENT_TEXT_CHARS {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    Fragment {
        t: &note.title,
        u: format!("{}{}", site.config.base_path(), note.url_path),
        k: note.kind.label(site.config.language),
        s: crate::render::summary_of(note),
        a: &note.aliases,
        x: text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cut_the_sorted_terms_and_delta_encode_documents() {
        let mut postings = Postings::new();
        for i in 0..5000 {
            postings.insert(format!("term{i:05}"), vec![(3, 16), (10, 1), (11, 2)]);
        }
        let shards = shards(&postings);
        assert!(shards.len() > 1, "{} shards", shards.len());
        let mut seen = 0;
        for (first, bytes) in &shards {
            let shard: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(bytes).expect("a shard is JSON");
            assert_eq!(shard.keys().next(), Some(first));
            assert!(bytes.len() < SHARD_BYTES + 100);
            assert_eq!(shard[first], serde_json::json!([3, 16, 7, 1, 1, 2]));
            seen += shard.len();
        }
        assert_eq!(seen, 5000, "every term in exactly one shard");
    }
}
