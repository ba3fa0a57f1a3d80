//! The served site: rendered pages and copied files by output path, the problems of the site
//! as it now is, and a generation number that open pages compare to know they are stale.

use std::collections::{HashMap, HashSet};

use super::packed::Packed;
use super::state::{OnDemand, RenderedPage, Update};
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::load::Blob;

#[derive(Default)]
pub struct Output {
    pages: HashMap<String, Packed>,
    /// Static files and files beside the notes; read when asked for, like `build` copies them.
    files: HashMap<String, Blob>,
    /// Errors of the site as it now is: the pages are then the last good version.
    errors: Vec<Diagnostic>,
    /// Counts the changes a browser tab can see; starts at 1 with the first update.
    generation: u64,
    /// Whether a version without errors was ever rendered.
    built: bool,
    /// Pages being rendered after the reload (`Delta::deferred`); requests for them wait.
    pending: HashSet<String>,
    /// Groups of files built on demand that are up to date; the others are built when
    /// asked for (see `SiteState::build_on_demand`).
    on_demand: HashSet<OnDemand>,
    language: Option<Language>,
}

/// What is served at a path.
pub enum Body {
    Page(Packed),
    File(Blob),
}

impl Output {
    /// Takes in an update. Returns whether anything a browser shows changed.
    pub fn apply(&mut self, update: Update, language: Language) -> bool {
        let errors: Vec<Diagnostic> = update.errors().cloned().collect();
        let mut changed = errors != self.errors;
        self.errors = errors;
        self.language = Some(language);
        if let Some(delta) = update.delta {
            changed |= !delta.pages.is_empty() || !delta.removed.is_empty() || !self.built;
            for path in delta.removed {
                self.pages.remove(&path);
            }
            self.pages.extend(delta.pages);
            let files: HashMap<String, Blob> = delta.files.into_iter().collect();
            changed |= files.len() != self.files.len()
                || files.keys().any(|path| !self.files.contains_key(path));
            self.files = files;
            self.pending.extend(delta.deferred);
            if delta.changed {
                self.on_demand.clear();
            }
            self.built = true;
        }
        if changed || self.generation == 0 {
            self.generation += 1;
        }
        changed
    }

    /// Takes in deferred pages, rendered at last.
    pub fn finish(&mut self, pages: Vec<RenderedPage>) {
        for (path, bytes) in pages {
            self.pending.remove(&path);
            self.pages.insert(path, bytes);
        }
    }

    /// Puts in a group of files built on demand, replacing its old files.
    pub fn replace_group(&mut self, group: OnDemand, files: Vec<RenderedPage>) {
        match &group {
            OnDemand::Items(path) => {
                self.pages.remove(path);
            }
            group => self
                .pages
                .retain(|path, _| OnDemand::of_path(path).as_ref() != Some(group)),
        }
        self.pages.extend(files);
        self.on_demand.insert(group);
    }

    /// Whether a group of files built on demand is out of date.
    pub fn is_stale(&self, group: &OnDemand) -> bool {
        !self.on_demand.contains(group)
    }

    /// Gives up waiting for deferred pages that failed to render (their old version stays).
    pub fn settle(&mut self) {
        self.pending.clear();
    }

    /// Whether a page is still being rendered.
    pub fn is_pending(&self, path: &str) -> bool {
        self.pending.contains(path)
    }

    /// Marks a change that the output does not hold itself (a file beside the notes edited in
    /// place, read from disk when asked for), so open pages reload.
    pub fn touch(&mut self) {
        self.generation += 1;
    }

    /// What is at an output path. A copied file wins over a page, as in `build`, which
    /// writes the files after the pages.
    pub fn get(&self, path: &str) -> Option<Body> {
        if let Some(blob) = self.files.get(path) {
            return Some(Body::File(blob.clone()));
        }
        self.pages.get(path).cloned().map(Body::Page)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.pages.contains_key(path)
    }

    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn built(&self) -> bool {
        self.built
    }

    pub fn language(&self) -> Language {
        self.language.unwrap_or(Language::Nl)
    }

    /// The rendered pages (without the copied files, which are read from disk when asked for).
    pub fn pages(&self) -> impl Iterator<Item = (&String, &Packed)> {
        self.pages.iter()
    }

    /// Every served file's bytes, as `pipeline::build_in_memory` gives them (for tests).
    pub fn to_files(&self) -> std::io::Result<HashMap<String, Vec<u8>>> {
        let mut all: HashMap<String, Vec<u8>> = self
            .pages
            .iter()
            .map(|(path, packed)| (path.clone(), packed.unpack()))
            .collect();
        for (path, blob) in &self.files {
            all.insert(path.clone(), blob.read()?.into_owned());
        }
        Ok(all)
    }
}
