//! Addresses that run code when followed (`javascript:`, `vbscript:`, `data:` other than an
//! image) never become a link, in front matter or in a body: a knowledge base with content
//! from many hands must not carry a script behind a "Website" button.

use crate::config::Config;
use crate::diagnostic::Level;
use crate::message;
use crate::message::Message;

/// How an unsafe address is reported. Every such address is dropped from the output either
/// way; at `Error` the build also stops.
///
/// Lenient by default (a vault builds as it is, the link is dropped with a warning); a site
/// with `strict: true` stops on it.
pub fn unsafe_url_level(config: &Config) -> Level {
    if config.strict {
        Level::Error
    } else {
        Level::Warning
    }
}

/// Why `url` must not be a link target (`is_image`: the `src` of an image), or `None`.
pub fn unsafe_scheme(url: &str, is_image: bool) -> Option<Message> {
    // Browsers ignore leading spaces and controls, and tabs and newlines inside a scheme
    // (`java\tscript:`), and compare it without case.
    let squeezed: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = squeezed.split_once(':')?.0;
    match scheme {
        "javascript" | "vbscript" => Some(message!(
            "adressen met `{scheme}:` voeren code uit",
            "`{scheme}:` addresses run code"
        )),
        "data" if is_image && squeezed.starts_with("data:image/") => None,
        "data" => Some(message!(
            "adressen met `data:` mogen alleen voor afbeeldingen",
            "`data:` addresses are allowed only for images"
        )),
        _ => None,
    }
}

/// Why a front matter address (a project's `website`, a publication's `url`) is not a web
/// address readers can open, or `None`.
pub fn not_a_web_address(url: &str) -> Option<Message> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => None,
        _ => Some(message!(
            "`{url}` is geen webadres: schrijf het helemaal uit, te beginnen met https://",
            "`{url}` is not a web address: write it in full, starting with https://"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_addresses_are_unsafe_in_any_spelling() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "vbscript:msgbox",
            "data:text/html,<script>x</script>",
        ] {
            assert!(unsafe_scheme(url, false).is_some(), "{url:?}");
        }
        assert!(unsafe_scheme("data:image/png;base64,AAAA", true).is_none());
        assert!(unsafe_scheme("data:image/png;base64,AAAA", false).is_some());
        assert!(unsafe_scheme("data:text/html,x", true).is_some());
        for url in [
            "https://a.nl/",
            "mailto:a@b.nl",
            "../x.md",
            "#kop",
            "tel:+31",
        ] {
            assert!(unsafe_scheme(url, false).is_none(), "{url}");
        }
    }

    #[test]
    fn front_matter_addresses_must_be_http() {
        assert!(not_a_web_address("https://www.movisie.nl/x").is_none());
        assert!(not_a_web_address("HTTP://a.nl").is_none());
        for url in [
            "javascript:alert(3)",
            "www.a.nl",
            "ftp://a.nl",
            "https://",
            "https:///x",
        ] {
            assert!(not_a_web_address(url).is_some(), "{url}");
        }
    }
}
