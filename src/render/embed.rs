//! Embeds filled in: parse leaves `<kb-embed data-i="N"></kb-embed>` where embed N of a note
//! stands; here it becomes the embedded note (or its section or block) with that note's own
//! links and embeds filled, in a labelled block with a link to the source; or an image,
//! audio, video or PDF; or visibly missing text. Unpublished notes show nothing.

use super::context::{Urls, file_url, fill_placeholders};
use super::unique_ids::PageIds;
use crate::i18n::string;
use crate::link::{EmbedPart, Embedded, NoteId, part_range};
use crate::markdown::EmbedRef;
use crate::properties::escape;
use crate::site::Site;

const OPEN: &str = "<kb-embed";
const INDEX: &str = " data-i=\"";
const CLOSE: &str = "\"></kb-embed>";

/// A note's body HTML, links and embeds filled; embedded ids that the page already has are
/// renamed (`unique_ids`).
pub fn body_html(site: &Site, id: NoteId) -> String {
    let html = &site.notes[id].body.html;
    let mut ids = PageIds::default();
    ids.reserve(html);
    part_html(
        site,
        id,
        html,
        &mut vec![(id, EmbedPart::Whole)],
        Some(&mut ids),
    )
}

/// The parts of notes being embedded, outermost first.
type Stack = Vec<(NoteId, EmbedPart)>;

/// A placeholder at the start of `html`: `<kb-embed data-i="N"></kb-embed>`, or with the block
/// id written after the embed (`![[x]] ^abc`), `<kb-embed id="^abc" data-i="N"></kb-embed>`.
/// Gives N, the id and the placeholder's length.
fn placeholder(html: &str) -> Option<(usize, Option<&str>, usize)> {
    let mut rest = html.strip_prefix(OPEN)?;
    let mut block_id = None;
    if let Some(after) = rest.strip_prefix(" id=\"") {
        let end = after.find('"')?;
        block_id = Some(&after[..end]);
        rest = &after[end + 1..];
    }
    let after = rest.strip_prefix(INDEX)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let index = after[..digits].parse().ok()?;
    after[digits..].starts_with(CLOSE).then(|| {
        let len = html.len() - after.len() + digits + CLOSE.len();
        (index, block_id, len)
    })
}

/// Part of note `id`'s HTML with its links and (nested) embeds filled; `stack` holds the
/// parts of notes being embedded, to stop a cycle where it would close. `ids` is given for
/// the page's own HTML only: each embed in it, nested ones included, is made unique once.
fn part_html(
    site: &Site,
    id: NoteId,
    html: &str,
    stack: &mut Stack,
    mut ids: Option<&mut PageIds>,
) -> String {
    let filled = fill_placeholders(site, html, &site.linked.links[id]);
    let filled = super::document::fill_base_blocks(site, id, filled);
    if !filled.contains(OPEN) {
        return filled;
    }
    let mut out = String::with_capacity(filled.len());
    let mut rest = filled.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let found = placeholder(rest).and_then(|(i, block_id, len)| {
            Some((
                site.notes[id].body.embeds.get(i)?,
                site.linked.embeds.get(id)?.get(i)?,
                block_id,
                len,
            ))
        });
        match found {
            Some((written, resolved, block_id, len)) => {
                let mut embed = embed_html(site, written, resolved, stack);
                if let Some(ids) = ids.as_deref_mut() {
                    embed = ids.make_unique(&embed);
                }
                out.push_str(&with_id(embed, block_id));
                rest = &rest[len..];
            }
            None => {
                out.push_str(OPEN);
                rest = &rest[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The embed's HTML with the block id on its outer element (where a link to `#^abc` lands).
fn with_id(embed: String, block_id: Option<&str>) -> String {
    let Some(block_id) = block_id else {
        return embed;
    };
    let attr = format!(" id=\"{}\"", escape(block_id));
    let name_len = embed
        .strip_prefix('<')
        .filter(|tag| tag.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|tag| tag.find([' ', '>', '/']).unwrap_or(tag.len()));
    match name_len {
        Some(len) if !embed[..embed.find('>').unwrap_or(0)].contains(" id=\"") => {
            format!("{}{attr}{}", &embed[..=len], &embed[len + 1..])
        }
        _ => format!("<span{attr}></span>{embed}"),
    }
}

fn embed_html(site: &Site, written: &EmbedRef, resolved: &Embedded, stack: &mut Stack) -> String {
    match resolved {
        Embedded::Note { id, part } => note_embed(site, *id, part, stack),
        Embedded::File(file) => match super::document::of_file(site, *file) {
            Some(document) => document_embed(site, document, written, stack),
            None => file_embed(site, *file, written),
        },
        Embedded::Unpublished => String::new(),
        Embedded::Missing => format!(
            "<span class=\"missing-link embed-missing\" title=\"{}\">{}</span>",
            string(site.config.language, "missing_link"),
            escape(written.label.as_deref().unwrap_or(&written.target))
        ),
    }
}

fn note_embed(site: &Site, id: NoteId, part: &EmbedPart, stack: &mut Stack) -> String {
    let note = &site.notes[id];
    let body = &note.body;
    let url = Urls { site }.note(id);
    let html = body.html.get(part_range(note, part)).unwrap_or("");
    let (anchor, label) = match part {
        EmbedPart::Section(h) => match body.headings.get(*h) {
            Some(heading) => (
                Some(heading.id.clone()),
                format!("{} › {}", note.title, heading.text),
            ),
            None => (None, note.title.clone()),
        },
        EmbedPart::Block(b) => (
            body.block_ids.get(*b).map(|block| format!("^{}", block.id)),
            note.title.clone(),
        ),
        EmbedPart::Whole | EmbedPart::NotFound => (None, note.title.clone()),
    };
    let href = match &anchor {
        Some(a) => format!("{url}#{a}"),
        None => url,
    };
    let link = format!(
        "<a class=\"embed-source-link\" href=\"{}\">{}</a>",
        escape(&href),
        escape(&label)
    );
    let node = (id, part.clone());
    if stack.contains(&node) || *part == EmbedPart::NotFound {
        return format!("<span class=\"embed-as-link\">{link}</span>");
    }
    stack.push(node);
    let content = part_html(site, id, html, stack, None);
    stack.pop();
    let from = string(site.config.language, "embed_from");
    format!(
        "<div class=\"internal-embed markdown-embed\" role=\"region\" aria-label=\"{from}: {}\" data-source=\"{}\">\
         <div class=\"markdown-embed-content\">{content}</div>\
         <p class=\"markdown-embed-source\">{from}: {link}</p></div>",
        escape(&label),
        escape(&note.title)
    )
}

/// A base or canvas in place: a base's named view (or its first), with the embedding note
/// (the innermost one being embedded) as `this`; a canvas's drawing.
fn document_embed(
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
            super::document::base_html(site, def, this, Some(view.unwrap_or("")), &id_prefix, 3)
        }
        crate::load::DocumentKind::Canvas => {
            super::document::canvas_html(site, document, &id_prefix, 3)
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

fn file_embed(site: &Site, file: usize, written: &EmbedRef) -> String {
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
    use super::{body_html, media_kind};
    use crate::load::{Blob, NoteSource, Sources, StaticFile};
    use crate::markdown::{BlockId, EmbedRef};
    use crate::note::Note;
    use crate::site::Site;

    fn source(path: &str, text: &str) -> NoteSource {
        NoteSource {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
            meta: Default::default(),
        }
    }

    /// A site of notes parsed from Markdown, whose embeds are then set by hand (as `syntax`'s
    /// parser will give them): `(note, html, embeds)`.
    fn site(
        notes: &[(&str, &str)],
        embeds: &[(&str, &str, Vec<EmbedRef>)],
        drafts: &[Note],
    ) -> Site {
        let sources = Sources {
            notes: notes.iter().map(|(p, t)| source(p, t)).collect(),
            content_files: vec![StaticFile {
                output_path: String::new(),
                source_path: "Bijlagen/icoon.svg".into(),
                blob: Blob::Memory(Vec::new()),
                meta: Default::default(),
            }],
            ..Sources::default()
        };
        let mut problems = Vec::new();
        let mut site = crate::site::assemble(sources, &Default::default(), &mut problems);
        for (path, html, refs) in embeds {
            let note = site
                .notes
                .iter_mut()
                .find(|n| n.source_path == std::path::Path::new(path))
                .expect("note");
            note.body.html = html.to_string();
            note.body.embeds = refs.clone();
        }
        for note in &mut site.notes {
            let html = note.body.html.clone();
            for h in &mut note.body.headings {
                h.html_start = html
                    .find(&format!("<h{} id=\"{}\"", h.level, h.id))
                    .unwrap_or(0);
            }
        }
        site.relink(drafts, &[]);
        site
    }

    fn embed(target: &str, fragment: Option<&str>) -> EmbedRef {
        EmbedRef {
            target: target.into(),
            fragment: fragment.map(Into::into),
            line: 3,
            ..EmbedRef::default()
        }
    }

    fn id(site: &Site, path: &str) -> usize {
        site.notes
            .iter()
            .position(|n| n.source_path == std::path::Path::new(path))
            .unwrap()
    }

    const PLACEHOLDER: &str = "<p>Voor.</p>\n<kb-embed data-i=\"0\"></kb-embed>\n<p>Na.</p>\n";
    const WERKWIJZE: &str =
        "## Aanpak\n\nEerst luisteren.\n\n### Stap\n\nDan doen.\n\n## Anders\n\nNiet hier.\n";

    #[test]
    fn a_section_embed_shows_the_section_up_to_the_next_heading_of_its_level() {
        let site = site(
            &[("A.md", "x\n"), ("Werkwijze.md", WERKWIJZE)],
            &[(
                "A.md",
                PLACEHOLDER,
                vec![embed("werkwijze", Some("Aanpak"))],
            )],
            &[],
        );
        let html = body_html(&site, id(&site, "A.md"));
        assert!(
            html.contains("Eerst luisteren.") && html.contains("Dan doen."),
            "{html}"
        );
        assert!(!html.contains("Niet hier."), "{html}");
        assert!(!html.contains("kb-embed"), "{html}");
        assert!(
            html.contains("role=\"region\" aria-label=\"Uit: Werkwijze › Aanpak\""),
            "{html}"
        );
        assert!(html.contains("href=\"/werkwijze/#aanpak\""), "{html}");
        assert!(
            html.starts_with("<p>Voor.</p>") && html.ends_with("<p>Na.</p>\n"),
            "{html}"
        );
    }

    #[test]
    fn a_block_embed_shows_only_that_block_and_an_embedded_note_keeps_its_links() {
        let mut site = site(
            &[
                ("A.md", "x\n"),
                ("B.md", "Zie [[C]].\n\nKern.\n"),
                ("C.md", "c\n"),
            ],
            &[(
                "A.md",
                PLACEHOLDER,
                vec![embed("B", Some("^kern")), embed("B", None)],
            )],
            &[],
        );
        let b = id(&site, "B.md");
        let start = site.notes[b].body.html.find("<p>Kern").unwrap();
        site.notes[b].body.block_ids = vec![BlockId {
            id: "kern".into(),
            line: 3,
            html_range: start..site.notes[b].body.html.len(),
        }];
        let a = id(&site, "A.md");
        site.notes[a].body.html =
            "<kb-embed data-i=\"0\"></kb-embed>|<kb-embed data-i=\"1\"></kb-embed>".into();
        site.relink(&[], &[]);
        let html = body_html(&site, id(&site, "A.md"));
        let (block, whole) = html.split_once('|').unwrap();
        assert!(block.contains("Kern.") && !block.contains("Zie"), "{block}");
        assert!(block.contains("href=\"/b/#^kern\""), "{block}");
        assert!(whole.contains("<a href=\"/c/\">C</a>"), "{whole}");
        // Embedding is a backlink.
        assert_eq!(site.linked.backlinks[b], [id(&site, "A.md")]);
    }

    #[test]
    fn embeds_nest_and_a_cycle_is_a_warning_shown_as_a_link() {
        let site = site(
            &[("A.md", "a\n"), ("B.md", "b\n")],
            &[
                (
                    "A.md",
                    "<p>A</p><kb-embed data-i=\"0\"></kb-embed>",
                    vec![embed("B", None)],
                ),
                (
                    "B.md",
                    "<p>B</p><kb-embed data-i=\"0\"></kb-embed>",
                    vec![embed("A", None)],
                ),
            ],
            &[],
        );
        let html = body_html(&site, id(&site, "A.md"));
        assert!(html.contains("<p>B</p>"), "{html}");
        assert!(html.contains("<span class=\"embed-as-link\"><a class=\"embed-source-link\" href=\"/a/\">A</a></span>"), "{html}");
        let cycles: Vec<String> = site
            .linked
            .cycles
            .iter()
            .map(|d| d.display(crate::language::Language::Nl).to_string())
            .collect();
        assert_eq!(
            cycles,
            [
                "B.md:3: waarschuwing: insluitingen gaan in een kringetje rond (A → B → A): daar getoond als link"
            ]
        );
    }

    #[test]
    fn a_note_may_embed_its_own_section_without_a_cycle() {
        let html =
            "<kb-embed data-i=\"0\"></kb-embed>\n<h2 id=\"aanpak\">Aanpak</h2>\n<p>Eerst.</p>\n";
        let site = site(
            &[("A.md", "## Aanpak\n\nEerst.\n")],
            &[("A.md", html, vec![embed("", Some("Aanpak"))])],
            &[],
        );
        assert!(site.linked.cycles.is_empty(), "{:?}", site.linked.cycles);
        let out = body_html(&site, id(&site, "A.md"));
        assert!(
            out.starts_with("<div class=\"internal-embed markdown-embed\""),
            "{out}"
        );
        assert_eq!(out.matches("Eerst.").count(), 2, "{out}");
    }

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
