//! What every page shows of the organisation behind the site: its name, logo, token file,
//! footer links and whether dark mode is offered (`site.branding` in templates).

use serde::Serialize;

use crate::branding::{Branding, FooterLink, default_footer_pages};
use crate::site::Site;

use super::context::{Link, Urls};

#[derive(Serialize)]
pub struct BrandingContext {
    pub organisation: Option<String>,
    pub logo_url: Option<String>,
    /// The site's own design tokens, loaded after the theme's.
    pub tokens_url: Option<String>,
    pub footer_links: Vec<Link>,
    pub dark_mode: bool,
}

pub fn context(site: &Site) -> BrandingContext {
    let branding = &site.config.branding;
    let base = site.config.base_path();
    let file_url = |path: &Option<String>| {
        path.as_deref()
            .map(|p| format!("{base}{}", Branding::output_path(p)))
    };
    BrandingContext {
        organisation: branding.organisation.clone(),
        logo_url: file_url(&branding.logo),
        tokens_url: branding
            .design_tokens
            .as_deref()
            .map(|p| asset_url(site, Branding::output_path(p))),
        footer_links: match &branding.footer_links {
            Some(links) => links.iter().map(|l| configured_link(site, l)).collect(),
            None => default_links(site),
        },
        dark_mode: site.dark_mode,
    }
}

/// A link written in the config (footer, menu): an absolute URL as it is, a path on the site
/// under the base path.
pub fn configured_link(site: &Site, link: &FooterLink) -> Link {
    let url = if link.url.contains("://") || link.url.starts_with("mailto:") {
        link.url.clone()
    } else {
        format!(
            "{}{}",
            site.config.base_path(),
            link.url.trim_start_matches('/')
        )
    };
    Link {
        title: link.title.clone(),
        url,
    }
}

/// The usual public-sector pages that exist on the site, by file name, in their usual order.
fn default_links(site: &Site) -> Vec<Link> {
    let urls = Urls { site };
    default_footer_pages(site.config.language)
        .iter()
        .filter_map(|(title, stems)| {
            let id = stems.iter().find_map(|stem| {
                site.note_ids()
                    .filter(|id| site.notes[*id].file_stem.eq_ignore_ascii_case(stem))
                    .min_by_key(|id| site.notes[*id].url_path.matches('/').count())
            })?;
            Some(Link {
                title: (*title).to_string(),
                url: urls.note(id),
            })
        })
        .collect()
}

/// The URL of a stylesheet or script with its content hash (`/css/site.css?v=1a2b3c4d5e`).
pub fn asset_url(site: &Site, path: &str) -> String {
    let base = site.config.base_path();
    match site.asset_versions.get(path) {
        Some(version) => format!("{base}{path}?v={version}"),
        None => format!("{base}{path}"),
    }
}
