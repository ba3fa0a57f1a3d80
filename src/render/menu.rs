//! The main menu: the site's top-level sections by default, or what `menu:` lists. Each entry
//! is titled as the page it opens is, so the menu and the page never name one thing twice.

use crate::branding::MenuEntry;
use crate::diagnostic::Diagnostic;
use crate::pages::{Page, kinds_present};
use crate::site::Site;

use super::context::{Link, Urls};

pub fn menu(site: &Site) -> Vec<Link> {
    let urls = Urls { site };
    match &site.config.branding.menu {
        Some(entries) => entries
            .iter()
            .filter_map(|entry| match entry {
                MenuEntry::Page(path) => listing_page(site, path).map(|page| Link {
                    title: title_of(site, &page),
                    url: urls.page(&page),
                }),
                MenuEntry::Link(link) => Some(super::branding::configured_link(site, link)),
            })
            .collect(),
        None => default_pages(site)
            .into_iter()
            .map(|page| Link {
                title: title_of(site, &page),
                url: urls.page(&page),
            })
            .collect(),
    }
}

/// Entries of `menu:` that name no section or kind listing of the site.
pub fn problems(site: &Site) -> Vec<Diagnostic> {
    let Some(entries) = &site.config.branding.menu else {
        return Vec::new();
    };
    let lines = &site.config.branding.menu_lines;
    entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| match entry {
            MenuEntry::Page(path) if listing_page(site, path).is_none() => {
                let message = crate::message!(
                    "menu: `{path}` is geen map van content/ en geen overzicht van een soort; \
                     schrijf de naam van een map (zoals projecten) of een link met title en url",
                    "menu: `{path}` is no folder of content/ and no kind's listing; write a \
                     folder's name (such as projects) or a link with title and url"
                );
                Some(Diagnostic::warning(
                    crate::config::CONFIG_FILE,
                    lines.get(i).copied(),
                    message,
                ))
            }
            _ => None,
        })
        .collect()
}

/// The kind listing or section page at a site path (`projecten`, `projecten/`).
fn listing_page(site: &Site, path: &str) -> Option<Page> {
    let path = format!("{}/", path.trim_matches('/'));
    let language = site.config.language;
    if let Some(kind) = kinds_present(site)
        .into_iter()
        .find(|k| format!("{}/", k.listing_path(language)) == path)
    {
        return Some(Page::Kind(kind));
    }
    if site.sections.contains_key(&path) {
        Some(Page::Section(path))
    } else {
        None
    }
}

/// Every folder directly under `content/`, kinds' folders first in the kinds' order.
fn default_pages(site: &Site) -> Vec<Page> {
    let mut top: Vec<&str> = site
        .sections
        .keys()
        .map(String::as_str)
        .filter(|p| !p.is_empty() && p.matches('/').count() == 1)
        .collect();
    let language = site.config.language;
    let kinds = kinds_present(site);
    let rank = |path: &str| {
        kinds
            .iter()
            .position(|k| format!("{}/", k.listing_path(language)) == path)
            .unwrap_or(kinds.len())
    };
    top.sort_by_key(|p| (rank(p), title_of_path(site, p)));
    top.into_iter()
        .filter_map(|p| listing_page(site, p))
        .collect()
}

fn title_of_path(site: &Site, path: &str) -> String {
    listing_page(site, path).map_or_else(String::new, |p| title_of(site, &p))
}

/// The title the listing page shows (see `listing::kind_listing`).
fn title_of(site: &Site, page: &Page) -> String {
    let language = site.config.language;
    match page {
        Page::Kind(kind) => {
            let path = page.url_path(site);
            match site.sections.get(&path) {
                Some(section) if section.index.is_some() => section.title.clone(),
                _ => kind.plural_label(language).to_string(),
            }
        }
        Page::Section(path) => site.sections[path].title.clone(),
        _ => String::new(),
    }
}
