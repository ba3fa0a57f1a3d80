//! Summaries of a column: the built-ins of "Bases syntax" and custom summary formulas over
//! `values`.

use super::definition::BaseDef;
use super::expr::eval::{Ctx, Env, Eval, loose_eq};
use super::expr::value::{Duration, Value};

/// The built-in summary names, as the README lists them.
pub const BUILT_IN: [&str; 16] = [
    "Count",
    "Sum",
    "Average",
    "Min",
    "Max",
    "Range",
    "Median",
    "Stddev",
    "Earliest",
    "Latest",
    "Checked",
    "Unchecked",
    "Empty",
    "Filled",
    "Unique",
    "Mean",
];

pub fn compute<'a>(name: &str, values: Vec<Value<'a>>, def: &BaseDef, env: &Env<'a>) -> Eval<'a> {
    if let Some(custom) = def.summaries.get(name) {
        let expr = custom.expr.as_ref().map_err(Clone::clone)?;
        let ctx = Ctx {
            env,
            row: None,
            locals: &[],
        };
        return ctx.with_locals(&[("values", Value::List(values))], expr);
    }
    let numbers: Vec<f64> = values
        .iter()
        .filter(|v| !matches!(v, Value::Date(_)))
        .filter_map(Value::as_number)
        .collect();
    let mut dates: Vec<_> = values
        .iter()
        .filter_map(|v| match v {
            Value::Date(d) => Some(*d),
            _ => None,
        })
        .collect();
    dates.sort();
    let count = |f: &dyn Fn(&Value<'a>) -> bool| {
        Value::Number(values.iter().filter(|v| f(v)).count() as f64)
    };
    let number = |n: Option<f64>| n.map_or(Value::Null, Value::Number);
    let sum: f64 = numbers.iter().sum();
    let mean = (!numbers.is_empty()).then(|| sum / numbers.len() as f64);
    let min = numbers.iter().copied().reduce(f64::min);
    let max = numbers.iter().copied().reduce(f64::max);
    Ok(match name.to_lowercase().as_str() {
        "count" => Value::Number(values.len() as f64),
        "sum" => Value::Number(sum),
        "average" | "mean" => number(mean),
        "min" => number(min),
        "max" => number(max),
        "range" if !dates.is_empty() && numbers.is_empty() => Value::Duration(Duration {
            months: 0,
            millis: dates[dates.len() - 1].millis() - dates[0].millis(),
        }),
        "range" => number(min.zip(max).map(|(a, b)| b - a)),
        "median" => {
            let mut sorted = numbers.clone();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            number(match n {
                0 => None,
                _ if n % 2 == 1 => Some(sorted[n / 2]),
                _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
            })
        }
        "stddev" => number(mean.map(|m| {
            let var = numbers.iter().map(|x| (x - m).powi(2)).sum::<f64>() / numbers.len() as f64;
            var.sqrt()
        })),
        "earliest" => dates.first().map_or(Value::Null, |d| Value::Date(*d)),
        "latest" => dates.last().map_or(Value::Null, |d| Value::Date(*d)),
        "checked" => count(&|v| matches!(v, Value::Bool(true))),
        "unchecked" => count(&|v| matches!(v, Value::Bool(false))),
        "empty" => count(&|v| v.is_empty()),
        "filled" => count(&|v| !v.is_empty()),
        "unique" => {
            let mut seen: Vec<&Value<'a>> = Vec::new();
            for v in values.iter().filter(|v| !v.is_empty()) {
                if !seen.iter().any(|s| loose_eq(s, v, env)) {
                    seen.push(v);
                }
            }
            Value::Number(seen.len() as f64)
        }
        _ => return Err(format!("there is no summary `{name}`")),
    })
}
