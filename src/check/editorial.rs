//! Editorial rules: what builds fine but serves readers badly. Each rule has a level in
//! `check:` (see `settings`); a rule that is `off` reports nothing.

use std::collections::BTreeMap;
use std::path::Path;

use super::settings::Rule;
use super::{Finding, FrontMatterLines};
use crate::diagnostic::Diagnostic;
use crate::link::NoteId;
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
    fn report(&mut self, rule: Rule, file: &Path, line: Option<usize>, message: String) {
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
                "no other note links here: readers only find it through listings and search; link it from a related note".into(),
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
                "no `summary`: listings and search results show the first words of the text instead; add one sentence".into(),
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
                "no `tags`: the note is missing from every tag page and filter; add a few, e.g. `tags: [sport, ouderen]`".into(),
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
            let others: Vec<String> = uses
                .iter()
                .filter(|(other, _, _)| other != id)
                .map(|(other, _, other_alias)| {
                    format!(
                        "{} ({})",
                        site.notes[*other]
                            .source_path
                            .display()
                            .to_string()
                            .replace('\\', "/"),
                        if *other_alias { "alias" } else { "title" }
                    )
                })
                .collect();
            let (what, line) = if *is_alias {
                ("alias", lines.line_of(&note.source_path, "aliases"))
            } else {
                ("title", Some(note.title_line))
            };
            r.report(
                Rule::DuplicateNames,
                &note.source_path,
                line.or(Some(note.title_line)),
                format!(
                    "the {what} `{name}` also names {}: [[{name}]] is ambiguous; make the names distinct",
                    others.join(", ")
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
                "image without alt text: screen readers cannot describe it; write what it shows in `![...](...)`".into(),
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
            let after = if i == 0 {
                "right after the page title (h1)".to_string()
            } else {
                format!("after an h{previous}")
            };
            r.report(
                Rule::HeadingLevels,
                &note.source_path,
                Some(heading.line),
                format!(
                    "heading `{}` is an h{} {after}: skipping a level confuses screen reader navigation; make it an h{} (`{}`)",
                    heading.text,
                    heading.level,
                    previous + 1,
                    "#".repeat(previous as usize + 1)
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
                format!(
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
