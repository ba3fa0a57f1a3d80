//! Editorial rules: what builds fine but serves readers badly. Each rule has a level in
//! `check:` (see `settings`); a rule that is `off` reports nothing.

use std::collections::BTreeMap;
use std::path::Path;

use super::settings::Rule;
use super::{Finding, FrontMatterLines};
use crate::diagnostic::Diagnostic;
use crate::link::NoteId;
use crate::message;
use crate::message::Message;
use crate::site::Site;
use crate::slug::fold;

/// Link texts that say nothing without what is around them (WCAG 2.4.4). Compared after
/// lower-casing and trimming punctuation.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "klik hier",
    "klik",
    "hier",
    "lees meer",
    "lees verder",
    "meer",
    "meer informatie",
    "deze link",
    "link",
    "click here",
    "here",
    "read more",
    "more",
];

struct Reporter<'a> {
    site: &'a Site,
    findings: &'a mut Vec<Finding>,
}

impl Reporter<'_> {
    fn report(&mut self, rule: Rule, file: &Path, line: Option<usize>, message: Message) {
        let Some(level) = self.site.config.check.level(rule).level() else {
            return;
        };
        self.findings.push(Finding {
            diagnostic: Diagnostic {
                file: file.to_path_buf(),
                line,
                level,
                message,
            },
            rule: Some(rule),
        });
    }

    fn is_on(&self, rule: Rule) -> bool {
        self.site.config.check.level(rule).level().is_some()
    }
}

/// Runs every editorial rule over the site's notes.
pub fn check(site: &Site, lines: &FrontMatterLines, findings: &mut Vec<Finding>) {
    let mut r = Reporter { site, findings };
    orphans(&mut r);
    missing_summary_and_tags(&mut r, lines);
    duplicate_names(&mut r, lines);
    for id in 0..site.notes.len() {
        image_alt(&mut r, id);
        heading_levels(&mut r, id);
        vague_link_text(&mut r, id);
    }
}

fn orphans(r: &mut Reporter<'_>) {
    let site = r.site;
    for id in site.note_ids() {
        if site.linked.backlinks[id].is_empty() {
            let note = &site.notes[id];
            r.report(
                Rule::Orphans,
                &note.source_path,
                Some(note.title_line),
                message!(
                    "geen andere notitie linkt hierheen: lezers vinden deze alleen via overzichten en zoeken; link ernaar vanuit een notitie over iets verwants",
                    "no other note links here: readers only find it through listings and search; link it from a related note"
                ),
            );
        }
    }
}

fn missing_summary_and_tags(r: &mut Reporter<'_>, lines: &FrontMatterLines) {
    let site = r.site;
    let has_tags_facet = site.config.facets.iter().any(|f| f.key == "tags");
    for id in site.note_ids() {
        let note = &site.notes[id];
        if note.summary.is_none() {
            r.report(
                Rule::MissingSummary,
                &note.source_path,
                Some(note.title_line),
                message!(
                    "geen `summary`: overzichten en zoekresultaten tonen dan de eerste woorden van de tekst; schrijf er één zin bij",
                    "no `summary`: listings and search results show the first words of the text instead; add one sentence"
                ),
            );
        }
        if has_tags_facet && note.facet("tags").is_empty() {
            let line = lines
                .line_of(&note.source_path, "tags")
                .unwrap_or(note.title_line);
            r.report(
                Rule::MissingTags,
                &note.source_path,
                Some(line),
                message!(
                    "geen `tags`: de notitie ontbreekt op elke trefwoordpagina en in elk filter; geef er een paar, bijvoorbeeld `tags: [sport, ouderen]`",
                    "no `tags`: the note is missing from every tag page and filter; add a few, e.g. `tags: [sport, ouderen]`"
                ),
            );
        }
    }
}

/// A title or alias that names more than one note makes `[[links]]` to it ambiguous.
fn duplicate_names(r: &mut Reporter<'_>, lines: &FrontMatterLines) {
    if !r.is_on(Rule::DuplicateNames) {
        return;
    }
    let site = r.site;
    // folded name → (note, the name as written, is it an alias)
    let mut by_name: BTreeMap<String, Vec<(NoteId, &str, bool)>> = BTreeMap::new();
    for id in site.note_ids() {
        let note = &site.notes[id];
        let names = std::iter::once((note.title.as_str(), false))
            .chain(note.aliases.iter().map(|a| (a.as_str(), true)));
        for (name, is_alias) in names {
            let uses = by_name.entry(fold(name)).or_default();
            if !uses.iter().any(|(other, _, _)| *other == id) {
                uses.push((id, name, is_alias));
            }
        }
    }
    for uses in by_name.values().filter(|u| u.len() > 1) {
        for (id, name, is_alias) in uses {
            let note = &site.notes[*id];
            let others = |alias: &str, title: &str| -> String {
                uses.iter()
                    .filter(|(other, _, _)| other != id)
                    .map(|(other, _, other_alias)| {
                        format!(
                            "{} ({})",
                            site.notes[*other]
                                .source_path
                                .display()
                                .to_string()
                                .replace('\\', "/"),
                            if *other_alias { alias } else { title }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (nl, en, line) = if *is_alias {
                (
                    "alias",
                    "alias",
                    lines.line_of(&note.source_path, "aliases"),
                )
            } else {
                ("titel", "title", Some(note.title_line))
            };
            r.report(
                Rule::DuplicateNames,
                &note.source_path,
                line.or(Some(note.title_line)),
                Message::new(
                    format!(
                        "de {nl} `{name}` is ook de naam van {}: [[{name}]] is niet eenduidig; maak de namen verschillend",
                        others("alias", "titel")
                    ),
                    format!(
                        "the {en} `{name}` also names {}: [[{name}]] is ambiguous; make the names distinct",
                        others("alias", "title")
                    ),
                ),
            );
        }
    }
}

fn image_alt(r: &mut Reporter<'_>, id: NoteId) {
    let note = &r.site.notes[id];
    for (line, alt) in &note.body.images {
        if alt.trim().is_empty() {
            r.report(
                Rule::ImageAlt,
                &note.source_path,
                Some(*line),
                message!(
                    "afbeelding zonder alt-tekst: een schermlezer kan haar niet beschrijven; schrijf tussen de haken van `![...](...)` wat erop staat",
                    "image without alt text: screen readers cannot describe it; write what it shows in `![...](...)`"
                ),
            );
        }
    }
}

/// The page title is the h1; each heading may go at most one level deeper than the last.
fn heading_levels(r: &mut Reporter<'_>, id: NoteId) {
    let note = &r.site.notes[id];
    let mut previous = 1;
    for (i, heading) in note.body.headings.iter().enumerate() {
        if heading.level > previous + 1 {
            let (after_nl, after_en) = if i == 0 {
                (
                    "direct na de paginatitel (h1)".to_string(),
                    "right after the page title (h1)".to_string(),
                )
            } else {
                (
                    format!("na een h{previous}"),
                    format!("after an h{previous}"),
                )
            };
            let (text, level, next) = (&heading.text, heading.level, previous + 1);
            let marks = "#".repeat(previous as usize + 1);
            r.report(
                Rule::HeadingLevels,
                &note.source_path,
                Some(heading.line),
                message!(
                    "de kop `{text}` is een h{level} {after_nl}: een niveau overslaan maakt navigeren met een schermlezer verwarrend; maak er een h{next} van (`{marks}`)",
                    "heading `{text}` is an h{level} {after_en}: skipping a level confuses screen reader navigation; make it an h{next} (`{marks}`)"
                ),
            );
        }
        previous = heading.level;
    }
}

fn vague_link_text(r: &mut Reporter<'_>, id: NoteId) {
    let note = &r.site.notes[id];
    let internal = note
        .body
        .links
        .iter()
        .filter(|l| !l.is_image)
        .map(|l| (l.line, l.label.as_str()));
    let external = note
        .body
        .external_links
        .iter()
        .filter(|l| !l.is_image)
        .map(|l| (l.line, l.label.as_str()));
    for (line, label) in internal.chain(external) {
        let normalized = normalize_label(label);
        if VAGUE_LINK_TEXTS.contains(&normalized.as_str()) {
            r.report(
                Rule::VagueLinkText,
                &note.source_path,
                Some(line),
                message!(
                    "de linktekst `{}` zegt op zichzelf niets: wie een schermlezer gebruikt, hoort links vaak zonder de zin eromheen; noem waar de link heen gaat",
                    "link text `{}` says nothing on its own: screen reader users often hear links without the sentence around them; name where the link goes",
                    label.trim()
                ),
            );
        }
    }
}

fn normalize_label(label: &str) -> String {
    label
        .trim_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || "…»«›‹→".contains(c)
        })
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_compared_without_case_and_punctuation() {
        assert_eq!(normalize_label("  Klik   HIER! "), "klik hier");
        assert_eq!(normalize_label("Lees meer…"), "lees meer");
        assert_eq!(normalize_label("→ read more"), "read more");
        assert_eq!(
            normalize_label("Hier vindt u de publicatie"),
            "hier vindt u de publicatie"
        );
    }
}
