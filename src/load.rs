//! Stage 1, load: walk a site folder and read what the build needs. One of the two stages
//! that touch the disk (the other is `write`).

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::site_boundary::{Boundary, is_plain_folder_name};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

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
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path in the output, `/`-separated: `css/site.css`, `projecten/buurtbus.jpg`.
    pub output_path: String,
    /// Relative to the site root for messages: `static/css/site.css`.
    pub source_path: PathBuf,
    pub blob: Blob,
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
    /// Non-Markdown files under `content/`, copied next to the pages that use them.
    pub content_files: Vec<StaticFile>,
    /// Theme templates first, then the site's own overrides (later wins).
    pub templates: Vec<Template>,
    /// Theme static files first, then the site's own `static/` (later wins).
    pub static_files: Vec<StaticFile>,
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
            Err(e) => diagnostics.push(Diagnostic::error(CONFIG_FILE, None, e.to_string())),
        }
    }
    load_content(root, &mut sources, diagnostics);
    load_layout(root, &mut sources, diagnostics);
    sources
}

/// Reads the templates and static files (the theme's, then the site's own) into `sources`,
/// replacing any there. `serve` calls it alone when one of them changes.
pub fn load_layout(root: &Path, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) {
    sources.templates.clear();
    sources.static_files.clear();
    let theme = theme_name(sources.config_text.as_deref());
    load_theme(root, &theme, sources, diagnostics);
    let templates = walk_files(root, Path::new("templates"), diagnostics);
    for rel in templates {
        read_template(root, &rel, Path::new("templates"), sources, diagnostics);
    }
    for rel in walk_files(root, Path::new("static"), diagnostics) {
        sources
            .static_files
            .push(disk_static(root, &rel, Path::new("static")));
    }
}

/// Only the `theme:` key is needed before the config is parsed; the parse reports any error.
fn theme_name(config_text: Option<&str>) -> String {
    let mut diagnostics = Vec::new();
    crate::config::Config::parse(config_text, &mut diagnostics).theme
}

fn load_content(root: &Path, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) {
    let content = Path::new("content");
    if !root.join(content).is_dir() {
        diagnostics.push(Diagnostic::error(
            content,
            None,
            format!("no content folder in {}", root.display()),
        ));
        return;
    }
    for rel in walk_files(root, content, diagnostics) {
        if is_note_path(&rel) {
            match std::fs::read(root.join(&rel)) {
                Ok(bytes) => sources.notes.push(NoteSource { path: rel, bytes }),
                Err(e) => diagnostics.push(Diagnostic::error(&rel, None, e.to_string())),
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
    disk_static(root, rel, Path::new("content"))
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
            format!("`theme: {name}` must name one folder under themes/, such as `theme: default`"),
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
        diagnostics.push(Diagnostic::error(
            CONFIG_FILE,
            None,
            format!("theme `{name}` not found in {}", theme_dir.display()),
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
        Err(e) => diagnostics.push(Diagnostic::error(rel, None, e.to_string())),
    }
}

fn disk_static(root: &Path, rel: &Path, base: &Path) -> StaticFile {
    StaticFile {
        output_path: to_slash(rel.strip_prefix(base).unwrap_or(rel)),
        source_path: rel.to_path_buf(),
        blob: Blob::Disk(root.join(rel)),
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
                diagnostics.push(Diagnostic::error(path, None, e.to_string()));
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
