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

/// A default menu keeps to one or two rows at 1280 px: at most this many folders, with at
/// most this many characters of titles together (a row of the theme holds about 110).
const DEFAULT_MAX_ENTRIES: usize = 7;
const DEFAULT_MAX_CHARS: usize = 100;

/// The folders directly under `content/` (or the vault) that the default menu shows, kinds'
/// folders first in the kinds' order, then by title. A vault with many folders gets its
/// biggest ones, as many as fit; "Alles van A tot Z" then lists every folder (`is_cut`).
fn default_pages(site: &Site) -> Vec<Page> {
    let top = top_folders(site);
    let kinds = kinds_present(site);
    let language = site.config.language;
    let is_kind = |path: &str| {
        kinds
            .iter()
            .any(|k| format!("{}/", k.listing_path(language)) == path)
    };
    let notes_below = |path: &str| {
        site.notes
            .iter()
            .filter(|n| n.section_path.starts_with(path))
            .count()
    };
    let mut by_weight: Vec<(usize, &str, &str)> = top
        .iter()
        .map(|(path, title)| (notes_below(path), path.as_str(), title.as_str()))
        .collect();
    // Kinds first, then the folders with the most notes; ties keep the menu's order.
    by_weight.sort_by_key(|(weight, path, _)| (!is_kind(path), std::cmp::Reverse(*weight)));
    let mut chosen: Vec<&str> = Vec::new();
    let mut chars = 0;
    for (_, path, title) in by_weight {
        let len = title.chars().count();
        if chosen.len() < DEFAULT_MAX_ENTRIES && chars + len <= DEFAULT_MAX_CHARS {
            chosen.push(path);
            chars += len;
        }
    }
    top.iter()
        .filter(|(p, _)| chosen.contains(&p.as_str()))
        .filter_map(|(p, _)| listing_page(site, p))
        .collect()
}

/// Whether the default menu leaves folders out (they are then on the all-notes page).
pub fn is_cut(site: &Site) -> bool {
    site.config.branding.menu.is_none() && default_pages(site).len() < top_folders(site).len()
}

/// Every folder directly under the notes' root with its title, in the menu's order.
fn top_folders(site: &Site) -> Vec<(String, String)> {
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
        .filter(|p| listing_page(site, p).is_some())
        .map(|p| (p.to_string(), title_of_path(site, p)))
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
