//! When each note last changed according to git, for "Bijgewerkt" on notes without an
//! `updated` date, and when it was first committed (`file.ctime` in bases). Stage 1 (load):
//! one `git log` for the whole `content/` folder, not one per file; a site outside a git
//! repository (or without git), or a vault (no `content/`), simply has no such dates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::Date;

/// Site-relative path (`content/projecten/a.md`) → the date of the last commit that touched it.
pub type GitDates = BTreeMap<PathBuf, Date>;

/// Each file's last and first commit dates.
#[derive(Debug, Clone, Default)]
pub struct GitHistory {
    pub changed: GitDates,
    pub created: GitDates,
}

pub fn read(root: &Path) -> GitHistory {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "--format=%x00%cs",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
            "content",
        ])
        .output();
    match output {
        Ok(out) if out.status.success() => parse(&String::from_utf8_lossy(&out.stdout)),
        _ => GitHistory::default(),
    }
}

/// `git log` prints newest first, so the first date seen for a file is its latest and the
/// last one seen its first commit.
fn parse(log: &str) -> GitHistory {
    let mut history = GitHistory::default();
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(date) = line.strip_prefix('\0') {
            current = date.trim().parse().ok();
        } else if let (Some(date), false) = (current, line.trim().is_empty()) {
            let path = PathBuf::from(line.trim());
            history.changed.entry(path.clone()).or_insert(date);
            history.created.insert(path, date);
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\x002026-11-28\n\ncontent/a.md\n\x002026-10-01\n\ncontent/a.md\ncontent/b.md\n";
        let dates = parse(log).changed;
        assert_eq!(dates[Path::new("content/a.md")].to_string(), "2026-11-28");
        assert_eq!(dates[Path::new("content/b.md")].to_string(), "2026-10-01");
    }

    #[test]
    fn the_oldest_commit_of_each_file_is_its_creation() {
        let log = "\x002026-11-28\n\ncontent/a.md\n\x002026-10-01\n\ncontent/a.md\ncontent/b.md\n";
        let created = parse(log).created;
        assert_eq!(created[Path::new("content/a.md")].to_string(), "2026-10-01");
        assert_eq!(created[Path::new("content/b.md")].to_string(), "2026-10-01");
    }

    #[test]
    fn a_folder_outside_git_has_no_dates() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(dir.path()).changed.is_empty());
    }
}
