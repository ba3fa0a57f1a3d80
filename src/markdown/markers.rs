//! Positions in the rendered HTML, and attributes pulldown-cmark cannot write (`id` on a
//! paragraph, `data-task` on a list item).
//!
//! A pass puts a marker event where it wants to know the position or add attributes; after
//! rendering, each marker is taken out again, its position noted and its attributes put into
//! the tag that follows it. A marker is a raw-HTML event ending in a newline, so the renderer
//! never adds a newline of its own before the next block; taking the marker out restores the
//! newline exactly where the renderer would have written one, so the HTML is byte for byte
//! what it would have been without markers.

use pulldown_cmark::{CowStr, Event};

/// Unicode noncharacters: never in text an editor types.
const OPEN: char = '\u{FDD0}';
const CLOSE: char = '\u{FDD1}';

#[derive(Default)]
pub(crate) struct Markers {
    /// The attributes to add to the tag after each marker (often none).
    attrs: Vec<String>,
}

/// Whether an event is a marker (passes that look ahead step over them).
pub(crate) fn is_marker(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(html) if html.starts_with(OPEN))
}

pub(crate) struct Resolved {
    pub html: String,
    /// Where each marker stood in `html`.
    pub at: Vec<usize>,
}

impl Markers {
    /// A new marker: its number and the event that places it.
    pub(crate) fn add<'a>(&mut self, attrs: String) -> (usize, Event<'a>) {
        let n = self.attrs.len();
        self.attrs.push(attrs);
        (n, Event::Html(CowStr::from(format!("{OPEN}{n}{CLOSE}\n"))))
    }

    pub(crate) fn resolve(&self, html: &str) -> Resolved {
        let mut out = String::with_capacity(html.len() + 64);
        let mut at = vec![0; self.attrs.len()];
        if self.attrs.is_empty() {
            out.push_str(html);
            return Resolved { html: out, at };
        }
        let mut rest = html;
        let mut pending = String::new();
        while let Some(i) = rest.find(OPEN) {
            out.push_str(&rest[..i]);
            let after = &rest[i + OPEN.len_utf8()..];
            let Some(close) = after.find(CLOSE) else {
                rest = after;
                continue;
            };
            let n: usize = after[..close].parse().unwrap_or(usize::MAX);
            let mut tail = &after[close + CLOSE.len_utf8()..];
            if let Some(stripped) = tail.strip_prefix('\n') {
                // The renderer wrote no newline of its own after our marker; keep ours only
                // where it would have written one (not at the start or after a newline).
                if !(out.is_empty() || out.ends_with('\n')) {
                    out.push('\n');
                }
                tail = stripped;
            }
            if let Some(slot) = at.get_mut(n) {
                *slot = out.len();
            }
            // Markers for one tag may follow each other: their attributes add up.
            pending.push_str(self.attrs.get(n).map_or("", String::as_str));
            if !pending.is_empty() && !tail.starts_with(OPEN) {
                if tail.starts_with('<') && !tail.starts_with("</") {
                    let name_end = tail[1..]
                        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                        .map_or(tail.len(), |e| e + 1);
                    out.push_str(&tail[..name_end]);
                    out.push_str(&pending);
                    tail = &tail[name_end..];
                }
                pending.clear();
            }
            rest = tail;
        }
        out.push_str(rest);
        Resolved { html: out, at }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(event: &Event<'_>) -> String {
        match event {
            Event::Html(h) => h.to_string(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn markers_give_positions_and_attributes() {
        let mut markers = Markers::default();
        let (a, ea) = markers.add(String::new());
        let (b, eb) = markers.add(" id=\"^x\"".into());
        let (_, ec) = markers.add(" data-task=\"?\"".into());
        let html = format!(
            "<p>een</p>\n{}{}{}<li>twee</li>\n",
            text(&ea),
            text(&eb),
            text(&ec)
        );
        let resolved = markers.resolve(&html);
        assert_eq!(
            resolved.html,
            "<p>een</p>\n<li id=\"^x\" data-task=\"?\">twee</li>\n"
        );
        assert_eq!(resolved.at[a], 11);
        assert_eq!(resolved.at[b], 11);
    }

    #[test]
    fn a_marker_after_inline_html_keeps_the_renderers_newline() {
        let mut markers = Markers::default();
        let (_, e) = markers.add(String::new());
        let html = format!("<div>x</div>{}<h2>Kop</h2>", text(&e));
        assert_eq!(markers.resolve(&html).html, "<div>x</div>\n<h2>Kop</h2>");
    }
}
