//! When each note last changed according to git, for "Bijgewerkt" on notes without an
//! `updated` date. Stage 1 (load): one `git log` for the whole `content/` folder, not one per
//! file; a site outside a git repository (or without git) simply has no such dates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::Date;

/// Site-relative path (`content/projecten/a.md`) → the date of the last commit that touched it.
pub type GitDates = BTreeMap<PathBuf, Date>;

pub fn read(root: &Path) -> GitDates {
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
        _ => GitDates::new(),
    }
}

/// `git log` prints newest first, so the first date seen for a file is its latest.
fn parse(log: &str) -> GitDates {
    let mut dates = GitDates::new();
    let mut current: Option<Date> = None;
    for line in log.lines() {
        if let Some(date) = line.strip_prefix('\0') {
            current = date.trim().parse().ok();
        } else if let (Some(date), false) = (current, line.trim().is_empty()) {
            dates.entry(PathBuf::from(line.trim())).or_insert(date);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\x002026-11-28\n\ncontent/a.md\n\x002026-10-01\n\ncontent/a.md\ncontent/b.md\n";
        let dates = parse(log);
        assert_eq!(dates[Path::new("content/a.md")].to_string(), "2026-11-28");
        assert_eq!(dates[Path::new("content/b.md")].to_string(), "2026-10-01");
    }

    #[test]
    fn a_folder_outside_git_has_no_dates() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(dir.path()).is_empty());
    }
}
