//! Stage 3a, link: resolve every note's links to notes and files, and collect backlinks.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::StaticFile;
use crate::markdown::LinkTarget;
use crate::note::Note;
use crate::slug::{fold, slugify};

pub type NoteId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another note, with the id of the heading the link points at.
    Note {
        id: NoteId,
        fragment: Option<String>,
    },
    /// A file beside the notes, by its index in the site's content files.
    File(usize),
    /// Broken, reported as a warning (`unresolved_links: warn`): rendered as plain text.
    Broken,
}

/// The names a wikilink may use for each note, folded.
pub struct NameIndex {
    by_name: HashMap<String, Vec<NoteId>>,
    by_path: HashMap<PathBuf, NoteId>,
}

impl NameIndex {
    pub fn new(notes: &[Note]) -> NameIndex {
        let mut by_name: HashMap<String, Vec<NoteId>> = HashMap::new();
        let mut by_path = HashMap::new();
        for (id, note) in notes.iter().enumerate() {
            by_path.insert(note.source_path.clone(), id);
            if note.is_section_index {
                continue;
            }
            let leaf = note
                .url_path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("");
            let names = std::iter::once(note.title.as_str())
                .chain(note.aliases.iter().map(String::as_str))
                .chain([note.file_stem.as_str(), leaf])
                .map(fold)
                .chain([fold(&note.content_name())]);
            for name in names {
                let ids = by_name.entry(name).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        NameIndex { by_name, by_path }
    }

    pub fn lookup(&self, name: &str) -> &[NoteId] {
        self.by_name.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    pub fn by_path(&self, path: &Path) -> Option<NoteId> {
        self.by_path.get(path).copied()
    }
}

pub struct Linked {
    /// Per note, per link of its body, what the link resolves to.
    pub links: Vec<Vec<Resolved>>,
    /// Per note, the notes that link to it (`site::assemble` sorts them by title).
    pub backlinks: Vec<Vec<NoteId>>,
}

/// Resolves the links of all notes. `drafts` are notes left out of the build: links to them
/// are reported as links to a draft. `unreadable` are notes that failed to parse: links to
/// them by file name are not reported again, since the note's own error says it all.
pub fn link(
    notes: &[Note],
    files: &[StaticFile],
    drafts: &[Note],
    unreadable: &[PathBuf],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Linked {
    let index = NameIndex::new(notes);
    let draft_index = NameIndex::new(drafts);
    let files_by_path: HashMap<&Path, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.source_path.as_path(), i))
        .collect();
    let mut files_by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        if let Some(name) = f.source_path.file_name() {
            files_by_name
                .entry(name.to_string_lossy().to_lowercase())
                .or_default()
                .push(i);
        }
    }
    let mut unreadable_names: HashSet<String> = HashSet::new();
    for path in unreadable {
        let rel = path
            .strip_prefix("content")
            .unwrap_or(path)
            .with_extension("");
        unreadable_names.insert(fold(&crate::load::to_slash(&rel)));
        if let Some(stem) = path.file_stem() {
            unreadable_names.insert(fold(&stem.to_string_lossy()));
        }
    }
    let resolver = Resolver {
        notes,
        index: &index,
        draft_index: &draft_index,
        unreadable_paths: unreadable,
        unreadable_names,
        files_by_path,
        files_by_name,
        config,
    };
    let per_note: Vec<(Vec<Resolved>, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        notes
            .par_iter()
            .map(|note| resolver.resolve_note(note))
            .collect()
    };
    let mut links = Vec::with_capacity(notes.len());
    let mut backlinks: Vec<Vec<NoteId>> = vec![Vec::new(); notes.len()];
    for (from, (resolved, mut problems)) in per_note.into_iter().enumerate() {
        diagnostics.append(&mut problems);
        for r in &resolved {
            if let Resolved::Note { id, .. } = r
                && *id != from
                && !backlinks[*id].contains(&from)
            {
                backlinks[*id].push(from);
            }
        }
        links.push(resolved);
    }
    Linked { links, backlinks }
}

struct Resolver<'a> {
    notes: &'a [Note],
    index: &'a NameIndex,
    draft_index: &'a NameIndex,
    unreadable_paths: &'a [PathBuf],
    unreadable_names: HashSet<String>,
    files_by_path: HashMap<&'a Path, usize>,
    files_by_name: HashMap<String, Vec<usize>>,
    config: &'a Config,
}

impl Resolver<'_> {
    pub fn resolve_note(&self, note: &Note) -> (Vec<Resolved>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let resolved = note
            .body
            .links
            .iter()
            .map(|link| match self.resolve(&link.target) {
                Ok(r) => r,
                Err(_) if self.points_at_unreadable(&link.target) => Resolved::Broken,
                Err(why) => {
                    let message = format!(
                        "{} {}: {why}",
                        if link.is_image {
                            "broken image"
                        } else {
                            "unresolved link"
                        },
                        link.written
                    );
                    problems.push(Diagnostic {
                        file: note.source_path.clone(),
                        line: Some(link.line),
                        level: self.config.unresolved_links,
                        message,
                    });
                    Resolved::Broken
                }
            })
            .collect();
        (resolved, problems)
    }

    fn points_at_unreadable(&self, target: &LinkTarget) -> bool {
        match target {
            LinkTarget::Wiki { name, .. } => self.unreadable_names.contains(&fold(name)),
            LinkTarget::NotePath { path, .. } => self.unreadable_paths.contains(path),
            LinkTarget::File { .. } => false,
        }
    }

    fn resolve(&self, target: &LinkTarget) -> Result<Resolved, String> {
        match target {
            LinkTarget::Wiki { name, fragment } => {
                let candidates = self.index.lookup(name);
                match candidates {
                    [id] => self.with_fragment(*id, fragment.as_deref()),
                    [] if !self.draft_index.lookup(name).is_empty() => {
                        Err("it points at a draft, which is not published".into())
                    }
                    [] => Err("no note has this title, alias or file name".into()),
                    many => {
                        let names: Vec<_> = many
                            .iter()
                            .map(|id| {
                                self.notes[*id]
                                    .source_path
                                    .display()
                                    .to_string()
                                    .replace('\\', "/")
                            })
                            .collect();
                        Err(format!(
                            "ambiguous: it matches {} (use `[[folder/file name]]` to choose)",
                            names.join(" and ")
                        ))
                    }
                }
            }
            LinkTarget::NotePath { path, fragment } => match self.index.by_path(path) {
                Some(id) => self.with_fragment(id, fragment.as_deref()),
                None if self.draft_index.by_path(path).is_some() => {
                    Err("it points at a draft, which is not published".into())
                }
                None => Err(format!("no note at {}", path.display())),
            },
            LinkTarget::File { path, name } => {
                if let Some(i) = self.files_by_path.get(path.as_path()) {
                    return Ok(Resolved::File(*i));
                }
                match self
                    .files_by_name
                    .get(&name.to_lowercase())
                    .map(Vec::as_slice)
                {
                    Some([i]) => Ok(Resolved::File(*i)),
                    Some(many) if many.len() > 1 => {
                        Err(format!("ambiguous: {} files are called {name}", many.len()))
                    }
                    _ => Err(format!("no file at {}", path.display())),
                }
            }
        }
    }

    fn with_fragment(&self, id: NoteId, fragment: Option<&str>) -> Result<Resolved, String> {
        let Some(fragment) = fragment else {
            return Ok(Resolved::Note { id, fragment: None });
        };
        let note = &self.notes[id];
        let wanted = fold(fragment);
        let wanted_slug = slugify(fragment);
        let heading = note
            .body
            .headings
            .iter()
            .find(|h| fold(&h.text) == wanted || h.id == fragment || h.id == wanted_slug);
        match heading {
            Some(h) => Ok(Resolved::Note {
                id,
                fragment: Some(h.id.clone()),
            }),
            None => Err(format!("`{}` has no heading `{fragment}`", note.title)),
        }
    }
}
