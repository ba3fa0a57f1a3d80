//! Stage 3a, link: resolve every note's links and embeds to notes and files (`resolve`,
//! `embeds`), and collect backlinks.

mod cover;
pub mod documents;
mod embeds;
mod resolve;

pub use embeds::{EmbedPart, Embedded, part_range};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use resolve::Resolver;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::StaticFile;
use crate::markdown::LinkTarget;
use crate::note::Note;
use crate::slug::fold;

pub type NoteId = usize;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Resolved {
    /// Another note, with the id of the heading the link points at.
    Note {
        id: NoteId,
        fragment: Option<String>,
    },
    /// A file beside the notes, by its index in the site's content files.
    File(usize),
    /// Broken (a missing file, or a note that failed to parse): rendered as `#`.
    Broken,
    /// No note has this name: rendered as visibly missing text, listed as a wanted page.
    Missing,
    /// A note that is not published: rendered as plain text, so it leaks nowhere.
    Unpublished,
}

/// The names a wikilink may use for each note, folded.
#[derive(Default)]
pub struct NameIndex {
    by_name: HashMap<String, Vec<NoteId>>,
    by_path: HashMap<PathBuf, NoteId>,
}

impl NameIndex {
    pub fn new(notes: &[Note]) -> NameIndex {
        use rayon::prelude::*;
        let mut by_name: HashMap<String, Vec<NoteId>> = HashMap::new();
        let mut by_path = HashMap::new();
        // Folding the names is the work; it is done in parallel, the table filled in order.
        let names: Vec<Vec<String>> = notes.par_iter().map(names_of).collect();
        for (id, (note, names)) in notes.iter().zip(names).enumerate() {
            by_path.insert(note.source_path.clone(), id);
            for name in names {
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
    /// Per note, per embed of its body, what it shows.
    pub embeds: Vec<Vec<Embedded>>,
    /// Per note, the content file of its `image:`/`cover:`, when that resolves.
    pub covers: Vec<Option<usize>>,
    /// Embeds that go round in a circle (warnings).
    pub cycles: Vec<Diagnostic>,
    index: LinkIndex,
}

/// What the link stage is given besides the published notes.
#[derive(Default)]
pub struct Others<'a> {
    /// Notes left out of the build (drafts, `publish: false`): links to them are plain text.
    pub unpublished: &'a [Note],
    /// Notes that failed to parse: links to them are not reported again.
    pub unreadable: &'a [PathBuf],
    /// Notes in ignored folders, never read: links to them are plain text.
    pub ignored: &'a [PathBuf],
    /// Obsidian's attachment folder, preferred among files of one name.
    pub attachment_folder: Option<&'a Path>,
}

/// What links resolve against: the names of published notes, drafts and notes that failed to
/// parse, and the files beside the notes.
#[derive(Default)]
struct LinkIndex {
    names: NameIndex,
    unpublished: NameIndex,
    unreadable_paths: Vec<PathBuf>,
    unreadable_names: HashSet<String>,
    ignored_paths: Vec<PathBuf>,
    ignored_names: HashSet<String>,
    files_by_path: HashMap<PathBuf, usize>,
    /// Lower-cased path relative to the notes' folder: `bijlagen/foto.png`.
    files_by_lower_path: HashMap<String, usize>,
    files_by_name: HashMap<String, Vec<usize>>,
    file_paths: Vec<PathBuf>,
    attachment_folder: Option<PathBuf>,
}

/// Folded names a note that is not there may be linked by: its path and file name.
fn path_names(paths: &[PathBuf]) -> HashSet<String> {
    let mut names = HashSet::new();
    for path in paths {
        let rel = path
            .strip_prefix("content")
            .unwrap_or(path)
            .with_extension("");
        names.insert(fold(&crate::load::to_slash(&rel)));
        if let Some(stem) = path.file_stem() {
            names.insert(fold(&stem.to_string_lossy()));
        }
    }
    names
}

impl LinkIndex {
    fn new(notes: &[Note], files: &[StaticFile], others: &Others<'_>) -> LinkIndex {
        let unreadable = others.unreadable;
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
        let files_by_lower_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let rel = f
                    .source_path
                    .strip_prefix("content")
                    .unwrap_or(&f.source_path);
                (crate::load::to_slash(rel).to_lowercase(), i)
            })
            .collect();
        LinkIndex {
            names: NameIndex::new(notes),
            unpublished: NameIndex::new(others.unpublished),
            unreadable_paths: unreadable.to_vec(),
            unreadable_names: path_names(unreadable),
            ignored_paths: others.ignored.to_vec(),
            ignored_names: path_names(others.ignored),
            files_by_path,
            files_by_lower_path,
            files_by_name,
            file_paths: files.iter().map(|f| f.source_path.clone()).collect(),
            attachment_folder: others.attachment_folder.map(Path::to_path_buf),
        }
    }
}

/// Resolves the links of all notes. `drafts` are notes left out of the build: links to them
/// are reported as links to a draft. `unreadable` are notes that failed to parse: links to
/// them by file name are not reported again, since the note's own error says it all.
/// Broken links are kept per note in `Linked::problems`.
pub fn link(notes: &[Note], files: &[StaticFile], others: &Others<'_>, config: &Config) -> Linked {
    resolve_all(notes, LinkIndex::new(notes, files, others), config)
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
    let per_note: Vec<Resolution> = {
        use rayon::prelude::*;
        (0..notes.len())
            .into_par_iter()
            .map(|id| resolver.resolve_all_of(id))
            .collect()
    };
    let mut linked = Linked {
        index,
        ..Linked::default()
    };
    linked.backlinks = vec![Vec::new(); notes.len()];
    for (from, resolution) in per_note.into_iter().enumerate() {
        for to in note_targets(&resolution.links, &resolution.embeds, from) {
            if !linked.backlinks[to].contains(&from) {
                linked.backlinks[to].push(from);
            }
        }
        linked.links.push(resolution.links);
        linked.embeds.push(resolution.embeds);
        linked.covers.push(resolution.cover);
        linked.problems.push(resolution.problems);
    }
    linked.cycles = embeds::cycles(notes, &linked.embeds);
    linked
}

/// One note's links and embeds, resolved, and the problems found.
struct Resolution {
    links: Vec<Resolved>,
    embeds: Vec<Embedded>,
    cover: Option<usize>,
    problems: Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn resolve_all_of(&self, id: NoteId) -> Resolution {
        let (links, mut problems) = self.resolve_note(id);
        let embeds = self.resolve_embeds(id, &mut problems);
        let cover = self.resolve_cover(id, &mut problems);
        Resolution {
            links,
            embeds,
            cover,
            problems,
        }
    }
}

/// The other notes a note's resolved links and embeds point at (with repeats).
fn note_targets<'a>(
    resolved: &'a [Resolved],
    embeds: &'a [Embedded],
    from: NoteId,
) -> impl Iterator<Item = NoteId> + 'a {
    let linked = resolved.iter().filter_map(|r| match r {
        Resolved::Note { id, .. } => Some(*id),
        _ => None,
    });
    let embedded = embeds.iter().filter_map(|e| match e {
        Embedded::Note { id, .. } => Some(*id),
        _ => None,
    });
    linked.chain(embedded).filter(move |id| *id != from)
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
        // Every link of the site is looked at: compared without folding each (folding them
        // was a fifth of a title change's samples at 100,000 notes, in perf), and only with
        // the names that start as it does.
        let names = crate::slug::FoldedNames::new(names);
        let named = |text: &str| names.matches(text);
        let mentions = |note: &Note| {
            note.body.links.iter().any(|link| match &link.target {
                LinkTarget::Wiki { name, .. } => named(name),
                LinkTarget::NotePath { path, .. } => paths.contains(path.as_path()),
                LinkTarget::File { .. } => false,
            }) || note.body.embeds.iter().any(|e| named(&e.target))
        };
        let again: Vec<NoteId> = {
            use rayon::prelude::*;
            (0..notes.len())
                .into_par_iter()
                .filter(|id| renamed.contains(id) || mentions(&notes[*id]))
                .collect()
        };
        let mut changed = again.clone();
        // A circle of embeds (its message names the titles) can only change where a renamed
        // note embeds or a note's embeds now resolve differently.
        let mut walk_again = renamed.iter().any(|id| !self.embeds[*id].is_empty());
        for id in again {
            let before = self.embeds[id].clone();
            changed.extend(self.resolve_again(notes, id, config));
            walk_again |= self.embeds[id] != before;
        }
        changed.sort_unstable();
        changed.dedup();
        if walk_again {
            self.cycles = embeds::cycles(notes, &self.embeds);
        }
        changed
    }

    /// Resolves one note's links again after an edit, and moves its backlinks along.
    /// Returns the notes whose backlinks changed (new ones are appended: sort them by title).
    ///
    /// Only valid when the edit kept everything other links resolve by (the note's title,
    /// aliases, URL and headings: `same_link_names`) and the site's set of notes, drafts and
    /// files; `serve` checks that and relinks the whole site otherwise.
    pub fn relink_note(&mut self, notes: &[Note], id: NoteId, config: &Config) -> Vec<NoteId> {
        // A circle of embeds runs through notes that embed: one that embeds nothing, before
        // or after, changes none (and the walk over the whole site was an eighth of a title
        // change's samples at 100,000 notes, in perf).
        let embedded_before = !self.embeds[id].is_empty();
        let changed = self.resolve_again(notes, id, config);
        if embedded_before || !self.embeds[id].is_empty() {
            self.cycles = embeds::cycles(notes, &self.embeds);
        }
        changed
    }

    /// `relink_note` but for the circles of embeds, which the caller finds again.
    fn resolve_again(&mut self, notes: &[Note], id: NoteId, config: &Config) -> Vec<NoteId> {
        let resolver = Resolver {
            notes,
            index: &self.index,
            config,
        };
        let Resolution {
            links: resolved,
            embeds: embedded,
            cover,
            problems,
        } = resolver.resolve_all_of(id);
        let before: Vec<NoteId> = note_targets(&self.links[id], &self.embeds[id], id).collect();
        let after: Vec<NoteId> = note_targets(&resolved, &embedded, id).collect();
        let mut gained: Vec<NoteId> = after
            .iter()
            .copied()
            .filter(|t| !before.contains(t))
            .collect();
        gained.sort_unstable();
        gained.dedup();
        let mut changed = gained.clone();
        for gone in before.iter().filter(|t| !after.contains(t)) {
            self.backlinks[*gone].retain(|from| *from != id);
            changed.push(*gone);
        }
        for target in &gained {
            self.backlinks[*target].push(id);
        }
        self.links[id] = resolved;
        self.embeds[id] = embedded;
        self.covers[id] = cover;
        self.problems[id] = problems;
        changed.sort_unstable();
        changed.dedup();
        changed
    }
}

/// Whether an edit of a note kept everything that links from other notes resolve by.
pub fn same_link_names(before: &Note, after: &Note) -> bool {
    before.source_path == after.source_path
        && before.title == after.title
        && before.aliases == after.aliases
        && before.url_path == after.url_path
        && before.is_section_index == after.is_section_index
        && before.body.headings == after.body.headings
        && before.body.block_ids == after.body.block_ids
}
