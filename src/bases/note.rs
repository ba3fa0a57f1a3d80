//! A note (or other file) as a base sees it: plain data the link stage builds from the site.

use std::collections::BTreeMap;

use super::expr::value::{Date, Value};

/// One note (or other file) as a base sees it. The link stage fills these in from the site;
/// only published notes may be given, so a draft never shows in a base.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaseNote {
    /// What `file.name` gives: for a Markdown note its name without `.md`, as Obsidian shows.
    pub name: String,
    pub basename: String,
    /// Path from the vault root: `projecten/golden-sports.md`.
    pub path: String,
    /// Folder path from the vault root, `` for the root.
    pub folder: String,
    pub ext: String,
    pub size: u64,
    pub ctime: Option<Date>,
    pub mtime: Option<Date>,
    /// Tags without `#`, from front matter and body; nested tags as `a/b`.
    pub tags: Vec<String>,
    /// Link targets as written (`Projecten`, `map/x.md`), front matter links included.
    pub links: Vec<String>,
    /// Paths of the notes that link here.
    pub backlinks: Vec<String>,
    pub embeds: Vec<String>,
    pub properties: BTreeMap<String, Value<'static>>,
}

impl BaseNote {
    /// A note at `path` (from the vault root) with its front matter: names, folder and
    /// extension from the path, typed properties, and the front matter's `tags` (a list or
    /// comma-separated text, `#` optional). The link stage adds body tags, links, dates.
    pub fn new(path: &str, front_matter: &serde_json::Map<String, serde_json::Value>) -> Self {
        let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
        let (basename, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let name = if ext == "md" { basename } else { file };
        let tags = match front_matter.get("tags").or_else(|| front_matter.get("tag")) {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            Some(serde_json::Value::String(s)) => s.split([',', ' ']).map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let tags = tags
            .into_iter()
            .map(|t: String| t.trim().trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty())
            .collect();
        BaseNote {
            name: name.to_string(),
            basename: basename.to_string(),
            path: path.to_string(),
            folder: folder.to_string(),
            ext: ext.to_string(),
            tags,
            properties: front_matter
                .iter()
                .map(|(k, v)| (k.clone(), Value::from_json(v)))
                .collect(),
            ..BaseNote::default()
        }
    }
}
