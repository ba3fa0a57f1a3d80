//! Stage 1, load: walk a site folder and read what the build needs. One of the two stages
//! that touch the disk (the other is `write`).

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::message;
use crate::message::Message;
use crate::site_boundary::{Boundary, is_plain_folder_name};

mod file_meta;
pub mod vault;

pub use file_meta::FileMeta;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
/// The default theme's design tokens, which a site's own token file is laid over.
const DEFAULT_TOKENS: &str = include_str!("../../themes/default/static/css/tokens.css");

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

/// A short hash of each stylesheet and script (the last of a path wins, as when written):
/// pages link them as `css/site.css?v=…`, so a redeploy never serves a stale copy from a
/// browser's or proxy's cache.
pub fn asset_versions(files: &[StaticFile]) -> AssetVersions {
    use std::hash::Hasher;
    let mut versions = AssetVersions::new();
    for file in files {
        if !(file.output_path.ends_with(".css") || file.output_path.ends_with(".js")) {
            continue;
        }
        if let Ok(bytes) = file.blob.read() {
            let mut hasher = std::hash::DefaultHasher::new();
            hasher.write(&bytes);
            let hash = format!("{:016x}", hasher.finish());
            versions.insert(file.output_path.clone(), hash[..10].to_string());
        }
    }
    versions
}

/// The site's own token file, read and checked when the layout is loaded (its contrast
/// warnings go with the other load problems).
#[derive(Debug, Clone)]
pub struct DesignTokens {
    /// Relative to the site root: `static/tokens.css`.
    pub path: PathBuf,
    /// Whether it gives dark colours too (`light-dark()`).
    pub dark_mode: bool,
}

/// Names that editors and tools leave beside notes and that are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('~')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

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

/// Reads the templates and static files (the theme's, then the site's own) into `sources`,
/// replacing any there. `serve` calls it alone when one of them changes.
pub fn load_layout(root: &Path, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) {
    sources.templates.clear();
    sources
        .static_files
        .retain(|f| f.output_path == vault::PUBLISH_CSS && sources.publish_css);
    let theme = theme_name(sources.config_text.as_deref());
    load_theme(root, &theme, sources, diagnostics);
    sources.design_tokens = read_design_tokens(root, sources.config_text.as_deref(), diagnostics);
    let templates = walk_files(root, Path::new("templates"), diagnostics);
    for rel in templates {
        read_template(root, &rel, Path::new("templates"), sources, diagnostics);
    }
    for rel in walk_files(root, Path::new("static"), diagnostics) {
        sources
            .static_files
            .push(disk_static(root, &rel, Path::new("static")));
    }
    sources.asset_versions = asset_versions(&sources.static_files);
}

/// Only the `theme:` key is needed before the config is parsed; the parse reports any error.
fn theme_name(config_text: Option<&str>) -> String {
    let mut diagnostics = Vec::new();
    crate::config::Config::parse(config_text, &mut diagnostics).theme
}

/// The site's own token file, when the config names one, checked for contrast against the
/// theme's (the config's parse reports a mistaken path; a missing file is reported here).
fn read_design_tokens(
    root: &Path,
    config_text: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DesignTokens> {
    let config = crate::config::Config::parse(config_text, &mut Vec::new());
    let path = PathBuf::from(config.branding.design_tokens?);
    match std::fs::read_to_string(root.join(&path)) {
        Ok(text) => {
            let site = crate::design_tokens::parse(&text);
            let theme = crate::design_tokens::parse(DEFAULT_TOKENS);
            diagnostics.extend(crate::design_tokens::contrast_warnings(
                &theme, &site, &path,
            ));
            Some(DesignTokens {
                dark_mode: crate::design_tokens::has_dark_scheme(&site),
                path,
            })
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                config_text
                    .and_then(|t| crate::frontmatter::nested_key_line(t, 1, &["design_tokens"])),
                Message::cannot_read(&e).within(
                    &format!("design_tokens: {}: {{}}", to_slash(&path)),
                    &format!("design_tokens: {}: {{}}", to_slash(&path)),
                ),
            ));
            None
        }
    }
}

fn load_content(
    root: &Path,
    rules: &vault::VaultRules,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let content = Path::new("content");
    for rel in walk_files(root, content, diagnostics) {
        let under = rel.strip_prefix(content).unwrap_or(&rel);
        if rules.excludes_file(&to_slash(under)) {
            if is_note_path(&rel) {
                sources.ignored_notes.push(rel);
            }
            continue;
        }
        if is_note_path(&rel) {
            match std::fs::read(root.join(&rel)) {
                Ok(bytes) => sources.notes.push(NoteSource {
                    meta: FileMeta::read(&root.join(&rel)),
                    path: rel,
                    bytes,
                }),
                Err(e) => diagnostics.push(Diagnostic::error(&rel, None, Message::cannot_read(&e))),
            }
        } else {
            sources.content_files.push(content_file(root, &rel));
        }
    }
}

/// A Markdown note, as opposed to a file copied beside the notes.
pub fn is_note_path(rel: &Path) -> bool {
    rel.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// A non-Markdown file under `content/` (`rel` relative to the site root), to be copied.
pub fn content_file(root: &Path, rel: &Path) -> StaticFile {
    StaticFile {
        meta: FileMeta::read(&root.join(rel)),
        ..disk_static(root, rel, Path::new("content"))
    }
}

fn load_theme(root: &Path, name: &str, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) {
    if !is_plain_folder_name(name) {
        let line = sources
            .config_text
            .as_deref()
            .and_then(|t| crate::frontmatter::nested_key_line(t, 1, &["theme"]));
        diagnostics.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            message!(
                "`theme: {name}` moet één map in themes/ noemen, zoals `theme: default`",
                "`theme: {name}` must name one folder under themes/, such as `theme: default`"
            ),
        ));
        return;
    }
    let theme_dir = Path::new("themes").join(name);
    if root.join(&theme_dir).is_dir() {
        let templates = theme_dir.join("templates");
        for rel in walk_files(root, &templates, diagnostics) {
            read_template(root, &rel, &templates, sources, diagnostics);
        }
        let statics = theme_dir.join("static");
        for rel in walk_files(root, &statics, diagnostics) {
            sources.static_files.push(disk_static(root, &rel, &statics));
        }
    } else if name == "default" {
        load_embedded_theme(sources);
    } else {
        let line = sources
            .config_text
            .as_deref()
            .and_then(|t| crate::frontmatter::nested_key_line(t, 1, &["theme"]));
        diagnostics.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            message!(
                "het thema `{name}` staat niet in {}",
                "theme `{name}` not found in {}",
                theme_dir.display()
            ),
        ));
    }
}

/// The default theme compiled into the binary, so any site builds wherever kennisbank runs.
pub fn load_embedded_theme(sources: &mut Sources) {
    fn visit(dir: &'static Dir<'static>, sources: &mut Sources) {
        for file in dir.files() {
            let path = file.path();
            let origin = Path::new("themes/default").join(path);
            if let Ok(rest) = path.strip_prefix("templates") {
                sources.templates.push(Template {
                    name: to_slash(rest),
                    text: String::from_utf8_lossy(file.contents()).into_owned(),
                    source_path: origin,
                });
            } else if let Ok(rest) = path.strip_prefix("static") {
                sources.static_files.push(StaticFile {
                    output_path: to_slash(rest),
                    source_path: origin,
                    blob: Blob::Embedded(file.contents()),
                    meta: FileMeta::default(),
                });
            }
        }
        for sub in dir.dirs() {
            visit(sub, sources);
        }
    }
    visit(&DEFAULT_THEME, sources);
}

fn read_template(
    root: &Path,
    rel: &Path,
    base: &Path,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match std::fs::read_to_string(root.join(rel)) {
        Ok(text) => sources.templates.push(Template {
            name: to_slash(rel.strip_prefix(base).unwrap_or(rel)),
            text,
            source_path: rel.to_path_buf(),
        }),
        Err(e) => diagnostics.push(Diagnostic::error(rel, None, Message::cannot_read(&e))),
    }
}

fn disk_static(root: &Path, rel: &Path, base: &Path) -> StaticFile {
    StaticFile {
        output_path: to_slash(rel.strip_prefix(base).unwrap_or(rel)),
        source_path: rel.to_path_buf(),
        blob: Blob::Disk(root.join(rel)),
        meta: FileMeta::default(),
    }
}

/// Files below `root/sub`, as paths relative to `root`, sorted, skipping hidden and temp files.
pub fn walk_files(root: &Path, sub: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(sub);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    // Links are followed only where they stay inside the site (`site_boundary`).
    let boundary = Boundary::new(root);
    let mut outside = Vec::new();
    let walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.depth() > 0 && !e.path_is_symlink() {
                return true;
            }
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            boundary
                .check(e.path(), rel)
                .map_err(|warning| outside.push(warning))
                .is_ok()
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Ok(rel) = entry.path().strip_prefix(root) {
                    files.push(rel.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .unwrap_or(sub);
                diagnostics.push(Diagnostic::error(path, None, walk_error(&e)));
            }
        }
    }
    diagnostics.append(&mut outside);
    files
}

pub fn to_slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file's kind when it is an Obsidian document other than a note: a base (`.base`, YAML)
/// or a canvas (`.canvas`, JSON Canvas).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Base,
    Canvas,
}

impl DocumentKind {
    pub fn of(path: &Path) -> Option<DocumentKind> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("base") {
            Some(DocumentKind::Base)
        } else if ext.eq_ignore_ascii_case("canvas") {
            Some(DocumentKind::Canvas)
        } else {
            None
        }
    }
}

/// The `.base` and `.canvas` files among the content files, read as text for their pages and
/// embeds (they stay in `content_files` as well). Kept apart from the walk on purpose: which
/// files are documents is this function's one job.
pub fn read_documents(
    sources: &Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(DocumentKind, NoteSource)> {
    let mut out = Vec::new();
    for file in &sources.content_files {
        let Some(kind) = DocumentKind::of(&file.source_path) else {
            continue;
        };
        match file.blob.read() {
            Ok(bytes) => out.push((
                kind,
                NoteSource {
                    path: file.source_path.clone(),
                    bytes: bytes.into_owned(),
                    meta: file.meta,
                },
            )),
            Err(e) => diagnostics.push(Diagnostic::error(
                &file.source_path,
                None,
                Message::cannot_read(&e),
            )),
        }
    }
    out
}

/// A folder walk that failed: the file system's reason when there is one.
fn walk_error(error: &walkdir::Error) -> Message {
    match error.io_error() {
        Some(io) => Message::cannot_read(io),
        None => message!(
            "kan de map niet lezen: {error}",
            "cannot read the folder: {error}"
        ),
    }
}

/// The site's language, from its config's `language:` line alone: for what commands say
/// before (or without) the whole config being read. A missing or broken config is Dutch.
pub fn site_language(root: &Path) -> crate::language::Language {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok();
    crate::language::Language::of_config(text.as_deref())
}

#[cfg(test)]
mod tests {
    use super::is_ignored_name;

    #[test]
    fn editor_leftovers_are_ignored_and_notes_are_not() {
        for name in [
            ".obsidian",
            "a.md.swp",
            "a.md~",
            "~lock",
            "4913",
            ".#a.md",
            "#a.md#",
            "x.tmp",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["a.md", "buurtbus.jpg", "#1 tips.md", "2024.md"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }
}
