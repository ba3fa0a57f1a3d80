//! Text the site model keeps for the whole build, LZ4-compressed: every note's body HTML
//! and plain text (for search) stay in memory until the last page and the search index are
//! made, and they were 8 KB of each note's 20 KB (massif, at 2,000 notes).
//! Unpacking a note's text takes microseconds, and each is unpacked a few times a build.

/// A string, compressed; `unpack` gives it back.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct PackedStr {
    /// The LZ4 block with the string's length before it; empty for an empty string.
    bytes: Box<[u8]>,
}

impl PackedStr {
    pub fn new(text: &str) -> PackedStr {
        if text.is_empty() {
            return PackedStr::default();
        }
        PackedStr {
            bytes: lz4_flex::compress_prepend_size(text.as_bytes()).into_boxed_slice(),
        }
    }

    pub fn unpack(&self) -> String {
        if self.bytes.is_empty() {
            return String::new();
        }
        // Only ever packed from a `str` by `new`: it is whole and valid UTF-8.
        let bytes = lz4_flex::decompress_size_prepended(&self.bytes).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The length of the string, without unpacking it.
    pub fn len(&self) -> usize {
        match self.bytes.first_chunk::<4>() {
            Some(len) => u32::from_le_bytes(*len) as usize,
            None => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl std::fmt::Debug for PackedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.unpack().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::PackedStr;

    #[test]
    fn a_string_unpacks_as_it_was_and_knows_its_length() {
        for text in [
            "",
            "é",
            "<p>Een buurt die samen sport.</p>\n",
            &"sociale basis ".repeat(300),
        ] {
            let packed = PackedStr::new(text);
            assert_eq!(packed.unpack(), text);
            assert_eq!(packed.len(), text.len());
            assert_eq!(packed.is_empty(), text.is_empty());
        }
        let long = "<li>Buurtsportcoach</li>\n".repeat(100);
        assert!(PackedStr::new(&long).bytes.len() * 4 < long.len());
    }
}
