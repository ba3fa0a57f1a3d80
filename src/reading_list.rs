//! A reading list's items: the links of its body, to notes and to other sites, in the order
//! they are written (CONTENT-FORMAT.md). The page, its handout, its citation downloads, its
//! JSON-LD and `data.json` all read the list from here.

use std::collections::HashSet;

use crate::link::{NoteId, Resolved};
use crate::site::Site;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A note of the site (a publication, a project, a lexicon entry, ...).
    Note(NoteId),
    /// An address elsewhere, with the link's text.
    External { url: String, label: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub entry: Entry,
    /// Where the item stands in the list's file.
    pub line: usize,
}

/// The files a reading list can be downloaded as, for reference managers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CitationFormat {
    /// CSL-JSON, as Zotero and citeproc read it.
    CslJson,
    /// RIS, as EndNote, Zotero and Mendeley read it.
    Ris,
    BibTex,
}

impl CitationFormat {
    pub const ALL: [CitationFormat; 3] = [
        CitationFormat::CslJson,
        CitationFormat::Ris,
        CitationFormat::BibTex,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            CitationFormat::CslJson => "json",
            CitationFormat::Ris => "ris",
            CitationFormat::BibTex => "bib",
        }
    }

    /// The name shown on a download link.
    pub fn label(self) -> &'static str {
        match self {
            CitationFormat::CslJson => "CSL-JSON",
            CitationFormat::Ris => "RIS",
            CitationFormat::BibTex => "BibTeX",
        }
    }
}

/// The items of a note's body in written order: each note or address once, the first time it
/// is linked. When the body has a list (numbered or not), the items are the links in its first
/// list, so links in the text and lists after it ("tips", "see also") are no items; without a
/// list every link is one. Images, files, broken links and links to the list itself are no
/// items.
pub fn items(site: &Site, id: NoteId) -> Vec<Item> {
    let body = &site.notes[id].body;
    let resolved = &site.linked.links[id];
    // The first list that holds a link (a list of plain text before it is no reading list).
    let first_list = body
        .links
        .iter()
        .map(|l| (l.list, l.is_image))
        .chain(body.external_links.iter().map(|l| (l.list, l.is_image)))
        .filter(|(_, image)| !image)
        .filter_map(|(list, _)| list)
        .min();
    let counts = |list: Option<usize>| first_list.is_none() || list == first_list;
    let mut ordered: Vec<(usize, Item)> = Vec::new();
    for (link, target) in body.links.iter().zip(resolved) {
        if let Resolved::Note { id: target, .. } = target
            && *target != id
            && !link.is_image
            && counts(link.list)
        {
            ordered.push((
                link.order,
                Item {
                    entry: Entry::Note(*target),
                    line: link.line,
                },
            ));
        }
    }
    for link in body
        .external_links
        .iter()
        .filter(|l| !l.is_image && counts(l.list))
    {
        let label = if link.label.is_empty() {
            link.url.clone()
        } else {
            link.label.clone()
        };
        ordered.push((
            link.order,
            Item {
                entry: Entry::External {
                    url: link.url.clone(),
                    label,
                },
                line: link.line,
            },
        ));
    }
    ordered.sort_by_key(|(order, _)| *order);
    let mut seen_notes = HashSet::new();
    let mut seen_urls = HashSet::new();
    ordered
        .into_iter()
        .map(|(.., item)| item)
        .filter(|item| match &item.entry {
            Entry::Note(id) => seen_notes.insert(*id),
            Entry::External { url, .. } => seen_urls.insert(url.clone()),
        })
        .collect()
}
