//! The output folder of `build`, changed only after every page rendered, and only where bytes
//! differ.
//!
//! Why not build into a temporary folder and swap it in? Measured on the 10,000-note corpus:
//! creating 20,000 inodes right after deleting the old tree made ext4 search its inode bitmaps
//! past the recently deleted ones, and the swap cost more than rendering. So the folder is
//! updated in place, after the fact, one whole file at a time (`atomic`): a build that fails
//! before `commit` changes nothing, and one killed during it leaves every file whole.
//!
//! What the folder holds is known from a manifest (`journal`: hash, length and path of every
//! file the last build wrote), so deciding what changed reads no old file and walks no folder;
//! a file whose size on disk no longer matches (edited or deleted by hand) is written again.
//! After an interrupted commit (the marker is still there, or the manifest is torn) nothing
//! is taken on trust: every file is compared with the new bytes, and everything the new build
//! does not make, orphans and temporary files alike, is removed.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::atomic::{WriteError, replace_file};
use super::journal::{self, Fingerprint, Found};
use super::sweep::{remove_listed, remove_unproduced};
use super::{Sink, safe_relative};

/// Counts of what `OutputPlan::commit` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// A commit that stopped. `started` says whether the folder was changed before it did.
#[derive(Debug)]
pub struct CommitFailed {
    pub error: WriteError,
    pub started: bool,
}

pub struct OutputPlan {
    root: PathBuf,
    previous: HashMap<String, Fingerprint>,
    /// False after an interrupted commit: the manifest says nothing about the files.
    trusted: bool,
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
        let (previous, trusted) = match journal::inspect(root) {
            Found::Finished(files) => (files, true),
            Found::Interrupted => (HashMap::new(), false),
            Found::Nothing => {
                if root.is_dir() && std::fs::read_dir(root)?.next().is_some() {
                    return Err(io::Error::other(format!(
                        "{} has files that kennisbank did not write; choose an empty or new --output folder",
                        root.display()
                    )));
                }
                (HashMap::new(), true)
            }
        };
        Ok(OutputPlan {
            root: root.to_path_buf(),
            previous,
            trusted,
            changed: Mutex::default(),
            produced: Mutex::default(),
        })
    }

    /// Removes the files the build no longer produces, writes the changed ones, and records
    /// the new manifest; the commit marker stands around all three.
    pub fn commit(self) -> Result<WriteStats, CommitFailed> {
        let changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let produced = self
            .produced
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let kept: HashSet<&str> = produced.iter().map(|(p, _)| p.as_str()).collect();
        let stale: Vec<&String> = self
            .previous
            .keys()
            .filter(|p| !kept.contains(p.as_str()))
            .collect();
        let stats = |removed| WriteStats {
            written: changed.len(),
            unchanged: produced.len() - changed.len(),
            removed,
        };
        if self.trusted && changed.is_empty() && stale.is_empty() {
            return Ok(stats(0));
        }
        journal::begin(&self.root).map_err(|error| CommitFailed {
            error,
            started: false,
        })?;
        let started = |error| CommitFailed {
            error,
            started: true,
        };
        let removed = if self.trusted {
            remove_listed(&self.root, &stale)
        } else {
            remove_unproduced(&self.root, &kept)
        }
        .map_err(started)?;
        changed
            .par_iter()
            .try_for_each(|(path, bytes)| {
                let rel = safe_relative(path).map_err(WriteError::at(path))?;
                replace_file(&self.root.join(rel), bytes)
            })
            .map_err(started)?;
        journal::finish(&self.root, &produced).map_err(started)?;
        Ok(stats(removed))
    }
}

impl Sink for OutputPlan {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.root.join(safe_relative(path)?);
        let print = fingerprint(bytes);
        let on_disk =
            std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file() && m.len() == print.1);
        let same = on_disk
            && if self.trusted {
                self.previous.get(path) == Some(&print)
            } else {
                std::fs::read(&target).is_ok_and(|old| old == bytes)
            };
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
