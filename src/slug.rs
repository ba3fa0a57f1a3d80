//! ASCII slugs for URLs and heading ids, and case-folded keys for matching names.

use deunicode::deunicode_char;

/// `één-ouder gezinnen` → `een-ouder-gezinnen`. Never empty: a name of only punctuation
/// gives `-` replaced by a hex form of its bytes so two such names still differ.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    };
    for ch in text.chars() {
        if ch.is_ascii() {
            push(ch);
        } else if let Some(ascii) = deunicode_char(ch) {
            ascii.chars().for_each(&mut push);
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
    if !text.is_ascii() {
        // `to_lowercase` of the whole text, for its context-dependent cases (final sigma).
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    // The same in one pass, without the intermediate strings: links are folded by the
    // hundred thousand.
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// Whether `fold(text) == folded`, without making the folded string: a renamed note's
/// names are looked for in every link of the site.
pub fn folds_to(text: &str, folded: &str) -> bool {
    if !text.is_ascii() {
        return fold(text) == folded;
    }
    let mut expected = folded.bytes();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 && expected.next() != Some(b' ') {
            return false;
        }
        if !word
            .bytes()
            .all(|b| expected.next() == Some(b.to_ascii_lowercase()))
        {
            return false;
        }
    }
    expected.next().is_none()
}

/// Folded names looked for in many texts (a renamed note's names in every link of the
/// site). A text is compared only when its first letter can start one of the names: at
/// 100,000 notes comparing each link with each name was a sixth of a title change's
/// samples in perf.
pub struct FoldedNames {
    names: Vec<String>,
    /// The first byte of each name; the first byte of a text's fold comes from its first
    /// letter alone (`fold` lowercases letter by letter but for a final sigma, whose forms
    /// share their first byte).
    firsts: [bool; 256],
}

impl FoldedNames {
    pub fn new(names: impl IntoIterator<Item = String>) -> FoldedNames {
        let names: Vec<String> = names.into_iter().collect();
        let mut firsts = [false; 256];
        for name in &names {
            if let Some(byte) = name.bytes().next() {
                firsts[usize::from(byte)] = true;
            }
        }
        FoldedNames { names, firsts }
    }

    /// Whether `fold(text)` is one of the names.
    pub fn matches(&self, text: &str) -> bool {
        let Some(first) = text.trim_start().chars().next() else {
            return self.names.iter().any(String::is_empty);
        };
        let mut lower = [0u8; 4];
        let byte = match first.to_lowercase().next() {
            Some(c) => c.encode_utf8(&mut lower).as_bytes()[0],
            None => return false,
        };
        self.firsts[usize::from(byte)] && self.names.iter().any(|name| folds_to(text, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_names_match_what_folds_to_one_of_them() {
        let names = ["sociale basis", "één ouder", "", "σ", "i\u{307}stanbul"];
        let set = FoldedNames::new(names.map(String::from));
        let without_empty = FoldedNames::new(["sociale basis".to_string()]);
        for text in [
            "Sociale Basis",
            "  sociale\t\nbasis ",
            "Sociale  Basisje",
            "Één Ouder",
            "ÉÉN ouder",
            "Een ouder",
            "",
            "   ",
            "Σ",
            "İstanbul",
            "istanbul",
            "Basis",
        ] {
            let fold = fold(text);
            assert_eq!(
                set.matches(text),
                names.contains(&fold.as_str()),
                "{text:?}"
            );
            assert_eq!(
                without_empty.matches(text),
                fold == "sociale basis",
                "{text:?}"
            );
        }
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        let names = ["sociale basis", "sociale", "één ouder", "", "a b"];
        for text in [
            "Sociale Basis",
            "  sociale\t\nbasis ",
            "Sociale  Basisje",
            "Sociale",
            "Één Ouder",
            "",
            "   ",
            "A\u{b}B",
            "a  b",
        ] {
            for name in names {
                assert_eq!(
                    folds_to(text, name),
                    fold(text) == name,
                    "{text:?} {name:?}"
                );
            }
        }
    }

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

    #[test]
    fn fold_joins_white_space_and_lowercases_any_text() {
        let reference = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for text in [
            "  Golden   Sports ",
            "Zie\tOOK\n\x0bdit",
            "Één-ouder  Gezinnen",
            "ΣΟΦΟΣ  Σ",
            "",
        ] {
            assert_eq!(fold(text), reference(text), "{text:?}");
        }
    }
}
