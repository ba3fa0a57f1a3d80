//! One id once per page. An embedded note brings its own heading, block and footnote ids; two
//! embeds of notes that both have `## Inleiding`, or an embed beside the page's own
//! `## Inleiding`, would give the page that id twice. The page's own ids keep their names (its
//! table of contents and links to it point at them); an embed's id that is already taken gets
//! `-2`, `-3`, … as heading slugs do, and the embed's own `href="#…"` links to it follow.
//!
//! Ids are found as the literal ` id="…"` inside a tag (after a `<` with no `>` since): text
//! may hold the same letters (`<code>&lt;div id="x"&gt;</code>`), but never a raw `<`.

use std::collections::{HashMap, HashSet};

const ID: &str = " id=\"";

/// The ids taken on one page so far.
#[derive(Default)]
pub struct PageIds {
    taken: HashSet<String>,
}

impl PageIds {
    /// Takes every id in `html` as it is (the page's own).
    pub fn reserve(&mut self, html: &str) {
        for (_, id) in ids(html) {
            self.taken.insert(id.to_string());
        }
    }

    /// `html` (an embed) with each id already taken renamed, and its links to them following.
    pub fn make_unique(&mut self, html: &str) -> String {
        let mut renamed: HashMap<&str, String> = HashMap::new();
        let mut out = String::with_capacity(html.len() + 16);
        let mut last = 0;
        for (at, id) in ids(html) {
            if self.taken.insert(id.to_string()) {
                continue;
            }
            let new = (2..)
                .map(|n| format!("{id}-{n}"))
                .find(|candidate| !self.taken.contains(candidate))
                .unwrap_or_default();
            self.taken.insert(new.clone());
            out.push_str(&html[last..at]);
            out.push_str(&new);
            last = at + id.len();
            renamed.entry(id).or_insert(new);
        }
        out.push_str(&html[last..]);
        if renamed.is_empty() {
            return out;
        }
        follow_links(&out, &renamed)
    }
}

/// Every ` id="…"` in `html`: the byte offset of the value and the value.
fn ids(html: &str) -> impl Iterator<Item = (usize, &str)> {
    html.match_indices(ID).filter_map(move |(i, _)| {
        if !in_tag(html, i) {
            return None;
        }
        let start = i + ID.len();
        let len = html[start..].find('"')?;
        Some((start, &html[start..start + len]))
    })
}

/// Whether byte `at` of `html` is inside a tag.
fn in_tag(html: &str, at: usize) -> bool {
    let before = &html[..at];
    match (before.rfind('<'), before.rfind('>')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// `href="#old"` → `href="#new"` for the renamed ids.
fn follow_links(html: &str, renamed: &HashMap<&str, String>) -> String {
    const HREF: &str = "href=\"#";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(HREF) {
        let start = i + HREF.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let len = rest.find('"').unwrap_or(rest.len());
        let at = html.len() - rest.len();
        match renamed.get(&rest[..len]).filter(|_| in_tag(html, at)) {
            Some(new) => out.push_str(new),
            None => out.push_str(&rest[..len]),
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::PageIds;

    #[test]
    fn the_page_keeps_its_ids_and_embeds_give_way() {
        let mut ids = PageIds::default();
        ids.reserve("<h2 id=\"inleiding\">Inleiding</h2>");
        let first = ids.make_unique(
            "<h2 id=\"inleiding\">Inleiding</h2><a href=\"#inleiding\">x</a><p id=\"^b\">y</p>",
        );
        assert_eq!(
            first,
            "<h2 id=\"inleiding-2\">Inleiding</h2><a href=\"#inleiding-2\">x</a><p id=\"^b\">y</p>"
        );
        let second = ids.make_unique("<h2 id=\"inleiding\">Inleiding</h2><p id=\"^b\">z</p>");
        assert_eq!(
            second,
            "<h2 id=\"inleiding-3\">Inleiding</h2><p id=\"^b-2\">z</p>"
        );
    }

    #[test]
    fn ids_written_as_text_are_left_alone() {
        let mut ids = PageIds::default();
        ids.reserve("<p><code>&lt;div id=\"x\"&gt;</code></p><h2 id=\"a\">A</h2>");
        let html = "<p><code>&lt;div id=\"x\"&gt; href=\"#a\"</code></p><h2 id=\"x\">X</h2>";
        assert_eq!(ids.make_unique(html), html);
    }

    #[test]
    fn an_embed_without_clashes_is_unchanged() {
        let mut ids = PageIds::default();
        ids.reserve("<h2 id=\"a\">A</h2>");
        let html = "<h2 id=\"b\">B</h2><a href=\"#a\">naar A</a>";
        assert_eq!(ids.make_unique(html), html);
    }
}
