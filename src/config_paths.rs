//! The URL paths settings claim: each facet's (`taxonomies`), each kind's listing and the
//! built-in pages. Two settings claiming one path, or a facet claiming the home page, is an
//! error naming the setting and its line, rather than one page silently overwriting another.

use std::collections::BTreeMap;

use crate::config::{CONFIG_FILE, Config, Language};
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;

/// The listing of every note: `alles/`.
pub fn all_notes_path(language: Language) -> &'static str {
    match language {
        Language::Nl => "alles/",
        Language::En => "all/",
    }
}

/// The search page: `zoeken/`.
pub fn search_path(language: Language) -> &'static str {
    match language {
        Language::Nl => "zoeken/",
        Language::En => "search/",
    }
}

/// Reports facet paths that are empty or claimed twice, at the facet's line (`FacetConfig`).
pub fn check(config: &Config, diagnostics: &mut Vec<Diagnostic>) {
    let language = config.language;
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    for kind in Kind::ALL {
        claimed.insert(
            kind.listing_path(language).to_string(),
            format!("the listing of kind `{}`", kind.key()),
        );
    }
    for (path, what) in [
        (all_notes_path(language), "the list of all notes"),
        (search_path(language), "the search page"),
    ] {
        claimed.insert(path.trim_end_matches('/').to_string(), what.to_string());
    }
    for facet in crate::publisher::facet_configs(config) {
        let line = facet.line;
        let problem = if facet.path.is_empty() {
            Some("its path is empty, so its overview would replace the home page".to_string())
        } else {
            claimed
                .get(&facet.path)
                .map(|other| format!("its path /{}/ is already {other}", facet.path))
        };
        match problem {
            Some(problem) => diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                format!(
                    "taxonomies: the facet `{}`: {problem}; give it another `path`",
                    facet.key
                ),
            )),
            None => {
                claimed.insert(facet.path.clone(), format!("the facet `{}`", facet.key));
            }
        }
    }
}
