//! `kennisbank check` through the library: every planted problem of a fixture site is found at
//! its file and line, a clean site gives nothing, and the built-in content has no errors.

use std::path::{Path, PathBuf};

use kennisbank::check::{self, CheckReport, CheckRequest, Rule, report};
use kennisbank::diagnostic::Level;
use kennisbank::site::SiteOptions;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn run(root: PathBuf) -> CheckReport {
    check::run(&CheckRequest {
        root,
        site: SiteOptions::default(),
        external: None,
    })
}

/// (file, line, level, rule, message) of a finding.
type Listed = (String, Option<usize>, Level, Option<Rule>, String);

fn listed(report: &CheckReport) -> Vec<Listed> {
    report
        .findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            (
                d.file.display().to_string().replace('\\', "/"),
                d.line,
                d.level,
                f.rule,
                d.message.nl().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_planted_problem_is_found_where_it_is() {
    let report = run(fixture("planted"));
    let found = listed(&report);
    let expected: Vec<(&str, usize, Level, Option<Rule>, &str)> = vec![
        (
            "content/notities/buurtkracht.md",
            5,
            Level::Warning,
            Some(Rule::DuplicateNames),
            "de alias `Wijkkracht` is ook de naam van content/notities/wijkkracht.md (titel)",
        ),
        (
            "content/notities/fout.md",
            4,
            Level::Error,
            None,
            "onbekende eigenschap `colour`",
        ),
        (
            "content/notities/hub.md",
            14,
            Level::Warning,
            Some(Rule::VagueLinkText),
            "de linktekst `klik hier` zegt op zichzelf niets",
        ),
        (
            "content/notities/hub.md",
            15,
            Level::Warning,
            Some(Rule::VagueLinkText),
            "de linktekst `Lees meer…` zegt op zichzelf niets",
        ),
        (
            "content/notities/hub.md",
            16,
            Level::Error,
            None,
            "link [[Bestaat niet]] leidt nergens heen",
        ),
        (
            "content/notities/plaatjes-en-koppen.md",
            6,
            Level::Error,
            Some(Rule::HeadingLevels),
            "de kop `Te diep begonnen` is een h3 direct na de paginatitel (h1)",
        ),
        (
            "content/notities/plaatjes-en-koppen.md",
            8,
            Level::Error,
            Some(Rule::ImageAlt),
            "afbeelding zonder alt-tekst",
        ),
        (
            "content/notities/plaatjes-en-koppen.md",
            14,
            Level::Error,
            Some(Rule::HeadingLevels),
            "de kop `Weer te diep` is een h4 na een h2",
        ),
        (
            "content/notities/wees.md",
            2,
            Level::Warning,
            Some(Rule::Orphans),
            "geen andere notitie linkt hierheen",
        ),
        (
            "content/notities/wijkkracht.md",
            2,
            Level::Warning,
            Some(Rule::DuplicateNames),
            "de titel `Wijkkracht` is ook de naam van content/notities/buurtkracht.md (alias)",
        ),
        (
            "content/notities/zonder-samenvatting.md",
            2,
            Level::Warning,
            Some(Rule::MissingSummary),
            "geen `summary`",
        ),
        (
            "content/notities/zonder-tags.md",
            2,
            Level::Warning,
            Some(Rule::MissingTags),
            "geen `tags`",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (got, want) in found.iter().zip(&expected) {
        assert_eq!(
            (got.0.as_str(), got.1, got.2, got.3),
            (want.0, Some(want.1), want.2, want.3),
            "{got:?}"
        );
        assert!(
            got.4.starts_with(want.4),
            "{:?} should start with {:?}",
            got.4,
            want.4
        );
    }
    assert_eq!(report.count(Level::Error), 5);
    assert_eq!(report.count(Level::Warning), 7);
    assert!(report.has_errors());
}

#[test]
fn the_text_report_prints_file_line_level_message_and_a_summary() {
    let text = report::text(&run(fixture("planted")));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"content/notities/plaatjes-en-koppen.md:8: fout: afbeelding zonder alt-tekst: een schermlezer kan haar niet beschrijven; schrijf tussen de haken van `![...](...)` wat erop staat [image_alt]"),
        "{text}"
    );
    assert_eq!(
        lines.last(),
        Some(&"5 fouten, 7 waarschuwingen in 8 notities")
    );
}

#[test]
fn the_json_report_lists_every_problem_for_tools() {
    let json: serde_json::Value =
        serde_json::from_str(&report::json(&run(fixture("planted")))).unwrap();
    assert_eq!(json["summary"]["errors"], 5);
    assert_eq!(json["summary"]["warnings"], 7);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 12);
    let orphan = diagnostics.iter().find(|d| d["rule"] == "orphans").unwrap();
    assert_eq!(orphan["file"], "content/notities/wees.md");
    assert_eq!(orphan["line"], 2);
    assert_eq!(orphan["level"], "warning");
    let unresolved = diagnostics.iter().find(|d| d["line"] == 16).unwrap();
    assert_eq!(unresolved["rule"], serde_json::Value::Null);
    assert_eq!(unresolved["level"], "error");
    // `message` stays English for tools that match on it; `text` is in the site's language.
    assert_eq!(json["summary"]["language"], "nl");
    assert!(
        unresolved["message"]
            .as_str()
            .unwrap()
            .starts_with("unresolved link [[Bestaat niet]]"),
        "{unresolved}"
    );
    assert!(
        unresolved["text"]
            .as_str()
            .unwrap()
            .starts_with("link [[Bestaat niet]] leidt nergens heen"),
        "{unresolved}"
    );
}

#[test]
fn a_rule_set_to_off_reports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("planted"), dir.path());
    std::fs::write(
        dir.path().join("kennisbank.yaml"),
        "title: X\ncheck:\n  orphans: off\n  vague_link_text: error\n",
    )
    .unwrap();
    let report = run(dir.path().to_path_buf());
    let rules: Vec<_> = report.findings.iter().filter_map(|f| f.rule).collect();
    assert!(!rules.contains(&Rule::Orphans));
    let vague: Vec<Level> = report
        .findings
        .iter()
        .filter(|f| f.rule == Some(Rule::VagueLinkText))
        .map(|f| f.diagnostic.level)
        .collect();
    assert_eq!(vague, [Level::Error, Level::Error]);
    // The default level of a rule the config leaves alone.
    let alt = report
        .findings
        .iter()
        .find(|f| f.rule == Some(Rule::ImageAlt))
        .unwrap();
    assert_eq!(alt.diagnostic.level, Level::Warning);
}

#[test]
fn a_mistake_in_the_check_settings_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("clean"), dir.path());
    std::fs::write(
        dir.path().join("kennisbank.yaml"),
        "title: X\nbase_url: https://kb.example.nl/\ncheck:\n  external:\n    timeout: soms\n",
    )
    .unwrap();
    let found = listed(&run(dir.path().to_path_buf()));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "kennisbank.yaml");
    assert_eq!(found[0].1, Some(5));
    assert_eq!(found[0].2, Level::Error);
    assert!(
        found[0].4.contains("`soms` is geen tijdsduur"),
        "{}",
        found[0].4
    );
}

#[test]
fn a_clean_site_has_nothing_to_report() {
    let report = run(fixture("clean"));
    assert_eq!(listed(&report), []);
}

#[test]
fn the_built_in_content_has_no_errors() {
    let report = run(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.is_error())
        .map(|f| {
            f.diagnostic
                .display(kennisbank::language::Language::Nl)
                .to_string()
        })
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    assert!(report.notes > 40);
}

#[test]
fn readability_reports_hard_notes_their_hardest_sentences_and_mixed_address() {
    let found = listed(&run(fixture("readability")));
    let at: Vec<(&str, Option<usize>, Option<Rule>)> =
        found.iter().map(|f| (f.0.as_str(), f.1, f.3)).collect();
    assert_eq!(
        at,
        [
            (
                "content/notities/door-elkaar.md",
                Some(8),
                Some(Rule::MixedAddress)
            ),
            (
                "content/notities/moeilijk.md",
                Some(2),
                Some(Rule::Readability)
            ),
            (
                "content/notities/moeilijk.md",
                Some(8),
                Some(Rule::Readability)
            ),
            (
                "content/notities/moeilijk.md",
                Some(12),
                Some(Rule::Readability)
            ),
            (
                "content/notities/moeilijk.md",
                Some(16),
                Some(Rule::Readability)
            ),
        ],
        "{found:#?}"
    );
    assert!(
        found[1]
            .4
            .starts_with("leesbaarheid: Flesch–Douma -12.8, lager dan 60 (B1)")
    );
    assert!(found[3].4.contains("lijdende vorm"), "{}", found[3].4);
    // Quotations and code are not measured: their words appear in no message.
    assert!(
        !found
            .iter()
            .any(|f| f.4.contains("citaat") || f.4.contains("Programmacode"))
    );
    assert!(found[0].4.starts_with("je en u door elkaar: 3× je"));
    // The easy note and the English note (`lang: en`) get nothing.
    assert!(
        !found
            .iter()
            .any(|f| f.0.ends_with("makkelijk.md") || f.0.ends_with("english.md"))
    );
}

#[test]
fn readability_follows_its_level_and_threshold() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("readability"), dir.path());
    std::fs::write(
        dir.path().join("kennisbank.yaml"),
        "title: X\nbase_url: https://x.example.nl/\ncheck:\n  readability:\n    level: error\n    min_score: 0\n    min_words: 20\n    hardest: 1\n  mixed_address: off\n",
    )
    .unwrap();
    let found = listed(&run(dir.path().to_path_buf()));
    // -12.8 is below 0 too; one hardest sentence; mixed address is off.
    let at: Vec<(Option<usize>, Level)> = found.iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(
        at,
        [(Some(2), Level::Error), (Some(16), Level::Error)],
        "{found:#?}"
    );
    std::fs::write(
        dir.path().join("kennisbank.yaml"),
        "title: X\nbase_url: https://x.example.nl/\ncheck:\n  readability:\n    min_words: 1000\n",
    )
    .unwrap();
    let found = listed(&run(dir.path().to_path_buf()));
    // Too few words to score: only the mixed address is left.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].3, Some(Rule::MixedAddress));
    std::fs::write(
        dir.path().join("kennisbank.yaml"),
        "title: X\nbase_url: https://x.example.nl/\ncheck:\n  readability: error\n",
    )
    .unwrap();
    let found = listed(&run(dir.path().to_path_buf()));
    assert!(
        found
            .iter()
            .any(|f| f.3 == Some(Rule::Readability) && f.2 == Level::Error)
    );
    assert!(
        found
            .iter()
            .any(|f| f.3 == Some(Rule::MixedAddress) && f.2 == Level::Warning)
    );
}

#[test]
fn the_built_in_content_reads_at_b1_and_addresses_the_reader_one_way() {
    let report = run(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let readability: Vec<String> = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule, Some(Rule::Readability | Rule::MixedAddress)))
        .map(|f| {
            f.diagnostic
                .display(kennisbank::language::Language::Nl)
                .to_string()
        })
        .collect();
    assert_eq!(readability, Vec::<String>::new());
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn the_command_exits_non_zero_on_errors_only() {
    let run = |site: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .args(["check", "--root"])
            .arg(fixture(site))
            .output()
            .unwrap()
    };
    let planted = run("planted");
    assert_eq!(planted.status.code(), Some(1));
    let stdout = String::from_utf8(planted.stdout).unwrap();
    assert!(
        stdout.contains(
            "content/notities/wees.md:2: waarschuwing: geen andere notitie linkt hierheen"
        )
    );
    assert!(
        stdout.ends_with("5 fouten, 7 waarschuwingen in 8 notities\n"),
        "{stdout}"
    );
    let clean = run("clean");
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(clean.stdout).unwrap(),
        "0 fouten, 0 waarschuwingen in 3 notities\n"
    );
}

#[test]
fn the_json_report_lists_the_wanted_pages_with_their_links() {
    let vault = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault");
    let json: serde_json::Value = serde_json::from_str(&report::json(&run(vault))).unwrap();
    assert_eq!(json["summary"]["wanted"], 1);
    assert_eq!(
        json["wanted"],
        serde_json::json!([{
            "name": "Nog te schrijven",
            "links": [{"file": "Buurtbus.md", "line": 5}]
        }])
    );
}
