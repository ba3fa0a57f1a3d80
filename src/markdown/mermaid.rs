//! ```` ```mermaid ```` blocks. Mermaid's script (`mermaid.min.js`, 5.5 MB in version 12) is
//! too big to ship in every site's theme, and loading it from elsewhere is not allowed, so a
//! diagram is shown as its code, in `<pre class="mermaid">` (where Mermaid would look for it,
//! should a site add the script), with a short notice that it is a diagram's description.
//! `has_mermaid` tells the templates a page has one.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::ParsedBody;
use super::events::Ev;
use crate::config::Language;

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
    let mut result = Vec::with_capacity(events.len());
    let mut in_mermaid = false;
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))
                if lang.split_whitespace().next() == Some("mermaid") =>
            {
                in_mermaid = true;
                out.has_mermaid = true;
                let open = "<figure class=\"diagram diagram-mermaid\">\n<pre class=\"mermaid\"><code class=\"language-mermaid\">";
                result.push((Event::Html(CowStr::Borrowed(open)), range));
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
            body.html.starts_with("<figure class=\"diagram diagram-mermaid\">\n<pre class=\"mermaid\"><code class=\"language-mermaid\">graph TD\nA--&gt;B&lt;script&gt;\n</code></pre>"),
            "{}",
            body.html
        );
        assert!(body.html.contains("diagram-notice"));
    }

    #[test]
    fn other_code_is_not_mermaid() {
        let body = parse_str("```rust\nfn main() {}\n```\n");
        assert!(!body.has_mermaid);
        assert!(body.html.contains("language-rust"));
    }
}
