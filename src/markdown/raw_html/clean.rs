//! One piece of raw HTML read with html5ever's tokenizer and written out again from its
//! tokens, without what runs code or what the site's security policy blocks.

use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::super::embeds;
use super::addresses::{
    URL_ATTRIBUTES, external_image, external_image_candidate, is_external, unsafe_address,
};

/// Why a piece of HTML was left out; the words of the messages (`left_out.rs` frames them).
mod why {
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

/// Elements left out with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Elements left out themselves (their content, if any, stays): a `<base>` changes every
/// link of the page, a `<meta>` can send the reader elsewhere, `<plaintext>` swallows the rest
/// of the page.
const DROPPED: &[&str] = &["base", "meta", "link", "plaintext"];

/// One piece of raw HTML, cleaned; lines are counted from 0 within the piece.
#[derive(Debug, Default)]
pub(super) struct Cleaned {
    pub(super) html: String,
    pub(super) runs_code: Vec<(usize, crate::message::Message)>,
    pub(super) blocked: Vec<(usize, crate::message::Message)>,
    pub(super) elsewhere: Vec<(usize, crate::message::Message)>,
    pub(super) external_images: Vec<(usize, String)>,
    pub(super) links_opened: usize,
    pub(super) links_closed: usize,
}

pub(super) fn clean(html: &str, inside_link: bool) -> Cleaned {
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
                state.out.html.push_str(&super::super::escape_html(&text))
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
            html.push_str(&format!(
                " {attr_name}=\"{}\"",
                super::super::escape_html(value)
            ));
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
