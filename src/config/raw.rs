//! The config file as written: the keys it may have and their raw types, before defaults and
//! checks (`read`) make a `Config` of them.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::branding;
use crate::diagnostic::Level;

use super::{Language, PropertySettings};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) language: Option<Language>,
    pub(super) base_url: Option<String>,
    pub(super) theme: Option<String>,
    pub(super) taxonomies: Option<Vec<RawFacet>>,
    pub(super) kinds: Option<BTreeMap<String, String>>,
    pub(super) extra_keys: Option<Vec<String>>,
    pub(super) unresolved_links: Option<Level>,
    pub(super) feed_limit: Option<usize>,
    pub(super) publishers: Option<BTreeMap<String, String>>,
    pub(super) check: Option<Value>,
    pub(super) organisation: Option<String>,
    pub(super) logo: Option<String>,
    pub(super) design_tokens: Option<String>,
    pub(super) footer_links: Option<Vec<branding::FooterLink>>,
    pub(super) menu: Option<Vec<branding::MenuEntry>>,
    pub(super) show_aliases: Option<bool>,
    pub(super) edit_url: Option<String>,
    pub(super) strict: Option<bool>,
    pub(super) ignore: Option<Vec<String>>,
    pub(super) properties: Option<PropertySettings>,
    pub(super) markdown: Option<RawMarkdown>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    pub(super) raw_html: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawFacet {
    Key(String),
    Full {
        key: String,
        label: Option<String>,
        path: Option<String>,
    },
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "error" => Ok(Level::Error),
            "warn" | "warning" => Ok(Level::Warning),
            other => Err(serde::de::Error::custom(format!(
                "unknown level `{other}`, expected `error` or `warn`"
            ))),
        }
    }
}

pub(super) const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "taxonomies",
    "kinds",
    "extra_keys",
    "unresolved_links",
    "feed_limit",
    "publishers",
    "check",
    "strict",
    "ignore",
    "properties",
    "markdown",
];
