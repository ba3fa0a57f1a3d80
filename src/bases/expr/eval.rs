//! Evaluates a parsed expression for one row (a note) of a base.
//!
//! Names resolve as "Bases syntax" says: `note.x` and bare `x` are note properties, `file.*`
//! the file's fields, `formula.y` another formula (computed once per row, cycles refused),
//! `this` the embedding note or the base itself.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use super::functions;
use super::parser::{BinOp, Expr};
use super::value::{Date, Duration, Link, Value};
use crate::bases::rows::BaseNote;
use crate::config::Language;

pub type Eval<'a> = Result<Value<'a>, String>;

/// The build's clock: `now()` and `today()` read this, never the system clock, so a build
/// is reproducible and a result can say when it was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: jiff::civil::DateTime,
}

impl Clock {
    pub fn now(&self) -> Date {
        Date {
            at: self.now,
            has_time: true,
        }
    }

    pub fn today(&self) -> Date {
        Date {
            at: self.now.date().at(0, 0, 0, 0),
            has_time: false,
        }
    }
}

/// Finds the note a link points to, the way wikilinks resolve: by path, by path without
/// `.md`, or by file name, case-insensitively.
#[derive(Debug, Default)]
pub struct LinkIndex {
    by_key: HashMap<String, usize>,
}

impl LinkIndex {
    pub fn new(notes: &[BaseNote]) -> Self {
        let mut by_key = HashMap::with_capacity(notes.len() * 3);
        for (i, note) in notes.iter().enumerate() {
            let path = if note.path.is_ascii() {
                note.path.to_ascii_lowercase()
            } else {
                note.path.to_lowercase()
            };
            let stem = path
                .strip_suffix(note.ext.as_str())
                .and_then(|p| p.strip_suffix('.'))
                .unwrap_or(&path);
            by_key.entry(stem.to_string()).or_insert(i);
            let basename = stem.rsplit('/').next().unwrap_or(stem);
            if basename != stem {
                by_key.entry(basename.to_string()).or_insert(i);
            }
            by_key.entry(path).or_insert(i);
        }
        LinkIndex { by_key }
    }

    pub fn resolve(&self, target: &str) -> Option<usize> {
        let key = normal_target(target);
        self.by_key.get(&key).copied()
    }
}

/// A link target compared by what it names: no fragment, no leading `/`, no `.md`, lower case.
pub fn normal_target(target: &str) -> String {
    target_name(target).to_lowercase()
}

fn target_name(target: &str) -> &str {
    let t = target
        .trim()
        .trim_start_matches("[[")
        .trim_end_matches("]]");
    let t = t.split('|').next().unwrap_or(t);
    let t = t
        .split('#')
        .next()
        .unwrap_or(t)
        .trim()
        .trim_start_matches('/');
    t.strip_suffix(".md").unwrap_or(t)
}

fn last_segment(target: &str) -> &str {
    let name = target_name(target);
    name.rsplit('/').next().unwrap_or(name)
}

/// Whether two targets are written alike, without allocating for ASCII names: the common
/// case of `categorieen.contains(link("Projecten"))` over thousands of notes.
fn same_target(a: &str, b: &str) -> bool {
    let (a, b) = (target_name(a), target_name(b));
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Everything an evaluation can see besides the row: all notes, `this`, the formulas.
pub struct Env<'a> {
    pub notes: &'a [BaseNote],
    /// Shared: a site builds it once for all its bases.
    pub links: std::sync::Arc<LinkIndex>,
    pub this: Option<&'a BaseNote>,
    pub clock: Clock,
    pub language: Language,
    pub formulas: BTreeMap<String, Result<Expr, String>>,
}

/// One note being evaluated, with its formula results so far.
pub struct Row<'a> {
    pub note: &'a BaseNote,
    formulas: RefCell<BTreeMap<String, Eval<'a>>>,
    computing: RefCell<Vec<String>>,
}

impl<'a> Row<'a> {
    pub fn new(note: &'a BaseNote) -> Self {
        Row {
            note,
            formulas: RefCell::default(),
            computing: RefCell::default(),
        }
    }
}

/// What an expression is evaluated against: the environment, a row (none for summaries)
/// and the variables in scope (`value`, `index`, `acc` in `filter`/`map`/`reduce`, `values`
/// in a summary).
#[derive(Clone, Copy)]
pub struct Ctx<'e, 'a> {
    pub env: &'e Env<'a>,
    pub row: Option<&'e Row<'a>>,
    pub locals: &'e [(&'e str, Value<'a>)],
}

impl<'e, 'a> Ctx<'e, 'a> {
    pub fn eval(&self, expr: &Expr) -> Eval<'a> {
        match expr {
            Expr::Null => Ok(Value::Null),
            Expr::Bool(b) => Ok(Value::Bool(*b)),
            Expr::Number(n) => Ok(Value::Number(*n)),
            Expr::Str(s) => Ok(Value::String(s.clone())),
            Expr::List(items) => Ok(Value::List(
                items
                    .iter()
                    .map(|e| self.eval(e))
                    .collect::<Result<_, _>>()?,
            )),
            Expr::Object(fields) => Ok(Value::Object(
                fields
                    .iter()
                    .map(|(k, e)| Ok((k.clone(), self.eval(e)?)))
                    .collect::<Result<_, String>>()?,
            )),
            Expr::Ident(name) => self.ident(name),
            Expr::Member(target, name) => self.member(target, name),
            Expr::Index(target, index) => {
                let target = self.eval(target)?;
                let index = self.eval(index)?;
                Ok(index_value(target, &index, self.env))
            }
            Expr::Call(callee, args) => match &**callee {
                Expr::Ident(name) => functions::call_global(self, name, args),
                Expr::Member(target, name) => {
                    let receiver = self.eval(target)?;
                    functions::call_method(self, receiver, name, args)
                }
                _ => Err("only functions and methods can be called".into()),
            },
            Expr::Not(e) => Ok(Value::Bool(!self.eval(e)?.truthy())),
            Expr::Neg(e) => match self.eval(e)? {
                Value::Number(n) => Ok(Value::Number(-n)),
                Value::Null => Ok(Value::Null),
                v => Err(format!("cannot make {} negative", v.type_name())),
            },
            Expr::Binary(BinOp::And, a, b) => {
                let a = self.eval(a)?;
                if !a.truthy() {
                    return Ok(a);
                }
                self.eval(b)
            }
            Expr::Binary(BinOp::Or, a, b) => {
                let a = self.eval(a)?;
                if a.truthy() {
                    return Ok(a);
                }
                self.eval(b)
            }
            Expr::Binary(op, a, b) => {
                let a = self.eval(a)?;
                let b = self.eval(b)?;
                binary(*op, a, b, self.env)
            }
        }
    }

    /// Evaluates with extra variables in scope (for `filter`, `map`, `reduce`).
    pub fn with_locals(&self, locals: &[(&str, Value<'a>)], expr: &Expr) -> Eval<'a> {
        let ctx = Ctx {
            env: self.env,
            row: self.row,
            locals,
        };
        ctx.eval(expr)
    }

    fn note(&self) -> Result<&'a BaseNote, String> {
        self.row
            .map(|r| r.note)
            .ok_or_else(|| "no note here: only `values` can be used in a summary".into())
    }

    fn ident(&self, name: &str) -> Eval<'a> {
        if let Some((_, v)) = self.locals.iter().rev().find(|(n, _)| *n == name) {
            return Ok(v.clone());
        }
        match name {
            "file" => Ok(Value::File(self.note()?)),
            "this" => Ok(self.env.this.map_or(Value::Null, Value::File)),
            "note" => Ok(Value::Object(self.note()?.properties.clone())),
            "formula" => Err("`formula` needs a name: `formula.name`".into()),
            _ => Ok(property(self.note()?, name)),
        }
    }

    fn member(&self, target: &Expr, name: &str) -> Eval<'a> {
        if let Expr::Ident(ns) = target
            && !self.locals.iter().any(|(n, _)| n == ns)
        {
            match ns.as_str() {
                "note" => return Ok(property(self.note()?, name)),
                "formula" => return self.formula(name),
                _ => {}
            }
        }
        let value = self.eval(target)?;
        functions::field(value, name, self.env)
    }

    /// `formula.name` for this row, computed once.
    pub fn formula(&self, name: &str) -> Eval<'a> {
        let row = self.row.ok_or("formulas cannot be used in a summary")?;
        if let Some(done) = row.formulas.borrow().get(name) {
            return done.clone();
        }
        let Some(parsed) = self.env.formulas.get(name) else {
            return Err(format!("there is no formula `{name}`"));
        };
        if row.computing.borrow().iter().any(|n| n == name) {
            return Err(format!("formula `{name}` uses itself"));
        }
        row.computing.borrow_mut().push(name.to_string());
        let result = match parsed {
            Ok(expr) => Ctx {
                env: self.env,
                row: self.row,
                locals: &[],
            }
            .eval(expr),
            Err(e) => Err(format!("formula `{name}` cannot be read: {e}")),
        };
        row.computing.borrow_mut().pop();
        row.formulas
            .borrow_mut()
            .insert(name.to_string(), result.clone());
        result
    }
}

/// A note property by name; a missing one is null (most notes lack most properties).
pub fn property<'a>(note: &'a BaseNote, name: &str) -> Value<'a> {
    note.properties.get(name).cloned().unwrap_or(Value::Null)
}

fn index_value<'a>(target: Value<'a>, index: &Value<'a>, env: &Env<'a>) -> Value<'a> {
    match (target, index) {
        (Value::List(items), Value::Number(n)) => {
            let i = if *n < 0.0 { items.len() as f64 + n } else { *n };
            if i < 0.0 {
                return Value::Null;
            }
            items.into_iter().nth(i as usize).unwrap_or(Value::Null)
        }
        (Value::Object(mut map), Value::String(key)) => map.remove(key).unwrap_or(Value::Null),
        (Value::String(s), Value::Number(n)) if *n >= 0.0 => s
            .chars()
            .nth(*n as usize)
            .map_or(Value::Null, |c| Value::String(c.to_string())),
        (Value::File(f), Value::String(key)) => {
            functions::field(Value::File(f), key, env).unwrap_or(Value::Null)
        }
        _ => Value::Null,
    }
}

/// `==` as Bases does it: links equal when they name the same note, a link equals the file it
/// resolves to, and otherwise values of one type compare by value.
pub fn loose_eq<'a>(a: &Value<'a>, b: &Value<'a>, env: &Env<'a>) -> bool {
    match (a, b) {
        (Value::Link(x), Value::Link(y)) => {
            if same_target(&x.target, &y.target) {
                return true;
            }
            // Two targets can only name one note when they end in the same file name
            // (`Projecten`, `map/Projecten.md`); most differ there, without a lookup.
            if !same_target(last_segment(&x.target), last_segment(&y.target)) {
                return false;
            }
            match (env.links.resolve(&x.target), env.links.resolve(&y.target)) {
                (Some(p), Some(q)) => p == q,
                _ => normal_target(&x.target) == normal_target(&y.target),
            }
        }
        (Value::Link(l), Value::File(f)) | (Value::File(f), Value::Link(l)) => {
            match env.links.resolve(&l.target) {
                Some(i) => env.notes[i].path == f.path,
                None => normal_target(&l.target) == normal_target(&f.path),
            }
        }
        (Value::File(x), Value::File(y)) => x.path == y.path,
        (Value::Link(l), Value::String(s)) | (Value::String(s), Value::Link(l)) => {
            normal_target(&l.target) == normal_target(s) || l.label() == *s
        }
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Date(x), Value::Date(y)) => x.millis() == y.millis(),
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| loose_eq(p, q, env))
        }
        (Value::Null, Value::Null) => true,
        _ => a == b,
    }
}

fn binary<'a>(op: BinOp, a: Value<'a>, b: Value<'a>, env: &Env<'a>) -> Eval<'a> {
    use BinOp::*;
    match op {
        Eq => return Ok(Value::Bool(loose_eq(&a, &b, env))),
        Ne => return Ok(Value::Bool(!loose_eq(&a, &b, env))),
        Lt | Le | Gt | Ge => {
            // A missing value is never greater or smaller: `price > 2` is false without price.
            if matches!(a, Value::Null) || matches!(b, Value::Null) {
                return Ok(Value::Bool(false));
            }
            let a2 = coerce_date(a.clone(), &b);
            let b = coerce_date(b, &a);
            let a = a2;
            let ord = super::value::compare(&a, &b);
            return Ok(Value::Bool(match op {
                Lt => ord.is_lt(),
                Le => ord.is_le(),
                Gt => ord.is_gt(),
                _ => ord.is_ge(),
            }));
        }
        _ => {}
    }
    match (op, a, b) {
        (_, Value::Null, _) | (_, _, Value::Null) => Ok(Value::Null),
        (Add, Value::Date(d), rhs) | (Add, rhs, Value::Date(d)) => shift(d, &rhs, 1),
        (Sub, Value::Date(d), Value::Date(e)) => Ok(Value::Duration(Duration {
            months: 0,
            millis: d.millis() - e.millis(),
        })),
        (Sub, Value::Date(d), rhs) => shift(d, &rhs, -1),
        (Add, Value::Duration(x), Value::Duration(y)) => Ok(Value::Duration(Duration {
            months: x.months + y.months,
            millis: x.millis + y.millis,
        })),
        (Mul, Value::Duration(x), Value::Number(n)) => Ok(Value::Duration(Duration {
            months: (x.months as f64 * n) as i64,
            millis: x.millis * n,
        })),
        (Add, Value::String(x), y) => Ok(Value::String(x + &y.to_text())),
        (Add, x, Value::String(y))
            if !matches!(x, Value::Number(_)) || y.parse::<f64>().is_err() =>
        {
            Ok(Value::String(x.to_text() + &y))
        }
        (op, x, y) => {
            let (Some(p), Some(q)) = (x.as_number(), y.as_number()) else {
                return Err(format!(
                    "cannot compute {} {} {}",
                    x.type_name(),
                    symbol(op),
                    y.type_name()
                ));
            };
            Ok(Value::Number(match op {
                Add => p + q,
                Sub => p - q,
                Mul => p * q,
                Div => p / q,
                _ => p % q,
            }))
        }
    }
}

/// In `file.mtime > "2024-01-01"`, the text is a date.
fn coerce_date<'a>(v: Value<'a>, other: &Value<'a>) -> Value<'a> {
    match (&v, other) {
        (Value::String(s), Value::Date(_)) => Date::parse(s).map_or(v, Value::Date),
        _ => v,
    }
}

fn shift<'a>(date: Date, by: &Value<'a>, sign: i64) -> Eval<'a> {
    let duration = match by {
        Value::Duration(d) => *d,
        Value::String(s) => {
            Duration::parse(s).ok_or_else(|| format!("\"{s}\" is not a duration such as \"7d\""))?
        }
        Value::Number(ms) => Duration {
            months: 0,
            millis: *ms,
        },
        other => return Err(format!("cannot add {} to a date", other.type_name())),
    };
    date.add(duration, sign)
        .map(Value::Date)
        .ok_or_else(|| "the date falls outside the calendar".into())
}

fn symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        _ => "%",
    }
}

/// A link to a note as a value: `link("Projecten")`.
pub fn link_to(target: &str, display: Option<String>) -> Value<'static> {
    Value::Link(Link {
        target: target.to_string(),
        display,
    })
}
