//! A callout's HTML with Obsidian's own hooks, so CSS written for Obsidian Publish keeps
//! working: the opening up to the title, the title's close (with the fold chevron), and the
//! content's opening.

use super::super::{callout_icons, escape_html};
use super::header::Header;

pub(super) fn open_html(header: &Header<'_>) -> String {
    let mut attrs = format!(
        " data-callout=\"{}\" data-callout-kind=\"{}\"",
        escape_html(&header.written),
        header.kind
    );
    if !header.metadata.is_empty() {
        attrs.push_str(&format!(
            " data-callout-metadata=\"{}\"",
            escape_html(header.metadata)
        ));
    }
    let icon = format!(
        "<span class=\"callout-icon\">{}</span>",
        callout_icons::icon(header.kind)
    );
    match header.fold {
        Some(fold) => {
            let (class, open) = if fold == '-' {
                (" is-collapsed", "")
            } else {
                ("", " open")
            };
            format!(
                "<details class=\"callout is-collapsible{class}\"{attrs} data-callout-fold=\"{fold}\"{open}>\n<summary class=\"callout-title\">{icon}<span class=\"callout-title-inner\">"
            )
        }
        None => format!(
            "<div class=\"callout\"{attrs}>\n<div class=\"callout-title\">{icon}<span class=\"callout-title-inner\">"
        ),
    }
}

pub(super) fn title_close(foldable: bool) -> String {
    if foldable {
        format!(
            "</span><span class=\"callout-fold\">{}</span></summary>\n",
            callout_icons::chevron()
        )
    } else {
        "</span></div>\n".to_string()
    }
}

pub(super) const CONTENT_OPEN: &str = "<div class=\"callout-content\">\n";
