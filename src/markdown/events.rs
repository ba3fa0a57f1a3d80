//! The event list the passes share, and what they ask of it: which events are inline, where
//! the inline runs (a paragraph's or a cell's content) begin and end.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// An event with its byte range in the (comment-free) source.
pub(crate) type Ev<'a> = (Event<'a>, Range<usize>);

/// Whether `event` opens a fenced code block in `language` (its info string's first word).
pub(crate) fn opens_fence(event: &Event<'_>, language: &str) -> bool {
    matches!(event, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
        if info.split_whitespace().next() == Some(language))
}

/// Whether any event opens a fenced code block in `language`: a pass over such blocks (each
/// moves every event of the note into a new list) is skipped when there is none.
pub(crate) fn has_fence(events: &[Ev<'_>], language: &str) -> bool {
    events.iter().any(|(event, _)| opens_fence(event, language))
}

/// pulldown-cmark splits text at every character that might have meant something (`[`, `!`,
/// `=`); the passes look for `[!tip]`, `==` and `^[` across those splits, so adjacent texts are
/// joined first. The HTML is the same: text is escaped piece by piece either way.
/// In place: the list is not copied, only the texts that are joined.
pub(crate) fn merge_texts(mut events: Vec<Ev<'_>>) -> Vec<Ev<'_>> {
    // `dedup_by` hands each event with the one kept before it; `true` drops the later one.
    events.dedup_by(|(event, range), (kept, kept_range)| {
        let (Event::Text(text), Event::Text(previous)) = (&*event, &mut *kept) else {
            return false;
        };
        let mut joined = std::mem::replace(previous, CowStr::Borrowed("")).into_string();
        joined.push_str(text);
        *previous = CowStr::from(joined);
        kept_range.end = range.end;
        true
    });
    events
}

/// Events that stand inside a paragraph, heading or cell.
pub(crate) fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// The runs of inline events outside code blocks, as index ranges: each is one paragraph's,
/// heading's, list item's or cell's text.
pub(crate) fn inline_runs(events: &[Ev<'_>]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut in_code = false;
    let mut start: Option<usize> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        if !in_code && is_inline(event) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            runs.push(s..i);
        }
    }
    if let Some(s) = start {
        runs.push(s..events.len());
    }
    runs
}

/// Rewrites each text of each inline run that is not inside a link or image: `rewrite` gets
/// the text and whether it follows a word character (for `#tags`), and returns the events to
/// put in its place, or None to keep it.
pub(crate) fn rewrite_texts<'a>(
    events: Vec<Ev<'a>>,
    mut rewrite: impl FnMut(&str, bool, &Range<usize>) -> Option<Vec<Event<'a>>>,
) -> Vec<Ev<'a>> {
    let runs = inline_runs(&events);
    let mut next_runs = runs.iter().peekable();
    let mut in_run_until = 0usize;
    let mut link_depth = 0usize;
    let mut after_word = false;
    let mut out = Vec::with_capacity(events.len());
    for (i, (event, range)) in events.into_iter().enumerate() {
        if let Some(run) = next_runs.next_if(|r| r.start == i) {
            in_run_until = run.end;
            link_depth = 0;
            after_word = false;
        }
        if i >= in_run_until {
            out.push((event, range));
            continue;
        }
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            _ => {}
        }
        let replaced = match &event {
            Event::Text(text) if link_depth == 0 => rewrite(text, after_word, &range),
            _ => None,
        };
        after_word = match &event {
            Event::Text(text) => text.chars().last().is_some_and(|c| !c.is_whitespace()),
            Event::SoftBreak | Event::HardBreak => false,
            _ => true,
        };
        match replaced {
            Some(events) => out.extend(events.into_iter().map(|e| (e, range.clone()))),
            None => out.push((event, range)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn texts_split_by_the_parser_are_joined() {
        let events: Vec<_> = Parser::new("a [!tip] b").into_offset_iter().collect();
        let merged = merge_texts(events);
        let texts: Vec<_> = merged
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a [!tip] b"]);
    }

    #[test]
    fn code_blocks_are_not_inline_runs() {
        let events: Vec<_> = Parser::new("para\n\n```\ncode\n```\n")
            .into_offset_iter()
            .collect();
        let runs = inline_runs(&events);
        assert_eq!(runs.len(), 1);
    }
}
