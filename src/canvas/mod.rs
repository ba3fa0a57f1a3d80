//! JSON Canvas 1.0 (Obsidian's `.canvas` files) → an inline SVG drawing and, below it, a text
//! version with every node in reading order and its connections.
//!
//! Stage 4 (render): it needs the URLs of published notes and files, which the caller gives
//! as a resolver, and the site's Markdown parser for text nodes.

mod content;
mod draw;
pub mod model;
mod outline;

use std::path::Path;

use crate::config::Language;
use crate::diagnostic::Diagnostic;

/// A note name or file path (`Projecten`, `map/plaatje.png`) → the URL of the published
/// note or file; `None` when it is not published.
pub type Resolve<'r> = dyn Fn(&str) -> Option<String> + 'r;

pub struct CanvasOptions<'r> {
    pub language: Language,
    pub resolve: &'r Resolve<'r>,
    /// The site's base path, for root-relative links in text nodes.
    pub base_path: &'r str,
    /// Unique per page: `canvas`, `canvas-2`.
    pub id_prefix: &'r str,
    /// Level of the text version's heading.
    pub heading_level: u8,
    /// What the drawing shows, for its accessible name: the canvas's title.
    pub title: &'r str,
    /// `markdown.raw_html`: HTML in text nodes, as in notes (made safe, or shown as text).
    pub raw_html: bool,
    /// How a text node's link or HTML that runs code is reported (`url_safety`).
    pub unsafe_level: crate::diagnostic::Level,
}

pub(crate) struct Words {
    pub text_version: &'static str,
    pub empty: &'static str,
    pub group: &'static str,
    pub group_lower: &'static str,
    pub image: &'static str,
    pub to: &'static str,
    pub from: &'static str,
    pub with: &'static str,
    pub drawing: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_fit: &'static str,
}

pub(crate) fn words(language: Language) -> Words {
    match language {
        Language::Nl => Words {
            text_version: "Tekstversie",
            empty: "Dit canvas is leeg.",
            group: "Groep",
            group_lower: "groep",
            image: "Afbeelding",
            to: "Naar",
            from: "Van",
            with: "Verbonden met",
            drawing: "Tekening; de tekstversie staat eronder",
            zoom_in: "Inzoomen",
            zoom_out: "Uitzoomen",
            zoom_fit: "Passend maken",
        },
        Language::En => Words {
            text_version: "Text version",
            empty: "This canvas is empty.",
            group: "Group",
            group_lower: "group",
            image: "Image",
            to: "To",
            from: "From",
            with: "Connected to",
            drawing: "Drawing; the text version follows",
            zoom_in: "Zoom in",
            zoom_out: "Zoom out",
            zoom_fit: "Fit to width",
        },
    }
}

/// Renders a canvas file. `file` is its path under the site root, for messages and relative
/// links. `None` with an error when the JSON cannot be read.
pub fn render(
    json: &str,
    file: &Path,
    opts: &CanvasOptions<'_>,
) -> (Option<String>, Vec<Diagnostic>) {
    let (canvas, mut diagnostics) = model::parse(json, file);
    let Some(canvas) = canvas else {
        return (None, diagnostics);
    };
    let contents = content::contents(&canvas, file, opts, &mut diagnostics);
    let w = words(opts.language);
    let id = opts.id_prefix;
    let mut out = format!(
        "<figure class=\"canvas\" id=\"{id}\" data-canvas>\n<div class=\"canvas-zoom\" data-canvas-zoom hidden><button type=\"button\" data-zoom=\"in\">{}</button> <button type=\"button\" data-zoom=\"out\">{}</button> <button type=\"button\" data-zoom=\"fit\">{}</button></div>\n<div class=\"canvas-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-caption\">\n",
        w.zoom_in, w.zoom_out, w.zoom_fit
    );
    out.push_str(&draw::svg(&canvas, &contents, opts.title));
    out.push_str(&format!(
        "\n</div>\n<figcaption id=\"{id}-caption\">{}: {}</figcaption>\n</figure>\n",
        crate::html::escape(opts.title),
        w.drawing
    ));
    out.push_str(&outline::html(&canvas, &contents, opts, id));
    (Some(out), diagnostics)
}

#[cfg(test)]
mod tests;
