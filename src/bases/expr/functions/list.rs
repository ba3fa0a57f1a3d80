//! List methods: `contains` (links compare by target), `filter`/`map`/`reduce` with `value`,
//! `index`, `acc`; `unique`, `sort`, `join`, `flat`, `slice`, `reverse`; `mean` and `sum` for
//! summary formulas.

use super::text::slice_bounds;
use super::{Ctx, Env, Eval, Expr, Value, text_arg};
use crate::bases::expr::eval::loose_eq;
use crate::bases::expr::value::compare;

/// The methods whose argument is an expression per element.
pub fn call_lazy<'a>(
    ctx: &Ctx<'_, 'a>,
    items: &[Value<'a>],
    name: &str,
    args: &[Expr],
) -> Option<Eval<'a>> {
    if !matches!(name, "filter" | "map" | "reduce") {
        return None;
    }
    let Some(body) = args.first() else {
        return Some(Err(format!("`{name}()` needs an expression")));
    };
    let run = || -> Eval<'a> {
        match name {
            "filter" | "map" => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let locals = [("value", item.clone()), ("index", Value::Number(i as f64))];
                    let result = ctx.with_locals(&locals, body)?;
                    if name == "map" {
                        out.push(result);
                    } else if result.truthy() {
                        out.push(item.clone());
                    }
                }
                Ok(Value::List(out))
            }
            _ => {
                let mut acc = match args.get(1) {
                    Some(init) => ctx.eval(init)?,
                    None => Value::Null,
                };
                for (i, item) in items.iter().enumerate() {
                    let locals = [
                        ("value", item.clone()),
                        ("index", Value::Number(i as f64)),
                        ("acc", acc),
                    ];
                    acc = ctx.with_locals(&locals, body)?;
                }
                Ok(acc)
            }
        }
    };
    Some(run())
}

pub fn call<'a>(
    items: &[Value<'a>],
    name: &str,
    a: &[Value<'a>],
    env: &Env<'a>,
) -> Option<Eval<'a>> {
    let has = |needle: &Value<'a>| items.iter().any(|item| loose_eq(item, needle, env));
    let result = match name {
        "contains" => match a.first() {
            Some(needle) => Ok(Value::Bool(has(needle))),
            None => Err("`contains()` needs a value to look for".into()),
        },
        "containsAll" => Ok(Value::Bool(a.iter().all(has))),
        "containsAny" => Ok(Value::Bool(a.iter().any(has))),
        "join" => {
            let sep = if a.is_empty() {
                Ok(",")
            } else {
                text_arg(a, 0, name)
            };
            sep.map(|sep| {
                Value::String(
                    items
                        .iter()
                        .map(Value::to_text)
                        .collect::<Vec<_>>()
                        .join(sep),
                )
            })
        }
        "flat" => Ok(Value::List(
            items
                .iter()
                .flat_map(|v| match v {
                    Value::List(inner) => inner.clone(),
                    other => vec![other.clone()],
                })
                .collect(),
        )),
        "reverse" => Ok(Value::List(items.iter().rev().cloned().collect())),
        "slice" => slice_bounds(items.len(), a, name)
            .map(|(from, to)| Value::List(items[from..to.max(from)].to_vec())),
        "sort" => {
            let mut sorted = items.to_vec();
            sorted.sort_by(compare);
            Ok(Value::List(sorted))
        }
        "unique" => {
            let mut out: Vec<Value<'a>> = Vec::new();
            for item in items {
                if !out.iter().any(|o| loose_eq(o, item, env)) {
                    out.push(item.clone());
                }
            }
            Ok(Value::List(out))
        }
        "mean" | "average" | "sum" => {
            let numbers: Vec<f64> = items.iter().filter_map(Value::as_number).collect();
            let sum: f64 = numbers.iter().sum();
            Ok(if name == "sum" {
                Value::Number(sum)
            } else if numbers.is_empty() {
                Value::Null
            } else {
                Value::Number(sum / numbers.len() as f64)
            })
        }
        _ => return None,
    };
    Some(result)
}
