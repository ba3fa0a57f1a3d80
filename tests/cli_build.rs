//! `kennisbank build` as a user runs it: exit codes, messages, and output that a failed build
//! leaves exactly as it was.

mod common;

use std::path::Path;

use common::{kennisbank, site, write};

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let dir = site(&[
        ("kennisbank.yaml", "strict: true\n"),
        ("content/a.md", "---\ntitle: A\n---\nEerste versie.\n"),
    ]);
    let root = dir.path().to_str().unwrap();
    let ok = kennisbank(&["build", "--root", root]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let public = dir.path().join("public");
    let before = snapshot(&public);
    assert!(before.iter().any(|(p, _)| p == "a/index.html"));

    write(
        dir.path(),
        "content/a.md",
        b"---\ntitle: A\n---\nZie [[Weg]].\n",
    );
    write(dir.path(), "content/b.md", b"---\ntitle: [kapot\n---\n");
    let failed = kennisbank(&["build", "--root", root]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("content/a.md:4: fout: link [[Weg]] leidt nergens heen"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/b.md:3: fout: ongeldige YAML"),
        "{stderr}"
    );
    assert!(
        stderr.contains("de site is niet gebouwd: 2 fouten"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&public),
        before,
        "the previous output must be exactly as it was"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(".public")),
        "{leftovers:?}"
    );
}

#[test]
fn output_and_base_url_flags() {
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\n")]);
    let out = dir.path().join("elders");
    let result = kennisbank(&[
        "build",
        "--root",
        dir.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://intranet.example.nl/kb/",
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let html = std::fs::read_to_string(out.join("a/index.html")).unwrap();
    assert!(html.contains(r#"href="/kb/css/site.css?v="#));
}

#[test]
fn a_site_without_a_theme_uses_the_built_in_one() {
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\n")]);
    let result = kennisbank(&["build", "--root", dir.path().to_str().unwrap()]);
    assert!(result.status.success());
    assert!(dir.path().join("public/css/site.css").exists());
    assert!(dir.path().join("public/404.html").exists());
}

#[test]
fn missing_site_folder_is_a_clear_error() {
    let result = kennisbank(&["build", "--root", "/nonexistent/site"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&result.stderr)
            .contains("fout: de map /nonexistent/site bestaat niet")
    );
}

#[test]
fn help_explains_the_flags() {
    let result = kennisbank(&["build", "--help"]);
    let help = String::from_utf8_lossy(&result.stdout);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}
