//! The files a build has written but not yet committed, and undoing them when the build
//! stops before its commit (a page failed to render, the disk filled up while staging).
//!
//! A changed file is written as soon as it is rendered, so no build holds its output in
//! memory: under a temporary name beside its target when the folder has an earlier version
//! of the site (renamed at commit), in place when the folder started empty. Either way the
//! commit marker is written first (`journal::begin`), so a build killed while staging leaves
//! a folder the next build verifies and sweeps.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Fill;
use super::atomic::{WriteError, write_fresh, write_temp};
use super::journal::{self, COMMIT_MARKER};
use super::sweep::remove_empty_parents;

/// One written file: its path in the site and, when it waits to be renamed, its temporary
/// name.
pub struct Staged {
    pub path: String,
    pub temp: Option<PathBuf>,
}

pub struct Staging {
    root: PathBuf,
    /// Files go straight to their place: the folder had nothing before this build.
    fresh: bool,
    /// Whether the build created the output folder itself (and so removes it when it fails).
    root_existed: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    begun: bool,
    files: Vec<Staged>,
    /// A write failed (a full disk): the build fails, and the files rendered after it are
    /// not written, so the problem is reported once and not once per page.
    failed: bool,
}

impl Staging {
    pub fn new(root: &Path, fresh: bool) -> Staging {
        Staging {
            root: root.to_path_buf(),
            fresh,
            root_existed: root.exists(),
            state: Mutex::default(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes one changed file, what `fill` writes (`target` is `path` under the root).
    pub fn write(&self, path: &str, target: &Path, fill: Fill) -> Result<(), WriteError> {
        if self.state().failed {
            return Ok(());
        }
        self.begin()?;
        let written = if self.fresh {
            write_fresh(target, fill).map(|()| None)
        } else {
            write_temp(target, fill).map(Some)
        };
        let mut state = self.state();
        match written {
            Ok(temp) => state.files.push(Staged {
                path: path.to_string(),
                temp,
            }),
            Err(error) => {
                if self.fresh {
                    // Possibly half written: undone with the rest.
                    state.files.push(Staged {
                        path: path.to_string(),
                        temp: None,
                    });
                }
                let first = !state.failed;
                state.failed = true;
                if first {
                    return Err(error);
                }
            }
        }
        Ok(())
    }

    /// Writes the commit marker once, before the first change to the folder.
    pub fn begin(&self) -> Result<(), WriteError> {
        let mut state = self.state();
        if !state.begun {
            journal::begin(&self.root)?;
            state.begun = true;
        }
        Ok(())
    }

    /// What was written, handed to the commit; undoing is then no longer this one's job.
    pub fn take(&self) -> Vec<Staged> {
        let mut state = self.state();
        state.begun = false;
        std::mem::take(&mut state.files)
    }

    /// Whether a write failed, so the build must not commit.
    pub fn has_failed(&self) -> bool {
        self.state().failed
    }

    pub fn len(&self) -> usize {
        self.state().files.len()
    }
}

impl Drop for Staging {
    /// A build that stops before its commit leaves the folder as it found it: its temporary
    /// files (or, in a folder that was empty, its files) and the marker go.
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        if !state.begun {
            return;
        }
        for staged in &state.files {
            let written = match &staged.temp {
                Some(temp) => temp.clone(),
                None => self
                    .root
                    .join(super::safe_relative(&staged.path).unwrap_or_default()),
            };
            if std::fs::remove_file(&written).is_ok()
                && let Ok(rel) = written.strip_prefix(&self.root)
            {
                remove_empty_parents(&self.root, rel);
            }
        }
        let _ = std::fs::remove_file(self.root.join(COMMIT_MARKER));
        if !self.root_existed {
            // Only removes it when empty: anything else in it stays.
            let _ = std::fs::remove_dir(&self.root);
        }
    }
}
