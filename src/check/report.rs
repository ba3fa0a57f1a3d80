//! The report of a check, as lines for people (`file:line: level: message [rule]`, then a
//! summary) or as JSON for tools.

use std::fmt::Write;

use serde::Serialize;

use super::{CheckReport, Finding};
use crate::diagnostic::Level;

/// One line per problem and a summary, as `kennisbank check` prints them.
pub fn text(report: &CheckReport) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let _ = write!(out, "{}", finding.diagnostic);
        if let Some(rule) = finding.rule {
            let _ = write!(out, " [{}]", rule.key());
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    if let Some(ext) = &report.external {
        let _ = writeln!(
            out,
            "external links: {} checked ({} from the cache, {} asked) in {:.2} s{}",
            ext.urls,
            ext.from_cache,
            ext.fetched,
            ext.elapsed.as_secs_f64(),
            if ext.skipped > 0 {
                format!(", {} skipped by skip_prefixes", ext.skipped)
            } else {
                String::new()
            }
        );
    }
    out
}

fn summary_line(report: &CheckReport) -> String {
    let errors = report.count(Level::Error);
    let warnings = report.count(Level::Warning);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {} in {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(report.notes, "note", "notes"),
    )
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
    message: &'a str,
}

/// `{"summary": {...}, "diagnostics": [{file, line, level, rule, message}],
/// "wanted": [{name, links: [{file, line}]}]}`.
pub fn json(report: &CheckReport) -> String {
    let doc = JsonReport {
        summary: JsonSummary {
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
                message: &diagnostic.message,
            })
            .collect(),
        wanted: &report.wanted_pages,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
