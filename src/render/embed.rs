//! Embeds filled in: parse leaves `<kb-embed data-i="N"></kb-embed>` where embed N of a note
//! stands; here it becomes the embedded note (or its section or block) with that note's own
//! links and embeds filled, in a labelled block with a link to the source; or an image,
//! audio, video or PDF; or visibly missing text. Unpublished notes show nothing.
//!
//! - `notes`: a note (or its section or block) embedded, nested embeds and cycles;
//! - `files`: images, audio, video, PDFs and other files; bases and canvases in place.
//!
//! Here: the placeholders found and filled, and a block id put on the embed it follows.

use super::context::fill_placeholders;
use super::unique_ids::PageIds;
use crate::i18n::string;
use crate::link::{EmbedPart, Embedded, NoteId};
use crate::markdown::EmbedRef;
use crate::properties::escape;
use crate::site::Site;

mod files;
mod notes;
#[cfg(test)]
mod test_site;

use files::{document_embed, file_embed};
use notes::note_embed;

const OPEN: &str = "<kb-embed";
const INDEX: &str = " data-i=\"";
const CLOSE: &str = "\"></kb-embed>";

/// A note's body HTML, links and embeds filled; embedded ids that the page already has are
/// renamed (`unique_ids`).
pub fn body_html(site: &Site, id: NoteId) -> String {
    let html = site.notes[id].body.html();
    let mut ids = PageIds::default();
    ids.reserve(&html);
    part_html(
        site,
        id,
        &html,
        &mut vec![(id, EmbedPart::Whole)],
        Some(&mut ids),
    )
}

/// The parts of notes being embedded, outermost first.
type Stack = Vec<(NoteId, EmbedPart)>;

/// A placeholder at the start of `html`: `<kb-embed data-i="N"></kb-embed>`, or with the block
/// id written after the embed (`![[x]] ^abc`), `<kb-embed id="^abc" data-i="N"></kb-embed>`.
/// Gives N, the id and the placeholder's length.
fn placeholder(html: &str) -> Option<(usize, Option<&str>, usize)> {
    let mut rest = html.strip_prefix(OPEN)?;
    let mut block_id = None;
    if let Some(after) = rest.strip_prefix(" id=\"") {
        let end = after.find('"')?;
        block_id = Some(&after[..end]);
        rest = &after[end + 1..];
    }
    let after = rest.strip_prefix(INDEX)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let index = after[..digits].parse().ok()?;
    after[digits..].starts_with(CLOSE).then(|| {
        let len = html.len() - after.len() + digits + CLOSE.len();
        (index, block_id, len)
    })
}

/// Part of note `id`'s HTML with its links and (nested) embeds filled; `stack` holds the
/// parts of notes being embedded, to stop a cycle where it would close. `ids` is given for
/// the page's own HTML only: each embed in it, nested ones included, is made unique once.
fn part_html(
    site: &Site,
    id: NoteId,
    html: &str,
    stack: &mut Stack,
    mut ids: Option<&mut PageIds>,
) -> String {
    let filled = fill_placeholders(site, html, &site.linked.links[id]);
    let filled = super::document::fill_base_blocks(site, id, filled);
    if !filled.contains(OPEN) {
        return filled;
    }
    let mut out = String::with_capacity(filled.len());
    let mut rest = filled.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let found = placeholder(rest).and_then(|(i, block_id, len)| {
            Some((
                site.notes[id].body.embeds.get(i)?,
                site.linked.embeds.get(id)?.get(i)?,
                block_id,
                len,
            ))
        });
        match found {
            Some((written, resolved, block_id, len)) => {
                let mut embed = embed_html(site, written, resolved, stack);
                if let Some(ids) = ids.as_deref_mut() {
                    embed = ids.make_unique(&embed);
                }
                out.push_str(&with_id(embed, block_id));
                rest = &rest[len..];
            }
            None => {
                out.push_str(OPEN);
                rest = &rest[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The embed's HTML with the block id on its outer element (where a link to `#^abc` lands).
fn with_id(embed: String, block_id: Option<&str>) -> String {
    let Some(block_id) = block_id else {
        return embed;
    };
    let attr = format!(" id=\"{}\"", escape(block_id));
    let name_len = embed
        .strip_prefix('<')
        .filter(|tag| tag.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|tag| tag.find([' ', '>', '/']).unwrap_or(tag.len()));
    match name_len {
        Some(len) if !embed[..embed.find('>').unwrap_or(0)].contains(" id=\"") => {
            format!("{}{attr}{}", &embed[..=len], &embed[len + 1..])
        }
        _ => format!("<span{attr}></span>{embed}"),
    }
}

fn embed_html(site: &Site, written: &EmbedRef, resolved: &Embedded, stack: &mut Stack) -> String {
    match resolved {
        Embedded::Note { id, part } => note_embed(site, *id, part, stack),
        Embedded::File(file) => match super::document::of_file(site, *file) {
            Some(document) => document_embed(site, document, written, stack),
            None => file_embed(site, *file, written),
        },
        Embedded::Unpublished => String::new(),
        Embedded::Missing => format!(
            "<span class=\"missing-link embed-missing\" title=\"{}\">{}</span>",
            string(site.config.language, "missing_link"),
            escape(written.label.as_deref().unwrap_or(&written.target))
        ),
    }
}
