//! Wide tables scroll inside their own region, never the page (WCAG 1.4.10 reflow): each
//! `<table>` of a note's HTML is wrapped in a labelled, focusable region, so keyboard users
//! can scroll it too (WCAG 2.1.1) and screen readers name it.

use crate::config::Language;

pub fn wrap_tables(html: String, language: Language) -> String {
    if !html.contains("<table") {
        return html;
    }
    let word = match language {
        Language::Nl => "Tabel",
        Language::En => "Table",
    };
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html.as_str();
    let mut n = 0;
    while let Some(start) = rest.find("<table") {
        let Some(len) = rest[start..].find("</table>") else {
            break;
        };
        let end = start + len + "</table>".len();
        n += 1;
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{word} {n}\">"
        ));
        out.push_str(&rest[start..end]);
        out.push_str("</div>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_gets_its_numbered_region() {
        let html = "<p>a</p><table><tr><td>1</td></tr></table><table></table>";
        let out = wrap_tables(html.to_string(), Language::Nl);
        assert_eq!(
            out,
            "<p>a</p><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabel 1\"><table><tr><td>1</td></tr></table></div><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tabel 2\"><table></table></div>"
        );
        assert_eq!(
            wrap_tables("<p>x</p>".to_string(), Language::En),
            "<p>x</p>"
        );
    }
}
