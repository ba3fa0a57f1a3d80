//! Where the site lives: `base_url` as given, normalised, the address it is published at,
//! and the URLs of site paths on it.

use super::{CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::message;

impl Config {
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
}

pub(super) fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

pub(super) fn normalize_base_url(url: &str) -> String {
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
}
