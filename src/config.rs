//! `kennisbank.yaml`: the site's settings, every key with a default, validated into `Config`.
//!
//! - `raw`: the file's keys as written, before defaults;
//! - `read`: `Config::parse`, defaults and checks, each mistake at its line;
//! - `facets`: facets with their labels, and the built-in publisher table;
//! - `address`: `base_url`, the published address and URLs on it.
//!
//! The `check:` section is read by `check::settings`, which `Config` holds; the file's name
//! is in `config_file`, so that module need not name this one.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::branding::Branding;
use crate::check::settings::CheckSettings;
use crate::diagnostic::Level;
use crate::kind::Kind;

mod address;
mod facets;
mod raw;
mod read;

pub use crate::config_file::CONFIG_FILE;
pub use crate::language::Language;
pub use facets::{FacetConfig, default_facet, default_publishers};

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub language: Language,
    /// Always ends with `/`: `https://intranet.example.nl/kennisbank/` or `/`.
    pub base_url: String,
    /// The absolute address the site is published at, when known (an absolute `base_url`):
    /// what QR codes, the feed and the sitemap print. `serve` previews elsewhere but keeps it.
    pub published_url: Option<String>,
    pub theme: String,
    pub facets: Vec<FacetConfig>,
    pub kind_folders: Vec<(String, Kind)>,
    /// Front-matter keys the site declares beyond the content format's own.
    pub extra_keys: Vec<String>,
    pub unresolved_links: Level,
    pub feed_limit: usize,
    /// Domain → publisher name, for publications that name none.
    pub publishers: BTreeMap<String, String>,
    /// What `kennisbank check` reports and how loudly (`check:`).
    pub check: CheckSettings,
    /// Organisation, logo, design tokens and footer links (`branding.rs`).
    pub branding: Branding,
    /// `strict: true`: a schema for teams that want one (a missing `title`, an unknown key and
    /// a link to nothing are errors). Off by default, so an Obsidian vault builds as it is.
    pub strict: bool,
    /// Folders (relative to the notes' folder) that are never published.
    pub ignore: Vec<String>,
    /// The properties table on note pages.
    pub properties: PropertySettings,
    /// `markdown.raw_html`: HTML written in notes goes into pages as HTML (default), or, with
    /// `false`, is shown as text.
    pub raw_html: bool,
    /// Sections of the config this version does not interpret itself (kept for commands that do).
    pub raw: serde_json::Map<String, Value>,
}

/// `properties:` in `kennisbank.yaml`: whether note pages show their other properties in a
/// small table, and which keys never appear there.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PropertySettings {
    pub show: bool,
    pub hidden: Vec<String>,
}

impl Default for PropertySettings {
    fn default() -> Self {
        PropertySettings {
            show: true,
            hidden: Vec::new(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::from_raw(None, "", &mut Vec::new())
    }
}

impl Config {
    /// The kind a folder implies, by the first path component that names one.
    pub fn kind_of_folder(&self, folder: &Path) -> Option<Kind> {
        folder.components().rev().find_map(|c| {
            let name = c.as_os_str().to_str()?.to_lowercase();
            self.kind_folders
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, k)| *k)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let config = Config::default();
        assert_eq!(config.language, Language::Nl);
        assert_eq!(config.base_path(), "/");
        let keys: Vec<_> = config.facets.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["tags", "sphere", "domain", "region"]);
    }
}
