//! ```` ```mermaid ```` blocks: the diagram's text in `<pre class="mermaid">` with a short
//! notice that it describes a diagram, which is what readers without scripts see.
//! `has_mermaid` tells the templates to load the theme's vendored Mermaid (`js/diagrams.js`),
//! which draws the diagram in its place with `data-label` as its accessible name and keeps
//! the text below it, folded, under `data-source-label`.

use pulldown_cmark::{CowStr, Event, TagEnd};

use super::ParsedBody;
use super::events::{Ev, has_fence, opens_fence};
use crate::config::Language;

/// The drawing's accessible name and the label of its folded text.
fn labels(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::Nl => ("Diagram", "Tekst van het diagram"),
        Language::En => ("Diagram", "Text of the diagram"),
    }
}

fn notice(language: Language) -> &'static str {
    match language {
        Language::Nl => "Diagram (Mermaid), hier getoond als de tekst waarmee het is beschreven.",
        Language::En => "Diagram (Mermaid), shown here as the text that describes it.",
    }
}

pub(crate) fn apply<'a>(
    events: Vec<Ev<'a>>,
    out: &mut ParsedBody,
    language: Language,
) -> Vec<Ev<'a>> {
    if !has_fence(&events, "mermaid") {
        return events;
    }
    let mut result = Vec::with_capacity(events.len());
    let mut in_mermaid = false;
    for (event, range) in events {
        match event {
            event if opens_fence(&event, "mermaid") => {
                in_mermaid = true;
                out.has_mermaid = true;
                let (label, source) = labels(language);
                let open = format!(
                    "<figure class=\"diagram diagram-mermaid\" data-label=\"{label}\" data-source-label=\"{source}\">\n<pre class=\"mermaid\"><code class=\"language-mermaid\">"
                );
                result.push((Event::Html(CowStr::from(open)), range));
            }
            Event::End(TagEnd::CodeBlock) if in_mermaid => {
                in_mermaid = false;
                let close = format!(
                    "</code></pre>\n<figcaption class=\"diagram-notice\">{}</figcaption>\n</figure>\n",
                    notice(language)
                );
                result.push((Event::Html(close.into()), range));
            }
            other => result.push((other, range)),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse_str;

    #[test]
    fn mermaid_blocks_are_marked_and_escaped() {
        let body = parse_str("```mermaid\ngraph TD\nA-->B<script>\n```\n");
        assert!(body.has_mermaid);
        assert!(
            body.html().starts_with("<figure class=\"diagram diagram-mermaid\" data-label=\"Diagram\" data-source-label=\"Tekst van het diagram\">\n<pre class=\"mermaid\"><code class=\"language-mermaid\">graph TD\nA--&gt;B&lt;script&gt;\n</code></pre>"),
            "{}",
            body.html()
        );
        assert!(body.html().contains("diagram-notice"));
    }

    #[test]
    fn other_code_is_not_mermaid() {
        let body = parse_str("```rust\nfn main() {}\n```\n");
        assert!(!body.has_mermaid);
        assert!(body.html().contains("language-rust"));
    }
}
