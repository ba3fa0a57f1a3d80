//! Every place a base or canvas is shown: a `.base` or `.canvas` file's own page, an embed
//! `![[Naam.base]]` and a ```` ```base ```` block in a note, each base with its definition and
//! its `this`. The render stage evaluates them; the build reports their warnings once
//! (`warnings`), and `serve` decides per use whether an edit can change it.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use crate::bases::{self, BaseDef, BaseNote, LinkIndex};
use crate::diagnostic::Diagnostic;
use crate::link::documents::document_row;
use crate::link::{Embedded, NoteId};
use crate::load::DocumentKind;
use crate::site::Site;

/// Where a base or canvas is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentUse {
    /// A `.base` or `.canvas` file's page, by index in `site.documents`.
    Page(usize),
    /// Embed `embed` of note `note` shows the base or canvas `document`.
    Embed {
        note: NoteId,
        embed: usize,
        document: usize,
    },
    /// Block `block` of note `note`'s ```` ```base ```` blocks.
    Block { note: NoteId, block: usize },
}

impl DocumentUse {
    /// The note whose page (and the pages embedding it) show this use, if a note's.
    pub fn note(&self) -> Option<NoteId> {
        match self {
            DocumentUse::Page(_) => None,
            DocumentUse::Embed { note, .. } | DocumentUse::Block { note, .. } => Some(*note),
        }
    }
}

/// Every use of a base or canvas in the site.
pub fn uses(site: &Site) -> Vec<DocumentUse> {
    let mut out: Vec<DocumentUse> = (0..site.documents.len()).map(DocumentUse::Page).collect();
    let by_file: std::collections::HashMap<usize, usize> = site
        .documents
        .iter()
        .enumerate()
        .filter_map(|(d, document)| Some((document.file?, d)))
        .collect();
    for (note, embeds) in site.linked.embeds.iter().enumerate() {
        for (embed, resolved) in embeds.iter().enumerate() {
            if let Embedded::File(file) = resolved
                && let Some(&document) = by_file.get(file)
            {
                out.push(DocumentUse::Embed {
                    note,
                    embed,
                    document,
                });
            }
        }
        out.extend(
            (0..site.notes[note].body.bases.len()).map(|block| DocumentUse::Block { note, block }),
        );
    }
    out
}

/// A use's definition (a block's is read again: parse keeps only its YAML).
pub fn def_of(site: &Site, base: DocumentUse) -> Option<Cow<'_, BaseDef>> {
    match base {
        DocumentUse::Page(document) | DocumentUse::Embed { document, .. } => {
            site.documents[document].def.as_ref().map(Cow::Borrowed)
        }
        DocumentUse::Block { note, block } => {
            let note = &site.notes[note];
            let block = note.body.bases.get(block)?;
            let (def, _) = bases::parse(&block.yaml, block.line, &note.source_path);
            def.map(Cow::Owned)
        }
    }
}

/// A use's `this`: the base file on its own page, else the note that shows it.
pub fn this_of(site: &Site, base: DocumentUse) -> Option<Cow<'_, BaseNote>> {
    match base {
        DocumentUse::Page(document) => Some(Cow::Owned(document_row(&site.documents[document]))),
        DocumentUse::Embed { note, .. } | DocumentUse::Block { note, .. } => {
            site.base_rows.get(note).map(Cow::Borrowed)
        }
    }
}

/// The link index of the site's base rows, made once per site.
pub fn link_index(site: &Site) -> Arc<LinkIndex> {
    site.base_links
        .get_or_init(|| Arc::new(LinkIndex::new(&site.base_rows)))
        .clone()
}

/// The warnings of showing one use: a base's expressions that cannot be computed, at the
/// line of the `.base` file or the note's block; a canvas's problems (on its page only).
pub fn warnings_of(site: &Site, base: DocumentUse) -> Vec<Diagnostic> {
    if let DocumentUse::Page(d) | DocumentUse::Embed { document: d, .. } = base
        && site.documents[d].kind == DocumentKind::Canvas
    {
        return match base {
            DocumentUse::Page(_) => super::document::canvas_problems(site, &site.documents[d]),
            _ => Vec::new(),
        };
    }
    let (Some(def), Some(this)) = (def_of(site, base), this_of(site, base)) else {
        return Vec::new();
    };
    bases::evaluate_with(
        &def,
        &site.base_rows,
        link_index(site),
        Some(&this),
        site.clock,
        site.config.language,
    )
    .diagnostics
}

/// Every use's warnings, each once however many uses share it.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = uses(site)
        .par_iter()
        .flat_map_iter(|base| warnings_of(site, *base))
        .collect();
    all.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    all.dedup();
    all
}
