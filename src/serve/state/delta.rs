//! What goes into `SiteState::apply` (the paths that changed) and what comes out (the
//! pages to replace in the served output), and the files built only when asked for.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::load::Blob;
use crate::serve::packed::Packed;

/// What changed on disk since the last `apply`, as paths relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Files or folders under `content/` to read again (gone ones included).
    pub content: BTreeSet<PathBuf>,
    /// A template or static file of the site or its theme.
    pub layout: bool,
    /// `kennisbank.yaml`.
    pub config: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.layout && !self.config
    }

    pub fn merge(&mut self, other: Changes) {
        self.content.extend(other.content);
        self.layout |= other.layout;
        self.config |= other.config;
    }
}

/// The outcome of `apply`.
pub struct Update {
    /// Every problem of the site as it now is, sorted. With errors, nothing was rendered.
    pub problems: Vec<Diagnostic>,
    /// What to change in the served output; `None` when the site has errors.
    pub delta: Option<Delta>,
}

/// A page's output path and bytes.
pub type RenderedPage = (String, Packed);

/// Changes to the served output.
pub struct Delta {
    /// Pages rendered again (or for the first time), by output path.
    pub pages: Vec<RenderedPage>,
    /// Output paths of pages that no longer exist.
    pub removed: Vec<String>,
    /// Every file copied as it is (static and beside the notes), by output path.
    pub files: Vec<(String, Blob)>,
    /// Whether every page was rendered (first build, template or site-wide change).
    pub all: bool,
    /// Output paths of changed pages that no tab shows (feed, sitemap, citation files), left
    /// for `render_deferred` so that the reload need not wait for them.
    pub deferred: Vec<String>,
    /// Whether anything changed, which makes the files built on demand out of date.
    pub changed: bool,
}

/// Files that take long to build and change with every edit, built only when asked for
/// (see `SiteState::build_on_demand`): at 10,000 notes `data.json` takes ~0.2 s and the
/// search index ~0.7 s, too long to redo after every save; a long listing's `items.json`,
/// which a page fetches only once a reader filters, holds every item of the listing (all
/// 100,000 for the all-notes listing at that size).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OnDemand {
    /// `data.json`.
    Data,
    /// Everything under `search/`.
    Search,
    /// One listing's `items.json`, by output path.
    Items(String),
}

impl OnDemand {
    /// The group an output path belongs to, if any. A path named `items.json` that is no
    /// listing's builds to nothing (a copied file of that name is served as it is).
    pub fn of_path(path: &str) -> Option<OnDemand> {
        if path == "data.json" {
            Some(OnDemand::Data)
        } else if path
            .strip_prefix(crate::search::DIR)
            .is_some_and(|rest| rest.starts_with('/'))
        {
            Some(OnDemand::Search)
        } else if path == ITEMS || path.strip_suffix(ITEMS).is_some_and(|p| p.ends_with('/')) {
            Some(OnDemand::Items(path.to_string()))
        } else {
            None
        }
    }
}

/// The file name of a listing's items (`Page::ListingItems`).
const ITEMS: &str = "items.json";

impl Update {
    pub(super) fn failed(problems: Vec<Diagnostic>) -> Update {
        Update {
            problems,
            delta: None,
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter().filter(|d| d.is_error())
    }
}
