//! Every page a site has, as a value: what it is and where it goes in the output.
//! `serve` uses this list to know which pages an edit can touch.

use std::collections::BTreeMap;

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::link::NoteId;
use crate::message;
use crate::message::Message;
use crate::reading_list::CitationFormat;
use crate::site::Site;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    Note(NoteId),
    /// A folder's listing, by section path.
    Section(String),
    /// All notes of a kind; when a section has the same path, that section's notes too.
    Kind(Kind),
    AllNotes,
    /// The overview of a facet's values, by facet index.
    FacetIndex(usize),
    /// One value's notes: (facet index, term index).
    FacetTerm(usize, usize),
    Search,
    NotFound,
    Feed,
    Sitemap,
    /// A reading list's printable A4 handout.
    Handout(NoteId),
    /// A reading list's references, for reference managers.
    Citations(NoteId, CitationFormat),
    /// Every note's metadata and links as open data.
    Data,
    /// The notes links ask for that do not exist yet ("Gevraagde pagina's").
    Wanted,
    /// A note with a `permalink`: its file path's URL, redirecting to the permalink.
    Redirect(NoteId),
    /// A `.base` or `.canvas` file's own page, by index in `site.documents`.
    Document(usize),
    /// Page 2, 3, … of a long listing (`paging`).
    Paged(Box<Page>, usize),
    /// Every item of a long listing as data, for its page's filters.
    ListingItems(Box<Page>),
}

impl Page {
    /// Site path (URL path without the base path) of the page: `projecten/golden-sports/`.
    pub fn url_path(&self, site: &Site) -> String {
        let language = site.config.language;
        match self {
            Page::Home => String::new(),
            Page::Note(id) => site.notes[*id].url_path.clone(),
            Page::Section(path) => path.clone(),
            Page::Kind(kind) => format!("{}/", kind.listing_path(language)),
            Page::AllNotes => all_notes_path(language).to_string(),
            Page::FacetIndex(f) => site.facets[*f].path(),
            Page::FacetTerm(f, t) => site.facets[*f].term_path(&site.facets[*f].terms[*t]),
            Page::Search => search_path(language).to_string(),
            Page::NotFound => "404.html".into(),
            Page::Feed => "atom.xml".into(),
            Page::Sitemap => "sitemap.xml".into(),
            Page::Handout(id) => format!("{}handout/", site.notes[*id].url_path),
            Page::Citations(id, format) => {
                let note = &site.notes[*id];
                let leaf = note.url_path.trim_end_matches('/').rsplit('/').next();
                format!(
                    "{}{}.{}",
                    note.url_path,
                    leaf.unwrap_or("leeslijst"),
                    format.extension()
                )
            }
            Page::Data => "data.json".into(),
            Page::Wanted => wanted_path(language).to_string(),
            Page::Redirect(id) => site.notes[*id].redirect_from.clone().unwrap_or_default(),
            Page::Document(d) => site.documents[*d].url_path.clone(),
            Page::Paged(listing, n) => {
                crate::paging::page_path(&listing.url_path(site), *n, language)
            }
            Page::ListingItems(listing) => format!("{}items.json", listing.url_path(site)),
        }
    }

    /// Path of the file in the output folder: `projecten/golden-sports/index.html`.
    pub fn output_path(&self, site: &Site) -> String {
        let url = self.url_path(site);
        if url.is_empty() || url.ends_with('/') {
            format!("{url}index.html")
        } else {
            url
        }
    }

    /// The first page of a listing, which comes with its later pages and, when long, its
    /// items' data (`Paged`, `ListingItems`), all made from one computation of the listing.
    pub fn is_listing(&self) -> bool {
        matches!(
            self,
            Page::Section(_) | Page::Kind(_) | Page::AllNotes | Page::FacetTerm(..)
        )
    }

    /// Whether this is a later page or the items' data of the listing at `first` (a path).
    pub fn is_part_of_listing(&self, site: &Site, first: &dyn Fn(&str) -> bool) -> bool {
        matches!(self, Page::Paged(of, _) | Page::ListingItems(of) if first(&of.output_path(site)))
    }

    /// HTML pages go in the sitemap and are what readers land on.
    pub fn is_html(&self) -> bool {
        !matches!(
            self,
            Page::Feed
                | Page::Sitemap
                | Page::Citations(..)
                | Page::Data
                | Page::Redirect(_)
                | Page::ListingItems(_)
        )
    }
}

pub use crate::config_paths::{all_notes_path, search_path};

pub fn wanted_path(language: crate::config::Language) -> &'static str {
    match language {
        crate::config::Language::Nl => "gevraagde-paginas/",
        crate::config::Language::En => "wanted-pages/",
    }
}

/// The kinds that have at least one note, in the order of `Kind::ALL`.
pub fn kinds_present(site: &Site) -> Vec<Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| site.kind_counts.contains_key(k))
        .collect()
}

/// The feed lists dated notes; a site without any has no feed (rather than one dated 1970).
pub fn has_feed(site: &Site) -> bool {
    site.note_ids().any(|id| site.notes[id].date.is_some())
}

/// Every page of the site. A section whose path is a kind listing's is folded into it.
pub fn all_pages(site: &Site) -> Vec<Page> {
    let language = site.config.language;
    let kinds = kinds_present(site);
    let kind_paths: Vec<String> = kinds
        .iter()
        .map(|k| format!("{}/", k.listing_path(language)))
        .collect();
    let mut pages = vec![Page::Home, Page::AllNotes, Page::Search, Page::NotFound];
    if has_feed(site) {
        pages.push(Page::Feed);
    }
    // A sitemap holds full addresses only; without the published address it would mislead.
    if site.config.published_url.is_some() {
        pages.push(Page::Sitemap);
    }
    pages.push(Page::Data);
    pages.extend(site.note_ids().map(Page::Note));
    pages.extend(
        site.note_ids()
            .filter(|id| site.notes[*id].redirect_from.is_some())
            .map(Page::Redirect),
    );
    pages.extend((0..site.documents.len()).map(Page::Document));
    // Always there (also when empty), so a first missing link changes no page list.
    pages.push(Page::Wanted);
    for id in site
        .note_ids()
        .filter(|id| site.notes[*id].kind == Kind::ReadingList)
    {
        pages.push(Page::Handout(id));
        pages.extend(CitationFormat::ALL.map(|f| Page::Citations(id, f)));
    }
    let claimed = claimed_by_notes(site);
    pages.extend(
        site.sections
            .keys()
            .filter(|path| !path.is_empty() && !kind_paths.contains(path))
            .filter(|path| !claimed.contains(path.as_str()))
            .map(|path| Page::Section(path.clone())),
    );
    if claimed.contains("") {
        pages.retain(|p| *p != Page::Home);
    }
    pages.extend(kinds.into_iter().map(Page::Kind));
    for (f, facet) in site.facets.iter().enumerate() {
        pages.push(Page::FacetIndex(f));
        pages.extend((0..facet.terms.len()).map(|t| Page::FacetTerm(f, t)));
    }
    let continued = crate::paging::continuation_pages(site, &pages);
    pages.extend(continued);
    pages
}

/// Obsidian Publish's way: a note whose `permalink` is `/` is the home page, and a note whose
/// URL is a folder's is that folder's page (a "folder note"). Only when not strict: with a
/// schema, `_index.md` does this and a clash is an error.
fn claimed_by_notes(site: &Site) -> std::collections::HashSet<&str> {
    if site.config.strict {
        return Default::default();
    }
    site.note_ids()
        .map(|id| site.notes[id].url_path.as_str())
        .filter(|url| url.is_empty() || site.sections.contains_key(*url))
        .collect()
}

/// Two pages with one URL: a note whose path equals a generated page, or a facet whose path
/// equals a section. Named with the note's file where there is one. Then paths too long to
/// write (`report_long_paths`).
pub fn report_collisions(site: &Site, pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &Page> = BTreeMap::new();
    // Paths compared as the file system sees them: `/index.html` is the home page's file.
    let normal = |path: String| {
        let parts: Vec<&str> = path
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        parts.join("/")
    };
    // Pages placed by settings alone: `config_paths::check` names the setting and its line.
    let by_settings = |page: &Page| {
        matches!(
            page,
            Page::Home | Page::Kind(_) | Page::AllNotes | Page::Search | Page::FacetIndex(_)
        )
    };
    for page in pages {
        let path = normal(page.output_path(site));
        if let Some(first) = seen.get(&path) {
            // Two notes with one URL are reported by `site::assemble` already.
            if matches!((first, page), (Page::Note(_), Page::Note(_)))
                || (by_settings(first) && by_settings(page))
            {
                continue;
            }
            let (file, line) = match (first, page) {
                (Page::Note(id), _) | (_, Page::Note(id)) => (
                    site.notes[*id].source_path.clone(),
                    Some(site.notes[*id].title_line),
                ),
                // A facet's path against a folder: the facet's line in the config.
                (Page::FacetIndex(f) | Page::FacetTerm(f, _), _)
                | (_, Page::FacetIndex(f) | Page::FacetTerm(f, _)) => (
                    crate::config::CONFIG_FILE.into(),
                    site.facets[*f].config.line,
                ),
                _ => (crate::config::CONFIG_FILE.into(), None),
            };
            diagnostics.push(Diagnostic::error(
                file,
                line,
                Message::from_fn(|language| {
                    let (first, other) = (describe(site, first), describe(site, page));
                    let (first, other) = (first.text(language), other.text(language));
                    let url = page.url_path(site);
                    match language {
                        Language::Nl => {
                            format!(
                                "twee pagina's krijgen hetzelfde adres /{url}: {first} en {other}"
                            )
                        }
                        Language::En => {
                            format!("two pages claim the URL /{url}: {first} and {other}")
                        }
                    }
                }),
            ));
        } else {
            seen.insert(path, page);
        }
    }
    report_long_paths(site, pages, diagnostics);
}

/// Output paths too long for a file system that `note::parse_note` could not see: section
/// folders, facet paths from the config, content and static files. Named with the note or
/// file they come from.
fn report_long_paths(site: &Site, pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    for page in pages {
        let Some(problem) = crate::output_path::problem(&page.output_path(site)) else {
            continue;
        };
        let note = match page {
            Page::Note(id) | Page::Handout(id) | Page::Citations(id, _) => Some(*id),
            Page::FacetTerm(f, t) => site.facets[*f].terms[*t].notes.first().copied(),
            Page::Section(path) => site
                .note_ids()
                .find(|id| site.notes[*id].section_path == *path),
            _ => None,
        };
        let (file, line) = match (note, page) {
            (Some(id), _) => (site.notes[id].source_path.clone(), None),
            (None, Page::Document(d)) => (site.documents[*d].source_path.clone(), None),
            (None, _) => (crate::config::CONFIG_FILE.into(), None),
        };
        diagnostics.push(Diagnostic::error(file, line, problem));
    }
    for (index, file) in site.content_files.iter().enumerate() {
        if let Some(problem) = crate::output_path::problem(&site.content_file_path(index)) {
            diagnostics.push(Diagnostic::error(&file.source_path, None, problem));
        }
    }
}

fn describe(site: &Site, page: &Page) -> Message {
    match page {
        Page::Note(id) => message!(
            "de notitie {}",
            "the note {}",
            site.notes[*id].source_path.display()
        ),
        Page::Redirect(id) => message!(
            "het oude adres van {} (die heeft een `permalink`)",
            "the old address of {} (it has a `permalink`)",
            site.notes[*id].source_path.display()
        ),
        Page::Section(path) => message!("het onderdeel {path}", "the section {path}"),
        Page::Document(d) => message!(
            "het bestand {}",
            "the file {}",
            site.documents[*d].source_path.display()
        ),
        Page::Kind(kind) => message!(
            "het overzicht van de soort {}",
            "the listing of kind {}",
            kind.key()
        ),
        Page::FacetIndex(f) => message!(
            "de ordening `{}`",
            "the facet `{}`",
            site.facets[*f].config.key
        ),
        Page::FacetTerm(f, t) => message!(
            "de waarde `{}: {}`",
            "the facet value `{}: {}`",
            site.facets[*f].config.key,
            site.facets[*f].terms[*t].name
        ),
        other => message!(
            "de ingebouwde pagina {}",
            "the built-in page {}",
            other.url_path(site)
        ),
    }
}
