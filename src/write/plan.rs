//! The output folder of `build`, changed only after every page rendered, and only where bytes
//! differ.
//!
//! Why not build into a temporary folder and swap it in? Measured on the 10,000-note corpus:
//! creating 20,000 inodes right after deleting the old tree made ext4 search its inode bitmaps
//! past the recently deleted ones, and the swap cost more than rendering. So the folder is
//! updated in place, after the fact: a build that fails before `commit` changes nothing.
//!
//! What the folder holds is known from a manifest (`.kennisbank-output`: hash, length and path
//! of every file the last build wrote), so deciding what changed reads no old file and walks
//! no folder; a file whose size on disk no longer matches (edited or deleted by hand) is
//! written again.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::{FolderSink, Sink, safe_relative};

/// The manifest, which also marks a folder as kennisbank's output: a build may then remove
/// files it no longer makes.
pub const OUTPUT_MARKER: &str = ".kennisbank-output";
const MANIFEST_HEADER: &str = "kennisbank output manifest 1: hash length path";

/// Counts of what `OutputPlan::commit` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

type Fingerprint = (u64, u64);

pub struct OutputPlan {
    root: PathBuf,
    previous: HashMap<String, Fingerprint>,
    changed: Mutex<Vec<(String, Vec<u8>)>>,
    produced: Mutex<Vec<(String, Fingerprint)>>,
}

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    (hasher.finish(), bytes.len() as u64)
}

impl OutputPlan {
    /// Refuses a folder that has files but was not made by kennisbank, so `--output` pointed
    /// at the wrong place never deletes anything.
    pub fn new(root: &Path) -> io::Result<OutputPlan> {
        let marker = root.join(OUTPUT_MARKER);
        if root.is_dir() && !marker.exists() && std::fs::read_dir(root)?.next().is_some() {
            return Err(io::Error::other(format!(
                "{} has files that kennisbank did not write; choose an empty or new --output folder",
                root.display()
            )));
        }
        let previous = std::fs::read_to_string(&marker)
            .map(|t| read_manifest(&t))
            .unwrap_or_default();
        Ok(OutputPlan {
            root: root.to_path_buf(),
            previous,
            changed: Mutex::default(),
            produced: Mutex::default(),
        })
    }

    /// Writes the changed files, removes the ones the build no longer produces, and records
    /// the new manifest.
    pub fn commit(self) -> io::Result<WriteStats> {
        let changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let produced = self
            .produced
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        std::fs::create_dir_all(&self.root)?;
        let sink = FolderSink::new(&self.root);
        changed
            .par_iter()
            .try_for_each(|(path, bytes)| sink.put(path, bytes))?;
        let kept: HashSet<&str> = produced.iter().map(|(p, _)| p.as_str()).collect();
        let mut removed = 0;
        for stale in self.previous.keys().filter(|p| !kept.contains(p.as_str())) {
            let Ok(rel) = safe_relative(stale) else {
                continue;
            };
            match std::fs::remove_file(self.root.join(&rel)) {
                Ok(()) => {
                    removed += 1;
                    remove_empty_parents(&self.root, &rel);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        std::fs::write(self.root.join(OUTPUT_MARKER), write_manifest(&produced))?;
        Ok(WriteStats {
            written: changed.len(),
            unchanged: produced.len() - changed.len(),
            removed,
        })
    }
}

impl Sink for OutputPlan {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = safe_relative(path)?;
        let print = fingerprint(bytes);
        let same = self.previous.get(path) == Some(&print)
            && std::fs::metadata(self.root.join(rel))
                .is_ok_and(|m| m.is_file() && m.len() == print.1);
        if !same {
            self.changed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), bytes.to_vec()));
        }
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), print));
        Ok(())
    }
}

fn read_manifest(text: &str) -> HashMap<String, Fingerprint> {
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), (hash, len)))
        })
        .collect()
}

fn write_manifest(produced: &[(String, Fingerprint)]) -> String {
    let mut sorted: Vec<&(String, Fingerprint)> = produced.iter().collect();
    sorted.sort();
    let mut out = String::with_capacity(produced.len() * 64);
    out.push_str(MANIFEST_HEADER);
    out.push('\n');
    for (path, (hash, len)) in sorted {
        out.push_str(&format!("{hash:016x} {len} {path}\n"));
    }
    out
}

/// Removes the folders of a removed file that are now empty, up to the root.
fn remove_empty_parents(root: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        // Fails, and so stops, at the first folder that still has files.
        if std::fs::remove_dir(root.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                ("css/x/y.css", "x"),
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
    fn a_file_deleted_by_hand_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        plan_with(&root, &[("a/index.html", "a")]);
        std::fs::remove_file(root.join("a/index.html")).unwrap();
        let again = plan_with(&root, &[("a/index.html", "a")]);
        assert_eq!(again.written, 1);
        assert_eq!(
            std::fs::read_to_string(root.join("a/index.html")).unwrap(),
            "a"
        );
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
