//! Whose site it is and how it looks: `organisation`, `logo`, `design_tokens`,
//! `footer_links` and `menu` in `kennisbank.yaml`.
//!
//! `design_tokens` is a key of its own rather than part of `theme:` (which names the theme
//! folder): a theme decides the layout, the token file only its colours, fonts and sizes, and
//! an organisation changes the latter without copying a theme.

use serde::Deserialize;

use crate::config::{CONFIG_FILE, Language};
use crate::diagnostic::Diagnostic;
use crate::message;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Branding {
    /// Shown beside the site's title and in the footer: `Gemeente Den Haag`.
    pub organisation: Option<String>,
    /// Path of an image in the site's `static/`, as written: `static/logo.svg`.
    pub logo: Option<String>,
    /// Path of a CSS file of design tokens in the site's `static/`: `static/tokens.css`.
    pub design_tokens: Option<String>,
    /// `None`: the default links, to the notes that exist among the usual pages.
    pub footer_links: Option<Vec<FooterLink>>,
    /// The main menu; `None`: every top-level section.
    pub menu: Option<Vec<MenuEntry>>,
    /// The config file's line of each `menu:` entry, in order, for messages.
    pub menu_lines: Vec<usize>,
    /// Whether a note's page shows its aliases ("Ook bekend als"); off by default, since
    /// aliases are mostly other spellings for links and search.
    pub show_aliases: bool,
    /// Where an editor changes a note, with `{path}` for its file (`content/a.md`):
    /// `https://gitlab.example.nl/kb/-/edit/main/{path}`.
    pub edit_url: Option<String>,
}

/// One item of `menu:`: a section or kind listing by its path (`projecten`), titled as its
/// page is, or a link of its own.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum MenuEntry {
    Page(String),
    Link(FooterLink),
}

/// A link in the footer: `url` is absolute (`https://…`) or a path on the site.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub title: String,
    pub url: String,
}

/// The raw keys, as `config.rs` reads them.
#[derive(Default, Deserialize)]
pub struct RawBranding {
    pub organisation: Option<String>,
    pub logo: Option<String>,
    pub design_tokens: Option<String>,
    pub footer_links: Option<Vec<FooterLink>>,
    pub menu: Option<Vec<MenuEntry>>,
    pub show_aliases: Option<bool>,
    pub edit_url: Option<String>,
}

pub const KEYS: &[&str] = &[
    "organisation",
    "logo",
    "design_tokens",
    "footer_links",
    "menu",
    "show_aliases",
    "edit_url",
];

impl Branding {
    /// `text` is the config file's, for the lines of messages (empty without one).
    pub fn from_raw(raw: RawBranding, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Branding {
        let line = |key: &str| crate::frontmatter::nested_key_line(text, 1, &[key]);
        let logo = raw
            .logo
            .and_then(|p| static_path("logo", p, line("logo"), diagnostics));
        let design_tokens = raw
            .design_tokens
            .and_then(|p| static_path("design_tokens", p, line("design_tokens"), diagnostics));
        Branding {
            organisation: raw.organisation.filter(|o| !o.trim().is_empty()),
            logo,
            design_tokens,
            footer_links: raw.footer_links,
            menu: raw.menu,
            menu_lines: crate::frontmatter::sequence_item_lines(text, 1, "menu"),
            show_aliases: raw.show_aliases.unwrap_or(false),
            edit_url: raw.edit_url.filter(|u| !u.trim().is_empty()),
        }
    }

    /// `static/logo.svg` → `logo.svg`, the file's path in the output.
    pub fn output_path(path: &str) -> &str {
        path.strip_prefix("static/").unwrap_or(path)
    }
}

/// Files the site shows must be its own: a relative path inside `static/`, never a URL (a
/// site loads nothing from elsewhere).
fn static_path(
    key: &str,
    path: String,
    line: Option<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let path = path.trim().trim_start_matches("./").replace('\\', "/");
    let inside = path.starts_with("static/")
        && !path.contains("://")
        && !path.split('/').any(|part| part == ".." || part.is_empty());
    if inside {
        Some(path)
    } else {
        diagnostics.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            message!(
                "{key}: `{path}` moet een bestand in de map static/ van de site zijn, \
                 zoals static/{}; de site laadt niets van elders",
                "{key}: `{path}` must be a file in the site's static/ folder, such as \
                 static/{}; the site loads nothing from elsewhere",
                if key == "logo" {
                    "logo.svg"
                } else {
                    "tokens.css"
                }
            ),
        ));
        None
    }
}

/// The footer links a site gets without `footer_links:`: the public-sector pages an
/// organisation is expected to have, each linked when a note by that file name exists.
/// (title, file names that count) per language.
pub fn default_footer_pages(
    language: Language,
) -> &'static [(&'static str, &'static [&'static str])] {
    match language {
        Language::Nl => &[
            (
                "Toegankelijkheid",
                &["toegankelijkheidsverklaring", "toegankelijkheid"],
            ),
            ("Privacy", &["privacyverklaring", "privacy"]),
            ("Contact", &["contact"]),
            ("Colofon", &["colofon"]),
        ],
        Language::En => &[
            (
                "Accessibility",
                &["accessibility-statement", "accessibility"],
            ),
            ("Privacy", &["privacy-statement", "privacy"]),
            ("Contact", &["contact"]),
            ("Colophon", &["colophon", "colofon"]),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_outside_static_are_refused() {
        for bad in [
            "https://cdn.example.nl/t.css",
            "../t.css",
            "static/../x.css",
            "t.css",
        ] {
            let mut d = Vec::new();
            let b = Branding::from_raw(
                RawBranding {
                    design_tokens: Some(bad.into()),
                    ..RawBranding::default()
                },
                "",
                &mut d,
            );
            assert_eq!(b.design_tokens, None, "{bad}");
            assert_eq!(d.len(), 1, "{bad}");
        }
        let mut d = Vec::new();
        let b = Branding::from_raw(
            RawBranding {
                logo: Some("./static/logo.svg".into()),
                ..RawBranding::default()
            },
            "",
            &mut d,
        );
        assert!(d.is_empty());
        assert_eq!(
            Branding::output_path(b.logo.as_deref().unwrap()),
            "logo.svg"
        );
    }
}
