//! The Atom feed of notes by date and `sitemap.xml`, written directly: both are small fixed
//! XML formats that a theme has no reason to change.

use std::fmt::Write;

use crate::link::NoteId;
use crate::pages::{Page, all_pages};
use crate::site::Site;

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Notes with a date, newest first; `feed_limit` of them.
pub fn atom(site: &Site) -> String {
    let config = &site.config;
    let mut ids: Vec<NoteId> = site
        .note_ids()
        .filter(|id| site.notes[*id].date.is_some())
        .collect();
    ids.sort_by(|a, b| {
        let (na, nb) = (&site.notes[*a], &site.notes[*b]);
        nb.updated
            .or(nb.date)
            .cmp(&na.updated.or(na.date))
            .then(a.cmp(b))
    });
    ids.truncate(config.feed_limit);
    // The newest date of any note in it (the page lists only sites that have one).
    let updated = ids
        .first()
        .and_then(|id| site.notes[*id].updated.or(site.notes[*id].date))
        .map(|d| d.rfc3339())
        .unwrap_or_default();
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<link href=\"{}\" rel=\"self\"/>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{updated}</updated>\n",
        config.language.code(),
        xml_escape(&config.title),
        xml_escape(&config.absolute_url("atom.xml")),
        xml_escape(&config.absolute_url("")),
        xml_escape(&config.absolute_url("")),
    );
    for id in ids {
        let note = &site.notes[id];
        let url = config.absolute_url(&note.url_path);
        let date = note
            .updated
            .or(note.date)
            .map(|d| d.rfc3339())
            .unwrap_or_default();
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{date}</updated>\n<category term=\"{}\"/>\n",
            xml_escape(&note.title),
            xml_escape(&url),
            xml_escape(&url),
            note.kind.key(),
        );
        if let Some(summary) = super::summary_of(note) {
            let _ = writeln!(out, "<summary>{}</summary>", xml_escape(&summary));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

pub fn sitemap(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in all_pages(site) {
        if !page.is_html() || matches!(page, Page::NotFound | Page::Search | Page::Wanted) {
            continue;
        }
        let url = site.config.absolute_url(&page.url_path(site));
        out.push_str("<url><loc>");
        out.push_str(&xml_escape(&url));
        out.push_str("</loc>");
        if let Page::Note(id) = page
            && let Some(date) = site.notes[id].updated.or(site.notes[id].date)
        {
            // W3C Datetime: a day, or a time with its zone.
            let lastmod = match date.time {
                Some(_) => date.rfc3339(),
                None => date.to_string(),
            };
            let _ = write!(out, "<lastmod>{lastmod}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
