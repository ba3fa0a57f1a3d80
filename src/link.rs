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
#[derive(Default)]
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
            for name in names_of(note) {
                let ids = by_name.entry(name).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        NameIndex { by_name, by_path }
    }

    /// Gives one note its new names, after it was renamed in place (same path, same id).
    /// Returns the names it had.
    fn rename(&mut self, id: NoteId, note: &Note) -> Vec<String> {
        let mut old = Vec::new();
        for (name, ids) in self.by_name.iter_mut() {
            if let Some(at) = ids.iter().position(|other| *other == id) {
                ids.remove(at);
                old.push(name.clone());
            }
        }
        self.by_name.retain(|_, ids| !ids.is_empty());
        for name in names_of(note) {
            let ids = self.by_name.entry(name).or_default();
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
        }
        old
    }

    pub fn lookup(&self, name: &str) -> &[NoteId] {
        self.by_name.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    pub fn by_path(&self, path: &Path) -> Option<NoteId> {
        self.by_path.get(path).copied()
    }
}

/// Links of every note resolved, with the indexes they were resolved against so that one
/// note's links can be resolved again after an edit (`relink_note`).
#[derive(Default)]
pub struct Linked {
    /// Per note, per link of its body, what the link resolves to.
    pub links: Vec<Vec<Resolved>>,
    /// Per note, the notes that link to it (`site::Site::relink` sorts them by title).
    pub backlinks: Vec<Vec<NoteId>>,
    /// Per note, its broken links (errors or warnings, as `unresolved_links` says).
    pub problems: Vec<Vec<Diagnostic>>,
    index: LinkIndex,
}

/// What links resolve against: the names of published notes, drafts and notes that failed to
/// parse, and the files beside the notes.
#[derive(Default)]
struct LinkIndex {
    names: NameIndex,
    drafts: NameIndex,
    unreadable_paths: Vec<PathBuf>,
    unreadable_names: HashSet<String>,
    files_by_path: HashMap<PathBuf, usize>,
    files_by_name: HashMap<String, Vec<usize>>,
}

impl LinkIndex {
    fn new(
        notes: &[Note],
        files: &[StaticFile],
        drafts: &[Note],
        unreadable: &[PathBuf],
    ) -> LinkIndex {
        let files_by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.source_path.clone(), i))
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
        LinkIndex {
            names: NameIndex::new(notes),
            drafts: NameIndex::new(drafts),
            unreadable_paths: unreadable.to_vec(),
            unreadable_names,
            files_by_path,
            files_by_name,
        }
    }
}

/// Resolves the links of all notes. `drafts` are notes left out of the build: links to them
/// are reported as links to a draft. `unreadable` are notes that failed to parse: links to
/// them by file name are not reported again, since the note's own error says it all.
/// Broken links are kept per note in `Linked::problems`.
pub fn link(
    notes: &[Note],
    files: &[StaticFile],
    drafts: &[Note],
    unreadable: &[PathBuf],
    config: &Config,
) -> Linked {
    resolve_all(
        notes,
        LinkIndex::new(notes, files, drafts, unreadable),
        config,
    )
}

/// The names a wikilink may use for a note, folded: title, aliases, file name, URL slug and
/// path under `content/`. A section's `_index.md` has none.
fn names_of(note: &Note) -> Vec<String> {
    if note.is_section_index {
        return Vec::new();
    }
    let leaf = note
        .url_path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    std::iter::once(note.title.as_str())
        .chain(note.aliases.iter().map(String::as_str))
        .chain([note.file_stem.as_str(), leaf])
        .map(fold)
        .chain([fold(&note.content_name())])
        .collect()
}

fn resolve_all(notes: &[Note], index: LinkIndex, config: &Config) -> Linked {
    let resolver = Resolver {
        notes,
        index: &index,
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
    let mut problems = Vec::with_capacity(notes.len());
    let mut backlinks: Vec<Vec<NoteId>> = vec![Vec::new(); notes.len()];
    for (from, (resolved, note_problems)) in per_note.into_iter().enumerate() {
        for to in note_targets(&resolved, from) {
            if !backlinks[to].contains(&from) {
                backlinks[to].push(from);
            }
        }
        links.push(resolved);
        problems.push(note_problems);
    }
    Linked {
        links,
        backlinks,
        problems,
        index,
    }
}

/// The other notes a note's resolved links point at (with repeats).
fn note_targets(resolved: &[Resolved], from: NoteId) -> impl Iterator<Item = NoteId> + '_ {
    resolved.iter().filter_map(move |r| match r {
        Resolved::Note { id, .. } if *id != from => Some(*id),
        _ => None,
    })
}

impl Linked {
    /// Resolves links again after some notes were renamed in place (their titles, aliases,
    /// URLs or headings changed; the notes, drafts and files did not). The name index is
    /// patched for those notes, and only links that may now resolve differently are resolved
    /// again: those in the renamed notes, those naming any old or new name of one, and path
    /// links to one. Returns the notes resolved again and the notes whose backlinks changed.
    pub fn relink_renamed(
        &mut self,
        notes: &[Note],
        renamed: &[NoteId],
        config: &Config,
    ) -> Vec<NoteId> {
        let mut names: HashSet<String> = HashSet::new();
        for id in renamed {
            names.extend(self.index.names.rename(*id, &notes[*id]));
            names.extend(names_of(&notes[*id]));
        }
        let paths: HashSet<&Path> = renamed
            .iter()
            .map(|id| notes[*id].source_path.as_path())
            .collect();
        let mentions = |note: &Note| {
            note.body.links.iter().any(|link| match &link.target {
                LinkTarget::Wiki { name, .. } => names.contains(&fold(name)),
                LinkTarget::NotePath { path, .. } => paths.contains(path.as_path()),
                LinkTarget::File { .. } => false,
            })
        };
        let again: Vec<NoteId> = {
            use rayon::prelude::*;
            (0..notes.len())
                .into_par_iter()
                .filter(|id| renamed.contains(id) || mentions(&notes[*id]))
                .collect()
        };
        let mut changed = again.clone();
        for id in again {
            changed.extend(self.relink_note(notes, id, config));
        }
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    /// Resolves one note's links again after an edit, and moves its backlinks along.
    /// Returns the notes whose backlinks changed (new ones are appended: sort them by title).
    ///
    /// Only valid when the edit kept everything other links resolve by (the note's title,
    /// aliases, URL and headings: `same_link_names`) and the site's set of notes, drafts and
    /// files; `serve` checks that and relinks the whole site otherwise.
    pub fn relink_note(&mut self, notes: &[Note], id: NoteId, config: &Config) -> Vec<NoteId> {
        let resolver = Resolver {
            notes,
            index: &self.index,
            config,
        };
        let (resolved, problems) = resolver.resolve_note(&notes[id]);
        let before: Vec<NoteId> = note_targets(&self.links[id], id).collect();
        let mut gained: Vec<NoteId> = note_targets(&resolved, id)
            .filter(|t| !before.contains(t))
            .collect();
        gained.sort_unstable();
        gained.dedup();
        let mut changed = gained.clone();
        for gone in before.iter().filter(|t| !resolved_contains(&resolved, **t)) {
            self.backlinks[*gone].retain(|from| *from != id);
            changed.push(*gone);
        }
        for target in &gained {
            self.backlinks[*target].push(id);
        }
        self.links[id] = resolved;
        self.problems[id] = problems;
        changed.sort_unstable();
        changed.dedup();
        changed
    }
}

fn resolved_contains(resolved: &[Resolved], target: NoteId) -> bool {
    resolved
        .iter()
        .any(|r| matches!(r, Resolved::Note { id, .. } if *id == target))
}

/// Whether an edit of a note kept everything that links from other notes resolve by.
pub fn same_link_names(before: &Note, after: &Note) -> bool {
    before.source_path == after.source_path
        && before.title == after.title
        && before.aliases == after.aliases
        && before.url_path == after.url_path
        && before.is_section_index == after.is_section_index
        && before.body.headings == after.body.headings
}

struct Resolver<'a> {
    notes: &'a [Note],
    index: &'a LinkIndex,
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
            LinkTarget::Wiki { name, .. } => self.index.unreadable_names.contains(&fold(name)),
            LinkTarget::NotePath { path, .. } => self.index.unreadable_paths.contains(path),
            LinkTarget::File { .. } => false,
        }
    }

    fn resolve(&self, target: &LinkTarget) -> Result<Resolved, String> {
        match target {
            LinkTarget::Wiki { name, fragment } => {
                let candidates = self.index.names.lookup(name);
                match candidates {
                    [id] => self.with_fragment(*id, fragment.as_deref()),
                    [] if !self.index.drafts.lookup(name).is_empty() => {
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
            LinkTarget::NotePath { path, fragment } => match self.index.names.by_path(path) {
                Some(id) => self.with_fragment(id, fragment.as_deref()),
                None if self.index.drafts.by_path(path).is_some() => {
                    Err("it points at a draft, which is not published".into())
                }
                None => Err(format!("no note at {}", path.display())),
            },
            LinkTarget::File { path, name } => {
                if let Some(i) = self.index.files_by_path.get(path.as_path()) {
                    return Ok(Resolved::File(*i));
                }
                match self
                    .index
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
