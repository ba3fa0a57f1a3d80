//! The current site's pages with their output paths, and rendering them.

use crate::serve::packed::Packed;
use std::collections::{BTreeSet, HashMap};

use super::{PlacedPage, RenderedPage};
use crate::diagnostic::Diagnostic;
use crate::pages::{self, Page};
use crate::render::{Renderer, WholeListing};
use crate::site::Site;
use crate::write::safe_relative;

/// The site's pages and the problems that involve all of them, kept until the next change
/// of structure (a note added, removed or renamed, a kind changed, a relink).
pub(super) struct Structure {
    pub(super) pages: Vec<PlacedPage>,
    /// Output path → index in `pages`.
    pub(super) index: HashMap<String, usize>,
    /// Notes or pages that claim one URL.
    pub(super) collisions: Vec<Diagnostic>,
    /// Whether the pages include the feed, which depends on dates rather than structure.
    pub(super) has_feed: bool,
}

impl Structure {
    pub(super) fn of(site: &Site) -> Structure {
        let pages = pages::all_pages(site);
        let mut collisions = site.url_collisions();
        pages::report_collisions(site, &pages, &mut collisions);
        let pages: Vec<PlacedPage> = pages
            .into_iter()
            .map(|page| (page.output_path(site), page))
            .collect();
        let index = pages
            .iter()
            .enumerate()
            .map(|(i, (path, _))| (path.clone(), i))
            .collect();
        Structure {
            pages,
            index,
            collisions,
            has_feed: pages::has_feed(site),
        }
    }
}

pub(super) fn pages_of(structure: &Structure) -> Vec<Page> {
    structure
        .pages
        .iter()
        .map(|(_, page)| page.clone())
        .collect()
}

/// About how many notes a page lists: what its rendering time grows with.
pub(super) fn size(site: &Site, page: &Page) -> usize {
    match page {
        Page::AllNotes => site.notes.len(),
        Page::Kind(kind) => site.kind_counts.get(kind).copied().unwrap_or(0),
        Page::Section(path) => site.sections.get(path).map_or(0, |s| s.notes.len()),
        Page::FacetTerm(f, t) => site.facets[*f].terms[*t].notes.len(),
        Page::Paged(..) => crate::paging::PAGE_SIZE,
        Page::ListingItems(of) => size(site, of),
        _ => 1,
    }
}

pub(super) fn render(
    renderer: &Renderer,
    site: &Site,
    path: &str,
    page: &Page,
) -> Result<RenderedPage, Diagnostic> {
    safe_relative(path)
        .map_err(|e| Diagnostic::error(path, None, crate::message::Message::cannot_write(&e)))?;
    let bytes = renderer.render_page(site, page)?;
    Ok((path.to_string(), Packed::new(&bytes)))
}

/// The outputs of a listing (its pages, its items' data) at `paths`, made from one
/// computation of the listing.
pub(super) fn render_listing(
    renderer: &Renderer,
    site: &Site,
    page: &Page,
    whole: &WholeListing,
    paths: &BTreeSet<String>,
) -> Vec<Result<RenderedPage, Diagnostic>> {
    renderer
        .render_whole_listing(site, page, whole, &|path| paths.contains(path))
        .into_iter()
        .map(|rendered| {
            let (path, bytes) = rendered?;
            safe_relative(&path).map_err(|e| {
                Diagnostic::error(&path, None, crate::message::Message::cannot_write(&e))
            })?;
            Ok((path, Packed::new(&bytes)))
        })
        .collect()
}
