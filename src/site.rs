//! The whole site as plain data: parsed notes, their resolved links and backlinks, facets and
//! sections. `assemble` runs the parse and link stages over loaded `Sources`.
//!
//! - `assemble`: notes parsed and placed, the config read, the whole linked;
//! - `links`: links, facets and sections again after an edit, and problems between notes;
//! - `sections`: the folder tree as sections with titles.
//!
//! Here: the site's types and the files it copies to the output.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::Config;
use crate::link::{self, Linked, NoteId};
use crate::load::{StaticFile, Template};
use crate::note::Note;
use crate::taxonomy::Facet;

mod assemble;
mod links;
mod sections;

pub use assemble::{ParsedNote, Placement, assemble, parse_one, site_config};
pub use sections::parent_section;

/// What a build is asked for beyond the config file.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Overrides `base_url` from the config (`--base-url`, or `serve`'s own address).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `serve`: `base_url` is where the site is previewed, not published, so full addresses
    /// (QR codes, the feed, the sitemap) keep the config's absolute `base_url`.
    pub preview: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `projecten/`; `""` is the home page.
    pub path: String,
    pub title: String,
    /// The `_index.md` that gives the section its title and intro.
    pub index: Option<NoteId>,
    /// Notes directly in this folder, sorted by title.
    pub notes: Vec<NoteId>,
    /// Paths of the folders directly below.
    pub subsections: Vec<String>,
}

pub struct Site {
    pub config: Config,
    /// Published notes (drafts only with `--drafts`), section indexes included, sorted by path.
    pub notes: Vec<Note>,
    pub linked: Linked,
    pub facets: Vec<Facet>,
    pub sections: BTreeMap<String, Section>,
    /// How many notes of each kind there are (kinds without notes are absent).
    pub kind_counts: BTreeMap<crate::kind::Kind, usize>,
    pub title_order: crate::note::TitleOrder,
    /// Files beside the notes, copied to the output.
    pub content_files: Vec<StaticFile>,
    pub static_files: Vec<StaticFile>,
    pub templates: Vec<Template>,
    /// Whether pages offer dark mode: the theme's tokens do, a site's own only when they give
    /// dark colours (`design_tokens::has_dark_scheme`).
    pub dark_mode: bool,
    /// When each note last changed in git, for notes without `updated`.
    pub git_dates: crate::git_dates::GitDates,
    /// When each note was first committed, for `file.ctime` in bases.
    pub git_created: crate::git_dates::GitDates,
    /// CSS and JS output path → hash, for their URLs (`load::asset_versions`).
    pub asset_versions: crate::load::AssetVersions,
    /// What load found about the site folder (vault or `content/`, ignored notes).
    pub layout: Layout,
    /// `.base` and `.canvas` files: each a page, and embeddable.
    pub documents: Vec<link::documents::Document>,
    /// What bases see: one row per published note (same index), then per content file.
    pub base_rows: Vec<crate::bases::BaseNote>,
    /// The build's time, for `now()`/`today()` in bases.
    pub clock: crate::bases::Clock,
    /// Note, file and document names → their URLs, as bases and canvases link them: made
    /// by the render stage on first use, once per site (emptied whenever the notes change).
    pub document_names: std::sync::OnceLock<crate::bases::NameUrls>,
    /// The base rows' link index, made on first use, once per site (like `document_names`).
    pub base_links: std::sync::OnceLock<std::sync::Arc<crate::bases::LinkIndex>>,
}

/// What the site folder is like, as load found it.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The notes are in the site folder itself: files beside them are copied only when linked.
    pub is_vault: bool,
    pub publish_css: bool,
    pub attachment_folder: Option<PathBuf>,
    pub ignored_notes: Vec<PathBuf>,
}

impl Site {
    pub fn note_ids(&self) -> impl Iterator<Item = NoteId> + '_ {
        (0..self.notes.len()).filter(|id| !self.notes[*id].is_section_index)
    }

    /// Site-relative path of a content file in the output: `projecten/buurtbus.jpg`.
    pub fn content_file_path(&self, index: usize) -> String {
        content_file_output(&self.content_files[index])
    }
}
impl Site {
    /// The files copied to the output as they are, one per output path: a site's own static
    /// file overrides the theme's, and a file beside the notes overrides both.
    /// In a vault, files beside the notes are copied only when a published note links to or
    /// embeds them (a vault holds much that is not for publishing).
    pub fn output_files(&self) -> Vec<&StaticFile> {
        let mut by_path: BTreeMap<&str, &StaticFile> = BTreeMap::new();
        let used = self.layout.is_vault.then(|| self.linked_files());
        let content = self
            .content_files
            .iter()
            .enumerate()
            .filter(|(i, _)| used.as_ref().is_none_or(|u| u.contains(i)))
            .map(|(_, f)| f);
        let diagrams = self.notes.iter().any(|n| n.body.has_mermaid);
        let theme = self
            .static_files
            .iter()
            .filter(|f| diagrams || !f.output_path.starts_with(MERMAID_FILES));
        for file in theme.chain(content) {
            by_path.insert(&file.output_path, file);
        }
        by_path.into_values().collect()
    }

    /// Content files a published note links to, embeds or has as its image.
    pub fn linked_files(&self) -> std::collections::HashSet<usize> {
        let links = self.linked.links.iter().flatten().filter_map(|r| match r {
            link::Resolved::File(i) => Some(*i),
            _ => None,
        });
        let embeds = self.linked.embeds.iter().flatten().filter_map(|e| match e {
            link::Embedded::File(i) => Some(*i),
            _ => None,
        });
        let covers = self.linked.covers.iter().flatten().copied();
        links.chain(embeds).chain(covers).collect()
    }
}

fn content_file_output(file: &StaticFile) -> String {
    let rel = file
        .source_path
        .strip_prefix("content")
        .unwrap_or(&file.source_path);
    let mut out = String::new();
    if let Some(parent) = rel.parent() {
        for part in parent.components() {
            out.push_str(&crate::slug::slugify(&part.as_os_str().to_string_lossy()));
            out.push('/');
        }
    }
    out.push_str(&rel.file_name().unwrap_or_default().to_string_lossy());
    out
}

/// Gives a file beside the notes its path in the output.
pub fn place_content_file(file: &mut StaticFile) {
    file.output_path = content_file_output(file);
}

/// The vendored Mermaid (3.5 MB) and its license: written only for sites with a diagram.
const MERMAID_FILES: &str = "js/vendor/mermaid";
