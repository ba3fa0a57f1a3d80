//! A link to each heading of a note's text (`#`, shown on hover and focus), so a reader can
//! copy the address of a passage. Added to the rendered HTML: headings already carry ids.

use crate::config::Language;

pub fn heading_anchors(html: String, language: Language) -> String {
    let Some(first) = find_heading(&html) else {
        return html;
    };
    let label = match language {
        Language::Nl => "Link naar dit kopje",
        Language::En => "Link to this heading",
    };
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    let mut next = Some(first);
    while let Some(start) = next {
        let level = &rest[start + 2..start + 3];
        let close = format!("</h{level}>");
        let Some(open_end) = rest[start..].find('>').map(|e| start + e) else {
            break;
        };
        let Some(close_at) = rest[open_end..].find(&close).map(|e| open_end + e) else {
            break;
        };
        let id = attr(&rest[start..open_end], "id");
        out.push_str(&rest[..close_at]);
        if let Some(id) = id {
            out.push_str(&format!(
                "<a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"{label}\">#</a>"
            ));
        }
        out.push_str(&close);
        rest = &rest[close_at + close.len()..];
        next = find_heading(rest);
    }
    out.push_str(rest);
    out
}

/// The next `<h2`, `<h3` or `<h4` (the levels a table of contents lists), in one pass: looking
/// for each tag to the end of the text again after every heading made long notes quadratic.
fn find_heading(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    s.match_indices("<h").map(|(i, _)| i).find(|i| {
        matches!(bytes.get(i + 2), Some(b'2'..=b'4'))
            && matches!(bytes.get(i + 3), Some(b' ' | b'>'))
    })
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_ids_get_a_link_to_themselves() {
        let html = "<h2 id=\"twee\">Twee</h2><p>x</p><h3>Zonder id</h3><h5 id=\"v\">V</h5>";
        assert_eq!(
            heading_anchors(html.to_string(), Language::Nl),
            "<h2 id=\"twee\">Twee<a class=\"heading-anchor\" href=\"#twee\" aria-label=\"Link naar dit kopje\">#</a></h2><p>x</p><h3>Zonder id</h3><h5 id=\"v\">V</h5>"
        );
    }

    #[test]
    fn every_level_a_contents_list_shows_is_found_in_order() {
        let html = "<h4 id=\"a\">A</h4><hr><h1 id=\"x\">X</h1><h3 id=\"b\">B</h3><h2 id=\"c\">C</h2><h6>Z</h6>";
        let out = heading_anchors(html.to_string(), Language::En);
        let anchors: Vec<_> = out
            .match_indices("href=\"#")
            .map(|(i, _)| &out[i + 7..i + 8])
            .collect();
        assert_eq!(anchors, ["a", "b", "c"]);
        assert_eq!(find_heading("<header><h2x><h3>"), Some(13));
    }
}
