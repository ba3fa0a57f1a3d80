//! `%%comments%%`, inline and across lines, leave the source before anything else reads it, so
//! they are never in the HTML, the search text, `data.json` or feeds. `%%` inside code (a
//! span or a block, or a formula) is text. An unclosed `%%` hides the rest of the note, as in Obsidian.
//!
//! The comment is cut out entirely (cutting is what Obsidian shows: no gap, no blank line that
//! would split a paragraph or indent a line into code); the cuts are kept so every later
//! offset still maps to its line in the file.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::options;

pub(crate) struct Stripped<'a> {
    pub text: Cow<'a, str>,
    /// `(offset in text, bytes cut before it in total)`, ascending.
    cuts: Vec<(usize, usize)>,
}

impl Stripped<'_> {
    /// The offset in the original body of an offset in the stripped text.
    pub(crate) fn original(&self, offset: usize) -> usize {
        match self.cuts.partition_point(|&(at, _)| at <= offset) {
            0 => offset,
            i => offset + self.cuts[i - 1].1,
        }
    }
}

pub(crate) fn strip(body: &str) -> Stripped<'_> {
    if !body.contains("%%") {
        return Stripped {
            text: Cow::Borrowed(body),
            cuts: Vec::new(),
        };
    }
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let delimiters: Vec<usize> = body
        .match_indices("%%")
        .map(|(i, _)| i)
        .filter(|&i| !in_code(i))
        .collect();
    let mut text = String::with_capacity(body.len());
    let mut cuts = Vec::new();
    let mut cut_total = 0;
    let mut copied_to = 0;
    let mut i = 0;
    while i < delimiters.len() {
        let open = delimiters[i];
        if open < copied_to {
            i += 1;
            continue;
        }
        // The next delimiter that does not overlap this one (`%%%` is not open and close).
        let close = delimiters[i + 1..].iter().copied().find(|&c| c >= open + 2);
        let end = close.map_or(body.len(), |c| c + 2);
        text.push_str(&body[copied_to..open]);
        cut_total += end - open;
        cuts.push((text.len(), cut_total));
        copied_to = end;
        i += 1;
    }
    text.push_str(&body[copied_to..]);
    Stripped {
        text: Cow::Owned(text),
        cuts,
    }
}

/// Where code spans, code blocks and formulas are, so `%%` in them stays.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Code(_)
                    | Event::InlineMath(_)
                    | Event::DisplayMath(_)
                    | Event::Start(Tag::CodeBlock(_))
            )
        })
        .map(|(_, range)| range)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{html, parse_str};
    use super::*;

    #[test]
    fn comments_are_cut_out() {
        let cases = [
            ("Een %%inline%% woord", "Een  woord"),
            ("a %%x%% b %%y%% c", "a  b  c"),
            ("voor\n%%\nblok\n\nmet alinea's\n%%\nna", "voor\n\nna"),
            ("open %% tot het eind\n\nnog", "open "),
            ("`%%code%%` en %%weg%%", "`%%code%%` en "),
            ("```\n%% blijft %%\n```\n", "```\n%% blijft %%\n```\n"),
            ("geen commentaar", "geen commentaar"),
            ("$a %%b%% c$ en %%weg%%", "$a %%b%% c$ en "),
        ];
        for (body, expected) in cases {
            assert_eq!(strip(body).text, expected, "{body}");
        }
    }

    #[test]
    fn lines_after_a_comment_are_still_right() {
        let body = parse_str("%%\neen\ntwee\n%%\n\n## Kop\n\n[[Doel]]\n");
        assert_eq!(body.headings[0].line, 6);
        assert_eq!(body.links[0].line, 8);
    }

    #[test]
    fn comments_never_reach_html_or_text() {
        let body = parse_str("Zichtbaar %%geheim%% tekst\n\n%%\n## Geheime kop\n%%\n");
        assert!(!body.html().contains("geheim"), "{}", body.html());
        assert!(!body.text().contains("geheim"));
        assert!(body.headings.is_empty());
        assert_eq!(html("a %%b%% c"), "<p>a  c</p>\n");
    }
}
