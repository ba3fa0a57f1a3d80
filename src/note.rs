//! Stage 2, parse: one note's bytes become a typed `Note` (front matter + parsed body).
//! Pure: no disk, no other notes; so notes parse in parallel and `serve` re-parses one at a time.

use std::path::{Path, PathBuf};

use crate::note_date::NoteDate;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::frontmatter::{self, Document};
use crate::kind::Kind;
use crate::load::{NoteSource, to_slash};
use crate::markdown::{self, BodyPosition, ParsedBody};
use crate::message;
use crate::message::Message;
use crate::slug::slugify;

/// Keys every note may have; facet keys and a kind's own keys come on top.
const COMMON_KEYS: &[&str] = &[
    "title", "kind", "summary", "aliases", "date", "updated", "draft", "slug",
    // The note's language when it differs from the site's (`check` skips English notes).
    "lang",
];
/// Obsidian's own properties, which mean what they mean in Obsidian (and Obsidian Publish).
const OBSIDIAN_KEYS: &[&str] = &[
    "alias",
    "aliases",
    "tags",
    "cssclasses",
    "cssclass",
    "publish",
    "permalink",
    "description",
    "image",
    "cover",
    "created",
    "modified",
];

#[derive(Debug, Clone, PartialEq)]
pub enum KindData {
    None,
    Publication {
        url: String,
        publisher: Option<String>,
        year: Option<i64>,
        authors: Vec<String>,
    },
    Project {
        organisation: Option<String>,
        place: Option<String>,
        website: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Relative to the site root: `content/projecten/golden-sports.md`.
    pub source_path: PathBuf,
    /// Site-relative URL path: `projecten/golden-sports/`; `""` for the home page.
    pub url_path: String,
    /// URL path of the section (folder) the note is in: `projecten/`, `""` at the top.
    pub section_path: String,
    /// `_index.md`: the page of a section (or the home page) rather than a note.
    pub is_section_index: bool,
    pub title: String,
    pub kind: Kind,
    pub summary: Option<String>,
    pub aliases: Vec<String>,
    pub date: Option<NoteDate>,
    pub updated: Option<NoteDate>,
    pub draft: bool,
    /// Values of each configured facet, in config order, as written.
    pub facets: Vec<(String, Vec<String>)>,
    pub kind_data: KindData,
    /// Values of keys the site declared in `extra_keys`.
    pub extra: Map<String, Value>,
    pub body: ParsedBody,
    /// The start of the body text, for listings of notes without a `summary`.
    pub excerpt: Option<String>,
    /// The file name without `.md`, as Obsidian links to it.
    pub file_stem: String,
    /// Line of the `title:` key, for messages about the note as a whole.
    pub title_line: usize,
    /// Properties kennisbank does not interpret itself, kept and typed (see `properties`).
    pub properties: Vec<crate::properties::Property>,
    /// `cssclasses`: classes for the page's article element.
    pub cssclasses: Vec<String>,
    /// `image` or `cover`: the page's social and card image, as written, with its line
    /// (the link stage finds the file).
    pub image: Option<(String, usize)>,
    /// With `permalink`: the URL the file's path would have given, which redirects.
    pub redirect_from: Option<String>,
    /// Size and file-system dates of the file, for bases.
    pub meta: crate::load::FileMeta,
}

impl Note {
    /// The note's path under `content/` without `.md`: `projecten/golden-sports`.
    pub fn content_name(&self) -> String {
        let rel = self
            .source_path
            .strip_prefix("content")
            .unwrap_or(&self.source_path);
        to_slash(&rel.with_extension(""))
    }

    pub fn facet(&self, key: &str) -> &[String] {
        self.facets
            .iter()
            .find(|(k, _)| k == key)
            .map_or(&[], |(_, v)| v.as_slice())
    }
}

/// Every note's place in title order (as readers expect, see `slug::sort_key`; ties by id).
/// Computed once, so sorting any list of notes by title is a sort of small integers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleOrder(Vec<u32>);

impl TitleOrder {
    pub fn new(notes: &[Note]) -> TitleOrder {
        let mut ids: Vec<usize> = (0..notes.len()).collect();
        ids.sort_by_cached_key(|id| (crate::slug::sort_key(&notes[*id].title), *id));
        let mut rank = vec![0; notes.len()];
        for (place, id) in ids.into_iter().enumerate() {
            rank[id] = place as u32;
        }
        TitleOrder(rank)
    }

    pub fn sort(&self, ids: &mut [usize]) {
        ids.sort_unstable_by_key(|id| self.0[*id]);
    }
}

/// Parses one note; problems go to `diagnostics` and give `None` when the note is unusable.
pub fn parse_note(
    source: &NoteSource,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Note> {
    let path = source.path.as_path();
    let text = match std::str::from_utf8(&source.bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = source.bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            diagnostics.push(Diagnostic::error(
                path,
                Some(line),
                message!(
                    "het bestand is geen geldige UTF-8-tekst: sla het op als UTF-8",
                    "the file is not valid UTF-8 text: save it as UTF-8"
                ),
            ));
            return None;
        }
    };
    let text = crate::text_safety::clean(text, path, 1, diagnostics);
    let text: &str = &text;
    if text.trim().is_empty() && config.strict {
        diagnostics.push(Diagnostic::error(
            path,
            None,
            message!(
                "het bestand is leeg: een notitie heeft een kop met eigenschappen nodig, met minstens een `title`",
                "the file is empty: a note needs front matter with at least a `title`"
            ),
        ));
        return None;
    }
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err(e) => {
            diagnostics.push(Diagnostic::error(path, e.line, e.message));
            return None;
        }
    };
    let doc = match frontmatter::parse_mapping(split.yaml, split.yaml_first_line) {
        Ok(doc) => doc,
        Err(e) => {
            diagnostics.push(Diagnostic::error(path, e.line, e.message));
            return None;
        }
    };
    let is_section_index = path.file_name().is_some_and(|n| n == "_index.md");
    let mut fields = Fields {
        doc: &doc,
        path,
        diagnostics,
        ok: true,
    };

    let title = match doc.values.get("title") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::String(_)) | None if is_section_index => section_title(path),
        Some(Value::String(_)) => {
            fields.error("title", message!("`title` is leeg", "`title` is empty"));
            String::new()
        }
        Some(other) => {
            let (nl, en) = type_name(other);
            fields.error(
                "title",
                message!(
                    "`title` moet tekst zijn; nu is het {nl}",
                    "`title` must be text, not {en}"
                ),
            );
            String::new()
        }
        None if config.strict => {
            fields.error_at(
                Some(1),
                message!(
                    "`title` ontbreekt: elke notitie heeft een titel nodig, bijvoorbeeld `title: Golden Sports`",
                    "missing `title`: every note needs one, e.g. `title: Golden Sports`"
                ),
            );
            String::new()
        }
        // Obsidian's own rule: a note is called by its file name.
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let folder = path.parent().unwrap_or(Path::new(""));
    let kind = match fields.string("kind") {
        Some(key) => Kind::from_key(&key).unwrap_or_else(|| {
            let known = Kind::ALL.map(|k| k.key()).join(", ");
            fields.error(
                "kind",
                message!(
                    "onbekende soort `{key}` (bekend zijn: {known})",
                    "unknown kind `{key}` (known: {known})"
                ),
            );
            Kind::Note
        }),
        None => config
            .kind_of_folder(folder.strip_prefix("content").unwrap_or(folder))
            .unwrap_or(Kind::Note),
    };
    check_keys(&mut fields, config, kind);

    let kind_data = match kind {
        Kind::Publication if !is_section_index => {
            let url = web_address(&mut fields, "url", config);
            // A draft may wait for its address; a published publication may not.
            if url.is_none() && !doc.values.contains_key("url") && !fields.boolean("draft") {
                let line = doc.line_of("url").or(Some(1));
                fields.error_at(
                    line,
                    message!(
                        "een publicatie heeft `url` nodig: het adres waar lezers haar vinden",
                        "a publication needs `url`: the address where readers find it"
                    ),
                );
            }
            KindData::Publication {
                url: url.map(|u| crate::safelinks::clean(&u)).unwrap_or_default(),
                publisher: fields.string("publisher"),
                year: fields.integer("year"),
                authors: fields.list("authors"),
            }
        }
        Kind::Project => KindData::Project {
            organisation: fields.string("organisation"),
            place: fields.string("place"),
            website: web_address(&mut fields, "website", config)
                .map(|u| crate::safelinks::clean(&u)),
        },
        _ => KindData::None,
    };
    let facets: Vec<(String, Vec<String>)> = config
        .facets
        .iter()
        .map(|f| {
            let values = fields.list(&f.key);
            let values = values.iter().map(|v| match f.key.as_str() {
                "tags" => v.trim_start_matches('#').to_string(),
                _ => crate::properties::strip_wikilink(v),
            });
            (f.key.clone(), values.filter(|v| !v.is_empty()).collect())
        })
        .collect();
    let summary = fields
        .string("summary")
        .or_else(|| fields.string("description"));
    let mut aliases = fields.list("aliases");
    aliases.extend(fields.list("alias"));
    let date = fields.date("date").or_else(|| fields.date("created"));
    let updated = fields.date("updated").or_else(|| fields.date("modified"));
    let publish = !matches!(doc.values.get("publish"), Some(Value::Bool(false)));
    let draft = fields.boolean("draft") || !publish;
    let slug = fields.string("slug");
    let permalink = fields.string("permalink");
    let mut cssclasses = fields.list("cssclasses");
    cssclasses.extend(fields.list("cssclass"));
    let image = ["image", "cover"].iter().find_map(|key| {
        let written = fields.string(key)?;
        Some((written, fields.doc.line_of(key).unwrap_or(1)))
    });
    let extra = config
        .extra_keys
        .iter()
        .filter_map(|k| Some((k.clone(), doc.values.get(k)?.clone())))
        .collect();
    if !fields.ok {
        return None;
    }

    let lines = LineIndex::new(text);
    let (file_url, section_path, file_stem) = url_of(path, slug.as_deref(), is_section_index);
    let (url_path, redirect_from) =
        match permalink.as_deref().map(crate::properties::permalink_path) {
            Some(permalink) if permalink != file_url && !is_section_index => {
                (permalink, Some(file_url))
            }
            _ => (file_url, None),
        };
    if !check_output_names(&mut fields, &url_path, slug.is_some(), &facets) {
        return None;
    }
    let position = BodyPosition {
        lines: &lines,
        body_offset: split.body_offset,
        note_path: path,
        base_path: config.base_path(),
        raw_html: config.raw_html,
    };
    let mut body = markdown::parse_in(split.body, &position, config.language);
    for (url, line) in &body.obsidian_links {
        diagnostics.push(Diagnostic::warning(
            path,
            Some(*line),
            message!(
                "`{url}` opent Obsidian op de computer van de schrijver: getoond als gewone tekst",
                "`{url}` opens Obsidian on the writer's own computer: shown as plain text"
            ),
        ));
    }
    // A base block's YAML is read again where it is rendered; its mistakes are told here.
    for block in &body.bases {
        diagnostics.extend(crate::bases::parse(&block.yaml, block.line, path).1);
    }
    // Links, images and HTML the parse left out, each at its line (`markdown/left_out.rs`).
    diagnostics.extend(markdown::left_out(
        &body,
        path,
        crate::url_safety::unsafe_url_level(config),
        &|line| Some(line),
    ));
    let excerpt = excerpt_of(&body.text);
    let interpreted = |key: &str| {
        COMMON_KEYS.contains(&key)
            || OBSIDIAN_KEYS.contains(&key)
            || kind.own_keys().contains(&key)
            || config.facets.iter().any(|f| f.key == key)
    };
    let properties = doc
        .key_lines
        .iter()
        .filter(|(key, _)| !interpreted(key))
        .filter_map(|(key, line)| {
            let value = doc.values.get(key)?;
            Some(crate::properties::property(
                key,
                value,
                *line,
                &mut body.links,
            ))
        })
        .collect();
    let mut facets = facets;
    if let Some((_, tags)) = facets.iter_mut().find(|(k, _)| k == "tags") {
        for (tag, _) in &body.tags {
            if !tags
                .iter()
                .any(|t| crate::slug::fold(t) == crate::slug::fold(tag))
            {
                tags.push(tag.clone());
            }
        }
    }
    let mut note = Note {
        source_path: path.to_path_buf(),
        url_path,
        section_path,
        is_section_index,
        title,
        kind,
        summary,
        aliases,
        date,
        updated,
        draft,
        facets,
        kind_data,
        extra,
        body,
        excerpt,
        file_stem,
        title_line: doc.line_of("title").unwrap_or(1),
        properties,
        cssclasses,
        image,
        redirect_from,
        meta: source.meta,
    };
    crate::publisher::fill(&mut note, config);
    Some(note)
}

/// About 180 characters of text, cut at a word.
fn excerpt_of(text: &str) -> Option<String> {
    const LIMIT: usize = 180;
    let mut out = String::new();
    let mut words = text.split_whitespace();
    for word in words.by_ref() {
        if out.chars().count() + word.chars().count() > LIMIT {
            out.push('…');
            return Some(out);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// `content/Voor gemeenten/Golden Sports.md` → (`voor-gemeenten/golden-sports/`, `voor-gemeenten/`, `Golden Sports`).
fn url_of(path: &Path, slug: Option<&str>, is_section_index: bool) -> (String, String, String) {
    let rel = path.strip_prefix("content").unwrap_or(path);
    let folder = rel.parent().unwrap_or(Path::new(""));
    let mut section = String::new();
    for part in folder.components() {
        section.push_str(&slugify(&part.as_os_str().to_string_lossy()));
        section.push('/');
    }
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_section_index {
        return (section.clone(), section, stem);
    }
    let leaf = slugify(slug.unwrap_or(&stem));
    (format!("{section}{leaf}/"), section, stem)
}

/// A front matter address readers follow: only http(s) (`url_safety`). One that is not is
/// reported at its line and left out.
fn web_address(fields: &mut Fields<'_, '_>, key: &str, config: &Config) -> Option<String> {
    let url = fields.string(key)?;
    let Some(problem) = crate::url_safety::not_a_web_address(&url) else {
        return Some(url);
    };
    // The note itself is kept, so links to it still resolve; an error stops the build.
    fields.diagnostics.push(Diagnostic {
        level: crate::url_safety::unsafe_url_level(config),
        ..Diagnostic::error(
            fields.path,
            fields.doc.line_of(key),
            problem.within(&format!("`{key}`: {{}}"), &format!("`{key}`: {{}}")),
        )
    });
    None
}

/// A URL or facet value too long to be a file name is an error here, at its line, rather than
/// a failed write later (`output_path`).
fn check_output_names(
    fields: &mut Fields<'_, '_>,
    url_path: &str,
    from_slug: bool,
    facets: &[(String, Vec<String>)],
) -> bool {
    if let Some(problem) = crate::output_path::problem(&format!("{url_path}index.html")) {
        match from_slug {
            true => fields.error("slug", problem),
            false => fields.error_at(None, problem),
        }
    }
    for (key, values) in facets {
        if values.len() > crate::output_path::MAX_VALUES_PER_FACET {
            fields.error(
                key,
                message!(
                    "`{key}` heeft {} waarden; een notitie mag er hoogstens {} hebben, want elke waarde wordt een pagina",
                    "`{key}` has {} values; a note may have at most {}, each becomes a page",
                    values.len(),
                    crate::output_path::MAX_VALUES_PER_FACET
                ),
            );
            continue;
        }
        for value in values {
            if let Some(problem) = crate::output_path::problem(&slugify(value)) {
                let prefix = format!("`{key}`: {{}}");
                fields.error(key, problem.within(&prefix, &prefix));
            }
        }
    }
    fields.ok
}

fn section_title(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .map(|n| {
            crate::text_safety::without_forbidden(&n.to_string_lossy()).replace(['-', '_'], " ")
        })
        .map(|t| {
            let mut c = t.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .unwrap_or_default()
}

/// Unknown keys: errors when strict; when lenient they are kept, and only a near-miss of a
/// known key (`tittle`) is a warning.
fn check_keys(fields: &mut Fields<'_, '_>, config: &Config, kind: Kind) {
    let doc = fields.doc;
    for (key, line) in &doc.key_lines {
        let known = COMMON_KEYS.contains(&key.as_str())
            || OBSIDIAN_KEYS.contains(&key.as_str())
            || kind.own_keys().contains(&key.as_str())
            || config.facets.iter().any(|f| f.key == *key)
            || config.extra_keys.contains(key);
        if known {
            continue;
        }
        let known_keys = COMMON_KEYS
            .iter()
            .chain(OBSIDIAN_KEYS)
            .chain(kind.own_keys())
            .copied()
            .chain(config.facets.iter().map(|f| f.key.as_str()));
        let suggestion = crate::properties::near_miss(key, known_keys);
        if !config.strict {
            if let Some(meant) = suggestion {
                fields.diagnostics.push(Diagnostic::warning(
                    fields.path,
                    Some(*line),
                    message!(
                        "onbekende eigenschap `{key}`: bedoel je `{meant}`? (blijft een eigen eigenschap)",
                        "unknown property `{key}`: did you mean `{meant}`? (kept as a property of its own)"
                    ),
                ));
            }
            continue;
        }
        let owner = Kind::ALL
            .into_iter()
            .find(|k| k.own_keys().contains(&key.as_str()));
        let message = match owner {
            Some(owner) => message!(
                "`{key}` is alleen voor notities van de soort `{}`; deze notitie is een `{}`",
                "`{key}` is only for notes of kind `{}`, this note is a `{}`",
                owner.key(),
                kind.key()
            ),
            None => match suggestion {
                Some(meant) => message!(
                    "onbekende eigenschap `{key}`: bedoel je `{meant}`?",
                    "unknown front matter key `{key}`: did you mean `{meant}`?"
                ),
                None => message!(
                    "onbekende eigenschap `{key}` (zet hem onder `extra_keys` in kennisbank.yaml om hem toe te staan)",
                    "unknown front matter key `{key}` (declare it under `extra_keys` in kennisbank.yaml to allow it)"
                ),
            },
        };
        fields.error_at(Some(*line), message);
    }
}

struct Fields<'a, 'd> {
    doc: &'a Document,
    path: &'a Path,
    diagnostics: &'d mut Vec<Diagnostic>,
    ok: bool,
}

impl Fields<'_, '_> {
    fn error(&mut self, key: &str, message: Message) {
        let line = self.doc.line_of(key);
        self.error_at(line, message);
    }

    fn error_at(&mut self, line: Option<usize>, message: Message) {
        self.ok = false;
        self.diagnostics
            .push(Diagnostic::error(self.path, line, message));
    }

    fn string(&mut self, key: &str) -> Option<String> {
        match self.doc.values.get(key)? {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            other => {
                let (nl, en) = type_name(other);
                self.error(
                    key,
                    message!(
                        "`{key}` moet tekst zijn; nu is het {nl}",
                        "`{key}` must be text, not {en}"
                    ),
                );
                None
            }
        }
    }

    fn integer(&mut self, key: &str) -> Option<i64> {
        match self.doc.values.get(key)? {
            Value::Number(n) if n.is_i64() => n.as_i64(),
            Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            Value::Null => None,
            other => {
                let (nl, en) = type_name(other);
                self.error(
                    key,
                    message!(
                        "`{key}` moet een heel getal zijn; nu is het {nl}",
                        "`{key}` must be a whole number, not {en}"
                    ),
                );
                None
            }
        }
    }

    fn boolean(&mut self, key: &str) -> bool {
        match self.doc.values.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let (nl, en) = type_name(other);
                self.error(
                    key,
                    message!(
                        "`{key}` moet true (ja) of false (nee) zijn; nu is het {nl}",
                        "`{key}` must be true or false, not {en}"
                    ),
                );
                false
            }
        }
    }

    /// A string or a list of strings.
    fn list(&mut self, key: &str) -> Vec<String> {
        let items = match self.doc.values.get(key) {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(single) => vec![single.clone()],
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Value::Number(n) => out.push(n.to_string()),
                Value::String(_) | Value::Null => {}
                other => {
                    let (nl, en) = type_name(&other);
                    self.error(
                        key,
                        message!(
                            "`{key}` moet tekst of een lijst van teksten zijn; nu is het {nl}",
                            "`{key}` must be text or a list of texts, not {en}"
                        ),
                    );
                }
            }
        }
        out
    }

    fn date(&mut self, key: &str) -> Option<NoteDate> {
        let text = self.string(key)?;
        match NoteDate::parse(&text) {
            Some(date) => Some(date),
            None => {
                self.error(
                    key,
                    message!(
                        "`{key}: {text}` is geen datum: schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2025-09-01",
                        "`{key}: {text}` is not a date: write it as YYYY-MM-DD"
                    ),
                );
                None
            }
        }
    }
}

/// What a value is, in Dutch and in English, for messages about a value of the wrong type.
fn type_name(value: &Value) -> (&'static str, &'static str) {
    match value {
        Value::Null => ("leeg", "nothing"),
        Value::Bool(_) => ("true/false", "true/false"),
        Value::Number(_) => ("een getal", "a number"),
        Value::String(_) => ("tekst", "text"),
        Value::Array(_) => ("een lijst", "a list"),
        Value::Object(_) => ("een groep eigenschappen", "a mapping"),
    }
}
