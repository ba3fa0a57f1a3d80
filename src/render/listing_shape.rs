//! A listing computed once for all its pages (`WholeListing`), and what its pages show
//! besides the faces of their notes, as hashes (`ListingShape`): `serve` compares the shape
//! with the one it last rendered to render again only the pages of a long listing that an
//! edit changed. A title change moves one note, and with it the pages between its old place
//! and its new one; the other pages of a thousand stay as they are.

use std::hash::{DefaultHasher, Hash, Hasher};

use super::context::Link;
use super::listing::{ListingContext, is_lettered, with_crumbs};
use crate::link::NoteId;
use crate::pages::Page;
use crate::paging::{PAGE_SIZE, page_count};
use crate::site::Site;

/// A listing with every note in it, not yet cut into pages, and its breadcrumbs.
pub struct WholeListing {
    pub(super) ctx: ListingContext,
    pub(super) crumbs: Vec<Link>,
}

impl WholeListing {
    /// `page` is a listing's first page (`Page::is_listing`).
    pub fn of(site: &Site, page: &Page) -> WholeListing {
        let (ctx, crumbs) = with_crumbs(site, page);
        WholeListing { ctx, crumbs }
    }

    /// How many pages the listing takes.
    pub fn page_count(&self) -> usize {
        page_count(self.ctx.ids.len())
    }

    /// The number of the page that lists note `id`, if the listing has it.
    pub fn page_of(&self, id: NoteId) -> Option<usize> {
        let at = self.ctx.ids.iter().position(|listed| *listed == id)?;
        Some(at / PAGE_SIZE + 1)
    }

    pub fn shape(&self, site: &Site) -> ListingShape {
        let ctx = &self.ctx;
        let mut frame = DefaultHasher::new();
        (&ctx.title, &ctx.url, &ctx.intro, ctx.layout, ctx.count).hash(&mut frame);
        (ctx.count_one, ctx.count_many).hash(&mut frame);
        (&ctx.subsections, &ctx.filters, &self.crumbs).hash(&mut frame);
        if is_lettered(ctx) {
            // Every page links each letter to the page where its group starts.
            for (letter, start) in ctx.letter_starts.iter() {
                (letter, start / PAGE_SIZE).hash(&mut frame);
            }
        }
        let pages = ctx
            .ids
            .chunks(PAGE_SIZE)
            .map(|notes| {
                let mut page = DefaultHasher::new();
                for id in notes {
                    site.notes[*id].source_path.hash(&mut page);
                }
                page.finish()
            })
            .collect();
        ListingShape {
            frame: frame.finish(),
            pages,
        }
    }
}

/// What a listing's pages show but for their notes' faces: the frame (title, intro, counts,
/// filters, subsections, letters) and which notes stand on each page, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingShape {
    frame: u64,
    pages: Vec<u64>,
}

impl ListingShape {
    /// The numbers of the pages that can differ from those rendered with `before`, but for
    /// the pages of notes whose face changed; `None` when every page can.
    pub fn changed_pages(&self, before: &ListingShape) -> Option<Vec<usize>> {
        if self.frame != before.frame || self.pages.len() != before.pages.len() {
            return None;
        }
        let changed = self.pages.iter().zip(&before.pages).enumerate();
        Some(
            changed
                .filter(|(_, (now, then))| now != then)
                .map(|(i, _)| i + 1)
                .collect(),
        )
    }
}
