//! The one place that reads YAML: note front matter and `kennisbank.yaml`.
//!
//! YAML becomes `serde_json::Value` here, so the rest of the crate never sees the YAML library,
//! and every key keeps the line it stood on for error messages.

use serde_json::{Map, Value};

use crate::message;
use crate::message::Message;

/// A YAML mapping with the source line of each top-level key.
#[derive(Debug, Default, Clone)]
pub struct Document {
    pub values: Map<String, Value>,
    /// `(key, 1-based line in the file)`, in source order.
    pub key_lines: Vec<(String, usize)>,
}

impl Document {
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, line)| *line)
    }
}

/// A YAML problem at a 1-based line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub message: Message,
}

/// A note split into its front matter and body.
pub struct Split<'a> {
    /// The YAML between the `---` fences; empty when the note has none.
    pub yaml: &'a str,
    /// Line of the file where the YAML starts (the line after the opening fence).
    pub yaml_first_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file, for mapping Markdown offsets to file lines.
    pub body_offset: usize,
}

/// Splits `---` fenced front matter from a note. A note without an opening fence is all body.
pub fn split(text: &str) -> Result<Split<'_>, YamlError> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let first_line_end = text_no_bom.find('\n').map_or(text_no_bom.len(), |i| i + 1);
    if text_no_bom[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_first_line: 1,
            body: text,
            body_offset: 0,
        });
    }
    let yaml_start = bom + first_line_end;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_offset = pos + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_first_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos += line.len();
    }
    Err(YamlError {
        line: Some(1),
        message: message!(
            "de kop met eigenschappen wordt niet afgesloten: zet er een regel `---` onder",
            "front matter is never closed: add a line `---` after it"
        ),
    })
}

/// Parses a YAML mapping. `first_line` is the file line the YAML text starts on.
pub fn parse_mapping(yaml: &str, first_line: usize) -> Result<Document, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(Document::default());
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let message = strip_location(&e.to_string());
        // Errors found after parsing (too many aliases expanded) come without a place: the
        // first alias, or the first line, is the nearest one there is.
        let line = match e.location() {
            Some(l) => l.line() + first_line - 1,
            None => first_alias_line(yaml).unwrap_or(0) + first_line,
        };
        let repeats = message.contains("repetition limit");
        YamlError {
            line: Some(line),
            message: if repeats {
                message!(
                    "ongeldige YAML: {message} (verwijzingen zoals `*naam` herhalen te veel tekst)",
                    "invalid YAML: {message} (aliases such as `*name` repeat too much text)"
                )
            } else {
                invalid_yaml(&message)
            },
        }
    })?;
    let values = match to_json(value) {
        Ok(Value::Object(map)) => map,
        Ok(Value::Null) => Map::new(),
        Ok(_) => {
            return Err(YamlError {
                line: Some(first_line),
                message: message!(
                    "de kop moet bestaan uit regels `naam: waarde`",
                    "front matter must be a mapping of `key: value` lines"
                ),
            });
        }
        Err(message) => {
            return Err(YamlError {
                line: Some(first_line),
                message,
            });
        }
    };
    let key_lines = top_level_key_lines(yaml, first_line);
    Ok(Document { values, key_lines })
}

/// Parses any YAML document (a `.base` file, a ```` ```base ```` block) into a JSON value.
/// `first_line` is the file line the YAML text starts on; an empty document is `null`.
pub fn parse_value(yaml: &str, first_line: usize) -> Result<Value, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(Value::Null);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| YamlError {
        line: e.location().map(|l| l.line() + first_line - 1),
        message: invalid_yaml(&strip_location(&e.to_string())),
    })?;
    to_json(value).map_err(|message| YamlError {
        line: Some(first_line),
        message,
    })
}

/// The 0-based line of the first alias (`*name`) in `yaml`.
fn first_alias_line(yaml: &str) -> Option<usize> {
    yaml.lines().position(|line| {
        line.as_bytes()
            .windows(2)
            .any(|w| w[0] == b'*' && (w[1].is_ascii_alphanumeric() || w[1] == b'_'))
            && !line.trim_start().starts_with('#')
    })
}

/// The file line of a nested key, such as `check:` → `external:` → `timeout:`, found by
/// indentation (serde gives values without positions). `None` when the key is not written in
/// block style; callers then fall back to the line of the nearest parent they can find.
pub fn nested_key_line(yaml: &str, first_line: usize, path: &[&str]) -> Option<usize> {
    let mut depth = 0;
    // Indentation of the key we are inside of, and of its children once seen.
    let mut parent_indent: Option<usize> = None;
    let mut child_indent: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if parent_indent.is_some_and(|p| indent <= p) {
            return None;
        }
        let level_indent = match (parent_indent, child_indent) {
            (None, _) => 0,
            (Some(_), Some(c)) => c,
            (Some(_), None) => {
                child_indent = Some(indent);
                indent
            }
        };
        if indent != level_indent || trimmed.starts_with('-') {
            continue;
        }
        let Some((key, _)) = trimmed.split_once(':') else {
            continue;
        };
        if key.trim().trim_matches(['"', '\'']) == *path.get(depth)? {
            if depth + 1 == path.len() {
                return Some(first_line + i);
            }
            depth += 1;
            parent_indent = Some(indent);
            child_indent = None;
        }
    }
    None
}

/// File lines of the items (`- …`) of a top-level sequence such as `views:`, in order; found
/// by indentation like `nested_key_line`.
pub fn sequence_item_lines(yaml: &str, first_line: usize, key: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut inside = false;
    let mut item_indent: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if indent == 0 && !trimmed.starts_with('-') {
            inside = trimmed
                .split(':')
                .next()
                .map(|k| k.trim().trim_matches(['"', '\'']))
                == Some(key);
            item_indent = None;
            continue;
        }
        if inside && trimmed.starts_with('-') {
            match item_indent {
                None => {
                    item_indent = Some(indent);
                    out.push(first_line + i);
                }
                Some(at) if at == indent => out.push(first_line + i),
                _ => {}
            }
        }
    }
    out
}

/// The YAML library's own words (English) after a Dutch or English explanation.
fn invalid_yaml(detail: &str) -> Message {
    let nl = match yaml_detail_nl(detail) {
        Some(said) => format!("ongeldige YAML: {said}"),
        None => format!(
            "ongeldige YAML: {detail} (kijk naar inspringing, dubbele punten en aanhalingstekens)"
        ),
    };
    Message::new(nl, format!("invalid YAML: {detail}"))
}

/// The YAML library's most common complaints, said in Dutch for editors.
fn yaml_detail_nl(detail: &str) -> Option<&'static str> {
    const SAID: &[(&str, &str)] = &[
        (
            "expected ',' or ']'",
            "een lijst tussen [ ] wordt niet goed gesloten: er ontbreekt een komma of een `]`",
        ),
        (
            "expected ',' or '}'",
            "een groep tussen { } wordt niet goed gesloten: er ontbreekt een komma of een `}`",
        ),
        (
            "mapping values are not allowed",
            "een dubbele punt staat op een plek waar dat niet kan; zet de waarde tussen aanhalingstekens",
        ),
        (
            "did not find expected key",
            "de inspringing klopt niet: zet eigenschappen even ver naar rechts",
        ),
        (
            "cannot start any token",
            "de waarde begint met een teken dat hier niet mag (zoals een tab, `@` of `%`); zet de waarde tussen aanhalingstekens",
        ),
        (
            "unexpected end of stream",
            "een aanhalingsteken of haakje wordt niet gesloten",
        ),
        (
            "duplicate entry",
            "dezelfde eigenschap staat er twee keer in",
        ),
        (
            "block sequence entries are not allowed",
            "een lijst met `-` staat op een plek waar dat niet kan; begin hem op een nieuwe regel, ingesprongen",
        ),
    ];
    SAID.iter()
        .find(|(english, _)| detail.contains(english))
        .map(|(_, dutch)| *dutch)
}

fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn top_level_key_lines(yaml: &str, first_line: usize) -> Vec<(String, usize)> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with([' ', '\t', '#', '-']) && line.contains(':'))
        .filter_map(|(i, line)| {
            let key = line.split(':').next()?.trim().trim_matches(['"', '\'']);
            (!key.is_empty()).then(|| (key.to_string(), first_line + i))
        })
        .collect()
}

fn to_json(value: serde_yaml::Value) -> Result<Value, Message> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                serde_json::Number::from_f64(n.as_f64().unwrap_or(0.0))
                    .map_or(Value::Null, Value::Number)
            }
        }
        // An escape (`"\e"`, `"\0"`) makes a control character the raw text did not have;
        // it goes here, as `text_safety` removes those written as they are.
        Y::String(s) => Value::String(crate::text_safety::without_forbidden(&s).into_owned()),
        Y::Sequence(items) => {
            Value::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Y::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err(message!(
                            "een naam moet tekst zijn, niet {other:?}",
                            "a key must be text, not {other:?}"
                        ));
                    }
                };
                out.insert(key, to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => to_json(tagged.value)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn note_without_front_matter_is_all_body() {
        let s = split("# Kop\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "# Kop\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("---\ntitle: A\nBody\n").is_err());
    }

    #[test]
    fn yaml_errors_carry_the_file_line() {
        let err = parse_mapping("title: A\ntags: [a, b\n", 2).unwrap_err();
        assert!(err.line.unwrap() >= 3, "{err:?}");
    }

    #[test]
    fn common_yaml_mistakes_are_explained_in_dutch() {
        let cases = [
            ("tags: [a, b\n", "er ontbreekt een komma of een `]`"),
            ("title: Een: twee\n", "een dubbele punt staat op een plek"),
            (
                "title: A\ntitle: B\n",
                "dezelfde eigenschap staat er twee keer in",
            ),
            ("title: \"open\n", "wordt niet gesloten"),
        ];
        for (yaml, dutch) in cases {
            let err = parse_mapping(yaml, 2).unwrap_err();
            assert!(err.message.nl().contains(dutch), "{yaml:?}: {err:?}");
            assert!(err.message.en().starts_with("invalid YAML: "), "{err:?}");
        }
    }

    #[test]
    fn nested_keys_are_found_by_indentation() {
        let yaml = "title: A\ncheck:\n  orphans: off\n  external:\n    # c\n    timeout: 5s\n    skip_prefixes:\n      - x\nother:\n  timeout: 1\n";
        assert_eq!(nested_key_line(yaml, 1, &["check", "orphans"]), Some(3));
        assert_eq!(
            nested_key_line(yaml, 1, &["check", "external", "timeout"]),
            Some(6)
        );
        assert_eq!(nested_key_line(yaml, 1, &["check", "timeout"]), None);
        assert_eq!(nested_key_line(yaml, 1, &["other", "timeout"]), Some(10));
    }

    #[test]
    fn any_document_becomes_a_value_and_errors_keep_the_line() {
        let v = parse_value("views:\n  - type: table\n    limit: 3\n", 1).unwrap();
        assert_eq!(v["views"][0]["limit"], serde_json::json!(3));
        let err = parse_value("views:\n  - type: table\n   name: [x\n", 10).unwrap_err();
        assert!(err.line.unwrap() >= 11, "{err:?}");
        assert_eq!(parse_value("  \n", 1).unwrap(), Value::Null);
    }

    #[test]
    fn sequence_items_keep_their_lines() {
        let yaml = "filters: x\nviews:\n  - type: table\n    order:\n      - a\n  # c\n  - type: list\nother:\n  - z\n";
        assert_eq!(sequence_item_lines(yaml, 1, "views"), vec![3, 7]);
        let flush = "views:\n- type: table\n- type: cards\n";
        assert_eq!(sequence_item_lines(flush, 5, "views"), vec![6, 7]);
    }

    #[test]
    fn keys_keep_their_lines() {
        let doc = parse_mapping("title: A\n# c\ntags:\n  - x\nkind: lexicon\n", 2).unwrap();
        assert_eq!(doc.line_of("title"), Some(2));
        assert_eq!(doc.line_of("kind"), Some(6));
        assert_eq!(doc.values["tags"], serde_json::json!(["x"]));
    }
}
