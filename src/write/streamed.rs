//! Writers for a file that is written as a stream and never held whole (`Sink::put_stream`):
//! its fingerprint taken as it goes by, and its bytes compared with a file on disk.

use std::hash::Hasher;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use super::journal::{Fingerprint, FingerprintHasher};

/// Passes bytes on to `inner` (or nowhere), keeping the fingerprint `plan` records: the
/// same as that of the whole file at once, as the hash takes bytes as one stream.
struct Fingerprinting<W> {
    inner: W,
    hasher: FingerprintHasher,
    len: u64,
}

impl<W: Write> Fingerprinting<W> {
    pub fn new(inner: W) -> Self {
        Fingerprinting {
            inner,
            hasher: FingerprintHasher::new(),
            len: 0,
        }
    }

    pub fn fingerprint(&self) -> Fingerprint {
        (self.hasher.finish(), self.len)
    }
}

impl<W: Write> Write for Fingerprinting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.write(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Runs `fill` into `inner`, returning the fingerprint of what it wrote. Buffered before the
/// hash: a streamed file comes in many small pieces (`data.json`: one per JSON token), and the
/// hash takes long runs far faster than short ones.
pub fn fill_fingerprinted(inner: &mut dyn Write, fill: super::Fill) -> io::Result<Fingerprint> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, Fingerprinting::new(inner));
    fill(&mut out)?;
    out.flush()?;
    Ok(out.get_ref().fingerprint())
}

/// The fingerprint of what `fill` writes, written nowhere.
pub fn fingerprint_of(fill: super::Fill) -> io::Result<Fingerprint> {
    fill_fingerprinted(&mut io::sink(), fill)
}

/// Whether the file at `path` holds exactly what `fill` writes, read as it goes.
pub fn file_holds(path: &Path, fill: super::Fill) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut comparing = Comparing {
        old: BufReader::new(file),
        same: true,
        chunk: Vec::new(),
    };
    // A difference stops the fill early with an error; either way the answer is `same`.
    let filled = fill(&mut comparing).is_ok();
    let mut rest = [0u8; 1];
    filled && comparing.same && matches!(comparing.old.read(&mut rest), Ok(0))
}

struct Comparing<R> {
    old: R,
    same: bool,
    chunk: Vec<u8>,
}

impl<R: Read> Write for Comparing<R> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.chunk.resize(buf.len(), 0);
        if self.old.read_exact(&mut self.chunk).is_err() || self.chunk != buf {
            self.same = false;
            return Err(io::Error::other("differs"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_fingerprint_is_that_of_the_whole_file() {
        let fill = |w: &mut dyn Write| -> io::Result<()> {
            for part in ["{\"a\":", " 1", "}\n"] {
                w.write_all(part.as_bytes())?;
            }
            Ok(())
        };
        let whole = fingerprint_of(&|w| w.write_all(b"{\"a\": 1}\n")).unwrap();
        assert_eq!(fingerprint_of(&fill).unwrap(), whole);
        assert_eq!(whole, super::super::journal::fingerprint(b"{\"a\": 1}\n"));
        assert_eq!(whole.1, 9);
        // Past XXH3's internal block and stripe sizes, fed in uneven pieces.
        let long: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        let pieces = |w: &mut dyn Write| -> io::Result<()> {
            long.chunks(97).try_for_each(|c| w.write_all(c))
        };
        assert_eq!(
            fingerprint_of(&pieces).unwrap(),
            super::super::journal::fingerprint(&long)
        );
    }

    #[test]
    fn a_file_holds_only_exactly_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.json");
        std::fs::write(&path, "abcdef").unwrap();
        assert!(file_holds(&path, &|w| w
            .write_all(b"abc")
            .and(w.write_all(b"def"))));
        assert!(!file_holds(&path, &|w| w.write_all(b"abcdeX")));
        assert!(!file_holds(&path, &|w| w.write_all(b"abc")), "shorter");
        assert!(!file_holds(&path, &|w| w.write_all(b"abcdefg")), "longer");
        assert!(!file_holds(&dir.path().join("gone"), &|w| w.write_all(b"")));
    }

    /// A streamed file through the output plan: written once into an empty folder, left alone
    /// when unchanged, replaced when changed, and compared byte for byte when the manifest is
    /// not trusted, with the same fingerprints as a file put whole.
    #[test]
    fn a_streamed_file_is_written_only_when_it_changed() {
        use crate::write::{OutputPlan, Sink};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("public");
        let build = |text: &'static str| {
            let plan = OutputPlan::new(&root).unwrap();
            let fill = move |w: &mut dyn Write| {
                text.split_inclusive(',')
                    .try_for_each(|part| w.write_all(part.as_bytes()))
            };
            plan.put_stream("data.json", &fill).unwrap();
            plan.put("a/index.html", b"a").unwrap();
            plan.commit().unwrap()
        };
        assert_eq!(build("[1,2,3]").written, 2);
        assert_eq!(std::fs::read(root.join("data.json")).unwrap(), b"[1,2,3]");
        let unchanged = build("[1,2,3]");
        assert_eq!((unchanged.written, unchanged.unchanged), (0, 2));
        assert_eq!(build("[1,2,4]").written, 1);
        assert_eq!(std::fs::read(root.join("data.json")).unwrap(), b"[1,2,4]");
        // A stopped commit leaves its marker: nothing is then taken on trust.
        std::fs::write(root.join(crate::write::COMMIT_MARKER), "").unwrap();
        assert_eq!(build("[1,2,4]").written, 0, "compared with the file, equal");
        std::fs::write(root.join(crate::write::COMMIT_MARKER), "").unwrap();
        assert_eq!(build("[1,2,5]").written, 1);
        assert_eq!(std::fs::read(root.join("data.json")).unwrap(), b"[1,2,5]");
    }
}
