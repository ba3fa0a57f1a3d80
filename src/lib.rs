//! kennisbank: Markdown resource notes in, a cross-linked, facet-filtered static site out.
//!
//! The build is a pipeline of stages over plain data (see ARCHITECTURE.md):
//! load → parse → link → render → write. Only `load` and `write` touch the disk.

// Shared vocabulary
pub mod branding;
pub mod config;
pub mod config_file;
pub mod config_paths;
pub mod design_tokens;
pub mod diagnostic;
pub mod html;
pub mod i18n;
pub mod kind;
pub mod language;
pub mod message;
pub mod output_path;
pub mod packed_str;
pub mod slug;
pub mod text_safety;
pub mod url_safety;

// Stage 1: load
pub mod git_dates;
pub mod load;
pub mod site_boundary;

// Stage 2: parse
pub mod frontmatter;
pub mod markdown;
pub mod note;
pub mod note_date;
pub mod properties;
pub mod publisher;
pub mod safelinks;
// Obsidian Bases (parse, evaluate, render) and JSON Canvas
pub mod bases;

// Stage 3: link
pub mod link;
pub mod reading_list;
pub mod site;
pub mod taxonomy;
pub mod wanted;

// Stage 4: render
pub mod pages;
pub mod paging;
pub mod render;
pub mod search;
// JSON Canvas drawings and their text version
pub mod canvas;

// Stage 5: write
pub mod write;

// The stages end to end
pub mod pipeline;

// Authoring: new notes and new sites
pub mod scaffold;

// `kennisbank check`: the build's validation, editorial rules, external links
pub mod check;
// Serving while editing: incremental rebuilds, reload in the browser
pub mod serve;
