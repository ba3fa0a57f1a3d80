//! Pages as `serve` keeps them between requests: compressed. At 100,000 notes the site's
//! pages are 2.7 GB of HTML, which `serve` held whole beside the site itself; HTML packs to a
//! fraction, and unpacking one page per request takes microseconds.
//!
//! LZ4 (`lz4_flex`, pure Rust) rather than gzip: it packs about ten times faster, which is
//! what the first build of a large site waits for.

use std::sync::Arc;

/// A rendered file's bytes, compressed; cheap to clone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed(Arc<[u8]>);

impl Packed {
    pub fn new(bytes: &[u8]) -> Packed {
        Packed(lz4_flex::compress_prepend_size(bytes).into())
    }

    /// The bytes as rendered.
    pub fn unpack(&self) -> Vec<u8> {
        // Only ever made by `new` in this process: it cannot be malformed.
        lz4_flex::decompress_size_prepended(&self.0).unwrap_or_default()
    }

    /// How much memory it takes.
    pub fn packed_len(&self) -> usize {
        self.0.len()
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
}
