//! The report of a check, as lines for people (`file:line: level: message [rule]`, then a
//! summary) in the site's language, or as JSON for tools (keys, `level` and `message` in
//! English as they always were; `text` in the site's language).

use std::fmt::Write;

use serde::Serialize;

use super::{CheckReport, Finding};
use crate::diagnostic::Level;
use crate::language::Language;

/// One line per problem and a summary, as `kennisbank check` prints them.
pub fn text(report: &CheckReport) -> String {
    let mut out = String::new();
    let language = report.language;
    for finding in &report.findings {
        let _ = write!(out, "{}", finding.diagnostic.display(language));
        if let Some(rule) = finding.rule {
            let _ = write!(out, " [{}]", rule.key());
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    if let Some(ext) = &report.external {
        let (urls, cached, asked, skipped) = (ext.urls, ext.from_cache, ext.fetched, ext.skipped);
        let seconds = ext.elapsed.as_secs_f64();
        let _ = match language {
            Language::Nl => writeln!(
                out,
                "externe links: {urls} gecontroleerd ({cached} uit het geheugen, {asked} opgevraagd) in {seconds:.2} s{}",
                if skipped > 0 {
                    format!(", {skipped} overgeslagen door skip_prefixes")
                } else {
                    String::new()
                }
            ),
            Language::En => writeln!(
                out,
                "external links: {urls} checked ({cached} from the cache, {asked} asked) in {seconds:.2} s{}",
                if skipped > 0 {
                    format!(", {skipped} skipped by skip_prefixes")
                } else {
                    String::new()
                }
            ),
        };
    }
    out
}

fn summary_line(report: &CheckReport) -> String {
    let errors = report.count(Level::Error);
    let warnings = report.count(Level::Warning);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match report.language {
        Language::Nl => format!(
            "{}, {} in {}",
            plural(errors, "fout", "fouten"),
            plural(warnings, "waarschuwing", "waarschuwingen"),
            plural(report.notes, "notitie", "notities"),
        ),
        Language::En => format!(
            "{}, {} in {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(report.notes, "note", "notes"),
        ),
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: JsonSummary<'a>,
    diagnostics: Vec<JsonFinding<'a>>,
    /// Notes that links ask for but that do not exist yet, with every link's place.
    wanted: &'a [super::WantedPage],
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    /// The language of each diagnostic's `text`: `nl` or `en`.
    language: Language,
    errors: usize,
    warnings: usize,
    notes: usize,
    wanted: usize,
    external: Option<&'a super::external::Summary>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: Option<usize>,
    level: Level,
    /// The `check:` setting that controls it; `null` for what `build` itself reports.
    rule: Option<&'static str>,
    /// In English, as it always was (for tools that match on it).
    message: &'a str,
    /// In the site's language (`summary.language`), for showing to editors.
    text: &'a str,
}

/// `{"summary": {language, ...}, "diagnostics": [{file, line, level, rule, message, text}],
/// "wanted": [{name, links: [{file, line}]}]}`.
pub fn json(report: &CheckReport) -> String {
    let doc = JsonReport {
        summary: JsonSummary {
            language: report.language,
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warning),
            notes: report.notes,
            wanted: report.wanted_pages.len(),
            external: report.external.as_ref(),
        },
        diagnostics: report
            .findings
            .iter()
            .map(|Finding { diagnostic, rule }| JsonFinding {
                file: diagnostic.file.display().to_string().replace('\\', "/"),
                line: diagnostic.line,
                level: diagnostic.level,
                rule: rule.map(|r| r.key()),
                message: diagnostic.message.en(),
                text: diagnostic.message.text(report.language),
            })
            .collect(),
        wanted: &report.wanted_pages,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
