//! Control characters in what editors write (an ESC or NUL pasted from a terminal or an old
//! document) are removed before anything reads the text, with a warning at each line, so no
//! output carries them: they make XML (the Atom feed, the sitemap) invalid and go raw into
//! HTML and JSON. Tab, line feed and carriage return stay; so does everything printable.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::message::Message;

/// A character no output may hold: C0 and C1 controls other than tab, LF and CR, DEL, and
/// the noncharacters XML forbids.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without forbidden characters; a warning per line that had any (`file` for
/// messages), the line counted from `first_line`.
pub fn clean<'a>(
    text: &'a str,
    file: &Path,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    for (i, line) in text.split('\n').enumerate() {
        let found: Vec<String> = line
            .chars()
            .filter(|c| is_forbidden(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        if !found.is_empty() {
            diagnostics.push(Diagnostic::warning(
                file,
                Some(first_line + i),
                Message::new(
                    format!(
                        "{} onzichtbare {} weggehaald ({}): {} geen tekst",
                        found.len(),
                        if found.len() == 1 {
                            "stuurteken"
                        } else {
                            "stuurtekens"
                        },
                        found.join(", "),
                        if found.len() == 1 {
                            "dat is"
                        } else {
                            "dat zijn"
                        },
                    ),
                    format!(
                        "removed {} invisible control character{} ({}): they are not text",
                        found.len(),
                        if found.len() == 1 { "" } else { "s" },
                        found.join(", ")
                    ),
                ),
            ));
        }
    }
    Cow::Owned(text.chars().filter(|c| !is_forbidden(*c)).collect())
}

/// `text` without forbidden characters, silently: a file or folder name used as a title, a
/// YAML string whose escapes made them.
pub fn without_forbidden(name: &str) -> Cow<'_, str> {
    if name.chars().any(is_forbidden) {
        Cow::Owned(name.chars().filter(|c| !is_forbidden(*c)).collect())
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_removed_with_a_warning_per_line_and_text_is_kept() {
        let mut diagnostics = Vec::new();
        let text = "title: A\u{1b}[31mB\nok\ttab\r\nC\u{0}D\u{85}\n";
        let cleaned = clean(text, Path::new("content/x.md"), 1, &mut diagnostics);
        assert_eq!(cleaned, "title: A[31mB\nok\ttab\r\nCD\n");
        let shown: Vec<String> = diagnostics
            .iter()
            .map(|d| d.display(crate::language::Language::Nl).to_string())
            .collect();
        assert_eq!(shown.len(), 2);
        assert!(
            shown[0]
                .starts_with("content/x.md:1: waarschuwing: 1 onzichtbare stuurteken weggehaald"),
            "{shown:?}"
        );
        assert!(shown[1].starts_with("content/x.md:3: waarschuwing: 2 onzichtbare stuurtekens"));
        assert!(matches!(
            clean("schoon", Path::new("x"), 1, &mut diagnostics),
            Cow::Borrowed(_)
        ));
    }
}
