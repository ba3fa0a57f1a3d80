//! Problems found in a site, each pinned to a file and (where there is one) a line.
//!
//! Every stage reports into a `Vec<Diagnostic>` instead of returning at the first problem,
//! so that an editor sees all mistakes of a build at once. The message holds its text in every
//! language (`message.rs`); `display` picks the site's language when it is printed.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::language::Language;
use crate::message::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

impl Level {
    /// The word printed before a message: `fout`, `waarschuwing`. (`check --format json`
    /// keeps `error` and `warning`, for tools.)
    pub fn label(self, language: Language) -> &'static str {
        match (self, language) {
            (Level::Error, Language::Nl) => "fout",
            (Level::Warning, Language::Nl) => "waarschuwing",
            (Level::Error, Language::En) => "error",
            (Level::Warning, Language::En) => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root, as the editor knows it (`content/x.md`).
    pub file: PathBuf,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
    pub level: Level,
    pub message: Message,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, line: Option<usize>, message: Message) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            level: Level::Error,
            message,
        }
    }

    pub fn warning(file: impl AsRef<Path>, line: Option<usize>, message: Message) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// `file:line: level: message` in a language, as the commands print it.
    pub fn display(&self, language: Language) -> Shown<'_> {
        Shown {
            diagnostic: self,
            language,
        }
    }

    /// The file as the editor writes it: `/` between folders on every system (on Unix a
    /// backslash is part of a name and stays as it is).
    pub fn file_name(&self) -> String {
        let file = self.file.display().to_string();
        if cfg!(windows) {
            file.replace('\\', "/")
        } else {
            file
        }
    }
}

/// A diagnostic printed in one language (`Diagnostic::display`).
pub struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    language: Language,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let file = d.file_name();
        let level = d.level.label(self.language);
        let message = d.message.text(self.language);
        match d.line {
            Some(line) => write!(f, "{file}:{line}: {level}: {message}"),
            None => write!(f, "{file}: {level}: {message}"),
        }
    }
}

/// Sorts diagnostics by file and line so output is stable whatever order the parallel stages
/// found them in; problems on one line keep the order they stand in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// A failed build: every diagnostic it found, errors and warnings.
#[derive(Debug)]
pub struct BuildFailed(pub Vec<Diagnostic>);

impl BuildFailed {
    /// `de site is niet gebouwd: 2 fouten` / `build failed with 2 errors`.
    pub fn summary(&self, language: Language) -> String {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        match language {
            Language::Nl => format!(
                "de site is niet gebouwd: {errors} {}",
                if errors == 1 { "fout" } else { "fouten" }
            ),
            Language::En => format!(
                "build failed with {errors} error{}",
                if errors == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Maps byte offsets of a text to 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based_and_cover_line_starts() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(2), 1);
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(6), 3);
        assert_eq!(index.line_of(7), 4);
    }

    #[test]
    fn display_names_file_line_and_level_in_the_language() {
        let d = Diagnostic::error(
            "content/x.md",
            Some(7),
            Message::new("link naar niets: [[Foo]]", "unresolved link [[Foo]]"),
        );
        assert_eq!(
            d.display(Language::Nl).to_string(),
            "content/x.md:7: fout: link naar niets: [[Foo]]"
        );
        assert_eq!(
            d.display(Language::En).to_string(),
            "content/x.md:7: error: unresolved link [[Foo]]"
        );
        let w = Diagnostic::warning("kennisbank.yaml", None, Message::new("let op", "mind"));
        assert_eq!(
            w.display(Language::Nl).to_string(),
            "kennisbank.yaml: waarschuwing: let op"
        );
    }
}
