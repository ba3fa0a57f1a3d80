//! Stage 1, load: walk a site folder and read what the build needs. One of the two stages
//! that touch the disk (the other is `write`).
//!
//! - `sources`: what load hands on (`Sources`, notes, files, templates);
//! - `walk`: folders walked, editor leftovers skipped, links kept inside the site;
//! - `layout`: the theme and the site's templates, static files and design tokens;
//! - `documents`: the `.base` and `.canvas` files among the content files;
//! - `vault`: an Obsidian vault as a site folder;
//! - `file_meta`: a file's size and dates, for bases.
//!
//! Here: `load_site`, the stage itself, and a `content/` folder's notes and files.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::message::Message;

mod documents;
mod file_meta;
mod layout;
mod sources;
pub mod vault;
mod walk;

pub use documents::{DocumentKind, read_documents};
pub use file_meta::FileMeta;
pub use layout::{asset_versions, load_embedded_theme, load_layout};
pub use sources::{AssetVersions, Blob, DesignTokens, NoteSource, Sources, StaticFile, Template};
use walk::walk_error;
pub use walk::{is_ignored_name, is_note_path, to_slash, walk_files};

/// Reads a site: the config, `content/`, the theme and the site's `templates/` and `static/`.
pub fn load_site(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Sources {
    let mut sources = Sources::default();
    let config_path = root.join(CONFIG_FILE);
    if config_path.exists() {
        match std::fs::read_to_string(&config_path) {
            Ok(text) => sources.config_text = Some(text),
            Err(e) => diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                None,
                Message::cannot_read(&e),
            )),
        }
    }
    sources.folder_name = std::fs::canonicalize(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    load_layout(root, &mut sources, diagnostics);
    let history = crate::git_dates::read(root);
    sources.git_dates = history.changed;
    sources.git_created = history.created;
    let config = crate::config::Config::parse(sources.config_text.as_deref(), &mut Vec::new());
    let rules = vault::VaultRules::read(root, &config.ignore, diagnostics);
    if root.join("content").is_dir() {
        load_content(root, &rules, &mut sources, diagnostics);
    } else {
        sources.is_vault = true;
        sources.attachment_folder = rules.attachment_folder.clone();
        vault::load_vault(root, &rules, &mut sources, diagnostics);
    }
    sources.documents = read_documents(&sources, diagnostics);
    sources
}

fn load_content(
    root: &Path,
    rules: &vault::VaultRules,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let content = Path::new("content");
    let mut notes = Vec::new();
    for rel in walk_files(root, content, diagnostics) {
        let under = rel.strip_prefix(content).unwrap_or(&rel);
        if rules.excludes_file(&to_slash(under)) {
            if is_note_path(&rel) {
                sources.ignored_notes.push(rel);
            }
            continue;
        }
        if is_note_path(&rel) {
            notes.push(rel);
        } else {
            sources.content_files.push(content_file(root, &rel));
        }
    }
    sources.notes = NoteSource::read_all(root, notes, diagnostics);
}

/// A non-Markdown file under `content/` (`rel` relative to the site root), to be copied.
pub fn content_file(root: &Path, rel: &Path) -> StaticFile {
    StaticFile {
        meta: FileMeta::read(&root.join(rel)),
        ..sources::disk_static(root, rel, Path::new("content"))
    }
}

/// The site's language, from its config's `language:` line alone: for what commands say
/// before (or without) the whole config being read. A missing or broken config is Dutch.
pub fn site_language(root: &Path) -> crate::language::Language {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok();
    crate::language::Language::of_config(text.as_deref())
}
