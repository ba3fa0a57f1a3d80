//! What the file system says about a note or file beside the notes: its size and its dates,
//! read in stage 1 so that bases' `file.size`, `file.ctime` and `file.mtime` never touch the
//! disk later. Git history, when there is one, takes precedence over these dates.

use std::path::Path;
use std::time::SystemTime;

use jiff::civil::Date;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileMeta {
    pub size: u64,
    /// When the file was made, where the file system keeps that.
    pub created: Option<Date>,
    pub modified: Option<Date>,
}

impl FileMeta {
    /// The file's metadata, or nothing known when it cannot be read (the read of its bytes
    /// reports that).
    pub fn read(path: &Path) -> FileMeta {
        let Ok(meta) = std::fs::metadata(path) else {
            return FileMeta::default();
        };
        FileMeta {
            size: meta.len(),
            created: meta.created().ok().and_then(date),
            modified: meta.modified().ok().and_then(date),
        }
    }
}

/// A moment as a date in the machine's time zone, as Obsidian shows file dates.
fn date(time: SystemTime) -> Option<Date> {
    let stamp = jiff::Timestamp::try_from(time).ok()?;
    Some(stamp.to_zoned(jiff::tz::TimeZone::system()).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_has_its_size_and_dates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "twaalf bytes").unwrap();
        let meta = FileMeta::read(&path);
        assert_eq!(meta.size, 12);
        assert!(meta.modified.is_some());
    }

    #[test]
    fn a_missing_file_has_nothing() {
        assert_eq!(
            FileMeta::read(Path::new("/nonexistent/x.md")),
            FileMeta::default()
        );
    }
}
