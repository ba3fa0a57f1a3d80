//! ```` ```base ```` blocks: a base written in the note itself. Parse keeps the YAML and its
//! first line and leaves `<kb-base data-i="N"></kb-base>` where the block stood; the render
//! stage evaluates it over the site with the note as `this`, as it fills embeds. So a note
//! still parses alone.

use pulldown_cmark::{CowStr, Event, TagEnd};

use super::events::{Ev, has_fence, opens_fence};
use super::{Lines, ParsedBody};

/// One ```` ```base ```` block: its YAML and the file line that YAML starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseBlock {
    pub yaml: String,
    pub line: usize,
}

/// The placeholder of block `i`.
pub fn placeholder(i: usize) -> String {
    format!("<kb-base data-i=\"{i}\"></kb-base>")
}

pub(crate) fn apply<'a>(
    events: Vec<Ev<'a>>,
    lines: &Lines<'_>,
    out: &mut ParsedBody,
) -> Vec<Ev<'a>> {
    if !has_fence(&events, "base") {
        return events;
    }
    let mut result = Vec::with_capacity(events.len());
    let mut block: Option<BaseBlock> = None;
    for (event, range) in events {
        match event {
            event if opens_fence(&event, "base") => {
                block = Some(BaseBlock {
                    yaml: String::new(),
                    line: lines.of(range.start) + 1,
                });
            }
            Event::Text(text) if block.is_some() => {
                if let Some(b) = block.as_mut() {
                    b.yaml.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) if block.is_some() => {
                let html = placeholder(out.bases.len());
                out.bases.extend(block.take());
                result.push((Event::Html(CowStr::from(html)), range));
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
    fn a_base_block_leaves_a_placeholder_and_its_yaml() {
        let body = parse_str("Tekst.\n\n```base\nviews:\n  - type: table\n```\n\nMeer.\n");
        assert_eq!(body.bases.len(), 1);
        assert_eq!(body.bases[0].yaml, "views:\n  - type: table\n");
        assert!(
            body.html().contains("<kb-base data-i=\"0\"></kb-base>"),
            "{}",
            body.html()
        );
        assert!(!body.html().contains("views:") && !body.text().contains("views"));
    }

    #[test]
    fn other_code_stays_code() {
        let body = parse_str("```yaml\nviews: []\n```\n");
        assert!(body.bases.is_empty());
        assert!(body.html().contains("language-yaml"));
    }
}
