//! A long listing cut into pages (`paging`): the items of one page, the links between pages,
//! and letters that lead to the page where their group starts.

use serde::Serialize;

use super::context::Urls;
use super::listing::{ListingContext, is_lettered, items_of, letter_groups, letter_id};
use crate::pages::Page;
use crate::paging::{PAGE_SIZE, page_count};
use crate::site::Site;

#[derive(Serialize, Clone)]
pub struct Pager {
    pub number: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first, the last, and the pages around this one; `url: None` is a gap ("…").
    pub links: Vec<PagerLink>,
}

#[derive(Serialize, Clone)]
pub struct PagerLink {
    pub label: String,
    pub url: Option<String>,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct LetterLink {
    pub letter: String,
    pub url: String,
}

/// Pages shown on each side of the current one in the pager.
const AROUND: usize = 2;

/// The URL of page `number` of `listing`.
fn page_url(site: &Site, listing: &Page, number: usize) -> String {
    let urls = Urls { site };
    if number <= 1 {
        urls.page(listing)
    } else {
        urls.page(&Page::Paged(Box::new(listing.clone()), number))
    }
}

/// Page `number` of `listing` (whose context `whole` has no items yet): its items, and the
/// pager when there is more than one page.
pub fn paginate(
    site: &Site,
    listing: &Page,
    whole: &ListingContext,
    number: usize,
) -> ListingContext {
    let (start, end) = page_range(whole, number);
    paginate_items(
        site,
        listing,
        whole,
        number,
        items_of(site, whole, &whole.ids[start..end]),
    )
}

/// Where page `number`'s items stand among the listing's.
pub fn page_range(whole: &ListingContext, number: usize) -> (usize, usize) {
    let number = number.clamp(1, page_count(whole.ids.len()));
    let start = (number - 1) * PAGE_SIZE;
    (start, (start + PAGE_SIZE).min(whole.ids.len()))
}

/// `paginate` with the page's items already made (`Renderer::emit_whole_listing` makes a long
/// listing's items once, for its pages and its `items.json` alike).
pub fn paginate_items(
    site: &Site,
    listing: &Page,
    whole: &ListingContext,
    number: usize,
    items: Vec<super::items::Item>,
) -> ListingContext {
    let total = page_count(whole.ids.len());
    let number = number.clamp(1, total);
    let mut ctx = whole.clone();
    ctx.items = items;
    if is_lettered(whole) {
        ctx.groups = letter_groups(&ctx.items);
        ctx.letters = letters(site, listing, whole, number);
    }
    if total <= 1 {
        return ctx;
    }
    ctx.items_url = Some(Urls { site }.page(&Page::ListingItems(Box::new(listing.clone()))));
    if number > 1 {
        ctx.url = page_url(site, listing, number);
    }
    ctx.pager = Some(Pager {
        number,
        total,
        previous: (number > 1).then(|| page_url(site, listing, number - 1)),
        next: (number < total).then(|| page_url(site, listing, number + 1)),
        links: pager_links(number, total)
            .into_iter()
            .map(|n| PagerLink {
                label: n.map_or("…".to_string(), |n| n.to_string()),
                url: n.map(|n| page_url(site, listing, n)),
                current: n == Some(number),
            })
            .collect(),
    });
    ctx
}

/// Page numbers to link, `None` standing for the pages left out between them.
fn pager_links(number: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        let near = n.abs_diff(number) <= AROUND;
        if n == 1 || n == total || near {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

/// Each letter of the whole listing, linking to its group on the page where it starts.
fn letters(site: &Site, listing: &Page, whole: &ListingContext, number: usize) -> Vec<LetterLink> {
    whole
        .letter_starts
        .iter()
        .map(|(letter, start)| {
            let page = start / PAGE_SIZE + 1;
            let anchor = letter_id(letter);
            let url = if page == number {
                format!("#{anchor}")
            } else {
                format!("{}#{anchor}", page_url(site, listing, page))
            };
            LetterLink {
                letter: letter.clone(),
                url,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::pager_links;

    #[test]
    fn the_pager_shows_the_ends_and_the_pages_around() {
        assert_eq!(pager_links(1, 1), vec![Some(1)]);
        assert_eq!(
            pager_links(1, 10),
            vec![Some(1), Some(2), Some(3), None, Some(10)]
        );
        assert_eq!(
            pager_links(6, 10),
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(10)
            ]
        );
        assert_eq!(
            pager_links(4, 5),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
    }
}
