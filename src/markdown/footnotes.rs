//! Inline footnotes `tekst^[de voetnoot]`: the note becomes an ordinary footnote, numbered
//! among the others and listed with them at the end, as Obsidian shows it.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::events::{Ev, inline_runs};

/// The name an inline footnote gets; numbers are given by the renderer in reading order.
fn name(n: usize) -> String {
    format!("inline-{n}")
}

pub(crate) fn apply(events: Vec<Ev<'_>>) -> Vec<Ev<'_>> {
    let has_candidate = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains("^[")));
    if !has_candidate {
        return events;
    }
    let runs = inline_runs(&events);
    let mut input: Vec<Option<Ev<'_>>> = events.into_iter().map(Some).collect();
    let mut out: Vec<Ev<'_>> = Vec::with_capacity(input.len());
    let mut definitions: Vec<Ev<'_>> = Vec::new();
    let mut count = 0;
    let mut next = 0;
    for run in runs {
        for slot in &mut input[next..run.start] {
            out.extend(slot.take());
        }
        next = run.end;
        let run_events: Vec<Ev<'_>> = input[run.clone()]
            .iter_mut()
            .filter_map(Option::take)
            .collect();
        out.extend(rewrite_run(run_events, &mut count, &mut definitions));
    }
    for slot in &mut input[next..] {
        out.extend(slot.take());
    }
    out.extend(definitions);
    out
}

/// Splits the run's texts at `^[` and the `]` that closes it (brackets inside count), turning
/// what lies between into a footnote definition.
fn rewrite_run<'a>(
    run: Vec<Ev<'a>>,
    count: &mut usize,
    definitions: &mut Vec<Ev<'a>>,
) -> Vec<Ev<'a>> {
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(run.len());
    // Inside a footnote: its events so far and the bracket depth.
    let mut note: Option<(Vec<Ev<'a>>, usize)> = None;
    let mut pending: Vec<(Event<'a>, std::ops::Range<usize>)> = run.into_iter().rev().collect();
    while let Some((event, range)) = pending.pop() {
        let Event::Text(text) = &event else {
            match &mut note {
                Some((body, _)) => body.push((event, range)),
                None => out.push((event, range)),
            }
            continue;
        };
        let text = text.to_string();
        match &mut note {
            None => match text.find("^[") {
                Some(at) => {
                    if at > 0 {
                        out.push((Event::Text(text[..at].to_string().into()), range.clone()));
                    }
                    note = Some((Vec::new(), 1));
                    let rest = text[at + 2..].to_string();
                    pending.push((Event::Text(rest.into()), range));
                }
                None => out.push((Event::Text(text.into()), range)),
            },
            Some((body, depth)) => {
                let mut close = None;
                for (i, c) in text.char_indices() {
                    match c {
                        '[' => *depth += 1,
                        ']' => {
                            *depth -= 1;
                            if *depth == 0 {
                                close = Some(i);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                match close {
                    Some(at) => {
                        if at > 0 {
                            body.push((Event::Text(text[..at].to_string().into()), range.clone()));
                        }
                        *count += 1;
                        let label = CowStr::from(name(*count));
                        out.push((Event::FootnoteReference(label.clone()), range.clone()));
                        definitions
                            .push((Event::Start(Tag::FootnoteDefinition(label)), range.clone()));
                        definitions.push((Event::Start(Tag::Paragraph), range.clone()));
                        definitions.append(body);
                        definitions.push((Event::End(TagEnd::Paragraph), range.clone()));
                        definitions.push((Event::End(TagEnd::FootnoteDefinition), range.clone()));
                        note = None;
                        let rest = text[at + 1..].to_string();
                        if !rest.is_empty() {
                            pending.push((Event::Text(rest.into()), range));
                        }
                    }
                    None => body.push((Event::Text(text.into()), range)),
                }
            }
        }
    }
    // Never closed: it was text after all.
    if let Some((body, _)) = note {
        out.push((Event::Text("^[".into()), 0..0));
        out.extend(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::html;
    use scraper::{Html, Selector};

    fn texts(html: &str, selector: &str) -> Vec<String> {
        let doc = Html::parse_fragment(html);
        doc.select(&Selector::parse(selector).unwrap())
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn inline_footnotes_become_footnotes() {
        let html = html("Een zin.^[Met **een** [[Link]] erin.] En verder.\n");
        assert_eq!(texts(&html, "sup.footnote-reference"), ["1"]);
        assert_eq!(
            texts(&html, ".footnote-definition"),
            ["1 Met een Link erin."]
        );
        assert_eq!(texts(&html, "p")[0], "Een zin.1 En verder.");
    }

    #[test]
    fn inline_and_ordinary_footnotes_are_numbered_in_order() {
        let html = html("Een[^a] twee^[inline] drie.\n\n[^a]: gewone\n");
        assert_eq!(texts(&html, "sup.footnote-reference"), ["1", "2"]);
        let notes = texts(&html, ".footnote-definition");
        assert!(notes.contains(&"1 gewone".to_string()), "{notes:?}");
        assert!(notes.contains(&"2 inline".to_string()), "{notes:?}");
    }

    #[test]
    fn not_footnotes() {
        for body in ["x^[open zonder einde\n", "`^[code]`\n", "a ^ [b]\n"] {
            let html = html(body);
            assert!(!html.contains("footnote"), "{body}: {html}");
        }
    }
}
