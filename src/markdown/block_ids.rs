//! `^blockid` anchors, as Obsidian defines them: at the end of a paragraph or list item
//! (`tekst ^abc`), or alone on a line after a list, table or quote (then it names that block).
//! The id leaves the text; the block element gets `id="^abc"` (the id as written: Obsidian's
//! URLs use `#^abc`) and its place in the HTML is recorded for block embeds.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::events::{Ev, is_inline};
use super::markers::Markers;
use super::{BlockId, Lines, ParsedBody};

/// Finds the block ids, marks their blocks, and returns each id's (start, end) marker.
pub(crate) fn apply(
    events: &mut Vec<Ev<'_>>,
    markers: &mut Markers,
    lines: &Lines<'_>,
    out: &mut ParsedBody,
) -> Vec<(usize, usize)> {
    // Open blocks: (start index, id found at the end of its first text, for list items).
    let mut stack: Vec<(usize, Option<(String, usize)>)> = Vec::new();
    // Per depth, the block that closed last: (start, end) indices.
    let mut closed: Vec<Option<(usize, usize)>> = vec![None];
    // Blocks that get an id: (start, end, id, line).
    let mut found: Vec<(usize, usize, String, usize)> = Vec::new();
    let mut in_code = false;

    for i in 0..events.len() {
        match &events[i].0 {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        let event = &events[i].0;
        if is_inline(event) || !matches!(event, Event::Start(_) | Event::End(_)) {
            continue;
        }
        if let Event::Start(tag) = event {
            // A list inside an item ends the item's own text: an id there names the item.
            if matches!(tag, Tag::List(_))
                && let Some((item_start, pending)) = stack.last_mut()
                && matches!(events[*item_start].0, Event::Start(Tag::Item))
                && pending.is_none()
            {
                *pending = take_trailing_id(events, i, lines);
            }
            stack.push((i, None));
            closed.truncate(stack.len());
            closed.push(None);
            continue;
        }
        let Some((start, pending)) = stack.pop() else {
            continue;
        };
        closed.truncate(stack.len() + 1);
        let end_tag = matches!(events[i].0, Event::End(TagEnd::Paragraph | TagEnd::Item));
        if end_tag && !in_code {
            if let Some((id, line)) = standalone_id(events, start, i, lines) {
                if let Some(Some((prev_start, prev_end))) = closed.get(stack.len()).copied()
                    && prev_end + 1 == start
                {
                    found.push((prev_start, prev_end, id, line));
                    for (event, _) in &mut events[start..=i] {
                        *event = Event::Text(CowStr::Borrowed(""));
                    }
                    continue;
                }
            } else if let Some((id, line)) = pending.or_else(|| take_trailing_id(events, i, lines))
            {
                found.push((start, i, id, line));
            }
        }
        closed[stack.len()] = Some((start, i));
    }

    found.sort_by_key(|f| f.0);
    let mut inserts: Vec<(usize, Event<'_>)> = Vec::new();
    let mut ranges = Vec::new();
    for (start, end, id, line) in found {
        let (open, open_event) = markers.add(format!(" id=\"^{id}\""));
        let (close, close_event) = markers.add(String::new());
        inserts.push((start, open_event));
        inserts.push((end + 1, close_event));
        ranges.push((open, close));
        out.block_ids.push(BlockId {
            id,
            line,
            html_range: 0..0,
        });
    }
    insert_all(events, inserts);
    // What the ids left empty goes, so the renderer writes no stray blank line for it.
    events.retain(|(event, _)| !matches!(event, Event::Text(text) if text.is_empty()));
    ranges
}

/// Puts events in before the given indices (ascending by index, stable).
pub(crate) fn insert_all<'a>(events: &mut Vec<Ev<'a>>, mut inserts: Vec<(usize, Event<'a>)>) {
    if inserts.is_empty() {
        return;
    }
    inserts.sort_by_key(|(at, _)| *at);
    let old = std::mem::take(events);
    let mut inserts = inserts.into_iter().peekable();
    for (i, (event, range)) in old.into_iter().enumerate() {
        while let Some((_, new)) = inserts.next_if(|(at, _)| *at == i) {
            events.push((new, range.start..range.start));
        }
        events.push((event, range));
    }
    let end = events.last().map_or(0, |(_, r)| r.end);
    for (_, new) in inserts {
        events.push((new, end..end));
    }
}

/// A paragraph that is only `^abc`.
fn standalone_id(
    events: &[Ev<'_>],
    start: usize,
    end: usize,
    lines: &Lines<'_>,
) -> Option<(String, usize)> {
    if end != start + 2 || !matches!(events[start].0, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let (Event::Text(text), range) = &events[start + 1] else {
        return None;
    };
    let id = text.trim().strip_prefix('^')?;
    is_id(id).then(|| (id.to_string(), lines.of(range.start)))
}

/// Takes ` ^abc` off the end of the text before `end`, and gives the id and its line.
fn take_trailing_id(
    events: &mut [Ev<'_>],
    end: usize,
    lines: &Lines<'_>,
) -> Option<(String, usize)> {
    let last = end.checked_sub(1)?;
    let Event::Text(text) = &events[last].0 else {
        return None;
    };
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let before = &trimmed[..caret];
    if !is_id(id) || !(before.is_empty() || before.ends_with(char::is_whitespace)) {
        return None;
    }
    // Right after an embed or image (`![[foto.png]]^abc`) Obsidian needs no space.
    let after_break = matches!(events[last - 1].0, Event::SoftBreak);
    let after_image = matches!(events[last - 1].0, Event::End(TagEnd::Image));
    if before.is_empty() && !after_break && !after_image {
        return None;
    }
    let id = id.to_string();
    let line = lines.of(events[last].1.start);
    let kept = before.trim_end().to_string();
    if kept.is_empty() && after_break {
        // `^abc` on a line of its own inside the block: its line break goes too.
        events[last - 1].0 = Event::Text(CowStr::Borrowed(""));
    }
    events[last].0 = Event::Text(kept.into());
    Some((id, line))
}

/// Obsidian's block ids: Latin letters, digits and dashes.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse_str;
    use scraper::{Html, Selector};

    fn ids(html: &str, selector: &str) -> Vec<String> {
        let doc = Html::parse_fragment(html);
        doc.select(&Selector::parse(selector).unwrap())
            .filter_map(|e| e.value().attr("id").map(String::from))
            .collect()
    }

    #[test]
    fn block_ids_name_their_blocks() {
        let cases = [
            ("Een alinea. ^abc\n", "p", "^abc"),
            ("Regel een\nregel twee\n^abc\n", "p", "^abc"),
            ("- een\n- twee ^item-2\n", "li", "^item-2"),
            ("- een\n- twee\n\n^lijst\n", "ul", "^lijst"),
            ("> citaat\n\n^q1\n", "blockquote", "^q1"),
            (
                "| a | b |\n|---|---|\n| 1 | 2 |\n\n^tabel\n",
                "table",
                "^tabel",
            ),
            ("- een\n  - sub\n- twee ^t\n", "li", "^t"),
            ("1. een ^e\n   - sub\n", "li", "^e"),
        ];
        for (body, selector, id) in cases {
            let parsed = parse_str(body);
            assert_eq!(
                ids(&parsed.html(), selector),
                [id],
                "{body}: {}",
                parsed.html()
            );
            assert_eq!(parsed.block_ids.len(), 1, "{body}");
            assert_eq!(parsed.block_ids[0].id, id.trim_start_matches('^'));
            assert!(
                !parsed.html().contains(&format!(" {id}<")),
                "{}",
                parsed.html()
            );
            assert!(!parsed.text().contains(id), "{}", parsed.text());
        }
    }

    #[test]
    fn an_id_after_an_embed_names_the_embed() {
        for body in [
            "![[foto.png]] ^abc\n",
            "![[foto.png]]^abc\n",
            "![[foto.png]]\n^abc\n",
            "![[Notitie#Kop]] ^abc\n",
        ] {
            let parsed = parse_str(body);
            assert_eq!(
                parsed.html(),
                "<kb-embed id=\"^abc\" data-i=\"0\"></kb-embed>\n",
                "{body}"
            );
            assert_eq!(parsed.block_ids.len(), 1, "{body}");
            assert_eq!(parsed.block_ids[0].id, "abc");
            assert_eq!(
                &parsed.html()[parsed.block_ids[0].html_range.clone()],
                parsed.html(),
                "{body}"
            );
            assert_eq!(parsed.embeds.len(), 1, "{body}");
        }
    }

    #[test]
    fn not_block_ids() {
        for body in [
            "x^2 is geen id\n",
            "`code ^abc`\n",
            "```\ncode ^abc\n```\n",
            "prijs ^ 3\n",
            "## Kop ^abc\n",
        ] {
            let parsed = parse_str(body);
            assert!(
                parsed.block_ids.is_empty(),
                "{body}: {:?}",
                parsed.block_ids
            );
        }
    }

    #[test]
    fn block_ranges_cover_the_element_and_lines_are_right() {
        let body = parse_str("Intro\n\n- een\n- twee\n\n^lijst\n\nSlot ^s\n");
        let lijst = &body.block_ids[0];
        assert_eq!(lijst.line, 6);
        assert_eq!(
            &body.html()[lijst.html_range.clone()],
            "<ul id=\"^lijst\">\n<li>een</li>\n<li>twee</li>\n</ul>\n"
        );
        let slot = &body.block_ids[1];
        assert_eq!(slot.line, 8);
        assert_eq!(
            &body.html()[slot.html_range.clone()],
            "<p id=\"^s\">Slot</p>\n"
        );
    }
}
