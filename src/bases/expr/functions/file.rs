//! File fields and methods (`file.name`, `file.hasTag`, `file.inFolder`, `file.hasLink`, …)
//! and link methods (`asFile`, `linksTo`).

use super::{Env, Eval, Value, text_arg};
use crate::bases::expr::eval::{link_to, loose_eq};
use crate::bases::expr::value::{Date, Link};
use crate::bases::rows::BaseNote;

pub fn field<'a>(f: &'a BaseNote, name: &str, env: &Env<'a>) -> Eval<'a> {
    let text = |s: &str| Ok(Value::String(s.to_string()));
    let links = |targets: &[String]| {
        Ok(Value::List(
            targets.iter().map(|t| link_to(t, None)).collect(),
        ))
    };
    let date = |d: Option<Date>| Ok(d.map_or(Value::Null, Value::Date));
    match name {
        "name" => text(&f.name),
        "basename" => text(&f.basename),
        "path" => text(&f.path),
        "folder" => text(&f.folder),
        "ext" => text(&f.ext),
        "size" => Ok(Value::Number(f.size as f64)),
        "ctime" => date(f.ctime),
        "mtime" => date(f.mtime),
        "tags" => Ok(Value::List(
            f.tags
                .iter()
                .map(|t| Value::String(format!("#{t}")))
                .collect(),
        )),
        "links" => links(&f.links),
        "backlinks" => links(&f.backlinks),
        "embeds" => links(&f.embeds),
        "properties" => Ok(Value::Object(f.properties.clone())),
        // `this.file`, `file.file`: the file itself.
        "file" => Ok(Value::File(f)),
        // `this.status`: a property of that note.
        _ => {
            let _ = env;
            Ok(f.properties.get(name).cloned().unwrap_or(Value::Null))
        }
    }
}

/// The note a link points to, if it is one of the site's notes.
pub fn link_file<'a>(l: &Link, env: &Env<'a>) -> Option<&'a BaseNote> {
    env.links.resolve(&l.target).map(|i| &env.notes[i])
}

pub fn call_file<'a>(
    f: &'a BaseNote,
    name: &str,
    a: &[Value<'a>],
    env: &Env<'a>,
) -> Option<Eval<'a>> {
    let result = match name {
        "hasTag" => {
            let wanted: Vec<String> = a
                .iter()
                .map(|v| v.to_text().trim_start_matches('#').to_lowercase())
                .collect();
            Ok(Value::Bool(f.tags.iter().any(|tag| {
                let tag = tag.to_lowercase();
                wanted
                    .iter()
                    .any(|w| tag == *w || tag.starts_with(&format!("{w}/")))
            })))
        }
        "inFolder" => text_arg(a, 0, name).map(|folder| {
            let folder = folder.trim_matches('/').to_lowercase();
            let own = f.folder.to_lowercase();
            Value::Bool(
                folder.is_empty() || own == folder || own.starts_with(&format!("{folder}/")),
            )
        }),
        "hasLink" => match a.first() {
            Some(target) => {
                let target = match target {
                    Value::String(s) => link_to(s, None),
                    other => other.clone(),
                };
                Ok(Value::Bool(
                    f.links
                        .iter()
                        .any(|l| loose_eq(&link_to(l, None), &target, env)),
                ))
            }
            None => Err("`hasLink()` needs a note".into()),
        },
        "hasProperty" => text_arg(a, 0, name).map(|p| Value::Bool(f.properties.contains_key(p))),
        "asLink" => Ok(link_to(&f.path, a.first().map(Value::to_text))),
        _ => return None,
    };
    Some(result)
}

pub fn call_link<'a>(l: &Link, name: &str, a: &[Value<'a>], env: &Env<'a>) -> Option<Eval<'a>> {
    let result = match name {
        "asFile" => Ok(link_file(l, env).map_or(Value::Null, Value::File)),
        "linksTo" => match (link_file(l, env), a.first()) {
            (Some(f), Some(target)) => call_file(f, "hasLink", std::slice::from_ref(target), env)?,
            (None, Some(_)) => Ok(Value::Bool(false)),
            _ => Err("`linksTo()` needs a note".into()),
        },
        // A file's functions work on a link to it: `link("x").hasTag("y")`.
        _ => return link_file(l, env).and_then(|f| call_file(f, name, a, env)),
    };
    Some(result)
}
