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

use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use pulldown_cmark::{CowStr, Event, Tag as MdTag, TagEnd};

use super::events::Ev;
use super::{Lines, ParsedBody, embeds};
use crate::url_safety::unsafe_scheme;

/// Why a piece of HTML was left out; the words of the messages (`note.rs` frames them).
pub(crate) mod why {
    use crate::message;
    use crate::message::Message;

    pub fn script() -> Message {
        Message::new("`<script>` voert code uit", "`<script>` runs code")
    }
    pub fn handler(name: &str) -> Message {
        message!("`{name}=` voert code uit", "`{name}=` runs code")
    }
    pub fn address(name: &str, problem: &Message) -> Message {
        problem.within(&format!("`{name}=`: {{}}"), &format!("`{name}=`: {{}}"))
    }
    pub fn element(name: &str) -> Message {
        message!(
            "`<{name}>` verandert waar de pagina heen gaat of wat ze laadt",
            "`<{name}>` changes where the page goes or what it loads"
        )
    }
    pub fn elsewhere(element: &str, url: &str) -> Message {
        message!(
            "`<{element}>` laadt `{url}` van een andere website, en dat blokkeert het beveiligingsbeleid van de site: link er liever naar",
            "`<{element}>` loads `{url}` from another website, which the site's security policy blocks: link to it instead"
        )
    }
    pub fn style(name: &str) -> Message {
        message!(
            "`{name}` wordt geblokkeerd door het beveiligingsbeleid van de site: gebruik `cssclasses`",
            "`{name}` is blocked by the site's security policy: use `cssclasses` instead"
        )
    }
}

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

/// Attributes that hold an address (or, `srcset` and `ping`, a list of them).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "background",
    "cite",
    "data",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "icon",
    // SVG animation sets another attribute (`attributeName="href"`) to these.
    "to",
    "from",
    "by",
    "values",
];

/// Elements left out with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Elements left out themselves (their content, if any, stays): a `<base>` changes every
/// link of the page, a `<meta>` can send the reader elsewhere, `<plaintext>` swallows the rest
/// of the page.
const DROPPED: &[&str] = &["base", "meta", "link", "plaintext"];

/// Cleans every piece of raw HTML in `events` (the parser's output, before the other passes).
pub(crate) fn apply<'a>(
    events: Vec<Ev<'a>>,
    lines: &Lines<'_>,
    out: &mut ParsedBody,
) -> Vec<Ev<'a>> {
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

/// One piece of raw HTML, cleaned; lines are counted from 0 within the piece.
#[derive(Debug, Default)]
struct Cleaned {
    html: String,
    runs_code: Vec<(usize, crate::message::Message)>,
    blocked: Vec<(usize, crate::message::Message)>,
    elsewhere: Vec<(usize, crate::message::Message)>,
    external_images: Vec<(usize, String)>,
    links_opened: usize,
    links_closed: usize,
}

fn clean(html: &str, inside_link: bool) -> Cleaned {
    let sink = Sink {
        state: RefCell::new(State {
            inside_link,
            ..State::default()
        }),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.state.into_inner().out
}

#[derive(Default)]
struct State {
    out: Cleaned,
    /// Inside `<script>` or `<style>`: nothing is written until its end tag.
    dropping: bool,
    inside_link: bool,
}

struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        let line = usize::try_from(line_number).unwrap_or(1).saturating_sub(1);
        match token {
            Token::TagToken(tag) => return state.tag(tag, line),
            Token::CharacterTokens(text) if !state.dropping => {
                state.out.html.push_str(&super::escape_html(&text))
            }
            // Comments, doctypes, NUL, parse errors and the end: nothing to write.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: Tag, line: usize) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if self.dropping {
            if tag.kind == TagKind::EndTag && DROPPED_WITH_CONTENT.contains(&name) {
                self.dropping = false;
            }
            return TokenSinkResult::Continue;
        }
        if !is_plain_name(name) {
            return TokenSinkResult::Continue;
        }
        if tag.kind == TagKind::EndTag {
            if name == "a" {
                self.out.links_closed += 1;
            }
            if !DROPPED.contains(&name) && !DROPPED_WITH_CONTENT.contains(&name) {
                self.out.html.push_str(&format!("</{name}>"));
            }
            return TokenSinkResult::Continue;
        }
        match name {
            "script" => {
                self.out.runs_code.push((line, why::script()));
                self.dropping = true;
                return TokenSinkResult::RawData(RawKind::ScriptData);
            }
            "style" => {
                self.out.blocked.push((line, why::style("<style>")));
                self.dropping = true;
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            _ if DROPPED.contains(&name) => {
                self.out.runs_code.push((line, why::element(name)));
                return TokenSinkResult::Continue;
            }
            _ => {}
        }
        let mut kept: Vec<(String, String)> = Vec::with_capacity(tag.attrs.len());
        for attr in &tag.attrs {
            let attr_name: &str = &attr.name.local;
            if !is_plain_name(attr_name) {
                continue;
            }
            if attr_name.starts_with("on") {
                self.out.runs_code.push((line, why::handler(attr_name)));
                continue;
            }
            if attr_name == "srcdoc" {
                // A page of its own inside the frame, with its own scripts.
                self.out.runs_code.push((line, why::handler(attr_name)));
                continue;
            }
            if attr_name == "style" {
                self.out.blocked.push((line, why::style("style=")));
                continue;
            }
            if URL_ATTRIBUTES.contains(&attr_name)
                && let Some(problem) = unsafe_address(name, attr_name, &attr.value)
            {
                self.out
                    .runs_code
                    .push((line, why::address(attr_name, &problem)));
                continue;
            }
            if matches!(attr_name, "src" | "data") && name != "img" && is_external(&attr.value) {
                // Kept (a page without the policy still shows it), but the editor is told.
                self.out
                    .elsewhere
                    .push((line, why::elsewhere(name, attr.value.trim())));
            }
            if let Some(url) = external_image_candidate(attr_name, &attr.value) {
                // `srcset` and `poster` only ever load an image: without it the element
                // still shows its `src` or nothing.
                self.out.external_images.push((line, url));
                continue;
            }
            kept.push((attr_name.to_string(), attr.value.to_string()));
        }
        if name == "img"
            && let Some(src) = kept
                .iter()
                .find(|(n, _)| n == "src")
                .map(|(_, v)| v.clone())
            && is_external(&src)
        {
            self.out.external_images.push((line, src.clone()));
            let alt = kept
                .iter()
                .find(|(n, _)| n == "alt")
                .map(|(_, v)| v.trim().to_string())
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| embeds::file_stem(&src));
            self.out
                .html
                .push_str(&external_image(&src, &alt, self.inside_link));
            return TokenSinkResult::Continue;
        }
        if name == "a" {
            self.out.links_opened += 1;
        }
        let html = &mut self.out.html;
        html.push('<');
        html.push_str(name);
        for (attr_name, value) in &kept {
            html.push_str(&format!(" {attr_name}=\"{}\"", super::escape_html(value)));
        }
        html.push_str(if tag.self_closing { " />" } else { ">" });
        TokenSinkResult::Continue
    }
}

/// Names a browser reads the same way wherever they stand: letters, digits, `-`, `_`, `:`,
/// `.`. Anything else (a stray quote in `<a "x=1>`) is left out rather than guessed at.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

/// Why an address attribute must go, or `None`. `srcset` and `ping` hold lists; SVG
/// animation `values` a `;`-separated one.
fn unsafe_address(element: &str, attr: &str, value: &str) -> Option<crate::message::Message> {
    let is_image = matches!(
        (element, attr),
        ("img", "src" | "srcset" | "lowsrc" | "dynsrc")
            | ("source", "srcset")
            | ("input", "src")
            | ("image", "href" | "xlink:href")
            | (_, "poster")
    );
    let parts: Vec<&str> = match attr {
        "srcset" | "imagesrcset" => value
            .split(',')
            .map(|candidate| candidate.split_whitespace().next().unwrap_or(""))
            .collect(),
        "ping" => value.split_whitespace().collect(),
        "values" => value.split(';').collect(),
        _ => vec![value],
    };
    parts
        .into_iter()
        .find_map(|url| unsafe_scheme(url, is_image))
}

/// The first address on another website in a `srcset` or `poster`, if any.
fn external_image_candidate(attr: &str, value: &str) -> Option<String> {
    let candidates: Vec<&str> = match attr {
        "srcset" | "imagesrcset" => value
            .split(',')
            .filter_map(|candidate| candidate.split_whitespace().next())
            .collect(),
        "poster" => vec![value.trim()],
        _ => return None,
    };
    candidates
        .into_iter()
        .find(|url| is_external(url))
        .map(str::to_string)
}

/// An address on another website (`https://…`, `//…`): browsers would load it from there.
pub(crate) fn is_external(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// What an image from another website becomes: a link to it with its alt text (or only the
/// text inside another link), since the page itself must not load it.
pub(crate) fn external_image(src: &str, alt: &str, inside_link: bool) -> String {
    let alt = super::escape_html(alt);
    if inside_link {
        return alt;
    }
    format!(
        "<a class=\"external-image\" href=\"{}\">{alt}</a>",
        super::escape_html(src)
    )
}

#[cfg(test)]
mod tests {
    use super::clean;

    fn cleaned(html: &str) -> String {
        clean(html, false).html
    }

    #[test]
    fn ordinary_html_stays_as_written() {
        for html in [
            "<div class=\"kader\">\n<p>Tekst &amp; meer</p>\n</div>\n",
            "<details><summary>Meer</summary>x</details>",
            "<a href=\"https://a.nl/\" title=\"A\">",
            "<img src=\"foto.png\" alt=\"Foto\" />",
            "</span>",
            "<sup>2</sup>",
        ] {
            assert_eq!(cleaned(html), html);
        }
    }

    #[test]
    fn what_runs_code_is_left_out_in_any_spelling() {
        for (html, expected) in [
            ("<a href=\"javascript:alert(1)\">", "<a>"),
            ("<a href='&#106;avascript:alert(1)'>", "<a>"),
            ("<a HREF=java&#x09;script:x>", "<a>"),
            ("<img src=\"javascript:x\" alt=\"a\">", "<img alt=\"a\">"),
            ("<form action=\"javascript:x\">", "<form>"),
            ("<button formaction=\"vbscript:x\">", "<button>"),
            ("<video poster=\"javascript:x\">", "<video>"),
            ("<img srcset=\"a.png 1x, javascript:x 2x\">", "<img>"),
            ("<svg><a xlink:href=\"javascript:x\">", "<svg><a>"),
            (
                "<svg><set attributeName=\"href\" to=\"javascript:x\"/>",
                "<svg><set attributename=\"href\" />",
            ),
            ("<iframe src=\"data:text/html,x\">", "<iframe>"),
            ("<iframe srcdoc=\"&lt;script&gt;x\">", "<iframe>"),
            ("<div onclick=\"x()\" OnMouseOver=y>a</div>", "<div>a</div>"),
            ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
            ("<script src=\"/x.js\"></script>", ""),
            ("<base href=\"https://a.nl/\">", ""),
            ("<meta http-equiv=\"refresh\" content=\"0;url=x\">", ""),
        ] {
            assert_eq!(cleaned(html), expected, "{html}");
            assert!(!clean(html, false).runs_code.is_empty(), "{html}");
        }
    }

    #[test]
    fn images_may_be_data_images() {
        let html = "<img src=\"data:image/png;base64,AAAA\">";
        assert_eq!(cleaned(html), html);
        assert_eq!(cleaned("<a href=\"data:image/png;base64,AA\">"), "<a>");
    }

    #[test]
    fn styles_the_policy_blocks_are_left_out() {
        let found = clean(
            "<span style=\"color:red\">x</span><style>p{}</style>",
            false,
        );
        assert_eq!(found.html, "<span>x</span>");
        assert_eq!(found.blocked.len(), 2);
        assert!(found.runs_code.is_empty());
    }

    #[test]
    fn frames_and_media_from_other_websites_are_reported() {
        let html = "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>";
        let found = clean(html, false);
        assert_eq!(found.html, html);
        assert_eq!(found.elsewhere.len(), 1);
        assert!(
            found.elsewhere[0].1.nl().contains("youtube"),
            "{:?}",
            found.elsewhere
        );
        assert!(
            clean("<video src=\"film.mp4\">", false)
                .elsewhere
                .is_empty()
        );
    }

    #[test]
    fn a_tag_cut_off_at_the_end_cannot_swallow_what_follows() {
        assert_eq!(cleaned("<div title=\"a\n"), "");
        assert_eq!(cleaned("<p>x</p><a href="), "<p>x</p>");
        // What a browser would read as one tag is one tag here too.
        assert_eq!(
            cleaned("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"),
            "<noscript><p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\">"
        );
        assert_eq!(cleaned("<!-- <img src=x onerror=y> -->a"), "a");
    }

    #[test]
    fn problems_know_their_line_in_the_piece() {
        let found = clean("<div>\n<p\n onclick=\"x\">\n</div>\n", false);
        assert_eq!(found.runs_code.len(), 1);
        assert_eq!(found.runs_code[0].0, 2);
    }

    #[test]
    fn an_image_from_another_website_becomes_a_link() {
        let found = clean("<img src=\"https://a.nl/bus.jpg\" alt=\"Een bus\">", false);
        assert_eq!(
            found.html,
            "<a class=\"external-image\" href=\"https://a.nl/bus.jpg\">Een bus</a>"
        );
        assert_eq!(
            found.external_images,
            [(0, "https://a.nl/bus.jpg".to_string())]
        );
        assert_eq!(clean("<img src=//a.nl/bus.jpg>", true).html, "bus");
        let found = clean(
            "<picture><source srcset=\"https://a.nl/b.webp 1x\"><img src=\"b.png\" srcset=\"b2.png 2x, https://a.nl/b3.png 3x\"></picture>",
            false,
        );
        assert_eq!(found.html, "<picture><source><img src=\"b.png\"></picture>");
        assert_eq!(found.external_images.len(), 2);
    }
}
