//! `kennisbank.yaml`: the site's settings, every key with a default, validated into `Config`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::branding::{self, Branding, RawBranding};
use crate::check::settings::CheckSettings;
use crate::diagnostic::{Diagnostic, Level};
use crate::frontmatter;
use crate::kind::{Kind, default_kind_folders};
use crate::message;
use crate::slug::slugify;

pub const CONFIG_FILE: &str = "kennisbank.yaml";

pub use crate::language::Language;

/// One facet (taxonomy): a front-matter key whose values get overview and value pages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetConfig {
    pub key: String,
    pub label: String,
    /// URL path of the facet's overview page, without slashes.
    pub path: String,
    /// Its entry under `taxonomies:` in the config file (else `taxonomies:` itself), for
    /// messages about it.
    #[serde(skip)]
    pub line: Option<usize>,
}

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    language: Option<Language>,
    base_url: Option<String>,
    theme: Option<String>,
    taxonomies: Option<Vec<RawFacet>>,
    kinds: Option<BTreeMap<String, String>>,
    extra_keys: Option<Vec<String>>,
    unresolved_links: Option<Level>,
    feed_limit: Option<usize>,
    publishers: Option<BTreeMap<String, String>>,
    check: Option<Value>,
    organisation: Option<String>,
    logo: Option<String>,
    design_tokens: Option<String>,
    footer_links: Option<Vec<branding::FooterLink>>,
    menu: Option<Vec<branding::MenuEntry>>,
    show_aliases: Option<bool>,
    edit_url: Option<String>,
    strict: Option<bool>,
    ignore: Option<Vec<String>>,
    properties: Option<PropertySettings>,
    markdown: Option<RawMarkdown>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    raw_html: Option<bool>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawFacet {
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

const KNOWN_KEYS: &[&str] = &[
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

pub fn default_publishers() -> BTreeMap<String, String> {
    [
        ("movisie.nl", "Movisie"),
        ("verwey-jonker.nl", "Verwey-Jonker Instituut"),
        (
            "kenniscentrumsportenbewegen.nl",
            "Kenniscentrum Sport & Bewegen",
        ),
        ("zorgwelzijn.nl", "Zorg+Welzijn"),
        ("rijksoverheid.nl", "Rijksoverheid"),
    ]
    .into_iter()
    .map(|(d, n)| (d.to_string(), n.to_string()))
    .collect()
}

pub fn default_facet(key: &str, language: Language) -> FacetConfig {
    let label = match (language, key) {
        (Language::Nl, "tags") => "Trefwoorden",
        (Language::Nl, "sphere") => "Sfeer",
        (Language::Nl, "domain") => "Domein",
        (Language::Nl, "region") => "Regio",
        (Language::Nl, "publisher") => "Uitgever",
        (Language::En, "tags") => "Tags",
        (Language::En, "sphere") => "Sphere",
        (Language::En, "domain") => "Domain",
        (Language::En, "region") => "Region",
        (Language::En, "publisher") => "Publisher",
        _ => key,
    };
    let label = if label == key {
        capitalize(key)
    } else {
        label.to_string()
    };
    FacetConfig {
        key: key.to_string(),
        path: slugify(&label),
        label,
        line: None,
    }
}

/// The line of a facet's entry under `taxonomies:` (`- tags` or `- key: tags`), else of
/// `taxonomies:` itself.
fn facet_line(text: &str, key: &str) -> Option<usize> {
    let mut lines = text.lines().enumerate();
    let (start, _) = lines.find(|(_, l)| l.starts_with("taxonomies:"))?;
    let entry = text
        .lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '-', '#']))
        .find(|(_, l)| {
            let item = l.trim().trim_start_matches('-').trim();
            let item = item.strip_prefix("key:").map(str::trim).unwrap_or(item);
            item.trim_matches(['"', '\'']) == key
        });
    Some(entry.map_or(start, |(i, _)| i) + 1)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

impl Default for Config {
    fn default() -> Self {
        Config::from_raw(None, "", &mut Vec::new())
    }
}

impl Config {
    /// Reads `kennisbank.yaml` text (or none). Problems go into `diagnostics`; the returned
    /// config then holds the defaults for what could not be read.
    pub fn parse(text: Option<&str>, diagnostics: &mut Vec<Diagnostic>) -> Config {
        let Some(text) = text else {
            return Config::from_raw(None, "", diagnostics);
        };
        let file = Path::new(CONFIG_FILE);
        let doc = match frontmatter::parse_mapping(text, 1) {
            Ok(doc) => doc,
            Err(e) => {
                diagnostics.push(Diagnostic::error(file, e.line, e.message));
                return Config::unreadable(text, diagnostics);
            }
        };
        let mut ok = true;
        for (key, line) in &doc.key_lines {
            if !KNOWN_KEYS.contains(&key.as_str()) && !branding::KEYS.contains(&key.as_str()) {
                ok = false;
                diagnostics.push(Diagnostic::error(
                    file,
                    Some(*line),
                    message!(
                        "onbekende instelling `{key}` (bekend zijn: {}, {})",
                        "unknown setting `{key}` (known: {}, {})",
                        KNOWN_KEYS.join(", "),
                        branding::KEYS.join(", ")
                    ),
                ));
            }
        }
        if !ok {
            return Config::unreadable(text, diagnostics);
        }
        let values = doc.values.clone();
        match serde_json::from_value::<RawConfig>(Value::Object(doc.values)) {
            Ok(mut raw) => {
                let check = raw.check.take();
                let mut config = Config::from_raw(Some(raw), text, diagnostics);
                config.check = CheckSettings::parse(check.as_ref(), text, diagnostics);
                config.raw = values;
                config
            }
            Err(e) => {
                // serde names no key for a wrong value: each setting is read alone to find
                // the ones that fail, each reported at its line.
                let mut found = false;
                for (key, line) in &doc.key_lines {
                    let Some(value) = values.get(key) else {
                        continue;
                    };
                    let alone = serde_json::Map::from_iter([(key.clone(), value.clone())]);
                    if let Err(e) = serde_json::from_value::<RawConfig>(Value::Object(alone)) {
                        found = true;
                        diagnostics.push(Diagnostic::error(
                            file,
                            Some(*line),
                            message!(
                                "ongeldige waarde voor de instelling `{key}`: {e}",
                                "invalid setting `{key}`: {e}"
                            ),
                        ));
                    }
                }
                if !found {
                    diagnostics.push(Diagnostic::error(
                        file,
                        None,
                        message!("ongeldige instelling: {e}", "invalid setting: {e}"),
                    ));
                }
                Config::unreadable(text, diagnostics)
            }
        }
    }

    /// The defaults, for a config that could not be read, in the language it asks for: its
    /// messages are then in the site's language all the same.
    fn unreadable(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Config {
        let mut config = Config::from_raw(None, "", diagnostics);
        config.language = Language::of_config(Some(text));
        config
    }

    /// `text` is the config file's, for the lines of nested settings (empty for defaults).
    fn from_raw(raw: Option<RawConfig>, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Config {
        let raw = raw.unwrap_or(RawConfig {
            title: None,
            description: None,
            language: None,
            base_url: None,
            theme: None,
            taxonomies: None,
            kinds: None,
            extra_keys: None,
            unresolved_links: None,
            feed_limit: None,
            publishers: None,
            check: None,
            organisation: None,
            logo: None,
            design_tokens: None,
            footer_links: None,
            menu: None,
            show_aliases: None,
            edit_url: None,
            strict: None,
            ignore: None,
            properties: None,
            markdown: None,
        });
        let strict = raw.strict.unwrap_or(false);
        let language = raw.language.unwrap_or(Language::Nl);
        let facets = match raw.taxonomies {
            None => ["tags", "sphere", "domain", "region"]
                .iter()
                .map(|k| default_facet(k, language))
                .collect(),
            Some(list) => list
                .into_iter()
                .map(|f| match f {
                    RawFacet::Key(key) => default_facet(&key, language),
                    RawFacet::Full { key, label, path } => {
                        let mut facet = default_facet(&key, language);
                        if let Some(label) = label {
                            facet.path = slugify(&label);
                            facet.label = label;
                        }
                        if let Some(path) = path {
                            facet.path = slugify(&path);
                        }
                        facet
                    }
                })
                .collect(),
        };
        let mut facets: Vec<FacetConfig> = facets;
        for facet in &mut facets {
            facet.line = facet_line(text, &facet.key);
        }
        let mut kind_folders = default_kind_folders();
        for (folder, kind) in raw.kinds.unwrap_or_default() {
            match Kind::from_key(&kind) {
                Some(kind) => {
                    kind_folders.retain(|(f, _)| *f != folder);
                    kind_folders.push((folder, kind));
                }
                None => {
                    let known = Kind::ALL.map(Kind::key).join(", ");
                    diagnostics.push(Diagnostic::error(
                        CONFIG_FILE,
                        frontmatter::nested_key_line(text, 1, &["kinds", &folder])
                            .or_else(|| frontmatter::nested_key_line(text, 1, &["kinds"])),
                        message!(
                            "kinds: de map `{folder}` krijgt de onbekende soort `{kind}` (bekende soorten: {known})",
                            "kinds: `{folder}` maps to unknown kind `{kind}` (known: {known})"
                        ),
                    ))
                }
            }
        }
        let mut publishers = default_publishers();
        publishers.extend(raw.publishers.unwrap_or_default());
        Config {
            title: raw.title.unwrap_or_else(|| "Kennisbank".into()),
            description: raw.description.unwrap_or_default(),
            language,
            base_url: normalize_base_url(raw.base_url.as_deref().unwrap_or("/")),
            published_url: raw
                .base_url
                .as_deref()
                .map(normalize_base_url)
                .filter(|u| is_absolute(u)),
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            facets,
            kind_folders,
            extra_keys: raw.extra_keys.unwrap_or_default(),
            unresolved_links: raw.unresolved_links.unwrap_or(if strict {
                Level::Error
            } else {
                Level::Warning
            }),
            feed_limit: raw.feed_limit.unwrap_or(50),
            publishers,
            check: CheckSettings::default(),
            branding: Branding::from_raw(
                RawBranding {
                    organisation: raw.organisation,
                    logo: raw.logo,
                    design_tokens: raw.design_tokens,
                    footer_links: raw.footer_links,
                    menu: raw.menu,
                    show_aliases: raw.show_aliases,
                    edit_url: raw.edit_url,
                },
                text,
                diagnostics,
            ),
            strict,
            ignore: raw.ignore.unwrap_or_default(),
            properties: raw.properties.unwrap_or_default(),
            raw_html: raw.markdown.and_then(|m| m.raw_html).unwrap_or(true),
            raw: serde_json::Map::new(),
        }
    }

    /// The address given on the command line: where the site is published.
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
        self.published_url = Some(self.base_url.clone()).filter(|u| is_absolute(u));
    }

    /// Where `serve` shows the site; the published address (if any) stays what it was.
    pub fn set_preview_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
    }

    /// The full address of a site path where the site is published, when that is known.
    pub fn published(&self, site_path: &str) -> Option<String> {
        self.published_url
            .as_ref()
            .map(|base| format!("{base}{site_path}"))
    }

    /// A warning when the site's published address is not known: what is left out for it.
    /// A folder without `kennisbank.yaml` is a sketch, not a site about to be published: no
    /// warning there.
    pub fn missing_address_warning(&self, config_text: Option<&str>) -> Option<Diagnostic> {
        let text = config_text?;
        if self.published_url.is_some() {
            return None;
        }
        let line = Some(text).and_then(|text| {
            text.lines()
                .position(|l| l.starts_with("base_url:"))
                .map(|i| i + 1)
        });
        let message = message!(
            "base_url is `{}`, geen volledig adres: zonder het adres waarop de site \
             verschijnt (zoals https://kennisbank.gemeente.nl/) komt er geen sitemap.xml, \
             drukken hand-outs geen QR-code en adressen af, en bevatten de feed en \
             data.json alleen paden",
            "base_url is `{}`, not a full address: without the address the site is \
             published at (such as https://kb.example.org/) there is no sitemap.xml, \
             handouts print no QR code or addresses, and the feed and data.json hold \
             only paths",
            self.base_url
        );
        Some(Diagnostic::warning(CONFIG_FILE, line, message))
    }

    /// The path part of `base_url`, with slashes on both ends: `/kennisbank/`.
    pub fn base_path(&self) -> &str {
        let url = self.base_url.as_str();
        match url.find("://") {
            Some(i) => url[i + 3..].find('/').map_or("/", |j| &url[i + 3 + j..]),
            None => url,
        }
    }

    /// The URL of a site path such as `projecten/golden-sports/`: on the published site when
    /// its address is known, else as `base_url` gives it.
    pub fn absolute_url(&self, site_path: &str) -> String {
        format!(
            "{}{}",
            self.published_url.as_deref().unwrap_or(&self.base_url),
            site_path
        )
    }

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

fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    let mut url = if url.contains("://") || url.starts_with('/') {
        url.to_string()
    } else {
        format!("/{url}")
    };
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facet_entry_is_found_by_its_key() {
        let text =
            "title: x\ntaxonomies:\n  - tags\n  - key: doelgroep\n    path: \"\"\nfeed_limit: 3\n";
        assert_eq!(facet_line(text, "tags"), Some(3));
        assert_eq!(facet_line(text, "doelgroep"), Some(4));
        assert_eq!(facet_line(text, "sphere"), Some(2));
        assert_eq!(facet_line("title: x\n", "tags"), None);
    }

    #[test]
    fn defaults_without_a_file() {
        let config = Config::default();
        assert_eq!(config.language, Language::Nl);
        assert_eq!(config.base_path(), "/");
        let keys: Vec<_> = config.facets.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["tags", "sphere", "domain", "region"]);
    }

    #[test]
    fn base_url_with_sub_path() {
        let mut d = Vec::new();
        let config = Config::parse(
            Some("base_url: https://intranet.example.nl/kennisbank\n"),
            &mut d,
        );
        assert!(d.is_empty());
        assert_eq!(config.base_url, "https://intranet.example.nl/kennisbank/");
        assert_eq!(config.base_path(), "/kennisbank/");
    }

    #[test]
    fn unknown_setting_names_its_line() {
        let mut d = Vec::new();
        Config::parse(Some("title: X\ncolour: red\n"), &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(2));
        assert!(
            d[0].message
                .nl()
                .starts_with("onbekende instelling `colour`"),
            "{d:?}"
        );
    }

    #[test]
    fn a_config_that_cannot_be_read_keeps_its_language() {
        let mut d = Vec::new();
        let config = Config::parse(
            Some(
                "language: en
colour: red
",
            ),
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(config.language, Language::En);
        let config = Config::parse(
            Some(
                "language: en
title: [open
",
            ),
            &mut d,
        );
        assert_eq!(config.language, Language::En);
    }

    #[test]
    fn custom_facets() {
        let mut d = Vec::new();
        let config = Config::parse(
            Some("taxonomies:\n  - tags\n  - key: doelgroep\n    label: Doelgroep\n"),
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(config.facets[1].key, "doelgroep");
        assert_eq!(config.facets[1].path, "doelgroep");
    }
}
