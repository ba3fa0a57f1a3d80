//! An Obsidian vault as a site. When the site folder has no `content/`, the folder itself holds
//! the notes: this module decides, for each file in it, whether it is a note, an asset (copied
//! only when something links to it), or never published (dot-folders, `.obsidian/`, `.trash/`,
//! an earlier build's output, `ignore:` folders, Obsidian's excluded files and templates folder).

use std::path::{Path, PathBuf};

use serde_json::Value;
use walkdir::WalkDir;

use super::{NoteSource, Sources, StaticFile, is_note_path, to_slash};
use crate::diagnostic::Diagnostic;
use crate::message;

/// The file every build output folder holds (`write::plan`): a folder with it is an output.
const OUTPUT_MARKER: &str = ".kennisbank-output";
/// Folders at a vault's root that are the site's layout, not notes.
const LAYOUT_FOLDERS: &[&str] = &["templates", "static", "themes"];

/// What a site folder says about which of its files are published.
#[derive(Debug, Default, Clone)]
pub struct VaultRules {
    /// Path prefixes (`/`-separated, relative to the notes' folder) that are never published:
    /// `ignore:` of `kennisbank.yaml` and the plain entries of Obsidian's `userIgnoreFilters`.
    prefixes: Vec<String>,
    /// `userIgnoreFilters` written as `/regex/`.
    patterns: Vec<regex::Regex>,
    /// The core Templates plugin's folder: templates are never published.
    pub templates_folder: Option<String>,
    /// Where Obsidian puts new attachments (`attachmentFolderPath`), when it is a folder.
    pub attachment_folder: Option<String>,
}

impl VaultRules {
    /// Reads `.obsidian/app.json` and `.obsidian/templates.json` (when present) beside the
    /// `ignore:` folders of the config.
    pub fn read(root: &Path, ignore: &[String], diagnostics: &mut Vec<Diagnostic>) -> VaultRules {
        let mut rules = VaultRules {
            prefixes: ignore.iter().map(|f| clean_prefix(f)).collect(),
            ..VaultRules::default()
        };
        let settings = root.join(".obsidian");
        if let Some(app) = read_json(&settings.join("app.json"), diagnostics) {
            for filter in app["userIgnoreFilters"].as_array().into_iter().flatten() {
                let Some(filter) = filter.as_str() else {
                    continue;
                };
                match filter.strip_prefix('/').and_then(|f| f.strip_suffix('/')) {
                    Some(pattern) if !pattern.is_empty() => match regex::Regex::new(pattern) {
                        Ok(re) => rules.patterns.push(re),
                        Err(_) => diagnostics.push(Diagnostic::warning(
                            ".obsidian/app.json",
                            None,
                            message!(
                                "het filter voor uitgesloten bestanden `{filter}` is geen geldige reguliere expressie: het telt niet mee",
                                "the excluded-files filter `{filter}` is not a valid regular expression: ignored"
                            ),
                        )),
                    },
                    _ => rules.prefixes.push(clean_prefix(filter)),
                }
            }
            rules.attachment_folder = app["attachmentFolderPath"]
                .as_str()
                .map(clean_prefix)
                .filter(|f| !f.is_empty() && !f.starts_with('.'));
        }
        if let Some(templates) = read_json(&settings.join("templates.json"), diagnostics) {
            rules.templates_folder = templates["folder"]
                .as_str()
                .map(clean_prefix)
                .filter(|f| !f.is_empty());
        }
        if let Some(folder) = &rules.templates_folder {
            rules.prefixes.push(folder.clone());
        }
        rules.prefixes.retain(|p| !p.is_empty());
        rules
    }

    /// Whether a file (relative to the notes' folder, `/`-separated) is left out. A base or
    /// canvas in the templates folder is kept: vaults keep the bases their templates embed
    /// there, and its notes stay out of every page and base all the same.
    pub fn excludes_file(&self, rel: &str) -> bool {
        let template_document = super::DocumentKind::of(Path::new(rel)).is_some()
            && self.templates_folder.as_deref().is_some_and(|t| {
                rel.strip_prefix(t)
                    .is_some_and(|rest| rest.starts_with('/'))
            });
        self.excludes(rel) && !template_document
    }

    /// Whether a file or folder (relative to the notes' folder, `/`-separated) is left out.
    pub fn excludes(&self, rel: &str) -> bool {
        self.prefixes.iter().any(|p| {
            rel == p
                || rel
                    .strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.starts_with('/') || p.ends_with('/'))
        }) || self.patterns.iter().any(|re| re.is_match(rel))
    }
}

/// `Templates/`, `./Archief`, `/Oud/` → `Templates`, `Archief`, `Oud`.
fn clean_prefix(folder: &str) -> String {
    folder
        .trim()
        .trim_start_matches("./")
        .trim_matches('/')
        .to_string()
}

fn read_json(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    match serde_json::from_str(&text) {
        Ok(value) => Some(value),
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                path.file_name().map_or(path, Path::new),
                Some(e.line()),
                message!(
                    "het instellingenbestand van Obsidian is niet te lezen ({e}): de instellingen daarin tellen niet mee",
                    "Obsidian's settings file could not be read ({e}): its settings are ignored"
                ),
            ));
            None
        }
    }
}

/// Whether a site folder is a vault: its notes are in the folder itself, not in `content/`.
pub fn is_vault(root: &Path) -> bool {
    !root.join("content").is_dir()
}

/// Reads the notes and assets of a site whose notes are in the folder itself (a vault).
pub fn load_vault(
    root: &Path,
    rules: &VaultRules,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(css) = publish_css(root) {
        sources.static_files.push(css);
        sources.publish_css = true;
    }
    let files = vault_files(
        root,
        Path::new(""),
        rules,
        &mut sources.ignored_notes,
        diagnostics,
    );
    let mut notes = Vec::new();
    for rel in files {
        if is_note_path(&rel) {
            notes.push(rel);
        } else {
            sources.content_files.push(StaticFile {
                meta: super::FileMeta::read(&root.join(&rel)),
                output_path: to_slash(&rel),
                blob: super::Blob::Disk(root.join(&rel)),
                source_path: rel,
            });
        }
    }
    sources.notes = NoteSource::read_all(root, notes, diagnostics);
}

/// The vault's `publish.css`, if it has one.
pub fn publish_css(root: &Path) -> Option<StaticFile> {
    let path = root.join(PUBLISH_CSS);
    path.is_file().then(|| StaticFile {
        output_path: PUBLISH_CSS.into(),
        source_path: PUBLISH_CSS.into(),
        blob: super::Blob::Disk(path),
        meta: Default::default(),
    })
}

/// The published files (notes and assets) at and below `rel` in a vault, relative to the
/// vault, sorted. Notes the rules exclude go to `ignored` (links to them are plain text).
pub fn vault_files(
    root: &Path,
    rel: &Path,
    rules: &VaultRules,
    ignored: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let start = root.join(rel);
    if !start.exists() || !walked(root, rel) {
        return Vec::new();
    }
    // Links are followed only where they stay inside the vault (`site_boundary`), as in a
    // site with `content/`.
    let boundary = crate::site_boundary::Boundary::new(root);
    let mut outside = Vec::new();
    let walker = WalkDir::new(&start)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.path() == root {
                return true;
            }
            if !keeps(root, e) {
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
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().and_then(|p| p.strip_prefix(root).ok());
                diagnostics.push(Diagnostic::error(
                    path.unwrap_or(Path::new(".")),
                    None,
                    super::walk_error(&e),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        if rel.components().count() == 1 && is_site_file(rel) {
            continue;
        }
        if rules.excludes_file(&to_slash(rel)) {
            if is_note_path(rel) {
                ignored.push(rel.to_path_buf());
            }
            continue;
        }
        files.push(rel.to_path_buf());
    }
    diagnostics.append(&mut outside);
    files
}

/// Whether the folders above `rel` are ones the vault's walk enters (a changed file `serve`
/// hears of may be in a dot-folder or an earlier build's output).
fn walked(root: &Path, rel: &Path) -> bool {
    let mut path = root.to_path_buf();
    for (depth, part) in rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .enumerate()
    {
        let name = part.as_os_str().to_string_lossy();
        path.push(part);
        if super::is_ignored_name(&name)
            || (depth == 0 && is_layout_folder(&name))
            || path.join(OUTPUT_MARKER).exists()
        {
            return false;
        }
    }
    !rel.file_name()
        .is_some_and(|n| super::is_ignored_name(&n.to_string_lossy()))
}

/// `templates/`, `static/`, `themes/` at a vault's root: the site's layout, not notes.
pub fn is_layout_folder(name: &str) -> bool {
    LAYOUT_FOLDERS.contains(&name)
}

/// Obsidian Publish's custom CSS at the vault's root, loaded after the theme's on every page.
pub const PUBLISH_CSS: &str = "publish.css";

/// Files at a vault's root that belong to the site, not to its notes.
fn is_site_file(rel: &Path) -> bool {
    let name = rel.to_string_lossy();
    name == crate::config::CONFIG_FILE || name == PUBLISH_CSS || name == "publish.js"
}

/// Folders never walked: dot-folders, the layout folders, earlier build output. (Folders the
/// rules exclude are walked, so that links to their notes are known not to be published.)
fn keeps(root: &Path, entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    if super::is_ignored_name(&name) {
        return false;
    }
    let is_dir = entry.file_type().is_dir();
    if is_dir && entry.path().parent() == Some(root) && is_layout_folder(&name) {
        return false;
    }
    !(is_dir && entry.path().join(OUTPUT_MARKER).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(prefixes: &[&str], patterns: &[&str]) -> VaultRules {
        VaultRules {
            prefixes: prefixes.iter().map(|p| clean_prefix(p)).collect(),
            patterns: patterns
                .iter()
                .map(|p| regex::Regex::new(p).unwrap())
                .collect(),
            ..VaultRules::default()
        }
    }

    #[test]
    fn prefixes_exclude_folders_and_files_but_not_look_alikes() {
        let r = rules(&["Archief/", "./Sjablonen", "kladje.md"], &[]);
        assert!(r.excludes("Archief"));
        assert!(r.excludes("Archief/oud.md"));
        assert!(r.excludes("Sjablonen/Dag.md"));
        assert!(r.excludes("kladje.md"));
        assert!(!r.excludes("Archiefstukken/a.md"));
        assert!(!r.excludes("notes/Archief.md"));
    }

    #[test]
    fn regex_filters_match_anywhere_in_the_path() {
        let r = rules(&[], &[r"\.excalidraw\.md$"]);
        assert!(r.excludes("tekeningen/plan.excalidraw.md"));
        assert!(!r.excludes("tekeningen/plan.md"));
    }
}
