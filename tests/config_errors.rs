//! Settings that collide are errors naming the setting, and every error names its file and
//! line as written (issue 12, faults 13 and 14).

mod common;

use std::process::Command;

fn shown(site: &tempfile::TempDir) -> Vec<String> {
    common::build_errors(site.path())
        .iter()
        .map(common::shown)
        .collect()
}

fn with_config(config: &str) -> tempfile::TempDir {
    common::site(&[
        ("kennisbank.yaml", config),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        (
            "content/projecten/p.md",
            "---\ntitle: P\ntags: [x]\n---\nTekst.\n",
        ),
    ])
}

#[test]
fn a_facet_without_a_path_does_not_replace_the_home_page() {
    let site = with_config("title: T\ntaxonomies:\n  - key: tags\n    path: \"\"\n");
    let errors = shown(&site);
    assert!(
        errors.iter().any(|e| e
            .starts_with("kennisbank.yaml:3: fout: taxonomies: de ordening `tags`")
            && e.contains("startpagina")),
        "{errors:#?}"
    );
}

#[test]
fn facets_that_claim_a_listing_or_each_others_path_are_errors_at_their_lines() {
    let site = with_config(
        "title: T\ntaxonomies:\n  - key: tags\n    path: projecten\n  - key: sphere\n    path: regio\n  - region\nbase_url: https://kb.example.nl/\n",
    );
    let errors = shown(&site);
    assert!(
        errors.iter().any(|e| e
            .starts_with("kennisbank.yaml:3: fout: taxonomies: de ordening `tags`")
            && e.contains("soort `project`")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e
            .starts_with("kennisbank.yaml:7: fout: taxonomies: de ordening `region`")
            && e.contains("is al de ordening `sphere`")),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), 2, "each collision once: {errors:#?}");
}

#[test]
fn an_unknown_kind_is_an_error_at_its_line() {
    let site = with_config("title: T\nkinds:\n  projecten: project\n  recepten: recept\n");
    let errors = shown(&site);
    assert!(
        errors.iter().any(|e| e.starts_with(
            "kennisbank.yaml:4: fout: kinds: de map `recepten` krijgt de onbekende soort `recept`"
        )),
        "{errors:#?}"
    );
}

#[test]
fn a_folder_on_a_facets_path_is_an_error_at_the_facets_line() {
    let site = common::site(&[
        (
            "kennisbank.yaml",
            "title: T\ntaxonomies:\n  - region\n  - key: tags\n    path: thema\n",
        ),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        (
            "content/thema/a.md",
            "---\ntitle: A\ntags: [x]\n---\nTekst.\n",
        ),
    ]);
    let errors = shown(&site);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("kennisbank.yaml:4: fout:") && e.contains("/thema/")),
        "{errors:#?}"
    );
}

#[test]
fn file_and_theme_settings_are_errors_at_their_lines() {
    let site = with_config(
        "title: T\nlogo: /etc/logo.svg\ndesign_tokens: static/geen.css\ntheme: eigen\n",
    );
    let errors = shown(&site);
    for at in [
        "kennisbank.yaml:2: fout: logo:",
        "kennisbank.yaml:3: fout: design_tokens:",
        "kennisbank.yaml:4: fout: het thema `eigen` staat niet in",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(at)),
            "{at}: {errors:#?}"
        );
    }
    let site = with_config("title: T\nmenu:\n  - projecten\n  - nergens\n");
    let (_, warnings) =
        kennisbank::pipeline::build_in_memory(site.path(), &Default::default()).unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| common::shown(w).starts_with("kennisbank.yaml:4: waarschuwing: menu:")),
        "{warnings:#?}"
    );
}

#[test]
fn invalid_settings_are_each_reported_at_their_line() {
    let site = with_config("title: T\nfeed_limit: veel\nlanguage: fr\n");
    let errors = shown(&site);
    assert!(
        errors.iter().any(|e| e.starts_with(
            "kennisbank.yaml:2: fout: ongeldige waarde voor de instelling `feed_limit`"
        )),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with(
            "kennisbank.yaml:3: fout: ongeldige waarde voor de instelling `language`"
        )),
        "{errors:#?}"
    );
}

#[test]
fn a_yaml_alias_bomb_is_an_error_at_a_line() {
    let mut yaml = vec![
        "---".to_string(),
        "title: Bom".into(),
        "a: &a [x, x, x, x, x, x, x, x, x]".into(),
    ];
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        yaml.push(format!(
            "{name}: &{name} [{}]",
            vec![format!("*{previous}"); 9].join(", ")
        ));
        previous = name;
    }
    yaml.extend(["---".into(), "Tekst.".into()]);
    let site = common::site(&[
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        ("content/bom.md", &(yaml.join("\n") + "\n")),
    ]);
    let errors = shown(&site);
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("content/bom.md:4: fout: ongeldige YAML: repetition limit exceeded")),
        "{errors:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_printed_as_it_is() {
    let site = common::site(&[
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        ("kennisbank.yaml", "strict: true\n"),
        ("content/a\\b.md", "---\nsummary: geen titel\n---\nTekst.\n"),
    ]);
    let errors = shown(&site);
    assert!(
        errors.iter().any(|e| e.starts_with("content/a\\b.md:")),
        "{errors:#?}"
    );
}

#[test]
fn a_failed_write_names_the_file_and_says_the_output_is_incomplete() {
    let site = with_config("title: T\n");
    let out = site.path().join("public");
    let build = || {
        Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .args(["build", "--root"])
            .arg(site.path())
            .output()
            .unwrap()
    };
    assert!(build().status.success());
    // A folder with files where the home page must go: the write fails, whoever runs it.
    std::fs::remove_file(out.join("index.html")).unwrap();
    common::write(&out, "index.html/blok", b"x");
    let failed = build();
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success());
    let target = out.join("index.html").display().to_string();
    assert!(stderr.contains(&format!("{target}: fout:")), "{stderr}");
    assert!(stderr.contains("is onvolledig"), "{stderr}");
    // The next build clears what stood in the way: the folder is kennisbank's.
    assert!(build().status.success());
    assert!(out.join("index.html").is_file());
}

/// A config that cannot be read still sets the language of what `build` says about it: its
/// `language:` line is read on its own.
#[test]
fn a_broken_config_is_reported_in_the_language_it_asks_for() {
    let build = |config: &str| {
        let site = common::site(&[
            ("kennisbank.yaml", config),
            ("content/a.md", "---\ntitle: A\n---\n"),
        ]);
        let out = common::kennisbank(&["build", "--root", site.path().to_str().unwrap()]);
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let english = build("language: en\nthema: donker\n");
    assert!(
        english.contains("kennisbank.yaml:2: error: unknown setting `thema`"),
        "{english}"
    );
    assert!(english.contains("build failed with 1 error;"), "{english}");
    let dutch = build("thema: donker\n");
    assert!(
        dutch.contains("kennisbank.yaml:1: fout: onbekende instelling `thema`"),
        "{dutch}"
    );
    assert!(
        dutch.contains("de site is niet gebouwd: 1 fout; de vorige versie"),
        "{dutch}"
    );
}
