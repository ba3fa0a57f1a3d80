//! Task list items with Obsidian's states: besides `[ ]` and `[x]` any one character (`[?]`,
//! `[-]`, `[/]`, `[>]`) marks a task, shown checked as Obsidian does, its state kept on the
//! item as Obsidian's own hooks: `class="task-list-item is-checked" data-task="?"`, so CSS
//! written for Obsidian (per state) keeps working. The checkbox says its state in words
//! (`aria-label`): a form field without a name fails WCAG 4.1.2.

use pulldown_cmark::{CowStr, Event, Tag};

use super::block_ids::insert_all;
use super::escape_html;
use super::events::Ev;
use super::markers::{Markers, is_marker};
use crate::config::Language;

pub(crate) fn apply(events: &mut Vec<Ev<'_>>, markers: &mut Markers, language: Language) {
    let mut inserts = Vec::new();
    for i in 0..events.len() {
        if !matches!(events[i].0, Event::Start(Tag::Item)) {
            continue;
        }
        // A loose item has its marker inside its first paragraph (after a block id's marker).
        let mut first = i + 1;
        while events.get(first).is_some_and(|(e, _)| is_marker(e)) {
            first += 1;
        }
        let marker_at = match events.get(first) {
            Some((Event::Start(Tag::Paragraph), _)) => first + 1,
            _ => first,
        };
        let state = match events.get(marker_at).map(|(e, _)| e) {
            Some(Event::TaskListMarker(true)) => Some("x".to_string()),
            Some(Event::TaskListMarker(false)) => Some(String::new()),
            _ => custom_state(events, marker_at),
        };
        if let Some(state) = state {
            let checkbox = Event::InlineHtml(checkbox(&state, language).into());
            if matches!(events[marker_at].0, Event::TaskListMarker(_)) {
                events[marker_at].0 = checkbox;
            } else {
                inserts.push((marker_at, checkbox));
            }
            let checked = if state.is_empty() { "" } else { " is-checked" };
            let attrs = format!(
                " class=\"task-list-item{checked}\" data-task=\"{}\"",
                escape_html(&state)
            );
            inserts.push((i, markers.add(attrs).1));
        }
    }
    insert_all(events, inserts);
}

/// `[?] tekst` at the start of an item's text (at `at`): the state, with the text after it kept.
fn custom_state(events: &mut [Ev<'_>], at: usize) -> Option<String> {
    let Event::Text(text) = &events.get(at)?.0 else {
        return None;
    };
    let rest = text.strip_prefix('[')?;
    let state = rest.chars().next()?;
    let after = rest[state.len_utf8()..].strip_prefix(']')?;
    if state.is_whitespace() || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let kept = after.strip_prefix(' ').unwrap_or(after).to_string();
    events[at].0 = Event::Text(CowStr::from(kept));
    Some(state.to_string())
}

/// The checkbox as pulldown-cmark writes it, with its state in words.
fn checkbox(state: &str, language: Language) -> String {
    let label = match (state, language) {
        ("", Language::Nl) => "Nog te doen".to_string(),
        ("", Language::En) => "To do".to_string(),
        ("x" | "X", Language::Nl) => "Gedaan".to_string(),
        ("x" | "X", Language::En) => "Done".to_string(),
        (other, _) => format!("Status {}", escape_html(other)),
    };
    let checked = if state.is_empty() {
        ""
    } else {
        " checked=\"\""
    };
    format!("<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{label}\"/>\n")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::html;
    use scraper::{Html, Selector};

    fn items(body: &str) -> Vec<(String, String, bool, String)> {
        let doc = Html::parse_fragment(&html(body));
        let li = Selector::parse("li").unwrap();
        let input = Selector::parse("input[type=checkbox]").unwrap();
        doc.select(&li)
            .map(|e| {
                (
                    e.value().attr("data-task").unwrap_or("-").to_string(),
                    e.value().attr("class").unwrap_or("").to_string(),
                    e.select(&input).next().is_some(),
                    e.text().collect::<String>().trim().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn task_states_become_classes() {
        let cases = [
            ("- [ ] open", ("", "task-list-item", true, "open")),
            (
                "- [x] klaar",
                ("x", "task-list-item is-checked", true, "klaar"),
            ),
            (
                "- [?] vraag",
                ("?", "task-list-item is-checked", true, "vraag"),
            ),
            (
                "- [-] vervallen",
                ("-", "task-list-item is-checked", true, "vervallen"),
            ),
            (
                "- [/] half",
                ("/", "task-list-item is-checked", true, "half"),
            ),
            (
                "1. [>] later",
                (">", "task-list-item is-checked", true, "later"),
            ),
            ("- gewoon", ("-", "", false, "gewoon")),
            ("- [link] niet", ("-", "", false, "[link] niet")),
        ];
        for (body, (state, class, checkbox, text)) in cases {
            assert_eq!(
                items(body),
                [(state.into(), class.into(), checkbox, text.into())],
                "{body}"
            );
        }
    }

    #[test]
    fn checkboxes_say_their_state() {
        let doc = Html::parse_fragment(&html("- [ ] a\n- [x] b\n- [?] c\n"));
        let labels: Vec<_> = doc
            .select(&Selector::parse("input[type=checkbox]").unwrap())
            .map(|e| e.value().attr("aria-label").unwrap_or("").to_string())
            .collect();
        assert_eq!(labels, ["Nog te doen", "Gedaan", "Status ?"]);
    }

    #[test]
    fn loose_task_items_keep_their_state() {
        let got = items("- [?] een ^a\n\n- [x] twee ^b\n");
        assert_eq!(got[0].0, "?");
        assert_eq!(got[0].3, "een");
        assert_eq!(got[1].0, "x");
    }
}
