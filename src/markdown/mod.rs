//! Stage 2b, parse the Markdown body: pulldown-cmark's events, rewritten by one small pass per
//! Obsidian construct, give the HTML (with placeholders where note links and embeds go), the
//! headings with their ids, the links with the file lines they stand on, and the plain text for
//! search.
//!
//! Links to other notes and embeds are left as placeholders because their targets are only
//! known after every note is parsed; `link` and `render` fill them in, so a note parses alone
//! and a changed target never forces a re-parse.
//!
//! The passes, in order: comments leave the source before pulldown-cmark sees it; then over
//! the event list: adjacent texts merged, block ids, task states, callouts, inline footnotes,
//! highlights, tags, math, Mermaid, and last the pass here (links, embeds, images, headings,
//! search text). Positions inside the HTML (headings, blocks) come from markers resolved after
//! rendering.

mod block_ids;
mod callout_icons;
mod callouts;
mod comments;
mod embeds;
mod events;
mod footnotes;
mod highlight;
mod links;
mod markers;
mod math;
mod mermaid;
mod obsidian_links;
mod tags;
mod tasks;

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::config::Language;
use crate::diagnostic::LineIndex;
use crate::slug::slugify;

pub use links::normalize;

use events::Ev;
use links::Destination;
use markers::Markers;

/// What a placeholder `href` looks like: `kb:link:3` is link 3 of the note.
pub const PLACEHOLDER: &str = "kb:link:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// 1-based line in the note file, for editorial checks.
    pub line: usize,
    /// Byte offset in `html` where its `<hN` starts (section embeds).
    pub html_start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `[[name]]`, `[[name#fragment]]`; `[[#fragment]]` has an empty name (this note).
    Wiki {
        name: String,
        fragment: Option<String>,
    },
    /// A relative Markdown link to another note, as a path under the site root.
    NotePath {
        path: PathBuf,
        fragment: Option<String>,
    },
    /// A relative link to a file beside the notes (an image, a PDF).
    File { path: PathBuf, name: String },
}

/// A link to another note or file, to be resolved by the link stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub target: LinkTarget,
    /// 1-based line in the note file.
    pub line: usize,
    /// The link as written, for messages: `[[Foo]]`, `(../x.md)`.
    pub written: String,
    /// The link's visible text.
    pub label: String,
    pub is_image: bool,
    /// Position among all links of the body, internal and external: a reading list's order.
    pub order: usize,
    /// The top-level list the link stands in (0 for the body's first list), if any.
    pub list: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub line: usize,
    pub label: String,
    pub is_image: bool,
    /// Position among all links of the body, internal and external.
    pub order: usize,
    /// The top-level list the link stands in (0 for the body's first list), if any.
    pub list: Option<usize>,
}

/// `![[target#fragment|label]]`: an embed of another note or of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedRef {
    /// The target as written before `#` and `|`: `Note`, `folder/Note`, `image.png`.
    pub target: String,
    /// After `#`: `Heading`, `A#B` (nested), `^blockid`, `page=3`; None if absent.
    pub fragment: Option<String>,
    /// After `|`, without a trailing size: alt text or label. None if absent or only a size.
    pub label: Option<String>,
    /// A trailing `|200` or `|200x100`.
    pub size: Option<(u32, Option<u32>)>,
    pub line: usize,
}

/// A `^blockid` anchor; the block element got `id="^blockid"`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockId {
    pub id: String,
    pub line: usize,
    /// The whole block element in `html`.
    pub html_range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedBody {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub external_links: Vec<ExternalLink>,
    /// Images and their alt text as written, for editorial checks: `(line, alt)`.
    pub images: Vec<(usize, String)>,
    pub text: String,
    /// `![[target]]` embeds; embed *i* is `<kb-embed data-i="i"></kb-embed>` in `html`.
    pub embeds: Vec<EmbedRef>,
    /// `^blockid` anchors.
    pub block_ids: Vec<BlockId>,
    /// Inline `#tags`, as written without `#`, with their lines.
    pub tags: Vec<(String, usize)>,
    /// The page has a ```mermaid block.
    pub has_mermaid: bool,
    /// The page has `$…$` or `$$…$$` math (rendered to MathML here).
    pub has_math: bool,
    /// `obsidian://` links, turned into plain text: `(url, line)`.
    pub obsidian_links: Vec<(String, usize)>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_MATH
}

/// Where the body sits in its file, to turn body offsets into file lines.
pub struct BodyPosition<'a> {
    pub lines: &'a LineIndex,
    pub body_offset: usize,
    /// The note's path under the site root, for relative links.
    pub note_path: &'a Path,
    /// The site's base path (`/kennisbank/`), for root-relative links.
    pub base_path: &'a str,
}

/// Turns an offset in the comment-free source into a line of the note file.
pub(crate) struct Lines<'a> {
    pos: &'a BodyPosition<'a>,
    source: &'a comments::Stripped<'a>,
}

impl Lines<'_> {
    pub(crate) fn of(&self, offset: usize) -> usize {
        self.pos
            .lines
            .line_of(self.pos.body_offset + self.source.original(offset))
    }
}

/// Parses with the interface text (callout types, notices) in Dutch.
pub fn parse(body: &str, pos: &BodyPosition<'_>) -> ParsedBody {
    parse_in(body, pos, Language::Nl)
}

/// Parses a note's body; `language` is the site's, for the few words parse itself writes.
pub fn parse_in(body: &str, pos: &BodyPosition<'_>, language: Language) -> ParsedBody {
    let source = comments::strip(body);
    let lines = Lines {
        pos,
        source: &source,
    };
    let mut out = ParsedBody::default();
    let mut markers = Markers::default();

    let parsed: Vec<Ev<'_>> = Parser::new_ext(&source.text, options())
        .into_offset_iter()
        .collect();
    let mut evs = events::merge_texts(parsed);
    let blocks = block_ids::apply(&mut evs, &mut markers, &lines, &mut out);
    tasks::apply(&mut evs, &mut markers);
    let evs = callouts::apply(evs, language);
    let evs = footnotes::apply(evs);
    let evs = highlight::apply(evs);
    let evs = tags::apply(evs, &lines, &mut out);
    let evs = math::apply(evs, &mut out);
    let evs = mermaid::apply(evs, &mut out, language);
    let mut heading_markers = Vec::new();
    let evs = MainPass::new(&source.text, pos, &lines, &mut out, &mut markers)
        .run(evs, &mut heading_markers);
    let evs = embeds::unwrap_alone(evs);

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, evs.into_iter().map(|(event, _)| event));
    let positions = markers.resolve(&html);
    out.html = positions.html;
    for (heading, marker) in out.headings.iter_mut().zip(heading_markers) {
        heading.html_start = positions.at[marker];
    }
    for (block, (start, end)) in out.block_ids.iter_mut().zip(blocks) {
        block.html_range = positions.at[start]..positions.at[end];
    }
    out
}

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
}

/// An embed being read: its label is the text after `|`.
struct OpenEmbed {
    dest: String,
    label: String,
    has_label: bool,
    line: usize,
}

/// The last pass: links, images, embeds, headings and the search text.
struct MainPass<'p, 'a> {
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
    fn new(
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

    fn run<'e>(mut self, input: Vec<Ev<'e>>, heading_markers: &mut Vec<usize>) -> Vec<Ev<'e>> {
        let mut events: Vec<Ev<'e>> = Vec::with_capacity(input.len());
        for (event, range) in input {
            let line = self.lines.of(range.start);
            if self.image.is_some() || self.embed.is_some() {
                if let Some(done) = self.inside_image(event, &range) {
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
                    let (dest, open) = self.start_link(link_type, dest_url, line, written, true);
                    self.open_links.push(open);
                    self.image = Some(OpenImage {
                        src: dest.to_string(),
                        name,
                        title: title.to_string(),
                        alt: String::new(),
                        line,
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
    fn inside_image<'e>(&mut self, event: Event<'e>, range: &Range<usize>) -> Option<Event<'e>> {
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
                    let _ = range;
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
                Some(Event::InlineHtml(
                    embeds::img_tag(&image.src, &shown_alt, &image.title, size).into(),
                ))
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

/// Escapes text for an HTML attribute or element.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    pub fn parse_str(body: &str) -> ParsedBody {
        parse_lang(body, Language::Nl)
    }

    pub fn parse_lang(body: &str, language: Language) -> ParsedBody {
        let lines = LineIndex::new(body);
        let pos = BodyPosition {
            lines: &lines,
            body_offset: 0,
            note_path: Path::new("content/projecten/a.md"),
            base_path: "/kb/",
        };
        parse_in(body, &pos, language)
    }

    /// The HTML of a small body, for tables of cases.
    pub fn html(body: &str) -> String {
        parse_str(body).html
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::parse_str;

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

    #[test]
    fn markers_leave_no_trace_in_the_html() {
        let body = parse_str("<div>x</div>\n\n## Kop\n\n- [ ] taak ^blok\n");
        assert!(!body.html.contains('\u{FDD0}'), "{}", body.html);
        assert_eq!(
            body.html,
            "<div>x</div>\n<h2 id=\"kop\">Kop</h2>\n<ul>\n<li id=\"^blok\" class=\"task-list-item\" data-task=\"\"><input disabled=\"\" type=\"checkbox\"/>\ntaak</li>\n</ul>\n"
        );
    }

    #[test]
    fn a_title_only_callout_does_not_run_into_the_next_words() {
        let body = parse_str("> [!tip] Titel\n\nVolgende alinea\n");
        assert_eq!(body.text, "Titel\nVolgende alinea\n");
    }

    /// Editors' mistakes never panic: every construct, cut off and combined at random.
    #[test]
    fn broken_and_combined_syntax_never_panics() {
        const PIECES: &[&str] = &[
            "> [!tip]- ",
            "> ",
            "[[",
            "]]",
            "![[",
            "|200x",
            "#",
            "#tag/",
            "==",
            "^[",
            "]",
            "^id",
            "%%",
            "$",
            "$$",
            "`",
            "```mermaid\n",
            "```\n",
            "- [?] ",
            "- [ ] ",
            "\n",
            "\n\n",
            "| a | b |\n|---|---|\n",
            "\\|",
            "é",
            "🌱",
            "<div>",
            "obsidian://x",
            "[x](",
            ")",
            "**",
            "\t",
            "1. ",
            "[^1]",
            "[^1]: n\n",
            "## ",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut body = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                body.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            let parsed = parse_str(&body);
            assert!(
                !parsed.html.contains('\u{FDD0}'),
                "{body:?}: {}",
                parsed.html
            );
            for block in &parsed.block_ids {
                assert!(
                    parsed.html.get(block.html_range.clone()).is_some(),
                    "{body:?}"
                );
            }
            for heading in &parsed.headings {
                assert!(
                    parsed.html[heading.html_start..].starts_with("<h"),
                    "{body:?}"
                );
            }
        }
    }

    #[test]
    fn text_for_search_has_no_markup_or_comments() {
        let body = parse_str("Een %%geheim%% **vet** woord ^blok\n");
        assert_eq!(body.text.trim(), "Een  vet woord");
    }
}
