//! New notes and new sites for editors: `kennisbank new` and `kennisbank init`.
//! Never overwrites a file.

use std::path::{Path, PathBuf};

use crate::config::{Config, Language};
use crate::kind::Kind;
use crate::message;
use crate::message::Message;
use crate::slug::slugify;

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "{0} already exists; kennisbank never overwrites a note (pick another title, or edit that file)"
    )]
    Exists(PathBuf),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("the title is empty")]
    EmptyTitle,
}

impl ScaffoldError {
    /// What went wrong, in both languages (`Display` gives the English one).
    pub fn message(&self) -> Message {
        match self {
            ScaffoldError::Exists(path) => message!(
                "{} bestaat al; kennisbank schrijft nooit over een notitie heen (kies een andere titel, of bewerk dat bestand)",
                "{} already exists; kennisbank never overwrites a note (pick another title, or edit that file)",
                path.display()
            ),
            ScaffoldError::Io(path, e) => Message::cannot_write(e).within(
                &format!("{}: {{}}", path.display()),
                &format!("{}: {{}}", path.display()),
            ),
            ScaffoldError::EmptyTitle => message!("de titel is leeg", "the title is empty"),
        }
    }
}

/// The folder a new note of `kind` goes in: the first folder of the kind mapping that the site
/// already has, else the kind's listing path (`projecten`); plain notes go in `content/`.
pub fn folder_for(root: &Path, config: &Config, kind: Kind) -> PathBuf {
    let content = root.join("content");
    if kind == Kind::Note {
        return content;
    }
    config
        .kind_folders
        .iter()
        .filter(|(_, k)| *k == kind)
        .map(|(folder, _)| content.join(folder))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| content.join(kind.listing_path(config.language)))
}

/// The front matter and a starting body for a note of `kind`. The note starts as a draft, so an
/// unfinished note never breaks the site; the editor removes `draft: true` to publish it.
pub fn note_text(config: &Config, kind: Kind, title: &str, today: &str) -> String {
    let mut fm = vec![
        format!("title: {}", yaml_string(title)),
        format!("kind: {}", kind.key()),
        "summary: \"\"".to_string(),
        "aliases: []".to_string(),
    ];
    fm.extend(config.facets.iter().map(|f| format!("{}: []", f.key)));
    match kind {
        Kind::Publication => fm.extend([
            "url: \"\"".into(),
            "publisher: \"\"".into(),
            "year:".into(),
            "authors: []".into(),
        ]),
        Kind::Project => fm.extend([
            "organisation: \"\"".to_string(),
            "place: \"\"".into(),
            "website: \"\"".into(),
        ]),
        _ => {}
    }
    fm.push(format!("date: {today}"));
    fm.push("draft: true".into());
    let body = match (config.language, kind) {
        (Language::Nl, Kind::ReadingList) => "1. [[Titel van een notitie]] – waarom lezen\n",
        (Language::En, Kind::ReadingList) => "1. [[Title of a note]] – why read it\n",
        (Language::Nl, _) => "Schrijf hier de tekst. Verwijs naar andere notities met [[Titel]].\n",
        (Language::En, _) => "Write the text here. Link to other notes with [[Title]].\n",
    };
    format!("---\n{}\n---\n\n{body}", fm.join("\n"))
}

/// Writes a new note and returns its path. Refuses to overwrite.
pub fn new_note(
    root: &Path,
    config: &Config,
    kind: Kind,
    title: &str,
    today: &str,
) -> Result<PathBuf, ScaffoldError> {
    let slug = slugify(title.trim());
    if title.trim().is_empty() {
        return Err(ScaffoldError::EmptyTitle);
    }
    let path = folder_for(root, config, kind).join(format!("{slug}.md"));
    create_new(&path, &note_text(config, kind, title.trim(), today))?;
    Ok(path)
}

fn create_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ScaffoldError::Io(parent.to_path_buf(), e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(path.to_path_buf())
            } else {
                ScaffoldError::Io(path.to_path_buf(), e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The files of a new site: a config, a home page and one note of each kind, linked together.
const STARTER: &[(&str, &str)] = &[
    (
        "kennisbank.yaml",
        "# Instellingen van de site; elke sleutel heeft een standaardwaarde.\ntitle: Mijn kennisbank\ndescription: Kennis over de sociale basis in onze gemeente.\nlanguage: nl\nbase_url: /\n# Een vast schema: ontbrekende titels, onbekende sleutels en links naar niets zijn fouten.\nstrict: true\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Mijn kennisbank\n---\nWelkom. Begin bij de definitie van [[Sociale basis]], of bekijk het voorbeeld [[Buurtbus]].\n",
    ),
    (
        "content/definities/_index.md",
        "---\ntitle: Definities\n---\nDe begrippen waar alles om draait.\n",
    ),
    (
        "content/definities/sociale-basis.md",
        "---\ntitle: Sociale basis\nkind: definition\nsummary: De wereld dichtbij huis waar je zonder verwijzing terecht kunt.\naliases: [de sociale basis]\ntags: [sociale basis]\nsphere: [informeel]\ndate: 2026-01-01\n---\n\nDe sociale basis is de wereld dichtbij huis waar je zonder verwijzing terecht kunt. Zie ook [[Nabijheid]].\n",
    ),
    (
        "content/lexicon/nabijheid.md",
        "---\ntitle: Nabijheid\nkind: lexicon\nsummary: Ondersteuning dicht bij huis.\ntags: [nabijheid]\ndate: 2026-01-01\n---\n\nHulp en ontmoeting dicht bij waar mensen wonen; een kern van de [[sociale basis]].\n",
    ),
    (
        "content/projecten/buurtbus.md",
        "---\ntitle: Buurtbus\nkind: project\nsummary: Vrijwilligers rijden buurtgenoten naar afspraken en activiteiten.\ntags: [vrijwilligers, vervoer]\nsphere: [informeel]\ndomain: [welzijn]\nregion: Utrecht\norganisation: Buurtbusvereniging\nplace: Utrecht\ndate: 2026-01-01\n---\n\nEen voorbeeld van de [[sociale basis]] in actie.\n",
    ),
    (
        "content/publicaties/sterke-sociale-basis.md",
        "---\ntitle: Sterke beleidsinterventies, sterke sociale basis\nkind: publication\nsummary: Publicatie van Movisie over beleid voor een sterke sociale basis.\nurl: https://www.movisie.nl/sites/movisie.nl/files/2021-05/Sterke-beleidsinterventies-sterke-sociale-basis-Movisie.pdf\npublisher: Movisie\nyear: 2021\ntags: [beleid]\ndate: 2026-01-01\n---\n\nBron van de uitgebreide definitie van de [[sociale basis]].\n",
    ),
    (
        "content/leeslijsten/meer-lezen.md",
        "---\ntitle: Meer lezen\nkind: reading-list\nsummary: Een eerste leeslijst.\ntags: [sociale basis]\ndate: 2026-01-01\n---\n\n1. [[Sterke beleidsinterventies, sterke sociale basis]] – de uitgebreide definitie\n2. [[Nabijheid]] – waarom dichtbij ertoe doet\n",
    ),
];

/// Creates a minimal working site in `dir`. Refuses when any of its files exists already.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    for (path, _) in STARTER {
        let target = dir.join(path);
        if target.exists() {
            return Err(ScaffoldError::Exists(target));
        }
    }
    let mut written = Vec::new();
    for (path, text) in STARTER {
        let target = dir.join(path);
        create_new(&target, text)?;
        written.push(target);
    }
    Ok(written)
}
