//! The served site equals a fresh build after any sequence of changes: random sequences of
//! edits, renames, deletes and additions of notes, folders, files beside the notes, templates
//! and the config, each applied to the incremental state the way the watcher reports them,
//! and compared byte for byte (and problem for problem) with `pipeline::build_in_memory`.

mod serve_support;

use std::collections::BTreeMap;

use kennisbank::serve::{Changes, Output, SiteState};
use kennisbank::site::SiteOptions;
use serve_support::{NoteSpec, TempSite, apply_and_compare, options, options_with_drafts};

/// xorshift64*: deterministic, so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Folder names chosen to test ordering (`a`, `a b`, `a.b`, `a-b`) and nesting.
const FOLDERS: &[&str] = &["", "projecten", "thema/sub", "a", "a b", "a.b", "a-b"];
const TAGS: &[&str] = &["sport", "ouderen", "wonen", "Sport", "één-ouder"];
/// `""` leaves the kind out, so that the folder decides.
const KINDS: &[&str] = &[
    "note",
    "project",
    "lexicon",
    "publication",
    "definition",
    "reading-list",
    "",
];

/// The bases and the canvas of the site: pages of their own, embedded in notes.
const DOCUMENTS: &[&str] = &[
    "content/Overzicht.base",
    "content/thema/Organisaties.base",
    "content/Kaart.canvas",
];
/// How notes embed them: a base's named view, a whole base, the canvas.
const DOCUMENT_EMBEDS: &[&str] = &[
    "Overzicht.base#Kaarten",
    "Overzicht.base#Hier",
    "Organisaties.base",
    "Kaart.canvas",
];

/// What the test believes is on disk.
struct Model {
    site: TempSite,
    notes: BTreeMap<String, NoteSpec>,
    /// Notes written with broken front matter, to be fixed later.
    broken: Vec<String>,
    counter: usize,
}

impl Model {
    fn new(rng: &mut Rng, strict: bool) -> Model {
        Model::with_notes(rng, strict, 10)
    }

    fn with_notes(rng: &mut Rng, strict: bool, notes: usize) -> Model {
        let site = TempSite::new();
        let level = if strict { "error" } else { "warn" };
        site.write(
            "kennisbank.yaml",
            format!("title: Proef\nunresolved_links: {level}\n"),
        );
        let mut model = Model {
            site,
            notes: BTreeMap::new(),
            broken: Vec::new(),
            counter: 0,
        };
        for _ in 0..notes {
            model.add_note(rng);
        }
        let titles = model.titles();
        let paths: Vec<String> = model.notes.keys().cloned().collect();
        for path in paths {
            let links = (0..rng.below(3))
                .map(|_| rng.pick(&titles).clone())
                .collect();
            let spec = model.notes.get_mut(&path).unwrap();
            spec.links = links;
            model.site.note(&path, spec);
        }
        model.site.write(
            "content/projecten/_index.md",
            "---\ntitle: Onze projecten\n---\nIntro.\n",
        );
        for document in DOCUMENTS {
            model.write_document(rng, document);
        }
        model
    }

    /// A base or canvas, written afresh with a random variation.
    fn write_document(&mut self, rng: &mut Rng, path: &str) {
        let titles = self.titles();
        let text = match path {
            "content/Overzicht.base" => format!(
                "filters:\n  or:\n    - file.hasTag(\"{tag}\")\n    - file.inFolder(\"projecten\")\nformulas:\n  terug: file.backlinks.length\n  kort: summary.lower()\nproperties:\n  formula.terug:\n    displayName: Verwijzingen\nviews:\n  - type: table\n    name: Alles\n    order: [file.name, date, formula.terug, formula.kort]\n    sort:\n      - property: date\n        direction: DESC\n    summaries:\n      formula.terug: Sum\n  - type: cards\n    name: Kaarten\n    limit: {limit}\n    order: [file.name, tags]\n  - type: list\n    name: Per map\n    groupBy:\n      property: file.folder\n      direction: ASC\n    order: [file.name]\n  - type: table\n    name: Hier\n    filters: file.hasLink(this.file)\n    order: [file.name]\n",
                tag = rng.pick(TAGS),
                limit = 1 + rng.below(3),
            ),
            "content/thema/Organisaties.base" => "filters: '!organisatie.isEmpty()'\nformulas:\n  labels: organisatie.asFile().tags\nviews:\n  - type: table\n    name: Per organisatie\n    order: [file.name, organisatie, formula.labels]\n".to_string(),
            _ => format!(
                "{{\"nodes\":[{{\"id\":\"a\",\"type\":\"text\",\"text\":\"Zie [[{}]]\",\"x\":0,\"y\":0,\"width\":200,\"height\":80}},{{\"id\":\"b\",\"type\":\"file\",\"file\":\"{}\",\"x\":300,\"y\":0,\"width\":200,\"height\":80}}],\"edges\":[{{\"id\":\"e\",\"fromNode\":\"a\",\"toNode\":\"b\",\"label\":\"naar\"}}]}}",
                rng.pick(&titles),
                self.random_note(rng)
                    .map(|p| p.trim_start_matches("content/").to_string())
                    .unwrap_or_default(),
            ),
        };
        self.site.write(path, text);
    }

    fn titles(&self) -> Vec<String> {
        self.notes.values().map(|n| n.title.clone()).collect()
    }

    fn random_note(&self, rng: &mut Rng) -> Option<String> {
        let paths: Vec<&String> = self.notes.keys().collect();
        (!paths.is_empty()).then(|| paths[rng.below(paths.len())].clone())
    }

    fn add_note(&mut self, rng: &mut Rng) -> String {
        self.counter += 1;
        let mut spec = NoteSpec::new(&format!("Notitie {}", self.counter));
        spec.kind = *rng.pick(KINDS);
        if rng.chance(50) {
            spec.tags = vec![rng.pick(TAGS).to_string()];
        }
        if rng.chance(50) {
            spec.date = Some(format!("2024-0{}-1{}", 1 + rng.below(9), rng.below(10)));
        }
        if rng.chance(30) {
            spec.summary = Some("Een korte samenvatting".into());
        }
        if rng.chance(40) {
            spec.headings = vec!["Aanpak".into()];
        }
        if rng.chance(40) && !self.notes.is_empty() {
            let titles = self.titles();
            spec.links = vec![rng.pick(&titles).clone()];
        }
        if rng.chance(25) && !self.notes.is_empty() {
            let titles = self.titles();
            spec.embeds = vec![rng.pick(&titles).clone()];
        }
        let folder = rng.pick(FOLDERS);
        let name = if rng.chance(50) {
            format!("Notitie {}.md", self.counter)
        } else {
            format!("notitie-{}.md", self.counter)
        };
        let path = if folder.is_empty() {
            format!("content/{name}")
        } else {
            format!("content/{folder}/{name}")
        };
        self.site.note(&path, &spec);
        self.notes.insert(path.clone(), spec);
        path
    }

    /// One random change; returns the changes as the watcher would report them.
    fn step(&mut self, rng: &mut Rng) -> (String, Changes) {
        let Some(path) = self.random_note(rng) else {
            let path = self.add_note(rng);
            return (format!("add {path}"), content(&[&path]));
        };
        let titles = self.titles();
        let paths: Vec<String> = self.notes.keys().cloned().collect();
        let op = rng.below(27);
        let spec = self.notes.get_mut(&path).unwrap();
        let description = match op {
            0 | 1 => {
                spec.body = format!("Nieuwe tekst {}.", rng.next() % 1000);
                "edit body"
            }
            2 => {
                // To a title that exists, one that a rename may give, or a path.
                let target = if rng.chance(20) {
                    format!("Titel {}", rng.next() % 50)
                } else {
                    rng.pick(&titles).clone()
                };
                if rng.chance(25) {
                    let to = rng.pick(&paths).clone();
                    let fragment = if rng.chance(30) { "#aanpak" } else { "" };
                    spec.path_links
                        .push(format!("<{}{fragment}>", relative(&path, &to)));
                } else {
                    spec.links.push(if rng.chance(30) {
                        format!("{target}#Aanpak")
                    } else {
                        target
                    });
                }
                "add link"
            }
            3 => {
                spec.links.pop();
                spec.path_links.pop();
                "remove link"
            }
            4 => {
                let old = std::mem::replace(&mut spec.title, format!("Titel {}", rng.next() % 50));
                if rng.chance(50) {
                    spec.aliases = vec![old];
                }
                "change title"
            }
            5 => {
                spec.tags = (0..rng.below(3))
                    .map(|_| rng.pick(TAGS).to_string())
                    .collect();
                "change tags"
            }
            6 => {
                spec.sphere = rng
                    .chance(60)
                    .then(|| rng.pick(&["informeel", "formeel"]).to_string());
                "change sphere"
            }
            7 => {
                spec.kind = *rng.pick(KINDS);
                "change kind"
            }
            8 => {
                spec.date = rng
                    .chance(70)
                    .then(|| format!("2025-0{}-0{}", 1 + rng.below(9), 1 + rng.below(9)));
                "change date"
            }
            9 => {
                spec.summary = match spec.summary {
                    Some(_) => None,
                    None => Some(format!("Samenvatting {}", rng.next() % 10)),
                };
                "toggle summary"
            }
            10 => {
                spec.draft = !spec.draft;
                "toggle draft"
            }
            11 => {
                spec.headings = if spec.headings.is_empty() {
                    vec!["Aanpak".into(), "Resultaat".into()]
                } else {
                    Vec::new()
                };
                "change headings"
            }
            12 => {
                let image = "foto.png";
                let file = format!("{}/{image}", path.rsplit_once('/').unwrap().0);
                if spec.image.is_some() {
                    spec.image = None;
                } else {
                    self.site.write(&file, b"\x89PNG fake");
                    spec.image = Some(image.into());
                }
                let spec = spec.clone();
                self.site.note(&path, &spec);
                self.broken.retain(|p| *p != path);
                return (format!("toggle image {path}"), content(&[&path, &file]));
            }
            13 => return self.add(rng),
            14 => {
                self.notes.remove(&path);
                self.site.remove(&path);
                self.broken.retain(|p| *p != path);
                return (format!("delete {path}"), content(&[&path]));
            }
            15 => return self.rename_note(rng, &path),
            16 => return self.rename_folder(rng, &path),
            17 => {
                // Mostly the folder of a note; sometimes a folder with only an `_index.md`.
                let folder = if rng.chance(25) {
                    "content/leeg".to_string()
                } else {
                    path.rsplit_once('/').unwrap().0.to_string()
                };
                let index = format!("{folder}/_index.md");
                if rng.chance(30) && self.site.root().join(&index).exists() {
                    self.site.remove(&index);
                } else {
                    let title = rng.pick(&["Map", "Andere map", "Map"]);
                    self.site.write(
                        &index,
                        format!("---\ntitle: {title}\n---\nInleiding {}.\n", rng.next() % 5),
                    );
                }
                return (format!("index {index}"), content(&[&index]));
            }
            18 => {
                if let Some(fixed) = self.broken.pop() {
                    let spec = self.notes[&fixed].clone();
                    self.site.note(&fixed, &spec);
                    return (format!("fix {fixed}"), content(&[&fixed]));
                }
                self.site
                    .write(&path, "---\ntitle: [niet gesloten\n---\nTekst.\n");
                self.broken.push(path.clone());
                return (format!("break {path}"), content(&[&path]));
            }
            19 => {
                // An editor's atomic save: a temporary file renamed over the note.
                let temp = format!("{path}.tmp");
                self.site.write(&temp, spec.to_markdown() + "\nBewaard.\n");
                self.site.rename(&temp, &path);
                spec.body.push_str("\n\nBewaard.");
                self.broken.retain(|p| *p != path);
                return (format!("atomic save {path}"), content(&[&path]));
            }
            20 if rng.chance(50) => return self.change_layout(rng),
            20 => {
                // A second file whose name gives the same URL: an error until one goes.
                let (folder, name) = path.rsplit_once('/').unwrap();
                let twin = format!("{folder}/{}", name.to_uppercase().replace(".MD", ".md"));
                let mut spec = spec.clone();
                if self.notes.contains_key(&twin) || twin == path {
                    return (format!("(no twin of {path})"), Changes::default());
                }
                spec.title = format!("{} (kopie)", spec.title);
                self.site.note(&twin, &spec);
                self.notes.insert(twin.clone(), spec);
                return (format!("twin {twin}"), content(&[&twin]));
            }
            21 => {
                // Embeds nest and may go round in a circle; a section embed names a heading.
                if spec.embeds.is_empty() || rng.chance(60) {
                    let target = rng.pick(&titles).clone();
                    spec.embeds.push(if rng.chance(30) {
                        format!("{target}#Aanpak")
                    } else {
                        target
                    });
                } else {
                    spec.embeds.pop();
                }
                "change embeds"
            }
            22 => {
                spec.property_link = match spec.property_link {
                    Some(_) if rng.chance(50) => None,
                    _ => Some(rng.pick(&titles).clone()),
                };
                "change property link"
            }
            23 => {
                // A base or canvas embedded, or such an embed removed.
                if let Some(at) = spec
                    .embeds
                    .iter()
                    .position(|e| e.contains(".base") || e.contains(".canvas"))
                {
                    spec.embeds.remove(at);
                } else {
                    spec.embeds.push(rng.pick(DOCUMENT_EMBEDS).to_string());
                }
                "change base embed"
            }
            24 => {
                spec.base_block = !spec.base_block;
                "toggle base block"
            }
            25 => {
                let document = *rng.pick(DOCUMENTS);
                if rng.chance(20) && self.site.root().join(document).exists() {
                    self.site.remove(document);
                    return (format!("delete {document}"), content(&[document]));
                }
                self.write_document(rng, document);
                return (format!("write {document}"), content(&[document]));
            }
            _ => return self.change_config(rng),
        };
        let spec = spec.clone();
        self.site.note(&path, &spec);
        self.broken.retain(|p| *p != path);
        (format!("{description} {path}"), content(&[&path]))
    }

    fn add(&mut self, rng: &mut Rng) -> (String, Changes) {
        let path = self.add_note(rng);
        (format!("add {path}"), content(&[&path]))
    }

    fn rename_note(&mut self, rng: &mut Rng, path: &str) -> (String, Changes) {
        let folder = rng.pick(FOLDERS);
        let name = path.rsplit_once('/').unwrap().1;
        let name = if rng.chance(50) {
            name.to_string()
        } else {
            format!("hernoemd-{}", name)
        };
        let to = if folder.is_empty() {
            format!("content/{name}")
        } else {
            format!("content/{folder}/{name}")
        };
        if to == path || self.notes.contains_key(&to) {
            return (format!("(no rename of {path})"), Changes::default());
        }
        self.site.rename(path, &to);
        let spec = self.notes.remove(path).unwrap();
        self.notes.insert(to.clone(), spec);
        for broken in &mut self.broken {
            if broken == path {
                *broken = to.clone();
            }
        }
        (format!("rename {path} → {to}"), content(&[path, &to]))
    }

    /// Moves a note's whole folder, or deletes it.
    fn rename_folder(&mut self, rng: &mut Rng, path: &str) -> (String, Changes) {
        let folder = path.rsplit_once('/').unwrap().0.to_string();
        if folder == "content" {
            return (format!("(no folder move for {path})"), Changes::default());
        }
        let prefix = format!("{folder}/");
        if rng.chance(25) {
            self.site.remove(&folder);
            self.notes.retain(|p, _| !p.starts_with(&prefix));
            self.broken.retain(|p| !p.starts_with(&prefix));
            return (format!("delete folder {folder}"), content(&[&folder]));
        }
        let to = format!("content/verplaatst-{}", rng.next() % 1000);
        if self.site.root().join(&to).exists() {
            return (format!("(no folder move to {to})"), Changes::default());
        }
        self.site.rename(&folder, &to);
        let moved: Vec<String> = self
            .notes
            .keys()
            .filter(|p| p.starts_with(&prefix))
            .cloned()
            .collect();
        for from in moved {
            let spec = self.notes.remove(&from).unwrap();
            self.notes
                .insert(format!("{to}/{}", &from[prefix.len()..]), spec);
        }
        for broken in &mut self.broken {
            if broken.starts_with(&prefix) {
                *broken = format!("{to}/{}", &broken[prefix.len()..]);
            }
        }
        (
            format!("move folder {folder} → {to}"),
            content(&[&folder, &to]),
        )
    }

    fn change_layout(&mut self, rng: &mut Rng) -> (String, Changes) {
        let template = "templates/404.html";
        if rng.chance(50) && self.site.root().join(template).exists() {
            self.site.remove(template);
        } else {
            self.site.write(
                template,
                format!(
                    "{{% extends \"base.html\" %}}{{% block main %}}<h1>Weg {}</h1>{{% endblock main %}}",
                    rng.next() % 10
                ),
            );
        }
        self.site.write(
            "static/extra.css",
            format!("p {{ margin: {}px }}", rng.below(9)),
        );
        let changes = Changes {
            layout: true,
            ..Changes::default()
        };
        ("change layout".into(), changes)
    }

    fn change_config(&mut self, rng: &mut Rng) -> (String, Changes) {
        let text = std::fs::read_to_string(self.site.root().join("kennisbank.yaml")).unwrap();
        let level = if text.contains("error") {
            "error"
        } else {
            "warn"
        };
        let title = rng.pick(&["Proef", "Kennisbank proef"]);
        self.site.write(
            "kennisbank.yaml",
            format!("title: {title}\nunresolved_links: {level}\n"),
        );
        let changes = Changes {
            config: true,
            ..Changes::default()
        };
        ("change config".into(), changes)
    }
}

/// The path of note `to` relative to note `from`'s folder: `../a b/Notitie 4.md`.
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> =
        from.split('/').collect::<Vec<_>>()[..from.matches('/').count()].to_vec();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

fn content(paths: &[&str]) -> Changes {
    serve_support::content_changes(paths)
}

fn run_sequence(seed: u64, steps: usize, strict: bool, options: SiteOptions) {
    let mut rng = Rng(seed);
    let model = Model::new(&mut rng, strict);
    run_sequence_on(model, rng, seed, steps, options);
}

fn run_sequence_on(mut model: Model, mut rng: Rng, seed: u64, steps: usize, options: SiteOptions) {
    let mut state = SiteState::load(model.site.root(), &options);
    let mut output = Output::default();
    let mut log = vec!["load".to_string()];
    apply_and_compare(
        &model.site,
        &options,
        &mut state,
        &mut output,
        &Changes::default(),
        &format!("seed {seed}, first build"),
    );
    for step in 0..steps {
        let (description, changes) = model.step(&mut rng);
        log.push(description);
        let context = format!("seed {seed}, step {step}; steps so far: {log:#?}");
        apply_and_compare(
            &model.site,
            &options,
            &mut state,
            &mut output,
            &changes,
            &context,
        );
    }
}

/// How many random sequences to run: 12 by default, more with `KB_SERVE_SEQUENCES=500` for
/// a longer search (the seeds are fixed, so a failure replays).
fn sequences() -> u64 {
    std::env::var("KB_SERVE_SEQUENCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

#[test]
fn random_edit_sequences_serve_what_a_full_build_gives() {
    for seed in 1..=sequences() {
        run_sequence(seed * 7919, 30, false, options());
    }
}

#[test]
fn random_sequences_with_broken_links_as_errors_recover_exactly() {
    for seed in 1..=sequences() / 2 {
        run_sequence(seed * 104_729, 30, true, options());
    }
}

#[test]
fn random_sequences_with_drafts_shown_serve_what_a_full_build_gives() {
    for seed in 1..=sequences() / 3 {
        run_sequence(seed * 15_485_863, 30, false, options_with_drafts());
    }
}

/// With 230 notes the all-notes listing takes three pages: an edit re-renders only the pages
/// it changed, and what it leaves must still be what a build gives.
#[test]
fn random_sequences_on_a_site_with_long_listings_serve_what_a_full_build_gives() {
    for seed in 1..=sequences().div_ceil(4) {
        let mut rng = Rng(seed * 6_700_417);
        let model = Model::with_notes(&mut rng, false, 230);
        run_sequence_on(model, rng, seed, 20, options());
    }
}
