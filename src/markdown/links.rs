//! What a link's destination is: another note (by wiki name or by path), a file beside the
//! notes, an external page, or something to leave alone. Obsidian's forms included: nested
//! fragments `[[a#B#C]]`, same-page `[[#Kop]]`, `%20` and `<…>` paths, paths without `.md`.

use std::path::{Component, Path, PathBuf};

use pulldown_cmark::LinkType;

use super::{BodyPosition, LinkTarget};
use crate::safelinks;

pub(crate) enum Destination {
    Keep,
    External(String),
    Rewritten(String),
    Internal(LinkTarget),
}

pub(crate) fn classify(dest: &str, link_type: LinkType, pos: &BodyPosition<'_>) -> Destination {
    if let LinkType::WikiLink { .. } = link_type {
        let (name, fragment) = split_fragment(wiki_dest(dest));
        let name = name.trim();
        if looks_like_file(name) {
            return Destination::Internal(file_target(name, pos));
        }
        let name = name.strip_suffix(".md").unwrap_or(name);
        return Destination::Internal(LinkTarget::Wiki {
            name: name.to_string(),
            fragment,
        });
    }
    if link_type == LinkType::Email || dest.starts_with('#') || dest.is_empty() {
        return Destination::Keep;
    }
    if has_scheme(dest) {
        return match dest
            .split(':')
            .next()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("http" | "https") => Destination::External(safelinks::clean(dest)),
            _ => Destination::Keep,
        };
    }
    if let Some(rooted) = dest.strip_prefix('/') {
        if dest.starts_with("//") {
            return Destination::Keep;
        }
        return Destination::Rewritten(format!("{}{rooted}", pos.base_path));
    }
    let (path, fragment) = split_fragment(dest);
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let base = pos.note_path.parent().unwrap_or(Path::new(""));
    if decoded.to_ascii_lowercase().ends_with(".md") {
        return Destination::Internal(LinkTarget::NotePath {
            path: normalize(&base.join(&decoded)),
            fragment,
        });
    }
    // Obsidian writes `[x](Three%20laws%20of%20motion)` for a note: a path without an
    // extension that is not a folder (`../projecten/`) is a note.
    if !decoded.is_empty() && !decoded.ends_with('/') && !has_extension(&decoded) {
        return Destination::Internal(LinkTarget::NotePath {
            path: normalize(&base.join(format!("{decoded}.md"))),
            fragment,
        });
    }
    Destination::Internal(file_target(&decoded, pos))
}

fn has_extension(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty() && !ext.contains(' '))
}

fn file_target(name: &str, pos: &BodyPosition<'_>) -> LinkTarget {
    let base = pos.note_path.parent().unwrap_or(Path::new(""));
    LinkTarget::File {
        path: normalize(&base.join(name)),
        name: name.rsplit('/').next().unwrap_or(name).to_string(),
    }
}

/// A wikilink to `foto.jpg` or `verslag.pdf` points at a file, not a note.
fn looks_like_file(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && !ext.eq_ignore_ascii_case("md")
                && (2..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && !ext.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// In a table `[[a\|b]]` escapes the pipe from the table; the parser keeps the backslash
/// on the destination.
pub(crate) fn wiki_dest(dest: &str) -> &str {
    dest.strip_suffix('\\').unwrap_or(dest)
}

/// `a#B#C` is note `a`, fragment `B#C` (a heading under a heading, as Obsidian nests them).
pub(crate) fn split_fragment(dest: &str) -> (&str, Option<String>) {
    match dest.split_once('#') {
        Some((path, fragment)) => (
            path,
            Some(fragment.trim().to_string()).filter(|f| !f.is_empty()),
        ),
        None => (dest, None),
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) if i > 0 => {
            let scheme = &dest[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// Resolves `.` and `..` without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

pub(crate) fn written_form(
    body: &str,
    range: std::ops::Range<usize>,
    link_type: LinkType,
) -> String {
    let source = body.get(range).unwrap_or("").trim();
    if matches!(link_type, LinkType::WikiLink { .. }) {
        return source.to_string();
    }
    // For `[text](dest)` the destination is what an editor looks for in a message.
    match source.rfind("](") {
        Some(i) => source[i + 1..].to_string(),
        None => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::LinkTarget;
    use super::super::test_support::parse_str;

    fn targets(body: &str) -> Vec<LinkTarget> {
        parse_str(body)
            .links
            .into_iter()
            .map(|l| l.target)
            .collect()
    }

    fn wiki(name: &str, fragment: Option<&str>) -> LinkTarget {
        LinkTarget::Wiki {
            name: name.into(),
            fragment: fragment.map(Into::into),
        }
    }

    fn note(path: &str, fragment: Option<&str>) -> LinkTarget {
        LinkTarget::NotePath {
            path: path.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn link_forms_give_their_targets() {
        let cases: &[(&str, LinkTarget)] = &[
            ("[[Golden Sports]]", wiki("Golden Sports", None)),
            ("[[Golden Sports.md]]", wiki("Golden Sports", None)),
            ("[[a#B#C]]", wiki("a", Some("B#C"))),
            ("[[#Kop]]", wiki("", Some("Kop"))),
            ("[[a#^blok]]", wiki("a", Some("^blok"))),
            (
                "[x](../publicaties/lexicon%20nabijheid.md#lemma)",
                note("content/publicaties/lexicon nabijheid.md", Some("lemma")),
            ),
            (
                "[x](<Map met spaties/Een notitie.md>)",
                note("content/projecten/Map met spaties/Een notitie.md", None),
            ),
            (
                "[x](Three%20laws%20of%20motion)",
                note("content/projecten/Three laws of motion.md", None),
            ),
            (
                "[x](verslag%202024.pdf)",
                LinkTarget::File {
                    path: "content/projecten/verslag 2024.pdf".into(),
                    name: "verslag 2024.pdf".into(),
                },
            ),
        ];
        for (body, target) in cases {
            assert_eq!(targets(body), std::slice::from_ref(target), "{body}");
        }
    }

    #[test]
    fn escaped_pipes_in_tables_still_label_wikilinks() {
        let body = parse_str("| a | b |\n|---|---|\n| [[Golden Sports\\|GS]] | x |\n");
        assert_eq!(body.links.len(), 1, "{}", body.html());
        assert_eq!(body.links[0].target, wiki("Golden Sports", None));
        assert_eq!(body.links[0].label, "GS");
        assert_eq!(body.html().matches("<td>").count(), 2, "{}", body.html());
    }

    #[test]
    fn wikilinks_become_placeholders_with_lines() {
        let body = parse_str("Eerste regel\n\nZie [[Golden Sports#Resultaten|de resultaten]].\n");
        assert_eq!(body.links.len(), 1);
        let link = &body.links[0];
        assert_eq!(link.line, 3);
        assert_eq!(link.label, "de resultaten");
        assert_eq!(link.target, wiki("Golden Sports", Some("Resultaten")));
        assert!(
            body.html().contains(r#"href="kb:link:0""#),
            "{}",
            body.html()
        );
    }

    #[test]
    fn safelinks_are_unwrapped_in_href_and_text() {
        let body = parse_str(
            "[pdf](https://eur05.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.nl%2Fb&data=1)\n",
        );
        assert!(
            body.html().contains(r#"href="https://a.nl/b""#),
            "{}",
            body.html()
        );
        assert_eq!(body.external_links[0].url, "https://a.nl/b");
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let body = parse_str("[tags](/trefwoorden/)\n");
        assert!(
            body.html().contains(r#"href="/kb/trefwoorden/""#),
            "{}",
            body.html()
        );
    }

    #[test]
    fn links_know_their_order_across_internal_and_external() {
        let body = parse_str("[a](https://a.nl/) en [[B]]\n\n[[C]] en [d](https://d.nl/)\n");
        let internal: Vec<_> = body.links.iter().map(|l| l.order).collect();
        let external: Vec<_> = body.external_links.iter().map(|l| l.order).collect();
        assert_eq!(internal, [1, 2]);
        assert_eq!(external, [0, 3]);
    }

    #[test]
    fn wikilink_without_label_shows_heading_readably() {
        let cases = [
            ("[[Sociale basis#Definitie]]", ">Sociale basis › Definitie<"),
            ("[[a#B#C]]", ">a › B › C<"),
            ("[[#Definitie]]", ">Definitie<"),
        ];
        for (body, shown) in cases {
            let html = parse_str(body).html();
            assert!(html.contains(shown), "{body}: {html}");
        }
    }
}
