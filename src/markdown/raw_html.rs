//! HTML written in a note (`markdown.raw_html: true`) made safe to publish: what runs code is
//! left out (`<script>`, `on…=` handlers, `javascript:` and other addresses `url_safety`
//! refuses, in every attribute that holds an address), and so is what the site's
//! Content-Security-Policy would block anyway (`<style>`, `style=`), so a page shows what its
//! readers get. An image from another website becomes a link to it (pages load nothing from
//! third parties). Everything else stays as written.
//!
//! Each piece of raw HTML pulldown-cmark gives (an HTML block, or one inline tag) goes through
//! html5ever's tokenizer, the HTML standard's own, so a tag is read exactly as a browser reads
//! it (entities in `&#106;avascript:`, unquoted values, odd spacing), and is written out again
//! from its tokens: a tag cut off at the end of a block, which a browser would finish with the
//! HTML that follows, is left out; text is escaped; comments are left out (as Obsidian does not
//! show them, they are the writer's own notes).
//!
//! - `clean`: one piece of HTML through the tokenizer and out again, with the words of
//!   what is said about what was left out;
//! - `addresses`: attributes that hold addresses, and images from other websites.
//!
//! Here: `apply`, every piece of a body's raw HTML cleaned, its findings at their file lines.

use pulldown_cmark::{CowStr, Event, Tag as MdTag, TagEnd};

use super::events::Ev;
use super::{Lines, ParsedBody};

mod addresses;
mod clean;

pub(crate) use addresses::{external_image, is_external};
use clean::clean;

/// What cleaning one body's raw HTML found, each with its file line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawHtmlFindings {
    /// Left out because it runs code (or leads to an address that does): reported like an
    /// unsafe link (`url_safety::unsafe_url_level`).
    pub runs_code: Vec<(usize, crate::message::Message)>,
    /// Left out because the site's security policy blocks it: a warning.
    pub blocked: Vec<(usize, crate::message::Message)>,
    /// Kept, but loading from another website, which the policy blocks: a warning.
    pub elsewhere: Vec<(usize, crate::message::Message)>,
}

/// Cleans every piece of raw HTML in `events` (the parser's output, before the other passes).
pub(crate) fn apply<'a>(
    events: Vec<Ev<'a>>,
    lines: &Lines<'_>,
    out: &mut ParsedBody,
) -> Vec<Ev<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    {
        return events;
    }
    let mut result: Vec<Ev<'a>> = Vec::with_capacity(events.len());
    // Markdown links open around the HTML, and `<a>` opened by earlier pieces: an external
    // image inside a link shows its alt text, since a link cannot hold another.
    let mut md_links = 0usize;
    let mut html_links = 0usize;
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        let (html, is_block, range) = match event {
            Event::Html(html) => {
                // A block comes a line at a time; a tag may run over lines.
                let mut joined = html.into_string();
                let mut range = range;
                while let Some((Event::Html(next), next_range)) = events.peek() {
                    joined.push_str(next);
                    range.end = next_range.end;
                    events.next();
                }
                (joined, true, range)
            }
            Event::InlineHtml(html) => (html.into_string(), false, range),
            other => {
                match &other {
                    Event::Start(MdTag::Link { .. }) => md_links += 1,
                    Event::End(TagEnd::Link) => md_links = md_links.saturating_sub(1),
                    _ => {}
                }
                result.push((other, range));
                continue;
            }
        };
        let first_line = lines.of(range.start);
        let cleaned = clean(&html, md_links + html_links > 0);
        html_links = (html_links + cleaned.links_opened).saturating_sub(cleaned.links_closed);
        for (line, problem) in cleaned.runs_code {
            out.raw_html.runs_code.push((first_line + line, problem));
        }
        for (line, problem) in cleaned.blocked {
            out.raw_html.blocked.push((first_line + line, problem));
        }
        for (line, problem) in cleaned.elsewhere {
            out.raw_html.elsewhere.push((first_line + line, problem));
        }
        for (line, url) in cleaned.external_images {
            out.external_images.push((first_line + line, url));
        }
        let html = CowStr::from(cleaned.html);
        let event = if is_block {
            Event::Html(html)
        } else {
            Event::InlineHtml(html)
        };
        result.push((event, range));
    }
    result
}
