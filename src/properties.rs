//! Stage 2, parse: the properties of a note that kennisbank does not interpret itself, kept as
//! Obsidian keeps them: typed (text, list, number, checkbox, date), shown in a small table,
//! given to templates and `data.json`. Wikilinks in their values (`organisatie: "[[Movisie]]"`)
//! become links like those of the body: each gets a `LinkRef` and a placeholder in the value's
//! HTML, so the link stage resolves them and they count as backlinks.

use serde::Serialize;
use serde_json::Value;

use crate::markdown::{LinkRef, LinkTarget, PLACEHOLDER};

/// The type Obsidian's property editor would give a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PropertyType {
    Text,
    List,
    Number,
    Checkbox,
    Date,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Property {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: PropertyType,
    /// The value as written (JSON-typed), for templates and `data.json`.
    pub value: Value,
    /// The value as HTML, with `kb:link:N` placeholders for its wikilinks.
    #[serde(skip)]
    pub html: String,
    #[serde(skip)]
    pub line: usize,
}

/// Types a property value and turns its wikilinks into links appended to `links`.
pub fn property(key: &str, value: &Value, line: usize, links: &mut Vec<LinkRef>) -> Property {
    let kind = match value {
        Value::Bool(_) => PropertyType::Checkbox,
        Value::Number(_) => PropertyType::Number,
        Value::Array(_) => PropertyType::List,
        Value::String(s) if looks_like_date(s) => PropertyType::Date,
        _ => PropertyType::Text,
    };
    let html = match value {
        Value::Array(items) => items
            .iter()
            .map(|item| scalar_html(item, line, links))
            .collect::<Vec<_>>()
            .join(", "),
        other => scalar_html(other, line, links),
    };
    Property {
        key: key.to_string(),
        kind,
        value: value.clone(),
        html,
        line,
    }
}

fn scalar_html(value: &Value, line: usize, links: &mut Vec<LinkRef>) -> String {
    match value {
        Value::String(s) => text_html(s, line, links),
        Value::Bool(true) => "✓".into(),
        Value::Bool(false) => "✗".into(),
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        other => escape(&other.to_string()),
    }
}

/// Text with `[[target|label]]` wikilinks as placeholder links.
fn text_html(text: &str, line: usize, links: &mut Vec<LinkRef>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start + 2..].find("]]") else {
            break;
        };
        let inner = &rest[start + 2..start + 2 + len];
        out.push_str(&escape(&rest[..start]));
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t.trim(), l.trim()),
            None => (inner.trim(), inner.trim()),
        };
        let (name, fragment) = match target.split_once('#') {
            Some((n, f)) => (n.trim(), Some(f.trim().to_string())),
            None => (target, None),
        };
        let index = links.len();
        links.push(LinkRef {
            target: LinkTarget::Wiki {
                name: name.to_string(),
                fragment,
            },
            line,
            written: format!("[[{inner}]]"),
            label: label.to_string(),
            is_image: false,
            order: usize::MAX,
            list: None,
        });
        out.push_str(&format!(
            "<a href=\"{PLACEHOLDER}{index}\">{}</a>",
            escape(label)
        ));
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(&escape(rest));
    out
}

/// `[[Movisie]]` or `[[Movisie|label]]` as the shown name, for facet values and titles.
pub fn strip_wikilink(text: &str) -> String {
    match text
        .trim()
        .strip_prefix("[[")
        .and_then(|t| t.strip_suffix("]]"))
    {
        Some(inner) => inner.rsplit('|').next().unwrap_or(inner).trim().to_string(),
        None => text.trim().to_string(),
    }
}

/// `2024-05-01`, `2024-05-01T10:30`, `2024-05-01 10:30:00`: the forms Obsidian writes.
pub fn looks_like_date(text: &str) -> bool {
    let day = text.get(..10).unwrap_or("");
    let rest = text.get(10..).unwrap_or("");
    day.parse::<jiff::civil::Date>().is_ok()
        && (rest.is_empty()
            || ((rest.starts_with('T') || rest.starts_with(' '))
                && rest[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || ":.+-Z".contains(c))))
}

/// The known key a mistyped one most likely meant: one edit away (`tittle` → `title`).
pub fn near_miss<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let key = key.to_lowercase();
    known
        .into_iter()
        .find(|k| *k != key && strsim::damerau_levenshtein(&key, k) == 1)
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `permalink: /over/ons` → `over/ons/`.
pub fn permalink_path(permalink: &str) -> String {
    let parts: Vec<String> = permalink
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(crate::slug::slugify)
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_typed_as_obsidian_types_them() {
        let mut links = Vec::new();
        let p = |v: Value, links: &mut Vec<LinkRef>| property("k", &v, 3, links).kind;
        assert_eq!(p(Value::Bool(true), &mut links), PropertyType::Checkbox);
        assert_eq!(p(serde_json::json!(3), &mut links), PropertyType::Number);
        assert_eq!(p(serde_json::json!(["a"]), &mut links), PropertyType::List);
        assert_eq!(p("2024-05-01".into(), &mut links), PropertyType::Date);
        assert_eq!(p("2024-05-01T10:30".into(), &mut links), PropertyType::Date);
        assert_eq!(p("mei 2024".into(), &mut links), PropertyType::Text);
    }

    #[test]
    fn wikilinks_in_values_become_links() {
        let mut links = Vec::new();
        let value = serde_json::json!(["[[Movisie]]", "[[Verwey-Jonker|VJI]] & co"]);
        let p = property("organisatie", &value, 4, &mut links);
        assert_eq!(links.len(), 2);
        assert_eq!(links[1].label, "VJI");
        assert_eq!(links[1].line, 4);
        assert_eq!(
            p.html,
            "<a href=\"kb:link:0\">Movisie</a>, <a href=\"kb:link:1\">VJI</a> &amp; co"
        );
    }

    #[test]
    fn near_misses_are_one_edit_away() {
        let known = ["title", "summary", "tags", "aliases"];
        assert_eq!(near_miss("tittle", known), Some("title"));
        assert_eq!(near_miss("sumary", known), Some("summary"));
        assert_eq!(near_miss("tag", known), Some("tags"));
        assert_eq!(near_miss("aliasses", known), Some("aliases"));
        assert_eq!(near_miss("organisatie", known), None);
    }
}
