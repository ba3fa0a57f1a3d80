//! Control characters never reach the output, and every XML file parses (issue 12, fault 11).

mod common;

use kennisbank::site::SiteOptions;
use kennisbank::text_safety::is_forbidden;

#[test]
fn control_characters_are_removed_everywhere_with_a_warning_at_their_line() {
    let site = common::site(&[
        (
            "kennisbank.yaml",
            "title: \"Kennis\\ebank\"\nbase_url: https://kb.example.nl/\n",
        ),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        (
            "content/vies.md",
            "---\ntitle: \"Rood\u{1b}[31m & <b> ]]> \u{0}einde\"\nsummary: \"Kort\u{7}\"\ndate: 2025-01-02\ntags: [\"a\u{8}b\"]\n---\nTekst\u{1b} met\u{0} stuurtekens\u{85}.\n",
        ),
    ]);
    let (output, warnings) =
        kennisbank::pipeline::build_in_memory(site.path(), &SiteOptions::default()).unwrap();
    for (path, bytes) in &output.0 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            let bad: Vec<char> = text.chars().filter(|c| is_forbidden(*c)).collect();
            assert!(bad.is_empty(), "{path} holds {bad:?}");
        }
    }
    for path in ["atom.xml", "sitemap.xml"] {
        let text = output.text(path).unwrap();
        roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
    }
    let atom = output.text("atom.xml").unwrap();
    let feed = roxmltree::Document::parse(atom).unwrap();
    let entry_title = feed
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .and_then(|e| e.children().find(|n| n.has_tag_name("title")))
        .and_then(|t| t.text())
        .unwrap();
    assert_eq!(entry_title, "Rood[31m & <b> ]]> einde");
    let shown: Vec<String> = warnings.iter().map(common::shown).collect();
    for at in [
        "content/vies.md:2:",
        "content/vies.md:3:",
        "content/vies.md:5:",
        "content/vies.md:7:",
    ] {
        assert!(
            shown
                .iter()
                .any(|w| w.starts_with(at) && w.contains("onzichtbare stuurteken")),
            "{at}: {shown:#?}"
        );
    }
}
