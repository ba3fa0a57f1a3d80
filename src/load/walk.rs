//! Walking a folder: which files are content (editor leftovers are not), the site's boundary
//! for links, and paths written with `/`.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::message;
use crate::message::Message;
use crate::site_boundary::Boundary;

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

/// A Markdown note, as opposed to a file copied beside the notes.
pub fn is_note_path(rel: &Path) -> bool {
    rel.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
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

/// A folder walk that failed: the file system's reason when there is one.
pub(super) fn walk_error(error: &walkdir::Error) -> Message {
    match error.io_error() {
        Some(io) => Message::cannot_read(io),
        None => message!(
            "kan de map niet lezen: {error}",
            "cannot read the folder: {error}"
        ),
    }
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
