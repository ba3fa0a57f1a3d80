//! The whole site as plain data: parsed notes, their resolved links and backlinks, facets and
//! sections. `assemble` runs the parse and link stages over loaded `Sources`.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::link::{self, Linked, NoteId};
use crate::load::{Sources, StaticFile, Template};
use crate::note::{self, Note};
use crate::taxonomy::{self, Facet};

/// What a build is asked for beyond the config file.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Overrides `base_url` from the config (`--base-url`, or `serve`'s own address).
    pub base_url: Option<String>,
    pub drafts: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `projecten/`; `""` is the home page.
    pub path: String,
    pub title: String,
    /// The `_index.md` that gives the section its title and intro.
    pub index: Option<NoteId>,
    /// Notes directly in this folder, sorted by title.
    pub notes: Vec<NoteId>,
    /// Paths of the folders directly below.
    pub subsections: Vec<String>,
}

pub struct Site {
    pub config: Config,
    /// Published notes (drafts only with `--drafts`), section indexes included, sorted by path.
    pub notes: Vec<Note>,
    pub linked: Linked,
    pub facets: Vec<Facet>,
    pub sections: BTreeMap<String, Section>,
    /// How many notes of each kind there are (kinds without notes are absent).
    pub kind_counts: BTreeMap<crate::kind::Kind, usize>,
    pub title_order: crate::note::TitleOrder,
    /// Files beside the notes, copied to the output.
    pub content_files: Vec<StaticFile>,
    pub static_files: Vec<StaticFile>,
    pub templates: Vec<Template>,
}

impl Site {
    pub fn note_ids(&self) -> impl Iterator<Item = NoteId> + '_ {
        (0..self.notes.len()).filter(|id| !self.notes[*id].is_section_index)
    }

    /// Site-relative path of a content file in the output: `projecten/buurtbus.jpg`.
    pub fn content_file_path(&self, index: usize) -> String {
        content_file_output(&self.content_files[index])
    }
}

fn content_file_output(file: &StaticFile) -> String {
    let rel = file
        .source_path
        .strip_prefix("content")
        .unwrap_or(&file.source_path);
    let mut out = String::new();
    if let Some(parent) = rel.parent() {
        for part in parent.components() {
            out.push_str(&crate::slug::slugify(&part.as_os_str().to_string_lossy()));
            out.push('/');
        }
    }
    out.push_str(&rel.file_name().unwrap_or_default().to_string_lossy());
    out
}

/// Parses the config and notes, resolves links and collects facets. Every problem found goes
/// into `diagnostics`; the caller decides whether errors stop the build.
pub fn assemble(
    sources: Sources,
    options: &SiteOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let mut config = Config::parse(sources.config_text.as_deref(), diagnostics);
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }
    let parsed: Vec<(Option<Note>, Vec<Diagnostic>)> = sources
        .notes
        .par_iter()
        .map(|source| {
            let mut problems = Vec::new();
            let note = note::parse_note(source, &config, &mut problems);
            (note, problems)
        })
        .collect();
    let mut notes = Vec::with_capacity(parsed.len());
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    for ((note, mut problems), source) in parsed.into_iter().zip(&sources.notes) {
        match note {
            Some(note) if note.draft && !options.drafts => drafts.push(note),
            Some(note) => {
                diagnostics.append(&mut problems);
                notes.push(note);
            }
            None => {
                diagnostics.append(&mut problems);
                unreadable.push(source.path.clone());
            }
        }
    }
    let mut content_files = sources.content_files;
    for file in &mut content_files {
        file.output_path = content_file_output(file);
    }
    report_url_collisions(&notes, diagnostics);
    let linked = link::link(
        &notes,
        &content_files,
        &drafts,
        &unreadable,
        &config,
        diagnostics,
    );
    let mut linked = linked;
    let mut facets = taxonomy::collect(&crate::publisher::facet_configs(&config), &notes);
    let mut sections = collect_sections(&notes);
    // Lists of notes are shown by title; sort them all here, against one precomputed order.
    let title_order = crate::note::TitleOrder::new(&notes);
    for list in &mut linked.backlinks {
        title_order.sort(list);
    }
    for term in facets.iter_mut().flat_map(|f| f.terms.iter_mut()) {
        title_order.sort(&mut term.notes);
    }
    for section in sections.values_mut() {
        title_order.sort(&mut section.notes);
    }
    let mut kind_counts = BTreeMap::new();
    for note in notes.iter().filter(|n| !n.is_section_index) {
        *kind_counts.entry(note.kind).or_default() += 1;
    }
    Site {
        config,
        notes,
        linked,
        facets,
        sections,
        kind_counts,
        title_order,
        content_files,
        static_files: sources.static_files,
        templates: sources.templates,
    }
}

fn report_url_collisions(notes: &[Note], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_url: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
    for note in notes {
        by_url.entry(note.url_path.as_str()).or_default().push(note);
    }
    for (url, claimants) in by_url.into_iter().filter(|(_, c)| c.len() > 1) {
        let first = claimants[0];
        for other in &claimants[1..] {
            diagnostics.push(Diagnostic::error(
                &other.source_path,
                Some(other.title_line),
                format!(
                    "two notes claim the URL /{url}: this one and {} (change a file name or `slug:`)",
                    first.source_path.display().to_string().replace('\\', "/")
                ),
            ));
        }
    }
}

fn collect_sections(notes: &[Note]) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    let ensure = |sections: &mut BTreeMap<String, Section>, path: &str| {
        let mut current = path.to_string();
        loop {
            let title = current
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .replace('-', " ");
            sections.entry(current.clone()).or_insert_with(|| Section {
                path: current.clone(),
                title: capitalize(&title),
                index: None,
                notes: Vec::new(),
                subsections: Vec::new(),
            });
            if current.is_empty() {
                break;
            }
            let parent = parent_section(&current);
            let sub = current.clone();
            let parent_entry = sections.entry(parent.clone()).or_insert_with(|| Section {
                path: parent.clone(),
                title: String::new(),
                index: None,
                notes: Vec::new(),
                subsections: Vec::new(),
            });
            if !parent_entry.subsections.contains(&sub) {
                parent_entry.subsections.push(sub);
            }
            current = parent;
        }
    };
    for (id, note) in notes.iter().enumerate() {
        ensure(&mut sections, &note.section_path);
        let section = sections
            .get_mut(&note.section_path)
            .expect("section was just ensured");
        if note.is_section_index {
            section.index = Some(id);
            section.title = note.title.clone();
        } else {
            section.notes.push(id);
        }
    }
    for section in sections.values_mut() {
        section.subsections.sort();
        if section.title.is_empty() {
            section.title = capitalize(&section.path.trim_end_matches('/').replace('-', " "));
        }
    }
    sections
}

pub fn parent_section(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_string(),
        None => String::new(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
