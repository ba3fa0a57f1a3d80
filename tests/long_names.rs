//! Names too long for a file system are errors at the note, before anything is written
//! (issue 12, fault 6).

mod common;

use kennisbank::pipeline::{BuildRequest, DiskBuildFailed, build_to_disk};
use kennisbank::site::SiteOptions;

#[test]
fn a_long_slug_tag_or_file_name_is_an_error_at_its_line_and_nothing_is_written() {
    let slug = "s".repeat(300);
    let tag = "trefwoord ".repeat(36);
    let cjk: String = "社会基础知识库".chars().cycle().take(80).collect();
    let site = common::site(&[
        (
            "kennisbank.yaml",
            "title: Lang\nbase_url: https://kb.example.nl/\n",
        ),
        ("content/_index.md", "---\ntitle: Lang\n---\nWelkom.\n"),
        (
            "content/slug.md",
            &format!("---\ntitle: Lange slug\nslug: {slug}\n---\nTekst.\n"),
        ),
        (
            "content/tag.md",
            &format!("---\ntitle: Lange tag\ntags: [kort, {tag}]\n---\nTekst.\n"),
        ),
        (
            &format!("content/{cjk}.md"),
            "---\ntitle: Lange naam\n---\nTekst.\n",
        ),
        ("content/gewoon.md", "---\ntitle: Gewoon\n---\nTekst.\n"),
    ]);
    let errors = common::build_errors(site.path());
    let shown: Vec<String> = errors.iter().map(common::shown).collect();
    let has = |prefix: &str| {
        shown
            .iter()
            .any(|d| d.starts_with(prefix) && d.contains("255"))
    };
    assert!(has("content/slug.md:3: fout:"), "{shown:#?}");
    assert!(has("content/tag.md:3: fout:"), "{shown:#?}");
    assert!(has(&format!("content/{cjk}.md: fout:")), "{shown:#?}");
    assert_eq!(errors.len(), 3, "{shown:#?}");

    let out = site.path().join("public");
    let failed = build_to_disk(&BuildRequest {
        root: site.path().to_path_buf(),
        output: out.clone(),
        site: SiteOptions::default(),
    });
    assert!(matches!(failed, Err(DiskBuildFailed::Unchanged(_))));
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn a_deep_folder_tree_is_refused_past_the_overall_limit() {
    let deep = vec!["een-heel-lange-mapnaam-voor-de-test"; 30].join("/");
    let site = common::site(&[
        ("content/_index.md", "---\ntitle: Diep\n---\nWelkom.\n"),
        (
            &format!("content/{deep}/x.md"),
            "---\ntitle: Diep\n---\nTekst.\n",
        ),
    ]);
    let errors = common::build_errors(site.path());
    assert!(
        errors.iter().any(|d| d.message.nl().contains("1024")),
        "{}",
        common::list(&errors)
    );
}
