//! A site for the embed tests: notes parsed from Markdown, whose embeds are then set by hand.

use crate::load::{Blob, NoteSource, Sources, StaticFile};
use crate::markdown::EmbedRef;
use crate::note::Note;
use crate::site::Site;

pub(super) fn source(path: &str, text: &str) -> NoteSource {
    NoteSource {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
        meta: Default::default(),
    }
}

/// A site of notes parsed from Markdown, whose embeds are then set by hand (as `syntax`'s
/// parser will give them): `(note, html, embeds)`.
pub(super) fn site(
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
        note.body.set_html(html);
        note.body.embeds = refs.clone();
    }
    for note in &mut site.notes {
        let html = note.body.html();
        for h in &mut note.body.headings {
            h.html_start = html
                .find(&format!("<h{} id=\"{}\"", h.level, h.id))
                .unwrap_or(0);
        }
    }
    site.relink(drafts, &[]);
    site
}

pub(super) fn embed(target: &str, fragment: Option<&str>) -> EmbedRef {
    EmbedRef {
        target: target.into(),
        fragment: fragment.map(Into::into),
        line: 3,
        ..EmbedRef::default()
    }
}

pub(super) fn id(site: &Site, path: &str) -> usize {
    site.notes
        .iter()
        .position(|n| n.source_path == std::path::Path::new(path))
        .unwrap()
}
