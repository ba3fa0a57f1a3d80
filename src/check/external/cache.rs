//! The external link cache: `.kennisbank-cache/links.json` in the site folder, so a second
//! `check --external` asks the internet only about what is new or has grown old. `load` never
//! reads it (the name starts with a dot) and a `.gitignore` in the folder keeps it out of git.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::probe::Probe;

pub const CACHE_DIR: &str = ".kennisbank-cache";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    /// Seconds since 1970 when the URL was asked.
    checked: u64,
    probe: Probe,
}

pub struct Cache {
    path: PathBuf,
    file: CacheFile,
}

pub fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// Reads the cache of a site; a missing, unreadable or outdated file is an empty cache.
    pub fn load(root: &Path, file_name: &str) -> Cache {
        let path = root.join(CACHE_DIR).join(file_name);
        let file = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|f| f.version == VERSION)
            .unwrap_or_default();
        Cache { path, file }
    }

    /// The cache file, relative to the site root, for messages.
    pub fn display_path(file_name: &str) -> PathBuf {
        Path::new(CACHE_DIR).join(file_name)
    }

    /// A result younger than `max_age`.
    pub fn fresh(&self, url: &str, max_age: Duration, now: u64) -> Option<&Probe> {
        let entry = self.file.entries.get(url)?;
        (now.saturating_sub(entry.checked) < max_age.as_secs()).then_some(&entry.probe)
    }

    pub fn store(&mut self, url: &str, probe: &Probe, now: u64) {
        self.file.entries.insert(
            url.to_string(),
            Entry {
                checked: now,
                probe: probe.clone(),
            },
        );
    }

    /// Writes the cache, leaving out what has grown too old. Written to a temporary file
    /// and renamed, so an interrupted run never leaves half a file.
    pub fn save(&mut self, max_age: Duration, now: u64) -> std::io::Result<()> {
        self.file.version = VERSION;
        self.file
            .entries
            .retain(|_, e| now.saturating_sub(e.checked) < max_age.as_secs());
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# Written by kennisbank check --external\n*\n")?;
        }
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer_pretty(&mut temp, &self.file)?;
        temp.write_all(b"\n")?;
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}
