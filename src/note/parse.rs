//! `parse_note`: one note's bytes → `Note`. Front matter first (any mistake in it means no
//! note, with every mistake reported), then the body, its problems told at their lines.

use std::path::Path;

use serde_json::Value;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::frontmatter;
use crate::kind::Kind;
use crate::load::NoteSource;
use crate::markdown::{self, BodyPosition};
use crate::message;

use super::fields::{Fields, type_name, web_address};
use super::keys::{COMMON_KEYS, OBSIDIAN_KEYS, check_keys};
use super::paths::{check_output_names, section_title, url_of};
use super::{KindData, Note};

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
    let excerpt = body.take_excerpt();
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
    Some(Note {
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
    })
}
