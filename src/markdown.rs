//! Stage 2b, parse the Markdown body: one pass over pulldown-cmark's events gives the HTML
//! (with placeholders where note links go), the headings with their ids, the links with the
//! file lines they stand on, and the plain text for search.
//!
//! Links to other notes are left as placeholders because their URLs are only known after every
//! note is parsed; `render` fills them in, so a changed target never forces a re-parse.

use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::LineIndex;
use crate::safelinks;
use crate::slug::slugify;

/// What a placeholder `href` looks like: `kb:link:3` is link 3 of the note.
pub const PLACEHOLDER: &str = "kb:link:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// 1-based line in the note file, for editorial checks.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// `[[name]]`, `[[name#fragment]]`.
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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedBody {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub external_links: Vec<ExternalLink>,
    /// Images and their alt text, for editorial checks: `(line, alt)`.
    pub images: Vec<(usize, String)>,
    /// Links left out because their address runs code (`url_safety`): `(line, why)`.
    pub unsafe_links: Vec<(usize, String)>,
    pub text: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
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

struct OpenLink {
    index: Option<usize>,
    is_wiki_without_label: bool,
    label: String,
    external: Option<usize>,
    /// Left out (an unsafe address): its text stays, without the link.
    dropped: bool,
}

pub fn parse(body: &str, pos: &BodyPosition<'_>) -> ParsedBody {
    let mut out = ParsedBody::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    // (event index, level, explicit id, text, line)
    let mut heading: Option<(usize, HeadingLevel, Option<CowStr<'_>>, String, usize)> = None;
    let mut open_links: Vec<OpenLink> = Vec::new();
    let mut used_ids: Vec<String> = Vec::new();
    let mut image_alt: Option<(usize, String)> = None;
    // Top-level lists, so a reading list can tell its items from links in other text.
    let mut list_depth = 0usize;
    let mut lists_seen = 0usize;
    let mut list: Option<usize> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let line = pos.lines.line_of(pos.body_offset + range.start);
        let event = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((events.len(), level, id, String::new(), line));
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, _, explicit_id, text, heading_line)) = heading.take() {
                    let id = unique_id(
                        explicit_id
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| slugify(&text)),
                        &mut used_ids,
                    );
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(id.clone().into());
                    }
                    out.headings.push(Heading {
                        level: level as u8,
                        text: text.trim().into(),
                        id,
                        line: heading_line,
                    });
                }
                // A heading's words must not run into the paragraph after it in the text.
                out.text.push('\n');
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::List(start)) => {
                if list_depth == 0 {
                    list = Some(lists_seen);
                    lists_seen += 1;
                }
                list_depth += 1;
                Event::Start(Tag::List(start))
            }
            Event::End(TagEnd::List(ordered)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    list = None;
                }
                Event::End(TagEnd::List(ordered))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let written = written_form(body, range.clone(), link_type);
                let (event, open) = start_link(
                    link_type, dest_url, title, id, line, written, pos, &mut out, false,
                );
                mark_list(&mut out, &open, list);
                open_links.push(open);
                event
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let written = written_form(body, range.clone(), link_type);
                image_alt = Some((line, String::new()));
                let (event, open) = start_link(
                    link_type, dest_url, title, id, line, written, pos, &mut out, true,
                );
                mark_list(&mut out, &open, list);
                open_links.push(open);
                event
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                let dropped = open_links.last().is_some_and(|o| o.dropped);
                if let Some(open) = open_links.pop() {
                    if let Some(i) = open.index {
                        out.links[i].label = open.label.trim().to_string();
                    }
                    if let Some(i) = open.external {
                        out.external_links[i].label = open.label.trim().to_string();
                    }
                }
                if end == TagEnd::Image
                    && let Some(alt) = image_alt.take()
                {
                    out.images.push((alt.0, alt.1.trim().to_string()));
                }
                match dropped {
                    true => Event::Text(CowStr::Borrowed("")),
                    false => Event::End(end),
                }
            }
            // The one place raw HTML is let through or not.
            Event::Html(html) | Event::InlineHtml(html) if !pos.raw_html => Event::Text(html),
            Event::Text(text) => {
                note_text(
                    &text,
                    &mut out,
                    &mut heading,
                    &mut open_links,
                    &mut image_alt,
                );
                match open_links.last() {
                    Some(open) if open.is_wiki_without_label => {
                        Event::Text(text.replace('#', " › ").into())
                    }
                    _ => Event::Text(text),
                }
            }
            Event::Code(code) => {
                note_text(
                    &code,
                    &mut out,
                    &mut heading,
                    &mut open_links,
                    &mut image_alt,
                );
                Event::Code(code)
            }
            Event::End(
                end @ (TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock),
            ) => {
                out.text.push('\n');
                Event::End(end)
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                event
            }
            other => other,
        };
        events.push(event);
    }
    out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

fn mark_list(out: &mut ParsedBody, open: &OpenLink, list: Option<usize>) {
    if let Some(i) = open.index {
        out.links[i].list = list;
    }
    if let Some(i) = open.external {
        out.external_links[i].list = list;
    }
}

fn note_text(
    text: &str,
    out: &mut ParsedBody,
    heading: &mut Option<(usize, HeadingLevel, Option<CowStr<'_>>, String, usize)>,
    open_links: &mut [OpenLink],
    image_alt: &mut Option<(usize, String)>,
) {
    out.text.push_str(text);
    if let Some((_, _, _, heading_text, _)) = heading {
        heading_text.push_str(text);
    }
    if let Some(open) = open_links.last_mut() {
        open.label.push_str(text);
    }
    if let Some((_, alt)) = image_alt {
        alt.push_str(text);
    }
}

#[allow(clippy::too_many_arguments)]
fn start_link<'a>(
    link_type: LinkType,
    dest_url: CowStr<'a>,
    title: CowStr<'a>,
    id: CowStr<'a>,
    line: usize,
    written: String,
    pos: &BodyPosition<'_>,
    out: &mut ParsedBody,
    is_image: bool,
) -> (Event<'a>, OpenLink) {
    let mut open = OpenLink {
        index: None,
        is_wiki_without_label: matches!(link_type, LinkType::WikiLink { has_pothole: false }),
        label: String::new(),
        external: None,
        dropped: false,
    };
    if let Some(problem) = crate::url_safety::unsafe_scheme(&dest_url, is_image) {
        out.unsafe_links.push((line, problem));
        open.dropped = true;
        return (Event::Text(CowStr::Borrowed("")), open);
    }
    let order = out.links.len() + out.external_links.len();
    let dest = match classify(&dest_url, link_type, pos) {
        Destination::Keep => dest_url,
        Destination::External(url) => {
            open.external = Some(out.external_links.len());
            out.external_links.push(ExternalLink {
                url: url.clone(),
                line,
                label: String::new(),
                is_image,
                order,
                list: None,
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
                list: None,
            });
            format!("{PLACEHOLDER}{index}").into()
        }
    };
    let tag = if is_image {
        Tag::Image {
            link_type,
            dest_url: dest,
            title,
            id,
        }
    } else {
        Tag::Link {
            link_type,
            dest_url: dest,
            title,
            id,
        }
    };
    (Event::Start(tag), open)
}

enum Destination {
    Keep,
    External(String),
    Rewritten(String),
    Internal(LinkTarget),
}

fn classify(dest: &str, link_type: LinkType, pos: &BodyPosition<'_>) -> Destination {
    if let LinkType::WikiLink { .. } = link_type {
        let (name, fragment) = split_fragment(dest);
        let name = name.trim();
        if looks_like_file(name) {
            return Destination::Internal(file_target(name, pos));
        }
        let name = name.strip_suffix(".md").unwrap_or(name);
        return Destination::Internal(LinkTarget::Wiki {
            name: name.to_string(),
            fragment,
        });
    }
    if link_type == LinkType::Email || dest.starts_with('#') || dest.is_empty() {
        return Destination::Keep;
    }
    if has_scheme(dest) {
        return match dest
            .split(':')
            .next()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("http" | "https") => Destination::External(safelinks::clean(dest)),
            _ => Destination::Keep,
        };
    }
    if let Some(rooted) = dest.strip_prefix('/') {
        if dest.starts_with("//") {
            return Destination::Keep;
        }
        return Destination::Rewritten(format!("{}{rooted}", pos.base_path));
    }
    let (path, fragment) = split_fragment(dest);
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    if decoded.to_ascii_lowercase().ends_with(".md") {
        let base = pos.note_path.parent().unwrap_or(Path::new(""));
        return Destination::Internal(LinkTarget::NotePath {
            path: normalize(&base.join(&decoded)),
            fragment,
        });
    }
    Destination::Internal(file_target(&decoded, pos))
}

fn file_target(name: &str, pos: &BodyPosition<'_>) -> LinkTarget {
    let base = pos.note_path.parent().unwrap_or(Path::new(""));
    LinkTarget::File {
        path: normalize(&base.join(name)),
        name: name.rsplit('/').next().unwrap_or(name).to_string(),
    }
}

/// A wikilink to `foto.jpg` or `verslag.pdf` points at a file, not a note.
fn looks_like_file(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && !ext.eq_ignore_ascii_case("md")
                && (2..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && !ext.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

fn split_fragment(dest: &str) -> (&str, Option<String>) {
    match dest.split_once('#') {
        Some((path, fragment)) => (
            path,
            Some(fragment.trim().to_string()).filter(|f| !f.is_empty()),
        ),
        None => (dest, None),
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) if i > 0 => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// Resolves `.` and `..` without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
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

fn written_form(body: &str, range: std::ops::Range<usize>, link_type: LinkType) -> String {
    let source = body.get(range).unwrap_or("").trim();
    if matches!(link_type, LinkType::WikiLink { .. }) {
        return source.to_string();
    }
    // For `[text](dest)` the destination is what an editor looks for in a message.
    match source.rfind("](") {
        Some(i) => source[i + 1..].to_string(),
        None => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(body: &str) -> ParsedBody {
        let lines = LineIndex::new(body);
        let pos = BodyPosition {
            lines: &lines,
            body_offset: 0,
            note_path: Path::new("content/projecten/a.md"),
            base_path: "/kb/",
            raw_html: true,
        };
        parse(body, &pos)
    }

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
    fn wikilinks_become_placeholders_with_lines() {
        let body = parse_str("Eerste regel\n\nZie [[Golden Sports#Resultaten|de resultaten]].\n");
        assert_eq!(body.links.len(), 1);
        let link = &body.links[0];
        assert_eq!(link.line, 3);
        assert_eq!(link.label, "de resultaten");
        assert_eq!(
            link.target,
            LinkTarget::Wiki {
                name: "Golden Sports".into(),
                fragment: Some("Resultaten".into())
            }
        );
        assert!(body.html.contains(r#"href="kb:link:0""#), "{}", body.html);
    }

    #[test]
    fn relative_note_links_resolve_against_the_note_folder() {
        let body = parse_str("[x](../publicaties/lexicon%20nabijheid.md#lemma)\n");
        assert_eq!(
            body.links[0].target,
            LinkTarget::NotePath {
                path: "content/publicaties/lexicon nabijheid.md".into(),
                fragment: Some("lemma".into())
            }
        );
    }

    #[test]
    fn safelinks_are_unwrapped_in_href_and_text() {
        let body = parse_str(
            "[pdf](https://eur05.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.nl%2Fb&data=1)\n",
        );
        assert!(
            body.html.contains(r#"href="https://a.nl/b""#),
            "{}",
            body.html
        );
        assert_eq!(body.external_links[0].url, "https://a.nl/b");
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let body = parse_str("[tags](/trefwoorden/)\n");
        assert!(
            body.html.contains(r#"href="/kb/trefwoorden/""#),
            "{}",
            body.html
        );
    }

    #[test]
    fn images_and_files_are_internal() {
        let body = parse_str("![Buurtbus](buurtbus.jpg)\n\n![[foto.png]]\n");
        assert_eq!(body.links.len(), 2);
        assert!(body.links.iter().all(|l| l.is_image));
        assert_eq!(body.images[0], (1, "Buurtbus".into()));
    }

    #[test]
    fn headings_know_their_lines() {
        let body = parse_str("Intro\n\n## Een\n\ntekst\n\n### Twee\n");
        let lines: Vec<_> = body.headings.iter().map(|h| (h.level, h.line)).collect();
        assert_eq!(lines, [(2, 3), (3, 7)]);
    }

    #[test]
    fn links_know_their_order_across_internal_and_external() {
        let body = parse_str("[a](https://a.nl/) en [[B]]\n\n[[C]] en [d](https://d.nl/)\n");
        let internal: Vec<_> = body.links.iter().map(|l| l.order).collect();
        let external: Vec<_> = body.external_links.iter().map(|l| l.order).collect();
        assert_eq!(internal, [1, 2]);
        assert_eq!(external, [0, 3]);
    }

    #[test]
    fn wikilink_without_label_shows_heading_readably() {
        let body = parse_str("[[Sociale basis#Definitie]]\n");
        assert!(
            body.html.contains("Sociale basis › Definitie"),
            "{}",
            body.html
        );
    }
}
