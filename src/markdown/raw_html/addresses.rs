//! Addresses in raw HTML: which attributes hold one, which must go (they run code), and what
//! an image from another website becomes (a link: pages load nothing from third parties).

use crate::url_safety::unsafe_scheme;

/// Attributes that hold an address (or, `srcset` and `ping`, a list of them).
pub(super) const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "background",
    "cite",
    "data",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "icon",
    // SVG animation sets another attribute (`attributeName="href"`) to these.
    "to",
    "from",
    "by",
    "values",
];

/// Why an address attribute must go, or `None`. `srcset` and `ping` hold lists; SVG
/// animation `values` a `;`-separated one.
pub(super) fn unsafe_address(
    element: &str,
    attr: &str,
    value: &str,
) -> Option<crate::message::Message> {
    let is_image = matches!(
        (element, attr),
        ("img", "src" | "srcset" | "lowsrc" | "dynsrc")
            | ("source", "srcset")
            | ("input", "src")
            | ("image", "href" | "xlink:href")
            | (_, "poster")
    );
    let parts: Vec<&str> = match attr {
        "srcset" | "imagesrcset" => value
            .split(',')
            .map(|candidate| candidate.split_whitespace().next().unwrap_or(""))
            .collect(),
        "ping" => value.split_whitespace().collect(),
        "values" => value.split(';').collect(),
        _ => vec![value],
    };
    parts
        .into_iter()
        .find_map(|url| unsafe_scheme(url, is_image))
}

/// The first address on another website in a `srcset` or `poster`, if any.
pub(super) fn external_image_candidate(attr: &str, value: &str) -> Option<String> {
    let candidates: Vec<&str> = match attr {
        "srcset" | "imagesrcset" => value
            .split(',')
            .filter_map(|candidate| candidate.split_whitespace().next())
            .collect(),
        "poster" => vec![value.trim()],
        _ => return None,
    };
    candidates
        .into_iter()
        .find(|url| is_external(url))
        .map(str::to_string)
}

/// An address on another website (`https://…`, `//…`): browsers would load it from there.
pub(crate) fn is_external(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// What an image from another website becomes: a link to it with its alt text (or only the
/// text inside another link), since the page itself must not load it.
pub(crate) fn external_image(src: &str, alt: &str, inside_link: bool) -> String {
    let alt = super::super::escape_html(alt);
    if inside_link {
        return alt;
    }
    format!(
        "<a class=\"external-image\" href=\"{}\">{alt}</a>",
        super::super::escape_html(src)
    )
}
