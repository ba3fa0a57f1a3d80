//! Date fields (`year` … `millisecond`) and methods: `date`, `format` (Moment.js tokens),
//! `time`, `relative`.

use super::{Env, Eval, Value, text_arg};
use crate::bases::expr::value::{DAY_MS, Date};
use crate::config::Language;
use crate::i18n::{MONTHS_EN, MONTHS_NL};

const DAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn field<'a>(d: &Date, name: &str) -> Eval<'a> {
    let at = d.at;
    let n = match name {
        "year" => at.year() as f64,
        "month" => at.month() as f64,
        "day" => at.day() as f64,
        "hour" => at.hour() as f64,
        "minute" => at.minute() as f64,
        "second" => at.second() as f64,
        "millisecond" => at.millisecond() as f64,
        _ => return Err(format!("a date has no field `{name}`")),
    };
    Ok(Value::Number(n))
}

pub fn call<'a>(d: &Date, name: &str, a: &[Value<'a>], env: &Env<'a>) -> Option<Eval<'a>> {
    let result = match name {
        "date" => Ok(Value::Date(Date {
            at: d.at.date().at(0, 0, 0, 0),
            has_time: false,
        })),
        "time" => Ok(Value::String(d.at.strftime("%H:%M:%S").to_string())),
        "format" => text_arg(a, 0, name).map(|f| Value::String(format(d, f, env.language))),
        "relative" => Ok(Value::String(relative(d, &env.clock.now(), env.language))),
        _ => return None,
    };
    Some(result)
}

/// Formats with the Moment.js tokens vaults use; text in `[brackets]` is kept as written.
pub fn format(d: &Date, pattern: &str, language: Language) -> String {
    let (months, days) = match language {
        Language::En => (MONTHS_EN, DAYS_EN),
        Language::Nl => (MONTHS_NL, DAYS_NL),
    };
    let at = d.at;
    let month = months[at.month() as usize - 1];
    let weekday = days[at.weekday().to_monday_zero_offset() as usize];
    let hour12 = match at.hour() % 12 {
        0 => 12,
        h => h,
    };
    const TOKENS: [&str; 22] = [
        "YYYY", "YY", "MMMM", "MMM", "MM", "M", "DD", "D", "dddd", "ddd", "HH", "H", "hh", "h",
        "mm", "m", "ss", "s", "SSS", "A", "a", "Do",
    ];
    let mut out = String::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            out.push_str(&after[..end]);
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let Some(token) = TOKENS.iter().find(|t| rest.starts_with(**t)) else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let text = match *token {
            "YYYY" => format!("{:04}", at.year()),
            "YY" => format!("{:02}", at.year() % 100),
            "MMMM" => month.to_string(),
            "MMM" => month.chars().take(3).collect(),
            "MM" => format!("{:02}", at.month()),
            "M" => at.month().to_string(),
            "DD" => format!("{:02}", at.day()),
            "D" => at.day().to_string(),
            "Do" => match language {
                Language::Nl => format!("{}e", at.day()),
                Language::En => format!("{}{}", at.day(), ordinal(at.day())),
            },
            "dddd" => weekday.to_string(),
            "ddd" => weekday
                .chars()
                .take(if language == Language::Nl { 2 } else { 3 })
                .collect(),
            "HH" => format!("{:02}", at.hour()),
            "H" => at.hour().to_string(),
            "hh" => format!("{hour12:02}"),
            "h" => hour12.to_string(),
            "mm" => format!("{:02}", at.minute()),
            "m" => at.minute().to_string(),
            "ss" => format!("{:02}", at.second()),
            "s" => at.second().to_string(),
            "SSS" => format!("{:03}", at.millisecond()),
            "A" => if at.hour() < 12 { "AM" } else { "PM" }.to_string(),
            _ => if at.hour() < 12 { "am" } else { "pm" }.to_string(),
        };
        out.push_str(&text);
        rest = &rest[token.len()..];
    }
    out
}

fn ordinal(day: i8) -> &'static str {
    match (day % 10, day / 10) {
        (_, 1) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// `3 dagen geleden`, `over 2 maanden`, relative to the build's clock.
pub fn relative(d: &Date, now: &Date, language: Language) -> String {
    let diff = now.millis() - d.millis();
    let days = (diff.abs() / DAY_MS).round() as i64;
    let (n, unit_nl, units_nl, unit_en) = match days {
        0 => {
            return match language {
                Language::Nl => "vandaag".into(),
                Language::En => "today".into(),
            };
        }
        1..=44 => (days, "dag", "dagen", "day"),
        45..=319 => (
            (days as f64 / 30.44).round() as i64,
            "maand",
            "maanden",
            "month",
        ),
        _ => (
            (days as f64 / 365.25).round().max(1.0) as i64,
            "jaar",
            "jaar",
            "year",
        ),
    };
    match language {
        Language::Nl => {
            let unit = if n == 1 { unit_nl } else { units_nl };
            if diff >= 0.0 {
                format!("{n} {unit} geleden")
            } else {
                format!("over {n} {unit}")
            }
        }
        Language::En => {
            let unit = if n == 1 {
                unit_en.to_string()
            } else {
                format!("{unit_en}s")
            };
            if diff >= 0.0 {
                format!("{n} {unit} ago")
            } else {
                format!("in {n} {unit}")
            }
        }
    }
}
