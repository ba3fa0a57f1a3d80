//! `kennisbank new` and `kennisbank init`: what an editor runs to start writing.

mod common;

use common::{build, kennisbank, page, texts};

#[test]
fn init_creates_a_site_that_builds_at_once_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let first = kennisbank(&["init", site.to_str().unwrap()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = build(&site, &Default::default());
    for kind_page in [
        "definities/sociale-basis/",
        "lexicon/nabijheid/",
        "projecten/buurtbus/",
        "publicaties/sterke-sociale-basis/",
        "leeslijsten/meer-lezen/",
    ] {
        assert!(
            out.get(&format!("{kind_page}index.html")).is_some(),
            "{kind_page}"
        );
    }
    let home = page(&out, "index.html");
    assert_eq!(texts(&home, "h1"), ["Mijn kennisbank"]);

    std::fs::write(site.join("content/_index.md"), "mijn eigen tekst").unwrap();
    let second = kennisbank(&["init", site.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("bestaat al"));
    assert_eq!(
        std::fs::read_to_string(site.join("content/_index.md")).unwrap(),
        "mijn eigen tekst"
    );
}

#[test]
fn new_writes_each_kind_in_its_folder_with_its_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    std::fs::create_dir_all(dir.path().join("content/voorbeelden")).unwrap();
    let cases = [
        (
            "definition",
            "Collectief, tenzij",
            "content/definities/collectief-tenzij.md",
            "kind: definition",
        ),
        (
            "lexicon",
            "Nabijheid",
            "content/lexicon/nabijheid.md",
            "kind: lexicon",
        ),
        (
            "project",
            "Golden Sports",
            "content/voorbeelden/golden-sports.md",
            "organisation: \"\"",
        ),
        (
            "publication",
            "Lexicon \"Nabijheid\"",
            "content/publicaties/lexicon-nabijheid.md",
            "url: \"\"",
        ),
        (
            "reading-list",
            "Meer lezen",
            "content/leeslijsten/meer-lezen.md",
            "kind: reading-list",
        ),
        ("note", "Één ouder", "content/een-ouder.md", "kind: note"),
    ];
    for (kind, title, path, line) in cases {
        let result = kennisbank(&["new", kind, title, "--root", root]);
        assert!(
            result.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let printed = String::from_utf8_lossy(&result.stdout).trim().to_string();
        assert!(printed.ends_with(path), "{kind}: printed {printed}");
        let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
        assert!(text.contains(line), "{kind}: {text}");
        assert!(text.contains("draft: true"), "{kind}");
    }
    // Every new note parses: the site builds with drafts included (publications then need a URL).
    let (_, warnings) = kennisbank::pipeline::build_in_memory(dir.path(), &Default::default())
        .expect("drafts are left out");
    // `init` cannot know where the site will be published: that is the only warning.
    assert!(
        warnings
            .iter()
            .all(|w| w.message.nl().starts_with("base_url")),
        "{warnings:?}"
    );
    let note = std::fs::read_to_string(dir.path().join("content/publicaties/lexicon-nabijheid.md"))
        .unwrap();
    assert!(
        note.starts_with("---\ntitle: \"Lexicon \\\"Nabijheid\\\"\"\n"),
        "{note}"
    );
}

#[test]
fn new_refuses_to_overwrite_and_rejects_unknown_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    assert!(
        kennisbank(&["new", "lexicon", "Buurt", "--root", root])
            .status
            .success()
    );
    std::fs::write(dir.path().join("content/lexicon/buurt.md"), "bewerkt").unwrap();
    let again = kennisbank(&["new", "lexicon", "Buurt", "--root", root]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("bestaat al"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/lexicon/buurt.md")).unwrap(),
        "bewerkt"
    );
    let unknown = kennisbank(&["new", "artikel", "X", "--root", root]);
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("choose one of: definition, lexicon")
    );
}
