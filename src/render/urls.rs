//! Addresses of pages, notes and files as templates write them, and filling the link
//! placeholders a note's parse left with the notes and files they resolved to.

use crate::kind::Kind;
use crate::link::{NoteId, Resolved};
use crate::markdown::PLACEHOLDER;
use crate::pages::Page;
use crate::site::Site;

pub struct Urls<'a> {
    pub site: &'a Site,
}

impl Urls<'_> {
    pub fn page(&self, page: &Page) -> String {
        format!(
            "{}{}",
            self.site.config.base_path(),
            page.url_path(self.site)
        )
    }

    /// Joined by hand, not with `format!`: made for every link and listed item of a build.
    pub fn note(&self, id: NoteId) -> String {
        let (base, path) = (self.site.config.base_path(), &self.site.notes[id].url_path);
        let mut url = String::with_capacity(base.len() + path.len());
        url.push_str(base);
        url.push_str(path);
        url
    }

    pub fn kind(&self, kind: Kind) -> String {
        self.page(&Page::Kind(kind))
    }
}

/// The note's HTML with link placeholders replaced by the URLs they resolve to, embeds by
/// what they show, and inline tags by links to their tag pages.
pub fn fill_links(site: &Site, id: NoteId) -> String {
    super::tag_links::link_tags(site, super::embed::body_html(site, id))
}

/// `html` (a note's, or part of it) with its link placeholders filled from `resolved`. A link
/// to a missing note becomes visibly missing text, a link to an unpublished note plain text.
pub fn fill_placeholders(site: &Site, html: &str, resolved: &[Resolved]) -> String {
    let urls = Urls { site };
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find(PLACEHOLDER) {
        let before = &rest[..i];
        let after = &rest[i + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index: Option<usize> = after[..digits].parse().ok();
        let in_attribute = before.ends_with("=\"") && after[digits..].starts_with('"');
        match (index.and_then(|n| resolved.get(n)), in_attribute) {
            (Some(target @ (Resolved::Missing | Resolved::Unpublished)), true)
                if unlink(site, &mut out, before, &after[digits..], target).is_some() =>
            {
                let tail = &after[digits..];
                let end = tail.find("</a>").map_or(tail.len(), |i| i + 4);
                rest = &tail[end..];
            }
            (Some(target), true) => {
                out.push_str(before);
                match target {
                    Resolved::Note { id, fragment } => {
                        out.push_str(&urls.note(*id));
                        if let Some(f) = fragment {
                            out.push('#');
                            out.push_str(f);
                        }
                    }
                    Resolved::File(file) => out.push_str(&file_url(site, *file)),
                    Resolved::Broken | Resolved::Missing | Resolved::Unpublished => out.push('#'),
                }
                rest = &after[digits..];
            }
            _ => {
                out.push_str(&rest[..i + PLACEHOLDER.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces `<a ... href="` (the end of `before`) and the link's `</a>` by a missing-link span
/// or by nothing, keeping the link's text. `None` when the placeholder is not an `<a>`'s.
fn unlink(
    site: &Site,
    out: &mut String,
    before: &str,
    tail: &str,
    target: &Resolved,
) -> Option<()> {
    let tag = before.rfind("<a ")?;
    let open_end = tail.find('>')?;
    let close = tail[open_end..].find("</a>")? + open_end;
    out.push_str(&before[..tag]);
    let text = &tail[open_end + 1..close];
    if *target == Resolved::Missing {
        out.push_str(&format!(
            "<span class=\"missing-link\" title=\"{}\">{text}</span>",
            crate::i18n::string(site.config.language, "missing_link")
        ));
    } else {
        out.push_str(text);
    }
    Some(())
}

/// The URL of a file beside the notes.
/// The URL of note `id`'s `image:`/`cover:` file, if it resolved.
pub fn cover_url(site: &Site, id: NoteId) -> Option<String> {
    site.linked.covers[id].map(|file| file_url(site, file))
}

pub fn file_url(site: &Site, file: usize) -> String {
    let path = site.content_file_path(file);
    format!(
        "{}{}",
        site.config.base_path(),
        percent_encoding::utf8_percent_encode(&path, PATH_SET)
    )
}

pub(super) const PATH_SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');
