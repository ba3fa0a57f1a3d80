//! A reading list's references as files that reference managers import: CSL-JSON (Zotero,
//! citeproc), RIS (EndNote, Zotero, Mendeley) and BibTeX. Written directly: each is a small
//! fixed format, and the escaping rules differ per format.

use std::collections::HashSet;
use std::fmt::Write;

use serde_json::{Value, json};

use crate::link::NoteId;
use crate::note::KindData;
use crate::reading_list::{self, CitationFormat, Entry};
use crate::site::Site;
use crate::slug::slugify;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// A publication note: a report, article or other document.
    Report,
    /// A page of the site, or an address elsewhere.
    Webpage,
}

/// One reference: what every format needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Unique within the list; the BibTeX key.
    pub key: String,
    pub kind: ReferenceKind,
    pub title: String,
    pub authors: Vec<PersonName>,
    pub publisher: Option<String>,
    pub year: Option<i64>,
    pub url: String,
}

/// A name split the way reference managers store it: `Jan van der Berg` has the particle
/// `van der`, sorted under B. A single word (`Movisie`) is kept whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub given: String,
    pub particle: String,
    pub family: String,
}

const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "von", "du", "la",
    "le", "da", "di", "del",
];

impl PersonName {
    pub fn parse(name: &str) -> PersonName {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 {
            return PersonName {
                given: String::new(),
                particle: String::new(),
                family: name.trim().to_string(),
            };
        }
        let first_particle = (1..words.len() - 1)
            .find(|i| PARTICLES.contains(&words[*i].to_lowercase().as_str()))
            .unwrap_or(words.len() - 1);
        let family_start = (first_particle..words.len() - 1)
            .find(|i| !PARTICLES.contains(&words[*i].to_lowercase().as_str()))
            .unwrap_or(words.len() - 1);
        PersonName {
            given: words[..first_particle].join(" "),
            particle: words[first_particle..family_start].join(" "),
            family: words[family_start..].join(" "),
        }
    }

    /// `van der Berg, Jan`: the order RIS and BibTeX expect.
    pub fn inverted(&self) -> String {
        let family = [self.particle.as_str(), self.family.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if self.given.is_empty() {
            family
        } else {
            format!("{family}, {}", self.given)
        }
    }
}

/// The references of a reading list, in the list's order.
pub fn references(site: &Site, id: NoteId) -> Vec<Reference> {
    let config = &site.config;
    let mut used_keys = HashSet::new();
    reading_list::items(site, id)
        .into_iter()
        .map(|item| {
            let mut reference = match item.entry {
                Entry::Note(target) => {
                    let note = &site.notes[target];
                    match &note.kind_data {
                        KindData::Publication {
                            url,
                            publisher,
                            year,
                            authors,
                        } => Reference {
                            key: String::new(),
                            kind: ReferenceKind::Report,
                            title: note.title.clone(),
                            authors: authors.iter().map(|a| PersonName::parse(a)).collect(),
                            publisher: publisher.clone(),
                            // The note's `date` is when the note was written, not the work.
                            year: *year,
                            url: url.clone(),
                        },
                        _ => Reference {
                            key: String::new(),
                            kind: ReferenceKind::Webpage,
                            title: note.title.clone(),
                            authors: Vec::new(),
                            publisher: Some(config.title.clone()),
                            year: note.date.map(|d| i64::from(d.day.year())),
                            url: config.absolute_url(&note.url_path),
                        },
                    }
                }
                Entry::External { url, label } => Reference {
                    key: String::new(),
                    kind: ReferenceKind::Webpage,
                    title: label,
                    authors: Vec::new(),
                    publisher: crate::publisher::for_url(&url, &config.publishers)
                        .map(str::to_string),
                    year: None,
                    url,
                },
            };
            reference.key = unique_key(&reference, &mut used_keys);
            reference
        })
        .collect()
}

fn unique_key(reference: &Reference, used: &mut HashSet<String>) -> String {
    // The first author, else the publisher of a report, else the title: `berg2025`.
    let stem = match (reference.authors.first(), reference.kind) {
        (Some(author), _) => author.family.clone(),
        (None, ReferenceKind::Report) => reference
            .publisher
            .clone()
            .unwrap_or_else(|| reference.title.clone()),
        (None, ReferenceKind::Webpage) => reference.title.clone(),
    };
    let slug = slugify(&stem);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    // Skip short words such as articles: `een-artikel-elders` → `artikel`.
    let first_word: String = words
        .iter()
        .find(|w| w.len() > 3)
        .or(words.first())
        .copied()
        .unwrap_or("ref")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let base = format!(
        "{}{}",
        if first_word.is_empty() {
            "ref"
        } else {
            &first_word
        },
        reference.year.map(|y| y.to_string()).unwrap_or_default()
    );
    let mut key = base.clone();
    let mut suffix = b'a';
    while !used.insert(key.clone()) {
        key = format!("{base}{}", suffix as char);
        suffix = suffix.saturating_add(1);
    }
    key
}

/// The file of one format.
pub fn render(site: &Site, id: NoteId, format: CitationFormat) -> String {
    let references = references(site, id);
    match format {
        CitationFormat::CslJson => csl_json(&references),
        CitationFormat::Ris => ris(&references),
        CitationFormat::BibTex => bibtex(&references),
    }
}

pub fn csl_json(references: &[Reference]) -> String {
    let items: Vec<Value> = references
        .iter()
        .map(|r| {
            let mut item = json!({
                "id": r.key,
                "type": match r.kind {
                    ReferenceKind::Report => "report",
                    ReferenceKind::Webpage => "webpage",
                },
                "title": r.title,
                "URL": r.url,
            });
            if !r.authors.is_empty() {
                item["author"] = r
                    .authors
                    .iter()
                    .map(|a| {
                        if a.given.is_empty() {
                            json!({ "literal": a.family })
                        } else if a.particle.is_empty() {
                            json!({ "family": a.family, "given": a.given })
                        } else {
                            json!({
                                "family": a.family,
                                "given": a.given,
                                "non-dropping-particle": a.particle,
                            })
                        }
                    })
                    .collect();
            }
            if let Some(publisher) = &r.publisher {
                item["publisher"] = json!(publisher);
            }
            if let Some(year) = r.year {
                item["issued"] = json!({ "date-parts": [[year]] });
            }
            item
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// RIS: one `TAG  - value` per line, CRLF as the format's description asks; a record ends
/// with `ER  - `.
pub fn ris(references: &[Reference]) -> String {
    let mut out = String::new();
    let mut line = |tag: &str, value: &str| {
        let value = value.replace(['\r', '\n'], " ");
        let _ = write!(out, "{tag}  - {}\r\n", value.trim());
    };
    for r in references {
        line(
            "TY",
            match r.kind {
                ReferenceKind::Report => "RPRT",
                ReferenceKind::Webpage => "ELEC",
            },
        );
        line("ID", &r.key);
        line("TI", &r.title);
        for author in &r.authors {
            line("AU", &author.inverted());
        }
        if let Some(publisher) = &r.publisher {
            line("PB", publisher);
        }
        if let Some(year) = r.year {
            line("PY", &year.to_string());
        }
        line("UR", &r.url);
        line("ER", "");
    }
    out
}

pub fn bibtex(references: &[Reference]) -> String {
    let mut out = String::new();
    for r in references {
        let entry_type = match r.kind {
            ReferenceKind::Report => "techreport",
            ReferenceKind::Webpage => "misc",
        };
        let _ = writeln!(out, "@{entry_type}{{{},", r.key);
        let _ = writeln!(out, "  title = {{{}}},", bib_escape(&r.title));
        if !r.authors.is_empty() {
            let names: Vec<String> = r
                .authors
                .iter()
                .map(|a| {
                    if a.given.is_empty() {
                        // Braces keep an organisation's name one name.
                        format!("{{{}}}", bib_escape(&a.family))
                    } else {
                        bib_escape(&a.inverted())
                    }
                })
                .collect();
            let _ = writeln!(out, "  author = {{{}}},", names.join(" and "));
        }
        if let Some(publisher) = &r.publisher {
            let field = match r.kind {
                ReferenceKind::Report => "institution",
                ReferenceKind::Webpage => "publisher",
            };
            let _ = writeln!(out, "  {field} = {{{}}},", bib_escape(publisher));
        }
        if let Some(year) = r.year {
            let _ = writeln!(out, "  year = {{{year}}},");
        }
        // `url` is verbatim in BibLaTeX and Zotero; only braces would break the entry.
        let _ = writeln!(
            out,
            "  url = {{{}}},",
            r.url.replace('{', "%7B").replace('}', "%7D")
        );
        out.push_str("}\n\n");
    }
    out
}

/// Escapes the characters that are special in (La)TeX text.
fn bib_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_names_keep_their_particles() {
        let name = PersonName::parse("Jan van der Berg");
        assert_eq!(
            (
                name.given.as_str(),
                name.particle.as_str(),
                name.family.as_str()
            ),
            ("Jan", "van der", "Berg")
        );
        assert_eq!(name.inverted(), "van der Berg, Jan");
        assert_eq!(
            PersonName::parse("Richard Bailey").inverted(),
            "Bailey, Richard"
        );
        assert_eq!(PersonName::parse("Movisie").inverted(), "Movisie");
        assert_eq!(
            PersonName::parse("Anna Maria de Wit").inverted(),
            "de Wit, Anna Maria"
        );
    }

    #[test]
    fn tex_specials_are_escaped() {
        assert_eq!(
            bib_escape("Sport & Bewegen 100% {x}"),
            "Sport \\& Bewegen 100\\% \\{x\\}"
        );
    }
}
