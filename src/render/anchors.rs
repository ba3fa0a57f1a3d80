//! A link to each heading of a note's text (`#`, shown on hover and focus), so a reader can
//! copy the address of a passage. Added to the rendered HTML: headings already carry ids.

use crate::config::Language;

pub fn heading_anchors(html: &str, language: Language) -> String {
    let label = match language {
        Language::Nl => "Link naar dit kopje",
        Language::En => "Link to this heading",
    };
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(start) = find_heading(rest) {
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
    }
    out.push_str(rest);
    out
}

/// The next `<h2`, `<h3` or `<h4` (the levels a table of contents lists).
fn find_heading(s: &str) -> Option<usize> {
    ["<h2", "<h3", "<h4"]
        .iter()
        .filter_map(|tag| {
            s.match_indices(tag)
                .find(|(i, _)| matches!(s.as_bytes().get(i + 3), Some(b' ' | b'>')))
                .map(|(i, _)| i)
        })
        .min()
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
            heading_anchors(html, Language::Nl),
            "<h2 id=\"twee\">Twee<a class=\"heading-anchor\" href=\"#twee\" aria-label=\"Link naar dit kopje\">#</a></h2><p>x</p><h3>Zonder id</h3><h5 id=\"v\">V</h5>"
        );
    }
}
