//! The build pipeline end to end: load → parse → link → render → write, with timings per
//! stage. Commands call this; tests call the in-memory half.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{self, BuildFailed, Diagnostic};
use crate::i18n;
use crate::language::Language;
use crate::load::{self, Sources};
use crate::message::Message;
use crate::pages::{self, Page};
use crate::render::{self, Renderer};
use crate::site::{self, Site, SiteOptions};
use crate::write::{MemorySink, OutputPlan, Sink, WriteStats};

/// How long each stage took, for `--timings`.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// Work done in parallel inside a stage (the search index, beside rendering): shown, but
    /// not added to the total.
    pub within: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn record<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.stages.push((stage, start.elapsed()));
        out
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        for (stage, d) in &self.stages {
            writeln!(f, "  {stage:<14} {:>8.1} ms", d.as_secs_f64() * 1000.0)?;
        }
        for (part, d) in &self.within {
            writeln!(
                f,
                "    {part:<12} {:>8.1} ms (in parallel, part of the stage above)",
                d.as_secs_f64() * 1000.0
            )?;
        }
        write!(
            f,
            "  {:<14} {:>8.1} ms",
            "total",
            total.as_secs_f64() * 1000.0
        )
    }
}

/// A site ready to render: parsed, linked, templates compiled, pages listed.
pub struct Prepared {
    pub site: Site,
    pub renderer: Renderer,
    pub pages: Vec<Page>,
    /// Warnings found on the way (errors make `prepare` fail instead).
    pub warnings: Vec<Diagnostic>,
}

/// Parse, link and compile templates. Fails with every diagnostic when any is an error.
pub fn prepare(
    sources: Sources,
    options: &SiteOptions,
    timings: &mut Timings,
) -> Result<Prepared, BuildFailed> {
    let mut diagnostics = Vec::new();
    prepare_with(sources, options, timings, &mut diagnostics)
}

fn prepare_with(
    sources: Sources,
    options: &SiteOptions,
    timings: &mut Timings,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Prepared, BuildFailed> {
    let site = timings.record("parse+link", || {
        site::assemble(sources, options, diagnostics)
    });
    let pages = pages::all_pages(&site);
    pages::report_collisions(&site, &pages, diagnostics);
    diagnostics.extend(render::menu_problems(&site));
    diagnostics.extend(render::document_uses::warnings(&site));
    let renderer = match timings.record("templates", || Renderer::new(&site)) {
        Ok(r) => Some(r),
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            None
        }
    };
    diagnostic::sort(diagnostics);
    match renderer {
        Some(renderer) if !diagnostic::has_errors(diagnostics) => Ok(Prepared {
            site,
            renderer,
            pages,
            warnings: std::mem::take(diagnostics),
        }),
        _ => Err(BuildFailed(std::mem::take(diagnostics))),
    }
}

/// Renders a prepared site into a sink.
pub fn render_into(prepared: &Prepared, sink: &dyn Sink) -> Result<(), BuildFailed> {
    render_into_timed(prepared, sink, &mut Timings::default())
}

fn render_into_timed(
    prepared: &Prepared,
    sink: &dyn Sink,
    timings: &mut Timings,
) -> Result<(), BuildFailed> {
    let start = Instant::now();
    let (mut problems, index_time) =
        render::render_site_timed(&prepared.site, &prepared.renderer, &prepared.pages, sink);
    timings.stages.push(("render", start.elapsed()));
    timings.within.push(("search index", index_time));
    if problems.is_empty() {
        return Ok(());
    }
    diagnostic::sort(&mut problems);
    Err(BuildFailed(problems))
}

/// Builds a site folder into memory: `(output path → bytes)`. For `serve` and tests.
pub fn build_in_memory(
    root: &Path,
    options: &SiteOptions,
) -> Result<(MemoryOutput, Vec<Diagnostic>), BuildFailed> {
    let mut diagnostics = Vec::new();
    let sources = load::load_site(root, &mut diagnostics);
    let mut timings = Timings::default();
    let prepared = prepare_with(sources, options, &mut timings, &mut diagnostics)?;
    let sink = MemorySink::default();
    render_into(&prepared, &sink)?;
    Ok((MemoryOutput(sink.into_files()), prepared.warnings))
}

pub struct MemoryOutput(pub std::collections::HashMap<String, Vec<u8>>);

impl MemoryOutput {
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.0.get(path).map(Vec::as_slice)
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// What `kennisbank build` does, given a validated configuration.
pub struct BuildRequest {
    pub root: PathBuf,
    pub output: PathBuf,
    pub site: SiteOptions,
}

pub struct BuildReport {
    /// The site's language, for what the command prints.
    pub language: Language,
    pub pages: usize,
    pub files: usize,
    pub written: WriteStats,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// The site model the build made, handed on rather than freed here: freeing a
    /// 10,000-note site one allocation at a time took 80 ms after the work was done, so the
    /// command leaves it to the process's exit (`BuildReport::exit_without_freeing`).
    model: Option<Box<Prepared>>,
}

impl BuildReport {
    /// Forgets the site model instead of freeing it: for a command about to exit, which the
    /// operating system frees at once.
    pub fn exit_without_freeing(&mut self) {
        std::mem::forget(self.model.take());
    }
}

/// Why `build_to_disk` stopped.
#[derive(Debug)]
pub enum DiskBuildFailed {
    /// Nothing was written: the previous output is exactly as it was.
    Unchanged(BuildFailed),
    /// Writing began and stopped part way (a full disk, no permission). Every file is whole,
    /// old or new; the next successful build repairs the rest. `message` says so in the
    /// site's language.
    Incomplete {
        diagnostics: Vec<Diagnostic>,
        message: String,
    },
}

/// Builds to disk. The previous output stays untouched unless every page rendered.
pub fn build_to_disk(request: &BuildRequest) -> Result<BuildReport, DiskBuildFailed> {
    let mut timings = Timings::default();
    let mut diagnostics = Vec::new();
    let sources = timings.record("load", || load::load_site(&request.root, &mut diagnostics));
    let mut prepared = prepare_with(sources, &request.site, &mut timings, &mut diagnostics)
        .map_err(DiskBuildFailed::Unchanged)?;
    let plan = OutputPlan::new(&request.output).map_err(|e| {
        DiskBuildFailed::Unchanged(BuildFailed(vec![Diagnostic::error(
            &request.output,
            None,
            Message::cannot_write(&e),
        )]))
    })?;
    render_into_timed(&prepared, &plan, &mut timings).map_err(DiskBuildFailed::Unchanged)?;
    let written = timings
        .record("write", || plan.commit())
        .map_err(|failed| {
            let mut diagnostics = prepared.warnings.clone();
            diagnostics.push(Diagnostic::error(
                &failed.error.path,
                None,
                Message::cannot_write(&failed.error.error),
            ));
            if !failed.started {
                return DiskBuildFailed::Unchanged(BuildFailed(diagnostics));
            }
            let language = prepared.site.config.language;
            let message = i18n::output_incomplete(language, &request.output, &failed.error);
            DiskBuildFailed::Incomplete {
                diagnostics,
                message,
            }
        })?;
    Ok(BuildReport {
        language: prepared.site.config.language,
        pages: prepared.pages.len(),
        files: prepared.site.static_files.len() + prepared.site.content_files.len(),
        written,
        warnings: std::mem::take(&mut prepared.warnings),
        timings,
        model: Some(Box::new(prepared)),
    })
}
