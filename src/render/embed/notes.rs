//! A note embedded in another: the part embedded (whole, a section, a block) with its own
//! links and nested embeds filled, in a labelled region with a link to its source; a cycle
//! stops as a link where it would close.

use super::super::context::Urls;
use super::{Stack, part_html};
use crate::i18n::string;
use crate::link::{EmbedPart, NoteId, part_range};
use crate::properties::escape;
use crate::site::Site;

pub(super) fn note_embed(site: &Site, id: NoteId, part: &EmbedPart, stack: &mut Stack) -> String {
    let note = &site.notes[id];
    let body = &note.body;
    let url = Urls { site }.note(id);
    let whole = body.html();
    let html = whole.get(part_range(note, part)).unwrap_or("");
    let (anchor, label) = match part {
        EmbedPart::Section(h) => match body.headings.get(*h) {
            Some(heading) => (
                Some(heading.id.clone()),
                format!("{} › {}", note.title, heading.text),
            ),
            None => (None, note.title.clone()),
        },
        EmbedPart::Block(b) => (
            body.block_ids.get(*b).map(|block| format!("^{}", block.id)),
            note.title.clone(),
        ),
        EmbedPart::Whole | EmbedPart::NotFound => (None, note.title.clone()),
    };
    let href = match &anchor {
        Some(a) => format!("{url}#{a}"),
        None => url,
    };
    let link = format!(
        "<a class=\"embed-source-link\" href=\"{}\">{}</a>",
        escape(&href),
        escape(&label)
    );
    let node = (id, part.clone());
    if stack.contains(&node) || *part == EmbedPart::NotFound {
        return format!("<span class=\"embed-as-link\">{link}</span>");
    }
    stack.push(node);
    let content = part_html(site, id, html, stack, None);
    stack.pop();
    let from = string(site.config.language, "embed_from");
    format!(
        "<div class=\"internal-embed markdown-embed\" role=\"region\" aria-label=\"{from}: {}\" data-source=\"{}\">\
         <div class=\"markdown-embed-content\">{content}</div>\
         <p class=\"markdown-embed-source\">{from}: {link}</p></div>",
        escape(&label),
        escape(&note.title)
    )
}

#[cfg(test)]
mod tests {
    use super::super::body_html;
    use super::super::test_site::{embed, id, site};
    use crate::markdown::BlockId;

    const PLACEHOLDER: &str = "<p>Voor.</p>\n<kb-embed data-i=\"0\"></kb-embed>\n<p>Na.</p>\n";
    const WERKWIJZE: &str =
        "## Aanpak\n\nEerst luisteren.\n\n### Stap\n\nDan doen.\n\n## Anders\n\nNiet hier.\n";

    #[test]
    fn a_section_embed_shows_the_section_up_to_the_next_heading_of_its_level() {
        let site = site(
            &[("A.md", "x\n"), ("Werkwijze.md", WERKWIJZE)],
            &[(
                "A.md",
                PLACEHOLDER,
                vec![embed("werkwijze", Some("Aanpak"))],
            )],
            &[],
        );
        let html = body_html(&site, id(&site, "A.md"));
        assert!(
            html.contains("Eerst luisteren.") && html.contains("Dan doen."),
            "{html}"
        );
        assert!(!html.contains("Niet hier."), "{html}");
        assert!(!html.contains("kb-embed"), "{html}");
        assert!(
            html.contains("role=\"region\" aria-label=\"Uit: Werkwijze › Aanpak\""),
            "{html}"
        );
        assert!(html.contains("href=\"/werkwijze/#aanpak\""), "{html}");
        assert!(
            html.starts_with("<p>Voor.</p>") && html.ends_with("<p>Na.</p>\n"),
            "{html}"
        );
    }

    #[test]
    fn a_block_embed_shows_only_that_block_and_an_embedded_note_keeps_its_links() {
        let mut site = site(
            &[
                ("A.md", "x\n"),
                ("B.md", "Zie [[C]].\n\nKern.\n"),
                ("C.md", "c\n"),
            ],
            &[(
                "A.md",
                PLACEHOLDER,
                vec![embed("B", Some("^kern")), embed("B", None)],
            )],
            &[],
        );
        let b = id(&site, "B.md");
        let start = site.notes[b].body.html().find("<p>Kern").unwrap();
        site.notes[b].body.block_ids = vec![BlockId {
            id: "kern".into(),
            line: 3,
            html_range: start..site.notes[b].body.html_len(),
        }];
        let a = id(&site, "A.md");
        site.notes[a]
            .body
            .set_html("<kb-embed data-i=\"0\"></kb-embed>|<kb-embed data-i=\"1\"></kb-embed>");
        site.relink(&[], &[]);
        let html = body_html(&site, id(&site, "A.md"));
        let (block, whole) = html.split_once('|').unwrap();
        assert!(block.contains("Kern.") && !block.contains("Zie"), "{block}");
        assert!(block.contains("href=\"/b/#^kern\""), "{block}");
        assert!(whole.contains("<a href=\"/c/\">C</a>"), "{whole}");
        // Embedding is a backlink.
        assert_eq!(site.linked.backlinks[b], [id(&site, "A.md")]);
    }

    #[test]
    fn embeds_nest_and_a_cycle_is_a_warning_shown_as_a_link() {
        let site = site(
            &[("A.md", "a\n"), ("B.md", "b\n")],
            &[
                (
                    "A.md",
                    "<p>A</p><kb-embed data-i=\"0\"></kb-embed>",
                    vec![embed("B", None)],
                ),
                (
                    "B.md",
                    "<p>B</p><kb-embed data-i=\"0\"></kb-embed>",
                    vec![embed("A", None)],
                ),
            ],
            &[],
        );
        let html = body_html(&site, id(&site, "A.md"));
        assert!(html.contains("<p>B</p>"), "{html}");
        assert!(html.contains("<span class=\"embed-as-link\"><a class=\"embed-source-link\" href=\"/a/\">A</a></span>"), "{html}");
        let cycles: Vec<String> = site
            .linked
            .cycles
            .iter()
            .map(|d| d.display(crate::language::Language::Nl).to_string())
            .collect();
        assert_eq!(
            cycles,
            [
                "B.md:3: waarschuwing: insluitingen gaan in een kringetje rond (A → B → A): daar getoond als link"
            ]
        );
    }

    #[test]
    fn a_note_may_embed_its_own_section_without_a_cycle() {
        let html =
            "<kb-embed data-i=\"0\"></kb-embed>\n<h2 id=\"aanpak\">Aanpak</h2>\n<p>Eerst.</p>\n";
        let site = site(
            &[("A.md", "## Aanpak\n\nEerst.\n")],
            &[("A.md", html, vec![embed("", Some("Aanpak"))])],
            &[],
        );
        assert!(site.linked.cycles.is_empty(), "{:?}", site.linked.cycles);
        let out = body_html(&site, id(&site, "A.md"));
        assert!(
            out.starts_with("<div class=\"internal-embed markdown-embed\""),
            "{out}"
        );
        assert_eq!(out.matches("Eerst.").count(), 2, "{out}");
    }
}
