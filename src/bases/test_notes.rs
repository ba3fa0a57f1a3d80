//! Small notes for the Bases unit tests.

use std::collections::BTreeMap;

use super::expr::eval::Clock;
use super::expr::value::{Date, Value};
use super::rows::BaseNote;

/// A note at `path` with front matter given as JSON (`{"status": "done"}`).
pub fn note(path: &str, properties: serde_json::Value) -> BaseNote {
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    let (basename, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let properties: BTreeMap<String, Value<'static>> = match properties {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), Value::from_json(v)))
            .collect(),
        _ => BTreeMap::new(),
    };
    BaseNote {
        name: basename.to_string(),
        basename: basename.to_string(),
        path: path.to_string(),
        folder: folder.to_string(),
        ext: ext.to_string(),
        size: 100,
        ctime: Date::parse("2024-01-10"),
        mtime: Date::parse("2025-11-20T10:00:00"),
        tags: Vec::new(),
        links: Vec::new(),
        backlinks: Vec::new(),
        embeds: Vec::new(),
        properties,
    }
}

pub fn clock() -> Clock {
    Clock {
        now: "2026-12-01T09:30:00".parse().unwrap(),
    }
}
