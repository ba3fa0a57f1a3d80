//! The functions of "Functions" in Obsidian's help, split by the type they work on.
//! Each returns an error text for a value it cannot work with; the caller turns that into a
//! warning and an empty cell.

mod date;
mod file;
mod global;
mod list;
mod number;
mod text;

use super::eval::{Ctx, Env, Eval};
use super::parser::Expr;
use super::value::Value;

pub use global::UNSUPPORTED;

/// `value.name` (no call): date and duration fields, `length`, file fields, object keys.
pub fn field<'a>(value: Value<'a>, name: &str, env: &Env<'a>) -> Eval<'a> {
    match value {
        Value::Null => Ok(Value::Null),
        Value::File(f) => file::field(f, name, env),
        Value::Link(l) => match file::link_file(&l, env) {
            Some(f) => file::field(f, name, env),
            None => Ok(Value::Null),
        },
        Value::Date(d) => date::field(&d, name),
        Value::Duration(d) => d
            .field(name)
            .map(Value::Number)
            .ok_or_else(|| format!("a duration has no field `{name}`")),
        Value::String(s) if name == "length" => Ok(Value::Number(s.chars().count() as f64)),
        Value::List(l) if name == "length" => Ok(Value::Number(l.len() as f64)),
        Value::Object(mut map) => Ok(map.remove(name).unwrap_or(Value::Null)),
        other => Err(format!("{} has no field `{name}`", other.type_name())),
    }
}

pub fn call_global<'a>(ctx: &Ctx<'_, 'a>, name: &str, args: &[Expr]) -> Eval<'a> {
    global::call(ctx, name, args)
}

/// `receiver.name(args)`: the methods of the receiver's type, then those of any type.
pub fn call_method<'a>(
    ctx: &Ctx<'_, 'a>,
    receiver: Value<'a>,
    name: &str,
    args: &[Expr],
) -> Eval<'a> {
    // A list property written with one value (`categorieen: "[[Projecten]]"`) is still a
    // list to the list functions, as Obsidian types the property.
    let receiver = match receiver {
        Value::Link(l) if matches!(name, "contains" | "containsAll" | "containsAny") => {
            Value::List(vec![Value::Link(l)])
        }
        other => other,
    };
    // `filter`, `map` and `reduce` evaluate their argument per element, so take it unevaluated.
    if let Value::List(items) = &receiver
        && let Some(result) = list::call_lazy(ctx, items, name, args)
    {
        return result;
    }
    let a: Vec<Value<'a>> = args.iter().map(|e| ctx.eval(e)).collect::<Result<_, _>>()?;
    let typed = match &receiver {
        Value::String(s) => text::call(s, name, &a),
        Value::Number(n) => number::call(*n, name, &a),
        Value::Date(d) => date::call(d, name, &a, ctx.env),
        Value::List(items) => list::call(items, name, &a, ctx.env),
        Value::File(f) => file::call_file(f, name, &a, ctx.env),
        Value::Link(l) => file::call_link(l, name, &a, ctx.env),
        Value::Object(map) => match name {
            "keys" => Some(Ok(Value::List(
                map.keys().cloned().map(Value::String).collect(),
            ))),
            "values" => Some(Ok(Value::List(map.values().cloned().collect()))),
            _ => None,
        },
        _ => None,
    };
    if let Some(result) = typed {
        return result;
    }
    match name {
        "isEmpty" => Ok(Value::Bool(receiver.is_empty())),
        "isTruthy" => Ok(Value::Bool(receiver.truthy())),
        "toString" => Ok(Value::String(receiver.to_text())),
        "isType" => {
            let want = text_arg(&a, 0, "isType")?;
            Ok(Value::Bool(receiver.type_name() == want.to_lowercase()))
        }
        // A method on a missing property gives nothing, as in Obsidian: `status.lower()`.
        _ if matches!(receiver, Value::Null) => Ok(Value::Null),
        _ => Err(format!(
            "{} has no function `{name}()`",
            receiver.type_name()
        )),
    }
}

fn text_arg<'v>(a: &'v [Value<'_>], i: usize, function: &str) -> Result<&'v str, String> {
    match a.get(i) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!(
            "`{function}()` needs text, not {}",
            other.type_name()
        )),
        None => Err(format!("`{function}()` needs text here")),
    }
}

fn number_arg(a: &[Value<'_>], i: usize, function: &str) -> Result<Option<f64>, String> {
    match a.get(i) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_number()
            .map(Some)
            .ok_or_else(|| format!("`{function}()` needs a number, not {}", v.type_name())),
    }
}

#[cfg(test)]
mod tests;
