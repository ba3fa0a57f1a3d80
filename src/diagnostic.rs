//! Problems found in a site, each pinned to a file and (where there is one) a line.
//!
//! Every stage reports into a `Vec<Diagnostic>` instead of returning at the first problem,
//! so that an editor sees all mistakes of a build at once.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root, as the editor knows it (`content/x.md`).
    pub file: PathBuf,
    /// 1-based line in the file, when the problem has one.
    pub line: Option<usize>,
    pub level: Level,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            level: Level::Error,
            message: message.into(),
        }
    }

    pub fn warning(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(file, line, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        // `/` between folders on every system; on Unix a backslash is part of a name and
        // stays as it is.
        let file = self.file.display().to_string();
        let file = if cfg!(windows) {
            file.replace('\\', "/")
        } else {
            file
        };
        match self.line {
            Some(line) => write!(f, "{file}:{line}: {level}: {}", self.message),
            None => write!(f, "{file}: {level}: {}", self.message),
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

impl fmt::Display for BuildFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        write!(
            f,
            "build failed with {errors} error{}",
            if errors == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for BuildFailed {}

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
    fn display_names_file_line_and_level() {
        let d = Diagnostic::error("content/x.md", Some(7), "unresolved link [[Foo]]");
        assert_eq!(
            d.to_string(),
            "content/x.md:7: error: unresolved link [[Foo]]"
        );
    }
}
