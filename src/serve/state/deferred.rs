//! What an update renders before the reload and what after it (`Delta::deferred`): a tab
//! most likely shows the note being edited, so notes go first; listings, which at 100,000
//! notes take seconds, and files no tab shows (feeds, the sitemap) come after, and a request
//! for one of them waits until it is in. `serve` renders them a few at a time between looks
//! for the next edit (`render_deferred_some`).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::structure::{render, render_listing, size};
use super::{PlacedPage, RenderedPage, SiteState};
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

impl SiteState {
    /// Renders the pages the last update deferred. A page that fails keeps its old version;
    /// the problem is returned.
    pub fn render_deferred(&mut self) -> (Vec<RenderedPage>, Vec<Diagnostic>) {
        let (mut pages, mut problems) = (Vec::new(), Vec::new());
        while !self.deferred.is_empty() && self.renderable {
            let (some, some_problems) = self.render_deferred_some(usize::MAX);
            pages.extend(some);
            problems.extend(some_problems);
        }
        (pages, problems)
    }

    /// Renders up to `count` of the deferred pages (a listing with all its pages counting as
    /// one), so that `serve` can take the next edit in between. Nothing when the site as it
    /// now is has errors: the deferred pages then stay at their last good version until a
    /// version without errors renders them.
    pub fn render_deferred_some(&mut self, count: usize) -> (Vec<RenderedPage>, Vec<Diagnostic>) {
        let Ok(renderer) = &self.renderer else {
            self.deferred.clear();
            return (Vec::new(), Vec::new());
        };
        if !self.renderable {
            return (Vec::new(), Vec::new());
        }
        let take = count.min(self.deferred.len());
        let some: Vec<Deferred> = self.deferred.drain(..take).collect();
        let site = &self.site;
        let results: Vec<Result<RenderedPage, Diagnostic>> = some
            .par_iter()
            .with_max_len(1)
            .flat_map_iter(|deferred| deferred.render(renderer, site))
            .collect();
        let mut pages = Vec::new();
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(page) => pages.push(page),
                Err(problem) => problems.push(problem),
            }
        }
        (pages, problems)
    }

    /// Whether deferred pages wait to be rendered (`render_deferred_some`).
    pub fn has_deferred(&self) -> bool {
        self.renderable && !self.deferred.is_empty()
    }
}
