//! The editor's own words beside an item of a reading list ("[[Terug naar de basis]] –
//! magazine van Movisie over …"), read back from the list's rendered HTML so the handout
//! prints them rather than the item's summary.

/// The text of the list item that links to `href`, without the link itself and the dash or
/// colon that joins them. `None` when the item says nothing beyond its link, or holds more
/// than one link.
pub fn own_text(html: &str, href: &str) -> Option<String> {
    let needle = format!("href=\"{}\"", escape_attr(href));
    let at = html.find(&needle)?;
    let start = html[..at].rfind("<li")?;
    let end = at + html[at..].find("</li>").unwrap_or(html.len() - at);
    let item = &html[start..end];
    // Words beside two links belong to neither.
    if item.matches("<a ").count() > 1 {
        return None;
    }
    // Drop the linked text: from the `<a` that holds the href to its `</a>`.
    let link_start = item[..at - start].rfind("<a")?;
    let link_end = item[link_start..]
        .find("</a>")
        .map_or(item.len(), |e| link_start + e + 4);
    let rest = format!("{}{}", &item[..link_start], &item[link_end..]);
    let text = unescape(&strip_tags(&rest));
    let text = text
        .trim()
        .trim_start_matches(['–', '—', '-', ':', ','])
        .trim();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::own_text;

    const LIST: &str = "<ol>\n<li><a href=\"/publicaties/a/\">Wat is de sociale basis?</a> – een toegankelijke uitleg van <em>Movisie</em>.</li>\n<li><a href=\"https://example.nl/x?a=1&amp;b=2\">Extern</a></li>\n</ol>";

    #[test]
    fn the_words_after_the_link_without_the_dash() {
        assert_eq!(
            own_text(LIST, "/publicaties/a/").as_deref(),
            Some("een toegankelijke uitleg van Movisie.")
        );
    }

    #[test]
    fn an_item_with_only_its_link_has_no_text() {
        assert_eq!(own_text(LIST, "https://example.nl/x?a=1&b=2"), None);
        assert_eq!(own_text(LIST, "/elders/"), None);
        let two = "<ul><li><a href=\"/a/\">A</a> en daarna <a href=\"/b/\">B</a></li></ul>";
        assert_eq!(own_text(two, "/a/"), None);
    }
}
