//! Every kind of editor mistake gives a message naming file and line, all of them at once,
//! and never a panic. One row per mistake.

mod common;

use common::{build_errors, list, site};

const OK_NOTE: &str = "---\ntitle: Goed\n---\nTekst.\n";
// Published somewhere, so the only problems are the ones each case plants.
const STRICT: &str = "strict: true\nbase_url: https://kb.example.nl/\n";

/// `(what, files, expected (file, line, part of the message))`.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    (&'static str, Option<usize>, &'static str),
);

const CASES: &[Case] = &[
    (
        "malformed YAML",
        &[(
            "content/a.md",
            "---\ntitle: A\ntags: [sport, ouderen\n---\nTekst\n",
        )],
        ("content/a.md", Some(4), "invalid YAML"),
    ),
    (
        "front matter never closed",
        &[("content/a.md", "---\ntitle: A\n\nTekst zonder einde\n")],
        ("content/a.md", Some(1), "never closed"),
    ),
    (
        "missing title",
        &[("content/a.md", "---\nsummary: Iets\n---\nTekst\n")],
        ("content/a.md", Some(1), "missing `title`"),
    ),
    (
        "title that is not text",
        &[(
            "content/a.md",
            "---\nsummary: x\ntitle: [een, lijst]\n---\n",
        )],
        ("content/a.md", Some(3), "`title` must be text"),
    ),
    (
        "unknown kind",
        &[("content/a.md", "---\ntitle: A\nkind: artikel\n---\n")],
        ("content/a.md", Some(3), "unknown kind `artikel`"),
    ),
    (
        "unknown front matter key",
        &[("content/a.md", "---\ntitle: A\nauteur: Piet\n---\n")],
        ("content/a.md", Some(3), "unknown front matter key `auteur`"),
    ),
    (
        "key of another kind",
        &[(
            "content/lexicon/a.md",
            "---\ntitle: A\npublisher: Movisie\n---\n",
        )],
        (
            "content/lexicon/a.md",
            Some(3),
            "only for notes of kind `publication`",
        ),
    ),
    (
        "empty file",
        &[("content/a.md", "  \n\n")],
        ("content/a.md", None, "empty"),
    ),
    (
        "invalid UTF-8",
        &[("content/a.md", "---\ntitle: A\n---\nregel\n\u{FFFF}")],
        ("content/a.md", Some(5), "not valid UTF-8"),
    ),
    (
        "wikilink to nothing, line counted in the file",
        &[(
            "content/a.md",
            "---\ntitle: A\nsummary: s\n---\nEen.\n\nZie [[Bestaat niet]].\n",
        )],
        ("content/a.md", Some(7), "unresolved link [[Bestaat niet]]"),
    ),
    (
        "relative link to nothing",
        &[("content/a.md", "---\ntitle: A\n---\n[weg](../nergens.md)\n")],
        ("content/a.md", Some(4), "unresolved link (../nergens.md)"),
    ),
    (
        "heading that does not exist",
        &[
            ("content/a.md", "---\ntitle: A\n---\n[[B#Geen kop]]\n"),
            ("content/b.md", "---\ntitle: B\n---\n## Kop\n"),
        ],
        ("content/a.md", Some(4), "has no heading `Geen kop`"),
    ),
    (
        "missing image",
        &[("content/a.md", "---\ntitle: A\n---\n\n![Foto](foto.jpg)\n")],
        ("content/a.md", Some(5), "broken image"),
    ),
    (
        "two notes claiming one URL",
        &[
            ("content/a.md", "---\ntitle: A\n---\n"),
            ("content/b.md", "---\ntitle: B\nslug: a\n---\n"),
        ],
        (
            "content/b.md",
            Some(2),
            "two notes claim the URL /a/: this one and content/a.md",
        ),
    ),
    (
        "ambiguous wikilink",
        &[
            ("content/a.md", "---\ntitle: Buurt\n---\n"),
            ("content/b.md", "---\ntitle: B\naliases: [buurt]\n---\n"),
            ("content/c.md", "---\ntitle: C\n---\n[[Buurt]]\n"),
        ],
        (
            "content/c.md",
            Some(4),
            "ambiguous: it matches content/a.md and content/b.md",
        ),
    ),
    (
        "publication without url",
        &[("content/publicaties/p.md", "---\ntitle: P\n---\n")],
        ("content/publicaties/p.md", Some(1), "needs `url`"),
    ),
    (
        "date that is not a date",
        &[("content/a.md", "---\ntitle: A\ndate: 31-12-2025\n---\n")],
        ("content/a.md", Some(3), "not a date"),
    ),
    (
        "link to a draft",
        &[
            ("content/a.md", "---\ntitle: A\n---\n[[B]]\n"),
            ("content/b.md", "---\ntitle: B\ndraft: true\n---\n"),
        ],
        ("content/a.md", Some(4), "draft"),
    ),
    (
        "unknown setting in the config",
        &[("kennisbank.yaml", "strict: true\ntitle: X\nthema: donker\n")],
        ("kennisbank.yaml", Some(3), "unknown setting `thema`"),
    ),
    (
        "broken template override",
        &[("templates/note.html", "{% if %}")],
        ("templates/note.html", None, "template error"),
    ),
];

#[test]
fn each_mistake_is_reported_with_file_and_line() {
    for (what, files, (file, line, message)) in CASES {
        let mut all: Vec<(&str, &str)> = files.to_vec();
        if !files.iter().any(|(p, _)| p.starts_with("content/")) {
            all.push(("content/ok.md", OK_NOTE));
        }
        // Errors with a schema; `tests/vault.rs` has what they are by default.
        if !files.iter().any(|(p, _)| *p == "kennisbank.yaml") {
            all.push(("kennisbank.yaml", STRICT));
        }
        let dir = site(&all);
        // Invalid UTF-8 cannot be written as &str: replace the marker with a lone byte.
        if *what == "invalid UTF-8" {
            let path = dir.path().join(file);
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8(bytes).unwrap().replace('\u{FFFF}', "");
            let mut bytes = text.into_bytes();
            bytes.extend([0xff, 0xfe, b'\n']);
            std::fs::write(&path, bytes).unwrap();
        }
        let errors = build_errors(dir.path());
        let hit = errors.iter().any(|d| {
            d.is_error()
                && d.file.to_string_lossy().replace('\\', "/") == *file
                && d.line == *line
                && d.message.contains(message)
        });
        assert!(
            hit,
            "{what}: expected {file}:{line:?}: …{message}…, got:\n{}",
            list(&errors)
        );
    }
}

#[test]
fn a_build_reports_all_errors_not_just_the_first() {
    let dir = site(&[
        ("kennisbank.yaml", STRICT),
        ("content/a.md", "---\ntitle: A\n---\n[[X]] en [[Y]]\n"),
        ("content/b.md", "---\nkind: boek\n---\n"),
        ("content/c.md", ""),
    ]);
    let errors = build_errors(dir.path());
    let summary: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        summary,
        [
            "content/a.md:4: error: unresolved link [[X]]: no note has this title, alias or file name",
            "content/a.md:4: error: unresolved link [[Y]]: no note has this title, alias or file name",
            "content/b.md:1: error: missing `title`: every note needs one, e.g. `title: Golden Sports`",
            "content/b.md:2: error: unknown kind `boek` (known: definition, lexicon, project, publication, reading-list, note)",
            "content/c.md: error: the file is empty: a note needs front matter with at least a `title`",
        ]
    );
}

#[test]
fn drafts_are_left_out_with_their_links() {
    let dir = site(&[
        ("content/a.md", OK_NOTE),
        (
            "content/concept.md",
            "---\ntitle: Concept\ndraft: true\n---\n[[Nog te schrijven]]\n",
        ),
    ]);
    let out = common::build(dir.path(), &Default::default());
    assert!(out.get("concept/index.html").is_none());
    assert!(
        out.get("goed/index.html").is_none(),
        "file name, not title, gives the URL"
    );
    assert!(out.get("a/index.html").is_some());
}

#[test]
fn unresolved_links_can_be_made_warnings() {
    let dir = site(&[
        (
            "kennisbank.yaml",
            "strict: true\nunresolved_links: warn\nbase_url: https://kb.example.nl/\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\n[[Later]]\n"),
    ]);
    let (out, warnings) =
        kennisbank::pipeline::build_in_memory(dir.path(), &Default::default()).expect("builds");
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].to_string(),
        "content/a.md:4: warning: unresolved link [[Later]]: no note has this title, alias or file name"
    );
    assert!(out.get("a/index.html").is_some());
}

#[test]
fn links_to_a_note_that_failed_to_parse_are_not_reported_twice() {
    let dir = site(&[
        ("kennisbank.yaml", STRICT),
        ("content/a.md", "---\ntitle: A\ntags: [open\n---\n"),
        (
            "content/b.md",
            "---\ntitle: B\n---\n[[a]] en [relatief](a.md)\n",
        ),
    ]);
    let errors = build_errors(dir.path());
    assert_eq!(errors.len(), 1, "{}", list(&errors));
    assert_eq!(errors[0].file.to_string_lossy(), "content/a.md");
}
