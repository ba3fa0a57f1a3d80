//! What an update renders before the reload and what after it (`Delta::deferred`): a tab
//! most likely shows the note being edited, so notes go first; listings, which at 100,000
//! notes take seconds, and files no tab shows (feeds, the sitemap) come after, and a request
//! for one of them waits until it is in. `serve` renders them a few at a time between looks
//! for the next edit (`render_deferred_some`).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::structure::{render, render_listing, size};
use super::{PlacedPage, RenderedPage, SiteState};
use crate::diagnostic::Diagnostic;
use crate::pages::Page;
use crate::render::{ListingShape, Renderer, WholeListing};
use crate::site::Site;

/// One task of the rendering after the reload.
#[derive(Clone)]
pub(super) enum Deferred {
    Page(PlacedPage),
    /// A listing (by its first page) whose pages an edit can have changed, made from one
    /// computation of the listing: a title change touches a few pages of a thousand.
    Listing(ListingTask),
}

#[derive(Clone)]
pub(super) struct ListingTask {
    first: Page,
    /// Its pages known to have changed, by output path.
    paths: BTreeSet<String>,
    /// The notes re-read since the served version: where one stands, its face can have
    /// changed.
    pub(super) notes: Arc<BTreeSet<PathBuf>>,
}

/// A task's pages, and for a listing the shape it was rendered with, by its first page.
pub(super) type Rendered = (
    Vec<Result<RenderedPage, Diagnostic>>,
    Option<(String, ListingShape)>,
);

/// The shape each listing was last rendered with, by the output path of its first page.
pub(super) type Shapes = HashMap<String, ListingShape>;

impl Deferred {
    pub(super) fn paths(&self) -> Vec<String> {
        match self {
            Deferred::Page((path, _)) => vec![path.clone()],
            Deferred::Listing(task) => task.paths.iter().cloned().collect(),
        }
    }

    /// The pages rendered, and for a listing the shape it now has.
    pub(super) fn render(&self, renderer: &Renderer, site: &Site, shapes: &Shapes) -> Rendered {
        match self {
            Deferred::Page((path, page)) => (vec![render(renderer, site, path, page)], None),
            Deferred::Listing(task) => {
                let whole = WholeListing::of(site, &task.first);
                let shape = whole.shape(site);
                let first_path = task.first.output_path(site);
                let wanted = task.pages_to_render(site, &whole, shapes.get(&first_path), &shape);
                let pages = render_listing(renderer, site, &task.first, &whole, &wanted);
                (pages, Some((first_path, shape)))
            }
        }
    }
}

impl ListingTask {
    /// The paths of the pages to render. When the first page changed (what the rules in
    /// `dirty` mark for a listing), so can the others: those where other notes now stand,
    /// those of the notes re-read, or all of them when the frame changed.
    fn pages_to_render(
        &self,
        site: &Site,
        whole: &WholeListing,
        before: Option<&ListingShape>,
        now: &ListingShape,
    ) -> BTreeSet<String> {
        let mut wanted = self.paths.clone();
        if !wanted.contains(&self.first.output_path(site)) {
            return wanted;
        }
        let numbers: Vec<usize> = match before.and_then(|before| now.changed_pages(before)) {
            Some(mut changed) => {
                let ids = self.notes.iter().filter_map(|path| {
                    site.notes
                        .binary_search_by(|n| n.source_path.as_path().cmp(path))
                        .ok()
                });
                changed.extend(ids.filter_map(|id| whole.page_of(id)));
                changed
            }
            None => (1..=whole.page_count()).collect(),
        };
        wanted.extend(numbers.into_iter().map(|n| match n {
            1 => self.first.output_path(site),
            n => Page::Paged(Box::new(self.first.clone()), n).output_path(site),
        }));
        wanted
    }
}

/// Splits the pages to render into those rendered before the reload and the deferred ones,
/// the small files first and then the longest listings, so the cores finish together.
/// `notes` are those re-read since the served version.
pub(super) fn split<'a>(
    wanted: Vec<&'a PlacedPage>,
    site: &Site,
    notes: &Arc<BTreeSet<PathBuf>>,
) -> (Vec<&'a PlacedPage>, Vec<Deferred>) {
    let mut listings: BTreeMap<String, ListingTask> = BTreeMap::new();
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
                let task = listings
                    .entry(first.output_path(site))
                    .or_insert_with(|| ListingTask {
                        first: first.clone(),
                        paths: BTreeSet::new(),
                        notes: notes.clone(),
                    });
                task.paths.insert(path.clone());
            }
            None if page.is_html() => now.push(placed),
            None => files.push(Deferred::Page(placed.clone())),
        }
    }
    let mut listings: Vec<ListingTask> = listings.into_values().collect();
    listings.sort_by_key(|task| Reverse(size(site, &task.first)));
    let later = files
        .into_iter()
        .chain(listings.into_iter().map(Deferred::Listing))
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
        let (site, shapes) = (&self.site, &self.listing_shapes);
        let results: Vec<_> = some
            .par_iter()
            .with_max_len(1)
            .map(|deferred| deferred.render(renderer, site, shapes))
            .collect();
        let mut pages = Vec::new();
        let mut problems = Vec::new();
        for (results, shape) in results {
            let failed = results.iter().any(Result::is_err);
            for result in results {
                match result {
                    Ok(page) => pages.push(page),
                    Err(problem) => problems.push(problem),
                }
            }
            // A listing that failed keeps its old pages, so the shape they were made with.
            if let Some((path, shape)) = shape.filter(|_| !failed) {
                self.listing_shapes.insert(path, shape);
            }
        }
        (pages, problems)
    }

    /// Whether deferred pages wait to be rendered (`render_deferred_some`).
    pub fn has_deferred(&self) -> bool {
        self.renderable && !self.deferred.is_empty()
    }
}
