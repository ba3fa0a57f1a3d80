//! The site folder as a boundary for stage 1: a symbolic link inside the site that leads out
//! of it is not followed, so building contributed content (in CI, say) never publishes the
//! build machine's own files. Links that stay inside the site work as their targets.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::message;

pub struct Boundary {
    /// The site root with every link resolved, or as given when it cannot be resolved.
    root: PathBuf,
}

impl Boundary {
    pub fn new(root: &Path) -> Boundary {
        Boundary {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Whether `path` (absolute, or relative to the working folder) resolves to a place inside
    /// the site. A path that resolves nowhere (a broken link) is not inside.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize().is_ok_and(|p| p.starts_with(&self.root))
    }

    /// `Ok` for a path inside the site; otherwise the warning that says it was skipped, at
    /// `rel` (the path relative to the site root). Walks call it for links only.
    pub fn check(&self, path: &Path, rel: &Path) -> Result<(), Diagnostic> {
        if self.contains(path) {
            return Ok(());
        }
        let target = path.canonicalize().map(|t| format!("`{}`", t.display()));
        let (nl, en) = match &target {
            Ok(target) => (target.as_str(), target.as_str()),
            Err(_) => ("niets", "nothing"),
        };
        Err(Diagnostic::warning(
            rel,
            None,
            message!(
                "overgeslagen: deze snelkoppeling wijst naar {nl}, buiten de map van de site; alleen koppelingen binnen de site worden gevolgd",
                "skipped: this link leads to {en}, outside the site folder; only links within the site are followed"
            ),
        ))
    }
}

/// A theme is named by one folder under `themes/`: no path, no `..`.
pub fn is_plain_folder_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(
        (parts.next(), parts.next()),
        (Some(std::path::Component::Normal(_)), None)
    ) && !name.contains(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_one_folder() {
        assert!(is_plain_folder_name("default"));
        assert!(is_plain_folder_name("gemeente-x"));
        for bad in ["/etc", "../x", "..", "a/b", "a\\b", "", "."] {
            assert!(!is_plain_folder_name(bad), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_refused_and_links_within_it_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        std::fs::write(site.join("content/a.md"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), site.join("content/out")).unwrap();
        std::os::unix::fs::symlink(site.join("content/a.md"), site.join("content/in.md")).unwrap();
        let boundary = Boundary::new(&site);
        let warning = boundary
            .check(&site.join("content/out"), Path::new("content/out"))
            .unwrap_err();
        assert!(
            warning
                .display(crate::language::Language::Nl)
                .to_string()
                .starts_with("content/out: waarschuwing: overgeslagen")
        );
        assert!(
            boundary
                .check(&site.join("content/in.md"), Path::new("content/in.md"))
                .is_ok()
        );
        let broken = site.join("content/broken");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &broken).unwrap();
        assert!(
            boundary
                .check(&broken, Path::new("content/broken"))
                .is_err()
        );
    }
}
