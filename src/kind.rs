//! The kinds of note the content format knows, and their names in each language.

use crate::config::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Definition,
    Lexicon,
    Project,
    Publication,
    ReadingList,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Definition,
        Kind::Lexicon,
        Kind::Project,
        Kind::Publication,
        Kind::ReadingList,
        Kind::Note,
    ];

    /// The name editors write in `kind:`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Definition => "definition",
            Kind::Lexicon => "lexicon",
            Kind::Project => "project",
            Kind::Publication => "publication",
            Kind::ReadingList => "reading-list",
            Kind::Note => "note",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self, language: Language) -> &'static str {
        match (language, self) {
            (Language::Nl, Kind::Definition) => "Definitie",
            (Language::Nl, Kind::Lexicon) => "Lexicon",
            (Language::Nl, Kind::Project) => "Voorbeeldproject",
            (Language::Nl, Kind::Publication) => "Publicatie",
            (Language::Nl, Kind::ReadingList) => "Leeslijst",
            (Language::Nl, Kind::Note) => "Notitie",
            (Language::En, Kind::Definition) => "Definition",
            (Language::En, Kind::Lexicon) => "Lexicon entry",
            (Language::En, Kind::Project) => "Example project",
            (Language::En, Kind::Publication) => "Publication",
            (Language::En, Kind::ReadingList) => "Reading list",
            (Language::En, Kind::Note) => "Note",
        }
    }

    /// Title of the listing of all notes of this kind.
    pub fn plural_label(self, language: Language) -> &'static str {
        match (language, self) {
            (Language::Nl, Kind::Definition) => "Definities",
            (Language::Nl, Kind::Lexicon) => "Lexicon",
            (Language::Nl, Kind::Project) => "Voorbeeldprojecten",
            (Language::Nl, Kind::Publication) => "Publicaties",
            (Language::Nl, Kind::ReadingList) => "Leeslijsten",
            (Language::Nl, Kind::Note) => "Notities",
            (Language::En, Kind::Definition) => "Definitions",
            (Language::En, Kind::Lexicon) => "Lexicon",
            (Language::En, Kind::Project) => "Example projects",
            (Language::En, Kind::Publication) => "Publications",
            (Language::En, Kind::ReadingList) => "Reading lists",
            (Language::En, Kind::Note) => "Notes",
        }
    }

    /// URL path of the kind's listing page, without slashes.
    pub fn listing_path(self, language: Language) -> &'static str {
        match (language, self) {
            (Language::Nl, Kind::Definition) => "definities",
            (Language::Nl, Kind::Lexicon) => "lexicon",
            (Language::Nl, Kind::Project) => "projecten",
            (Language::Nl, Kind::Publication) => "publicaties",
            (Language::Nl, Kind::ReadingList) => "leeslijsten",
            (Language::Nl, Kind::Note) => "notities",
            (Language::En, Kind::Definition) => "definitions",
            (Language::En, Kind::Lexicon) => "lexicon",
            (Language::En, Kind::Project) => "projects",
            (Language::En, Kind::Publication) => "publications",
            (Language::En, Kind::ReadingList) => "reading-lists",
            (Language::En, Kind::Note) => "notes",
        }
    }

    /// Front-matter keys that belong to this kind only.
    pub fn own_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Publication => &["url", "publisher", "year", "authors"],
            Kind::Project => &["organisation", "place", "website"],
            _ => &[],
        }
    }
}

/// The folder names that imply a kind when a note gives none (CONTENT-FORMAT.md).
pub fn default_kind_folders() -> Vec<(String, Kind)> {
    [
        ("definities", Kind::Definition),
        ("definitions", Kind::Definition),
        ("lexicon", Kind::Lexicon),
        ("projecten", Kind::Project),
        ("voorbeelden", Kind::Project),
        ("projects", Kind::Project),
        ("publicaties", Kind::Publication),
        ("publications", Kind::Publication),
        ("leeslijsten", Kind::ReadingList),
        ("reading-lists", Kind::ReadingList),
    ]
    .into_iter()
    .map(|(folder, kind)| (folder.to_string(), kind))
    .collect()
}
