//! A site stays inside its folder (issue 12, faults 7 and 13): links that lead out of the
//! site are skipped with a warning, in `build` and in `serve`; links within the site work;
//! `theme:` names a folder under `themes/`.
#![cfg(unix)]

mod common;
mod serve_support;

use std::os::unix::fs::symlink;
use std::path::Path;

use kennisbank::site::SiteOptions;

/// A site with a link to a file outside it, a link to a folder of notes outside it, and a
/// link to a note inside it.
fn site_with_links() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let outside = dir.path().join("buiten");
    common::write(&outside, "geheim.txt", b"root:x:0:0");
    common::write(
        &outside,
        "notities/geheim.md",
        b"---\ntitle: Geheim\n---\nNiet publiceren.\n",
    );
    common::write(
        &site,
        "content/_index.md",
        b"---\ntitle: Grens\n---\nWelkom.\n",
    );
    common::write(
        &site,
        "gedeeld/gedeeld.md",
        b"---\ntitle: Gedeeld\n---\nOok hier.\n",
    );
    symlink(outside.join("geheim.txt"), site.join("content/passwd.txt")).unwrap();
    symlink(outside.join("notities"), site.join("content/buiten")).unwrap();
    symlink(
        site.join("gedeeld/gedeeld.md"),
        site.join("content/gedeeld.md"),
    )
    .unwrap();
    dir
}

#[test]
fn links_out_of_the_site_are_not_published_and_each_is_named() {
    let dir = site_with_links();
    let site = dir.path().join("site");
    let (output, warnings) =
        kennisbank::pipeline::build_in_memory(&site, &SiteOptions::default()).unwrap();
    assert!(
        output.get("passwd.txt").is_none(),
        "a file outside the site was published"
    );
    assert!(output.get("buiten/geheim/index.html").is_none());
    assert!(
        !output
            .0
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Niet publiceren")),
        "a note outside the site leaked"
    );
    assert!(
        output.get("gedeeld/index.html").is_some(),
        "a link inside the site works"
    );
    let shown: Vec<String> = warnings.iter().map(common::shown).collect();
    for name in ["content/passwd.txt", "content/buiten"] {
        assert!(
            shown
                .iter()
                .any(|w| w.starts_with(&format!("{name}: waarschuwing:")) && w.contains("buiten")),
            "{name}: {shown:#?}"
        );
    }
}

/// The same in an Obsidian vault (no `content/`), whose walk was its own and followed every
/// link: `/etc/passwd` beside a note was published.
#[test]
fn a_vault_does_not_publish_links_out_of_it_either() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("kluis");
    let outside = dir.path().join("buiten");
    common::write(&outside, "geheim.txt", b"root:x:0:0");
    common::write(&outside, "notities/Geheim.md", b"Niet publiceren.\n");
    common::write(&vault, "Start.md", b"Zie [het bestand](passwd.txt).\n");
    common::write(&vault, "gedeeld/Gedeeld.md", b"Ook hier.\n");
    symlink(outside.join("geheim.txt"), vault.join("passwd.txt")).unwrap();
    symlink(outside.join("notities"), vault.join("buiten")).unwrap();
    symlink(vault.join("gedeeld/Gedeeld.md"), vault.join("Kopie.md")).unwrap();
    let (output, warnings) =
        kennisbank::pipeline::build_in_memory(&vault, &SiteOptions::default()).unwrap();
    assert!(
        !output.0.values().any(|b| {
            let text = String::from_utf8_lossy(b);
            text.contains("root:x") || text.contains("Niet publiceren")
        }),
        "a file outside the vault was published: {:?}",
        output.0.keys().collect::<Vec<_>>()
    );
    assert!(
        output.get("kopie/index.html").is_some(),
        "a link inside works"
    );
    let shown: Vec<String> = warnings.iter().map(common::shown).collect();
    for name in ["passwd.txt", "buiten"] {
        assert!(
            shown
                .iter()
                .any(|w| w.starts_with(&format!("{name}: waarschuwing:")) && w.contains("buiten")),
            "{name}: {shown:#?}"
        );
    }
}

#[test]
fn serve_does_not_serve_links_out_of_the_site_even_when_added_later() {
    let dir = site_with_links();
    let site = dir.path().join("site");
    let server = serve_support::serve(&site);
    let base = server.url().to_string();
    assert_eq!(serve_support::get(&base, "/passwd.txt").status, 404);
    assert_eq!(serve_support::get(&base, "/buiten/geheim/").status, 404);
    assert_eq!(serve_support::get(&base, "/gedeeld/").status, 200);
    // Added while serving: a link out, and a note to know the change was seen.
    symlink(
        dir.path().join("buiten/geheim.txt"),
        site.join("content/later.txt"),
    )
    .unwrap();
    common::write(
        &site,
        "content/later.md",
        b"---\ntitle: Later\n---\nNieuw.\n",
    );
    serve_support::wait_for("the new note", || {
        serve_support::get(&base, "/later/").status == 200
    });
    assert_eq!(serve_support::get(&base, "/later.txt").status, 404);
}

#[test]
fn a_theme_outside_themes_is_an_error_at_its_line() {
    for theme in ["/etc", "../buiten", "a/b"] {
        let site = common::site(&[
            (
                "kennisbank.yaml",
                &format!("title: Thema\ntheme: {theme}\n"),
            ),
            ("content/_index.md", "---\ntitle: Thema\n---\nWelkom.\n"),
        ]);
        let errors = common::build_errors(site.path());
        assert!(
            errors
                .iter()
                .any(|d| common::shown(d).starts_with("kennisbank.yaml:2: fout:")
                    && d.message.nl().contains("themes/")),
            "{theme}: {}",
            common::list(&errors)
        );
        assert!(Path::new(site.path()).exists());
    }
}
