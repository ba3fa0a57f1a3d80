//! The last pass: links (to placeholders), images (written whole), embeds (to placeholders),
//! headings (ids, positions) and the plain text for search.
//!
//! - `link_targets`: a link as it opens, sorted into internal, external or kept;
//! - `images`: images and embeds, read to their end and written whole;
//! - `headings`: heading ids, unique in the note.
//!
//! Here: the pass itself, one event at a time, and the text it keeps for search.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::events::Ev;
use super::links;
use super::markers::Markers;
use super::{BodyPosition, Lines, ParsedBody, obsidian_links};

mod headings;
mod images;
mod link_targets;

use images::{OpenEmbed, OpenImage};
use link_targets::OpenLink;

/// The last pass: links, images, embeds, headings and the search text.
pub(crate) struct MainPass<'p, 'a> {
    source: &'p str,
    pos: &'p BodyPosition<'a>,
    lines: &'p Lines<'p>,
    out: &'p mut ParsedBody,
    markers: &'p mut Markers,
    // (event index, level, explicit id, text, line)
    heading: Option<(usize, HeadingLevel, Option<String>, String, usize)>,
    open_links: Vec<OpenLink>,
    image: Option<OpenImage>,
    embed: Option<OpenEmbed>,
    used_ids: Vec<String>,
    // Top-level lists, so a reading list can tell its items from links in other text.
    list_depth: usize,
    lists_seen: usize,
    list: Option<usize>,
}

impl<'p, 'a> MainPass<'p, 'a> {
    pub(crate) fn new(
        source: &'p str,
        pos: &'p BodyPosition<'a>,
        lines: &'p Lines<'p>,
        out: &'p mut ParsedBody,
        markers: &'p mut Markers,
    ) -> Self {
        MainPass {
            source,
            pos,
            lines,
            out,
            markers,
            heading: None,
            open_links: Vec::new(),
            image: None,
            embed: None,
            used_ids: Vec::new(),
            list_depth: 0,
            lists_seen: 0,
            list: None,
        }
    }

    pub(crate) fn run<'e>(
        mut self,
        input: Vec<Ev<'e>>,
        heading_markers: &mut Vec<usize>,
    ) -> Vec<Ev<'e>> {
        let mut events: Vec<Ev<'e>> = Vec::with_capacity(input.len());
        for (event, range) in input {
            let line = self.lines.of(range.start);
            if self.image.is_some() || self.embed.is_some() {
                if let Some(done) = self.inside_image(event) {
                    events.push((done, range));
                }
                continue;
            }
            let event = match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let (marker, event) = self.markers.add(String::new());
                    heading_markers.push(marker);
                    events.push((event, range.clone()));
                    self.heading = Some((
                        events.len(),
                        level,
                        id.map(|i| i.to_string()),
                        String::new(),
                        line,
                    ));
                    Event::Start(Tag::Heading {
                        level,
                        id: None,
                        classes,
                        attrs,
                    })
                }
                Event::End(TagEnd::Heading(level)) => {
                    self.end_heading(level, &mut events);
                    Event::End(TagEnd::Heading(level))
                }
                Event::Start(Tag::List(start)) => {
                    if self.list_depth == 0 {
                        self.list = Some(self.lists_seen);
                        self.lists_seen += 1;
                    }
                    self.list_depth += 1;
                    Event::Start(Tag::List(start))
                }
                Event::End(TagEnd::List(ordered)) => {
                    self.list_depth = self.list_depth.saturating_sub(1);
                    if self.list_depth == 0 {
                        self.list = None;
                    }
                    Event::End(TagEnd::List(ordered))
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if obsidian_links::is_obsidian(&dest_url) {
                        self.out.obsidian_links.push((dest_url.to_string(), line));
                        self.open_links.push(OpenLink {
                            index: None,
                            is_wiki_without_label: false,
                            label: String::new(),
                            external: None,
                            dropped: true,
                        });
                        continue;
                    }
                    // An address that runs code: its text stays, without the link.
                    if let Some(problem) = crate::url_safety::unsafe_scheme(&dest_url, false) {
                        self.out.unsafe_links.push((line, problem));
                        self.open_links.push(OpenLink {
                            index: None,
                            is_wiki_without_label: false,
                            label: String::new(),
                            external: None,
                            dropped: true,
                        });
                        continue;
                    }
                    let written = links::written_form(self.source, range.clone(), link_type);
                    let (dest, open) = self.start_link(link_type, dest_url, line, written, false);
                    self.open_links.push(open);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type: LinkType::WikiLink { has_pothole },
                    dest_url,
                    ..
                }) => {
                    self.embed = Some(OpenEmbed {
                        dest: dest_url.to_string(),
                        label: String::new(),
                        has_label: has_pothole,
                        line,
                    });
                    continue;
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) => {
                    self.start_image(link_type, dest_url, title, line, range.clone());
                    continue;
                }
                Event::End(TagEnd::Link) => {
                    if let Some(open) = self.open_links.pop() {
                        self.set_label(&open, open.label.trim().to_string());
                        if open.dropped {
                            continue;
                        }
                    }
                    Event::End(TagEnd::Link)
                }
                Event::Text(text) => {
                    self.note_text(&text);
                    match self.open_links.last() {
                        Some(open) if open.is_wiki_without_label => {
                            let shown = text.strip_prefix('#').unwrap_or(&text);
                            Event::Text(shown.replace('#', " › ").into())
                        }
                        _ => Event::Text(text),
                    }
                }
                Event::Code(code) => {
                    self.note_text(&code);
                    Event::Code(code)
                }
                Event::End(
                    end
                    @ (TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock),
                ) => {
                    self.out.text.push('\n');
                    Event::End(end)
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.out.text.push(' ');
                    event
                }
                // A block of HTML (a callout's title, a user's `<div>`) ends words too.
                Event::Html(_) => {
                    if !self.out.text.is_empty() && !self.out.text.ends_with(char::is_whitespace) {
                        self.out.text.push('\n');
                    }
                    event
                }
                other => other,
            };
            events.push((event, range));
        }
        events
    }

    fn note_text(&mut self, text: &str) {
        self.out.text.push_str(text);
        if let Some((_, _, _, heading_text, _)) = &mut self.heading {
            heading_text.push_str(text);
        }
        if let Some(open) = self.open_links.last_mut() {
            open.label.push_str(text);
        }
        if let Some(image) = &mut self.image {
            image.alt.push_str(text);
        }
    }
}
