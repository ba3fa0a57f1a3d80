//! A message to the site's editors, in every language a site can have.
//!
//! Stages report problems before they know the site's language (a config that does not parse,
//! a file that cannot be read), and the same problem is printed by `build`, `check`, the JSON
//! of `check --format json` and `serve`'s overlay. So each message carries all its texts, made
//! where the problem is found (next to the words it is about, where a translator sees the
//! context), and the language is chosen once, where it is printed. There is no conversion
//! from a plain `String`: a message without its Dutch text does not compile.
//!
//! ```
//! use kennisbank::message;
//! let key = "titel";
//! let m = message!("onbekende eigenschap `{key}`", "unknown property `{key}`");
//! assert_eq!(m.nl(), "onbekende eigenschap `titel`");
//! ```

use crate::language::Language;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Message {
    nl: String,
    en: String,
}

/// A message from a Dutch and an English format string, `format!` style (`{name}` takes the
/// variable `name`). Extra arguments after the two strings are given to both (and evaluated
/// twice), so each string must use every one of them.
#[macro_export]
macro_rules! message {
    ($nl:literal, $en:literal $(,)?) => {
        $crate::message::Message::new(format!($nl), format!($en))
    };
    ($nl:literal, $en:literal, $($arg:tt)+) => {
        $crate::message::Message::new(format!($nl, $($arg)+), format!($en, $($arg)+))
    };
}

impl Message {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// A message whose text in each language is made from parts in that language (another
    /// message, a list of words): `text` is called once per language.
    pub fn from_fn(mut text: impl FnMut(Language) -> String) -> Self {
        Message {
            nl: text(Language::Nl),
            en: text(Language::En),
        }
    }

    pub fn text(&self, language: Language) -> &str {
        match language {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }

    pub fn nl(&self) -> &str {
        &self.nl
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    /// `self` with `prefix` before it in each language: `prefix` holds `{}` where `self` goes.
    pub fn within(&self, nl: &str, en: &str) -> Message {
        Message {
            nl: nl.replacen("{}", &self.nl, 1),
            en: en.replacen("{}", &self.en, 1),
        }
    }

    /// A file that could not be read: what went wrong, in words an editor can act on.
    pub fn cannot_read(error: &std::io::Error) -> Message {
        Message {
            nl: format!("kan het bestand niet lezen: {}", io_nl(error)),
            en: format!("cannot read the file: {error}"),
        }
    }

    /// A file that could not be written.
    pub fn cannot_write(error: &std::io::Error) -> Message {
        Message {
            nl: format!("kan het bestand niet schrijven: {}", io_nl(error)),
            en: format!("cannot write the file: {error}"),
        }
    }
}

/// The operating system's reason in Dutch for the usual cases; its own (English) words,
/// in brackets, for the rest.
fn io_nl(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "het bestaat niet (meer)".into(),
        ErrorKind::PermissionDenied => "je hebt er geen rechten voor".into(),
        ErrorKind::InvalidData => "het is geen tekst in UTF-8".into(),
        ErrorKind::StorageFull => "de schijf is vol".into(),
        ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen".into(),
        ErrorKind::AlreadyExists => "er staat al een bestand met die naam".into(),
        ErrorKind::IsADirectory => "het is een map".into(),
        _ => format!("het systeem meldt: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_has_its_text() {
        let key = "tags";
        let m = message!("`{key}` is leeg", "`{key}` is empty");
        assert_eq!(m.text(Language::Nl), "`tags` is leeg");
        assert_eq!(m.text(Language::En), "`tags` is empty");
        let n = 3;
        let m = message!("{} fouten", "{} errors", n);
        assert_eq!((m.nl(), m.en()), ("3 fouten", "3 errors"));
    }

    #[test]
    fn a_message_within_another_keeps_each_language() {
        let inner = Message::new("geen adres", "no address");
        let outer = inner.within("link weggelaten: {}", "link left out: {}");
        assert_eq!(outer.nl(), "link weggelaten: geen adres");
        assert_eq!(outer.en(), "link left out: no address");
    }

    #[test]
    fn system_errors_are_explained_in_dutch() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let m = Message::cannot_read(&e);
        assert_eq!(
            m.nl(),
            "kan het bestand niet lezen: je hebt er geen rechten voor"
        );
        assert!(m.en().starts_with("cannot read the file: "));
    }
}
