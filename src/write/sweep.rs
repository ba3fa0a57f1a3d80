//! Removing what a build no longer makes: by the manifest after a finished build, by walking
//! the folder after an interrupted one.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use super::atomic::{WriteError, is_temp_name};
use super::journal::{COMMIT_MARKER, OUTPUT_MARKER};
use super::safe_relative;

/// Removes the files the last finished build made and this one does not.
pub fn remove_listed(root: &Path, stale: &[&String]) -> Result<usize, WriteError> {
    let mut removed = 0;
    for path in stale {
        let Ok(rel) = safe_relative(path) else {
            continue;
        };
        let target = root.join(&rel);
        // Only files: a folder in a file's place (made by hand) is left alone.
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        match std::fs::remove_file(&target) {
            Ok(()) => {
                removed += 1;
                remove_empty_parents(root, &rel);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(WriteError::at(target)(e)),
        }
    }
    Ok(removed)
}

/// After an interrupted commit: removes everything in the folder this build does not make
/// (orphans of the stopped build, its temporary files; not this build's `staged` ones), then
/// the folders left empty. The
/// marker proved the folder is kennisbank's. Links are removed, never followed.
pub fn remove_unproduced(
    root: &Path,
    kept: &HashSet<&str>,
    staged: &HashSet<&Path>,
) -> Result<usize, WriteError> {
    let mut removed = 0;
    let walk = walkdir::WalkDir::new(root)
        .min_depth(1)
        .contents_first(true);
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).to_path_buf();
            WriteError::at(path)(e.into())
        })?;
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        if entry.file_type().is_dir() {
            // Fails, and so keeps it, when the folder still has files.
            let _ = std::fs::remove_dir(path);
            continue;
        }
        let name = rel
            .to_str()
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"));
        if staged.contains(path) {
            // This build's own files, waiting to be renamed into place.
            continue;
        }
        let keep = match name.as_deref() {
            Some(COMMIT_MARKER | OUTPUT_MARKER) => true,
            Some(n) => kept.contains(n) && !is_temp_name(&entry.file_name().to_string_lossy()),
            None => false,
        };
        if !keep {
            std::fs::remove_file(path).map_err(WriteError::at(path))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes the folders of a removed file that are now empty, up to the root.
pub fn remove_empty_parents(root: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        // Fails, and so stops, at the first folder that still has files.
        if std::fs::remove_dir(root.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}
