//! Files embedded: images, audio, video and PDFs by their extension (the formats Obsidian
//! embeds), other files as links; bases and canvases drawn in place.

use super::super::context::file_url;
use super::Stack;
use crate::markdown::EmbedRef;
use crate::properties::escape;
use crate::site::Site;

/// A base or canvas in place: a base's named view (or its first), with the embedding note
/// (the innermost one being embedded) as `this`; a canvas's drawing.
pub(super) fn document_embed(
    site: &Site,
    document: &crate::link::documents::Document,
    written: &EmbedRef,
    stack: &Stack,
) -> String {
    let id_prefix = format!("embed-{}", written.line);
    match document.kind {
        crate::load::DocumentKind::Base => {
            let Some(this) = stack.last().and_then(|(id, _)| site.base_rows.get(*id)) else {
                return String::new();
            };
            let view = written.fragment.as_deref();
            let Some(def) = &document.def else {
                return String::new();
            };
            super::super::document::base_html(
                site,
                def,
                this,
                Some(view.unwrap_or("")),
                &id_prefix,
                3,
            )
        }
        crate::load::DocumentKind::Canvas => {
            super::super::document::canvas_html(site, document, &id_prefix, 3)
        }
    }
}

/// The kind of media a file is, by its extension (the formats Obsidian embeds).
fn media_kind(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "bmp" | "svg" | "webp" | "avif" => "image",
        "mp3" | "wav" | "m4a" | "ogg" | "flac" | "3gp" => "audio",
        "mp4" | "webm" | "ogv" | "mov" | "mkv" => "video",
        "pdf" => "pdf",
        _ => "file",
    }
}

pub(super) fn file_embed(site: &Site, file: usize, written: &EmbedRef) -> String {
    let url = file_url(site, file);
    let name = site.content_files[file]
        .source_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let label = written
        .label
        .as_deref()
        .filter(|_| written.size.is_none())
        .unwrap_or(stem);
    let size = match written.size {
        Some((w, Some(h))) => format!(" width=\"{w}\" height=\"{h}\""),
        Some((w, None)) => format!(" width=\"{w}\""),
        None => String::new(),
    };
    let fragment = written.fragment.as_deref().unwrap_or("");
    match media_kind(&name) {
        "image" => {
            let class = if fragment.is_empty() || fragment.contains('=') {
                String::new()
            } else {
                format!(" class=\"{}\"", escape(fragment))
            };
            format!(
                "<img src=\"{}\" alt=\"{}\" loading=\"lazy\"{size}{class}>",
                escape(&url),
                escape(label)
            )
        }
        "audio" => format!(
            "<audio controls preload=\"metadata\" src=\"{}\" aria-label=\"{}\"></audio>",
            escape(&url),
            escape(label)
        ),
        "video" => format!(
            "<video controls preload=\"metadata\" src=\"{}\" aria-label=\"{}\"{size}></video>",
            escape(&url),
            escape(label)
        ),
        "pdf" => {
            let page = if fragment.starts_with("page=") {
                format!("#{fragment}")
            } else {
                String::new()
            };
            let href = escape(&format!("{url}{page}"));
            format!(
                "<div class=\"pdf-embed\"><iframe src=\"{href}\" title=\"{}\" loading=\"lazy\"{size}></iframe>\
                 <p><a href=\"{href}\">{} (PDF)</a></p></div>",
                escape(label),
                escape(label)
            )
        }
        _ => format!(
            "<a class=\"internal-embed file-embed\" href=\"{}\">{}</a>",
            escape(&url),
            escape(label)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::body_html;
    use super::super::test_site::{embed, id, site, source};
    use super::media_kind;

    #[test]
    fn files_missing_and_unpublished_notes() {
        let mut problems = Vec::new();
        let draft = crate::note::parse_note(
            &source("Geheim.md", "---\npublish: false\n---\nGEHEIM\n"),
            &Default::default(),
            &mut problems,
        )
        .unwrap();
        let mut icon = embed("icoon.svg", Some("icon"));
        icon.size = Some((16, None));
        let html = "<kb-embed data-i=\"0\"></kb-embed>|<kb-embed data-i=\"1\"></kb-embed>|<kb-embed data-i=\"2\"></kb-embed>";
        let site = site(
            &[("A.md", "a\n")],
            &[(
                "A.md",
                html,
                vec![icon, embed("Geheim", None), embed("Later", None)],
            )],
            &[draft],
        );
        let html = body_html(&site, id(&site, "A.md"));
        let parts: Vec<&str> = html.split('|').collect();
        assert_eq!(
            parts,
            [
                "<img src=\"/bijlagen/icoon.svg\" alt=\"icoon\" loading=\"lazy\" width=\"16\" class=\"icon\">",
                "",
                "<span class=\"missing-link embed-missing\" title=\"Deze pagina bestaat nog niet\">Later</span>",
            ]
        );
        let wanted = crate::wanted::wanted_pages(&site);
        assert_eq!(wanted.len(), 1);
        assert_eq!(wanted[0].name, "Later");
    }

    #[test]
    fn media_kinds_follow_the_extension_in_any_case() {
        assert_eq!(media_kind("Foto.PNG"), "image");
        assert_eq!(media_kind("gesprek.m4a"), "audio");
        assert_eq!(media_kind("uitleg.webm"), "video");
        assert_eq!(media_kind("rapport.pdf"), "pdf");
        assert_eq!(media_kind("data.csv"), "file");
    }
}
