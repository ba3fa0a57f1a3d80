//! Stage 5, write: where rendered bytes go. The output folder, changed only after the whole
//! site rendered and only where bytes differ, or memory for `serve` and tests.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Receives output files by their `/`-separated path in the site.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
}

/// Writes into a folder, creating parent folders as needed.
pub struct FolderSink {
    root: PathBuf,
}

impl FolderSink {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FolderSink { root: root.into() }
    }
}

impl Sink for FolderSink {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.root.join(safe_relative(path)?);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, bytes)
    }
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<HashMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> HashMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        safe_relative(path)?;
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// An output path may never leave the output folder, whatever a slug or file name holds.
fn safe_relative(path: &str) -> io::Result<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(io::Error::other(format!(
                    "output path leaves the site: {path}"
                )));
            }
            p if p.contains('\\') || p.contains('\0') => {
                return Err(io::Error::other(format!("invalid output path: {path}")));
            }
            p => out.push(p),
        }
    }
    Ok(out)
}

/// Marks a folder as kennisbank's output, so a build may remove files it no longer makes.
pub const OUTPUT_MARKER: &str = ".kennisbank-output";

/// Counts of what `OutputPlan::commit` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The output folder, changed only after every page rendered. While rendering, each file is
/// compared with what the folder holds and only changed bytes are kept; `commit` then writes
/// those and removes files the site no longer has. A build that fails before `commit` leaves
/// the folder exactly as it was, and an unchanged file is never rewritten: measured on a
/// 10,000-note site, replacing a whole freshly written folder cost more than rendering it
/// (ext4 searches for free inodes past the ones just deleted).
pub struct OutputPlan {
    root: PathBuf,
    changed: Mutex<Vec<(String, Vec<u8>)>>,
    produced: Mutex<Vec<String>>,
}

impl OutputPlan {
    /// Refuses a folder that has files but was not made by kennisbank, so `--output` pointed
    /// at the wrong place never deletes anything.
    pub fn new(root: &Path) -> io::Result<OutputPlan> {
        if root.is_dir()
            && !root.join(OUTPUT_MARKER).exists()
            && std::fs::read_dir(root)?.next().is_some()
        {
            return Err(io::Error::other(format!(
                "{} has files that kennisbank did not write; choose an empty or new --output folder",
                root.display()
            )));
        }
        Ok(OutputPlan {
            root: root.to_path_buf(),
            changed: Mutex::default(),
            produced: Mutex::default(),
        })
    }

    /// Writes the changed files and removes the ones the build no longer produces.
    pub fn commit(self) -> io::Result<WriteStats> {
        use rayon::prelude::*;
        let changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut produced: HashSet<PathBuf> = self
            .produced
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter_map(|p| safe_relative(p).ok())
            .collect();
        produced.insert(PathBuf::from(OUTPUT_MARKER));
        std::fs::create_dir_all(&self.root)?;
        std::fs::write(
            self.root.join(OUTPUT_MARKER),
            b"This folder is written by kennisbank build.\n",
        )?;
        let sink = FolderSink::new(&self.root);
        changed
            .par_iter()
            .try_for_each(|(path, bytes)| sink.put(path, bytes))?;
        let removed = remove_stale(&self.root, &produced)?;
        Ok(WriteStats {
            written: changed.len(),
            unchanged: produced.len() - 1 - changed.len(),
            removed,
        })
    }
}

impl Sink for OutputPlan {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.root.join(safe_relative(path)?);
        let same = std::fs::metadata(&target)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(&target).is_ok_and(|old| old == bytes);
        if !same {
            self.changed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), bytes.to_vec()));
        }
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }
}

/// Removes files under `root` that are not in `keep`, then folders left empty.
fn remove_stale(root: &Path, keep: &HashSet<PathBuf>) -> io::Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        } else if !keep.contains(&rel) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    for dir in dirs.into_iter().rev() {
        // Fails harmlessly when the folder still has files.
        let _ = std::fs::remove_dir(dir);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_output() {
        assert!(safe_relative("../etc/passwd").is_err());
        assert!(safe_relative("a/../../b").is_err());
        assert_eq!(
            safe_relative("a/b/index.html").unwrap(),
            PathBuf::from("a/b/index.html")
        );
    }

    fn plan_with(root: &Path, files: &[(&str, &str)]) -> WriteStats {
        let plan = OutputPlan::new(root).unwrap();
        for (path, text) in files {
            plan.put(path, text.as_bytes()).unwrap();
        }
        plan.commit().unwrap()
    }

    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        let first = plan_with(
            &root,
            &[
                ("a/index.html", "a"),
                ("b/index.html", "b"),
                ("css/x.css", "x"),
            ],
        );
        assert_eq!(
            first,
            WriteStats {
                written: 3,
                unchanged: 0,
                removed: 0
            }
        );
        let before = std::fs::metadata(root.join("a/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = plan_with(&root, &[("a/index.html", "a"), ("b/index.html", "B")]);
        assert_eq!(
            second,
            WriteStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(
            std::fs::metadata(root.join("a/index.html"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        assert_eq!(
            std::fs::read_to_string(root.join("b/index.html")).unwrap(),
            "B"
        );
        assert!(!root.join("css").exists(), "emptied folders go too");
    }

    #[test]
    fn nothing_is_written_before_commit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        plan_with(&root, &[("a/index.html", "old")]);
        {
            let plan = OutputPlan::new(&root).unwrap();
            plan.put("a/index.html", b"new").unwrap();
            plan.put("b/index.html", b"new").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(root.join("a/index.html")).unwrap(),
            "old"
        );
        assert!(!root.join("b").exists());
    }

    #[test]
    fn refuses_a_folder_kennisbank_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("belangrijk.txt"), "niet weggooien").unwrap();
        let err = OutputPlan::new(dir.path()).err().expect("refused");
        assert!(err.to_string().contains("did not write"));
        assert!(dir.path().join("belangrijk.txt").exists());
    }
}
