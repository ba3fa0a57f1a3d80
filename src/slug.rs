//! ASCII slugs for URLs and heading ids, and case-folded keys for matching names.

use deunicode::deunicode_char;

/// `één-ouder gezinnen` → `een-ouder-gezinnen`. Never empty: a name of only punctuation
/// gives `-` replaced by a hex form of its bytes so two such names still differ.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars() {
        let ascii = if ch.is_ascii() {
            Some(ch.to_string())
        } else {
            deunicode_char(ch).map(str::to_string)
        };
        for c in ascii.unwrap_or_default().chars() {
            if c.is_ascii_alphanumeric() {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(c.to_ascii_lowercase());
            } else {
                pending_dash = true;
            }
        }
    }
    if out.is_empty() && !text.is_empty() {
        return text.bytes().map(|b| format!("{b:02x}")).collect();
    }
    out
}

/// The key names are sorted by, as a Dutch reader expects: `één` next to `een`, before `f`.
pub fn sort_key(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The key two names are compared by: case-folded, diacritics and spacing kept as written
/// except that runs of white space count as one.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (input, want) in [
            ("één-ouder gezinnen", "een-ouder-gezinnen"),
            ("Sociale Basis", "sociale-basis"),
            ("  Sport & Bewegen!  ", "sport-bewegen"),
            ("Zorg+Welzijn", "zorg-welzijn"),
            ("55+ sporten", "55-sporten"),
            ("Ĳsselmeer", "ijsselmeer"),
        ] {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn slug_of_punctuation_is_not_empty() {
        assert_ne!(slugify("?!"), "");
        assert_ne!(slugify("?!"), slugify("!?"));
    }

    #[test]
    fn fold_ignores_case_and_spacing() {
        assert_eq!(fold("Sociale  Basis"), fold("sociale basis"));
        assert_ne!(fold("één"), fold("een"));
    }
}
