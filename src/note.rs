//! Stage 2, parse: one note's bytes become a typed `Note` (front matter + parsed body).
//! Pure: no disk, no other notes; so notes parse in parallel and `serve` re-parses one at a time.
//!
//! - `parse`: `parse_note`, the whole of it step by step;
//! - `fields`: front matter values read with their types checked;
//! - `keys`: the keys a note may have, and unknown ones reported;
//! - `paths`: the note's URL and section, and whether they fit in a file name.
//!
//! A publication's publisher is filled in by the parse stage's caller (`site::parse_one`,
//! with `publisher::fill`), so this module knows nothing of publishers.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::kind::Kind;
use crate::load::to_slash;
use crate::markdown::ParsedBody;
use crate::note_date::NoteDate;

mod fields;
mod keys;
mod parse;
mod paths;

pub use parse::parse_note;

#[derive(Debug, Clone, PartialEq)]
pub enum KindData {
    None,
    Publication {
        url: String,
        publisher: Option<String>,
        year: Option<i64>,
        authors: Vec<String>,
    },
    Project {
        organisation: Option<String>,
        place: Option<String>,
        website: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Relative to the site root: `content/projecten/golden-sports.md`.
    pub source_path: PathBuf,
    /// Site-relative URL path: `projecten/golden-sports/`; `""` for the home page.
    pub url_path: String,
    /// URL path of the section (folder) the note is in: `projecten/`, `""` at the top.
    pub section_path: String,
    /// `_index.md`: the page of a section (or the home page) rather than a note.
    pub is_section_index: bool,
    pub title: String,
    pub kind: Kind,
    pub summary: Option<String>,
    pub aliases: Vec<String>,
    pub date: Option<NoteDate>,
    pub updated: Option<NoteDate>,
    pub draft: bool,
    /// Values of each configured facet, in config order, as written.
    pub facets: Vec<(String, Vec<String>)>,
    pub kind_data: KindData,
    /// Values of keys the site declared in `extra_keys`.
    pub extra: Map<String, Value>,
    pub body: ParsedBody,
    /// The start of the body text, for listings of notes without a `summary`.
    pub excerpt: Option<String>,
    /// The file name without `.md`, as Obsidian links to it.
    pub file_stem: String,
    /// Line of the `title:` key, for messages about the note as a whole.
    pub title_line: usize,
    /// Properties kennisbank does not interpret itself, kept and typed (see `properties`).
    pub properties: Vec<crate::properties::Property>,
    /// `cssclasses`: classes for the page's article element.
    pub cssclasses: Vec<String>,
    /// `image` or `cover`: the page's social and card image, as written, with its line
    /// (the link stage finds the file).
    pub image: Option<(String, usize)>,
    /// With `permalink`: the URL the file's path would have given, which redirects.
    pub redirect_from: Option<String>,
    /// Size and file-system dates of the file, for bases.
    pub meta: crate::load::FileMeta,
}

impl Note {
    /// The note's path under `content/` without `.md`: `projecten/golden-sports`.
    pub fn content_name(&self) -> String {
        let rel = self
            .source_path
            .strip_prefix("content")
            .unwrap_or(&self.source_path);
        to_slash(&rel.with_extension(""))
    }

    pub fn facet(&self, key: &str) -> &[String] {
        self.facets
            .iter()
            .find(|(k, _)| k == key)
            .map_or(&[], |(_, v)| v.as_slice())
    }
}

/// Every note's place in title order (as readers expect, see `slug::sort_key`; ties by id).
/// Computed once, so sorting any list of notes by title is a sort of small integers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleOrder(Vec<u32>);

impl TitleOrder {
    pub fn new(notes: &[Note]) -> TitleOrder {
        let mut ids: Vec<usize> = (0..notes.len()).collect();
        ids.sort_by_cached_key(|id| (crate::slug::sort_key(&notes[*id].title), *id));
        let mut rank = vec![0; notes.len()];
        for (place, id) in ids.into_iter().enumerate() {
            rank[id] = place as u32;
        }
        TitleOrder(rank)
    }

    pub fn sort(&self, ids: &mut [usize]) {
        ids.sort_unstable_by_key(|id| self.0[*id]);
    }
}
