//! What an update renders before the reload and what after it (`Delta::deferred`): a tab
//! most likely shows the note being edited, so notes go first; listings, which at 100,000
//! notes take seconds, and files no tab shows (feeds, the sitemap) come after, and a request
//! for one of them waits until it is in.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use super::structure::{render, render_listing, size};
use super::{PlacedPage, RenderedPage};
use crate::diagnostic::Diagnostic;
use crate::pages::Page;
use crate::render::Renderer;
use crate::site::Site;

/// One task of the rendering after the reload.
#[derive(Clone)]
pub(super) enum Deferred {
    Page(PlacedPage),
    /// Those outputs of a listing (its first page `Page`, by path) that changed, made from
    /// one computation of the listing: a title change touches one page of a thousand.
    Listing(Page, BTreeSet<String>),
}

impl Deferred {
    pub(super) fn paths(&self) -> Vec<String> {
        match self {
            Deferred::Page((path, _)) => vec![path.clone()],
            Deferred::Listing(_, paths) => paths.iter().cloned().collect(),
        }
    }

    pub(super) fn render(
        &self,
        renderer: &Renderer,
        site: &Site,
    ) -> Vec<Result<RenderedPage, Diagnostic>> {
        match self {
            Deferred::Page((path, page)) => vec![render(renderer, site, path, page)],
            Deferred::Listing(first, paths) => render_listing(renderer, site, first, paths),
        }
    }
}

/// Splits the pages to render into those rendered before the reload and the deferred ones,
/// the small files first and then the longest listings, so the cores finish together.
pub(super) fn split<'a>(
    wanted: Vec<&'a PlacedPage>,
    site: &Site,
) -> (Vec<&'a PlacedPage>, Vec<Deferred>) {
    let mut listings: BTreeMap<String, (Page, BTreeSet<String>)> = BTreeMap::new();
    let mut now = Vec::new();
    let mut files = Vec::new();
    for placed in wanted {
        let (path, page) = placed;
        let first = match page {
            Page::Paged(of, _) | Page::ListingItems(of) => Some(of.as_ref()),
            page if page.is_listing() => Some(page),
            _ => None,
        };
        match first {
            Some(first) => {
                let (_, paths) = listings
                    .entry(first.output_path(site))
                    .or_insert_with(|| (first.clone(), BTreeSet::new()));
                paths.insert(path.clone());
            }
            None if page.is_html() => now.push(placed),
            None => files.push(Deferred::Page(placed.clone())),
        }
    }
    let mut listings: Vec<(Page, BTreeSet<String>)> = listings.into_values().collect();
    listings.sort_by_key(|(first, _)| Reverse(size(site, first)));
    let later = files
        .into_iter()
        .chain(
            listings
                .into_iter()
                .map(|(first, paths)| Deferred::Listing(first, paths)),
        )
        .collect();
    (now, later)
}
