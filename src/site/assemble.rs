//! Assembling a site: each note parsed and placed (published, held back as a draft, or left
//! out), the config read with the build's overrides, then the whole linked.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{Layout, Site, SiteOptions, place_content_file};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::link::{self, Linked};
use crate::load::{NoteSource, Sources};
use crate::note::{self, Note, TitleOrder};

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
    site.link_for_build(&drafts, &unreadable);
    diagnostics.extend(site.link_problems());
    site
}
