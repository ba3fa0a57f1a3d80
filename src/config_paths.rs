//! The URL paths settings claim: each facet's (`taxonomies`), each kind's listing and the
//! built-in pages. Two settings claiming one path, or a facet claiming the home page, is an
//! error naming the setting and its line, rather than one page silently overwriting another.

use std::collections::BTreeMap;

use crate::config::{CONFIG_FILE, Config, Language};
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::message;
use crate::message::Message;

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
    let mut claimed: BTreeMap<String, Message> = BTreeMap::new();
    for kind in Kind::ALL {
        let key = kind.key();
        claimed.insert(
            kind.listing_path(language).to_string(),
            message!(
                "het overzicht van de soort `{key}`",
                "the listing of kind `{key}`"
            ),
        );
    }
    for (path, what) in [
        (
            all_notes_path(language),
            Message::new("de lijst van alle pagina's", "the list of all notes"),
        ),
        (
            search_path(language),
            Message::new("de zoekpagina", "the search page"),
        ),
    ] {
        claimed.insert(path.trim_end_matches('/').to_string(), what);
    }
    for facet in crate::publisher::facet_configs(config) {
        let line = facet.line;
        let (key, path) = (&facet.key, &facet.path);
        let problem = if facet.path.is_empty() {
            Some(Message::new(
                "het pad is leeg, dus het overzicht zou de startpagina vervangen",
                "its path is empty, so its overview would replace the home page",
            ))
        } else {
            claimed.get(&facet.path).map(|other| {
                other.within(
                    &format!("het pad /{path}/ is al {{}}"),
                    &format!("its path /{path}/ is already {{}}"),
                )
            })
        };
        match problem {
            Some(problem) => diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                line,
                problem.within(
                    &format!("taxonomies: de ordening `{key}`: {{}}; geef die een ander `path`"),
                    &format!("taxonomies: the facet `{key}`: {{}}; give it another `path`"),
                ),
            )),
            None => {
                claimed.insert(
                    facet.path.clone(),
                    message!("de ordening `{key}`", "the facet `{key}`"),
                );
            }
        }
    }
}
