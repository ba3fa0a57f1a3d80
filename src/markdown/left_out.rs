//! What a parsed body left out (links and images whose address runs code, the note's own HTML
//! that runs code or that the site's security policy blocks) and the images it shows only as
//! links (from other websites), as messages for the editor. Notes and canvas text nodes say
//! the same, so the words live here once.

use std::path::Path;

use super::ParsedBody;
use crate::diagnostic::{Diagnostic, Level};
use crate::message;
use crate::message::Message;

/// The messages for `body`, read from `path`. `level` is for what runs code
/// (`url_safety::unsafe_url_level`); `at` turns a body line into the file's line.
pub fn left_out(
    body: &ParsedBody,
    path: &Path,
    level: Level,
    at: &dyn Fn(usize) -> Option<usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut push = |level: Level, line: usize, message: Message| {
        out.push(Diagnostic {
            level,
            ..Diagnostic::error(path, at(line), message)
        });
    };
    for (line, problem) in &body.unsafe_links {
        push(
            level,
            *line,
            problem.within("link weggelaten: {}", "link left out: {}"),
        );
    }
    for (line, problem) in &body.raw_html.runs_code {
        push(
            level,
            *line,
            problem.within("HTML weggelaten: {}", "HTML left out: {}"),
        );
    }
    for (line, problem) in &body.raw_html.blocked {
        push(
            Level::Warning,
            *line,
            problem.within("HTML weggelaten: {}", "HTML left out: {}"),
        );
    }
    for (line, problem) in &body.raw_html.elsewhere {
        push(Level::Warning, *line, problem.clone());
    }
    for (line, url) in &body.external_images {
        push(
            Level::Warning,
            *line,
            message!(
                "de afbeelding `{url}` staat op een andere website, en pagina's laden niets van andere websites; de pagina toont er daarom een link naar; sla de afbeelding op in de kluis en voeg die in",
                "the image `{url}` is on another website, and pages load nothing from other websites, so the page does not show it (where it stood, a link to it does); save the image in the vault and embed that"
            ),
        );
    }
    out
}
