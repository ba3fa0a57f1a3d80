//! What `serve` says in the terminal after each change: the pages rendered and how long it
//! took, and each problem once when it appears (the overlay in the browser shows them too).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use super::state::{Changes, Update};
use crate::diagnostic::Diagnostic;

/// Remembers the problems last reported, to print only new ones.
#[derive(Default)]
pub struct Reporter {
    shown: BTreeSet<String>,
    had_errors: bool,
}

impl Reporter {
    /// Reports an update of the served site, caused by `changes` (`None`: the first build).
    pub fn update(&mut self, update: &Update, changes: Option<&Changes>, took: Duration) {
        self.problems(&update.problems);
        let errors = update.errors().count();
        let ms = took.as_secs_f64() * 1000.0;
        let cause = changes.map(describe).unwrap_or_default();
        match &update.delta {
            Some(delta) if changes.is_none() => {
                println!("built {} pages in {ms:.0} ms", delta.pages.len());
            }
            Some(delta) => {
                let fixed = if self.had_errors { "fixed; " } else { "" };
                let all = if delta.all { " (all)" } else { "" };
                println!(
                    "{fixed}{cause}: {} page{}{all} rendered in {ms:.0} ms",
                    delta.pages.len(),
                    if delta.pages.len() == 1 { "" } else { "s" },
                );
            }
            None => {
                let kept = if changes.is_some() {
                    "the last good version stays served"
                } else {
                    "nothing to serve until they are fixed"
                };
                eprintln!(
                    "{cause}{}{errors} error{}: {kept}",
                    if cause.is_empty() { "" } else { ": " },
                    if errors == 1 { "" } else { "s" }
                );
            }
        }
        self.had_errors = errors > 0;
    }

    /// Problems of pages rendered after the reload; their old version stays served.
    pub fn deferred(&self, problems: &[Diagnostic]) {
        for problem in problems {
            eprintln!("{problem} (the previous version of this file stays served)");
        }
    }

    fn problems(&mut self, problems: &[Diagnostic]) {
        let now: BTreeSet<String> = problems.iter().map(ToString::to_string).collect();
        for line in now.difference(&self.shown) {
            eprintln!("{line}");
        }
        self.shown = now;
    }
}

fn describe(changes: &Changes) -> String {
    let mut parts: Vec<String> = Vec::new();
    if changes.config {
        parts.push(crate::config::CONFIG_FILE.into());
    }
    if changes.layout {
        parts.push("templates or static files".into());
    }
    let content: Vec<&PathBuf> = changes.content.iter().collect();
    match content.as_slice() {
        [] => {}
        [one] => parts.push(one.display().to_string().replace('\\', "/")),
        many => parts.push(format!("{} paths in content/", many.len())),
    }
    parts.join(", ")
}
