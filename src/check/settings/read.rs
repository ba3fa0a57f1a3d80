//! Reading `check:` from the config's values, with the line of each mistake.

use std::time::Duration;

use serde_json::Value;

use super::{CheckSettings, Rule, RuleLevel};
use crate::config_file::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::nested_key_line;
use crate::message;
use crate::message::Message;

const EXTERNAL_SETTINGS: &[&str] = &[
    "skip_prefixes",
    "user_agent",
    "timeout",
    "cache_max_age",
    "per_host",
    "host_delay",
    "workers",
];

pub(super) fn parse(
    value: Option<&Value>,
    config_text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> CheckSettings {
    let mut settings = CheckSettings::default();
    let mut reader = Reader {
        text: config_text,
        diagnostics,
    };
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return settings;
    };
    let Some(map) = reader.mapping(value, &["check"]) else {
        return settings;
    };
    for (key, value) in map {
        if key == "external" {
            if let Some(external) = reader.mapping(value, &["check", "external"]) {
                reader.external(external, &mut settings);
            }
            continue;
        }
        if key == "readability" && value.is_object() {
            reader.readability(value, &mut settings);
            continue;
        }
        match Rule::ALL.iter().find(|r| r.key() == key) {
            Some(rule) => {
                if let Some(level) = reader.level(value, &["check", key]) {
                    settings.set_level(*rule, level);
                }
            }
            None => {
                let known: Vec<&str> = Rule::ALL
                    .iter()
                    .map(|r| r.key())
                    .filter(|k| !k.starts_with("external."))
                    .chain(["external"])
                    .collect();
                reader.error(
                    &["check", key],
                    message!(
                        "onbekende controle `{key}` (bekend zijn: {})",
                        "unknown check `{key}` (known: {})",
                        known.join(", ")
                    ),
                );
            }
        }
    }
    settings
}

struct Reader<'a> {
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    /// An error at the line of `path`, or of its nearest parent that has one.
    fn error(&mut self, path: &[&str], message: Message) {
        let line = (1..=path.len())
            .rev()
            .find_map(|n| nested_key_line(self.text, 1, &path[..n]));
        self.diagnostics.push(Diagnostic::error(CONFIG_FILE, line, {
            let prefix = format!("{}: {{}}", path.join("."));
            message.within(&prefix, &prefix)
        }));
    }

    fn mapping<'v>(
        &mut self,
        value: &'v Value,
        path: &[&str],
    ) -> Option<&'v serde_json::Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            _ => {
                self.error(
                    path,
                    message!(
                        "moet bestaan uit regels `naam: waarde`",
                        "must be a mapping of `key: value` lines"
                    ),
                );
                None
            }
        }
    }

    fn level(&mut self, value: &Value, path: &[&str]) -> Option<RuleLevel> {
        // YAML 1.1 readers turn a bare `off` into false.
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Bool(false) => "off".into(),
            other => other.to_string(),
        };
        let level = RuleLevel::parse(&text);
        if level.is_none() {
            self.error(
                path,
                message!(
                    "onbekend niveau `{text}`; kies off, warn of error",
                    "unknown level `{text}`, expected off, warn or error"
                ),
            );
        }
        level
    }

    fn external(&mut self, map: &serde_json::Map<String, Value>, settings: &mut CheckSettings) {
        let ext = &mut settings.external;
        for (key, value) in map {
            let path = ["check", "external", key.as_str()];
            if let Some(rule) = Rule::ALL
                .iter()
                .find(|r| r.key().strip_prefix("external.") == Some(key.as_str()))
            {
                if let Some(level) = self.level(value, &path) {
                    settings.levels.insert(*rule, level);
                }
                continue;
            }
            match key.as_str() {
                "skip_prefixes" => {
                    if let Some(list) = self.strings(value, &path) {
                        ext.skip_prefixes = list;
                    }
                }
                "user_agent" => match value {
                    Value::String(s) if !s.trim().is_empty() => ext.user_agent = s.trim().into(),
                    _ => self.error(&path, message!("moet tekst zijn", "must be a text")),
                },
                "timeout" | "cache_max_age" | "host_delay" => {
                    let Some(duration) = self.duration(value, &path) else {
                        continue;
                    };
                    match key.as_str() {
                        "timeout" if duration.is_zero() => {
                            self.error(
                                &path,
                                message!("moet meer dan 0 zijn", "must be more than 0"),
                            );
                        }
                        "timeout" => ext.timeout = duration,
                        "cache_max_age" => ext.cache_max_age = duration,
                        _ => ext.host_delay = duration,
                    }
                }
                "per_host" | "workers" => match value.as_u64() {
                    Some(n) if (1..=64).contains(&n) => {
                        let n = n as usize;
                        if key == "per_host" {
                            ext.per_host = n;
                        } else {
                            ext.workers = n;
                        }
                    }
                    _ => self.error(
                        &path,
                        message!(
                            "moet een heel getal van 1 tot en met 64 zijn",
                            "must be a whole number from 1 to 64"
                        ),
                    ),
                },
                _ => {
                    let known: Vec<&str> = EXTERNAL_SETTINGS
                        .iter()
                        .copied()
                        .chain(
                            Rule::ALL
                                .iter()
                                .filter_map(|r| r.key().strip_prefix("external.")),
                        )
                        .collect();
                    self.error(
                        &path,
                        message!(
                            "onbekende instelling `{key}` (bekend zijn: {})",
                            "unknown setting `{key}` (known: {})",
                            known.join(", ")
                        ),
                    );
                }
            }
        }
    }

    /// `readability: { level: warn, min_score: 60, min_words: 40, hardest: 3 }`.
    fn readability(&mut self, value: &Value, settings: &mut CheckSettings) {
        let Some(map) = self.mapping(value, &["check", "readability"]) else {
            return;
        };
        for (key, value) in map {
            let path = ["check", "readability", key.as_str()];
            let r = &mut settings.readability;
            match key.as_str() {
                "level" => {
                    if let Some(level) = self.level(value, &path) {
                        settings.levels.insert(Rule::Readability, level);
                    }
                }
                "min_score" => match value.as_f64() {
                    Some(n) if (0.0..=120.0).contains(&n) => r.min_score = n,
                    _ => self.error(
                        &path,
                        message!(
                            "moet een getal van 0 tot en met 120 zijn (Flesch–Douma; 60 is ongeveer B1)",
                            "must be a number from 0 to 120 (Flesch–Douma; 60 is about B1)"
                        ),
                    ),
                },
                "min_words" | "hardest" => match value.as_u64() {
                    Some(n) if n <= 100_000 => {
                        if key == "min_words" {
                            r.min_words = n as usize;
                        } else {
                            r.hardest = n as usize;
                        }
                    }
                    _ => self.error(
                        &path,
                        message!("moet een heel getal zijn", "must be a whole number"),
                    ),
                },
                _ => self.error(
                    &path,
                    message!(
                        "onbekende instelling `{key}` (bekend zijn: level, min_score, min_words, hardest)",
                        "unknown setting `{key}` (known: level, min_score, min_words, hardest)"
                    ),
                ),
            }
        }
    }

    fn strings(&mut self, value: &Value, path: &[&str]) -> Option<Vec<String>> {
        let items = match value {
            Value::Array(items) => items.as_slice(),
            Value::String(_) => std::slice::from_ref(value),
            _ => {
                self.error(path, list_of_texts());
                return None;
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                _ => {
                    self.error(path, list_of_texts());
                    return None;
                }
            }
        }
        Some(out)
    }

    fn duration(&mut self, value: &Value, path: &[&str]) -> Option<Duration> {
        let parsed = match value {
            Value::Number(n) => n
                .as_f64()
                .filter(|s| *s >= 0.0 && s.is_finite())
                .map(Duration::from_secs_f64),
            Value::String(s) => parse_duration(s.trim()),
            _ => None,
        };
        if parsed.is_none() {
            self.error(path, {
                let written = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                message!(
                    "`{written}` is geen tijdsduur: schrijf bijvoorbeeld 500ms, 10s, 5m, 24h of 7d",
                    "`{written}` is not a duration: write e.g. 500ms, 10s, 5m, 24h or 7d"
                )
            });
        }
        parsed
    }
}

/// `250ms`, `10s`, `5m`, `24h`, `7d`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let seconds = match unit.trim() {
        "" | "s" => number,
        "ms" => number / 1000.0,
        "m" | "min" => number * 60.0,
        "h" => number * 3600.0,
        "d" => number * 86400.0,
        _ => return None,
    };
    seconds
        .is_finite()
        .then(|| Duration::from_secs_f64(seconds))
}

fn list_of_texts() -> Message {
    message!("moet een lijst van teksten zijn", "must be a list of texts")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check:` read out of a whole config file's text, as `Config::parse` reads it.
    fn parse(text: &str) -> (CheckSettings, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let doc = crate::frontmatter::parse_mapping(text, 1).expect("a YAML mapping");
        let settings = super::parse(doc.values.get("check"), text, &mut diagnostics);
        (settings, diagnostics)
    }

    #[test]
    fn levels_and_external_settings_are_read() {
        let (settings, d) = parse(
            "check:\n  orphans: off\n  image_alt: error\n  external:\n    timeout: 2s\n    cache_max_age: 7d\n    host_delay: 50ms\n    skip_prefixes: [https://intra.example.nl/]\n    broken: warn\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(settings.level(Rule::Orphans), RuleLevel::Off);
        assert_eq!(settings.level(Rule::ImageAlt), RuleLevel::Error);
        assert_eq!(settings.level(Rule::MissingSummary), RuleLevel::Warn);
        assert_eq!(settings.level(Rule::ExternalBroken), RuleLevel::Warn);
        assert_eq!(settings.external.timeout, Duration::from_secs(2));
        assert_eq!(
            settings.external.cache_max_age,
            Duration::from_secs(7 * 86400)
        );
        assert_eq!(settings.external.host_delay, Duration::from_millis(50));
        assert_eq!(
            settings.external.skip_prefixes,
            ["https://intra.example.nl/"]
        );
    }

    #[test]
    fn mistakes_name_their_line() {
        let (settings, d) = parse(
            "title: X\ncheck:\n  orphan: off\n  missing_tags: sometimes\n  external:\n    timeout: soon\n    per_host: 0\n",
        );
        let mut found: Vec<(Option<usize>, &str)> =
            d.iter().map(|d| (d.line, d.message.nl())).collect();
        found.sort();
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].0, Some(3));
        assert!(
            found[0]
                .1
                .starts_with("check.orphan: onbekende controle `orphan`")
        );
        assert_eq!(found[1].0, Some(4));
        assert!(found[1].1.contains("onbekend niveau `sometimes`"));
        assert_eq!(found[2].0, Some(6));
        assert!(found[2].1.contains("`soon` is geen tijdsduur"));
        assert_eq!(found[3].0, Some(7));
        assert!(d.iter().all(|d| d.is_error()));
        // What could not be read keeps its default.
        assert_eq!(settings.level(Rule::MissingTags), RuleLevel::Warn);
        assert_eq!(settings.external.per_host, 2);
    }

    #[test]
    fn readability_takes_a_level_or_a_mapping() {
        let (settings, d) = parse("check:\n  readability: error\n  mixed_address: off\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(settings.level(Rule::Readability), RuleLevel::Error);
        assert_eq!(settings.level(Rule::MixedAddress), RuleLevel::Off);
        assert_eq!(settings.readability.min_score, 60.0);
        let (settings, d) =
            parse("check:\n  readability:\n    level: warn\n    min_score: 65\n    hardest: 5\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(settings.level(Rule::Readability), RuleLevel::Warn);
        assert_eq!(settings.readability.min_score, 65.0);
        assert_eq!(settings.readability.hardest, 5);
        let (_, d) = parse("check:\n  readability:\n    min_score: easy\n    colour: red\n");
        let mut lines: Vec<_> = d.iter().map(|d| d.line).collect();
        lines.sort();
        assert_eq!(lines, [Some(3), Some(4)], "{d:?}");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("24h"), Some(Duration::from_secs(86400)));
        assert_eq!(parse_duration("10"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("ten"), None);
        assert_eq!(parse_duration("10 years"), None);
    }
}
