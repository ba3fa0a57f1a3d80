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
        ("content/a.md", Some(4), "ongeldige YAML"),
    ),
    (
        "front matter never closed",
        &[("content/a.md", "---\ntitle: A\n\nTekst zonder einde\n")],
        ("content/a.md", Some(1), "wordt niet afgesloten"),
    ),
    (
        "missing title",
        &[("content/a.md", "---\nsummary: Iets\n---\nTekst\n")],
        ("content/a.md", Some(1), "`title` ontbreekt"),
    ),
    (
        "title that is not text",
        &[(
            "content/a.md",
            "---\nsummary: x\ntitle: [een, lijst]\n---\n",
        )],
        (
            "content/a.md",
            Some(3),
            "`title` moet tekst zijn; nu is het een lijst",
        ),
    ),
    (
        "unknown kind",
        &[("content/a.md", "---\ntitle: A\nkind: artikel\n---\n")],
        ("content/a.md", Some(3), "onbekende soort `artikel`"),
    ),
    (
        "unknown front matter key",
        &[("content/a.md", "---\ntitle: A\nauteur: Piet\n---\n")],
        ("content/a.md", Some(3), "onbekende eigenschap `auteur`"),
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
            "alleen voor notities van de soort `publication`",
        ),
    ),
    (
        "empty file",
        &[("content/a.md", "  \n\n")],
        ("content/a.md", None, "leeg"),
    ),
    (
        "invalid UTF-8",
        &[("content/a.md", "---\ntitle: A\n---\nregel\n\u{FFFF}")],
        ("content/a.md", Some(5), "geen geldige UTF-8"),
    ),
    (
        "wikilink to nothing, line counted in the file",
        &[(
            "content/a.md",
            "---\ntitle: A\nsummary: s\n---\nEen.\n\nZie [[Bestaat niet]].\n",
        )],
        (
            "content/a.md",
            Some(7),
            "link [[Bestaat niet]] leidt nergens heen",
        ),
    ),
    (
        "relative link to nothing",
        &[("content/a.md", "---\ntitle: A\n---\n[weg](../nergens.md)\n")],
        (
            "content/a.md",
            Some(4),
            "link (../nergens.md) leidt nergens heen",
        ),
    ),
    (
        "heading that does not exist",
        &[
            ("content/a.md", "---\ntitle: A\n---\n[[B#Geen kop]]\n"),
            ("content/b.md", "---\ntitle: B\n---\n## Kop\n"),
        ],
        ("content/a.md", Some(4), "heeft geen kop `Geen kop`"),
    ),
    (
        "missing image",
        &[("content/a.md", "---\ntitle: A\n---\n\n![Foto](foto.jpg)\n")],
        (
            "content/a.md",
            Some(5),
            "afbeelding (foto.jpg) niet gevonden",
        ),
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
            "twee notities krijgen hetzelfde adres /a/: deze en content/a.md",
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
            "niet eenduidig: dit past bij content/a.md en content/b.md",
        ),
    ),
    (
        "publication without url",
        &[("content/publicaties/p.md", "---\ntitle: P\n---\n")],
        ("content/publicaties/p.md", Some(1), "heeft `url` nodig"),
    ),
    (
        "date that is not a date",
        &[("content/a.md", "---\ntitle: A\ndate: 31-12-2025\n---\n")],
        ("content/a.md", Some(3), "is geen datum"),
    ),
    (
        "link to a draft",
        &[
            ("content/a.md", "---\ntitle: A\n---\n[[B]]\n"),
            ("content/b.md", "---\ntitle: B\ndraft: true\n---\n"),
        ],
        ("content/a.md", Some(4), "concept"),
    ),
    (
        "unknown setting in the config",
        &[("kennisbank.yaml", "strict: true\ntitle: X\nthema: donker\n")],
        ("kennisbank.yaml", Some(3), "onbekende instelling `thema`"),
    ),
    (
        "broken template override",
        &[("templates/note.html", "{% if %}")],
        ("templates/note.html", None, "fout in een sjabloon"),
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
                && d.message.nl().contains(message)
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
    let summary: Vec<String> = errors.iter().map(common::shown).collect();
    assert_eq!(
        summary,
        [
            "content/a.md:4: fout: link [[X]] leidt nergens heen: geen notitie heeft deze titel, alias of bestandsnaam",
            "content/a.md:4: fout: link [[Y]] leidt nergens heen: geen notitie heeft deze titel, alias of bestandsnaam",
            "content/b.md:1: fout: `title` ontbreekt: elke notitie heeft een titel nodig, bijvoorbeeld `title: Golden Sports`",
            "content/b.md:2: fout: onbekende soort `boek` (bekend zijn: definition, lexicon, project, publication, reading-list, note)",
            "content/c.md: fout: het bestand is leeg: een notitie heeft een kop met eigenschappen nodig, met minstens een `title`",
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
        common::shown(&warnings[0]),
        "content/a.md:4: waarschuwing: link [[Later]] leidt nergens heen: geen notitie heeft deze titel, alias of bestandsnaam"
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
