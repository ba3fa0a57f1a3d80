//! What `serve` adds to the HTML it sends (never to `build` output): the reload script, and
//! while the site has errors an overlay naming each file, line and message. The overlay is a
//! `role="alert"` region, so screen readers announce it, in the site's language.

use crate::config::Language;
use crate::diagnostic::Diagnostic;

use super::reload::EVENTS_PATH;

/// The page with the reload script (and the overlay when there are errors) added.
/// `search_stale`: the search index is of an earlier version than the pages, said in the
/// overlay.
pub fn decorate(
    html: &[u8],
    generation: u64,
    errors: &[Diagnostic],
    search_stale: bool,
    language: Language,
) -> Vec<u8> {
    let script = reload_script(generation);
    let built = if search_stale {
        Built::SearchOlder
    } else {
        Built::Yes
    };
    let overlay = (!errors.is_empty()).then(|| overlay(errors, language, built));
    let mut out = Vec::with_capacity(html.len() + script.len() + 1024);
    // The overlay goes first in the body, so it is read first; the script last.
    let body_open = find_ignore_case(html, b"<body").and_then(|at| {
        html[at..]
            .iter()
            .position(|b| *b == b'>')
            .map(|end| at + end + 1)
    });
    let body_close = rfind_ignore_case(html, b"</body").unwrap_or(html.len());
    let overlay_at = body_open.filter(|at| *at <= body_close).unwrap_or(0);
    out.extend_from_slice(&html[..overlay_at]);
    if let Some(overlay) = &overlay {
        out.extend_from_slice(overlay.as_bytes());
    }
    out.extend_from_slice(&html[overlay_at..body_close]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[body_close..]);
    out
}

/// A page for when no version of the site has built yet: only the errors.
pub fn error_page(generation: u64, errors: &[Diagnostic], language: Language) -> Vec<u8> {
    let title = match language {
        Language::Nl => "Fouten in de site",
        Language::En => "Errors in the site",
    };
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n{}{}</body>\n</html>\n",
        language.code(),
        overlay(errors, language, Built::No),
        reload_script(generation),
    )
    .into_bytes()
}

fn reload_script(generation: u64) -> String {
    format!(
        "<script>/* kennisbank serve: reloads the page when the site changes */\
(function(){{var g={generation},s=new EventSource(\"{EVENTS_PATH}\");\
function f(e){{if(Number(e.data)!==g){{s.close();location.reload();}}}}\
s.addEventListener(\"hello\",f);s.addEventListener(\"reload\",f);}})();</script>\n"
    )
}

/// What of the site is shown while it has errors.
#[derive(Clone, Copy, PartialEq)]
enum Built {
    /// The last good version.
    Yes,
    /// The last good version, with a search index of a version before it.
    SearchOlder,
    /// Nothing: no version built yet.
    No,
}

fn overlay(errors: &[Diagnostic], language: Language, built: Built) -> String {
    let heading = match (language, built) {
        (Language::Nl, Built::No) => "De site heeft fouten en kan nog niet worden getoond",
        (Language::Nl, _) => "De site heeft fouten: je ziet de laatste goede versie",
        (Language::En, Built::No) => "The site has errors and cannot be shown yet",
        (Language::En, _) => "The site has errors: this is the last good version",
    };
    let mut hint = match language {
        Language::Nl => "Herstel het bestand; deze pagina laadt dan vanzelf opnieuw.",
        Language::En => "Fix the file; this page then reloads by itself.",
    }
    .to_string();
    if built == Built::SearchOlder {
        hint.push_str(match language {
            Language::Nl => " Zoeken doorzoekt nog een eerdere versie.",
            Language::En => " Search still searches an earlier version.",
        });
    }
    let mut items = String::new();
    for error in errors {
        let place = match error.line {
            Some(line) => format!("{}:{line}", error.file.display()),
            None => error.file.display().to_string(),
        };
        items.push_str(&format!(
            "<li><code>{}</code>: {}</li>",
            escape(&place.replace('\\', "/")),
            escape(error.message.text(language))
        ));
    }
    format!(
        "<div id=\"kennisbank-fouten\" role=\"alert\" lang=\"{}\" style=\"position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-top:6px solid #b00020;box-shadow:0 -2px 8px rgba(0,0,0,.3);font:16px/1.5 system-ui,sans-serif;text-align:left\">\
<h2 style=\"margin:0 0 .5rem;font-size:1.25rem;color:#8a0016\">{heading}</h2>\
<ul style=\"margin:0 0 .5rem;padding-left:1.25rem\">{items}</ul>\
<p style=\"margin:0\">{hint}</p></div>\n",
        language.code()
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}
