//! A vault note often starts with `# Title`, the same as the title the page already shows in
//! its own `<h1>`. Shown twice, it reads as a stutter and gives the page two `<h1>`s, so that
//! first heading is left out of the body (and the table of contents). Its id stays, on an
//! empty element where it stood, so `[[note#Title]]` links still land.

use crate::markdown::Heading;
use crate::note::Note;
use crate::slug::fold;

/// The note's first heading when it opens the body, is an `<h1>` and says the title.
pub fn repeated_title(note: &Note) -> Option<&Heading> {
    let first = note.body.headings.first()?;
    let says_title = first.level == 1 && fold(first.text.trim()) == fold(note.title.trim());
    // Only then is the (packed) body looked at.
    let opens_body = || {
        let html = note.body.html();
        html.get(..first.html_start)
            .is_some_and(|before| before.trim().is_empty())
    };
    (says_title && opens_body()).then_some(first)
}

/// `html` (the note's filled body) without its opening `<h1>`, which `heading` says repeats
/// the title; its id kept on an empty `<span>`.
pub fn drop_repeated_title(html: String, heading: &Heading) -> String {
    let start = html.len() - html.trim_start().len();
    let Some(end) = html[start..]
        .starts_with("<h1")
        .then(|| html[start..].find("</h1>"))
        .flatten()
    else {
        return html;
    };
    let end = start + end + "</h1>".len();
    let rest = html[end..].strip_prefix('\n').unwrap_or(&html[end..]);
    format!("<span id=\"{}\"></span>\n{rest}", heading.id)
}
