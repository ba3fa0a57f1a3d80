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

/// Reports facet paths that are empty or claimed twice. `text` is the config file's text,
/// for lines.
pub fn check(config: &Config, text: Option<&str>, diagnostics: &mut Vec<Diagnostic>) {
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
        let line = text.and_then(|t| facet_line(t, &facet.key));
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
}
