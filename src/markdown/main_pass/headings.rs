//! Headings: each gets an id (its own `{#id}`, else its slug, made unique in the note) and
//! is listed with its level, text and line.

use pulldown_cmark::{Event, HeadingLevel, Tag};

use super::super::Heading;
use super::super::events::Ev;
use super::MainPass;
use crate::slug::slugify;

impl<'p, 'a> MainPass<'p, 'a> {
    pub(super) fn end_heading(&mut self, level: HeadingLevel, events: &mut [Ev<'_>]) {
        if let Some((start, _, explicit_id, text, heading_line)) = self.heading.take() {
            let id = unique_id(
                explicit_id.unwrap_or_else(|| slugify(&text)),
                &mut self.used_ids,
            );
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start].0 {
                *slot = Some(id.clone().into());
            }
            self.out.headings.push(Heading {
                level: level as u8,
                text: text.trim().into(),
                id,
                line: heading_line,
                html_start: 0,
            });
        }
        // A heading's words must not run into the paragraph after it in the text.
        self.out.text.push('\n');
    }
}

fn unique_id(base: String, used: &mut Vec<String>) -> String {
    let base = if base.is_empty() {
        "kop".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::parse_str;

    #[test]
    fn headings_get_unique_ids() {
        let body = parse_str("## Eén ouder\n\n## Eén ouder\n\n### Kop {#eigen}\n");
        let ids: Vec<_> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["een-ouder", "een-ouder-1", "eigen"]);
        assert!(
            body.html().contains(r#"<h2 id="een-ouder">"#),
            "{}",
            body.html()
        );
    }

    #[test]
    fn headings_know_their_lines() {
        let body = parse_str("Intro\n\n## Een\n\ntekst\n\n### Twee\n");
        let lines: Vec<_> = body.headings.iter().map(|h| (h.level, h.line)).collect();
        assert_eq!(lines, [(2, 3), (3, 7)]);
    }

    #[test]
    fn headings_know_where_they_start_in_the_html() {
        let body = parse_str("Intro\n\n## Een\n\ntekst\n\n### Twee\n\nslot\n");
        for heading in &body.headings {
            let at = &body.html()[heading.html_start..];
            assert!(
                at.starts_with(&format!("<h{} id=\"{}\"", heading.level, heading.id)),
                "{at}"
            );
        }
        let een = &body.headings[0];
        let twee = &body.headings[1];
        assert_eq!(
            &body.html()[een.html_start..twee.html_start],
            "<h2 id=\"een\">Een</h2>\n<p>tekst</p>\n"
        );
    }
}
