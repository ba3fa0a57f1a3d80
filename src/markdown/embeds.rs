//! Embeds and images. `![[target#fragment|label]]` is recorded as an `EmbedRef` and left as a
//! placeholder `<kb-embed data-i="N"></kb-embed>` for render, which knows the other notes and
//! files; an embed alone on its line(s) is not wrapped in a paragraph, since it may become a
//! whole section. Standard images are written here: `![alt|200](url)` and `![alt|200x100](url)`
//! give width and height, as in Obsidian; every image loads lazily and has alt text (as
//! written, else the file name without extension).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::escape_html;
use super::events::Ev;

pub(crate) fn placeholder(index: usize) -> String {
    format!("<kb-embed data-i=\"{index}\"></kb-embed>")
}

fn is_placeholder(event: &Event<'_>) -> bool {
    matches!(event, Event::InlineHtml(html) if html.starts_with("<kb-embed data-i="))
}

/// `alt|200`, `alt|200x100`, `200`: the text and the size after its last `|`, if any.
pub(crate) fn split_size(label: &str) -> (&str, Option<(u32, Option<u32>)>) {
    let (text, last) = match label.rsplit_once('|') {
        Some((text, last)) => (text.trim(), last.trim()),
        None => ("", label.trim()),
    };
    let size = match last.split_once('x') {
        Some((w, h)) => w
            .parse()
            .ok()
            .zip(h.parse().ok())
            .map(|(w, h)| (w, Some(h))),
        None => last.parse().ok().map(|w| (w, None)),
    };
    match size {
        Some(size) => (text, Some(size)),
        None => (label.trim(), None),
    }
}

/// `fotos/Buurt%20bus.jpg?x=1` → `Buurt bus`.
pub(crate) fn file_stem(dest: &str) -> String {
    let path = dest.split(['?', '#']).next().unwrap_or(dest);
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.into_owned(),
    }
}

pub(crate) fn img_tag(
    src: &str,
    alt: &str,
    title: &str,
    size: Option<(u32, Option<u32>)>,
) -> String {
    let mut tag = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(src),
        escape_html(alt)
    );
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    if let Some((width, height)) = size {
        tag.push_str(&format!(" width=\"{width}\""));
        if let Some(height) = height {
            tag.push_str(&format!(" height=\"{height}\""));
        }
    }
    tag.push_str(" loading=\"lazy\" />");
    tag
}

/// Takes the paragraph away around embeds that stand alone in it.
pub(crate) fn unwrap_alone(mut events: Vec<Ev<'_>>) -> Vec<Ev<'_>> {
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::Paragraph)) {
            i += 1;
            continue;
        }
        let Some(len) = events[i + 1..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        else {
            break;
        };
        let end = i + 1 + len;
        let inner = &events[i + 1..end];
        let alone = inner.iter().any(|(e, _)| is_placeholder(e))
            && inner.iter().all(|(e, _)| match e {
                Event::SoftBreak | Event::HardBreak => true,
                Event::Text(t) => t.trim().is_empty(),
                other => is_placeholder(other),
            });
        if alone {
            events[i].0 = Event::Text(CowStr::Borrowed(""));
            events[end].0 = Event::Html(CowStr::Borrowed("\n"));
        }
        i = end + 1;
    }
    events
}

#[cfg(test)]
mod tests {
    use super::super::EmbedRef;
    use super::super::test_support::{html, parse_str};

    fn embed(
        target: &str,
        fragment: Option<&str>,
        label: Option<&str>,
        size: Option<(u32, Option<u32>)>,
    ) -> EmbedRef {
        EmbedRef {
            target: target.into(),
            fragment: fragment.map(Into::into),
            label: label.map(Into::into),
            size,
            line: 1,
        }
    }

    #[test]
    fn embeds_are_recorded() {
        let cases = [
            ("![[Notitie]]", embed("Notitie", None, None, None)),
            (
                "![[map/Notitie#Kop]]",
                embed("map/Notitie", Some("Kop"), None, None),
            ),
            (
                "![[Notitie#A#B]]",
                embed("Notitie", Some("A#B"), None, None),
            ),
            (
                "![[Notitie#^blok]]",
                embed("Notitie", Some("^blok"), None, None),
            ),
            (
                "![[foto.png|200]]",
                embed("foto.png", None, None, Some((200, None))),
            ),
            (
                "![[foto.png|200x100]]",
                embed("foto.png", None, None, Some((200, Some(100)))),
            ),
            (
                "![[foto.png|Een bus]]",
                embed("foto.png", None, Some("Een bus"), None),
            ),
            (
                "![[foto.png|Een bus|300]]",
                embed("foto.png", None, Some("Een bus"), Some((300, None))),
            ),
            (
                "![[icon.svg#icon]]",
                embed("icon.svg", Some("icon"), None, None),
            ),
            (
                "![[verslag.pdf#page=3]]",
                embed("verslag.pdf", Some("page=3"), None, None),
            ),
        ];
        for (body, expected) in cases {
            let parsed = parse_str(body);
            assert_eq!(parsed.embeds, [expected], "{body}");
            assert_eq!(
                parsed.html(),
                "<kb-embed data-i=\"0\"></kb-embed>\n",
                "{body}"
            );
            assert!(parsed.links.is_empty(), "{body}");
        }
    }

    #[test]
    fn embeds_alone_on_lines_leave_the_paragraph_inline_ones_stay() {
        assert_eq!(
            html("![[a.png]]\n![[b.png]]\n"),
            "<kb-embed data-i=\"0\"></kb-embed>\n<kb-embed data-i=\"1\"></kb-embed>\n"
        );
        assert_eq!(
            html("Zie ![[a.png|20]] hier.\n"),
            "<p>Zie <kb-embed data-i=\"0\"></kb-embed> hier.</p>\n"
        );
        let in_table = parse_str("| a |\n|---|\n| ![[foto.png\\|100]] |\n");
        assert_eq!(
            in_table.embeds[0].size,
            Some((100, None)),
            "{}",
            in_table.html()
        );
    }

    #[test]
    fn images_get_size_lazy_loading_and_alt() {
        let cases = [
            (
                "![Een bus|200](/f/bus.jpg)",
                "<p><img src=\"/kb/f/bus.jpg\" alt=\"Een bus\" width=\"200\" loading=\"lazy\" /></p>\n",
            ),
            (
                "![Een bus|200x100](/f/bus.jpg \"Titel\")",
                "<p><img src=\"/kb/f/bus.jpg\" alt=\"Een bus\" title=\"Titel\" width=\"200\" height=\"100\" loading=\"lazy\" /></p>\n",
            ),
            (
                "![250](/f/Buurt%20bus.jpg)",
                "<p><img src=\"/kb/f/Buurt%20bus.jpg\" alt=\"Buurt bus\" width=\"250\" loading=\"lazy\" /></p>\n",
            ),
            (
                "![a|b](/f/x.png)",
                "<p><img src=\"/kb/f/x.png\" alt=\"a|b\" loading=\"lazy\" /></p>\n",
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(html(body), expected, "{body}");
        }
        let local = parse_str("![](foto.png)\n");
        assert_eq!(
            local.images,
            [(1, String::new())],
            "the check still sees the missing alt"
        );
        assert!(local.html().contains("alt=\"foto\""), "{}", local.html());
        assert_eq!(local.links.len(), 1);
    }

    #[test]
    fn images_from_other_websites_become_links_and_unsafe_ones_their_alt_text() {
        let body = parse_str("![Een bus|200](https://a.nl/bus.jpg)\n\n![x](data:text/html,y)\n");
        assert_eq!(
            body.html(),
            "<p><a class=\"external-image\" href=\"https://a.nl/bus.jpg\">Een bus</a></p>\n<p>x</p>\n"
        );
        assert_eq!(
            body.external_images,
            [(1, "https://a.nl/bus.jpg".to_string())]
        );
        assert_eq!(body.unsafe_links.len(), 1);
        // Inside a link (a badge) only the text stays: a link cannot hold another.
        assert_eq!(
            html("[![build](https://a.nl/b.svg)](https://a.nl/)"),
            "<p><a href=\"https://a.nl/\">build</a></p>\n"
        );
    }
}
