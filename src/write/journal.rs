//! What the output folder says about itself: the manifest of the last finished build and the
//! marker of a commit in progress.
//!
//! The commit marker (`.kennisbank-commit`) is written, and flushed to disk, before a build
//! changes anything, and removed after the new manifest is in place. A build that finds it
//! knows an earlier build stopped part way (killed, out of space, power cut): the manifest
//! may no longer describe the files, so that build trusts nothing it did not verify. The
//! marker also proves the folder is kennisbank's, so a first build killed before it wrote a
//! manifest leaves a folder the next build takes over.
//!
//! The manifest (`.kennisbank-output`) ends with a trailer holding its line count; one without
//! it (torn, or hand-edited) is not trusted either.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use super::atomic::{WriteError, replace_file};

/// The manifest, which also marks a folder as kennisbank's output: a build may then remove
/// files it no longer makes.
pub const OUTPUT_MARKER: &str = ".kennisbank-output";
/// Present only while a build changes the folder.
pub const COMMIT_MARKER: &str = ".kennisbank-commit";
/// Version 3: the hash is XXH3 (version 2 had SipHash, which took 1.6% of a cold build).
/// A manifest of another version is not trusted: every file is compared with the new bytes.
const MANIFEST_HEADER: &str = "kennisbank output manifest 3: xxh3 length path";
const MANIFEST_TRAILER: &str = "end of manifest, files:";

/// A file's hash (XXH3, 64 bits) and length: what the manifest records of it.
pub type Fingerprint = (u64, u64);

/// The hash behind a `Fingerprint`, fed as a stream: the same as `fingerprint` of the whole.
/// XXH3 rather than std's SipHash, whose resistance to chosen keys a build does not need and
/// which was 1.6% of a cold 10,000-note build, hashing 250 MB of output.
pub type FingerprintHasher = twox_hash::XxHash3_64;

pub fn fingerprint(bytes: &[u8]) -> Fingerprint {
    (FingerprintHasher::oneshot(bytes), bytes.len() as u64)
}

/// What a build found in its output folder.
pub enum Found {
    /// Neither marker nor manifest: an empty or new folder, or someone else's.
    Nothing,
    /// A finished build's manifest, to be trusted.
    Finished(HashMap<String, Fingerprint>),
    /// A commit marker, or a manifest that is torn: verify everything.
    Interrupted,
}

pub fn inspect(root: &Path) -> Found {
    if root.join(COMMIT_MARKER).exists() {
        return Found::Interrupted;
    }
    let manifest = root.join(OUTPUT_MARKER);
    if std::fs::symlink_metadata(&manifest).is_err() {
        return Found::Nothing;
    }
    match std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|t| read_manifest(&t))
    {
        Some(files) => Found::Finished(files),
        None => Found::Interrupted,
    }
}

/// Records that a commit begins. Its bytes do not matter, only that it exists, so it is
/// written in place; it is flushed, with its folder, so that it is on disk before any change
/// it stands for.
pub fn begin(root: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(root).map_err(WriteError::at(root))?;
    let path = root.join(COMMIT_MARKER);
    let write = || -> io::Result<()> {
        let mut file = std::fs::File::create(&path)?;
        file.write_all(b"kennisbank is writing this folder; the next build checks every file\n")?;
        file.sync_all()?;
        // The folder's entry for it too; a folder can be opened for this only on Unix.
        #[cfg(unix)]
        std::fs::File::open(root)?.sync_all()?;
        Ok(())
    };
    write().map_err(WriteError::at(&path))
}

/// Writes the new manifest (whole, by rename) and then removes the marker.
pub fn finish(root: &Path, produced: &[(String, Fingerprint)]) -> Result<(), WriteError> {
    replace_file(
        &root.join(OUTPUT_MARKER),
        write_manifest(produced).as_bytes(),
    )?;
    let marker = root.join(COMMIT_MARKER);
    match std::fs::remove_file(&marker) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(WriteError::at(marker)(e)),
        _ => Ok(()),
    }
}

fn read_manifest(text: &str) -> Option<HashMap<String, Fingerprint>> {
    let body = text.strip_prefix(MANIFEST_HEADER)?.strip_prefix('\n')?;
    let body = body.strip_suffix('\n')?;
    let (entries, trailer) = match body.rsplit_once('\n') {
        Some((entries, trailer)) => (entries, trailer),
        None => ("", body),
    };
    let count: usize = trailer
        .strip_prefix(MANIFEST_TRAILER)?
        .trim()
        .parse()
        .ok()?;
    let files: HashMap<String, Fingerprint> = entries
        .lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), (hash, len)))
        })
        .collect::<Option<_>>()?;
    (files.len() == count).then_some(files)
}

fn write_manifest(produced: &[(String, Fingerprint)]) -> String {
    let mut sorted: Vec<&(String, Fingerprint)> = produced.iter().collect();
    sorted.sort();
    let mut out = String::with_capacity(produced.len() * 64);
    out.push_str(MANIFEST_HEADER);
    out.push('\n');
    for (path, (hash, len)) in &sorted {
        out.push_str(&format!("{hash:016x} {len} {path}\n"));
    }
    out.push_str(&format!("{MANIFEST_TRAILER} {}\n", sorted.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_a_torn_one_does_not() {
        let produced = vec![
            ("a/index.html".to_string(), (0xabc, 3)),
            ("b c/index.html".to_string(), (1, 1)),
        ];
        let text = write_manifest(&produced);
        let read = read_manifest(&text).expect("whole manifest");
        assert_eq!(read.len(), 2);
        assert_eq!(read["b c/index.html"], (1, 1));
        for cut in [text.len() - 1, text.len() - 10, text.len() / 2, 5] {
            assert!(read_manifest(&text[..cut]).is_none(), "cut at {cut}");
        }
        assert!(read_manifest(&write_manifest(&[])).is_some());
    }

    /// A whole manifest of version 2 (SipHash) is not trusted: its hashes are not XXH3's, so
    /// every file would look changed; the folder is verified byte for byte instead.
    #[test]
    fn a_manifest_of_an_older_version_is_not_trusted() {
        let older = "kennisbank output manifest 2: hash length path\n\
                     00000000000000ab 3 a/index.html\n\
                     end of manifest, files: 1\n";
        assert!(read_manifest(older).is_none());
        let current = older.replacen("manifest 2: hash", "manifest 3: xxh3", 1);
        assert_eq!(read_manifest(&current).unwrap()["a/index.html"], (0xab, 3));
    }

    #[test]
    fn a_marker_means_interrupted_until_finish() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        assert!(matches!(inspect(&root), Found::Nothing));
        begin(&root).unwrap();
        assert!(matches!(inspect(&root), Found::Interrupted));
        finish(&root, &[("x".to_string(), (1, 1))]).unwrap();
        assert!(matches!(inspect(&root), Found::Finished(f) if f.len() == 1));
        std::fs::write(root.join(OUTPUT_MARKER), MANIFEST_HEADER).unwrap();
        assert!(matches!(inspect(&root), Found::Interrupted));
    }
}
