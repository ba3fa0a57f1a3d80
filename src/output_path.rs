//! Limits on output paths, checked when URLs are computed rather than when files are written,
//! so a too-long name is one error at the note that causes it and nothing is written.
//!
//! 255 bytes is the longest file or folder name ext4, XFS, btrfs, APFS and NTFS allow (NTFS
//! counts UTF-16 units; our slugs are ASCII, so bytes and units agree). The whole path is kept
//! under 1,024 bytes: Linux allows 4,096 bytes for the full path, and the output folder's own
//! path and a web server's or zip tool's limits need the rest.

use crate::message;
use crate::message::Message;

/// The longest name of one file or folder in the output, in bytes.
pub const MAX_NAME_BYTES: usize = 255;
/// The longest path inside the output folder, in bytes.
pub const MAX_PATH_BYTES: usize = 1024;

/// The most values one note may give one facet. Each value is a page; 1,000 is far more than
/// a note needs and keeps a mistaken list (a pasted word list as `tags`) from making a site
/// of millions of files.
pub const MAX_VALUES_PER_FACET: usize = 1000;

/// Why a `/`-separated output path cannot be written, in words for editors; `None` when it can.
pub fn problem(path: &str) -> Option<Message> {
    if let Some(name) = path.split('/').find(|n| n.len() > MAX_NAME_BYTES) {
        let shown: String = name.chars().take(40).collect();
        return Some(message!(
            "het deel `{shown}…` van het adres is {} bytes lang; bestandssystemen staan er hoogstens {MAX_NAME_BYTES} toe: kies een kortere `slug`, bestandsnaam of waarde",
            "the address part `{shown}…` is {} bytes long; file systems allow at most {MAX_NAME_BYTES}: choose a shorter `slug`, file name or value",
            name.len()
        ));
    }
    (path.len() > MAX_PATH_BYTES).then(|| {
        message!(
            "het adres /{}… is {} bytes lang; hoogstens {MAX_PATH_BYTES} mag: gebruik kortere mapnamen of een kortere `slug`",
            "the address /{}… is {} bytes long; at most {MAX_PATH_BYTES} are allowed: use shorter folder names or a shorter `slug`",
            path.chars().take(60).collect::<String>(),
            path.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_paths_over_the_limits_are_problems() {
        assert!(problem("a/b/index.html").is_none());
        assert!(problem(&format!("{}/index.html", "a".repeat(255))).is_none());
        assert!(problem(&format!("{}/index.html", "a".repeat(256))).is_some());
        let deep = vec!["abcdefghij"; 100].join("/");
        assert!(problem(&deep).unwrap().nl().contains("1024"));
    }
}
