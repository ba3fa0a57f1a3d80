//! Embeds (`![[note]]`, `![[note#Heading]]`, `![[note#^block]]`, `![[image.png|200]]`)
//! resolved to the note part or file they show, and cycles of notes embedding each other found
//! (a cycle is a warning; render shows a link where it would close).

use super::resolve::{Miss, Resolver, heading_of};
use super::{NoteId, Resolved};
use crate::diagnostic::Diagnostic;
use crate::markdown::EmbedRef;
use crate::message;
use crate::note::Note;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Embedded {
    Note {
        id: NoteId,
        part: EmbedPart,
    },
    /// A file by its index in the site's content files.
    File(usize),
    /// Nothing has this name: shown as missing, listed as a wanted page.
    Missing,
    /// A note that is not published: shown as nothing but its name, as plain text.
    Unpublished,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EmbedPart {
    Whole,
    /// The section under heading `i` of the note's headings.
    Section(usize),
    /// Block `i` of the note's block ids.
    Block(usize),
    /// The heading or block is not there: shown as a link to the note.
    NotFound,
}

/// Extensions of files that are never notes, so `![[plan.pdf]]` is looked up as a file first.
fn is_file_name(target: &str) -> bool {
    std::path::Path::new(target)
        .extension()
        .is_some_and(|e| !e.eq_ignore_ascii_case("md"))
}

impl Resolver<'_> {
    pub fn resolve_embeds(&self, from: NoteId, problems: &mut Vec<Diagnostic>) -> Vec<Embedded> {
        let note = &self.notes[from];
        note.body
            .embeds
            .iter()
            .map(|embed| self.resolve_embed(from, note, embed, problems))
            .collect()
    }

    fn resolve_embed(
        &self,
        from: NoteId,
        note: &Note,
        embed: &EmbedRef,
        problems: &mut Vec<Diagnostic>,
    ) -> Embedded {
        let written = format!(
            "![[{}{}]]",
            embed.target,
            embed
                .fragment
                .as_ref()
                .map(|f| format!("#{f}"))
                .unwrap_or_default()
        );
        let found = if is_file_name(&embed.target) {
            self.file_by_name(from, &embed.target)
        } else if embed.target.trim().is_empty() {
            Ok(Resolved::Note {
                id: from,
                fragment: None,
            })
        } else {
            match self.note_by_name(from, &embed.target) {
                Ok(Some(id)) => Ok(Resolved::Note { id, fragment: None }),
                Ok(None) => self.file_by_name(from, &embed.target),
                Err(miss) => Err(miss),
            }
        };
        let resolved = match found {
            Ok(r) => r,
            Err(miss) => self.report(note, embed.line, "embed of", &written, miss, problems),
        };
        match resolved {
            Resolved::Note { id, .. } => Embedded::Note {
                id,
                part: self.part(note, embed, id, &written, problems),
            },
            Resolved::File(i) => Embedded::File(i),
            Resolved::Unpublished => Embedded::Unpublished,
            Resolved::Missing | Resolved::Broken => Embedded::Missing,
        }
    }

    fn part(
        &self,
        from: &Note,
        embed: &EmbedRef,
        id: NoteId,
        written: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> EmbedPart {
        let Some(fragment) = embed.fragment.as_deref().map(str::trim) else {
            return EmbedPart::Whole;
        };
        let target = &self.notes[id];
        let found = match fragment.strip_prefix('^') {
            Some(block) => target
                .body
                .block_ids
                .iter()
                .position(|b| b.id == block)
                .map(EmbedPart::Block),
            None => heading_of(
                target,
                fragment.rsplit('#').next().unwrap_or(fragment).trim(),
            )
            .map(EmbedPart::Section),
        };
        found.unwrap_or_else(|| {
            let title = &target.title;
            let why = if fragment.starts_with('^') {
                message!(
                    "`{title}` heeft geen blok `{fragment}`",
                    "`{title}` has no block `{fragment}`"
                )
            } else {
                message!(
                    "`{title}` heeft geen kop `{fragment}`",
                    "`{title}` has no heading `{fragment}`"
                )
            };
            self.report(
                from,
                embed.line,
                "embed of",
                written,
                Miss::Fragment(id, why),
                problems,
            );
            EmbedPart::NotFound
        })
    }
}

/// The byte range of a note's HTML that an embed of `part` shows.
pub fn part_range(note: &Note, part: &EmbedPart) -> std::ops::Range<usize> {
    let body = &note.body;
    // `get`: while `serve` relinks one note after another, a part may name a heading that an
    // edit just removed; it is resolved again before anything renders.
    match part {
        EmbedPart::Whole => 0..body.html_len(),
        EmbedPart::Section(h) => {
            let Some(heading) = body.headings.get(*h) else {
                return 0..0;
            };
            let end = body.headings[h + 1..]
                .iter()
                .find(|next| next.level <= heading.level)
                .map_or(body.html_len(), |next| next.html_start);
            heading.html_start..end.max(heading.html_start)
        }
        EmbedPart::Block(b) => body
            .block_ids
            .get(*b)
            .map_or(0..0, |block| block.html_range.clone()),
        EmbedPart::NotFound => 0..0,
    }
}

/// The embeds (by index) whose placeholders stand in `range` of the note's HTML.
fn embeds_within(note: &Note, range: &std::ops::Range<usize>) -> Vec<usize> {
    const OPEN: &str = "<kb-embed data-i=\"";
    let html = &note.body.html();
    let mut found = Vec::new();
    let mut from = range.start.min(html.len());
    while let Some(at) = html
        .get(from..range.end.min(html.len()))
        .and_then(|h| h.find(OPEN))
    {
        let start = from + at + OPEN.len();
        let digits = html[start..].bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(i) = html[start..start + digits].parse() {
            found.push(i);
        }
        from = start + digits;
    }
    found
}

/// Warnings for embeds that show themselves, directly or through others: one per embed
/// that closes a cycle, at its line. A note may embed its own sections (Obsidian's help
/// does), so a cycle is a part of a note (the whole, a section, a block) coming back.
pub fn cycles(notes: &[Note], embeds: &[Vec<Embedded>]) -> Vec<Diagnostic> {
    type Node = (NoteId, EmbedPart);
    struct Walk<'a> {
        notes: &'a [Note],
        embeds: &'a [Vec<Embedded>],
        done: std::collections::HashSet<Node>,
        stack: Vec<Node>,
        problems: Vec<Diagnostic>,
    }
    impl Walk<'_> {
        fn visit(&mut self, node: Node) {
            let (id, part) = node.clone();
            // Most notes embed no note: their text is not unpacked and searched (serially,
            // for every note, it was a sixth of the link stage).
            if !self.embeds[id]
                .iter()
                .any(|e| matches!(e, Embedded::Note { .. }))
            {
                self.done.insert(node);
                return;
            }
            self.stack.push(node.clone());
            let note = &self.notes[id];
            for i in embeds_within(note, &part_range(note, &part)) {
                let Some(Embedded::Note { id: to, part }) = self.embeds[id].get(i) else {
                    continue;
                };
                let next = (*to, part.clone());
                if let Some(from) = self.stack.iter().position(|n| *n == next) {
                    let path: Vec<&str> = self.stack[from..]
                        .iter()
                        .chain([&next])
                        .map(|(n, _)| self.notes[*n].title.as_str())
                        .collect();
                    self.problems.push(Diagnostic::warning(
                        &note.source_path,
                        note.body.embeds.get(i).map(|e| e.line),
                        message!(
                            "insluitingen gaan in een kringetje rond ({}): daar getoond als link",
                            "embeds go round in a circle ({}): shown as a link there",
                            path.join(" → ")
                        ),
                    ));
                } else if !self.done.contains(&next) {
                    self.visit(next);
                }
            }
            self.stack.pop();
            self.done.insert(node);
        }
    }
    let mut walk = Walk {
        notes,
        embeds,
        done: Default::default(),
        stack: Vec::new(),
        problems: Vec::new(),
    };
    for id in 0..notes.len() {
        if !walk.done.contains(&(id, EmbedPart::Whole)) {
            walk.visit((id, EmbedPart::Whole));
        }
    }
    walk.problems
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    walk.problems.dedup();
    walk.problems
}
