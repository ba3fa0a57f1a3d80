//! Helpers shared by the integration tests: build a fixture site in memory and query its HTML.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kennisbank::diagnostic::Diagnostic;
use kennisbank::pipeline::{self, MemoryOutput};
use kennisbank::site::SiteOptions;
use scraper::{Html, Selector};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Builds a site folder in memory; panics with every diagnostic when the build fails.
pub fn build(root: &Path, options: &SiteOptions) -> MemoryOutput {
    match pipeline::build_in_memory(root, options) {
        Ok((output, _warnings)) => output,
        Err(failed) => panic!("build of {} failed:\n{}", root.display(), list(&failed.0)),
    }
}

/// Builds a site that is expected to fail and returns its diagnostics.
pub fn build_errors(root: &Path) -> Vec<Diagnostic> {
    match pipeline::build_in_memory(root, &SiteOptions::default()) {
        Ok(_) => panic!("build of {} should have failed", root.display()),
        Err(failed) => failed.0,
    }
}

/// The diagnostics as `build` prints them for a Dutch site (the fixtures' language).
pub fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {}\n", shown(d)))
        .collect()
}

/// One diagnostic as `build` prints it for a Dutch site.
pub fn shown(d: &Diagnostic) -> String {
    d.display(kennisbank::language::Language::Nl).to_string()
}

/// Writes `(path, text)` pairs into a fresh temporary site folder.
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

pub fn write(root: &Path, path: &str, bytes: &[u8]) {
    let target = root.join(path);
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::fs::write(target, bytes).expect("write");
}

pub fn page(output: &MemoryOutput, path: &str) -> Html {
    let text = output.text(path).unwrap_or_else(|| {
        let mut known: Vec<_> = output.0.keys().cloned().collect();
        known.sort();
        panic!("no page {path}; the site has:\n{}", known.join("\n"))
    });
    Html::parse_document(text)
}

/// Texts of the elements matching `selector`, white space folded.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// `(text, href)` of the links matching `selector`.
pub fn links(html: &Html, selector: &str) -> Vec<(String, String)> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel)
        .map(|e| {
            let text = e
                .text()
                .collect::<Vec<_>>()
                .join("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (text, e.value().attr("href").unwrap_or_default().to_string())
        })
        .collect()
}

pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Runs the built `kennisbank` binary as a user would.
pub fn kennisbank(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
        .args(args)
        .output()
        .expect("run kennisbank")
}
