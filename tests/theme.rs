//! The organisation's look: design tokens, logo, organisation name, footer links, dark mode.

mod common;

use common::{attrs, build, fixture, page, site, texts};
use kennisbank::pipeline;
use kennisbank::site::SiteOptions;

#[test]
fn a_municipalitys_tokens_load_after_the_theme_and_turn_dark_mode_off() {
    let out = build(&fixture("tokens"), &SiteOptions::default());
    let home = page(&out, "index.html");
    let sheets: Vec<String> = attrs(&home, "link[rel=stylesheet]:not([media])", "href")
        .iter()
        .map(|h| h.split("?v=").next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        sheets,
        [
            "/css/tokens.css",
            "/denhaag/tokens.css",
            "/css/site.css",
            "/css/callouts.css"
        ]
    );
    assert!(out.get("denhaag/tokens.css").is_some());
    // Den Haag's tokens give no dark colours: light only, no toggle.
    assert_eq!(attrs(&home, "html", "data-schemes"), ["light"]);
    assert!(texts(&home, ".scheme-toggle").is_empty());
    assert_eq!(
        attrs(&home, ".site-title img", "alt"),
        ["Gemeente Den Haag"]
    );
    assert_eq!(attrs(&home, ".site-title img", "src"), ["/logo.svg"]);
}

#[test]
fn default_footer_links_go_to_the_pages_that_exist() {
    let out = build(&fixture("tokens"), &SiteOptions::default());
    let home = page(&out, "index.html");
    assert_eq!(
        texts(&home, ".footer-links a"),
        ["Toegankelijkheid", "Colofon"]
    );
    assert_eq!(
        attrs(&home, ".footer-links a", "href"),
        ["/toegankelijkheidsverklaring/", "/colofon/"]
    );
}

#[test]
fn configured_footer_links_and_the_default_theme_offers_dark_mode() {
    let dir = site(&[
        (
            "kennisbank.yaml",
            "base_url: /kb/\nfooter_links:\n  - title: Privacy\n    url: https://gemeente.example.nl/privacy\n  - title: Contact\n    url: /contact/\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let out = build(dir.path(), &SiteOptions::default());
    let home = page(&out, "index.html");
    assert_eq!(
        attrs(&home, ".footer-links a", "href"),
        ["https://gemeente.example.nl/privacy", "/kb/contact/"]
    );
    assert!(attrs(&home, "html", "data-schemes").is_empty());
    assert_eq!(texts(&home, ".scheme-toggle").len(), 1);
    assert!(attrs(&home, "script[src]", "src")[0].starts_with("/kb/js/theme.js?v="));
}

#[test]
fn tokens_that_fail_contrast_warn_with_file_and_line() {
    let dir = site(&[
        (
            "kennisbank.yaml",
            "base_url: https://kb.example.nl/\ndesign_tokens: static/huisstijl.css\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
        (
            "static/huisstijl.css",
            ":root {\n  --huisstijl-geel: #f5d000;\n  --utrecht-page-header-background-color: var(--huisstijl-geel);\n}\n",
        ),
    ]);
    let (_, warnings) = pipeline::build_in_memory(dir.path(), &SiteOptions::default())
        .unwrap_or_else(|e| panic!("{}", common::list(&e.0)));
    let messages: Vec<String> = warnings.iter().map(common::shown).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with(
            "static/huisstijl.css:3: waarschuwing: de kleuren voor de kop van de site"
        ),
        "{}",
        messages[0]
    );
}

#[test]
fn a_token_file_from_elsewhere_is_refused() {
    let dir = site(&[
        (
            "kennisbank.yaml",
            "design_tokens: https://unpkg.com/@utrecht/design-tokens/dist/root.css\n",
        ),
        ("content/a.md", "---\ntitle: A\n---\nTekst.\n"),
    ]);
    let errors = common::build_errors(dir.path());
    assert!(
        errors.iter().any(|e| e.message.nl().contains("static/")),
        "{}",
        common::list(&errors)
    );
}

#[test]
fn the_404_page_has_a_search_field() {
    let out = build(&fixture("tokens"), &SiteOptions::default());
    let missing = page(&out, "404.html");
    assert_eq!(
        attrs(&missing, "main form[role=search]", "action"),
        ["/zoeken/"]
    );
    assert_eq!(attrs(&missing, "main input[type=search]", "name"), ["q"]);
}

fn sections_site(config: &str) -> tempfile::TempDir {
    site(&[
        ("kennisbank.yaml", config),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        (
            "content/projecten/_index.md",
            "---\ntitle: Voorbeeldprojecten\n---\nProjecten uit het land.\n",
        ),
        ("content/projecten/a.md", "---\ntitle: A\n---\nTekst.\n"),
        (
            "content/voor-gemeenten/_index.md",
            "---\ntitle: Voor gemeenten en trainers\n---\n",
        ),
        (
            "content/voor-gemeenten/b.md",
            "---\ntitle: B\n---\n| kolom | kolom |\n|---|---|\n| x | y |\n",
        ),
        ("content/definities/c.md", "---\ntitle: C\n---\nTekst.\n"),
        (
            "content/voor-gemeenten/diep/d.md",
            "---\ntitle: D\n---\nTekst.\n",
        ),
    ])
}

#[test]
fn the_default_menu_lists_every_top_level_section_titled_as_its_page() {
    let dir = sections_site("title: T\n");
    let out = build(dir.path(), &SiteOptions::default());
    let home = page(&out, "index.html");
    let menu = texts(&home, ".main-nav a");
    assert_eq!(
        menu,
        [
            "Definities",
            "Voorbeeldprojecten",
            "Voor gemeenten en trainers",
            "Alles van A tot Z"
        ]
    );
    let listing = page(&out, "projecten/index.html");
    assert_eq!(texts(&listing, "main h1"), ["Voorbeeldprojecten"]);
    // The current page is marked in the menu, and only it.
    assert_eq!(
        texts(&listing, ".main-nav a[aria-current=page]"),
        ["Voorbeeldprojecten"]
    );
    assert!(texts(&home, ".main-nav [aria-current]").is_empty());
}

#[test]
fn menu_from_the_config_with_links_and_a_warning_for_an_unknown_folder() {
    let dir = sections_site(
        "title: T\nmenu:\n  - voor-gemeenten\n  - projecten/\n  - title: Contact\n    url: https://gemeente.example.nl/contact\n  - bestaat-niet\n",
    );
    let (out, warnings) = pipeline::build_in_memory(dir.path(), &SiteOptions::default())
        .unwrap_or_else(|e| panic!("{}", common::list(&e.0)));
    let home = page(&out, "index.html");
    assert_eq!(
        texts(&home, ".main-nav a"),
        [
            "Voor gemeenten en trainers",
            "Voorbeeldprojecten",
            "Contact",
            "Alles van A tot Z"
        ]
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.message.nl().contains("`bestaat-niet`")),
        "{}",
        common::list(&warnings)
    );
}

#[test]
fn a_table_scrolls_in_a_labelled_focusable_region() {
    let dir = sections_site("title: T\n");
    let out = build(dir.path(), &SiteOptions::default());
    let note = page(&out, "voor-gemeenten/b/index.html");
    assert_eq!(
        attrs(
            &note,
            ".prose div.table-scroll[role=region][tabindex='0'] > table",
            "class"
        )
        .len(),
        0,
        "tables have no class of their own"
    );
    assert_eq!(
        attrs(
            &note,
            ".prose div.table-scroll[role=region][tabindex='0']",
            "aria-label"
        ),
        ["Tabel 1"]
    );
    assert_eq!(texts(&note, ".table-scroll > table th"), ["kolom", "kolom"]);
}

#[test]
fn the_phone_menu_button_controls_the_menu() {
    let out = build(&fixture("tokens"), &SiteOptions::default());
    let home = page(&out, "index.html");
    assert_eq!(
        attrs(&home, "button.menu-toggle", "aria-controls"),
        ["hoofdmenu"]
    );
    assert_eq!(attrs(&home, "nav.main-nav", "id"), ["hoofdmenu"]);
}

fn words_site(config: &str) -> tempfile::TempDir {
    site(&[
        ("kennisbank.yaml", config),
        (
            "content/_index.md",
            "---\ntitle: Start\n---\nZie [[Golden Sports]] en [[Buurtbus]].\n",
        ),
        (
            "content/projecten/golden-sports.md",
            "---\ntitle: Golden Sports\naliases: [Gouden sport]\n---\nTekst.\n",
        ),
        (
            "content/projecten/buurtbus.md",
            "---\ntitle: Buurtbus\n---\nRijdt naar [[Golden Sports]].\n",
        ),
    ])
}

#[test]
fn reader_words_counts_backlinks_without_the_home_page_and_no_aliases() {
    let dir = words_site("title: T\n");
    let out = build(dir.path(), &SiteOptions::default());
    let listing = page(&out, "projecten/index.html");
    assert_eq!(texts(&listing, ".result-count"), ["2 voorbeeldprojecten"]);
    assert_eq!(
        attrs(&listing, ".result-count [data-unit]", "data-one"),
        ["voorbeeldproject"]
    );
    let note = page(&out, "projecten/golden-sports/index.html");
    assert_eq!(
        texts(&note, "#backlinks-title"),
        ["Pagina's die hiernaar verwijzen"]
    );
    assert_eq!(
        texts(&note, ".backlinks li > a"),
        ["Buurtbus"],
        "not the home page"
    );
    assert!(texts(&note, ".aliases").is_empty());
}

#[test]
fn aliases_are_shown_when_the_config_asks() {
    let dir = words_site("title: T\nshow_aliases: true\n");
    let out = build(dir.path(), &SiteOptions::default());
    let note = page(&out, "projecten/golden-sports/index.html");
    assert_eq!(texts(&note, ".aliases"), ["Ook bekend als: Gouden sport"]);
}

#[test]
fn dates_are_labelled_and_many_backlinks_fold_by_kind() {
    let mut files = vec![(
        "content/doel.md".to_string(),
        "---\ntitle: Doel\ndate: 2025-01-02\nupdated: 2025-03-04\n---\nTekst.\n".to_string(),
    )];
    for i in 0..8 {
        files.push((
            format!("content/projecten/p{i}.md"),
            format!("---\ntitle: Project {i}\n---\n[[Doel]]\n"),
        ));
    }
    for i in 0..4 {
        files.push((
            format!("content/definities/d{i}.md"),
            format!("---\ntitle: Definitie {i}\n---\n[[Doel]]\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = site(&refs);
    let out = build(dir.path(), &SiteOptions::default());
    let note = page(&out, "doel/index.html");
    assert_eq!(
        texts(&note, ".note-header .meta"),
        ["Gepubliceerd 2 januari 2025 · Bijgewerkt 4 maart 2025"]
    );
    assert_eq!(
        attrs(&note, ".note-header .meta time", "datetime"),
        ["2025-01-02", "2025-03-04"]
    );
    let groups = texts(&note, ".backlinks details > summary");
    assert_eq!(groups, ["Definities 4", "Voorbeeldprojecten 8"]);
    assert_eq!(texts(&note, ".backlinks details li").len(), 12);
}

#[test]
fn headings_link_to_themselves_and_an_edit_link_follows_the_pattern() {
    let dir = site(&[
        (
            "kennisbank.yaml",
            "edit_url: https://gitlab.example.nl/kb/-/edit/main/{path}\n",
        ),
        (
            "content/a.md",
            "---\ntitle: A\n---\n## Eerste kop\n\nTekst.\n",
        ),
    ]);
    let out = build(dir.path(), &SiteOptions::default());
    let note = page(&out, "a/index.html");
    assert_eq!(
        attrs(&note, ".prose h2 a.heading-anchor", "href"),
        ["#eerste-kop"]
    );
    assert_eq!(
        attrs(&note, ".edit-link a", "href"),
        ["https://gitlab.example.nl/kb/-/edit/main/content/a.md"]
    );
    assert_eq!(attrs(&note, ".back-to-top a", "href"), ["#boven"]);
}

#[test]
fn without_updated_the_last_commit_in_git_is_bijgewerkt() {
    let dir = site(&[(
        "content/a.md",
        "---\ntitle: A\ndate: 2025-01-02\n---\nTekst.\n",
    )]);
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.nl")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.nl")
            .env("GIT_COMMITTER_DATE", "2025-06-07T12:00:00+02:00")
            .env("GIT_AUTHOR_DATE", "2025-06-07T12:00:00+02:00")
            .output()
    };
    let Ok(init) = git(&["init", "-q"]) else {
        return eprintln!("SKIPPED: no git");
    };
    assert!(init.status.success());
    assert!(git(&["add", "."]).unwrap().status.success());
    assert!(git(&["commit", "-qm", "eerste"]).unwrap().status.success());
    let out = build(dir.path(), &SiteOptions::default());
    let note = page(&out, "a/index.html");
    assert_eq!(
        texts(&note, ".note-header .meta"),
        ["Gepubliceerd 2 januari 2025 · Bijgewerkt 7 juni 2025"]
    );
}

#[test]
fn the_search_page_has_one_search_field() {
    let out = build(&fixture("tokens"), &SiteOptions::default());
    let search = page(&out, "zoeken/index.html");
    assert_eq!(
        attrs(&search, "input[type=search]", "id"),
        ["zoekpagina-veld"]
    );
    let home = page(&out, "index.html");
    assert_eq!(attrs(&home, "input[type=search]", "id"), ["zoekveld"]);
}
