//! `obsidian://` links open the Obsidian app on the editor's own computer: on a published site
//! they lead nowhere. They become their plain text and are recorded so the note can warn.

/// Whether a link destination is an `obsidian://` link.
pub(crate) fn is_obsidian(dest: &str) -> bool {
    dest.get(..11)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("obsidian://"))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::parse_str;

    #[test]
    fn obsidian_links_become_text_and_are_recorded() {
        let body = parse_str(
            "Eerst\n\n[Mijn notitie](obsidian://open?vault=Kluis&file=Notitie.md) en <obsidian://open?x>\n",
        );
        assert_eq!(
            body.html(),
            "<p>Eerst</p>\n<p>Mijn notitie en obsidian://open?x</p>\n"
        );
        let recorded: Vec<_> = body
            .obsidian_links
            .iter()
            .map(|(u, l)| (u.as_str(), *l))
            .collect();
        assert_eq!(
            recorded,
            [
                ("obsidian://open?vault=Kluis&file=Notitie.md", 3),
                ("obsidian://open?x", 3)
            ]
        );
        assert!(body.external_links.is_empty() && body.links.is_empty());
    }
}
