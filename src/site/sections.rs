//! Sections: one per folder with notes, and every folder above, each with its notes, its
//! subfolders and a title (its `_index.md`'s, the folder's name as written, or its slug).

use std::collections::{BTreeMap, HashMap};

use super::Section;
use crate::note::Note;

pub(super) fn collect_sections(notes: &[Note]) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    let ensure = |sections: &mut BTreeMap<String, Section>, path: &str| {
        let mut current = path.to_string();
        loop {
            let title = current
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .replace('-', " ");
            sections.entry(current.clone()).or_insert_with(|| Section {
                path: current.clone(),
                title: capitalize(&title),
                index: None,
                notes: Vec::new(),
                subsections: Vec::new(),
            });
            if current.is_empty() {
                break;
            }
            let parent = parent_section(&current);
            let sub = current.clone();
            let parent_entry = sections.entry(parent.clone()).or_insert_with(|| Section {
                path: parent.clone(),
                title: String::new(),
                index: None,
                notes: Vec::new(),
                subsections: Vec::new(),
            });
            if !parent_entry.subsections.contains(&sub) {
                parent_entry.subsections.push(sub);
            }
            current = parent;
        }
    };
    // A folder's name as written (`Obsidian Publish`), where it is more than its slug.
    let mut folder_names: HashMap<String, String> = HashMap::new();
    for (id, note) in notes.iter().enumerate() {
        ensure(&mut sections, &note.section_path);
        record_folder_names(note, &mut folder_names);
        let section = sections
            .get_mut(&note.section_path)
            .expect("section was just ensured");
        if note.is_section_index {
            section.index = Some(id);
            section.title = note.title.clone();
        } else {
            section.notes.push(id);
        }
    }
    for section in sections.values_mut() {
        section.subsections.sort();
        if section.index.is_none()
            && let Some(name) = folder_names.get(&section.path)
        {
            section.title = capitalize(name);
        } else if section.title.is_empty() {
            section.title = capitalize(&section.path.trim_end_matches('/').replace('-', " "));
        }
    }
    sections
}

/// The names of the folders a note is in, by section path, where a name is not its own slug
/// (`Obsidian Publish` for `obsidian-publish/`; `projecten` keeps being `Projecten`).
fn record_folder_names(note: &Note, names: &mut HashMap<String, String>) {
    let rel = note
        .source_path
        .strip_prefix("content")
        .unwrap_or(&note.source_path);
    let Some(parent) = rel.parent() else {
        return;
    };
    let mut path = String::new();
    for part in parent.components() {
        let name = part.as_os_str().to_string_lossy();
        let slug = crate::slug::slugify(&name);
        path.push_str(&slug);
        path.push('/');
        if !note.section_path.starts_with(&path) {
            return;
        }
        if name != slug && !names.contains_key(&path) {
            names.insert(path.clone(), name.into_owned());
        }
    }
}

pub fn parent_section(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_string(),
        None => String::new(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
