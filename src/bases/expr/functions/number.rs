//! Number methods: `abs`, `ceil`, `floor`, `round`, `toFixed`.

use super::{Eval, Value, number_arg};

pub fn call<'a>(n: f64, name: &str, a: &[Value<'a>]) -> Option<Eval<'a>> {
    let result = match name {
        "abs" => Ok(Value::Number(n.abs())),
        "ceil" => Ok(Value::Number(n.ceil())),
        "floor" => Ok(Value::Number(n.floor())),
        "round" => number_arg(a, 0, name).map(|digits| {
            let factor = 10f64.powi(digits.unwrap_or(0.0) as i32);
            // JavaScript's Math.round: halves go up (2.5 → 3, -2.5 → -2).
            Value::Number((n * factor + 0.5).floor() / factor)
        }),
        "toFixed" => number_arg(a, 0, name).map(|digits| {
            let digits = digits.unwrap_or(0.0).clamp(0.0, 20.0) as usize;
            Value::String(format!("{n:.digits$}"))
        }),
        _ => return None,
    };
    Some(result)
}
