//! Which front matter keys a note may have, and what is said about the others.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::message;

use super::fields::Fields;

/// Keys every note may have; facet keys and a kind's own keys come on top.
pub(super) const COMMON_KEYS: &[&str] = &[
    "title", "kind", "summary", "aliases", "date", "updated", "draft", "slug",
    // The note's language when it differs from the site's (`check` skips English notes).
    "lang",
];
/// Obsidian's own properties, which mean what they mean in Obsidian (and Obsidian Publish).
pub(super) const OBSIDIAN_KEYS: &[&str] = &[
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

/// Unknown keys: errors when strict; when lenient they are kept, and only a near-miss of a
/// known key (`tittle`) is a warning.
pub(super) fn check_keys(fields: &mut Fields<'_, '_>, config: &Config, kind: Kind) {
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
