//! A base's YAML (a `.base` file or a ```` ```base ```` block) → `BaseDef`, as "Bases syntax"
//! documents it: `filters`, `formulas`, `properties`, `summaries`, `views`.
//!
//! Expressions are parsed here, once; one that cannot be read is a warning with its line, and
//! the base still renders (the filter matches nothing, the cell stays empty).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::expr::parser::{Expr, looks_up_notes, parse as parse_expr, uses_clock};
use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use crate::message;
use crate::message::Message;

#[derive(Debug, Clone)]
pub struct BaseDef {
    /// The file the base is written in, for messages.
    pub file: PathBuf,
    pub filters: Option<Filter>,
    /// By name; `formula.name` in expressions.
    pub formulas: BTreeMap<String, Compiled>,
    /// Display names by property id (`status`, `file.ext`, `formula.ppu`).
    pub display_names: BTreeMap<String, String>,
    /// Custom summary formulas by name, over `values`.
    pub summaries: BTreeMap<String, Compiled>,
    pub views: Vec<View>,
    /// Whether any expression reads `now()` or `today()`: the page then says the build date.
    pub uses_clock: bool,
    /// Whether an expression may read notes besides its row and `this` (see
    /// `parser::looks_up_notes`): `serve` then renders it again after any note changes.
    pub looks_up_notes: bool,
}

/// An expression as written, where it stands, and its parse.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub source: String,
    pub line: Option<usize>,
    pub expr: Result<Expr, String>,
}

#[derive(Debug, Clone)]
pub enum Filter {
    Expr(Compiled),
    And(Vec<Filter>),
    Or(Vec<Filter>),
    /// True when none of the filters is.
    Not(Vec<Filter>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Table,
    Cards,
    List,
}

#[derive(Debug, Clone)]
pub struct View {
    pub kind: ViewKind,
    pub name: String,
    pub filters: Option<Filter>,
    /// Property ids of the columns, canonical (`note.` dropped): `file.name`, `status`.
    pub order: Vec<String>,
    pub sort: Vec<SortKey>,
    pub group_by: Option<SortKey>,
    pub limit: Option<usize>,
    /// `(property id, summary name)`: a built-in (`Average`) or a name in `summaries`.
    pub summaries: Vec<(String, String)>,
    /// The cards' image property.
    pub image: Option<String>,
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub property: String,
    pub descending: bool,
}

/// `note.status` and `status` are one property; `file.*` and `formula.*` keep their prefix.
pub fn canonical_property(id: &str) -> String {
    let id = id.trim();
    id.strip_prefix("note.").unwrap_or(id).to_string()
}

/// Parses a base. `first_line` is the file line the YAML starts on (1 for a `.base` file,
/// the line after the fence for a code block). `None` when the YAML itself is broken; the
/// diagnostics say why and where.
pub fn parse(yaml: &str, first_line: usize, file: &Path) -> (Option<BaseDef>, Vec<Diagnostic>) {
    let mut reader = Reader {
        yaml,
        first_line,
        file,
        diagnostics: Vec::new(),
    };
    let root = match frontmatter::parse_value(yaml, first_line) {
        Ok(Json::Object(map)) => map,
        Ok(Json::Null) => serde_json::Map::new(),
        Ok(_) => {
            reader.error(
                Some(first_line),
                message!(
                    "een base bestaat uit regels als `filters:` en `views:`",
                    "a base must be a mapping with `filters:`, `views:`, …"
                ),
            );
            return (None, reader.diagnostics);
        }
        Err(e) => {
            reader.error(e.line, e.message);
            return (None, reader.diagnostics);
        }
    };
    let key_line = |key: &str| frontmatter::nested_key_line(yaml, first_line, &[key]);

    let filters = root
        .get("filters")
        .and_then(|f| reader.filter(f, key_line("filters").unwrap_or(first_line)));

    let mut formulas = BTreeMap::new();
    if let Some(map) = object(&root, "formulas", &mut reader) {
        for (name, source) in map {
            let line = frontmatter::nested_key_line(yaml, first_line, &["formulas", name]);
            formulas.insert(name.clone(), reader.compile(source, line));
        }
    }

    let mut display_names = BTreeMap::new();
    if let Some(map) = object(&root, "properties", &mut reader) {
        for (id, config) in map {
            if let Some(name) = config.get("displayName").and_then(Json::as_str) {
                display_names.insert(canonical_property(id), name.to_string());
            }
        }
    }

    let mut summaries = BTreeMap::new();
    if let Some(map) = object(&root, "summaries", &mut reader) {
        for (name, source) in map {
            let line = frontmatter::nested_key_line(yaml, first_line, &["summaries", name]);
            summaries.insert(name.clone(), reader.compile(source, line));
        }
    }

    let mut views = Vec::new();
    let view_lines = frontmatter::sequence_item_lines(yaml, first_line, "views");
    match root.get("views") {
        None | Some(Json::Null) => {}
        Some(Json::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let line = view_lines.get(i).copied().or(key_line("views"));
                if let Some(view) = reader.view(item, i, line) {
                    views.push(view);
                }
            }
        }
        Some(_) => reader.error(
            key_line("views"),
            message!(
                "`views` moet een lijst van weergaven zijn (`- type: table`)",
                "`views` must be a list of views (`- type: table`)"
            ),
        ),
    }
    if views.is_empty() {
        // A base without views shows its rows as a table of names, as Obsidian does.
        views.push(View {
            kind: ViewKind::Table,
            name: "Tabel".into(),
            filters: None,
            order: vec!["file.name".into()],
            sort: Vec::new(),
            group_by: None,
            limit: None,
            summaries: Vec::new(),
            image: None,
            line: None,
        });
    }

    let mut exprs: Vec<&Compiled> = formulas.values().chain(summaries.values()).collect();
    collect_filter_exprs(filters.as_ref(), &mut exprs);
    for view in &views {
        collect_filter_exprs(view.filters.as_ref(), &mut exprs);
    }
    let clock = exprs.iter().any(|c| c.expr.as_ref().is_ok_and(uses_clock));
    let looks_up = exprs
        .iter()
        .any(|c| c.expr.as_ref().is_ok_and(looks_up_notes));
    let def = BaseDef {
        file: file.to_path_buf(),
        filters,
        formulas,
        display_names,
        summaries,
        views,
        uses_clock: clock,
        looks_up_notes: looks_up,
    };
    (Some(def), reader.diagnostics)
}

fn collect_filter_exprs<'f>(filter: Option<&'f Filter>, out: &mut Vec<&'f Compiled>) {
    match filter {
        Some(Filter::Expr(c)) => out.push(c),
        Some(Filter::And(fs) | Filter::Or(fs) | Filter::Not(fs)) => {
            fs.iter().for_each(|f| collect_filter_exprs(Some(f), out));
        }
        None => {}
    }
}

fn object<'j>(
    root: &'j serde_json::Map<String, Json>,
    key: &str,
    reader: &mut Reader<'_>,
) -> Option<&'j serde_json::Map<String, Json>> {
    match root.get(key)? {
        Json::Object(map) => Some(map),
        Json::Null => None,
        _ => {
            let line = frontmatter::nested_key_line(reader.yaml, reader.first_line, &[key]);
            reader.error(
                line,
                message!(
                    "`{key}` moet bestaan uit regels `naam: …`",
                    "`{key}` must be a mapping of `name: …` lines"
                ),
            );
            None
        }
    }
}

struct Reader<'y> {
    yaml: &'y str,
    first_line: usize,
    file: &'y Path,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, line: Option<usize>, message: Message) {
        self.diagnostics.push(Diagnostic::error(
            self.file,
            line,
            message.within("base: {}", "base: {}"),
        ));
    }

    fn warning(&mut self, line: Option<usize>, message: Message) {
        self.diagnostics.push(Diagnostic::warning(
            self.file,
            line,
            message.within("base: {}", "base: {}"),
        ));
    }

    /// The first line at or after `from` that contains `text`: where an expression stands.
    fn line_of_text(&self, text: &str, from: usize) -> Option<usize> {
        let needle = text.lines().next().unwrap_or(text).trim();
        self.yaml
            .lines()
            .enumerate()
            .map(|(i, l)| (self.first_line + i, l))
            .find(|(n, l)| *n >= from && l.contains(needle))
            .map(|(n, _)| n)
    }

    fn compile(&mut self, source: &Json, line: Option<usize>) -> Compiled {
        let text = match source {
            Json::String(s) => s.clone(),
            Json::Number(n) => n.to_string(),
            Json::Bool(b) => b.to_string(),
            _ => {
                self.warning(
                    line,
                    message!("een formule moet tekst zijn", "an expression must be text"),
                );
                return Compiled {
                    source: String::new(),
                    line,
                    expr: Err("not text".into()),
                };
            }
        };
        let expr = parse_expr(&text);
        if let Err(e) = &expr {
            self.warning(
                line,
                message!("kan `{text}` niet lezen: {e}", "cannot read `{text}`: {e}"),
            );
        }
        Compiled {
            source: text,
            line,
            expr,
        }
    }

    fn filter(&mut self, value: &Json, section_line: usize) -> Option<Filter> {
        match value {
            Json::Null => None,
            Json::String(s) => {
                let line = self.line_of_text(s, section_line).or(Some(section_line));
                Some(Filter::Expr(self.compile(value, line)))
            }
            Json::Object(map) if map.len() == 1 => {
                let (key, items) = map.iter().next()?;
                let line = self
                    .line_of_text(&format!("{key}:"), section_line)
                    .unwrap_or(section_line);
                let children: Vec<Filter> = match items {
                    Json::Array(items) => {
                        items.iter().filter_map(|i| self.filter(i, line)).collect()
                    }
                    Json::Null => Vec::new(),
                    single => self.filter(single, line).into_iter().collect(),
                };
                match key.as_str() {
                    "and" => Some(Filter::And(children)),
                    "or" => Some(Filter::Or(children)),
                    "not" => Some(Filter::Not(children)),
                    other => {
                        self.error(
                            Some(line),
                            message!(
                                "een groep filters is `and`, `or` of `not`, niet `{other}`",
                                "a filter group is `and`, `or` or `not`, not `{other}`"
                            ),
                        );
                        None
                    }
                }
            }
            _ => {
                self.error(
                    Some(section_line),
                    message!(
                        "een filter is een formule, of `and:`, `or:` of `not:` met een lijst",
                        "a filter is an expression, or one of `and:`, `or:`, `not:` with a list"
                    ),
                );
                None
            }
        }
    }

    fn view(&mut self, item: &Json, index: usize, line: Option<usize>) -> Option<View> {
        let Json::Object(map) = item else {
            self.error(
                line,
                message!(
                    "een weergave bestaat uit regels, zoals `- type: table`",
                    "a view is a mapping such as `- type: table`"
                ),
            );
            return None;
        };
        let kind_name = map.get("type").and_then(Json::as_str).unwrap_or("table");
        let kind = match kind_name {
            "table" => ViewKind::Table,
            "cards" => ViewKind::Cards,
            "list" => ViewKind::List,
            "map" => ViewKind::List,
            other => {
                self.warning(
                    line,
                    message!(
                        "de weergave `{other}` wordt getoond als lijst",
                        "view type `{other}` is shown as a list"
                    ),
                );
                ViewKind::List
            }
        };
        let name = map
            .get("name")
            .map(|n| match n {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            })
            .unwrap_or_else(|| format!("Weergave {}", index + 1));
        let from = line.unwrap_or(self.first_line);
        let filters = map.get("filters").and_then(|f| {
            let at = self.line_of_text("filters:", from).unwrap_or(from);
            self.filter(f, at)
        });
        let strings = |v: Option<&Json>| -> Vec<String> {
            match v {
                Some(Json::Array(items)) => items
                    .iter()
                    .filter_map(Json::as_str)
                    .map(canonical_property)
                    .collect(),
                Some(Json::String(s)) => vec![canonical_property(s)],
                _ => Vec::new(),
            }
        };
        let mut order = strings(map.get("order"));
        if order.is_empty() {
            order.push("file.name".into());
        }
        let sort = match map.get("sort") {
            Some(Json::Array(items)) => items.iter().filter_map(sort_key).collect(),
            Some(single @ Json::Object(_)) => sort_key(single).into_iter().collect(),
            _ => Vec::new(),
        };
        let group_by = map.get("groupBy").and_then(|g| match g {
            Json::String(s) => Some(SortKey {
                property: canonical_property(s),
                descending: false,
            }),
            other => sort_key(other),
        });
        let limit = match map.get("limit") {
            None | Some(Json::Null) => None,
            Some(v) => match v.as_u64() {
                Some(n) => Some(n as usize),
                None => {
                    self.warning(
                        line,
                        message!(
                            "`limit` moet een heel getal zijn; het telt niet mee",
                            "`limit` must be a whole number; it is ignored"
                        ),
                    );
                    None
                }
            },
        };
        let summaries = match map.get("summaries") {
            Some(Json::Object(s)) => s
                .iter()
                .filter_map(|(p, n)| Some((canonical_property(p), n.as_str()?.to_string())))
                .collect(),
            _ => Vec::new(),
        };
        let image = map
            .get("image")
            .and_then(Json::as_str)
            .map(canonical_property);
        Some(View {
            kind,
            name,
            filters,
            order,
            sort,
            group_by,
            limit,
            summaries,
            image,
            line,
        })
    }
}

fn sort_key(value: &Json) -> Option<SortKey> {
    let property = value.get("property")?.as_str()?;
    let descending = value
        .get("direction")
        .and_then(Json::as_str)
        .is_some_and(|d| d.eq_ignore_ascii_case("desc"));
    Some(SortKey {
        property: canonical_property(property),
        descending,
    })
}

#[cfg(test)]
mod tests;
