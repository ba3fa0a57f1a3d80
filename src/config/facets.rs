//! Facets as the config gives them: the built-in ones with their labels in the site's
//! language, the line of each entry for messages, and the built-in publisher table.

use std::collections::BTreeMap;

use crate::slug::slugify;

use super::Language;

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
pub(super) fn facet_line(text: &str, key: &str) -> Option<usize> {
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
