//! Inline `#tags` as links to their tag page, as Obsidian Publish and Quartz show them. Parse
//! leaves each tag as `<span class="tag">#name</span>` (a note parses alone); here, with the
//! site's facets known, it becomes `<a class="tag" href="…/trefwoorden/a/b/">#a/b</a>`, a
//! nested tag linking to its own level of the hierarchy. A site without a `tags` facet keeps
//! the span.

use super::context::Urls;
use crate::pages::Page;
use crate::site::Site;

const OPEN: &str = "<span class=\"tag\">#";
const CLOSE: &str = "</span>";

/// `html` with every inline tag linked to its tag page.
pub fn link_tags(site: &Site, html: String) -> String {
    if !html.contains(OPEN) {
        return html;
    }
    let Some(f) = site.facets.iter().position(|f| f.config.key == "tags") else {
        return html;
    };
    let facet = &site.facets[f];
    let urls = Urls { site };
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let name_end = after.find(CLOSE).filter(|&e| !after[..e].contains('<'));
        let term = name_end.and_then(|e| facet.term_of(&after[..e]));
        match (name_end, term) {
            (Some(e), Some(t)) => {
                out.push_str(&format!(
                    "<a class=\"tag\" href=\"{}\">#{}</a>",
                    urls.page(&Page::FacetTerm(f, t)),
                    &after[..e]
                ));
                rest = &after[e + CLOSE.len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
