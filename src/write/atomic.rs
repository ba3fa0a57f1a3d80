//! One output file replaced whole: written under a temporary name in its own folder, then
//! renamed over the old one, so a reader (or a build killed half way) sees the old bytes or
//! the new ones, never a mix and never an empty file. The write and the rename are separate
//! steps (`write_temp`), so a build can write each file as soon as it is rendered and rename
//! them all only once every page rendered. Into a folder that was empty there is nothing old
//! to keep, and files are written in place (`write_fresh`): a third fewer file-system
//! operations on a cold build.
//!
//! The temporary name is short and fixed in shape (`.kb-tmp-<pid>-<n>`), whatever the final
//! name: a final name may already use the 255 bytes a file name may have. A build that finds
//! such a file left by a killed build removes it (`journal`, `plan`).
//!
//! No `fsync` per file. What the write path promises fully is that a build killed at any
//! moment (SIGKILL, out of memory, a full disk) leaves every file whole, which a rename
//! alone gives: the kernel's view of the folder is updated atomically. A power cut is the
//! one case a rename without `fsync` does not cover (the new name may reach the disk before
//! its bytes). Paying an `fsync` per file for that would make a cold build of the 10,000-note
//! corpus wait for 20,000 disk flushes (seconds on ext4), and an interrupted build is already
//! caught: the commit marker is flushed before anything changes (`journal::begin`), so after a
//! power cut during a build the next build verifies every file's bytes; after a power cut just
//! after a build, a file the disk had not yet written comes back short or empty, and the
//! manifest's length check writes it again.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::Fill;

/// Every temporary file of the write path starts with this.
pub const TEMP_PREFIX: &str = ".kb-tmp-";

static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// A write that failed, with the file it was writing.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl WriteError {
    pub fn at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> WriteError {
        let path = path.into();
        move |error| WriteError { path, error }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

/// Replaces `target` with `bytes`, creating its folder as needed.
pub fn replace_file(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let temp = write_temp(target, &|w| w.write_all(bytes))?;
    std::fs::rename(&temp, target).map_err(|error| {
        let _ = std::fs::remove_file(&temp);
        WriteError {
            path: target.to_path_buf(),
            error,
        }
    })
}

/// Writes what `fill` writes under a temporary name beside `target` (creating its folder as
/// needed) and returns that name; renaming it over `target` is the caller's.
pub fn write_temp(target: &Path, fill: Fill) -> Result<PathBuf, WriteError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(WriteError::at(parent))?;
    let temp = parent.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(WriteError::at(target))?;
    write_all(file, fill).map_err(|error| {
        // A full disk gets its space back; a killed build's leftovers are swept next time.
        let _ = std::fs::remove_file(&temp);
        WriteError {
            path: target.to_path_buf(),
            error,
        }
    })?;
    Ok(temp)
}

/// Writes `target`, which no reader has seen yet, in place: only into a folder the build
/// fills from empty, where there is no old version to keep whole (`plan`).
pub fn write_fresh(target: &Path, fill: Fill) -> Result<(), WriteError> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(WriteError::at(parent))?;
    let file = std::fs::File::create(target).map_err(WriteError::at(target))?;
    write_all(file, fill).map_err(WriteError::at(target))
}

/// Buffered, so that a file written in many small pieces (a streamed `data.json`) costs few
/// system calls; one written whole passes straight through.
fn write_all(file: std::fs::File, fill: Fill) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, file);
    fill(&mut out)?;
    out.flush()
}

/// Whether a file name is one of the write path's temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/index.html");
        replace_file(&target, b"old").unwrap();
        replace_file(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a/b"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["index.html"]);
    }

    #[test]
    fn a_failed_write_names_the_file_and_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "k").unwrap();
        let err = replace_file(&target, b"new").unwrap_err();
        assert_eq!(err.path, target);
        assert_eq!(std::fs::read(target.join("keep")).unwrap(), b"k");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
