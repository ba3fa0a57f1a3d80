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

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::callout_icons;
use super::escape_html;
use super::events::{Ev, is_inline};
use super::markers::is_marker;
use crate::config::Language;

/// Obsidian's types and their aliases: (alias, type).
const ALIASES: &[(&str, &str)] = &[
    ("note", "note"),
    ("abstract", "abstract"),
    ("summary", "abstract"),
    ("tldr", "abstract"),
    ("info", "info"),
    ("todo", "todo"),
    ("tip", "tip"),
    ("hint", "tip"),
    ("important", "tip"),
    ("success", "success"),
    ("check", "success"),
    ("done", "success"),
    ("question", "question"),
    ("help", "question"),
    ("faq", "question"),
    ("warning", "warning"),
    ("caution", "warning"),
    ("attention", "warning"),
    ("failure", "failure"),
    ("fail", "failure"),
    ("missing", "failure"),
    ("danger", "danger"),
    ("error", "danger"),
    ("bug", "bug"),
    ("example", "example"),
    ("quote", "quote"),
    ("cite", "quote"),
];

/// Each type's name for readers: (type, Dutch, English).
const NAMES: &[(&str, &str, &str)] = &[
    ("note", "Notitie", "Note"),
    ("abstract", "Samenvatting", "Abstract"),
    ("info", "Info", "Info"),
    ("todo", "Te doen", "Todo"),
    ("tip", "Tip", "Tip"),
    ("success", "Gelukt", "Success"),
    ("question", "Vraag", "Question"),
    ("warning", "Waarschuwing", "Warning"),
    ("failure", "Mislukt", "Failure"),
    ("danger", "Gevaar", "Danger"),
    ("bug", "Fout", "Bug"),
    ("example", "Voorbeeld", "Example"),
    ("quote", "Citaat", "Quote"),
];

/// `[!type|metadata]+ ` at the start of a quote: what it says.
#[derive(Debug, PartialEq, Eq)]
struct Header<'t> {
    written: String,
    kind: &'static str,
    metadata: &'t str,
    fold: Option<char>,
    /// The text after the header on the first line (the start of the title).
    rest: &'t str,
}

fn header(text: &str) -> Option<Header<'_>> {
    let inner = text.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let (written, metadata) = match inner[..close].split_once('|') {
        Some((t, m)) => (t, m.trim()),
        None => (&inner[..close], ""),
    };
    if written.is_empty() || written.contains(char::is_whitespace) {
        return None;
    }
    let written = written.to_lowercase();
    let mut rest = &inner[close + 1..];
    let fold = rest.chars().next().filter(|c| *c == '+' || *c == '-');
    if fold.is_some() {
        rest = &rest[1..];
    }
    let kind = ALIASES
        .iter()
        .find(|(alias, _)| *alias == written)
        .map_or("note", |(_, kind)| kind);
    Some(Header {
        written,
        kind,
        metadata,
        fold,
        rest: rest.trim_start(),
    })
}

fn type_name(kind: &str, language: Language) -> &'static str {
    let (_, nl, en) = NAMES
        .iter()
        .find(|(k, _, _)| *k == kind)
        .unwrap_or(&NAMES[0]);
    match language {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// A title when none is written: the type's name, or an unknown type as written, capitalised.
fn default_title(header: &Header<'_>, language: Language) -> String {
    if ALIASES.iter().any(|(alias, _)| *alias == header.written) {
        return type_name(header.kind, language).to_string();
    }
    let mut chars = header.written.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn open_html(header: &Header<'_>) -> String {
    let mut attrs = format!(
        " data-callout=\"{}\" data-callout-kind=\"{}\"",
        escape_html(&header.written),
        header.kind
    );
    if !header.metadata.is_empty() {
        attrs.push_str(&format!(
            " data-callout-metadata=\"{}\"",
            escape_html(header.metadata)
        ));
    }
    let icon = format!(
        "<span class=\"callout-icon\">{}</span>",
        callout_icons::icon(header.kind)
    );
    match header.fold {
        Some(fold) => {
            let (class, open) = if fold == '-' {
                (" is-collapsed", "")
            } else {
                ("", " open")
            };
            format!(
                "<details class=\"callout is-collapsible{class}\"{attrs} data-callout-fold=\"{fold}\"{open}>\n<summary class=\"callout-title\">{icon}<span class=\"callout-title-inner\">"
            )
        }
        None => format!(
            "<div class=\"callout\"{attrs}>\n<div class=\"callout-title\">{icon}<span class=\"callout-title-inner\">"
        ),
    }
}

fn title_close(foldable: bool) -> String {
    if foldable {
        format!(
            "</span><span class=\"callout-fold\">{}</span></summary>\n",
            callout_icons::chevron()
        )
    } else {
        "</span></div>\n".to_string()
    }
}

const CONTENT_OPEN: &str = "<div class=\"callout-content\">\n";

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
    fn headers_are_read_as_obsidian_does() {
        let cases = [
            ("[!tip]", "tip", "tip", None, ""),
            ("[!TIP] Titel", "tip", "tip", None, "Titel"),
            ("[!faq]- Vraag?", "faq", "question", Some('-'), "Vraag?"),
            ("[!Warning]+", "warning", "warning", Some('+'), ""),
            ("[!custom-type] x", "custom-type", "note", None, "x"),
            ("[!cite]", "cite", "quote", None, ""),
            ("[!tldr]", "tldr", "abstract", None, ""),
        ];
        for (text, written, kind, fold, rest) in cases {
            let h = header(text).unwrap();
            assert_eq!(
                (h.written.as_str(), h.kind, h.fold, h.rest),
                (written, kind, fold, rest),
                "{text}"
            );
        }
        assert_eq!(header("[!] x"), None);
        assert_eq!(header("[! tip]"), None);
        assert_eq!(header("[link]"), None);
        assert_eq!(header("[!tip|wide]").unwrap().metadata, "wide");
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

        let en = parse_lang("> [!faq]\n> Yes.\n", Language::En).html;
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
            attr(&body.html, ".callout-content > p", "id").as_deref(),
            Some("^abc")
        );
        assert_eq!(
            &body.html[body.block_ids[0].html_range.clone()],
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
