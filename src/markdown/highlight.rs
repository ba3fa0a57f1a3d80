//! `==highlight==` → `<mark>`. Like emphasis, an opening `==` is followed by a non-space and a
//! closing one follows a non-space, so `a == b` in prose stays text; both must be in one
//! paragraph (or cell, or item).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::events::{Ev, inline_runs};

pub(crate) fn apply(events: Vec<Ev<'_>>) -> Vec<Ev<'_>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains("==")))
    {
        return events;
    }
    let runs = inline_runs(&events);
    // Which `==` (event index, byte offset) open and close a highlight.
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    for run in runs {
        pair_delimiters(&events, run, &mut cuts);
    }
    if cuts.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + cuts.len() * 2);
    let mut cuts = cuts.into_iter().peekable();
    for (i, (event, range)) in events.into_iter().enumerate() {
        if cuts.peek().is_none_or(|c| c.0 != i) {
            out.push((event, range));
            continue;
        }
        let text = match &event {
            Event::Text(t) => t.to_string(),
            _ => unreachable!("cuts are only made in texts"),
        };
        let mut from = 0;
        while let Some((_, at, opens)) = cuts.next_if(|c| c.0 == i) {
            if at > from {
                out.push((
                    Event::Text(text[from..at].to_string().into()),
                    range.clone(),
                ));
            }
            let tag = if opens { "<mark>" } else { "</mark>" };
            out.push((Event::InlineHtml(CowStr::Borrowed(tag)), range.clone()));
            from = at + 2;
        }
        if from < text.len() {
            out.push((Event::Text(text[from..].to_string().into()), range));
        }
    }
    out
}

fn pair_delimiters(events: &[Ev<'_>], run: Range<usize>, cuts: &mut Vec<(usize, usize, bool)>) {
    let mut open: Option<(usize, usize)> = None;
    let mut found = Vec::new();
    let end = run.end;
    for i in run {
        let Event::Text(text) = &events[i].0 else {
            continue;
        };
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(found_at) = text[at..].find("==") {
            let pos = at + found_at;
            at = pos + 2;
            // `===` and longer are not delimiters.
            if bytes.get(pos + 2) == Some(&b'=') {
                at = pos + text[pos..].bytes().take_while(|b| *b == b'=').count();
                continue;
            }
            let before = text[..pos].chars().next_back();
            let after = text[pos + 2..].chars().next();
            // At a text's end the next event decides: `==**vet**==` opens before `**`.
            let can_open = match after {
                Some(c) => !c.is_whitespace(),
                None => {
                    i + 1 < end && !matches!(events[i + 1].0, Event::SoftBreak | Event::HardBreak)
                }
            };
            let can_close = pos > 0 && before.is_some_and(|c| !c.is_whitespace())
                || pos == 0 && i > 0 && !matches!(events[i - 1].0, Event::SoftBreak);
            match open {
                Some(o) if can_close => {
                    found.push((o.0, o.1, true));
                    found.push((i, pos, false));
                    open = None;
                }
                None if can_open => open = Some((i, pos)),
                _ => {}
            }
        }
    }
    cuts.extend(found);
}

#[cfg(test)]
mod tests {
    use super::super::test_support::html;

    #[test]
    fn highlights() {
        let cases = [
            ("==gemarkeerd==", "<p><mark>gemarkeerd</mark></p>\n"),
            ("een ==twee== drie", "<p>een <mark>twee</mark> drie</p>\n"),
            ("==**vet**==", "<p><mark><strong>vet</strong></mark></p>\n"),
            (
                "==a== en ==b==",
                "<p><mark>a</mark> en <mark>b</mark></p>\n",
            ),
            ("a == b", "<p>a == b</p>\n"),
            ("a == b == c", "<p>a == b == c</p>\n"),
            ("==open", "<p>==open</p>\n"),
            ("x === y", "<p>x === y</p>\n"),
            ("`==code==`", "<p><code>==code==</code></p>\n"),
            ("==een\ntwee==", "<p><mark>een\ntwee</mark></p>\n"),
        ];
        for (body, expected) in cases {
            assert_eq!(html(body), expected, "{body}");
        }
    }
}
