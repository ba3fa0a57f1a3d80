//! Embeds filled in: parse leaves `<kb-embed data-i="N"></kb-embed>` where embed N of a note
//! stands; here it becomes the embedded note (or its section or block) with that note's own
//! links and embeds filled, in a labelled block with a link to the source; or an image,
//! audio, video or PDF; or visibly missing text. Unpublished notes show nothing.

use super::context::{Urls, file_url, fill_placeholders};
use crate::i18n::string;
use crate::link::{EmbedPart, Embedded, NoteId};
use crate::markdown::EmbedRef;
use crate::properties::escape;
use crate::site::Site;

const OPEN: &str = "<kb-embed data-i=\"";
const CLOSE: &str = "\"></kb-embed>";

/// A note's body HTML, links and embeds filled.
pub fn body_html(site: &Site, id: NoteId) -> String {
    let html = &site.notes[id].body.html;
    part_html(site, id, html, &mut vec![id])
}

/// Part of note `id`'s HTML with its links and (nested) embeds filled; `stack` holds the
/// notes being embedded, to stop a cycle where it would close.
fn part_html(site: &Site, id: NoteId, html: &str, stack: &mut Vec<NoteId>) -> String {
    let filled = fill_placeholders(site, html, &site.linked.links[id]);
    if !filled.contains(OPEN) {
        return filled;
    }
    let mut out = String::with_capacity(filled.len());
    let mut rest = filled.as_str();
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index: Option<usize> = after[..digits].parse().ok();
        let embed = index.and_then(|i| {
            Some((
                site.notes[id].body.embeds.get(i)?,
                site.linked.embeds.get(id)?.get(i)?,
            ))
        });
        match embed {
            Some((written, resolved)) if after[digits..].starts_with(CLOSE) => {
                out.push_str(&rest[..start]);
                out.push_str(&embed_html(site, written, resolved, stack));
                rest = &after[digits + CLOSE.len()..];
            }
            _ => {
                out.push_str(&rest[..start + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn embed_html(
    site: &Site,
    written: &EmbedRef,
    resolved: &Embedded,
    stack: &mut Vec<NoteId>,
) -> String {
    match resolved {
        Embedded::Note { id, part } => note_embed(site, *id, part, stack),
        Embedded::File(file) => file_embed(site, *file, written),
        Embedded::Unpublished => String::new(),
        Embedded::Missing => format!(
            "<span class=\"missing-link embed-missing\" title=\"{}\">{}</span>",
            string(site.config.language, "missing_link"),
            escape(written.label.as_deref().unwrap_or(&written.target))
        ),
    }
}

fn note_embed(site: &Site, id: NoteId, part: &EmbedPart, stack: &mut Vec<NoteId>) -> String {
    let note = &site.notes[id];
    let body = &note.body;
    let url = Urls { site }.note(id);
    let (html, anchor, label) = match part {
        EmbedPart::Whole => (body.html.as_str(), None, note.title.clone()),
        EmbedPart::Section(h) => {
            let heading = &body.headings[*h];
            let end = body.headings[h + 1..]
                .iter()
                .find(|next| next.level <= heading.level)
                .map_or(body.html.len(), |next| next.html_start);
            let html = body.html.get(heading.html_start..end).unwrap_or("");
            (
                html,
                Some(heading.id.clone()),
                format!("{} › {}", note.title, heading.text),
            )
        }
        EmbedPart::Block(b) => {
            let block = &body.block_ids[*b];
            let html = body.html.get(block.html_range.clone()).unwrap_or("");
            (html, Some(format!("^{}", block.id)), note.title.clone())
        }
        EmbedPart::NotFound => ("", None, note.title.clone()),
    };
    let href = match &anchor {
        Some(a) => format!("{url}#{a}"),
        None => url,
    };
    let link = format!(
        "<a class=\"markdown-embed-link\" href=\"{}\">{}</a>",
        escape(&href),
        escape(&label)
    );
    if stack.contains(&id) || *part == EmbedPart::NotFound {
        return format!("<span class=\"embed-as-link\">{link}</span>");
    }
    stack.push(id);
    let content = part_html(site, id, html, stack);
    stack.pop();
    let from = string(site.config.language, "embed_from");
    format!(
        "<div class=\"internal-embed markdown-embed\" role=\"region\" aria-label=\"{from}: {}\" data-source=\"{}\">\
         <div class=\"markdown-embed-content\">{content}</div>\
         <p class=\"markdown-embed-source\">{from}: {link}</p></div>",
        escape(&label),
        escape(&note.title)
    )
}

/// The kind of media a file is, by its extension (the formats Obsidian embeds).
fn media_kind(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "bmp" | "svg" | "webp" | "avif" => "image",
        "mp3" | "wav" | "m4a" | "ogg" | "flac" | "3gp" => "audio",
        "mp4" | "webm" | "ogv" | "mov" | "mkv" => "video",
        "pdf" => "pdf",
        _ => "file",
    }
}

fn file_embed(site: &Site, file: usize, written: &EmbedRef) -> String {
    let url = file_url(site, file);
    let name = site.content_files[file]
        .source_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let label = written
        .label
        .as_deref()
        .filter(|_| written.size.is_none())
        .unwrap_or(stem);
    let size = match written.size {
        Some((w, Some(h))) => format!(" width=\"{w}\" height=\"{h}\""),
        Some((w, None)) => format!(" width=\"{w}\""),
        None => String::new(),
    };
    let fragment = written.fragment.as_deref().unwrap_or("");
    match media_kind(&name) {
        "image" => {
            let class = if fragment.is_empty() || fragment.contains('=') {
                String::new()
            } else {
                format!(" class=\"{}\"", escape(fragment))
            };
            format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\"{size}{class}>",
                escape(&url),
                escape(label)
            )
        }
        "audio" => format!(
            "<audio controls preload=\"metadata\" src=\"{}\" aria-label=\"{}\"></audio>",
            escape(&url),
            escape(label)
        ),
        "video" => format!(
            "<video controls preload=\"metadata\" src=\"{}\" aria-label=\"{}\"{size}></video>",
            escape(&url),
            escape(label)
        ),
        "pdf" => {
            let page = if fragment.starts_with("page=") {
                format!("#{fragment}")
            } else {
                String::new()
            };
            let href = escape(&format!("{url}{page}"));
            format!(
                "<div class=\"pdf-embed\"><iframe src=\"{href}\" title=\"{}\" loading=\"lazy\"{size}></iframe>\
                 <p><a href=\"{href}\">{} (PDF)</a></p></div>",
                escape(label),
                escape(label)
            )
        }
        _ => format!(
            "<a class=\"internal-embed file-embed\" href=\"{}\">{}</a>",
            escape(&url),
            escape(label)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::media_kind;

    #[test]
    fn media_kinds_follow_the_extension_in_any_case() {
        assert_eq!(media_kind("Foto.PNG"), "image");
        assert_eq!(media_kind("gesprek.m4a"), "audio");
        assert_eq!(media_kind("uitleg.webm"), "video");
        assert_eq!(media_kind("rapport.pdf"), "pdf");
        assert_eq!(media_kind("data.csv"), "file");
    }
}
