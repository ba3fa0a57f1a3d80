//! Every message has a Dutch and an English text of its own: sites with many kinds of mistake
//! are checked, and each message is rendered in both languages. The type makes both texts
//! exist; this finds one language's words pasted into the other's slot.

mod common;

use std::path::{Path, PathBuf};

use kennisbank::check::{self, CheckRequest, report};
use kennisbank::diagnostic::Diagnostic;
use kennisbank::language::Language;
use kennisbank::site::SiteOptions;

fn check(root: &Path) -> check::CheckReport {
    check::run(&CheckRequest {
        root: root.to_path_buf(),
        site: SiteOptions::default(),
        external: None,
    })
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// A site with one of most mistakes a build or check reports.
const MISTAKES: &[(&str, &str)] = &[
    (
        "kennisbank.yaml",
        "strict: true\nlogo: ../logo.svg\nmenu: [nergens]\nkinds:\n  boeken: boek\n",
    ),
    ("content/yaml.md", "---\ntitle: A\ntags: [open\n---\n"),
    ("content/open.md", "---\ntitle: A\n\nTekst\n"),
    ("content/leeg.md", ""),
    ("content/zonder-titel.md", "---\nsummary: x\n---\n"),
    (
        "content/soort.md",
        "---\ntitle: Soort\nkind: boek\nauteur: X\ndate: 31-12-2025\nyear: veel\ndraft: ja\n---\n",
    ),
    (
        "content/lexicon/ander.md",
        "---\ntitle: Ander\npublisher: Movisie\n---\n",
    ),
    ("content/publicaties/p.md", "---\ntitle: P\n---\n"),
    (
        "content/projecten/w.md",
        "---\ntitle: W\nwebsite: www.a.nl\n---\n",
    ),
    (
        "content/links.md",
        "---\ntitle: Links\n---\n[[Bestaat niet]] [[Klad]] [[Kop#Geen]] [x](javascript:alert(1)) \
         [weg](../nergens.md) ![Foto](foto.jpg) [o](obsidian://open?vault=x) ![[Kring]]\n",
    ),
    ("content/klad.md", "---\ntitle: Klad\ndraft: true\n---\n"),
    ("content/kop.md", "---\ntitle: Kop\n---\n## Kop\n"),
    ("content/kring.md", "---\ntitle: Kring\n---\n![[Kring]]\n"),
    ("content/a.md", "---\ntitle: Dubbel\n---\n"),
    ("content/b.md", "---\ntitle: B\nslug: a\n---\n"),
    (
        "content/x.base",
        "filters:\n  xor: [a]\nviews:\n  - type: kanban\n    limit: veel\n",
    ),
    ("content/y.canvas", "{\"nodes\": [}"),
];

fn all_diagnostics() -> Vec<Diagnostic> {
    let site = common::site(MISTAKES);
    let mut all: Vec<Diagnostic> = check(site.path())
        .findings
        .into_iter()
        .map(|f| f.diagnostic)
        .collect();
    for name in ["planted", "readability"] {
        all.extend(
            check(&fixture(name))
                .findings
                .into_iter()
                .map(|f| f.diagnostic),
        );
    }
    let broken_config = common::site(&[(
        "kennisbank.yaml",
        "thema: x
feed_limit: veel
",
    )]);
    all.extend(
        check(broken_config.path())
            .findings
            .into_iter()
            .map(|f| f.diagnostic),
    );
    all
}

/// The words of a message, without what it quotes (names, keys, the writer's own words) and
/// without the YAML library's own (English) explanation after `ongeldige YAML:`.
fn own_words(text: &str) -> Vec<String> {
    let mut out = String::new();
    let mut quoted = None;
    for c in text.chars() {
        match (quoted, c) {
            (None, '`' | '“' | '[' | '(') => quoted = Some(c),
            (Some('`'), '`') | (Some('“'), '”') | (Some('['), ']') | (Some('('), ')') => {
                quoted = None
            }
            (None, c) => out.push(c),
            _ => {}
        }
    }
    let out = out.split("ongeldige YAML:").next().unwrap_or_default();
    out.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

const ENGLISH: &[&str] = &[
    "the", "must", "cannot", "unknown", "missing", "should", "which", "with", "has", "only",
];
const DUTCH: &[&str] = &[
    "de",
    "het",
    "niet",
    "een",
    "moet",
    "geen",
    "onbekende",
    "heeft",
    "alleen",
    "naar",
];

#[test]
fn every_message_has_its_own_dutch_and_english_text() {
    let all = all_diagnostics();
    assert!(all.len() > 40, "{}", common::list(&all));
    for d in &all {
        let (nl, en) = (d.message.nl(), d.message.en());
        assert!(!nl.trim().is_empty() && !en.trim().is_empty(), "{d:?}");
        assert_ne!(nl, en, "one text for both languages: {d:?}");
        let english_in_dutch: Vec<_> = own_words(nl)
            .into_iter()
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .collect();
        assert!(
            english_in_dutch.is_empty(),
            "English {english_in_dutch:?} in the Dutch text: {nl}"
        );
        let dutch_in_english: Vec<_> = own_words(en)
            .into_iter()
            .filter(|w| DUTCH.contains(&w.as_str()))
            .collect();
        assert!(
            dutch_in_english.is_empty(),
            "Dutch {dutch_in_english:?} in the English text: {en}"
        );
        for language in Language::ALL {
            let line = d.display(language).to_string();
            assert!(line.contains(d.message.text(language)), "{line}");
        }
    }
}

#[test]
fn an_english_site_is_told_in_english() {
    let mut files = MISTAKES.to_vec();
    files[0] = (
        "kennisbank.yaml",
        "language: en\nstrict: true\nfeed_limit: veel\n",
    );
    let site = common::site(&files);
    let text = report::text(&check(site.path()));
    assert!(
        text.contains("content/links.md:4: warning: unresolved link [[Bestaat niet]]"),
        "{text}"
    );
    assert!(
        text.contains("kennisbank.yaml:3: error: invalid setting `feed_limit`"),
        "{text}"
    );
    assert!(!text.contains(": fout:"), "{text}");
    let summary = text.lines().last().unwrap();
    assert!(
        summary.contains(" errors, ") && summary.ends_with(" notes"),
        "{summary}"
    );
}
