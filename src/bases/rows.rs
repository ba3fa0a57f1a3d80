//! Evaluates a base over the site's notes: filters, formulas, sort, groups, limit and
//! summaries, per view. Input and output are plain data, so the link stage can build the
//! notes from the `Site` and the render stage turn results into HTML.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::definition::{BaseDef, Compiled, Filter, SortKey, View, ViewKind};
use super::expr::eval::{Clock, Ctx, Env, LinkIndex, Row, property};
use super::expr::parser::Expr;
use super::expr::value::{Value, compare};
pub use super::note::BaseNote;
use super::sort::Sortable;
use super::summary;
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::message;

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Canonical id: `file.name`, `status`, `formula.ppu`.
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow<'a> {
    pub note: &'a BaseNote,
    /// One value per column; null where it is empty or could not be computed.
    pub cells: Vec<Value<'a>>,
    /// The cards' image value, if the view has an image property.
    pub image: Option<Value<'a>>,
    /// Past the view's `limit`: in the page, hidden until "toon alles".
    pub past_limit: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    /// The `groupBy` value; `None` for an ungrouped view's single group.
    pub key: Option<Value<'a>>,
    pub rows: Vec<ResultRow<'a>>,
    /// One per column: `(summary name, value)` where the view asks for one.
    pub summaries: Vec<Option<(String, Value<'a>)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ViewResult<'a> {
    pub name: String,
    pub kind: ViewKind,
    pub columns: Vec<Column>,
    pub groups: Vec<Group<'a>>,
    /// Rows that pass the filters, before `limit`.
    pub total: usize,
    pub limit: Option<usize>,
    /// The build date, when a result depends on `now()` or `today()`.
    pub computed_on: Option<jiff::civil::Date>,
}

impl ViewResult<'_> {
    pub fn rows(&self) -> impl Iterator<Item = &ResultRow<'_>> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }
}

pub struct Evaluation<'a> {
    pub views: Vec<ViewResult<'a>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Evaluates every view of a base. `this` is the embedding note, or the base file itself.
/// Expressions that fail are warnings (one per expression, with its line), never errors.
pub fn evaluate<'a>(
    def: &BaseDef,
    notes: &'a [BaseNote],
    this: Option<&'a BaseNote>,
    clock: Clock,
    language: Language,
) -> Evaluation<'a> {
    let links = Arc::new(LinkIndex::new(notes));
    evaluate_with(def, notes, links, this, clock, language)
}

/// `evaluate` with the notes' link index made once for every base of a site.
pub fn evaluate_with<'a>(
    def: &BaseDef,
    notes: &'a [BaseNote],
    links: Arc<LinkIndex>,
    this: Option<&'a BaseNote>,
    clock: Clock,
    language: Language,
) -> Evaluation<'a> {
    let env = env(def, notes, links, this, clock, language);
    evaluate_in(def, &env)
}

fn env<'a>(
    def: &BaseDef,
    notes: &'a [BaseNote],
    links: Arc<LinkIndex>,
    this: Option<&'a BaseNote>,
    clock: Clock,
    language: Language,
) -> Env<'a> {
    let formulas: BTreeMap<String, Result<Expr, String>> = def
        .formulas
        .iter()
        .map(|(k, c)| (k.clone(), c.expr.clone()))
        .collect();
    Env {
        notes,
        links,
        this,
        clock,
        language,
        formulas,
    }
}

/// Whether a change to `row` can change what the base shows or warns about: it passes the
/// base's global filter (or the filter cannot be computed for it). A row that fails the
/// global filter is never looked at again, unless the base reads other notes through links
/// (`BaseDef::looks_up_notes`), which the caller checks.
pub fn row_matters(
    def: &BaseDef,
    notes: &[BaseNote],
    links: Arc<LinkIndex>,
    row: &BaseNote,
    this: Option<&BaseNote>,
    clock: Clock,
    language: Language,
) -> bool {
    let Some(filter) = &def.filters else {
        return true;
    };
    let env = env(def, notes, links, this, clock, language);
    let row = Row::new(row);
    let ctx = Ctx {
        env: &env,
        row: Some(&row),
        locals: &[],
    };
    let mut warnings = Warnings::default();
    passes(filter, &ctx, &mut warnings) || !warnings.seen.is_empty()
}

fn evaluate_in<'a>(def: &BaseDef, env: &Env<'a>) -> Evaluation<'a> {
    let notes = env.notes;
    let mut warnings = Warnings::default();
    // Rows (with their formula results) and the global filter are shared by all views.
    let rows: Vec<Row<'_>> = notes.iter().map(Row::new).collect();
    let global: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let ctx = Ctx {
                env,
                row: Some(&rows[i]),
                locals: &[],
            };
            def.filters
                .as_ref()
                .is_none_or(|f| passes(f, &ctx, &mut warnings))
        })
        .collect();
    let views = def
        .views
        .iter()
        .map(|view| evaluate_view(def, view, env, &rows, &global, &mut warnings))
        .collect();
    Evaluation {
        views,
        diagnostics: warnings.into_diagnostics(def),
    }
}

/// Failures counted per expression, so 10,000 notes missing a property give one message.
#[derive(Default)]
struct Warnings {
    seen: BTreeMap<(Option<usize>, String, String), usize>,
}

impl Warnings {
    fn add(&mut self, line: Option<usize>, source: &str, message: String) {
        *self
            .seen
            .entry((line, source.to_string(), message))
            .or_default() += 1;
    }

    fn into_diagnostics(self, def: &BaseDef) -> Vec<Diagnostic> {
        self.seen
            .into_iter()
            .map(|((line, source, message), count)| {
                let notes = if count == 1 {
                    String::new()
                } else {
                    format!(" ({count}×)")
                };
                Diagnostic::warning(
                    &def.file,
                    line,
                    message!(
                        "base: `{source}` is niet te berekenen: {message}{notes}; het vak blijft leeg",
                        "base: `{source}` cannot be computed: {message}{notes}; left empty"
                    ),
                )
            })
            .collect()
    }
}

fn evaluate_view<'r, 'a>(
    def: &BaseDef,
    view: &View,
    env: &Env<'a>,
    rows: &'r [Row<'a>],
    global: &[usize],
    warnings: &mut Warnings,
) -> ViewResult<'a> {
    let columns: Vec<Column> = view
        .order
        .iter()
        .map(|id| Column {
            id: id.clone(),
            label: def
                .display_names
                .get(id)
                .cloned()
                .unwrap_or_else(|| default_label(id, env.language)),
        })
        .collect();

    let kept: Vec<&Row<'a>> = global
        .iter()
        .map(|&i| &rows[i])
        .filter(|row| {
            let ctx = Ctx {
                env,
                row: Some(row),
                locals: &[],
            };
            view.filters
                .as_ref()
                .is_none_or(|f| passes(f, &ctx, warnings))
        })
        .collect();

    let cell = |row: &Row<'a>, id: &str, warnings: &mut Warnings| -> Value<'a> {
        let ctx = Ctx {
            env,
            row: Some(row),
            locals: &[],
        };
        match column_value(&ctx, row.note, id) {
            Ok(v) => v,
            Err(message) => {
                let (line, source) = match id
                    .strip_prefix("formula.")
                    .and_then(|f| def.formulas.get(f))
                {
                    Some(c) => (c.line, c.source.as_str()),
                    None => (view.line, id),
                };
                warnings.add(line, source, message);
                Value::Null
            }
        }
    };

    // Sort keys computed once per row; empty values last in either direction; equal keys in
    // path order, whatever order the notes came in.
    let mut keyed: Vec<(Vec<Sortable>, &Row<'a>)> = kept
        .into_iter()
        .map(|row| {
            let keys = view
                .sort
                .iter()
                .map(|k| Sortable::of(&cell(row, &k.property, warnings)))
                .collect();
            (keys, row)
        })
        .collect();
    keyed.sort_by(|(a, ra), (b, rb)| {
        for ((x, y), key) in a.iter().zip(b).zip(&view.sort) {
            let o = x.cmp(y, key.descending);
            if o.is_ne() {
                return o;
            }
        }
        ra.note.path.cmp(&rb.note.path)
    });
    let total = keyed.len();

    let mut groups: Vec<(Option<Value<'a>>, Vec<&Row<'a>>)> = Vec::new();
    match &view.group_by {
        None => groups.push((None, keyed.into_iter().map(|(_, r)| r).collect())),
        Some(key) => {
            let mut by_text: BTreeMap<String, usize> = BTreeMap::new();
            for (_, row) in keyed {
                let value = cell(row, &key.property, warnings);
                let text = value.to_text();
                let at = *by_text.entry(text).or_insert_with(|| {
                    groups.push((Some(value), Vec::new()));
                    groups.len() - 1
                });
                groups[at].1.push(row);
            }
            groups.sort_by(|(a, _), (b, _)| {
                let (a, b) = (
                    a.as_ref().unwrap_or(&Value::Null),
                    b.as_ref().unwrap_or(&Value::Null),
                );
                match (a.is_empty(), b.is_empty()) {
                    (false, false) => ordered(compare(a, b), key),
                    _ => compare(a, b),
                }
            });
        }
    }

    let mut shown = 0usize;
    let groups = groups
        .into_iter()
        .map(|(key, rows)| {
            let rows: Vec<ResultRow<'a>> = rows
                .iter()
                .map(|&row| {
                    shown += 1;
                    ResultRow {
                        note: row.note,
                        cells: columns.iter().map(|c| cell(row, &c.id, warnings)).collect(),
                        image: view.image.as_ref().map(|id| cell(row, id, warnings)),
                        past_limit: view.limit.is_some_and(|l| shown > l),
                    }
                })
                .collect();
            let summaries = columns
                .iter()
                .enumerate()
                .map(|(i, column)| {
                    let (_, name) = view.summaries.iter().find(|(p, _)| *p == column.id)?;
                    let values: Vec<Value<'a>> = rows.iter().map(|r| r.cells[i].clone()).collect();
                    match summary::compute(name, values, def, env) {
                        Ok(v) => Some((name.clone(), v)),
                        Err(message) => {
                            let line = def.summaries.get(name).and_then(|c| c.line).or(view.line);
                            warnings.add(line, name, message);
                            Some((name.clone(), Value::Null))
                        }
                    }
                })
                .collect();
            Group {
                key,
                rows,
                summaries,
            }
        })
        .collect();

    ViewResult {
        name: view.name.clone(),
        kind: view.kind,
        columns,
        groups,
        total,
        limit: view.limit,
        computed_on: def.uses_clock.then(|| env.clock.now.date()),
    }
}

fn ordered(o: std::cmp::Ordering, key: &SortKey) -> std::cmp::Ordering {
    if key.descending { o.reverse() } else { o }
}

/// The value a column id stands for: `file.x`, `formula.x`, or a note property (which may
/// contain spaces, so it is never parsed as an expression).
fn column_value<'a>(ctx: &Ctx<'_, 'a>, note: &'a BaseNote, id: &str) -> Result<Value<'a>, String> {
    match id.split_once('.') {
        Some(("file", name)) => {
            crate::bases::expr::functions::field(Value::File(note), name, ctx.env)
        }
        Some(("formula", name)) => ctx.formula(name),
        Some(("note", name)) => Ok(property(note, name)),
        _ => Ok(property(note, id)),
    }
}

fn passes(filter: &Filter, ctx: &Ctx<'_, '_>, warnings: &mut Warnings) -> bool {
    match filter {
        Filter::And(fs) => fs.iter().all(|f| passes(f, ctx, warnings)),
        Filter::Or(fs) => fs.iter().any(|f| passes(f, ctx, warnings)),
        Filter::Not(fs) => !fs.iter().any(|f| passes(f, ctx, warnings)),
        Filter::Expr(Compiled {
            source, line, expr, ..
        }) => match expr {
            // Already reported when the base was read.
            Err(_) => false,
            Ok(expr) => match ctx.eval(expr) {
                Ok(v) => v.truthy(),
                Err(message) => {
                    warnings.add(*line, source, message);
                    false
                }
            },
        },
    }
}

/// Column headings for properties without a `displayName`.
fn default_label(id: &str, language: Language) -> String {
    let nl = language == Language::Nl;
    let label = match id {
        "file.name" | "file.basename" => {
            if nl {
                "Naam"
            } else {
                "Name"
            }
        }
        "file.path" => {
            if nl {
                "Pad"
            } else {
                "Path"
            }
        }
        "file.folder" => {
            if nl {
                "Map"
            } else {
                "Folder"
            }
        }
        "file.ext" => {
            if nl {
                "Extensie"
            } else {
                "Extension"
            }
        }
        "file.size" => {
            if nl {
                "Grootte"
            } else {
                "Size"
            }
        }
        "file.ctime" => {
            if nl {
                "Gemaakt"
            } else {
                "Created"
            }
        }
        "file.mtime" => {
            if nl {
                "Gewijzigd"
            } else {
                "Modified"
            }
        }
        "file.tags" => "Tags",
        "file.links" => "Links",
        "file.backlinks" => "Backlinks",
        _ => return id.strip_prefix("formula.").unwrap_or(id).to_string(),
    };
    label.to_string()
}

#[cfg(test)]
mod tests;
