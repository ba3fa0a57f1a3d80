//! Callouts: a quote whose first line is `[!type]`, as Obsidian writes them. Every type and
//! alias Obsidian knows, case-insensitive (an unknown type looks like `note`), custom titles,
//! title-only callouts, foldable ones (`+` open, `-` closed) as `<details>`, nesting.
//!
//! The HTML uses Obsidian's own hooks (`callout`, `data-callout`, `callout-title`,
//! `callout-title-inner`, `callout-icon`, `callout-content`, `is-collapsible`, `is-collapsed`)
//! so CSS written for Obsidian Publish (`publish.css`) keeps working. `data-callout` is the type
//! as written (lower case), as in Obsidian; `data-callout-kind` is the type it stands for, for
//! the theme's colours. The type is announced in words (hidden text before a custom title), so
//! colour and icon are never the only sign of it.
//!
//! - `header`: the `[!type]` line, the types and aliases, their names for readers;
//! - `html`: the callout's HTML, with Obsidian's hooks.
//!
//! Here: `apply`, quotes turned into callouts as the events go by.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape_html;
use super::events::{Ev, is_inline};
use super::markers::is_marker;
use crate::config::Language;

mod header;
mod html;

use header::{default_title, header, type_name};
use html::{CONTENT_OPEN, open_html, title_close};

/// An open quote: a plain one, or a callout and how far its parts are written.
struct Open<'a> {
    callout: Option<Callout<'a>>,
}

struct Callout<'a> {
    foldable: bool,
    /// Still inside the title; the depth of inline tags opened in it.
    title_depth: Option<usize>,
    content_open: bool,
    /// Markers of the first paragraph, put back where its content starts.
    held: Vec<Ev<'a>>,
}

pub(crate) fn apply(events: Vec<Ev<'_>>, language: Language) -> Vec<Ev<'_>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_))))
    {
        return events;
    }
    let mut input: Vec<Option<Ev<'_>>> = events.into_iter().map(Some).collect();
    let mut out: Vec<Ev<'_>> = Vec::with_capacity(input.len() + 16);
    let mut stack: Vec<Open> = Vec::new();
    let html = |s: String| Event::Html(CowStr::from(s));

    let mut i = 0;
    while i < input.len() {
        let Some((event, range)) = input[i].take() else {
            i += 1;
            continue;
        };
        i += 1;
        // Reading a callout's title: up to the first line break or the paragraph's end.
        if let Some(Open {
            callout: Some(callout),
        }) = stack.last_mut()
            && let Some(depth) = callout.title_depth.as_mut()
        {
            let ends_title = match &event {
                Event::SoftBreak | Event::HardBreak if *depth == 0 => true,
                Event::End(TagEnd::Paragraph) if *depth == 0 => true,
                Event::Start(_) if is_inline(&event) => {
                    *depth += 1;
                    false
                }
                Event::End(_) if is_inline(&event) => {
                    *depth = depth.saturating_sub(1);
                    false
                }
                _ => false,
            };
            if !ends_title {
                out.push((event, range));
                continue;
            }
            callout.title_depth = None;
            out.push((html(title_close(callout.foldable)), range.clone()));
            if !matches!(event, Event::End(TagEnd::Paragraph)) {
                callout.content_open = true;
                out.push((html(CONTENT_OPEN.into()), range.clone()));
                out.append(&mut callout.held);
                out.push((Event::Start(Tag::Paragraph), range));
            } else {
                out.append(&mut callout.held);
            }
            continue;
        }
        // Content after a title-only first paragraph opens the content part.
        if let Some(Open {
            callout: Some(callout),
        }) = stack.last_mut()
            && !callout.content_open
            && !matches!(event, Event::End(TagEnd::BlockQuote(_)))
        {
            callout.content_open = true;
            out.push((html(CONTENT_OPEN.into()), range.clone()));
        }
        match event {
            Event::Start(Tag::BlockQuote(kind)) => {
                // A block id at the end of the first paragraph put its markers before it.
                let mut p = i;
                while matches!(&input.get(p), Some(Some((e, _))) if is_marker(e)) {
                    p += 1;
                }
                let found = match (&input.get(p), &input.get(p + 1)) {
                    (
                        Some(Some((Event::Start(Tag::Paragraph), _))),
                        Some(Some((Event::Text(text), _))),
                    ) => header(text).map(|h| {
                        let bare = h.rest.trim().is_empty()
                            && matches!(
                                input.get(p + 2),
                                Some(Some((
                                    Event::SoftBreak
                                        | Event::HardBreak
                                        | Event::End(TagEnd::Paragraph),
                                    _
                                )))
                            );
                        let title = if bare {
                            escape_html(&default_title(&h, language))
                        } else {
                            format!(
                                "<span class=\"visually-hidden\">{}: </span>",
                                type_name(h.kind, language)
                            )
                        };
                        (
                            format!("{}{title}", open_html(&h)),
                            h.rest.to_string(),
                            h.fold,
                        )
                    }),
                    _ => None,
                };
                match found {
                    Some((open, rest, fold)) => {
                        out.push((html(open), range.clone()));
                        let held = input[i..p].iter_mut().filter_map(Option::take).collect();
                        input[p] = None;
                        input[p + 1] = Some((Event::Text(rest.into()), range));
                        stack.push(Open {
                            callout: Some(Callout {
                                foldable: fold.is_some(),
                                title_depth: Some(0),
                                content_open: false,
                                held,
                            }),
                        });
                    }
                    None => {
                        stack.push(Open { callout: None });
                        out.push((Event::Start(Tag::BlockQuote(kind)), range));
                    }
                }
            }
            Event::End(TagEnd::BlockQuote(kind)) => match stack.pop() {
                Some(Open {
                    callout: Some(callout),
                }) => {
                    let mut close = String::new();
                    if callout.content_open {
                        close.push_str("</div>\n");
                    }
                    close.push_str(if callout.foldable {
                        "</details>\n"
                    } else {
                        "</div>\n"
                    });
                    out.push((html(close), range));
                }
                _ => out.push((Event::End(TagEnd::BlockQuote(kind)), range)),
            },
            other => out.push((other, range)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{html, parse_lang};
    use super::header::ALIASES;
    use super::*;
    use scraper::{Html, Selector};

    fn select(html: &str, selector: &str) -> Vec<String> {
        let doc = Html::parse_fragment(html);
        doc.select(&Selector::parse(selector).unwrap())
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    fn attr(html: &str, selector: &str, name: &str) -> Option<String> {
        let doc = Html::parse_fragment(html);
        doc.select(&Selector::parse(selector).unwrap())
            .next()
            .and_then(|e| e.value().attr(name).map(String::from))
    }

    #[test]
    fn every_type_and_alias_is_known() {
        for (alias, kind) in ALIASES {
            let body = format!("> [!{alias}]\n> tekst\n");
            let html = html(&body);
            assert_eq!(
                attr(&html, ".callout", "data-callout-kind").as_deref(),
                Some(*kind),
                "{alias}"
            );
            assert_eq!(
                attr(&html, ".callout", "data-callout").as_deref(),
                Some(*alias)
            );
            assert!(html.contains("<svg"), "{html}");
        }
    }

    #[test]
    fn a_callout_has_obsidians_structure() {
        let html = html("> [!tip] Een **eigen** titel\n> De inhoud.\n>\n> Meer.\n");
        assert_eq!(
            select(
                &html,
                "div.callout > div.callout-title > .callout-title-inner"
            ),
            ["Tip: Een eigen titel"]
        );
        assert_eq!(
            select(&html, ".callout-title-inner .visually-hidden"),
            ["Tip:"]
        );
        assert_eq!(select(&html, ".callout-title-inner strong"), ["eigen"]);
        assert_eq!(
            select(&html, "div.callout > div.callout-content > p"),
            ["De inhoud.", "Meer."]
        );
        assert_eq!(select(&html, ".callout-title .callout-icon svg").len(), 1);
        assert!(!html.contains("blockquote"), "{html}");
        assert!(!html.contains("[!tip]"), "{html}");
    }

    #[test]
    fn title_only_and_default_titles() {
        let html = html("> [!warning] Alleen een titel\n");
        assert_eq!(
            select(&html, ".callout-title-inner"),
            ["Waarschuwing: Alleen een titel"]
        );
        assert!(select(&html, ".callout-content").is_empty(), "{html}");

        let html = super::super::test_support::html("> [!warning]\n> Pas op.\n");
        assert_eq!(select(&html, ".callout-title-inner"), ["Waarschuwing"]);
        assert_eq!(select(&html, ".callout-content"), ["Pas op."]);

        let en = parse_lang("> [!faq]\n> Yes.\n", Language::En).html();
        assert_eq!(select(&en, ".callout-title-inner"), ["Question"]);
        let custom = super::super::test_support::html("> [!recept]\n> Meel.\n");
        assert_eq!(select(&custom, ".callout-title-inner"), ["Recept"]);
    }

    #[test]
    fn foldable_callouts_are_details() {
        let closed = html("> [!faq]- Kan dat?\n> Ja.\n");
        assert_eq!(
            attr(&closed, "details.callout", "class").as_deref(),
            Some("callout is-collapsible is-collapsed")
        );
        assert_eq!(attr(&closed, "details.callout", "open"), None);
        assert_eq!(
            select(
                &closed,
                "details > summary.callout-title .callout-title-inner"
            ),
            ["Vraag: Kan dat?"]
        );
        assert_eq!(select(&closed, "details > .callout-content"), ["Ja."]);

        let open = html("> [!faq]+ Kan dat?\n> Ja.\n");
        assert_eq!(
            attr(&open, "details.callout", "class").as_deref(),
            Some("callout is-collapsible")
        );
        assert_eq!(attr(&open, "details.callout", "open").as_deref(), Some(""));
    }

    #[test]
    fn callouts_nest() {
        let html = html(
            "> [!question] Kan het genest?\n> > [!todo] Ja.\n> > > [!example] Zelfs dieper.\n",
        );
        assert_eq!(
            select(
                &html,
                ".callout[data-callout=question] > .callout-content > .callout[data-callout=todo] > .callout-content > .callout[data-callout=example] .callout-title-inner"
            ),
            ["Voorbeeld: Zelfs dieper."]
        );
    }

    #[test]
    fn a_block_id_in_a_callout_names_its_content() {
        let body = super::super::test_support::parse_str("> [!tip] Titel\n> tekst ^abc\n");
        assert_eq!(
            attr(&body.html(), ".callout-content > p", "id").as_deref(),
            Some("^abc")
        );
        assert_eq!(
            &body.html()[body.block_ids[0].html_range.clone()],
            "<p id=\"^abc\">tekst</p>\n"
        );
        let title_only = html("> [!tip] Titel ^abc\n");
        assert_eq!(select(&title_only, ".callout-title-inner"), ["Tip: Titel"]);
    }

    #[test]
    fn plain_quotes_stay_quotes() {
        assert_eq!(
            html("> Gewoon een citaat.\n"),
            "<blockquote>\n<p>Gewoon een citaat.</p>\n</blockquote>\n"
        );
        assert!(html("> [link] tekst\n").contains("<blockquote>"));
    }
}
