//! A note's dates (`date`/`created`, `updated`/`modified`) as Obsidian writes them: a day
//! (`2024-03-05`) or a day and time (`2024-03-05T14:30`, `2024-03-05 14:30:00`, with or
//! without seconds, fractions, `Z` or `+01:00`). Readers see the day; the time orders notes
//! of one day (recent notes, the feed) and is kept where machines read it (the feed's
//! `updated`, `data.json`, structured data).

use std::fmt;

use jiff::civil::{Date, Time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteDate {
    pub day: Date,
    /// The time of day, when written.
    pub time: Option<Time>,
    /// The zone's offset from UTC in seconds, when written (`Z` is 0).
    pub offset: Option<i32>,
}

impl From<Date> for NoteDate {
    fn from(day: Date) -> Self {
        NoteDate {
            day,
            time: None,
            offset: None,
        }
    }
}

impl NoteDate {
    /// Reads a date property; `None` when it does not start with a day `YYYY-MM-DD`. A time
    /// that cannot be read is left out (the day still counts, as before times were kept).
    pub fn parse(text: &str) -> Option<NoteDate> {
        let text = text.trim();
        let day: Date = text.get(..10)?.parse().ok()?;
        let rest = &text[10..];
        let Some(clock) = rest.strip_prefix(['T', ' ']) else {
            return Some(day.into());
        };
        let (clock, offset) = split_zone(clock.trim());
        let time = clock.parse::<Time>().ok();
        Some(NoteDate {
            day,
            time,
            offset: time.and(offset),
        })
    }

    /// RFC 3339, as Atom and sitemaps want it: a day alone is its midnight, and a time
    /// without a zone is taken as UTC.
    pub fn rfc3339(&self) -> String {
        let time = self.time.unwrap_or(Time::midnight());
        format!(
            "{}T{}{}",
            self.day,
            time.strftime("%H:%M:%S"),
            zone(self.offset.unwrap_or(0))
        )
    }
}

/// ISO 8601 as written: `2024-03-05`, `2024-03-05T14:30:00`, `2024-03-05T14:30:00+01:00`.
impl fmt::Display for NoteDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.day)?;
        if let Some(time) = self.time {
            write!(f, "T{}", time.strftime("%H:%M:%S"))?;
            if let Some(offset) = self.offset {
                write!(f, "{}", zone(offset))?;
            }
        }
        Ok(())
    }
}

/// `14:30+01:00` → (`14:30`, 3600); `14:30Z` → (`14:30`, 0).
fn split_zone(clock: &str) -> (&str, Option<i32>) {
    if let Some(clock) = clock.strip_suffix(['Z', 'z']) {
        return (clock, Some(0));
    }
    let Some(at) = clock.rfind(['+', '-']) else {
        return (clock, None);
    };
    let (clock, zone) = clock.split_at(at);
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok(), Some(0)),
        4 => (
            digits[..2].parse::<i32>().ok(),
            digits[2..].parse::<i32>().ok(),
        ),
        _ => (None, None),
    };
    match (hours, minutes) {
        (Some(h), Some(m)) if h < 24 && m < 60 => (clock, Some(sign * (h * 3600 + m * 60))),
        _ => (clock, None),
    }
}

fn zone(offset: i32) -> String {
    if offset == 0 {
        return "Z".into();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::NoteDate;

    #[test]
    fn the_forms_obsidian_writes() {
        let cases = [
            ("2024-03-05", "2024-03-05", "2024-03-05T00:00:00Z"),
            (
                "2024-03-05T14:30",
                "2024-03-05T14:30:00",
                "2024-03-05T14:30:00Z",
            ),
            (
                "2024-03-05 14:30:00",
                "2024-03-05T14:30:00",
                "2024-03-05T14:30:00Z",
            ),
            (
                "2024-03-05T14:30:15.250Z",
                "2024-03-05T14:30:15Z",
                "2024-03-05T14:30:15Z",
            ),
            (
                "2024-03-05T14:30+01:00",
                "2024-03-05T14:30:00+01:00",
                "2024-03-05T14:30:00+01:00",
            ),
            (
                "2024-03-05T14:30:00-0530",
                "2024-03-05T14:30:00-05:30",
                "2024-03-05T14:30:00-05:30",
            ),
            ("2024-03-05 ochtend", "2024-03-05", "2024-03-05T00:00:00Z"),
        ];
        for (written, iso, rfc) in cases {
            let date = NoteDate::parse(written).unwrap_or_else(|| panic!("{written}"));
            assert_eq!(date.to_string(), iso, "{written}");
            assert_eq!(date.rfc3339(), rfc, "{written}");
        }
        assert!(NoteDate::parse("5 maart").is_none());
    }

    #[test]
    fn a_time_orders_notes_of_one_day() {
        let morning = NoteDate::parse("2024-03-05T09:00").unwrap();
        let afternoon = NoteDate::parse("2024-03-05 14:30").unwrap();
        let day = NoteDate::parse("2024-03-05").unwrap();
        assert!(day < morning && morning < afternoon);
        assert!(afternoon < NoteDate::parse("2024-03-06").unwrap());
    }
}
