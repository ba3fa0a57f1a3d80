//! What each node says, as HTML and as a short title: text nodes through the site's Markdown
//! parser (links filled in with the resolver), file nodes as links or images, link nodes as
//! links, groups by their label.

use std::path::Path;

use super::CanvasOptions;
use super::model::{Canvas, Node, NodeKind};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::html::{escape, is_safe_url};
use crate::markdown::{self, BodyPosition, LinkTarget, PLACEHOLDER, ParsedBody};

pub struct NodeContent {
    /// HTML of the node's content (not including a group's children).
    pub html: String,
    /// A short plain title, for connections in the text version.
    pub title: String,
    /// The URL of an image the node shows, if it is an image file.
    pub image: Option<String>,
}

const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"];

pub fn contents(
    canvas: &Canvas,
    file: &Path,
    opts: &CanvasOptions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<NodeContent> {
    canvas
        .nodes
        .iter()
        .map(|node| content(node, file, opts, diagnostics))
        .collect()
}

fn content(
    node: &Node,
    file: &Path,
    opts: &CanvasOptions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> NodeContent {
    let w = super::words(opts.language);
    match &node.kind {
        NodeKind::Text { text } => {
            let lines = LineIndex::new(text);
            let body = markdown::parse(
                text,
                &BodyPosition {
                    lines: &lines,
                    body_offset: 0,
                    note_path: file,
                    base_path: opts.base_path,
                    // A canvas is the editor's own text, treated as a note's is.
                    raw_html: opts.raw_html,
                },
            );
            diagnostics.extend(markdown::left_out(&body, file, opts.unsafe_level, &|_| {
                node.line
            }));
            NodeContent {
                html: demote_headings(&fill_links(&body, opts)),
                title: first_words(&body.text(), text),
                image: None,
            }
        }
        NodeKind::File {
            file: target,
            subpath,
        } => {
            let name = target.rsplit('/').next().unwrap_or(target);
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let ext = name
                .rsplit_once('.')
                .map_or("", |(_, e)| e)
                .to_ascii_lowercase();
            let url = (opts.resolve)(target);
            if url.is_none() {
                diagnostics.push(Diagnostic::warning(
                    file,
                    None,
                    crate::message!(
                        "canvas: `{target}` is niet gepubliceerd; de kaart toont alleen de naam",
                        "canvas: `{target}` is not published; its card shows only its name"
                    ),
                ));
            }
            let is_image = IMAGE_EXTENSIONS.contains(&ext.as_str());
            let html = match (&url, is_image) {
                (Some(u), true) => format!("<img src=\"{}\" alt=\"{}\">", escape(u), escape(stem)),
                (Some(u), false) => {
                    let fragment = subpath.as_deref().unwrap_or("");
                    let shown = if ext == "md" { stem } else { name };
                    format!(
                        "<p class=\"canvas-file\"><a href=\"{}{}\">{}</a></p>",
                        escape(u),
                        escape(fragment),
                        escape(shown)
                    )
                }
                (None, _) => format!("<p class=\"canvas-file\">{}</p>", escape(stem)),
            };
            NodeContent {
                html,
                title: if is_image {
                    format!("{} {stem}", w.image)
                } else {
                    stem.to_string()
                },
                image: url.filter(|_| is_image),
            }
        }
        NodeKind::Link { url } => {
            let html = if is_safe_url(url) {
                format!(
                    "<p class=\"canvas-link\"><a href=\"{0}\">{0}</a></p>",
                    escape(url)
                )
            } else {
                format!("<p class=\"canvas-link\">{}</p>", escape(url))
            };
            NodeContent {
                html,
                title: url.clone(),
                image: None,
            }
        }
        NodeKind::Group { label } => {
            let title = label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| w.group.to_string());
            NodeContent {
                html: String::new(),
                title,
                image: None,
            }
        }
        NodeKind::Other => NodeContent {
            html: String::new(),
            title: String::new(),
            image: None,
        },
    }
}

/// The Markdown's HTML with `kb:link:N` placeholders replaced by the resolver's URLs; a link
/// to something unpublished points nowhere (`#`), as on note pages.
fn fill_links(body: &ParsedBody, opts: &CanvasOptions<'_>) -> String {
    let html = body.html();
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find(PLACEHOLDER) {
        let after = &rest[i + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let link = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| body.links.get(n));
        out.push_str(&rest[..i]);
        let url = link.and_then(|l| {
            let (target, fragment) = match &l.target {
                LinkTarget::Wiki { name, fragment } => (name.clone(), fragment.clone()),
                LinkTarget::NotePath { path, fragment } => {
                    (path.display().to_string(), fragment.clone())
                }
                LinkTarget::File { path, .. } => (path.display().to_string(), None),
            };
            let url = (opts.resolve)(&target)?;
            Some(match fragment {
                Some(f) => format!("{url}#{}", crate::slug::slugify(&f)),
                None => url,
            })
        });
        out.push_str(&escape(&url.unwrap_or_else(|| "#".into())));
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Headings inside a card sit below the page's own: `#` in a node becomes `<h3>`.
fn demote_headings(html: &str) -> String {
    let mut out = html.to_string();
    for level in (1..=6).rev() {
        let to = (level + 2).min(6);
        out = out
            .replace(&format!("<h{level}"), &format!("<h{to}"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    out
}

/// The first line of a text node, shortened: what a connection names it by.
fn first_words(plain: &str, source: &str) -> String {
    let line = plain
        .lines()
        .chain(source.lines())
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_start_matches('#').trim();
    if line.chars().count() > 60 {
        let short: String = line.chars().take(57).collect();
        format!("{}…", short.trim_end())
    } else {
        line.to_string()
    }
}
