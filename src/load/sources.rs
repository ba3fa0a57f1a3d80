//! What load hands on, as plain data: the sources a build reads and the files it copies.

use std::path::{Path, PathBuf};

use super::{DocumentKind, FileMeta, to_slash};

/// A file's bytes, read now, or the place to copy it from when the output is written.
#[derive(Debug, Clone)]
pub enum Blob {
    Disk(PathBuf),
    Embedded(&'static [u8]),
    Memory(Vec<u8>),
}

impl Blob {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Blob::Disk(path) => std::fs::read(path).map(Into::into),
            Blob::Embedded(bytes) => Ok((*bytes).into()),
            Blob::Memory(bytes) => Ok(bytes.as_slice().into()),
        }
    }
}

/// A Markdown note, read but not yet parsed.
#[derive(Debug, Clone)]
pub struct NoteSource {
    /// Relative to the site root: `content/projecten/golden-sports.md`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// Size and file-system dates, for bases.
    pub meta: FileMeta,
}

impl NoteSource {
    /// Reads the notes at `paths` (relative to `root`), in parallel and in their order: the
    /// reads wait on the disk, and at 10,000 notes load took 0.17–0.56 s on one thread, 0.13–
    /// 0.15 s on two (`--timings`, five builds each).
    pub fn read_all(
        root: &Path,
        paths: Vec<PathBuf>,
        diagnostics: &mut Vec<crate::diagnostic::Diagnostic>,
    ) -> Vec<NoteSource> {
        use rayon::prelude::*;
        let read: Vec<Result<NoteSource, crate::diagnostic::Diagnostic>> = paths
            .into_par_iter()
            .map(|rel| {
                let full = root.join(&rel);
                match std::fs::read(&full) {
                    Ok(bytes) => Ok(NoteSource {
                        meta: FileMeta::read(&full),
                        path: rel,
                        bytes,
                    }),
                    Err(e) => Err(crate::diagnostic::Diagnostic::error(
                        &rel,
                        None,
                        crate::message::Message::cannot_read(&e),
                    )),
                }
            })
            .collect();
        let mut notes = Vec::with_capacity(read.len());
        for note in read {
            match note {
                Ok(note) => notes.push(note),
                Err(problem) => diagnostics.push(problem),
            }
        }
        notes
    }
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path in the output, `/`-separated: `css/site.css`, `projecten/buurtbus.jpg`.
    pub output_path: String,
    /// Relative to the site root for messages: `static/css/site.css`.
    pub source_path: PathBuf,
    pub blob: Blob,
    /// Size and file-system dates (files beside the notes only), for bases.
    pub meta: FileMeta,
}

#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub text: String,
    /// Where it came from, for messages: `themes/default/templates/page.html`.
    pub source_path: PathBuf,
}

/// Everything a build reads, as plain data.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub config_text: Option<String>,
    pub notes: Vec<NoteSource>,
    /// `.base` and `.canvas` files, read here so later stages never touch the disk.
    pub documents: Vec<(DocumentKind, NoteSource)>,
    /// Non-Markdown files under `content/`, copied next to the pages that use them.
    pub content_files: Vec<StaticFile>,
    /// Theme templates first, then the site's own overrides (later wins).
    pub templates: Vec<Template>,
    /// Theme static files first, then the site's own `static/` (later wins).
    pub static_files: Vec<StaticFile>,
    /// The notes are in the site folder itself (an Obsidian vault), not in `content/`:
    /// assets are then copied only when linked.
    pub is_vault: bool,
    /// The site folder's name, the title of a site whose config names none.
    pub folder_name: String,
    /// A vault's `publish.css`, loaded after the theme's CSS.
    pub publish_css: bool,
    /// Obsidian's attachment folder, preferred among files of one name.
    pub attachment_folder: Option<String>,
    /// Notes in folders that are never published: links to them render as plain text.
    pub ignored_notes: Vec<PathBuf>,
    /// What the site's design-token CSS (`design_tokens:`) offers, once checked.
    pub design_tokens: Option<DesignTokens>,
    /// When each note last changed in git (empty outside a repository).
    pub git_dates: crate::git_dates::GitDates,
    /// When each note was first committed (empty outside a repository).
    pub git_created: crate::git_dates::GitDates,
    /// Output path of each CSS and JS file → a hash of its bytes, for cache-busting URLs.
    pub asset_versions: AssetVersions,
}

pub type AssetVersions = std::collections::BTreeMap<String, String>;
/// The site's own token file, read and checked when the layout is loaded (its contrast
/// warnings go with the other load problems).
#[derive(Debug, Clone)]
pub struct DesignTokens {
    /// Relative to the site root: `static/tokens.css`.
    pub path: PathBuf,
    /// Whether it gives dark colours too (`light-dark()`).
    pub dark_mode: bool,
}

pub(super) fn disk_static(root: &Path, rel: &Path, base: &Path) -> StaticFile {
    StaticFile {
        output_path: to_slash(rel.strip_prefix(base).unwrap_or(rel)),
        source_path: rel.to_path_buf(),
        blob: Blob::Disk(root.join(rel)),
        meta: FileMeta::default(),
    }
}
