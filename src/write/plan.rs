//! The output folder of `build`, changed only after every page rendered, and only where bytes
//! differ.
//!
//! Why not build into a temporary folder and swap it in? Measured on the 10,000-note corpus:
//! creating 20,000 inodes right after deleting the old tree made ext4 search its inode bitmaps
//! past the recently deleted ones, and the swap cost more than rendering. So the folder is
//! updated in place, one whole file at a time (`atomic`): each changed file is written as soon
//! as it is rendered, under a temporary name (`staging`), so memory does not grow with the
//! output; `commit` renames them all once every page rendered. A build that fails before
//! `commit` removes what it staged and changes nothing; one killed at any moment leaves every
//! file whole, and the commit marker it wrote before its first file makes the next build
//! verify and repair.
//!
//! What the folder holds is known from a manifest (`journal`: hash, length and path of every
//! file the last build wrote), so deciding what changed reads no old file and walks no folder;
//! a file whose size on disk no longer matches (edited or deleted by hand) is written again.
//! After an interrupted commit (the marker is still there, or the manifest is torn) nothing
//! is taken on trust: every file is compared with the new bytes, and everything the new build
//! does not make, orphans and temporary files alike, is removed.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::atomic::WriteError;
use super::journal::{self, Fingerprint, Found, fingerprint};
use super::staging::Staging;
use super::streamed::{file_holds, fill_fingerprinted, fingerprint_of};
use super::sweep::{remove_listed, remove_unproduced};
use super::{Fill, Sink, safe_relative};

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
    staging: Staging,
    produced: Mutex<Vec<(String, Fingerprint)>>,
}

impl OutputPlan {
    /// Refuses a folder that has files but was not made by kennisbank, so `--output` pointed
    /// at the wrong place never deletes anything.
    pub fn new(root: &Path) -> io::Result<OutputPlan> {
        let (previous, trusted, fresh) = match journal::inspect(root) {
            Found::Finished(files) => (files, true, false),
            Found::Interrupted => (HashMap::new(), false, false),
            Found::Nothing => {
                if root.is_dir() && std::fs::read_dir(root)?.next().is_some() {
                    return Err(io::Error::other(format!(
                        "{} has files that kennisbank did not write; choose an empty or new --output folder",
                        root.display()
                    )));
                }
                (HashMap::new(), true, true)
            }
        };
        Ok(OutputPlan {
            root: root.to_path_buf(),
            previous,
            trusted,
            staging: Staging::new(root, fresh),
            produced: Mutex::default(),
        })
    }

    /// Removes the files the build no longer produces, puts the written ones in place, and
    /// records the new manifest; the commit marker stands around all three.
    pub fn commit(self) -> Result<WriteStats, CommitFailed> {
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
        if self.staging.has_failed() {
            // Reported where it happened; committing would publish a site with files missing.
            return Err(CommitFailed {
                error: WriteError::at(&self.root)(io::Error::other("a file could not be written")),
                started: false,
            });
        }
        let written = self.staging.len();
        let stats = |removed| WriteStats {
            written,
            unchanged: produced.len() - written,
            removed,
        };
        if self.trusted && written == 0 && stale.is_empty() {
            return Ok(stats(0));
        }
        self.staging.begin().map_err(|error| CommitFailed {
            error,
            started: false,
        })?;
        // From here on a stop leaves the marker for the next build, which verifies everything.
        let staged = self.staging.take();
        let started = |error| CommitFailed {
            error,
            started: true,
        };
        let waiting: HashSet<&Path> = staged.iter().filter_map(|s| s.temp.as_deref()).collect();
        let removed = if self.trusted {
            remove_listed(&self.root, &stale)
        } else {
            remove_unproduced(&self.root, &kept, &waiting)
        }
        .map_err(started)?;
        let renamed = staged.par_iter().try_for_each(|file| match &file.temp {
            Some(temp) => {
                let target = self
                    .root
                    .join(safe_relative(&file.path).unwrap_or_default());
                std::fs::rename(temp, &target).map_err(WriteError::at(target))
            }
            None => Ok(()),
        });
        if let Err(error) = renamed {
            // Space back now; the marker makes the next build repair the rest.
            for temp in &waiting {
                let _ = std::fs::remove_file(temp);
            }
            return Err(started(error));
        }
        journal::finish(&self.root, &produced).map_err(started)?;
        Ok(stats(removed))
    }
}

impl OutputPlan {
    /// Whether the folder already holds these bytes at `path`, so the file is not written.
    fn holds(
        &self,
        path: &str,
        target: &Path,
        print: Fingerprint,
        old_is: &dyn Fn() -> bool,
    ) -> bool {
        // Into a folder that started empty nothing can be on disk yet: no look at it.
        let may_be_on_disk = !self.previous.is_empty() || !self.trusted;
        may_be_on_disk
            && std::fs::symlink_metadata(target).is_ok_and(|m| m.is_file() && m.len() == print.1)
            && if self.trusted {
                self.previous.get(path) == Some(&print)
            } else {
                old_is()
            }
    }

    fn produced(&self, path: &str, print: Fingerprint) {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), print));
    }
}

impl Sink for OutputPlan {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.root.join(safe_relative(path)?);
        let print = fingerprint(bytes);
        let old_is = || std::fs::read(&target).is_ok_and(|old| old == bytes);
        if !self.holds(path, &target, print, &old_is) {
            self.staging
                .write(path, &target, &|w| w.write_all(bytes))
                .map_err(|e| io::Error::new(e.error.kind(), e))?;
        }
        self.produced(path, print);
        Ok(())
    }

    /// Never holds the file whole: into a folder that started empty it is written once, its
    /// fingerprint taken on the way; otherwise `fill` runs once for the fingerprint (and, if
    /// the manifest is not trusted, to compare with the file on disk) and again to write it.
    fn put_stream(&self, path: &str, fill: Fill) -> io::Result<()> {
        let target = self.root.join(safe_relative(path)?);
        let fresh = self.previous.is_empty() && self.trusted;
        let print = if fresh {
            let print = Mutex::new((0, 0));
            let fingerprinted = |w: &mut dyn Write| {
                *print.lock().unwrap_or_else(|e| e.into_inner()) = fill_fingerprinted(w, fill)?;
                Ok(())
            };
            self.staging
                .write(path, &target, &fingerprinted)
                .map_err(|e| io::Error::new(e.error.kind(), e))?;
            print.into_inner().unwrap_or_else(|e| e.into_inner())
        } else {
            let print = fingerprint_of(fill)?;
            if !self.holds(path, &target, print, &|| file_holds(&target, fill)) {
                self.staging
                    .write(path, &target, fill)
                    .map_err(|e| io::Error::new(e.error.kind(), e))?;
            }
            print
        };
        self.produced(path, print);
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
        let names: Vec<_> = std::fs::read_dir(root.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["index.html"], "no staged file is left behind");
        assert!(!root.join(journal::COMMIT_MARKER).exists());
    }

    #[test]
    fn files_are_on_disk_before_commit_and_a_stopped_first_build_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        {
            let plan = OutputPlan::new(&root).unwrap();
            plan.put("a/index.html", b"a").unwrap();
            // Written straight away, not held until the commit.
            assert_eq!(std::fs::read(root.join("a/index.html")).unwrap(), b"a");
            assert!(root.join(journal::COMMIT_MARKER).exists());
        }
        assert!(
            !root.exists(),
            "the folder this build created is gone again"
        );
    }

    #[test]
    fn changed_files_wait_under_temporary_names_until_commit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        plan_with(&root, &[("a/index.html", "old")]);
        let plan = OutputPlan::new(&root).unwrap();
        plan.put("a/index.html", b"new").unwrap();
        let in_a = std::fs::read_dir(root.join("a")).unwrap().count();
        assert_eq!(in_a, 2, "the old file and the staged new one");
        assert_eq!(std::fs::read(root.join("a/index.html")).unwrap(), b"old");
        plan.commit().unwrap();
        assert_eq!(std::fs::read(root.join("a/index.html")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(root.join("a")).unwrap().count(), 1);
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
