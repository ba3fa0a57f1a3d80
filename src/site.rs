//! The whole site as plain data: parsed notes, their resolved links and backlinks, facets and
//! sections. `assemble` runs the parse and link stages over loaded `Sources`.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::link::{self, Linked, NoteId};
use crate::load::{NoteSource, Sources, StaticFile, Template};
use crate::message;
use crate::note::{self, Note, TitleOrder};
use crate::taxonomy::{self, Facet};

/// What a build is asked for beyond the config file.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Overrides `base_url` from the config (`--base-url`, or `serve`'s own address).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `serve`: `base_url` is where the site is previewed, not published, so full addresses
    /// (QR codes, the feed, the sitemap) keep the config's absolute `base_url`.
    pub preview: bool,
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
    /// Whether pages offer dark mode: the theme's tokens do, a site's own only when they give
    /// dark colours (`design_tokens::has_dark_scheme`).
    pub dark_mode: bool,
    /// When each note last changed in git, for notes without `updated`.
    pub git_dates: crate::git_dates::GitDates,
    /// When each note was first committed, for `file.ctime` in bases.
    pub git_created: crate::git_dates::GitDates,
    /// CSS and JS output path → hash, for their URLs (`load::asset_versions`).
    pub asset_versions: crate::load::AssetVersions,
    /// What load found about the site folder (vault or `content/`, ignored notes).
    pub layout: Layout,
    /// `.base` and `.canvas` files: each a page, and embeddable.
    pub documents: Vec<link::documents::Document>,
    /// What bases see: one row per published note (same index), then per content file.
    pub base_rows: Vec<crate::bases::BaseNote>,
    /// The build's time, for `now()`/`today()` in bases.
    pub clock: crate::bases::Clock,
    /// Note, file and document names → their URLs, as bases and canvases link them: made
    /// by the render stage on first use, once per site (emptied whenever the notes change).
    pub document_names: std::sync::OnceLock<crate::bases::NameUrls>,
    /// The base rows' link index, made on first use, once per site (like `document_names`).
    pub base_links: std::sync::OnceLock<std::sync::Arc<crate::bases::LinkIndex>>,
}

/// What the site folder is like, as load found it.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The notes are in the site folder itself: files beside them are copied only when linked.
    pub is_vault: bool,
    pub publish_css: bool,
    pub attachment_folder: Option<PathBuf>,
    pub ignored_notes: Vec<PathBuf>,
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

/// One note's parse and where it goes: into the site, held back as a draft, or nowhere.
pub enum Placement {
    Published(Note),
    /// A `draft: true` note of a build without `--drafts`: only links to it are checked.
    Draft(Note),
    /// The note has errors and is left out; its problems say why.
    Failed,
}

pub struct ParsedNote {
    pub placement: Placement,
    /// Problems found; a held-back draft's are dropped, as the draft is not published.
    pub problems: Vec<Diagnostic>,
}

/// Parses one note and decides its placement. Pure, so `serve` re-parses one note at a time.
pub fn parse_one(source: &NoteSource, config: &Config, options: &SiteOptions) -> ParsedNote {
    let mut problems = Vec::new();
    let mut note = note::parse_note(source, config, &mut problems);
    // The publisher is filled in here rather than by `parse_note`, so that `note` need not
    // know `publisher` (which reads notes): a re-parsed note comes through here too.
    if let Some(note) = &mut note {
        crate::publisher::fill(note, config);
    }
    let placement = match note {
        Some(note) if note.draft && !options.drafts => {
            problems.clear();
            Placement::Draft(note)
        }
        Some(note) => Placement::Published(note),
        None => Placement::Failed,
    };
    ParsedNote {
        placement,
        problems,
    }
}

/// The config file's settings with the build's own overrides applied.
pub fn site_config(
    config_text: Option<&str>,
    options: &SiteOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Config {
    let config_text = config_text
        .map(|t| crate::text_safety::clean(t, crate::config::CONFIG_FILE.as_ref(), 1, diagnostics));
    let mut config = Config::parse(config_text.as_deref(), diagnostics);
    crate::config_paths::check(&config, diagnostics);
    match &options.base_url {
        Some(url) if options.preview => config.set_preview_url(url),
        Some(url) => config.set_base_url(url),
        None => {}
    }
    if !options.preview {
        diagnostics.extend(config.missing_address_warning(config_text.as_deref()));
    }
    config
}

/// Gives a file beside the notes its path in the output.
pub fn place_content_file(file: &mut StaticFile) {
    file.output_path = content_file_output(file);
}

/// Parses the config and notes, resolves links and collects facets. Every problem found goes
/// into `diagnostics`; the caller decides whether errors stop the build.
pub fn assemble(
    mut sources: Sources,
    options: &SiteOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let mut config = site_config(sources.config_text.as_deref(), options, diagnostics);
    if sources.is_vault && !config.raw.contains_key("title") && !sources.folder_name.is_empty() {
        config.title = sources.folder_name.clone();
    }
    // Each source's text is let go as soon as it is parsed, so sources and parsed notes never
    // all coexist (480 MB of source text at 100,000 notes).
    let parsed: Vec<(ParsedNote, PathBuf)> = std::mem::take(&mut sources.notes)
        .into_par_iter()
        .map(|source| (parse_one(&source, &config, options), source.path))
        .collect();
    let mut notes = Vec::with_capacity(parsed.len());
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    for (mut parsed, path) in parsed {
        diagnostics.append(&mut parsed.problems);
        match parsed.placement {
            Placement::Published(note) => notes.push(note),
            Placement::Draft(note) => drafts.push(note),
            Placement::Failed => unreadable.push(path),
        }
    }
    let documents = std::mem::take(&mut sources.documents);
    let mut content_files = sources.content_files;
    content_files.iter_mut().for_each(place_content_file);
    let documents = link::documents::collect(documents, &content_files, diagnostics);
    let mut site = Site {
        config,
        notes,
        linked: Linked::default(),
        facets: Vec::new(),
        sections: BTreeMap::new(),
        kind_counts: BTreeMap::new(),
        title_order: TitleOrder::default(),
        content_files,
        static_files: sources.static_files,
        templates: sources.templates,
        dark_mode: sources.design_tokens.as_ref().is_none_or(|t| t.dark_mode),
        git_dates: sources.git_dates,
        git_created: sources.git_created,
        asset_versions: sources.asset_versions,
        layout: Layout {
            is_vault: sources.is_vault,
            publish_css: sources.publish_css,
            attachment_folder: sources.attachment_folder.map(PathBuf::from),
            ignored_notes: sources.ignored_notes,
        },
        documents,
        base_rows: Vec::new(),
        clock: crate::bases::Clock {
            now: jiff::Zoned::now().datetime(),
        },
        document_names: Default::default(),
        base_links: Default::default(),
    };
    site.relink(&drafts, &unreadable);
    diagnostics.extend(site.link_problems());
    site
}

impl Site {
    /// Recomputes everything that depends on more than one note: links and backlinks, facets,
    /// sections, title order and kind counts. `serve` reruns it after an edit that renames,
    /// adds or removes a note.
    pub fn relink(&mut self, drafts: &[Note], unreadable: &[PathBuf]) {
        let others = link::Others {
            unpublished: drafts,
            unreadable,
            ignored: &self.layout.ignored_notes,
            attachment_folder: self.layout.attachment_folder.as_deref(),
        };
        self.linked = link::link(&self.notes, &self.content_files, &others, &self.config);
        self.refresh_base_rows();
        self.facets =
            taxonomy::collect(&crate::publisher::facet_configs(&self.config), &self.notes);
        self.sections = collect_sections(&self.notes);
        self.sort_by_title();
        self.count_kinds();
    }

    /// Links again after notes were renamed in place: their titles, aliases, URLs or
    /// headings changed, but not their places, facet values or kinds, and no `_index.md`
    /// changed title. Facets and sections keep their notes, in a new title order. What
    /// `serve` does after a title change. Returns the notes whose links or backlinks may
    /// have changed (see `Linked::relink_renamed`). Their base rows, and those of the
    /// renamed notes, are the caller's to refresh (`refresh_base_rows_of`).
    pub fn relink_renamed(&mut self, renamed: &[NoteId]) -> Vec<NoteId> {
        let changed = self
            .linked
            .relink_renamed(&self.notes, renamed, &self.config);
        self.sort_by_title();
        self.count_kinds();
        changed
    }

    /// What bases see, after any change to notes or links.
    pub fn refresh_base_rows(&mut self) {
        self.document_names = Default::default();
        self.base_links = Default::default();
        self.base_rows = self.row_source().all();
    }

    fn row_source(&self) -> link::documents::RowSource<'_> {
        link::documents::RowSource {
            notes: &self.notes,
            linked: &self.linked,
            files: &self.content_files,
            git_dates: &self.git_dates,
            git_created: &self.git_created,
        }
    }

    /// The base rows of these notes again (after an edit in place that changed only their
    /// rows); returns the rows they replace. The rows are indexed like the notes.
    pub fn refresh_base_rows_of(&mut self, ids: &[NoteId]) -> Vec<crate::bases::BaseNote> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let fresh: Vec<_> = ids
            .iter()
            .map(|id| self.row_source().note_row(*id))
            .collect();
        self.document_names = Default::default();
        self.base_links = Default::default();
        ids.into_iter()
            .zip(fresh)
            .map(|(id, row)| std::mem::replace(&mut self.base_rows[id], row))
            .collect()
    }

    /// Lists of notes are shown by title; sort them all here, against one precomputed order.
    fn sort_by_title(&mut self) {
        self.title_order = TitleOrder::new(&self.notes);
        for list in &mut self.linked.backlinks {
            self.title_order.sort(list);
        }
        for term in self.facets.iter_mut().flat_map(|f| f.terms.iter_mut()) {
            self.title_order.sort(&mut term.notes);
        }
        for section in self.sections.values_mut() {
            self.title_order.sort(&mut section.notes);
        }
    }

    /// Resolves one note's links again after an edit that kept its title, aliases, URL,
    /// headings and facet values (`link::same_link_names`): nothing else needs relinking.
    /// Returns the notes whose backlinks changed; their base rows and the note's are the
    /// caller's to refresh (`refresh_base_rows_of`).
    pub fn relink_note(&mut self, id: NoteId) -> Vec<NoteId> {
        let changed = self.linked.relink_note(&self.notes, id, &self.config);
        for target in &changed {
            self.title_order.sort(&mut self.linked.backlinks[*target]);
        }
        self.count_kinds();
        changed
    }

    fn count_kinds(&mut self) {
        self.kind_counts.clear();
        for note in self.notes.iter().filter(|n| !n.is_section_index) {
            *self.kind_counts.entry(note.kind).or_default() += 1;
        }
    }

    /// Problems between notes: two notes with one URL, and broken links.
    pub fn link_problems(&self) -> Vec<Diagnostic> {
        let mut problems = self.url_collisions();
        problems.extend(self.linked.problems.iter().flatten().cloned());
        problems.extend(self.linked.cycles.iter().cloned());
        problems
    }

    /// Notes that claim one URL.
    pub fn url_collisions(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        report_url_collisions(&self.notes, &mut problems);
        problems
    }

    /// The files copied to the output as they are, one per output path: a site's own static
    /// file overrides the theme's, and a file beside the notes overrides both.
    /// In a vault, files beside the notes are copied only when a published note links to or
    /// embeds them (a vault holds much that is not for publishing).
    pub fn output_files(&self) -> Vec<&StaticFile> {
        let mut by_path: BTreeMap<&str, &StaticFile> = BTreeMap::new();
        let used = self.layout.is_vault.then(|| self.linked_files());
        let content = self
            .content_files
            .iter()
            .enumerate()
            .filter(|(i, _)| used.as_ref().is_none_or(|u| u.contains(i)))
            .map(|(_, f)| f);
        let diagrams = self.notes.iter().any(|n| n.body.has_mermaid);
        let theme = self
            .static_files
            .iter()
            .filter(|f| diagrams || !f.output_path.starts_with(MERMAID_FILES));
        for file in theme.chain(content) {
            by_path.insert(&file.output_path, file);
        }
        by_path.into_values().collect()
    }
}

impl Site {
    /// The notes that show any of `ids` through embeds, directly or through other embeds:
    /// their pages change when one of `ids` does.
    pub fn embedders_of(&self, ids: impl IntoIterator<Item = NoteId>) -> Vec<NoteId> {
        let mut found: Vec<NoteId> = Vec::new();
        let mut todo: Vec<NoteId> = ids.into_iter().collect();
        while let Some(target) = todo.pop() {
            for (from, embeds) in self.linked.embeds.iter().enumerate() {
                let shows = embeds
                    .iter()
                    .any(|e| matches!(e, link::Embedded::Note { id, .. } if *id == target));
                if shows && !found.contains(&from) {
                    found.push(from);
                    todo.push(from);
                }
            }
        }
        found
    }

    /// Content files a published note links to, embeds or has as its image.
    pub fn linked_files(&self) -> std::collections::HashSet<usize> {
        let links = self.linked.links.iter().flatten().filter_map(|r| match r {
            link::Resolved::File(i) => Some(*i),
            _ => None,
        });
        let embeds = self.linked.embeds.iter().flatten().filter_map(|e| match e {
            link::Embedded::File(i) => Some(*i),
            _ => None,
        });
        let covers = self.linked.covers.iter().flatten().copied();
        links.chain(embeds).chain(covers).collect()
    }
}

/// The vendored Mermaid (3.5 MB) and its license: written only for sites with a diagram.
const MERMAID_FILES: &str = "js/vendor/mermaid";

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
                message!(
                    "twee notities krijgen hetzelfde adres /{url}: deze en {} (verander een bestandsnaam of `slug:`)",
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
    // A folder's name as written (`Obsidian Publish`), where it is more than its slug.
    let mut folder_names: HashMap<String, String> = HashMap::new();
    for (id, note) in notes.iter().enumerate() {
        ensure(&mut sections, &note.section_path);
        record_folder_names(note, &mut folder_names);
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
        if section.index.is_none()
            && let Some(name) = folder_names.get(&section.path)
        {
            section.title = capitalize(name);
        } else if section.title.is_empty() {
            section.title = capitalize(&section.path.trim_end_matches('/').replace('-', " "));
        }
    }
    sections
}

/// The names of the folders a note is in, by section path, where a name is not its own slug
/// (`Obsidian Publish` for `obsidian-publish/`; `projecten` keeps being `Projecten`).
fn record_folder_names(note: &Note, names: &mut HashMap<String, String>) {
    let rel = note
        .source_path
        .strip_prefix("content")
        .unwrap_or(&note.source_path);
    let Some(parent) = rel.parent() else {
        return;
    };
    let mut path = String::new();
    for part in parent.components() {
        let name = part.as_os_str().to_string_lossy();
        let slug = crate::slug::slugify(&name);
        path.push_str(&slug);
        path.push('/');
        if !note.section_path.starts_with(&path) {
            return;
        }
        if name != slug && !names.contains_key(&path) {
            names.insert(path.clone(), name.into_owned());
        }
    }
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
