//! The `check:` section of `kennisbank.yaml`: a level per editorial rule and the external link
//! checker's manners. Validated when the config is read, so `build` catches a typo here too.
//!
//! ```yaml
//! check:
//!   orphans: off                # off | warn | error, per rule (see `Rule`)
//!   image_alt: error
//!   mixed_address: warn        # je and u in one note
//!   readability: warn          # or a mapping:
//!   # readability: { level: warn, min_score: 60, min_words: 40, hardest: 3 }
//!   external:
//!     timeout: 10s              # a number of seconds, or 250ms / 10s / 5m / 24h / 7d
//!     cache_max_age: 24h        # 0 turns the cache off
//!     user_agent: "kennisbank-linkcheck (+https://intranet.example.nl/)"
//!     skip_prefixes: [https://intranet.example.nl/]
//!     per_host: 2               # requests at once to one host
//!     host_delay: 200ms         # between the starts of two requests to one host
//!     workers: 8                # requests at once in all
//!     broken: error             # levels of the external rules
//! ```

mod read;

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

pub use read::parse_duration;

use crate::diagnostic::{Diagnostic, Level};

/// How loudly a rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleLevel {
    Off,
    Warn,
    Error,
}

impl RuleLevel {
    /// The diagnostic level, or `None` when the rule is off.
    pub fn level(self) -> Option<Level> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Warn => Some(Level::Warning),
            RuleLevel::Error => Some(Level::Error),
        }
    }

    fn parse(text: &str) -> Option<RuleLevel> {
        match text {
            "off" => Some(RuleLevel::Off),
            "warn" | "warning" => Some(RuleLevel::Warn),
            "error" => Some(RuleLevel::Error),
            _ => None,
        }
    }
}

/// Every rule `check` reports by, beyond what `build` itself validates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// No other note links to the note (section pages and the home page excepted).
    Orphans,
    MissingSummary,
    MissingTags,
    /// A title or alias that another note also has.
    DuplicateNames,
    ImageAlt,
    /// A heading more than one level below the one before it (the title is h1).
    HeadingLevels,
    /// Link text that says nothing on its own: "klik hier", "lees meer".
    VagueLinkText,
    /// A Dutch note harder to read than B1 (Flesch–Douma below `min_score`).
    Readability,
    /// A note that addresses the reader as both *je* and *u*.
    MixedAddress,
    /// 404, 410 and other 4xx answers, unknown hosts, TLS failures, refused connections.
    ExternalBroken,
    /// Timeouts, 5xx, 401/403/429: the link may work for a person with a browser.
    ExternalUnreachable,
    /// 301 and 308: the link should name the new address.
    ExternalRedirects,
    /// 302, 303 and 307.
    ExternalTemporaryRedirects,
}

impl Rule {
    pub const ALL: [Rule; 13] = [
        Rule::Orphans,
        Rule::MissingSummary,
        Rule::MissingTags,
        Rule::DuplicateNames,
        Rule::ImageAlt,
        Rule::HeadingLevels,
        Rule::VagueLinkText,
        Rule::Readability,
        Rule::MixedAddress,
        Rule::ExternalBroken,
        Rule::ExternalUnreachable,
        Rule::ExternalRedirects,
        Rule::ExternalTemporaryRedirects,
    ];

    /// The key under `check:`, as editors write it: `orphans`, `external.broken`.
    pub fn key(self) -> &'static str {
        match self {
            Rule::Orphans => "orphans",
            Rule::MissingSummary => "missing_summary",
            Rule::MissingTags => "missing_tags",
            Rule::DuplicateNames => "duplicate_names",
            Rule::ImageAlt => "image_alt",
            Rule::HeadingLevels => "heading_levels",
            Rule::VagueLinkText => "vague_link_text",
            Rule::Readability => "readability",
            Rule::MixedAddress => "mixed_address",
            Rule::ExternalBroken => "external.broken",
            Rule::ExternalUnreachable => "external.unreachable",
            Rule::ExternalRedirects => "external.redirects",
            Rule::ExternalTemporaryRedirects => "external.temporary_redirects",
        }
    }

    fn default_level(self) -> RuleLevel {
        match self {
            Rule::ExternalBroken => RuleLevel::Error,
            _ => RuleLevel::Warn,
        }
    }
}

/// Settings of `readability`, under `check:` (the rule itself is `check::readability`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadabilitySettings {
    /// Flesch–Douma below this warns; 60 is about B1.
    pub min_score: f64,
    /// Notes with fewer words are not scored.
    pub min_words: usize,
    /// How many of the hardest sentences to point at.
    pub hardest: usize,
}

impl Default for ReadabilitySettings {
    fn default() -> Self {
        ReadabilitySettings {
            min_score: 60.0,
            min_words: 40,
            hardest: 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckSettings {
    levels: BTreeMap<Rule, RuleLevel>,
    pub external: ExternalSettings,
    pub readability: ReadabilitySettings,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExternalSettings {
    /// URLs starting with one of these are not checked (intranets, sites that block bots).
    pub skip_prefixes: Vec<String>,
    pub user_agent: String,
    /// For one request, connecting included.
    pub timeout: Duration,
    /// Results older than this are checked again; zero turns the cache off.
    pub cache_max_age: Duration,
    pub per_host: usize,
    pub host_delay: Duration,
    pub workers: usize,
}

impl Default for ExternalSettings {
    fn default() -> Self {
        ExternalSettings {
            skip_prefixes: Vec::new(),
            user_agent: format!(
                "kennisbank-linkcheck/{} (static site link check)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(10),
            cache_max_age: Duration::from_secs(24 * 3600),
            per_host: 2,
            host_delay: Duration::from_millis(200),
            workers: 8,
        }
    }
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            levels: Rule::ALL.iter().map(|r| (*r, r.default_level())).collect(),
            external: ExternalSettings::default(),
            readability: ReadabilitySettings::default(),
        }
    }
}

impl CheckSettings {
    pub fn level(&self, rule: Rule) -> RuleLevel {
        self.levels[&rule]
    }

    pub fn set_level(&mut self, rule: Rule, level: RuleLevel) {
        self.levels.insert(rule, level);
    }

    /// Reads the value of `check:`; `config_text` is the whole file, to give problems a line.
    /// What cannot be read keeps its default, with an error in `diagnostics`.
    pub fn parse(
        value: Option<&Value>,
        config_text: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> CheckSettings {
        read::parse(value, config_text, diagnostics)
    }
}
