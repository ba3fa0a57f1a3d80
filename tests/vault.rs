//! An Obsidian vault (`tests/fixtures/vault`, with its `.obsidian/` settings) builds as it is:
//! titles from file names, properties kept and typed, Obsidian's link resolution, missing and
//! unpublished links, permalinks, nested tags, attachments by file name, and nothing of an
//! unpublished note anywhere in the output. (Embeds parsed from Markdown are in
//! `vault_embeds.rs`, which needs the `syntax` branch.)

mod common;

use common::{attrs, build, fixture, links, page, site, texts};
use kennisbank::pipeline;

fn vault() -> (pipeline::MemoryOutput, Vec<String>) {
    let (out, warnings) = pipeline::build_in_memory(&fixture("vault"), &Default::default())
        .unwrap_or_else(|e| {
            panic!("the vault should build:\n{}", common::list(&e.0));
        });
    (out, warnings.iter().map(common::shown).collect())
}

#[test]
fn a_note_without_front_matter_is_titled_by_its_file_name() {
    let (out, _) = vault();
    let html = page(&out, "movisie/index.html");
    assert_eq!(texts(&html, "h1"), ["Movisie"]);
    let html = page(&out, "projecten/vrijwilligers/index.html");
    assert_eq!(texts(&html, "h1"), ["Vrijwilligers"]);
    assert_eq!(
        texts(&page(&out, "werkwijze/index.html"), "h1"),
        ["Onze werkwijze"]
    );
}

#[test]
fn the_site_is_titled_by_the_vault_folder() {
    let (out, _) = vault();
    let html = page(&out, "movisie/index.html");
    let title = texts(&html, "title");
    assert_eq!(title, ["Movisie · vault"]);
}

#[test]
fn same_name_notes_resolve_as_obsidian_does() {
    let (out, warnings) = vault();
    // From the note's own folder: the one beside it.
    let html = page(&out, "buurtkamer/index.html");
    assert!(
        links(&html, ".prose a")
            .contains(&("Vrijwilligers".into(), "/projecten/vrijwilligers/".into())),
        "{:?}",
        links(&html, ".prose a")
    );
    // From the root, both are as near: a warning naming both, and the first by path.
    let html = page(&out, "buurtbus/index.html");
    assert!(links(&html, ".prose a").contains(&(
        "Vrijwilligers".into(),
        "/organisaties/vrijwilligers/".into()
    )));
    assert!(warnings.contains(&"Buurtbus.md:3: waarschuwing: link [[Vrijwilligers]]: niet eenduidig: dit past bij Organisaties/Vrijwilligers.md en Projecten/Vrijwilligers.md (kies met `[[map/bestandsnaam]]`); de link gaat naar de eerste".to_string()), "{warnings:#?}");
}

#[test]
fn links_to_missing_notes_are_visible_text_and_wanted_pages() {
    let (out, warnings) = vault();
    let html = page(&out, "buurtbus/index.html");
    assert_eq!(
        texts(&html, ".prose .missing-link"),
        ["Nog te schrijven", "later"]
    );
    assert_eq!(
        attrs(&html, ".prose .missing-link", "title"),
        ["Deze pagina bestaat nog niet"; 2]
    );
    assert!(warnings.contains(&"Buurtbus.md:5: waarschuwing: link [[Nog te schrijven]] leidt nergens heen: geen notitie heeft deze titel, alias of bestandsnaam".to_string()), "{warnings:#?}");
    let wanted = page(&out, "gevraagde-paginas/index.html");
    assert_eq!(texts(&wanted, "h1"), ["Gevraagde pagina's"]);
    assert_eq!(
        texts(&wanted, ".wanted-pages .missing-link"),
        ["Nog te schrijven"]
    );
    assert_eq!(
        links(&wanted, ".wanted-pages a"),
        [("Buurtbus".to_string(), "/buurtbus/".to_string())]
    );
    let sitemap = out.text("sitemap.xml").unwrap();
    assert!(
        !sitemap.contains("gevraagde-paginas"),
        "a report, not content"
    );
}

#[test]
fn a_missing_heading_warns_and_links_to_the_note() {
    let (out, warnings) = vault();
    let html = page(&out, "buurtbus/index.html");
    let hrefs: Vec<String> = links(&html, ".prose a")
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert!(
        hrefs.contains(&"/buurtkamer/#openingstijden".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/buurtkamer/".to_string()), "{hrefs:?}");
    assert!(warnings.iter().any(|w| w
        == "Buurtbus.md:19: waarschuwing: link [[Buurtkamer#Bestaat niet]]: `Buurtkamer` heeft geen kop `Bestaat niet`"), "{warnings:#?}");
}

#[test]
fn unpublished_notes_leak_nowhere() {
    let (out, _) = vault();
    // Drafts, `publish: false`, userIgnoreFilters (a folder and a regex), the templates
    // folder and `.trash/`: none of their text, in any file the site has.
    for (path, bytes) in &out.0 {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("GEHEIM-"),
            "{path} shows an unpublished note"
        );
        for url in [
            "/concept/",
            "/geheim/",
            "/oud-plan/",
            "/dagnotitie/",
            "plattegrond",
        ] {
            assert!(!text.contains(url), "{path} links to {url}");
        }
    }
    for path in [
        "concept/index.html",
        "geheim/index.html",
        "sjablonen/dagnotitie/index.html",
    ] {
        assert!(out.get(path).is_none(), "{path}");
    }
    // A link to one is plain text.
    let html = page(&out, "buurtbus/index.html");
    let para = texts(&html, ".prose p");
    assert!(
        para.contains(&"Niet gepubliceerd: Concept, Geheim en Oud plan.".to_string()),
        "{para:?}"
    );
    // Nor are they wanted pages.
    let wanted = texts(
        &page(&out, "gevraagde-paginas/index.html"),
        ".wanted-pages li",
    );
    assert!(
        wanted
            .iter()
            .all(|w| !w.contains("Geheim") && !w.contains("Concept")),
        "{wanted:?}"
    );
}

#[test]
fn properties_are_kept_typed_and_shown_with_their_links() {
    let (out, warnings) = vault();
    let html = page(&out, "buurtkamer/index.html");
    let keys = texts(&html, "table.properties th");
    assert_eq!(
        keys,
        [
            "organisatie",
            "partners",
            "aantal",
            "actief",
            "start",
            "sumary"
        ]
    );
    assert_eq!(
        attrs(&html, "table.properties tr", "class"),
        [
            "property-text",
            "property-list",
            "property-number",
            "property-checkbox",
            "property-date",
            "property-text"
        ]
    );
    assert_eq!(
        links(&html, "table.properties a"),
        [
            ("Movisie".to_string(), "/movisie/".to_string()),
            (
                "Vrijwilligers".to_string(),
                "/projecten/vrijwilligers/".to_string()
            )
        ]
    );
    // A property link is a backlink.
    let movisie = page(&out, "movisie/index.html");
    assert!(texts(&movisie, ".backlinks a").contains(&"Buurtkamer".to_string()));
    // A near-miss of a known key is a warning with the suggestion.
    assert!(warnings.contains(&"Projecten/Buurtkamer.md:13: waarschuwing: onbekende eigenschap `sumary`: bedoel je `summary`? (blijft een eigen eigenschap)".to_string()), "{warnings:#?}");
    // In data.json, typed.
    let data: serde_json::Value = serde_json::from_str(out.text("data.json").unwrap()).unwrap();
    let note = data["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["title"] == "Buurtkamer")
        .unwrap();
    assert_eq!(note["properties"]["aantal"], 12);
    assert_eq!(note["properties"]["actief"], true);
    assert_eq!(note["properties"]["partners"][1], "Gemeente");
    assert!(note["properties"].get("geheim_veld").is_none(), "hidden");
}

#[test]
fn obsidian_properties_mean_what_they_mean_in_obsidian() {
    let (out, _) = vault();
    let html = page(&out, "buurtkamer/index.html");
    // permalink: the URL, and the file path's URL redirects to it.
    let redirect = out.text("projecten/buurtkamer/index.html").unwrap();
    assert!(redirect.contains("http-equiv=\"refresh\" content=\"0; url=/buurtkamer/\""));
    // cssclasses on the article, as written.
    let classes = attrs(&html, "article", "class");
    assert_eq!(classes, ["note note-project breed kaart_lijst"]);
    // description as the summary; created as the date; aliases.
    assert_eq!(
        texts(&html, ".summary"),
        ["Een huiskamer voor iedereen in de wijk."]
    );
    // `created: 2024-02-01T10:30`: the day for readers, the time kept for machines.
    assert_eq!(attrs(&html, "time", "datetime"), ["2024-02-01T10:30:00"]);
    assert_eq!(
        texts(&html, ".aliases"),
        ["Ook bekend als: Huiskamer van de buurt"]
    );
    // publish.css after the theme's CSS.
    let css = attrs(&html, "link[rel=stylesheet]", "href");
    assert_eq!(css.last().map(String::as_str), Some("/publish.css"));
    assert!(out.get("publish.css").is_some());
}

#[test]
fn nested_tags_have_hierarchical_pages() {
    let (out, _) = vault();
    let parent = page(&out, "trefwoorden/ontmoeting/index.html");
    assert!(texts(&parent, "main a").contains(&"Buurtkamer".to_string()));
    let child = page(&out, "trefwoorden/ontmoeting/buurt/index.html");
    assert!(texts(&child, "main a").contains(&"Buurtkamer".to_string()));
    // `#welzijn` in the list is the tag `welzijn`.
    assert!(out.get("trefwoorden/welzijn/index.html").is_some());
}

#[test]
fn attachments_are_found_by_name_and_copied_only_when_linked() {
    let (out, _) = vault();
    assert!(out.get("bijlagen/folder.pdf").is_some());
    assert!(out.get("bijlagen/buurtbus.png").is_some());
    assert!(
        out.get("bijlagen/ongebruikt.png").is_none(),
        "not linked, not copied"
    );
    assert!(out.get("kennisbank.yaml").is_none());
    let html = page(&out, "buurtbus/index.html");
    assert!(
        links(&html, ".prose a")
            .contains(&("folder.pdf".to_string(), "/bijlagen/folder.pdf".to_string()))
    );
}

#[test]
fn strict_turns_the_schema_back_on() {
    let dir = site(&[
        ("kennisbank.yaml", "strict: true\n"),
        ("Notitie.md", "Zonder titel.\n"),
        ("Ander.md", "---\ntitle: Ander\n---\nZie [[Nergens]].\n"),
    ]);
    let errors = common::build_errors(dir.path());
    let text = common::list(&errors);
    assert!(
        text.contains("Notitie.md:1: fout: `title` ontbreekt"),
        "{text}"
    );
    assert!(
        text.contains("Ander.md:4: fout: link [[Nergens]] leidt nergens heen"),
        "{text}"
    );
}

#[test]
fn lenient_by_default_the_same_mistakes_are_warnings_or_fine() {
    let dir = site(&[
        (
            "content/a.md",
            "---\nauteur: Piet\ntittle: A\n---\n[[Later]] en [weg](weg.md)\n",
        ),
        ("content/b.md", ""),
    ]);
    let (out, warnings) =
        pipeline::build_in_memory(dir.path(), &Default::default()).expect("builds");
    let warnings: Vec<String> = warnings.iter().map(common::shown).collect();
    assert_eq!(
        warnings,
        [
            "content/a.md:3: waarschuwing: onbekende eigenschap `tittle`: bedoel je `title`? (blijft een eigen eigenschap)",
            "content/a.md:5: waarschuwing: link [[Later]] leidt nergens heen: geen notitie heeft deze titel, alias of bestandsnaam",
            "content/a.md:5: waarschuwing: link (weg.md) leidt nergens heen: er staat geen notitie op content/weg.md",
        ]
    );
    assert_eq!(texts(&page(&out, "a/index.html"), "h1"), ["a"]);
    assert_eq!(texts(&page(&out, "b/index.html"), "h1"), ["b"]);
    let _ = build;
}

#[test]
fn check_prints_the_wanted_pages() {
    let output = common::kennisbank(&["check", "--root", fixture("vault").to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Gevraagde pagina's"), "{stdout}");
    assert!(
        stdout.contains("  Nog te schrijven (1×)\n    Buurtbus.md:5\n"),
        "{stdout}"
    );
}

#[test]
fn inline_tags_link_to_their_tag_pages() {
    let (out, _) = vault();
    let html = page(&out, "buurtbus/index.html");
    assert_eq!(
        links(&html, ".prose a.tag"),
        [(
            "#vervoer/buurtbus".to_string(),
            "/trefwoorden/vervoer/buurtbus/".to_string()
        )]
    );
    assert!(out.get("trefwoorden/vervoer/buurtbus/index.html").is_some());
}

#[test]
fn a_body_heading_that_repeats_the_title_is_shown_once() {
    let (out, _) = vault();
    // Buurtbus.md starts with `# Buurtbus`.
    let html = page(&out, "buurtbus/index.html");
    assert_eq!(texts(&html, "h1"), ["Buurtbus"]);
    // Its id stays, for `[[Buurtbus#Buurtbus]]`.
    assert_eq!(attrs(&html, ".prose #buurtbus", "id"), ["buurtbus"]);
}

#[test]
fn links_to_unpublished_notes_are_silent_unless_strict() {
    let (out, warnings) = vault();
    // Buurtbus links to the draft Concept and the `publish: false` Geheim.
    assert!(
        !warnings.iter().any(|w| w.contains("not published")),
        "{warnings:#?}"
    );
    let html = page(&out, "buurtbus/index.html");
    assert!(!links(&html, ".prose a").iter().any(|(t, _)| t == "Concept"));
    let dir = site(&[
        ("kennisbank.yaml", "strict: true\n"),
        ("Notitie.md", "---\ntitle: Notitie\n---\nZie [[Klad]].\n"),
        ("Klad.md", "---\ntitle: Klad\ndraft: true\n---\nNog niet.\n"),
    ]);
    let text = common::list(&common::build_errors(dir.path()));
    assert!(
        text.contains(
            "Notitie.md:4: fout: link [[Klad]]: deze link wijst naar een notitie die niet gepubliceerd is"
        ),
        "{text}"
    );
}
