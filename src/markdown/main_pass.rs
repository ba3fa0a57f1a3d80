//! The last pass: links (to placeholders), images (written whole), embeds (to placeholders),
//! headings (ids, positions) and the plain text for search.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::events::Ev;
use super::links::{self, Destination};
use super::markers::Markers;
use super::{
    BodyPosition, EmbedRef, ExternalLink, Heading, Lines, LinkRef, PLACEHOLDER, ParsedBody, embeds,
    obsidian_links, raw_html,
};
use crate::slug::slugify;

struct OpenLink {
    index: Option<usize>,
    is_wiki_without_label: bool,
    label: String,
    external: Option<usize>,
    /// An `obsidian://` link shows only its text: its end tag is dropped too.
    dropped: bool,
}

/// An image being read: its `<img>` is written at its end, once the alt text is known.
struct OpenImage {
    src: String,
    /// The destination as written, for a file name as alt text.
    name: String,
    title: String,
    alt: String,
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
struct OpenEmbed {
    dest: String,
    label: String,
    has_label: bool,
    line: usize,
}

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
                    let written = links::written_form(self.source, range.clone(), link_type);
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

    /// Inside an image or an embed only text counts (as alt text or label); the element is
    /// written whole at its end.
    fn inside_image<'e>(&mut self, event: Event<'e>) -> Option<Event<'e>> {
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
                    Shown::AltText => super::escape_html(alt),
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

    fn end_heading(&mut self, level: HeadingLevel, events: &mut [Ev<'_>]) {
        if let Some((start, _, explicit_id, text, heading_line)) = self.heading.take() {
            let id = unique_id(
                explicit_id.unwrap_or_else(|| slugify(&text)),
                &mut self.used_ids,
            );
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start].0 {
                *slot = Some(id.clone().into());
            }
            self.out.headings.push(Heading {
                level: level as u8,
                text: text.trim().into(),
                id,
                line: heading_line,
                html_start: 0,
            });
        }
        // A heading's words must not run into the paragraph after it in the text.
        self.out.text.push('\n');
    }

    fn set_label(&mut self, open: &OpenLink, label: String) {
        if let Some(i) = open.index {
            self.out.links[i].label = label.clone();
        }
        if let Some(i) = open.external {
            self.out.external_links[i].label = label;
        }
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

    fn start_link<'e>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'e>,
        line: usize,
        written: String,
        is_image: bool,
    ) -> (CowStr<'e>, OpenLink) {
        let mut open = OpenLink {
            index: None,
            is_wiki_without_label: matches!(link_type, LinkType::WikiLink { has_pothole: false }),
            label: String::new(),
            external: None,
            dropped: false,
        };
        let out = &mut *self.out;
        let order = out.links.len() + out.external_links.len();
        let dest = match links::classify(&dest_url, link_type, self.pos) {
            Destination::Keep => dest_url,
            Destination::External(url) => {
                open.external = Some(out.external_links.len());
                out.external_links.push(ExternalLink {
                    url: url.clone(),
                    line,
                    label: String::new(),
                    is_image,
                    order,
                    list: self.list,
                });
                url.into()
            }
            Destination::Rewritten(url) => url.into(),
            Destination::Internal(target) => {
                let index = out.links.len();
                open.index = Some(index);
                out.links.push(LinkRef {
                    target,
                    line,
                    written,
                    label: String::new(),
                    is_image,
                    order,
                    list: self.list,
                });
                format!("{PLACEHOLDER}{index}").into()
            }
        };
        (dest, open)
    }
}

fn unique_id(base: String, used: &mut Vec<String>) -> String {
    let base = if base.is_empty() {
        "kop".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse_str;

    #[test]
    fn headings_get_unique_ids() {
        let body = parse_str("## Eén ouder\n\n## Eén ouder\n\n### Kop {#eigen}\n");
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["een-ouder", "een-ouder-1", "eigen"]);
        assert!(
            body.html.contains(r#"<h2 id="een-ouder">"#),
            "{}",
            body.html
        );
    }

    #[test]
    fn headings_know_their_lines() {
        let body = parse_str("Intro\n\n## Een\n\ntekst\n\n### Twee\n");
        let lines: Vec<_> = body.headings.iter().map(|h| (h.level, h.line)).collect();
        assert_eq!(lines, [(2, 3), (3, 7)]);
    }

    #[test]
    fn headings_know_where_they_start_in_the_html() {
        let body = parse_str("Intro\n\n## Een\n\ntekst\n\n### Twee\n\nslot\n");
        for heading in &body.headings {
            let at = &body.html[heading.html_start..];
            assert!(
                at.starts_with(&format!("<h{} id=\"{}\"", heading.level, heading.id)),
                "{at}"
            );
        }
        let een = &body.headings[0];
        let twee = &body.headings[1];
        assert_eq!(
            &body.html[een.html_start..twee.html_start],
            "<h2 id=\"een\">Een</h2>\n<p>tekst</p>\n"
        );
    }
}
