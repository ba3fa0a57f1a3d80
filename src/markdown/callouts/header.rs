//! The `[!type|metadata]+ title` line that makes a quote a callout: the types and aliases
//! Obsidian knows, and each type's name for readers in both languages.

use crate::config::Language;

/// Obsidian's types and their aliases: (alias, type).
pub(super) const ALIASES: &[(&str, &str)] = &[
    ("note", "note"),
    ("abstract", "abstract"),
    ("summary", "abstract"),
    ("tldr", "abstract"),
    ("info", "info"),
    ("todo", "todo"),
    ("tip", "tip"),
    ("hint", "tip"),
    ("important", "tip"),
    ("success", "success"),
    ("check", "success"),
    ("done", "success"),
    ("question", "question"),
    ("help", "question"),
    ("faq", "question"),
    ("warning", "warning"),
    ("caution", "warning"),
    ("attention", "warning"),
    ("failure", "failure"),
    ("fail", "failure"),
    ("missing", "failure"),
    ("danger", "danger"),
    ("error", "danger"),
    ("bug", "bug"),
    ("example", "example"),
    ("quote", "quote"),
    ("cite", "quote"),
];

/// Each type's name for readers: (type, Dutch, English).
const NAMES: &[(&str, &str, &str)] = &[
    ("note", "Notitie", "Note"),
    ("abstract", "Samenvatting", "Abstract"),
    ("info", "Info", "Info"),
    ("todo", "Te doen", "Todo"),
    ("tip", "Tip", "Tip"),
    ("success", "Gelukt", "Success"),
    ("question", "Vraag", "Question"),
    ("warning", "Waarschuwing", "Warning"),
    ("failure", "Mislukt", "Failure"),
    ("danger", "Gevaar", "Danger"),
    ("bug", "Fout", "Bug"),
    ("example", "Voorbeeld", "Example"),
    ("quote", "Citaat", "Quote"),
];

/// `[!type|metadata]+ ` at the start of a quote: what it says.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Header<'t> {
    pub(super) written: String,
    pub(super) kind: &'static str,
    pub(super) metadata: &'t str,
    pub(super) fold: Option<char>,
    /// The text after the header on the first line (the start of the title).
    pub(super) rest: &'t str,
}

pub(super) fn header(text: &str) -> Option<Header<'_>> {
    let inner = text.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let (written, metadata) = match inner[..close].split_once('|') {
        Some((t, m)) => (t, m.trim()),
        None => (&inner[..close], ""),
    };
    if written.is_empty() || written.contains(char::is_whitespace) {
        return None;
    }
    let written = written.to_lowercase();
    let mut rest = &inner[close + 1..];
    let fold = rest.chars().next().filter(|c| *c == '+' || *c == '-');
    if fold.is_some() {
        rest = &rest[1..];
    }
    let kind = ALIASES
        .iter()
        .find(|(alias, _)| *alias == written)
        .map_or("note", |(_, kind)| kind);
    Some(Header {
        written,
        kind,
        metadata,
        fold,
        rest: rest.trim_start(),
    })
}

pub(super) fn type_name(kind: &str, language: Language) -> &'static str {
    let (_, nl, en) = NAMES
        .iter()
        .find(|(k, _, _)| *k == kind)
        .unwrap_or(&NAMES[0]);
    match language {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// A title when none is written: the type's name, or an unknown type as written, capitalised.
pub(super) fn default_title(header: &Header<'_>, language: Language) -> String {
    if ALIASES.iter().any(|(alias, _)| *alias == header.written) {
        return type_name(header.kind, language).to_string();
    }
    let mut chars = header.written.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_as_obsidian_does() {
        let cases = [
            ("[!tip]", "tip", "tip", None, ""),
            ("[!TIP] Titel", "tip", "tip", None, "Titel"),
            ("[!faq]- Vraag?", "faq", "question", Some('-'), "Vraag?"),
            ("[!Warning]+", "warning", "warning", Some('+'), ""),
            ("[!custom-type] x", "custom-type", "note", None, "x"),
            ("[!cite]", "cite", "quote", None, ""),
            ("[!tldr]", "tldr", "abstract", None, ""),
        ];
        for (text, written, kind, fold, rest) in cases {
            let h = header(text).unwrap();
            assert_eq!(
                (h.written.as_str(), h.kind, h.fold, h.rest),
                (written, kind, fold, rest),
                "{text}"
            );
        }
        assert_eq!(header("[!] x"), None);
        assert_eq!(header("[! tip]"), None);
        assert_eq!(header("[link]"), None);
        assert_eq!(header("[!tip|wide]").unwrap().metadata, "wide");
    }
}
