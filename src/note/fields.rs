//! Reading one note's front matter values, each checked for its type: a value of the wrong
//! type is an error at its key's line and reads as absent, so one parse reports them all.

use std::path::Path;

use serde_json::Value;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::Document;
use crate::message;
use crate::message::Message;
use crate::note_date::NoteDate;

pub(super) struct Fields<'a, 'd> {
    pub(super) doc: &'a Document,
    pub(super) path: &'a Path,
    pub(super) diagnostics: &'d mut Vec<Diagnostic>,
    pub(super) ok: bool,
}

impl Fields<'_, '_> {
    pub(super) fn error(&mut self, key: &str, message: Message) {
        let line = self.doc.line_of(key);
        self.error_at(line, message);
    }

    pub(super) fn error_at(&mut self, line: Option<usize>, message: Message) {
        self.ok = false;
        self.diagnostics
            .push(Diagnostic::error(self.path, line, message));
    }

    pub(super) fn string(&mut self, key: &str) -> Option<String> {
        match self.doc.values.get(key)? {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            other => {
                let (nl, en) = type_name(other);
                self.error(
                    key,
                    message!(
                        "`{key}` moet tekst zijn; nu is het {nl}",
                        "`{key}` must be text, not {en}"
                    ),
                );
                None
            }
        }
    }

    pub(super) fn integer(&mut self, key: &str) -> Option<i64> {
        match self.doc.values.get(key)? {
            Value::Number(n) if n.is_i64() => n.as_i64(),
            Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            Value::Null => None,
            other => {
                let (nl, en) = type_name(other);
                self.error(
                    key,
                    message!(
                        "`{key}` moet een heel getal zijn; nu is het {nl}",
                        "`{key}` must be a whole number, not {en}"
                    ),
                );
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, key: &str) -> bool {
        match self.doc.values.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let (nl, en) = type_name(other);
                self.error(
                    key,
                    message!(
                        "`{key}` moet true (ja) of false (nee) zijn; nu is het {nl}",
                        "`{key}` must be true or false, not {en}"
                    ),
                );
                false
            }
        }
    }

    /// A string or a list of strings.
    pub(super) fn list(&mut self, key: &str) -> Vec<String> {
        let items = match self.doc.values.get(key) {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(single) => vec![single.clone()],
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Value::Number(n) => out.push(n.to_string()),
                Value::String(_) | Value::Null => {}
                other => {
                    let (nl, en) = type_name(&other);
                    self.error(
                        key,
                        message!(
                            "`{key}` moet tekst of een lijst van teksten zijn; nu is het {nl}",
                            "`{key}` must be text or a list of texts, not {en}"
                        ),
                    );
                }
            }
        }
        out
    }

    pub(super) fn date(&mut self, key: &str) -> Option<NoteDate> {
        let text = self.string(key)?;
        match NoteDate::parse(&text) {
            Some(date) => Some(date),
            None => {
                self.error(
                    key,
                    message!(
                        "`{key}: {text}` is geen datum: schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2025-09-01",
                        "`{key}: {text}` is not a date: write it as YYYY-MM-DD"
                    ),
                );
                None
            }
        }
    }
}

/// What a value is, in Dutch and in English, for messages about a value of the wrong type.
pub(super) fn type_name(value: &Value) -> (&'static str, &'static str) {
    match value {
        Value::Null => ("leeg", "nothing"),
        Value::Bool(_) => ("true/false", "true/false"),
        Value::Number(_) => ("een getal", "a number"),
        Value::String(_) => ("tekst", "text"),
        Value::Array(_) => ("een lijst", "a list"),
        Value::Object(_) => ("een groep eigenschappen", "a mapping"),
    }
}

/// A front matter address readers follow: only http(s) (`url_safety`). One that is not is
/// reported at its line and left out.
pub(super) fn web_address(
    fields: &mut Fields<'_, '_>,
    key: &str,
    config: &Config,
) -> Option<String> {
    let url = fields.string(key)?;
    let Some(problem) = crate::url_safety::not_a_web_address(&url) else {
        return Some(url);
    };
    // The note itself is kept, so links to it still resolve; an error stops the build.
    fields.diagnostics.push(Diagnostic {
        level: crate::url_safety::unsafe_url_level(config),
        ..Diagnostic::error(
            fields.path,
            fields.doc.line_of(key),
            problem.within(&format!("`{key}`: {{}}"), &format!("`{key}`: {{}}")),
        )
    });
    None
}
