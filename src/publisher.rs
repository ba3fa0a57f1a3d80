//! Publisher detection: a publication that names no `publisher` gets one from its URL's domain
//! by the config's `publishers` table (`movisie.nl: Movisie`; subdomains match too), and every
//! publication's publisher becomes a value of the built-in facet `publisher`.

use std::collections::BTreeMap;

use crate::config::{Config, FacetConfig, default_facet};
use crate::note::{KindData, Note};

/// The facet key publishers are filed under.
pub const FACET: &str = "publisher";

/// The publisher the table names for a URL's host; the longest matching domain wins, so
/// `digitalepublicaties.movisie.nl` may have its own entry beside `movisie.nl`.
pub fn for_url<'a>(url: &str, publishers: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let host = host_of(url)?;
    publishers
        .iter()
        .filter(|(domain, _)| {
            let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
            host == domain
                || host
                    .strip_suffix(domain.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
        .max_by_key(|(domain, _)| domain.len())
        .map(|(_, name)| name.as_str())
}

/// The lower-cased host of an `http(s)://` URL, without port or user.
pub fn host_of(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// Fills in a publication's publisher from its URL when it names none, and files the
/// publisher under the facet. Part of the parse stage (`site::parse_one`), so a re-parsed
/// note gets it too.
pub fn fill(note: &mut Note, config: &Config) {
    let KindData::Publication { url, publisher, .. } = &mut note.kind_data else {
        return;
    };
    if publisher.is_none() {
        *publisher = for_url(url, &config.publishers).map(str::to_string);
    }
    let Some(name) = publisher.clone() else {
        return;
    };
    match note.facets.iter_mut().find(|(key, _)| key == FACET) {
        // The site configured `publisher` as a facet itself: front matter filled it already.
        Some((_, values)) if values.is_empty() => values.push(name),
        Some(_) => {}
        None => note.facets.push((FACET.to_string(), vec![name])),
    }
}

/// The facets a site has: the configured ones, and `publisher` unless configured already.
pub fn facet_configs(config: &Config) -> Vec<FacetConfig> {
    let mut facets = config.facets.clone();
    if !facets.iter().any(|f| f.key == FACET) {
        facets.push(default_facet(FACET, config.language));
    }
    facets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_publishers;

    #[test]
    fn domains_and_subdomains_match() {
        let table = default_publishers();
        let cases = [
            ("https://www.movisie.nl/publicatie/x", Some("Movisie")),
            (
                "https://digitalepublicaties.movisie.nl/nl/x",
                Some("Movisie"),
            ),
            ("http://movisie.nl", Some("Movisie")),
            (
                "https://www.verwey-jonker.nl:443/publicatie/?a=b",
                Some("Verwey-Jonker Instituut"),
            ),
            ("https://notmovisie.nl/x", None),
            ("https://movisie.nl.example.com/x", None),
            ("mailto:info@movisie.nl", None),
        ];
        for (url, expected) in cases {
            assert_eq!(for_url(url, &table), expected, "{url}");
        }
    }

    #[test]
    fn the_longest_domain_wins() {
        let mut table = default_publishers();
        table.insert("hcm.example.nl".into(), "HCM".into());
        table.insert("example.nl".into(), "Example".into());
        assert_eq!(for_url("https://hcm.example.nl/", &table), Some("HCM"));
        assert_eq!(for_url("https://www.example.nl/", &table), Some("Example"));
    }
}
