//! Embeds (`![[note]]`, `![[note#Heading]]`, `![[note#^block]]`, `![[image.png|200]]`)
//! resolved to the note part or file they show, and cycles of notes embedding each other found
//! (a cycle is a warning; render shows a link where it would close).

use super::resolve::{Miss, Resolver, heading_of};
use super::{NoteId, Resolved};
use crate::diagnostic::Diagnostic;
use crate::markdown::EmbedRef;
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
            let what = if fragment.starts_with('^') {
                "block"
            } else {
                "heading"
            };
            self.report(
                from,
                embed.line,
                "embed of",
                written,
                Miss::Fragment(id, format!("`{}` has no {what} `{fragment}`", target.title)),
                problems,
            );
            EmbedPart::NotFound
        })
    }
}

/// Warnings for notes that embed themselves, directly or through others: one per embed that
/// closes a cycle, at its line.
pub fn cycles(notes: &[Note], embeds: &[Vec<Embedded>]) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; notes.len()];
    let mut problems = Vec::new();
    let mut stack: Vec<NoteId> = Vec::new();
    fn visit(
        id: NoteId,
        notes: &[Note],
        embeds: &[Vec<Embedded>],
        marks: &mut [Mark],
        stack: &mut Vec<NoteId>,
        problems: &mut Vec<Diagnostic>,
    ) {
        marks[id] = Mark::Open;
        stack.push(id);
        for (i, embed) in embeds[id].iter().enumerate() {
            let Embedded::Note { id: to, .. } = embed else {
                continue;
            };
            match marks[*to] {
                Mark::Open => {
                    let from = stack.iter().position(|n| n == to).unwrap_or(0);
                    let path: Vec<&str> = stack[from..]
                        .iter()
                        .chain([to])
                        .map(|n| notes[*n].title.as_str())
                        .collect();
                    problems.push(Diagnostic::warning(
                        &notes[id].source_path,
                        notes[id].body.embeds.get(i).map(|e| e.line),
                        format!(
                            "embeds go round in a circle ({}): shown as a link there",
                            path.join(" → ")
                        ),
                    ));
                }
                Mark::New => visit(*to, notes, embeds, marks, stack, problems),
                Mark::Done => {}
            }
        }
        stack.pop();
        marks[id] = Mark::Done;
    }
    for id in 0..notes.len() {
        if marks[id] == Mark::New {
            visit(id, notes, embeds, &mut marks, &mut stack, &mut problems);
        }
    }
    problems
}
