//! `kennisbank check`: everything `build` validates, without writing output, plus editorial
//! rules (`editorial`, `readability`) and, on request, every external link over HTTP (`external`).
//! Every problem is reported, each at its file and line; `report` formats them.

pub mod editorial;
pub mod external;
pub mod readability;
pub mod report;
pub mod settings;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use settings::{CheckSettings, ReadabilitySettings, Rule, RuleLevel};

use crate::diagnostic::{Diagnostic, Level};
use crate::load::{self, NoteSource};
use crate::pages;
use crate::render::{self, Renderer};
use crate::site::{self, SiteOptions};
use crate::write::Sink;

/// What to check.
pub struct CheckRequest {
    pub root: PathBuf,
    pub site: SiteOptions,
    /// Check external links too (`--external`).
    pub external: Option<external::ExternalRequest>,
}

/// A problem, with the rule that found it (`None`: what `build` itself reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub rule: Option<Rule>,
}

pub struct CheckReport {
    /// The site's language: what the report is printed in.
    pub language: crate::language::Language,
    /// Sorted by file and line.
    pub findings: Vec<Finding>,
    /// Notes checked (section pages included).
    pub notes: usize,
    pub external: Option<external::Summary>,
    /// The wanted pages (notes links ask for that do not exist), as printed; empty if none.
    pub wanted: String,
    /// The same, for `--format json`.
    pub wanted_pages: Vec<WantedPage>,
}

/// A note that links ask for but that does not exist, with the links' places.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WantedPage {
    pub name: String,
    pub links: Vec<Place>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
}

impl CheckReport {
    pub fn count(&self, level: Level) -> usize {
        self.findings
            .iter()
            .filter(|f| f.diagnostic.level == level)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Level::Error) > 0
    }
}

/// Checks a site folder. Never writes anything but the external link cache.
pub fn run(request: &CheckRequest) -> CheckReport {
    let mut diagnostics = Vec::new();
    let sources = load::load_site(&request.root, &mut diagnostics);
    let lines = FrontMatterLines::new(&sources.notes);
    let site = site::assemble(sources, &request.site, &mut diagnostics);
    let pages = pages::all_pages(&site);
    pages::report_collisions(&site, &pages, &mut diagnostics);
    // Rendering finds what only rendering can: a template that fails on some page.
    match Renderer::new(&site) {
        Ok(renderer) => {
            diagnostics.extend(render::render_site(&site, &renderer, &pages, &DiscardSink))
        }
        Err(problems) => diagnostics.extend(problems),
    }
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(|diagnostic| Finding {
            diagnostic,
            rule: None,
        })
        .collect();
    editorial::check(&site, &lines, &mut findings);
    readability::check(&site, &lines, &mut findings);
    let external = request
        .external
        .as_ref()
        .map(|ext| external::check(&site, &lines, &request.root, ext, &mut findings));
    sort(&mut findings);
    let wanted = crate::wanted::wanted_pages(&site);
    let wanted_pages = wanted
        .iter()
        .map(|w| WantedPage {
            name: w.name.clone(),
            links: w
                .from
                .iter()
                .map(|(id, line)| Place {
                    file: load::to_slash(&site.notes[*id].source_path),
                    line: *line,
                })
                .collect(),
        })
        .collect();
    CheckReport {
        language: site.config.language,
        findings,
        notes: site.notes.len(),
        external,
        wanted: match wanted.len() {
            0 => String::new(),
            n => format!(
                "{} ({n}):\n{}",
                crate::i18n::string(site.config.language, "wanted_pages"),
                crate::wanted::report(&site, &wanted)
            ),
        },
        wanted_pages,
    }
}

/// By file and line, as `diagnostic::sort` orders a build's messages.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let (a, b) = (&a.diagnostic, &b.diagnostic);
        (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message))
    });
}

/// A sink that keeps nothing: `check` renders every page to find template errors only.
struct DiscardSink;

impl Sink for DiscardSink {
    fn put(&self, _path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// The lines of front matter keys, read again from the note files on demand: `Note` keeps
/// only the title's line, and a message about `aliases:` or `url:` should point at that key.
pub struct FrontMatterLines {
    texts: HashMap<PathBuf, Vec<u8>>,
}

impl FrontMatterLines {
    pub fn new(notes: &[NoteSource]) -> Self {
        FrontMatterLines {
            texts: notes
                .iter()
                .map(|n| (n.path.clone(), n.bytes.clone()))
                .collect(),
        }
    }

    /// The whole text of a note file, when it is UTF-8.
    pub fn text(&self, path: &Path) -> Option<&str> {
        std::str::from_utf8(self.texts.get(path)?).ok()
    }

    /// The line of a top-level front matter key of a note, if the note has it.
    pub fn line_of(&self, path: &Path, key: &str) -> Option<usize> {
        let text = std::str::from_utf8(self.texts.get(path)?).ok()?;
        let split = crate::frontmatter::split(text).ok()?;
        crate::frontmatter::parse_mapping(split.yaml, split.yaml_first_line)
            .ok()?
            .line_of(key)
    }
}
