//! `data.json`: every published note's metadata and links, as open data for other tools.
//! The format is described in the README; `version` changes when a field changes meaning.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::{ProjectContext, PublicationContext};
use crate::link::{NoteId, Resolved};
use crate::reading_list::{self, Entry};
use crate::site::Site;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct DataFile<'a> {
    format: &'static str,
    version: u32,
    site: SiteData<'a>,
    notes: Notes<'a>,
}

/// Every note's data, made one note at a time as it is written, so that the file (22 MB at
/// 10,000 notes) is never held in memory.
struct Notes<'a>(&'a Site);

impl Serialize for Notes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((0..self.0.notes.len()).map(|id| note(self.0, id)))
    }
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    description: &'a str,
    language: &'static str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct NoteData {
    /// Site path, the note's id in this file: `projecten/golden-sports/` (`""` is the home page).
    path: String,
    url: String,
    source: String,
    title: String,
    /// `definition`, `lexicon`, `project`, `publication`, `reading-list`, `note`, or `section`
    /// for a folder's `_index.md` (and the home page).
    kind: &'static str,
    summary: Option<String>,
    aliases: Vec<String>,
    date: Option<String>,
    updated: Option<String>,
    /// Facet key → values, spelled as on the facet's pages.
    facets: BTreeMap<String, Vec<String>>,
    publication: Option<PublicationContext>,
    project: Option<ProjectContext>,
    /// Paths of the notes this note links to, in order of first link.
    links: Vec<String>,
    /// Paths of the notes that link here.
    backlinks: Vec<String>,
    external_links: Vec<ExternalLink>,
    /// Reading lists only: the items in order (`path` for notes, `url` for other sites).
    items: Option<Vec<ListItem>>,
    /// The note's other properties (hidden ones left out), typed as written.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    properties: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct ExternalLink {
    url: String,
    text: String,
}

#[derive(Serialize)]
struct ListItem {
    position: usize,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    url: String,
}

/// The whole file, for `serve` and tests (`build` streams it with `write`).
pub fn render(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(site, &mut out);
    out
}

/// Writes the file to `out` as it is made.
pub fn write(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let config = &site.config;
    let file = DataFile {
        format: "kennisbank-data",
        version: FORMAT_VERSION,
        site: SiteData {
            title: &config.title,
            description: &config.description,
            language: config.language.code(),
            base_url: config.published_url.as_deref().unwrap_or(&config.base_url),
        },
        notes: Notes(site),
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    out.write_all(b"\n")
}

fn note(site: &Site, id: NoteId) -> NoteData {
    let note = &site.notes[id];
    let config = &site.config;
    let mut links: Vec<String> = Vec::new();
    for resolved in &site.linked.links[id] {
        if let Resolved::Note { id: target, .. } = resolved {
            let path = site.notes[*target].url_path.clone();
            if *target != id && !links.contains(&path) {
                links.push(path);
            }
        }
    }
    let facets = site
        .facets
        .iter()
        .filter_map(|facet| {
            let values: Vec<String> = facet.note_terms(id).map(|t| t.name.clone()).collect();
            (!values.is_empty()).then(|| (facet.config.key.clone(), values))
        })
        .collect();
    let items =
        (note.kind == crate::kind::Kind::ReadingList && !note.is_section_index).then(|| {
            reading_list::items(site, id)
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item.entry {
                    Entry::Note(target) => ListItem {
                        position: i + 1,
                        title: site.notes[target].title.clone(),
                        path: Some(site.notes[target].url_path.clone()),
                        url: config.absolute_url(&site.notes[target].url_path),
                    },
                    Entry::External { url, label } => ListItem {
                        position: i + 1,
                        title: label,
                        path: None,
                        url,
                    },
                })
                .collect()
        });
    NoteData {
        path: note.url_path.clone(),
        url: config.absolute_url(&note.url_path),
        source: note.source_path.display().to_string().replace('\\', "/"),
        title: note.title.clone(),
        kind: if note.is_section_index {
            "section"
        } else {
            note.kind.key()
        },
        summary: note.summary.clone(),
        aliases: note.aliases.clone(),
        date: note.date.map(|d| d.to_string()),
        updated: note.updated.map(|d| d.to_string()),
        facets,
        publication: PublicationContext::of(note),
        project: ProjectContext::of(note),
        links,
        backlinks: site.linked.backlinks[id]
            .iter()
            .map(|b| site.notes[*b].url_path.clone())
            .collect(),
        external_links: note
            .body
            .external_links
            .iter()
            .filter(|l| !l.is_image)
            .map(|l| ExternalLink {
                url: l.url.clone(),
                text: l.label.clone(),
            })
            .collect(),
        items,
        properties: note
            .properties
            .iter()
            .filter(|p| {
                !config
                    .properties
                    .hidden
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(&p.key))
            })
            .map(|p| (p.key.clone(), p.value.clone()))
            .collect(),
    }
}
