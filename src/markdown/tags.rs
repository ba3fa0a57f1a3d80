//! Inline `#tags`, as Obsidian reads them: `#` at the start of a word, then letters, digits,
//! `_`, `-`, `/` (nested `#a/b`) or other non-punctuation characters (emoji), and at least one
//! character that is not a digit (`#1984` is no tag). Not in code, links, or URLs (`#` inside a
//! word). The text stays as written, in `<span class="tag">`; the tag is recorded for the note.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::events::{Ev, rewrite_texts};
use super::{Lines, ParsedBody};

pub(crate) fn apply<'a>(
    events: Vec<Ev<'a>>,
    lines: &Lines<'_>,
    out: &mut ParsedBody,
) -> Vec<Ev<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains('#')))
    {
        return events;
    }
    rewrite_texts(events, |text, after_word, range| {
        split_tags(text, after_word, range, lines, out)
    })
}

fn split_tags<'a>(
    text: &str,
    after_word: bool,
    range: &Range<usize>,
    lines: &Lines<'_>,
    out: &mut ParsedBody,
) -> Option<Vec<Event<'a>>> {
    let found = find_tags(text, after_word);
    if found.is_empty() {
        return None;
    }
    let line = lines.of(range.start);
    let mut events = Vec::new();
    let mut from = 0;
    for tag in found {
        if tag.start > from {
            events.push(Event::Text(text[from..tag.start].to_string().into()));
        }
        let name = &text[tag.start + 1..tag.end];
        events.push(Event::InlineHtml(CowStr::Borrowed("<span class=\"tag\">")));
        events.push(Event::Text(text[tag.clone()].to_string().into()));
        events.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
        out.tags.push((name.to_string(), line));
        from = tag.end;
    }
    if from < text.len() {
        events.push(Event::Text(text[from..].to_string().into()));
    }
    Some(events)
}

/// The byte ranges of the tags in `text` (each from its `#`).
pub(crate) fn find_tags(text: &str, after_word: bool) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut previous: Option<char> = if after_word { Some('x') } else { None };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at_word_start = previous.is_none_or(char::is_whitespace);
        previous = Some(c);
        if c != '#' || !at_word_start {
            continue;
        }
        let mut end = i + 1;
        while let Some(&(j, next)) = chars.peek() {
            if !is_tag_char(next) {
                break;
            }
            end = j + next.len_utf8();
            previous = Some(next);
            chars.next();
        }
        let name = text[i + 1..end].trim_end_matches('/');
        let end = i + 1 + name.len();
        if !name.is_empty()
            && !name.starts_with('/')
            && name.chars().any(|c| !c.is_ascii_digit() && c != '/')
        {
            found.push(i..end);
        }
    }
    found
}

fn is_tag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/');
    }
    !(c.is_whitespace()
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || matches!(c, '«' | '»' | '¡' | '¿' | '·' | '\u{00A0}'))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse_str;
    use super::*;

    #[test]
    fn tags_are_found_as_obsidian_finds_them() {
        let cases: &[(&str, &[&str])] = &[
            ("#buurt", &["buurt"]),
            ("een #buurt en #zorg.", &["buurt", "zorg"]),
            ("#inbox/te-lezen", &["inbox/te-lezen"]),
            ("#camelCase #snake_case", &["camelCase", "snake_case"]),
            ("#y1984 maar niet #1984", &["y1984"]),
            ("#wijk/", &["wijk"]),
            ("#café #🌱groen", &["café", "🌱groen"]),
            ("a#b", &[]),
            ("https://x.nl/#anker", &[]),
            ("# los", &[]),
            ("(#haakjes)", &[]),
            ("#één, #twee", &["één", "twee"]),
        ];
        for (text, tags) in cases {
            let found: Vec<_> = find_tags(text, false)
                .into_iter()
                .map(|r| text[r.start + 1..r.end].to_string())
                .collect();
            assert_eq!(found, *tags, "{text}");
        }
    }

    #[test]
    fn tags_are_recorded_and_shown() {
        let body =
            parse_str("Over #buurt en\n\n`#code` [#link](https://a.nl) **x**#na\n\n## Kop #kop\n");
        let tags: Vec<_> = body.tags.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(tags, [("buurt", 1), ("kop", 5)]);
        assert!(
            body.html()
                .contains("Over <span class=\"tag\">#buurt</span> en"),
            "{}",
            body.html()
        );
        assert!(body.text().contains("#buurt"));
    }

    #[test]
    fn no_tags_in_code_blocks() {
        let body = parse_str("```\n#include <x>\n```\n\n    #ingesprongen\n");
        assert!(body.tags.is_empty(), "{:?}", body.tags);
    }
}
