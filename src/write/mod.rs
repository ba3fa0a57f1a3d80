//! Stage 5, write: where rendered bytes go. The output folder, changed only after the whole
//! site rendered and only where bytes differ (`plan`), each file replaced whole (`atomic`),
//! the commit recorded so a stopped one is repaired (`journal`); or memory for `serve` and
//! tests.

mod atomic;
mod journal;
mod plan;
#[cfg(test)]
mod recovery_tests;
mod staging;
mod streamed;
mod sweep;

pub use atomic::{TEMP_PREFIX, WriteError};
pub use journal::{COMMIT_MARKER, OUTPUT_MARKER};
pub use plan::{CommitFailed, OutputPlan, WriteStats};

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::Mutex;

/// Writes a file's bytes to the writer it is given; may be called more than once (see
/// `Sink::put_stream`), and must then write the same bytes each time.
pub type Fill<'a> = &'a (dyn Fn(&mut dyn io::Write) -> io::Result<()> + Sync);

/// Receives output files by their `/`-separated path in the site.
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// A file too large to hold whole (`data.json` at 100,000 notes): the sink has `fill`
    /// write it where it goes. Sinks that keep files in memory take the bytes as `put` does.
    fn put_stream(&self, path: &str, fill: Fill) -> io::Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.put(path, &bytes)
    }
}

/// Writes into a folder, creating parent folders as needed, each file replaced whole. For
/// examples and tools; `build` uses `OutputPlan`.
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
        atomic::replace_file(&target, bytes).map_err(|e| io::Error::new(e.error.kind(), e))
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
pub(crate) fn safe_relative(path: &str) -> io::Result<PathBuf> {
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
}
