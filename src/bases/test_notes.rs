//! Small notes for the Bases unit tests.

use super::expr::eval::Clock;
use super::expr::value::Date;
use super::rows::BaseNote;

/// A note at `path` with front matter given as JSON (`{"status": "done"}`) and fixed dates.
pub fn note(path: &str, properties: serde_json::Value) -> BaseNote {
    let map = properties.as_object().cloned().unwrap_or_default();
    BaseNote {
        size: 100,
        ctime: Date::parse("2024-01-10"),
        mtime: Date::parse("2025-11-20T10:00:00"),
        ..BaseNote::new(path, &map)
    }
}

pub fn clock() -> Clock {
    Clock {
        now: "2026-12-01T09:30:00".parse().unwrap(),
    }
}
