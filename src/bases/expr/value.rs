//! The values a Bases expression works with, and how they compare, print and convert.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use jiff::civil::DateTime;

use crate::bases::rows::BaseNote;

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Date(Date),
    Duration(Duration),
    List(Vec<Value<'a>>),
    Object(BTreeMap<String, Value<'a>>),
    Link(Link),
    File(&'a BaseNote),
}

/// A date, or a date with a time (`has_time`), in the site's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub at: DateTime,
    pub has_time: bool,
}

/// A length of time: calendar months (which vary in length) and exact milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Duration {
    pub months: i64,
    pub millis: f64,
}

/// A link to a note, file or URL, as written (`Projecten`, `map/x.md`, `https://…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub display: Option<String>,
}

impl Link {
    /// `[[Target|Shown]]` or `[[Target#kop]]` → the link; other text is not a link.
    pub fn parse_wiki(text: &str) -> Option<Link> {
        let inner = text.trim().strip_prefix("[[")?.strip_suffix("]]")?;
        let (target, display) = match inner.split_once('|') {
            Some((t, d)) => (t, Some(d.trim().to_string())),
            None => (inner, None),
        };
        Some(Link {
            target: target.trim().to_string(),
            display,
        })
    }

    /// What the link shows: its display text, else its target without folders or `.md`.
    pub fn label(&self) -> String {
        if let Some(d) = &self.display {
            return d.clone();
        }
        if self.target.contains("://") {
            return self.target.clone();
        }
        let name = self.target.split('#').next().unwrap_or("");
        let name = name.rsplit('/').next().unwrap_or(name);
        name.strip_suffix(".md").unwrap_or(name).to_string()
    }
}

pub const DAY_MS: f64 = 86_400_000.0;
const MONTH_DAYS: f64 = 365.25 / 12.0;

impl Duration {
    /// Total length in milliseconds, counting a month as an average month.
    pub fn total_millis(&self) -> f64 {
        self.millis + self.months as f64 * MONTH_DAYS * DAY_MS
    }

    /// `"7d"`, `"1 day"`, `"-2h"`, `"1M 4h"`, `"3 weeks"`: the units of "Bases syntax".
    pub fn parse(text: &str) -> Option<Duration> {
        let mut rest = text.trim();
        if rest.is_empty() {
            return None;
        }
        let mut sign = 1.0;
        if let Some(r) = rest.strip_prefix('-') {
            sign = -1.0;
            rest = r.trim_start();
        } else if let Some(r) = rest.strip_prefix('+') {
            rest = r.trim_start();
        }
        let mut out = Duration::default();
        while !rest.is_empty() {
            let num_len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let amount: f64 = rest[..num_len].parse().ok()?;
            rest = rest[num_len..].trim_start();
            let unit_len = rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            let unit = &rest[..unit_len];
            rest = rest[unit_len..].trim_start_matches([' ', ',']);
            let ms = match unit {
                "y" | "year" | "years" => {
                    out.months += (amount * 12.0 * sign) as i64;
                    continue;
                }
                "M" | "month" | "months" => {
                    out.months += (amount * sign) as i64;
                    continue;
                }
                "w" | "week" | "weeks" => 7.0 * DAY_MS,
                "d" | "day" | "days" => DAY_MS,
                "h" | "hour" | "hours" => 3_600_000.0,
                "m" | "minute" | "minutes" => 60_000.0,
                "s" | "second" | "seconds" => 1000.0,
                "ms" | "millisecond" | "milliseconds" => 1.0,
                _ => return None,
            };
            out.millis += amount * ms * sign;
        }
        Some(out)
    }

    /// The duration fields: `.years`, `.days`, … as fractional numbers.
    pub fn field(&self, name: &str) -> Option<f64> {
        let ms = self.total_millis();
        Some(match name {
            "years" => ms / (365.25 * DAY_MS),
            "months" => ms / (MONTH_DAYS * DAY_MS),
            "weeks" => ms / (7.0 * DAY_MS),
            "days" => ms / DAY_MS,
            "hours" => ms / 3_600_000.0,
            "minutes" => ms / 60_000.0,
            "seconds" => ms / 1000.0,
            "milliseconds" => ms,
            _ => return None,
        })
    }
}

impl Date {
    /// `2025-01-01`, `2025-01-01 12:00`, `2025-01-01T12:00:00Z`: ISO dates as Obsidian writes
    /// them in properties.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if text.len() < 10 || !text.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        if text.len() == 10 {
            let d: jiff::civil::Date = text.parse().ok()?;
            return Some(Date {
                at: d.at(0, 0, 0, 0),
                has_time: false,
            });
        }
        let normal = text.replacen(' ', "T", 1);
        if let Ok(dt) = normal.parse::<DateTime>() {
            return Some(Date {
                at: dt,
                has_time: true,
            });
        }
        let ts: jiff::Timestamp = normal.parse().ok()?;
        Some(Date {
            at: ts.to_zoned(jiff::tz::TimeZone::UTC).datetime(),
            has_time: true,
        })
    }

    pub fn millis(&self) -> f64 {
        let ts = self
            .at
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp().as_millisecond())
            .unwrap_or(0);
        ts as f64
    }

    /// The date moved by a duration; `None` when it leaves jiff's range (years 9999 and on).
    pub fn add(&self, d: Duration, sign: i64) -> Option<Date> {
        let span = jiff::Span::new()
            .try_months(d.months * sign)
            .ok()?
            .try_milliseconds((d.millis * sign as f64) as i64)
            .ok()?;
        let at = self.at.checked_add(span).ok()?;
        let has_time = self.has_time || d.millis % DAY_MS != 0.0;
        Some(Date { at, has_time })
    }

    pub fn iso(&self) -> String {
        if self.has_time {
            self.at.strftime("%Y-%m-%d %H:%M").to_string()
        } else {
            self.at.date().to_string()
        }
    }
}

impl<'a> Value<'a> {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Date(_) => "date",
            Value::Duration(_) => "duration",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Link(_) => "link",
            Value::File(_) => "file",
        }
    }

    /// JavaScript truthiness, as Obsidian evaluates filters: empty text, 0, null are false.
    /// An empty list is false too, since a filter on a list property means "has values".
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0 && !n.is_nan(),
            Value::String(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            _ => true,
        }
    }

    /// `isEmpty()`: no value, empty text, list or object.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::List(l) => l.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        }
    }

    /// `toString()` and how a value joins into text.
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => format_number(*n),
            Value::String(s) => s.clone(),
            Value::Date(d) => d.iso(),
            Value::Duration(d) => format_number(d.total_millis()),
            Value::List(items) => items
                .iter()
                .map(Value::to_text)
                .collect::<Vec<_>>()
                .join(", "),
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.to_text()))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Link(l) => l.label(),
            Value::File(f) => f.basename.clone(),
        }
    }

    /// A front-matter value as Obsidian types it: `"[[X]]"` is a link, an ISO date is a date.
    pub fn from_json(json: &serde_json::Value) -> Value<'static> {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::String(s) => Value::from_text(s),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect())
            }
            serde_json::Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Text from a property: a wikilink or a date when it is written as one.
    pub fn from_text(s: &str) -> Value<'static> {
        if let Some(link) = Link::parse_wiki(s) {
            return Value::Link(link);
        }
        if let Some(date) = Date::parse(s) {
            return Value::Date(date);
        }
        Value::String(s.to_string())
    }

    /// A number for arithmetic and comparison: dates as epoch milliseconds, durations as
    /// milliseconds, booleans as 0/1, numeric text parsed.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Date(d) => Some(d.millis()),
            Value::Duration(d) => Some(d.total_millis()),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Numbers print like JavaScript: `3`, not `3.0`; `0.5`.
pub fn format_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        format!("{n}")
    }
}

/// The order of sorting and of `<`, `>`: numbers and dates by value, text by folded text
/// (natural for Dutch names), links by label; empty values sort last.
pub fn compare(a: &Value<'_>, b: &Value<'_>) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    match (a, b) {
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::String(_) | Value::Link(_) | Value::File(_), _)
        | (_, Value::String(_) | Value::Link(_) | Value::File(_)) => {
            match (a.as_number(), b.as_number()) {
                (Some(x), Some(y)) if !matches!(a, Value::Link(_) | Value::File(_)) => {
                    x.total_cmp(&y)
                }
                _ => crate::slug::sort_key(&a.to_text()).cmp(&crate::slug::sort_key(&b.to_text())),
            }
        }
        (Value::List(x), Value::List(y)) => {
            for (p, q) in x.iter().zip(y) {
                let o = compare(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => match (a.as_number(), b.as_number()) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => a.to_text().cmp(&b.to_text()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_table() {
        let cases = [
            ("7d", 0, 7.0 * DAY_MS),
            ("1 day", 0, DAY_MS),
            ("2h", 0, 7_200_000.0),
            ("-1w", 0, -7.0 * DAY_MS),
            ("1M", 1, 0.0),
            ("1y", 12, 0.0),
            ("3 months", 3, 0.0),
            ("1M 4h 3m", 1, 4.0 * 3_600_000.0 + 180_000.0),
            ("30s", 0, 30_000.0),
        ];
        for (text, months, millis) in cases {
            assert_eq!(
                Duration::parse(text),
                Some(Duration { months, millis }),
                "{text}"
            );
        }
        for bad in ["", "7", "3 parsecs", "d"] {
            assert_eq!(Duration::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn property_text_is_typed() {
        assert_eq!(
            Value::from_text("[[Projecten|Alle projecten]]"),
            Value::Link(Link {
                target: "Projecten".into(),
                display: Some("Alle projecten".into())
            })
        );
        assert!(matches!(Value::from_text("2024-05-01"), Value::Date(d) if !d.has_time));
        assert!(matches!(Value::from_text("2024-05-01T10:00:00"), Value::Date(d) if d.has_time));
        assert!(matches!(
            Value::from_text("2024-05-01T10:00:00Z"),
            Value::Date(_)
        ));
        assert_eq!(Value::from_text("2024"), Value::String("2024".into()));
    }

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(-2.0), "-2");
    }

    #[test]
    fn empty_values_sort_last_and_text_sorts_folded() {
        let mut v = [
            Value::Null,
            Value::String("b".into()),
            Value::String("Ä".into()),
            Value::Number(2.0),
        ];
        v.sort_by(compare);
        assert_eq!(v.last(), Some(&Value::Null));
        assert_eq!(
            compare(&Value::String("Ä".into()), &Value::String("b".into())),
            Ordering::Less
        );
        assert_eq!(
            compare(&Value::String("10".into()), &Value::String("9".into())),
            Ordering::Greater
        );
    }
}
