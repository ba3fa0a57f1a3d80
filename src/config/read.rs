//! `Config::parse`: the config file's text → `Config`, each mistake at its line; what could
//! not be read keeps its default.

use std::path::Path;

use serde_json::Value;

use super::address::{is_absolute, normalize_base_url};
use super::facets::{default_facet, default_publishers, facet_line};
use super::raw::{KNOWN_KEYS, RawConfig, RawFacet};
use super::{CONFIG_FILE, Config, FacetConfig, Language};
use crate::branding::{self, Branding, RawBranding};
use crate::check::settings::CheckSettings;
use crate::diagnostic::{Diagnostic, Level};
use crate::frontmatter;
use crate::kind::{Kind, default_kind_folders};
use crate::message;
use crate::slug::slugify;

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
    pub(super) fn from_raw(
        raw: Option<RawConfig>,
        text: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Config {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
