//! The start of a body's plain text, for lists that show a note without a `summary`: taken
//! while the text is at hand, before it is packed (`ParsedBody::pack`), so it is never
//! unpacked again for 180 characters.

/// How many characters an excerpt holds at most, its closing `…` left aside.
const LIMIT: usize = 180;

/// Whole words up to `LIMIT` characters, whitespace made single spaces; `…` when cut.
pub(crate) fn excerpt_of(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let length = word.chars().count();
        if chars + length > LIMIT {
            out.push('…');
            return Some(out);
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += length;
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::excerpt_of;

    #[test]
    fn an_excerpt_is_whole_words_up_to_the_limit() {
        assert_eq!(excerpt_of(""), None);
        assert_eq!(excerpt_of(" \n "), None);
        assert_eq!(
            excerpt_of("Een  buurt\nsport"),
            Some("Een buurt sport".into())
        );
        let long = "één ".repeat(60);
        let cut = excerpt_of(&long).unwrap();
        assert!(cut.ends_with('…'), "{cut}");
        // 45 words of three characters and the spaces between them are 179 characters (one
        // word more would be 183): those, and the `…`.
        assert_eq!(cut.chars().count(), 179 + 1);
        assert_eq!(excerpt_of(&"a".repeat(181)), Some("…".into()));
        assert_eq!(excerpt_of(&"a".repeat(180)), Some("a".repeat(180)));
    }
}
