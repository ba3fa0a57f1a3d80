//! Stage 3c, wanted pages: the notes that links ask for but that do not exist yet, with where
//! each is asked for. Shown on the "Gevraagde pagina's" page and printed by `check`.

use std::collections::BTreeMap;

use crate::link::{Embedded, NoteId, Resolved};
use crate::markdown::LinkTarget;
use crate::site::Site;
use crate::slug::fold;

/// A note that does not exist, by the name links use for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// The name as most often written (ties: first seen).
    pub name: String,
    /// `(note, line)` of every link to it, in note order.
    pub from: Vec<(NoteId, usize)>,
}

/// Every wanted page, sorted by name.
pub fn wanted_pages(site: &Site) -> Vec<Wanted> {
    let mut by_name: BTreeMap<String, Wanted> = BTreeMap::new();
    let mut add = |name: &str, from: NoteId, line: usize| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        by_name
            .entry(fold(name))
            .or_insert_with(|| Wanted {
                name: name.to_string(),
                from: Vec::new(),
            })
            .from
            .push((from, line));
    };
    for (id, note) in site.notes.iter().enumerate() {
        for (link, resolved) in note.body.links.iter().zip(&site.linked.links[id]) {
            if *resolved != Resolved::Missing {
                continue;
            }
            let name = match &link.target {
                LinkTarget::Wiki { name, .. } => name.clone(),
                LinkTarget::NotePath { path, .. } => path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                LinkTarget::File { .. } => continue,
            };
            add(&name, id, link.line);
        }
        for (embed, resolved) in note.body.embeds.iter().zip(&site.linked.embeds[id]) {
            if *resolved == Embedded::Missing && !is_file_name(&embed.target) {
                add(&embed.target, id, embed.line);
            }
        }
    }
    let mut wanted: Vec<Wanted> = by_name.into_values().collect();
    for w in &mut wanted {
        w.from.sort_unstable();
        w.from.dedup();
    }
    wanted
}

fn is_file_name(target: &str) -> bool {
    std::path::Path::new(target)
        .extension()
        .is_some_and(|e| !e.eq_ignore_ascii_case("md"))
}

/// The report as `check` prints it: one name a line, then where it is asked for.
pub fn report(site: &Site, wanted: &[Wanted]) -> String {
    let mut out = String::new();
    for w in wanted {
        out.push_str(&format!("  {} ({}×)\n", w.name, w.from.len()));
        for (id, line) in &w.from {
            out.push_str(&format!(
                "    {}:{line}\n",
                crate::load::to_slash(&site.notes[*id].source_path)
            ));
        }
    }
    out
}
