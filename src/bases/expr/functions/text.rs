//! String methods: `contains`, `startsWith`, `lower`, `replace`, `split`, `title`, …

use super::{Eval, Value, number_arg, text_arg};

pub fn call<'a>(s: &str, name: &str, a: &[Value<'a>]) -> Option<Eval<'a>> {
    let texts = || -> Result<Vec<String>, String> { Ok(a.iter().map(Value::to_text).collect()) };
    let result = match name {
        "contains" => text_arg(a, 0, name).map(|q| Value::Bool(s.contains(q))),
        "containsAll" => texts().map(|qs| Value::Bool(qs.iter().all(|q| s.contains(q.as_str())))),
        "containsAny" => texts().map(|qs| Value::Bool(qs.iter().any(|q| s.contains(q.as_str())))),
        "startsWith" => text_arg(a, 0, name).map(|q| Value::Bool(s.starts_with(q))),
        "endsWith" => text_arg(a, 0, name).map(|q| Value::Bool(s.ends_with(q))),
        "lower" => Ok(Value::String(s.to_lowercase())),
        "upper" => Ok(Value::String(s.to_uppercase())),
        "trim" => Ok(Value::String(s.trim().to_string())),
        "reverse" => Ok(Value::String(s.chars().rev().collect())),
        "title" => Ok(Value::String(title_case(s))),
        "repeat" => number_arg(a, 0, name)
            .map(|n| Value::String(s.repeat(n.unwrap_or(0.0).clamp(0.0, 1000.0) as usize))),
        "replace" => text_arg(a, 0, name).and_then(|pattern| {
            let with = text_arg(a, 1, name)?;
            Ok(Value::String(s.replace(pattern, with)))
        }),
        "slice" => slice_bounds(s.chars().count(), a, name).map(|(from, to)| {
            Value::String(s.chars().skip(from).take(to.saturating_sub(from)).collect())
        }),
        "split" => text_arg(a, 0, name).and_then(|sep| {
            let n = number_arg(a, 1, name)?.map_or(usize::MAX, |n| n.max(0.0) as usize);
            let parts: Vec<Value<'a>> = if sep.is_empty() {
                s.chars()
                    .map(|c| Value::String(c.to_string()))
                    .take(n)
                    .collect()
            } else {
                s.split(sep)
                    .map(|p| Value::String(p.to_string()))
                    .take(n)
                    .collect()
            };
            Ok(Value::List(parts))
        }),
        _ => return None,
    };
    Some(result)
}

/// `slice(start, end?)` bounds as JavaScript takes them: negative counts from the end.
pub fn slice_bounds(len: usize, a: &[Value<'_>], name: &str) -> Result<(usize, usize), String> {
    let clamp = |n: f64| -> usize {
        if n < 0.0 {
            (len as f64 + n).max(0.0) as usize
        } else {
            (n as usize).min(len)
        }
    };
    let from = number_arg(a, 0, name)?.map_or(0, clamp);
    let to = number_arg(a, 1, name)?.map_or(len, clamp);
    Ok((from, to))
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c.is_whitespace();
    }
    out
}
