//! A reading list's printable handout: the items with their full addresses written out (paper
//! has no links), a QR code to the list on the live site, and the citation downloads.

use serde::Serialize;

use super::context::{Link, Urls};
use super::list_text;
use crate::i18n::format_date;
use crate::link::NoteId;
use crate::note::KindData;
use crate::pages::Page;
use crate::reading_list::{self, CitationFormat, Entry};
use crate::site::Site;

#[derive(Serialize)]
pub struct HandoutContext {
    pub title: String,
    pub summary: Option<String>,
    /// Shown as "Gepubliceerd", as on the list's own page.
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// "Bijgewerkt": `updated` or the last commit, when later than `date`.
    pub updated: Option<String>,
    pub updated_iso: Option<String>,
    /// The list on the published site, printed under the QR code; `None` when the site's
    /// address is not known (a relative `base_url`): paper gets no address it cannot use.
    pub list_url: Option<String>,
    /// The list's page on this site, for the link back.
    pub list_path: String,
    pub items: Vec<HandoutItem>,
    /// Inline SVG; only when `base_url` is absolute, since paper needs a whole address.
    pub qr_svg: Option<String>,
    pub downloads: Vec<Link>,
}

#[derive(Serialize)]
pub struct HandoutItem {
    pub title: String,
    pub kind_label: Option<&'static str>,
    /// The editor's words beside the item in the list, else the item's summary.
    pub summary: Option<String>,
    /// Where the item is read: a publication's own address, else the page; `None` for a page
    /// of a site whose address is not known.
    pub url: Option<String>,
    /// The item's page on this site when that is not `url` (and its address is known).
    pub page_url: Option<String>,
    /// The link on screen (may be a path).
    pub href: String,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub year: Option<i64>,
}

/// The download links of a reading list's citation files.
pub fn downloads(site: &Site, id: NoteId) -> Vec<Link> {
    let urls = Urls { site };
    CitationFormat::ALL
        .into_iter()
        .map(|format| Link {
            title: format.label().to_string(),
            url: urls.page(&Page::Citations(id, format)),
        })
        .collect()
}

/// The editor's words beside an item say only what the line above already prints (`– Movisie.`
/// under the publisher Movisie): printed once is enough.
fn repeats_meta(text: &str, item: &HandoutItem) -> bool {
    let plain = |s: &str| s.trim().trim_end_matches('.').trim().to_lowercase();
    let text = plain(text);
    item.publisher.as_deref().is_some_and(|p| plain(p) == text)
        || (!item.authors.is_empty() && plain(&item.authors.join(", ")) == text)
}

pub fn handout(site: &Site, id: NoteId) -> HandoutContext {
    let note = &site.notes[id];
    let config = &site.config;
    let language = config.language;
    let list_url = config.published(&note.url_path);
    let urls = Urls { site };
    let html = super::fill_links(site, id);
    let items = reading_list::items(site, id)
        .into_iter()
        .map(|item| match item.entry {
            Entry::Note(target) => {
                let target_note = &site.notes[target];
                let page_url = config.published(&target_note.url_path);
                let href = urls.note(target);
                let mut out = HandoutItem {
                    title: target_note.title.clone(),
                    kind_label: Some(target_note.kind.label(language)),
                    summary: list_text::own_text(&html, &href)
                        .or_else(|| target_note.summary.clone()),
                    url: page_url.clone(),
                    page_url: None,
                    href,
                    authors: Vec::new(),
                    publisher: None,
                    year: None,
                };
                if let KindData::Publication {
                    url,
                    publisher,
                    year,
                    authors,
                } = &target_note.kind_data
                {
                    out.url = Some(url.clone());
                    out.href = url.clone();
                    out.page_url = page_url;
                    out.authors = authors.clone();
                    out.publisher = publisher.clone();
                    out.year = *year;
                }
                out.summary = out.summary.take().filter(|s| !repeats_meta(s, &out));
                out
            }
            Entry::External { url, label } => HandoutItem {
                title: label,
                kind_label: None,
                summary: list_text::own_text(&html, &url),
                publisher: crate::publisher::for_url(&url, &config.publishers).map(str::to_string),
                href: url.clone(),
                url: Some(url),
                page_url: None,
                authors: Vec::new(),
                year: None,
            },
        })
        .collect();
    let updated =
        super::context::last_change(site, note).filter(|u| note.date.is_none_or(|d| *u > d));
    HandoutContext {
        title: note.title.clone(),
        summary: note.summary.clone(),
        date: note.date.map(|d| format_date(d.day, language)),
        date_iso: note.date.map(|d| d.day.to_string()),
        updated: updated.map(|d| format_date(d.day, language)),
        updated_iso: updated.map(|d| d.day.to_string()),
        qr_svg: list_url.as_deref().and_then(qr_svg),
        list_path: Urls { site }.note(id),
        list_url,
        items,
        downloads: downloads(site, id),
    }
}

/// A QR code as an inline SVG that scales with CSS; hidden from screen readers, since the
/// address it holds is printed beside it.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .build();
    let start = svg.find("<svg")?;
    Some(svg[start..].replacen(
        "<svg ",
        r#"<svg class="qr" aria-hidden="true" focusable="false" "#,
        1,
    ))
}
