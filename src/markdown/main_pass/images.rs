//! Images and embeds: read up to their end, as their alt text or label is the text inside,
//! then written whole: an `<img>`, a link for an image from another website, only the alt
//! text for one whose address runs code, or an embed's placeholder.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, TagEnd};

use super::super::links;
use super::super::{EmbedRef, embeds, raw_html};
use super::MainPass;

/// An image being read: its `<img>` is written at its end, once the alt text is known.
pub(super) struct OpenImage {
    src: String,
    /// The destination as written, for a file name as alt text.
    name: String,
    title: String,
    pub(super) alt: String,
    line: usize,
    shown: Shown,
}

/// How an image is shown: itself, or (from another website) as a link to it, or (its address
/// runs code) only by its alt text.
enum Shown {
    Image,
    Link { inside_link: bool },
    AltText,
}

/// An embed being read: its label is the text after `|`.
pub(super) struct OpenEmbed {
    pub(super) dest: String,
    pub(super) label: String,
    pub(super) has_label: bool,
    pub(super) line: usize,
}

impl<'p, 'a> MainPass<'p, 'a> {
    /// An image's start: its address checked and classified; the `<img>` waits for its end.
    pub(super) fn start_image<'e>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'e>,
        title: CowStr<'e>,
        line: usize,
        range: Range<usize>,
    ) {
        let written = links::written_form(self.source, range, link_type);
        let name = dest_url.to_string();
        // An image whose address runs code is left out; its alt text stays.
        let unsafe_problem = crate::url_safety::unsafe_scheme(&dest_url, true);
        let shown = match (&unsafe_problem, raw_html::is_external(&dest_url)) {
            (Some(problem), _) => {
                self.out.unsafe_links.push((line, problem.clone()));
                Shown::AltText
            }
            (None, true) => {
                self.out.external_images.push((line, dest_url.to_string()));
                Shown::Link {
                    inside_link: !self.open_links.is_empty(),
                }
            }
            (None, false) => Shown::Image,
        };
        let dest_url = match shown {
            Shown::AltText => CowStr::Borrowed(""),
            _ => dest_url,
        };
        let (dest, open) = self.start_link(link_type, dest_url, line, written, true);
        self.open_links.push(open);
        self.image = Some(OpenImage {
            src: dest.to_string(),
            name,
            title: title.to_string(),
            alt: String::new(),
            line,
            shown,
        });
    }

    /// Inside an image or an embed only text counts (as alt text or label); the element is
    /// written whole at its end.
    pub(super) fn inside_image<'e>(&mut self, event: Event<'e>) -> Option<Event<'e>> {
        match event {
            Event::Text(text) | Event::Code(text) => {
                if let Some(embed) = &mut self.embed {
                    embed.label.push_str(&text);
                } else {
                    self.note_text(&text);
                }
                None
            }
            Event::End(TagEnd::Image) => {
                if let Some(embed) = self.embed.take() {
                    return Some(self.finish_embed(embed));
                }
                let image = self.image.take()?;
                let open = self.open_links.pop();
                let (alt, size) = embeds::split_size(image.alt.trim());
                if let Some(open) = &open {
                    self.set_label(open, alt.to_string());
                }
                self.out.images.push((image.line, alt.to_string()));
                let shown_alt = if alt.is_empty() {
                    embeds::file_stem(&image.name)
                } else {
                    alt.to_string()
                };
                let html = match image.shown {
                    Shown::Image => embeds::img_tag(&image.src, &shown_alt, &image.title, size),
                    Shown::Link { inside_link } => {
                        raw_html::external_image(&image.src, &shown_alt, inside_link)
                    }
                    Shown::AltText => super::super::escape_html(alt),
                };
                Some(Event::InlineHtml(html.into()))
            }
            _ => None,
        }
    }

    fn finish_embed<'e>(&mut self, embed: OpenEmbed) -> Event<'e> {
        let (target, fragment) = links::split_fragment(links::wiki_dest(&embed.dest));
        let (label, size) = if embed.has_label {
            let (label, size) = embeds::split_size(embed.label.trim());
            (Some(label.to_string()).filter(|l| !l.is_empty()), size)
        } else {
            (None, None)
        };
        // `![[https://…/foto.png]]`: an image from another website, shown as a link to it.
        let target = target.trim();
        if raw_html::is_external(target) {
            self.out
                .external_images
                .push((embed.line, target.to_string()));
            let text = label.unwrap_or_else(|| embeds::file_stem(target));
            let html = raw_html::external_image(target, &text, !self.open_links.is_empty());
            return Event::InlineHtml(html.into());
        }
        let index = self.out.embeds.len();
        self.out.embeds.push(EmbedRef {
            target: target.trim().to_string(),
            fragment,
            label,
            size,
            line: embed.line,
        });
        Event::InlineHtml(embeds::placeholder(index).into())
    }
}
