//! One link's target, resolved the way Obsidian resolves it: the exact path (with or without
//! `.md`), then the file name (among notes of one name: the one in the linking note's folder,
//! then the one with the shortest path), then titles, aliases and slugs; all case-insensitive.
//! A link to a note that is not published (a draft, `publish: false`, an ignored folder) is
//! told apart from a link to nothing, so neither leaks nor is reported as missing.

use std::path::Path;

use super::{LinkIndex, NoteId, Resolved};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::markdown::LinkTarget;
use crate::message;
use crate::message::Message;
use crate::note::Note;
use crate::slug::{fold, slugify};

pub(super) struct Resolver<'a> {
    pub notes: &'a [Note],
    pub index: &'a LinkIndex,
    pub config: &'a Config,
}

/// Why a target did not resolve to a published note or file.
pub(super) enum Miss {
    /// Nothing has this name: a wanted page.
    Nothing(Message),
    /// A note that exists but is not published.
    Unpublished(Message),
    /// Points at a note that failed to parse (its own error says it all).
    Unreadable,
    /// Several notes have this name equally: resolved to the first, with a warning.
    Ambiguous(NoteId, Message),
    /// The note exists but has no such heading or block: links to the note.
    Fragment(NoteId, Message),
    /// A file that is not there.
    File(Message),
}

impl Resolver<'_> {
    pub fn resolve_note(&self, from: NoteId) -> (Vec<Resolved>, Vec<Diagnostic>) {
        let note = &self.notes[from];
        let mut problems = Vec::new();
        let resolved = note
            .body
            .links
            .iter()
            .map(|link| {
                let what = if link.is_image {
                    "broken image"
                } else {
                    "unresolved link"
                };
                match self.resolve(from, &link.target) {
                    Ok(r) => r,
                    Err(miss) => {
                        self.report(note, link.line, what, &link.written, miss, &mut problems)
                    }
                }
            })
            .collect();
        (resolved, problems)
    }

    /// Turns a miss into what the link renders as, and its message.
    pub fn report(
        &self,
        note: &Note,
        line: usize,
        what: &str,
        written: &str,
        miss: Miss,
        problems: &mut Vec<Diagnostic>,
    ) -> Resolved {
        let level = self.config.unresolved_links;
        let strict = if self.config.strict {
            Level::Error
        } else {
            Level::Warning
        };
        // Only a link to nothing is "unresolved"; the others go somewhere, or are meant not to.
        let what = match miss {
            Miss::Nothing(_) | Miss::File(_) => what,
            _ if what == "unresolved link" => "link",
            _ => what,
        };
        let (resolved, level, why) = match miss {
            Miss::Unreadable => return Resolved::Broken,
            // Leaving a note out is a choice, and real vaults link to their drafts a lot:
            // only a team that asked for a schema hears about it.
            Miss::Unpublished(_) if !self.config.strict => return Resolved::Unpublished,
            Miss::Nothing(why) => (Resolved::Missing, level, why),
            Miss::Unpublished(why) => (Resolved::Unpublished, level, why),
            Miss::Ambiguous(id, why) => (Resolved::Note { id, fragment: None }, strict, why),
            Miss::Fragment(id, why) => (Resolved::Note { id, fragment: None }, strict, why),
            Miss::File(why) => (Resolved::Broken, level, why),
        };
        problems.push(Diagnostic {
            file: note.source_path.clone(),
            line: Some(line),
            level,
            message: Message::new(
                match what {
                    "unresolved link" => format!("link {written} leidt nergens heen: {}", why.nl()),
                    "broken image" => format!("afbeelding {written} niet gevonden: {}", why.nl()),
                    "embed of" => format!("insluiting {written}: {}", why.nl()),
                    _ => format!("link {written}: {}", why.nl()),
                },
                format!("{what} {written}: {}", why.en()),
            ),
        });
        resolved
    }

    pub fn resolve(&self, from: NoteId, target: &LinkTarget) -> Result<Resolved, Miss> {
        match target {
            LinkTarget::Wiki { name, fragment } => {
                let name = name.trim();
                if name.is_empty() {
                    return self.with_fragment(from, fragment.as_deref());
                }
                match self.note_by_name(from, name)? {
                    Some(id) => self.with_fragment(id, fragment.as_deref()),
                    None => self.file_by_name(from, name),
                }
            }
            LinkTarget::NotePath { path, fragment } => match self.index.names.by_path(path) {
                Some(id) => self.with_fragment(id, fragment.as_deref()),
                None if self.index.unpublished.by_path(path).is_some()
                    || self.index.ignored_paths.contains(path) =>
                {
                    Err(Miss::Unpublished(unpublished()))
                }
                None if self.index.unreadable_paths.contains(path) => Err(Miss::Unreadable),
                None => Err(Miss::Nothing(message!(
                    "er staat geen notitie op {}",
                    "no note at {}",
                    path.display()
                ))),
            },
            LinkTarget::File { path, name } => {
                if let Some(i) = self.index.files_by_path.get(path.as_path()) {
                    return Ok(Resolved::File(*i));
                }
                self.file_by_name(from, name).map_err(|_| {
                    Miss::File(message!(
                        "er staat geen bestand op {}",
                        "no file at {}",
                        path.display()
                    ))
                })
            }
        }
    }

    /// The note a wikilink's name means, `None` when no note has it (it may be a file).
    pub fn note_by_name(&self, from: NoteId, name: &str) -> Result<Option<NoteId>, Miss> {
        let name = strip_md(name);
        let wanted = fold(name.trim_start_matches('/'));
        let candidates = self.index.names.lookup(&wanted);
        if let [id] = candidates {
            return Ok(Some(*id));
        }
        if candidates.is_empty() {
            if !self.index.unpublished.lookup(&wanted).is_empty()
                || self.index.ignored_names.contains(&wanted)
            {
                return Err(Miss::Unpublished(unpublished()));
            }
            if self.index.unreadable_names.contains(&wanted) {
                return Err(Miss::Unreadable);
            }
            return Ok(None);
        }
        // 1. The exact path under the notes' folder.
        let by_path: Vec<NoteId> = candidates
            .iter()
            .copied()
            .filter(|id| fold(&self.notes[*id].content_name()) == wanted)
            .collect();
        if let [id] = by_path.as_slice() {
            return Ok(Some(*id));
        }
        // 2. The file name: in the linking note's folder, else the shortest path.
        let by_file: Vec<NoteId> = candidates
            .iter()
            .copied()
            .filter(|id| fold(&self.notes[*id].file_stem) == wanted)
            .collect();
        if !by_file.is_empty() {
            let folder = self.notes[from].source_path.parent();
            if let Some(id) = by_file
                .iter()
                .find(|id| self.notes[**id].source_path.parent() == folder)
            {
                return Ok(Some(*id));
            }
            let depth = |id: &NoteId| self.notes[*id].source_path.components().count();
            let shortest = by_file.iter().map(depth).min().unwrap_or(0);
            let nearest: Vec<NoteId> = by_file
                .into_iter()
                .filter(|id| depth(id) == shortest)
                .collect();
            if let [id] = nearest.as_slice() {
                return Ok(Some(*id));
            }
            return Err(self.ambiguous(&nearest));
        }
        Err(self.ambiguous(candidates))
    }

    fn ambiguous(&self, many: &[NoteId]) -> Miss {
        let mut ids = many.to_vec();
        ids.sort_by_key(|id| &self.notes[*id].source_path);
        let names: Vec<_> = ids
            .iter()
            .map(|id| crate::load::to_slash(&self.notes[*id].source_path))
            .collect();
        Miss::Ambiguous(
            ids[0],
            Message::new(
                format!(
                    "niet eenduidig: dit past bij {} (kies met `[[map/bestandsnaam]]`); de link gaat naar de eerste",
                    names.join(" en ")
                ),
                format!(
                    "ambiguous: it matches {} (use `[[folder/file name]]` to choose); linked to the first",
                    names.join(" and ")
                ),
            ),
        )
    }

    /// A file linked by name, found anywhere in the vault as Obsidian finds attachments: by
    /// its path, else by its file name (beside the note first, then in the attachment folder,
    /// then the shortest path).
    pub fn file_by_name(&self, from: NoteId, name: &str) -> Result<Resolved, Miss> {
        let missing = || {
            let file = Path::new(name).extension().is_some();
            let nl = if file {
                ", en geen bestand heeft deze naam"
            } else {
                ""
            };
            let en = if file {
                ", and no file has this name"
            } else {
                ""
            };
            Miss::Nothing(message!(
                "geen notitie heeft deze titel, alias of bestandsnaam{nl}",
                "no note has this title, alias or file name{en}"
            ))
        };
        let folded = name.trim_start_matches('/').to_lowercase();
        if let Some(i) = self.index.files_by_lower_path.get(&folded) {
            return Ok(Resolved::File(*i));
        }
        let leaf = folded.rsplit('/').next().unwrap_or(&folded);
        let Some(found) = self.index.files_by_name.get(leaf) else {
            return Err(missing());
        };
        let folder = self.notes[from].source_path.parent();
        let pick = found
            .iter()
            .find(|i| self.index.file_paths[**i].parent() == folder)
            .or_else(|| {
                let attachments = self.config_attachment_folder()?;
                found
                    .iter()
                    .find(|i| self.index.file_paths[**i].starts_with(attachments))
            })
            .or_else(|| {
                found
                    .iter()
                    .min_by_key(|i| (self.index.file_paths[**i].components().count(), **i))
            });
        pick.map(|i| Resolved::File(*i)).ok_or_else(missing)
    }

    fn config_attachment_folder(&self) -> Option<&Path> {
        self.index.attachment_folder.as_deref()
    }

    /// `#Heading`, nested `#A#B` (the last part), or `#^block`.
    pub fn with_fragment(&self, id: NoteId, fragment: Option<&str>) -> Result<Resolved, Miss> {
        let Some(fragment) = fragment.map(str::trim).filter(|f| !f.is_empty()) else {
            return Ok(Resolved::Note { id, fragment: None });
        };
        let note = &self.notes[id];
        if let Some(block) = fragment.strip_prefix('^') {
            return match note.body.block_ids.iter().find(|b| b.id == block) {
                Some(b) => Ok(Resolved::Note {
                    id,
                    fragment: Some(format!("^{}", b.id)),
                }),
                None => Err(Miss::Fragment(
                    id,
                    message!(
                        "`{}` heeft geen blok `^{block}`",
                        "`{}` has no block `^{block}`",
                        note.title
                    ),
                )),
            };
        }
        let last = fragment.rsplit('#').next().unwrap_or(fragment).trim();
        match heading_of(note, last) {
            Some(i) => Ok(Resolved::Note {
                id,
                fragment: Some(note.body.headings[i].id.clone()),
            }),
            None => Err(Miss::Fragment(
                id,
                message!(
                    "`{}` heeft geen kop `{fragment}`",
                    "`{}` has no heading `{fragment}`",
                    note.title
                ),
            )),
        }
    }
}

fn unpublished() -> Message {
    message!(
        "deze link wijst naar een notitie die niet gepubliceerd is (een concept, `publish: false` of een genegeerde map): getoond als gewone tekst",
        "it points at a note that is not published (a draft, `publish: false` or an ignored folder): shown as plain text"
    )
}

/// The heading a fragment names, by its text or its id.
pub fn heading_of(note: &Note, fragment: &str) -> Option<usize> {
    let wanted = fold(fragment);
    let wanted_slug = slugify(fragment);
    note.body
        .headings
        .iter()
        .position(|h| fold(&h.text) == wanted || h.id == fragment || h.id == wanted_slug)
}

/// `Note.md` → `Note`: Obsidian links may name the extension.
fn strip_md(name: &str) -> &str {
    match name.len().checked_sub(3) {
        Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".md") => &name[..i],
        _ => name,
    }
}
