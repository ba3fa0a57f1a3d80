//! Obsidian Bases: database views over the site's notes, computed at build time.
//!
//! `definition` (stage 2, parse) reads a base's YAML into a `BaseDef`; `rows` (stage 3, link)
//! evaluates it over plain `BaseNote` records into `ViewResult`s; `render` (stage 4) turns a
//! result into semantic HTML that works without JavaScript.

pub mod definition;
pub mod expr;
pub mod note;
pub mod render;
pub mod rows;
mod sort;
pub mod summary;
#[cfg(test)]
mod test_notes;

pub use definition::{BaseDef, ViewKind, parse};
pub use expr::eval::Clock;
pub use expr::value::{Date, Duration, Link, Value};

pub use render::{RenderOptions, render_view};

/// Names as bases and canvases write them (folded) → URLs.
pub type NameUrls = std::collections::HashMap<String, String>;
pub use expr::eval::LinkIndex;
pub use rows::{BaseNote, Evaluation, ViewResult, evaluate, evaluate_with, row_matters};
