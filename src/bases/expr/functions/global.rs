//! Global functions: `if`, `now`, `today`, `date`, `duration`, `list`, `link`, `file`, …

use super::{Ctx, Eval, Expr, Value, number_arg, text_arg};
use crate::bases::expr::eval::link_to;
use crate::bases::expr::value::{Date, Duration, Link};

/// Documented functions a static page cannot compute, named in messages and the README.
pub const UNSUPPORTED: [&str; 5] = ["random", "icon", "html", "image", "matches"];

pub fn call<'a>(ctx: &Ctx<'_, 'a>, name: &str, args: &[Expr]) -> Eval<'a> {
    if name == "if" {
        let [cond, then, rest @ ..] = args else {
            return Err("`if()` needs a condition and a result".into());
        };
        return if ctx.eval(cond)?.truthy() {
            ctx.eval(then)
        } else {
            rest.first().map_or(Ok(Value::Null), |e| ctx.eval(e))
        };
    }
    let a: Vec<Value<'a>> = args.iter().map(|e| ctx.eval(e)).collect::<Result<_, _>>()?;
    match name {
        "now" => Ok(Value::Date(ctx.env.clock.now())),
        "today" => Ok(Value::Date(ctx.env.clock.today())),
        "date" => match a.first() {
            Some(Value::Date(d)) => Ok(Value::Date(*d)),
            Some(Value::String(s)) => Date::parse(s)
                .map(Value::Date)
                .ok_or_else(|| format!("\"{s}\" is not a date such as \"2025-01-31\"")),
            _ => Err("`date()` needs text such as \"2025-01-31\"".into()),
        },
        "duration" => match a.first() {
            Some(Value::Duration(d)) => Ok(Value::Duration(*d)),
            Some(Value::String(s)) => Duration::parse(s)
                .map(Value::Duration)
                .ok_or_else(|| format!("\"{s}\" is not a duration such as \"7d\"")),
            _ => Err("`duration()` needs text such as \"7d\"".into()),
        },
        "list" => Ok(match a.into_iter().next() {
            Some(Value::List(items)) => Value::List(items),
            Some(Value::Null) | None => Value::List(Vec::new()),
            Some(v) => Value::List(vec![v]),
        }),
        "link" => {
            let display = a.get(1).map(Value::to_text);
            match a.first() {
                Some(Value::File(f)) => Ok(link_to(&f.path, display)),
                Some(Value::Link(l)) => Ok(Value::Link(Link {
                    target: l.target.clone(),
                    display: display.or_else(|| l.display.clone()),
                })),
                Some(v @ Value::String(_)) => {
                    let text = v.to_text();
                    Ok(match Link::parse_wiki(&text) {
                        Some(mut l) => {
                            l.display = display.or(l.display);
                            Value::Link(l)
                        }
                        None => link_to(&text, display),
                    })
                }
                Some(v) => Ok(link_to(&v.to_text(), display)),
                None => Err("`link()` needs a note name or a URL".into()),
            }
        }
        "file" => {
            let target = match a.first() {
                Some(Value::File(f)) => return Ok(Value::File(f)),
                Some(Value::Link(l)) => l.target.clone(),
                Some(Value::String(s)) => s.clone(),
                _ => return Err("`file()` needs a path or a link".into()),
            };
            let env = ctx.env;
            Ok(env
                .links
                .resolve(&target)
                .map_or(Value::Null, |i| Value::File(&env.notes[i])))
        }
        "number" => match a.first() {
            Some(v) => v
                .as_number()
                .map(Value::Number)
                .ok_or_else(|| format!("{} is not a number", v.type_name())),
            None => Err("`number()` needs a value".into()),
        },
        "min" | "max" => {
            let mut best: Option<f64> = None;
            for i in 0..a.len() {
                if let Some(n) = number_arg(&a, i, name)? {
                    best = Some(match best {
                        Some(b) if name == "min" => b.min(n),
                        Some(b) => b.max(n),
                        None => n,
                    });
                }
            }
            Ok(best.map_or(Value::Null, Value::Number))
        }
        "escapeHTML" => {
            let s = text_arg(&a, 0, name)?;
            Ok(Value::String(
                s.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
                    .replace('\'', "&#39;"),
            ))
        }
        _ if UNSUPPORTED.contains(&name) => {
            Err(format!("`{name}()` is not supported on a published site"))
        }
        _ => Err(format!("there is no function `{name}()`")),
    }
}
