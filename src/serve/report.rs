//! What `serve` says in the terminal after each change: the pages rendered and how long it
//! took, and each problem once when it appears (the overlay in the browser shows them too),
//! in the site's language.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use super::state::{Changes, Update};
use crate::diagnostic::Diagnostic;
use crate::language::Language;

/// Remembers the problems last reported, to print only new ones.
pub struct Reporter {
    /// The site's language as of the last change (`language:` may change while serving).
    pub language: Language,
    shown: BTreeSet<String>,
    had_errors: bool,
}

impl Reporter {
    pub fn new(language: Language) -> Self {
        Reporter {
            language,
            shown: BTreeSet::new(),
            had_errors: false,
        }
    }

    /// Reports an update of the served site, caused by `changes` (`None`: the first build).
    pub fn update(&mut self, update: &Update, changes: Option<&Changes>, took: Duration) {
        self.problems(&update.problems);
        let nl = self.language == Language::Nl;
        let errors = update.errors().count();
        let ms = took.as_secs_f64() * 1000.0;
        let cause = changes
            .map(|c| describe(c, self.language))
            .unwrap_or_default();
        match &update.delta {
            Some(delta) if changes.is_none() => {
                let pages = delta.pages.len();
                if nl {
                    println!("{pages} pagina's gemaakt in {ms:.0} ms");
                } else {
                    println!("built {pages} pages in {ms:.0} ms");
                }
            }
            Some(delta) => {
                let pages = delta.pages.len();
                let one = pages == 1;
                if nl {
                    let fixed = if self.had_errors { "hersteld; " } else { "" };
                    let all = if delta.all { " (alle)" } else { "" };
                    let noun = if one { "pagina" } else { "pagina's" };
                    println!("{fixed}{cause}: {pages} {noun}{all} opnieuw gemaakt in {ms:.0} ms");
                } else {
                    let fixed = if self.had_errors { "fixed; " } else { "" };
                    let all = if delta.all { " (all)" } else { "" };
                    let noun = if one { "page" } else { "pages" };
                    println!("{fixed}{cause}: {pages} {noun}{all} rendered in {ms:.0} ms");
                }
            }
            None => {
                let sep = if cause.is_empty() { "" } else { ": " };
                let kept = match (nl, changes.is_some()) {
                    (true, true) => "de laatste goede versie blijft zichtbaar",
                    (true, false) => "er is niets te zien tot ze hersteld zijn",
                    (false, true) => "the last good version stays served",
                    (false, false) => "nothing to serve until they are fixed",
                };
                let noun = match (nl, errors == 1) {
                    (true, true) => "fout",
                    (true, false) => "fouten",
                    (false, true) => "error",
                    (false, false) => "errors",
                };
                eprintln!("{cause}{sep}{errors} {noun}: {kept}");
            }
        }
        self.had_errors = errors > 0;
    }

    /// Problems of pages rendered after the reload; their old version stays served.
    pub fn deferred(&self, problems: &[Diagnostic]) {
        let kept = match self.language {
            Language::Nl => "(de vorige versie van dit bestand blijft zichtbaar)",
            Language::En => "(the previous version of this file stays served)",
        };
        for problem in problems {
            eprintln!("{} {kept}", problem.display(self.language));
        }
    }

    fn problems(&mut self, problems: &[Diagnostic]) {
        let now: BTreeSet<String> = problems
            .iter()
            .map(|p| p.display(self.language).to_string())
            .collect();
        for line in now.difference(&self.shown) {
            eprintln!("{line}");
        }
        self.shown = now;
    }
}

fn describe(changes: &Changes, language: Language) -> String {
    let mut parts: Vec<String> = Vec::new();
    if changes.config {
        parts.push(crate::config::CONFIG_FILE.into());
    }
    if changes.layout {
        parts.push(
            match language {
                Language::Nl => "templates of static-bestanden",
                Language::En => "templates or static files",
            }
            .into(),
        );
    }
    let content: Vec<&PathBuf> = changes.content.iter().collect();
    match content.as_slice() {
        [] => {}
        [one] => parts.push(one.display().to_string().replace('\\', "/")),
        many => parts.push(match language {
            Language::Nl => format!("{} paden in content/", many.len()),
            Language::En => format!("{} paths in content/", many.len()),
        }),
    }
    parts.join(", ")
}
