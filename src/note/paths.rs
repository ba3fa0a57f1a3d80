//! Where a note goes in the output: its URL and section from its path (or `slug`), its
//! section title from its folder, and the check that these fit in a file name.

use std::path::Path;

use crate::message;
use crate::slug::slugify;

use super::fields::Fields;

/// `content/Voor gemeenten/Golden Sports.md` → (`voor-gemeenten/golden-sports/`, `voor-gemeenten/`, `Golden Sports`).
pub(super) fn url_of(
    path: &Path,
    slug: Option<&str>,
    is_section_index: bool,
) -> (String, String, String) {
    let rel = path.strip_prefix("content").unwrap_or(path);
    let folder = rel.parent().unwrap_or(Path::new(""));
    let mut section = String::new();
    for part in folder.components() {
        section.push_str(&slugify(&part.as_os_str().to_string_lossy()));
        section.push('/');
    }
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_section_index {
        return (section.clone(), section, stem);
    }
    let leaf = slugify(slug.unwrap_or(&stem));
    (format!("{section}{leaf}/"), section, stem)
}

/// A URL or facet value too long to be a file name is an error here, at its line, rather than
/// a failed write later (`output_path`).
pub(super) fn check_output_names(
    fields: &mut Fields<'_, '_>,
    url_path: &str,
    from_slug: bool,
    facets: &[(String, Vec<String>)],
) -> bool {
    if let Some(problem) = crate::output_path::problem(&format!("{url_path}index.html")) {
        match from_slug {
            true => fields.error("slug", problem),
            false => fields.error_at(None, problem),
        }
    }
    for (key, values) in facets {
        if values.len() > crate::output_path::MAX_VALUES_PER_FACET {
            fields.error(
                key,
                message!(
                    "`{key}` heeft {} waarden; een notitie mag er hoogstens {} hebben, want elke waarde wordt een pagina",
                    "`{key}` has {} values; a note may have at most {}, each becomes a page",
                    values.len(),
                    crate::output_path::MAX_VALUES_PER_FACET
                ),
            );
            continue;
        }
        for value in values {
            if let Some(problem) = crate::output_path::problem(&slugify(value)) {
                let prefix = format!("`{key}`: {{}}");
                fields.error(key, problem.within(&prefix, &prefix));
            }
        }
    }
    fields.ok
}

pub(super) fn section_title(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .map(|n| {
            crate::text_safety::without_forbidden(&n.to_string_lossy()).replace(['-', '_'], " ")
        })
        .map(|t| {
            let mut c = t.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .unwrap_or_default()
}
