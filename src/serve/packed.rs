//! Pages as `serve` keeps them between requests: compressed. At 100,000 notes the site's
//! pages are 2.7 GB of HTML, which `serve` held whole beside the site itself; HTML packs to a
//! fraction, and unpacking one page per request takes microseconds.
//!
//! LZ4 (`lz4_flex`, pure Rust) rather than gzip: it packs about ten times faster, which is
//! what the first build of a large site waits for.
//!
//! - HTML pages are packed against a dictionary, the first HTML page packed: pages share
//!   their header, menu and footer. On twenty note pages of the 100,000-note corpus that made
//!   them 43% smaller (the `lz4` tool with `-D`).
//! - Bytes are packed in chunks of `CHUNK`, so that a file written as a stream (`data.json`,
//!   216 MB at 100,000 notes) is never held whole (`Packed::from_stream`).

use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use crate::write::{Fill, Sink, safe_relative};

/// A rendered file's bytes, compressed; cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    /// Chunks, each its packed length (4 bytes, little-endian) and its LZ4 block.
    chunks: Arc<[u8]>,
    dictionary: Option<Arc<[u8]>>,
    /// The length of the bytes as rendered.
    len: usize,
}

/// Bytes packed at a time.
const CHUNK: usize = 1 << 20;

/// LZ4 looks back at most 64 KB.
const DICTIONARY_LEN: usize = 64 * 1024;

static HTML_DICTIONARY: OnceLock<Arc<[u8]>> = OnceLock::new();

impl Packed {
    pub fn new(bytes: &[u8]) -> Packed {
        let mut packer = Packer::new(dictionary_for(bytes));
        packer.take(bytes);
        packer.finish()
    }

    /// Packs what `fill` writes, a chunk at a time.
    pub fn from_stream(fill: Fill) -> io::Result<Packed> {
        let mut packer = Packer::new(None);
        fill(&mut packer)?;
        Ok(packer.finish())
    }

    /// The bytes as rendered.
    pub fn unpack(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len);
        self.each_chunk(|chunk| {
            out.extend_from_slice(chunk);
            Ok(())
        })
        .unwrap_or_default();
        out
    }

    /// Writes the bytes as rendered a chunk at a time: a reply with `data.json` (216 MB at
    /// 100,000 notes) is not unpacked whole.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        self.each_chunk(|chunk| out.write_all(chunk))
    }

    fn each_chunk(&self, mut each: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        let dictionary = self.dictionary.as_deref().unwrap_or_default();
        let mut rest = &self.chunks[..];
        // Only ever made by `Packer` in this process: it cannot be malformed.
        while let Some((len, after)) = rest.split_first_chunk::<4>() {
            let len = (u32::from_le_bytes(*len) as usize).min(after.len());
            let (block, next) = after.split_at(len);
            let chunk = lz4_flex::block::decompress_size_prepended_with_dict(block, dictionary);
            each(&chunk.unwrap_or_default())?;
            rest = next;
        }
        Ok(())
    }

    /// The length of the bytes as rendered.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How much memory it takes.
    pub fn packed_len(&self) -> usize {
        self.chunks.len()
    }
}

/// The dictionary for bytes to pack: for an HTML page, the first HTML page packed.
fn dictionary_for(bytes: &[u8]) -> Option<Arc<[u8]>> {
    let start = &bytes[..bytes.len().min(15)];
    if !start.eq_ignore_ascii_case(b"<!doctype html>") {
        return None;
    }
    let first = || Arc::from(&bytes[..bytes.len().min(DICTIONARY_LEN)]);
    Some(HTML_DICTIONARY.get_or_init(first).clone())
}

struct Packer {
    dictionary: Option<Arc<[u8]>>,
    pending: Vec<u8>,
    chunks: Vec<u8>,
    len: usize,
}

impl Packer {
    fn new(dictionary: Option<Arc<[u8]>>) -> Packer {
        Packer {
            dictionary,
            pending: Vec::new(),
            chunks: Vec::new(),
            len: 0,
        }
    }

    fn take(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len();
        while !bytes.is_empty() {
            let room = CHUNK - self.pending.len();
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            self.pending.extend_from_slice(now);
            if self.pending.len() == CHUNK {
                self.pack_pending();
            }
            bytes = later;
        }
    }

    fn pack_pending(&mut self) {
        let dictionary = self.dictionary.as_deref().unwrap_or_default();
        let block = lz4_flex::block::compress_prepend_size_with_dict(&self.pending, dictionary);
        let len = u32::try_from(block.len()).unwrap_or(u32::MAX);
        self.chunks.extend_from_slice(&len.to_le_bytes());
        self.chunks.extend_from_slice(&block);
        self.pending.clear();
    }

    fn finish(mut self) -> Packed {
        if !self.pending.is_empty() || self.chunks.is_empty() {
            self.pack_pending();
        }
        Packed {
            chunks: self.chunks.into(),
            dictionary: self.dictionary,
            len: self.len,
        }
    }
}

impl Write for Packer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.take(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A sink that packs each file as it comes, for the files `serve` builds on demand: the
/// search index and `data.json` are never held unpacked.
#[derive(Default)]
pub struct PackingSink {
    files: std::sync::Mutex<Vec<(String, Packed)>>,
}

impl PackingSink {
    pub fn into_files(self) -> Vec<(String, Packed)> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn keep(&self, path: &str, packed: Packed) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push((path.to_string(), packed));
    }
}

impl Sink for PackingSink {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        safe_relative(path)?;
        self.keep(path, Packed::new(bytes));
        Ok(())
    }

    fn put_stream(&self, path: &str, fill: Fill) -> io::Result<()> {
        safe_relative(path)?;
        self.keep(path, Packed::from_stream(fill)?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_unpacks_to_its_bytes_and_takes_less_room() {
        let page = "<li><a href=\"/projecten/x/\">Project</a></li>\n".repeat(200);
        let packed = Packed::new(page.as_bytes());
        assert_eq!(packed.unpack(), page.as_bytes());
        assert!(
            packed.packed_len() * 5 < page.len(),
            "{}",
            packed.packed_len()
        );
        assert_eq!(Packed::new(b"").unpack(), b"");
    }

    #[test]
    fn bytes_of_several_chunks_unpack_whole_packed_at_once_or_as_a_stream() {
        let bytes: Vec<u8> = (0..CHUNK * 5 / 2).map(|i| (i % 251) as u8).collect();
        assert_eq!(Packed::new(&bytes).unpack(), bytes);
        let streamed = Packed::from_stream(&|w: &mut dyn Write| {
            for piece in bytes.chunks(1000) {
                w.write_all(piece)?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(streamed.unpack(), bytes);
        assert_eq!(streamed.chunks.len(), Packed::new(&bytes).chunks.len());
        assert_eq!(streamed.len(), bytes.len());
        let mut written = Vec::new();
        streamed.write_to(&mut written).unwrap();
        assert_eq!(written, bytes);
    }

    #[test]
    fn html_pages_packed_against_another_take_less_room() {
        let page = |body: &str| {
            let menu =
                "<nav><a href=\"/projecten/\">Projecten</a><a href=\"/lexicon/\">Lexicon</a></nav>";
            let footer = "<footer>Kennisbank sociale basis, gemeente Voorbeeld</footer>";
            format!(
                "<!DOCTYPE html><html><head><title>{body}</title></head><body>{}<main>{body}</main>{}</body></html>",
                menu.repeat(40),
                footer.repeat(20),
            )
        };
        let (first, second) = (page("Eerste"), page("Tweede pagina"));
        let mut packer = Packer::new(Some(Arc::from(first.as_bytes())));
        packer.take(second.as_bytes());
        let packed = packer.finish();
        assert_eq!(packed.unpack(), second.as_bytes());
        let alone = lz4_flex::block::compress_prepend_size(second.as_bytes()).len();
        assert!(
            packed.packed_len() * 2 < alone,
            "{} {alone}",
            packed.packed_len()
        );
        // Only HTML pages are packed against a dictionary.
        assert!(dictionary_for(second.as_bytes()).is_some());
        assert!(dictionary_for(b"{\"items\": []}").is_none());
        assert_eq!(Packed::new(second.as_bytes()).unpack(), second.as_bytes());
    }
}
