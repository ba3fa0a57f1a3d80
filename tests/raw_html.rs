//! HTML written in notes is published without what runs code or what the site's security
//! policy blocks, and images from other websites become links (issue 12, faults 12 and the
//! gaps found after it). Pages are checked with a real HTML parser.

mod common;

use kennisbank::pipeline;
use kennisbank::site::SiteOptions;

const HOSTILE: &str = "---\ntitle: Notitie\n---\nTekst.\n\n<a href=\"javascript:alert(1)\">klik</a>\n\n<div onclick=\"x()\">\n<img src=\"javascript:y\" alt=\"plaatje\"\n     onerror=\"z()\">\n</div>\n\n<form action=\"javascript:f()\"><button formaction=\"vbscript:g\">Stuur</button></form>\n\n<video poster=\"javascript:p\"></video> <img srcset=\"a.png 1x, javascript:q 2x\"> <svg><a xlink:href=\"javascript:s\"><text>t</text></a></svg>\n\n<script>alert(2)</script>\n\nNa <span style=\"color:red\">rood</span>.\n";

fn hostile_site(config: &str) -> tempfile::TempDir {
    common::site(&[
        ("kennisbank.yaml", config),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        ("content/n.md", HOSTILE),
    ])
}

fn shown(diagnostics: &[kennisbank::diagnostic::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d.display(kennisbank::language::Language::En).to_string())
        .collect()
}

#[test]
fn html_that_runs_code_is_an_error_at_its_line_in_a_strict_site() {
    let site = hostile_site("title: T\nstrict: true\n");
    let errors = shown(&common::build_errors(site.path()));
    for at in [
        "content/n.md:6: error: HTML left out: `href=`",
        "content/n.md:8: error: HTML left out: `onclick=`",
        "content/n.md:10: error: HTML left out: `src=`",
        "content/n.md:10: error: HTML left out: `onerror=`",
        "content/n.md:13: error: HTML left out: `action=`",
        "content/n.md:13: error: HTML left out: `formaction=`",
        "content/n.md:15: error: HTML left out: `poster=`",
        "content/n.md:15: error: HTML left out: `srcset=`",
        "content/n.md:15: error: HTML left out: `xlink:href=`",
        "content/n.md:17: error: HTML left out: `<script>`",
    ] {
        assert!(
            errors.iter().any(|d| d.starts_with(at)),
            "{at}: {errors:#?}"
        );
    }
}

#[test]
fn a_lenient_build_leaves_it_out_with_a_warning_and_keeps_the_rest() {
    let site = hostile_site("title: T\n");
    let (out, warnings) = pipeline::build_in_memory(site.path(), &SiteOptions::default())
        .expect("a lenient build goes on");
    let warnings = shown(&warnings);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("content/n.md:6: warning: HTML left out: `href=`")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("content/n.md:19: warning: HTML left out: `style=`")),
        "{warnings:#?}"
    );
    let text = out.text("n/index.html").expect("the note is published");
    let lower = text.to_ascii_lowercase();
    for gone in [
        "javascript:",
        "vbscript:",
        "onclick",
        "onerror",
        "alert(2)",
        "style=",
    ] {
        assert!(!lower.contains(gone), "{gone} in {text}");
    }
    let page = common::page(&out, "n/index.html");
    assert_eq!(common::texts(&page, ".prose a"), ["klik", "t"]);
    assert_eq!(common::attrs(&page, ".prose img", "alt"), ["plaatje"]);
    assert_eq!(common::texts(&page, ".prose span"), ["rood"]);
    assert_eq!(common::texts(&page, ".prose button"), ["Stuur"]);
}

#[test]
fn an_unsafe_image_leaves_only_its_alt_text() {
    let site = common::site(&[
        ("kennisbank.yaml", "title: T\n"),
        (
            "content/n.md",
            "---\ntitle: N\n---\nZie ![het schema](javascript:alert(1)) hier.\n",
        ),
    ]);
    let (out, warnings) =
        pipeline::build_in_memory(site.path(), &SiteOptions::default()).expect("lenient");
    assert!(
        shown(&warnings)
            .iter()
            .any(|w| w.starts_with("content/n.md:4: warning: link left out")),
        "{warnings:?}"
    );
    let page = common::page(&out, "n/index.html");
    assert!(common::attrs(&page, ".prose img", "src").is_empty());
    assert_eq!(common::texts(&page, ".prose p"), ["Zie het schema hier."]);
}

#[test]
fn images_from_other_websites_are_reported_and_shown_as_links() {
    let site = common::site(&[
        ("kennisbank.yaml", "title: T\n"),
        (
            "content/n.md",
            "---\ntitle: N\n---\n![Een bus](https://example.org/bus.png)\n\n![[https://example.org/tram.jpg|Een tram]]\n\n<img src=\"https://example.org/fiets.png\" alt=\"Een fiets\">\n\n![Eigen](data:image/png;base64,AAAA)\n",
        ),
    ]);
    let (out, warnings) = pipeline::build_in_memory(site.path(), &SiteOptions::default())
        .expect("external images are warnings");
    let warnings = shown(&warnings);
    for (line, url) in [
        (4, "https://example.org/bus.png"),
        (6, "https://example.org/tram.jpg"),
        (8, "https://example.org/fiets.png"),
    ] {
        let at = format!("content/n.md:{line}: warning: the image `{url}` is on another website");
        assert!(
            warnings.iter().any(|w| w.starts_with(&at)),
            "{at}: {warnings:#?}"
        );
    }
    let about_images = warnings.iter().filter(|w| w.contains("another website"));
    assert_eq!(about_images.count(), 3, "{warnings:#?}");
    let page = common::page(&out, "n/index.html");
    // The site's policy (`img-src 'self' data:`) would block these: no page loads them.
    let sources = common::attrs(&page, "img", "src");
    assert!(
        sources.iter().all(|s| !s.contains("example.org")),
        "{sources:?}"
    );
    assert_eq!(
        common::links(&page, ".prose a.external-image"),
        [
            (
                "Een bus".to_string(),
                "https://example.org/bus.png".to_string()
            ),
            (
                "Een tram".to_string(),
                "https://example.org/tram.jpg".to_string()
            ),
            (
                "Een fiets".to_string(),
                "https://example.org/fiets.png".to_string()
            ),
        ]
    );
    assert_eq!(common::attrs(&page, ".prose img", "alt"), ["Eigen"]);
}
