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
//! the event list: the note's own HTML made safe (`raw_html`), adjacent texts merged, block ids, task states, callouts, inline footnotes,
//! highlights, tags, math, Mermaid, and last the pass here (links, embeds, images, headings,
//! search text). Positions inside the HTML (headings, blocks) come from markers resolved after
//! rendering.

pub mod base_blocks;
mod block_ids;
mod callout_icons;
mod callouts;
mod comments;
mod embeds;
mod events;
mod excerpt;
mod footnotes;
mod highlight;
mod left_out;
mod links;
mod main_pass;
mod markers;
mod math;
mod mermaid;
mod obsidian_links;
mod raw_html;
mod tags;
mod tasks;

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser};

use crate::config::Language;
use crate::diagnostic::LineIndex;
use crate::packed_str::PackedStr;

pub use left_out::left_out;
pub use links::normalize;
pub use raw_html::RawHtmlFindings;

use events::Ev;
use main_pass::MainPass;
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
    /// The HTML while the passes write it; packed into `packed_html` when parsing ends.
    pub(in crate::markdown) html: String,
    packed_html: PackedStr,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub external_links: Vec<ExternalLink>,
    /// Images and their alt text as written, for editorial checks: `(line, alt)`.
    pub images: Vec<(usize, String)>,
    /// The plain text (for search and excerpts) while the passes write it; packed into
    /// `packed_text` when parsing ends.
    pub(in crate::markdown) text: String,
    packed_text: PackedStr,
    /// The start of the text (`excerpt`), until the note takes it.
    excerpt: Option<String>,
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
    /// Links and images left out because their address runs code (`url_safety`):
    /// `(line, why)`.
    pub unsafe_links: Vec<(usize, crate::message::Message)>,
    /// What was left out of the note's own HTML (`raw_html`).
    pub raw_html: RawHtmlFindings,
    /// Images on another website, shown as links to them: `(line, url)`.
    pub external_images: Vec<(usize, String)>,
    /// ```` ```base ```` blocks; block *i* is `<kb-base data-i="i"></kb-base>` in `html`.
    pub bases: Vec<base_blocks::BaseBlock>,
}

impl ParsedBody {
    /// The body as HTML: headings, block ids and embeds give offsets into it.
    pub fn html(&self) -> String {
        self.packed_html.unpack()
    }

    pub fn html_len(&self) -> usize {
        self.packed_html.len()
    }

    /// The HTML as kept, to compare without unpacking it.
    pub fn packed_html(&self) -> &PackedStr {
        &self.packed_html
    }

    /// The body's plain text, for search and excerpts.
    pub fn text(&self) -> String {
        self.packed_text.unpack()
    }

    /// The start of the text, for lists (`excerpt`); taken once, by the note.
    pub fn take_excerpt(&mut self) -> Option<String> {
        self.excerpt.take()
    }

    /// Replaces the HTML (for tests of what reads it).
    pub fn set_html(&mut self, html: &str) {
        self.packed_html = PackedStr::new(html);
    }

    /// Packs what the passes wrote: every note's is kept for the whole build.
    fn pack(&mut self) {
        self.packed_html = PackedStr::new(&std::mem::take(&mut self.html));
        self.excerpt = excerpt::excerpt_of(&self.text);
        self.packed_text = PackedStr::new(&std::mem::take(&mut self.text));
    }
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
    /// `markdown.raw_html` in the config: with `false`, HTML in a note is shown as text.
    pub raw_html: bool,
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
        // The one place raw HTML from the note is let through (made safe: `raw_html`) or, with
        // `markdown.raw_html: false`, shown as text (HTML the passes below make is not touched).
        .map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) if !pos.raw_html => {
                (Event::Text(html), range)
            }
            other => (other, range),
        })
        .collect();
    let parsed = match pos.raw_html {
        true => raw_html::apply(parsed, &lines, &mut out),
        false => parsed,
    };
    let mut evs = events::merge_texts(parsed);
    let blocks = block_ids::apply(&mut evs, &mut markers, &lines, &mut out);
    tasks::apply(&mut evs, &mut markers, language);
    let evs = callouts::apply(evs, language);
    let evs = footnotes::apply(evs);
    let evs = highlight::apply(evs);
    let evs = tags::apply(evs, &lines, &mut out);
    let evs = math::apply(evs, &source.text, &mut out);
    let evs = mermaid::apply(evs, &mut out, language);
    let evs = base_blocks::apply(evs, &lines, &mut out);
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
    // Kept for the whole build, every note's: packed, and without the spare room they grew
    // into (a vector grown by doubling can hold twice what it needs).
    out.pack();
    out.links.shrink_to_fit();
    out
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
            raw_html: true,
        };
        parse_in(body, &pos, language)
    }

    /// `count` texts of `len` pieces each, chosen by a fixed pseudo-random sequence, for tests
    /// that throw broken syntax at a pass.
    pub fn random_texts(pieces: &[&str], count: usize, len: usize) -> Vec<String> {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..count)
            .map(|_| {
                (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        pieces[(seed >> 33) as usize % pieces.len()]
                    })
                    .collect()
            })
            .collect()
    }

    /// The HTML of a small body, for tables of cases.
    pub fn html(body: &str) -> String {
        parse_str(body).html()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{parse_str, random_texts};

    #[test]
    fn markers_leave_no_trace_in_the_html() {
        let body = parse_str("<div>x</div>\n\n## Kop\n\n- [ ] taak ^blok\n");
        assert!(!body.html().contains('\u{FDD0}'), "{}", body.html());
        assert_eq!(
            body.html(),
            "<div>x</div>\n<h2 id=\"kop\">Kop</h2>\n<ul>\n<li id=\"^blok\" class=\"task-list-item\" data-task=\"\"><input disabled=\"\" type=\"checkbox\" aria-label=\"Nog te doen\"/>\ntaak</li>\n</ul>\n"
        );
    }

    #[test]
    fn a_title_only_callout_does_not_run_into_the_next_words() {
        let body = parse_str("> [!tip] Titel\n\nVolgende alinea\n");
        assert_eq!(body.text(), "Titel\nVolgende alinea\n");
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
        for body in random_texts(PIECES, 3000, 12) {
            let parsed = parse_str(&body);
            assert!(
                !parsed.html().contains('\u{FDD0}'),
                "{body:?}: {}",
                parsed.html()
            );
            for block in &parsed.block_ids {
                assert!(
                    parsed.html().get(block.html_range.clone()).is_some(),
                    "{body:?}"
                );
            }
            for heading in &parsed.headings {
                assert!(
                    parsed.html()[heading.html_start..].starts_with("<h"),
                    "{body:?}"
                );
            }
        }
    }

    #[test]
    fn text_for_search_has_no_markup_or_comments() {
        let body = parse_str("Een %%geheim%% **vet** woord ^blok\n");
        assert_eq!(body.text().trim(), "Een  vet woord");
    }
}
