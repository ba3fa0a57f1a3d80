//! Facet pages cost what their own notes need (issue 12, fault 10): one note with N tags makes
//! N small pages, not N pages of N checkboxes each; past a limit the note is refused.

mod common;

use std::time::{Duration, Instant};

use kennisbank::output_path::MAX_VALUES_PER_FACET;

fn note_with_tags(n: usize) -> tempfile::TempDir {
    let tags: Vec<String> = (0..n).map(|i| format!("trefwoord {i}")).collect();
    common::site(&[
        ("content/_index.md", "---\ntitle: Veel\n---\nWelkom.\n"),
        (
            "content/veel.md",
            &format!(
                "---\ntitle: Veel trefwoorden\ntags: [{}]\n---\nTekst.\n",
                tags.join(", ")
            ),
        ),
        (
            "content/ander.md",
            "---\ntitle: Ander\ntags: [trefwoord 1]\n---\nTekst.\n",
        ),
    ])
}

#[test]
fn a_note_with_a_thousand_tags_makes_output_linear_in_its_tags() {
    let site = note_with_tags(MAX_VALUES_PER_FACET);
    let out = common::build(site.path(), &Default::default());
    let total: usize = out.0.values().map(Vec::len).sum();
    let tag_pages: Vec<usize> = out
        .0
        .iter()
        .filter(|(path, _)| path.starts_with("trefwoorden/trefwoord-"))
        .map(|(_, bytes)| bytes.len())
        .collect();
    assert_eq!(tag_pages.len(), MAX_VALUES_PER_FACET);
    // Before: every tag page carried all 1,000 checkboxes (about 150 KB each, 154 MB). Now
    // only the page of the value both notes share has them.
    let large = tag_pages.iter().filter(|&&len| len > 20_000).count();
    assert_eq!(large, 1, "tag pages over 20 KB");
    assert!(total < 40_000_000, "the site is {total} bytes");
    // The page of the value both notes share offers the one value that narrows it.
    let shared = common::page(&out, "trefwoorden/trefwoord-1/index.html");
    let boxes = scraper::Selector::parse("fieldset[data-facet=tags] input").unwrap();
    assert_eq!(shared.select(&boxes).count(), MAX_VALUES_PER_FACET - 1);
}

#[test]
fn a_note_with_a_hundred_thousand_tags_is_refused_quickly_at_its_line() {
    let site = note_with_tags(100_000);
    let started = Instant::now();
    let errors = common::build_errors(site.path());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(errors.len(), 1, "{}", common::list(&errors));
    assert!(
        common::shown(&errors[0])
            .starts_with("content/veel.md:3: fout: `tags` heeft 100000 waarden"),
        "{}",
        common::list(&errors)
    );
}
