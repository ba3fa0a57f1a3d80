//! Which notes a listing page lists, and how a long listing is cut into pages.
//!
//! A listing of every note at 10,000 notes was one 3.8 MB page (530 KB gzip) that a phone
//! has to download and lay out before it shows anything. So a listing shows `PAGE_SIZE`
//! notes per page, linked with real `rel="prev"`/`rel="next"` links that work without
//! JavaScript; its filters count the whole listing, and the page's script filters across all
//! of it from one small data file per listing (`items.json`), fetched only once a reader
//! filters.

use crate::config::Language;
use crate::link::NoteId;
use crate::pages::Page;
use crate::site::Site;

/// Notes per listing page: what Zola and Hugo default to is 10; readers of a resource hub
/// scan titles, and 100 titles with summaries is still a small page (about 12 KB gzip).
pub const PAGE_SIZE: usize = 100;

/// The notes a listing page lists, each once, in no particular order; `None` for a page
/// that is not a listing.
pub fn listed_notes(site: &Site, page: &Page) -> Option<Vec<NoteId>> {
    let mut ids: Vec<NoteId> = match page {
        Page::AllNotes => site.note_ids().collect(),
        Page::Kind(kind) => {
            let mut ids: Vec<NoteId> = site
                .note_ids()
                .filter(|id| site.notes[*id].kind == *kind)
                .collect();
            // A folder with the listing's path (`projecten/`) lends it its notes.
            let path = page.url_path(site);
            if let Some(section) = site.sections.get(&path) {
                ids.extend(section.notes.iter().copied());
            }
            ids
        }
        Page::Section(path) => site.sections.get(path)?.notes.clone(),
        Page::FacetTerm(f, t) => site.facets[*f].terms[*t].notes.clone(),
        _ => return None,
    };
    ids.sort_unstable();
    ids.dedup();
    Some(ids)
}

/// How many pages a listing of `count` notes takes (at least one, also when empty).
pub fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
}

/// The pages after the first of every long listing, and the data file of each, to add to
/// the site's pages.
pub fn continuation_pages(site: &Site, listings: &[Page]) -> Vec<Page> {
    let mut out = Vec::new();
    for listing in listings {
        let Some(ids) = listed_notes(site, listing) else {
            continue;
        };
        let pages = page_count(ids.len());
        if pages > 1 {
            out.extend((2..=pages).map(|n| Page::Paged(Box::new(listing.clone()), n)));
            out.push(Page::ListingItems(Box::new(listing.clone())));
        }
    }
    out
}

/// The folder of page `number` (2 or more) of a listing at `listing_path`:
/// `projecten/pagina/2/`.
pub fn page_path(listing_path: &str, number: usize, language: Language) -> String {
    let word = match language {
        Language::Nl => "pagina",
        Language::En => "page",
    };
    format!("{listing_path}{word}/{number}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_up() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(1), 1);
        assert_eq!(page_count(PAGE_SIZE), 1);
        assert_eq!(page_count(PAGE_SIZE + 1), 2);
        assert_eq!(page_path("alles/", 3, Language::Nl), "alles/pagina/3/");
        assert_eq!(page_path("", 2, Language::En), "page/2/");
    }
}
