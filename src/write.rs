//! Stage 5, write: where rendered bytes go. A folder on disk, swapped in whole so a failed
//! build never leaves a half-written site, or memory for `serve` and tests.

use std::collections::HashMap;
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

/// A folder next to the target that becomes the target only when the build succeeds.
pub struct StagedOutput {
    staging: tempfile::TempDir,
    target: PathBuf,
}

impl StagedOutput {
    pub fn new(target: &Path) -> io::Result<StagedOutput> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = target
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)?;
        Ok(StagedOutput {
            staging,
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.staging.path()
    }

    /// Puts the new output in place of the old one. The old one is moved aside first and
    /// removed after, so the target is never a mix of both.
    pub fn commit(self) -> io::Result<()> {
        let staging = self.staging.keep();
        let parent = staging.parent().unwrap_or(Path::new(".")).to_path_buf();
        let old = if self.target.exists() {
            let name = self
                .target
                .file_name()
                .map_or("public".into(), |n| n.to_string_lossy().into_owned());
            let aside = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(&parent)?
                .keep();
            std::fs::remove_dir(&aside)?;
            std::fs::rename(&self.target, &aside)?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staging, &self.target) {
            if let Some(old) = &old {
                let _ = std::fs::rename(old, &self.target);
            }
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
        if let Some(old) = old {
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(())
    }
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

    #[test]
    fn staged_output_replaces_the_target_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        let staged = StagedOutput::new(&target).unwrap();
        FolderSink::new(staged.path())
            .put("new/index.html", b"new")
            .unwrap();
        staged.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("new/index.html")).unwrap(),
            "new"
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "only the target remains");
    }

    #[test]
    fn dropped_staging_leaves_the_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        {
            let staged = StagedOutput::new(&target).unwrap();
            FolderSink::new(staged.path())
                .put("x.html", b"half")
                .unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(target.join("old.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
