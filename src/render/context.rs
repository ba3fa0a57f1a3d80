//! Small, per-page template contexts. A page gets only what it shows: never the whole site
//! (the reason Zola sites slow to seconds per hundred pages).

use serde::Serialize;

use crate::i18n::format_date;
use crate::kind::Kind;
use crate::link::NoteId;
use crate::note::{KindData, Note};
use crate::note_date::NoteDate;
use crate::pages::Page;
use crate::site::Site;

use super::items::unfiltered_item;
use super::urls::PATH_SET;
pub use super::urls::{Urls, cover_url, file_url, fill_links, fill_placeholders};

/// A link to a page as templates show it.
#[derive(Serialize, Clone, Hash)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct FacetValues {
    pub key: String,
    pub label: String,
    pub url: String,
    pub values: Vec<Link>,
}

#[derive(Serialize)]
pub struct NoteContext {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub kind_url: String,
    pub summary: Option<String>,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// `updated:`, else the note's last commit in git; only when later than `date`.
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    pub aliases: Vec<String>,
    pub facets: Vec<FacetValues>,
    /// `Item`s, each made into a template value once and shared with `backlink_groups`.
    pub backlinks: Vec<tera::Value>,
    /// The backlinks by kind, in the kinds' order; folded away when there are more than 10.
    pub backlink_groups: Vec<BacklinkGroup>,
    pub backlinks_folded: bool,
    pub publication: Option<PublicationContext>,
    pub project: Option<ProjectContext>,
    pub section: Option<Link>,
    pub source_path: String,
    /// "Bewerk deze pagina": `edit_url:` with `{path}` filled in.
    pub edit_url: Option<String>,
    /// Reading lists: where the handout and the citation files are.
    pub reading_list: Option<ReadingListLinks>,
    /// `cssclasses`, joined by spaces, for the article element.
    pub cssclasses: String,
    /// The other properties, for the properties table (empty when the site hides it).
    pub properties: Vec<PropertyRow>,
    /// `image` or `cover`: the file's URL, for `<img>`.
    pub image: Option<String>,
    /// The same for `og:image`: absolute when the site's address is.
    pub social_image: Option<String>,
    /// Whether the note embeds a base or a canvas, whose styles and scripts it then loads.
    pub embeds_base: bool,
    pub embeds_canvas: bool,
    /// The page shows a Mermaid diagram (its own or an embedded note's): it loads Mermaid.
    pub has_mermaid: bool,
}

/// One row of the properties table: its value as HTML with its links filled.
#[derive(Serialize)]
pub struct PropertyRow {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: crate::properties::PropertyType,
    pub value: serde_json::Value,
    pub html: String,
}

fn property_rows(site: &Site, id: NoteId) -> Vec<PropertyRow> {
    let settings = &site.config.properties;
    if !settings.show {
        return Vec::new();
    }
    site.notes[id]
        .properties
        .iter()
        .filter(|p| {
            !settings
                .hidden
                .iter()
                .any(|h| h.eq_ignore_ascii_case(&p.key))
        })
        .map(|p| PropertyRow {
            key: p.key.clone(),
            kind: p.kind,
            value: p.value.clone(),
            html: fill_placeholders(site, &p.html, &site.linked.links[id]),
        })
        .collect()
}

#[derive(Serialize)]
pub struct BacklinkGroup {
    pub label: &'static str,
    pub items: Vec<tera::Value>,
}

/// Past this many backlinks, the groups are folded (`<details>`).
const BACKLINKS_SHOWN: usize = 10;

/// The backlinks `items` (of notes `ids`) by kind; each made once, for both lists (a template
/// value is shared, not serialized again; a note has 14 backlinks in the benchmark corpus).
fn backlink_groups(site: &Site, ids: &[NoteId], items: &[tera::Value]) -> Vec<BacklinkGroup> {
    let language = site.config.language;
    Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let items: Vec<tera::Value> = ids
                .iter()
                .zip(items)
                .filter(|(id, _)| site.notes[**id].kind == kind)
                .map(|(_, item)| item.clone())
                .collect();
            (!items.is_empty()).then(|| BacklinkGroup {
                label: kind.plural_label(language),
                items,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub struct ReadingListLinks {
    pub handout_url: String,
    pub downloads: Vec<Link>,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
}

#[derive(Serialize)]
pub struct PublicationContext {
    pub url: String,
    pub publisher: Option<String>,
    pub year: Option<i64>,
    pub authors: Vec<String>,
}

#[derive(Serialize)]
pub struct ProjectContext {
    pub organisation: Option<String>,
    pub place: Option<String>,
    pub website: Option<String>,
}

impl PublicationContext {
    /// A publication's own fields, for its page and for `data.json`.
    pub fn of(note: &Note) -> Option<PublicationContext> {
        match &note.kind_data {
            KindData::Publication {
                url,
                publisher,
                year,
                authors,
            } => Some(PublicationContext {
                url: url.clone(),
                publisher: publisher.clone(),
                year: *year,
                authors: authors.clone(),
            }),
            _ => None,
        }
    }
}

impl ProjectContext {
    /// A project's own fields, for its page and for `data.json`.
    pub fn of(note: &Note) -> Option<ProjectContext> {
        match &note.kind_data {
            KindData::Project {
                organisation,
                place,
                website,
            } => Some(ProjectContext {
                organisation: organisation.clone(),
                place: place.clone(),
                website: website.clone(),
            }),
            _ => None,
        }
    }
}

/// Whether note `id` or a note it embeds (at any depth) has a Mermaid diagram.
pub fn shows_mermaid(site: &Site, id: NoteId) -> bool {
    let mut seen = vec![id];
    let mut todo = vec![id];
    while let Some(at) = todo.pop() {
        if site.notes[at].body.has_mermaid {
            return true;
        }
        for embed in &site.linked.embeds[at] {
            if let crate::link::Embedded::Note { id: to, .. } = embed
                && !seen.contains(to)
            {
                seen.push(*to);
                todo.push(*to);
            }
        }
    }
    false
}

/// Whether the note shows a base (an embed or a ```` ```base ```` block) or a canvas, itself
/// or through the notes it embeds.
fn embeds_document(site: &Site, id: NoteId, kind: crate::load::DocumentKind) -> bool {
    let mut todo = vec![id];
    let mut seen = vec![id];
    while let Some(id) = todo.pop() {
        if kind == crate::load::DocumentKind::Base && !site.notes[id].body.bases.is_empty() {
            return true;
        }
        for embed in &site.linked.embeds[id] {
            match embed {
                crate::link::Embedded::File(f)
                    if site
                        .documents
                        .iter()
                        .any(|d| d.file == Some(*f) && d.kind == kind) =>
                {
                    return true;
                }
                crate::link::Embedded::Note { id: to, .. } if !seen.contains(to) => {
                    seen.push(*to);
                    todo.push(*to);
                }
                _ => {}
            }
        }
    }
    false
}

pub fn note_context(site: &Site, id: NoteId) -> NoteContext {
    let note = &site.notes[id];
    let language = site.config.language;
    let urls = Urls { site };
    // The home page links to much; being linked from it tells a reader nothing.
    let backlinks: Vec<NoteId> = site.linked.backlinks[id]
        .iter()
        .copied()
        .filter(|b| !(site.notes[*b].is_section_index && site.notes[*b].url_path.is_empty()))
        .collect();
    let facets = site
        .facets
        .iter()
        .enumerate()
        .filter_map(|(f, facet)| {
            let values: Vec<Link> = facet
                .note_terms(id)
                .map(|term| Link {
                    title: term.name.clone(),
                    url: format!("{}{}", site.config.base_path(), facet.term_path(term)),
                })
                .collect();
            (!values.is_empty()).then(|| FacetValues {
                key: facet.config.key.clone(),
                label: facet.config.label.clone(),
                url: urls.page(&Page::FacetIndex(f)),
                values,
            })
        })
        .collect();
    let section = site
        .sections
        .get(&note.section_path)
        .filter(|s| !s.path.is_empty())
        .map(|s| Link {
            title: s.title.clone(),
            url: format!("{}{}", site.config.base_path(), s.path),
        });
    // No filter values: backlinks are not filtered, and they are most of a build's items
    // (14 a note in the benchmark corpus).
    let backlink_items: Vec<tera::Value> = backlinks
        .iter()
        .map(|b| tera::Value::from_serializable(&unfiltered_item(site, *b)))
        .collect();
    let repeated = super::title_heading::repeated_title(note);
    let body = match repeated {
        Some(heading) => super::title_heading::drop_repeated_title(fill_links(site, id), heading),
        None => fill_links(site, id),
    };
    NoteContext {
        title: note.title.clone(),
        url: urls.note(id),
        kind: note.kind.key(),
        kind_label: note.kind.label(language),
        kind_url: urls.kind(note.kind),
        summary: note.summary.clone(),
        content: super::anchors::heading_anchors(
            super::tables::wrap_tables(body, language),
            language,
        ),
        edit_url: site.config.branding.edit_url.as_ref().map(|pattern| {
            pattern.replace(
                "{path}",
                &note.source_path.display().to_string().replace('\\', "/"),
            )
        }),
        toc: note
            .body
            .headings
            .iter()
            .filter(|h| h.level <= 3 && !repeated.is_some_and(|r| std::ptr::eq(r, *h)))
            .map(|h| TocEntry {
                level: h.level,
                text: h.text.clone(),
                id: h.id.clone(),
            })
            .collect(),
        date: note.date.map(|d| format_date(d.day, language)),
        date_iso: note.date.map(|d| d.to_string()),
        // Shown only when it is a later day than the date: readers see days.
        updated: last_change(site, note)
            .filter(|u| note.date.is_none_or(|d| u.day > d.day))
            .map(|d| format_date(d.day, language)),
        updated_iso: last_change(site, note)
            .filter(|u| note.date.is_none_or(|d| u.day > d.day))
            .map(|d| d.to_string()),
        // Aliases help links and search find a note; shown to readers only when asked for.
        aliases: if site.config.branding.show_aliases {
            note.aliases.clone()
        } else {
            Vec::new()
        },
        facets,
        backlink_groups: backlink_groups(site, &backlinks, &backlink_items),
        backlinks: backlink_items,
        backlinks_folded: backlinks.len() > BACKLINKS_SHOWN,
        publication: PublicationContext::of(note),
        project: ProjectContext::of(note),
        section,
        source_path: note.source_path.display().to_string().replace('\\', "/"),
        reading_list: (note.kind == Kind::ReadingList).then(|| ReadingListLinks {
            handout_url: urls.page(&Page::Handout(id)),
            downloads: super::handout::downloads(site, id),
        }),
        cssclasses: note
            .cssclasses
            .iter()
            .map(|c| {
                // As written (CSS for Obsidian Publish names them so), only safe characters.
                c.chars()
                    .filter(|ch| ch.is_alphanumeric() || *ch == '-' || *ch == '_')
                    .collect::<String>()
            })
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        properties: property_rows(site, id),
        image: cover_url(site, id),
        social_image: site.linked.covers[id].map(|file| {
            let path =
                percent_encoding::utf8_percent_encode(&site.content_file_path(file), PATH_SET)
                    .to_string();
            match &site.config.published_url {
                Some(_) => site.config.absolute_url(&path),
                None => file_url(site, file),
            }
        }),
        embeds_base: embeds_document(site, id, crate::load::DocumentKind::Base),
        embeds_canvas: embeds_document(site, id, crate::load::DocumentKind::Canvas),
        has_mermaid: shows_mermaid(site, id),
    }
}

/// Items sorted by title, case-folded.
pub fn crumbs(site: &Site, section_path: &str) -> Vec<Link> {
    let urls = Urls { site };
    let mut out = vec![Link {
        title: crate::i18n::string(site.config.language, "home").to_string(),
        url: urls.page(&Page::Home),
    }];
    let mut path = String::new();
    for part in section_path.split('/').filter(|p| !p.is_empty()) {
        path.push_str(part);
        path.push('/');
        if let Some(section) = site.sections.get(&path) {
            out.push(Link {
                title: section.title.clone(),
                url: format!("{}{}", site.config.base_path(), path),
            });
        }
    }
    out
}

/// When a note last changed: its `updated`, else its file's last commit.
pub(super) fn last_change(site: &Site, note: &Note) -> Option<NoteDate> {
    note.updated.or_else(|| {
        site.git_dates
            .get(&note.source_path)
            .map(|d| NoteDate::from(*d))
    })
}
