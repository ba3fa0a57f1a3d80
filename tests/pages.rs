//! The pages every site gets: home, kind listings (publications with publisher and year, the
//! lexicon A–Z), sections, reading lists in order, 404, feed and sitemap, and English.

mod common;

use common::{attrs, build, links, page, site, texts};
use kennisbank::site::SiteOptions;

fn kinds_site() -> tempfile::TempDir {
    site(&[
        (
            "content/_index.md",
            "---\ntitle: Kennisbank test\n---\nWelkom bij de **test**.\n",
        ),
        (
            "content/lexicon/_index.md",
            "---\ntitle: Het lexicon\n---\nBegrippen van A tot Z.\n",
        ),
        (
            "content/lexicon/nabijheid.md",
            "---\ntitle: Nabijheid\ndate: 2025-03-01\n---\nDichtbij.\n",
        ),
        (
            "content/lexicon/eenzaamheid.md",
            "---\ntitle: Één-ouder gezin\ndate: 2025-04-01\n---\n",
        ),
        ("content/lexicon/buurt.md", "---\ntitle: buurt\n---\n"),
        (
            "content/publicaties/a.md",
            "---\ntitle: Cijfers en de sociale basis\nurl: https://www.movisie.nl/publicatie/cijfers-sociale-basis\npublisher: Movisie\nyear: 2023\n---\n",
        ),
        (
            "content/publicaties/b.md",
            "---\ntitle: Position paper\nurl: https://www.verwey-jonker.nl/x/\npublisher: Verwey-Jonker Instituut\n---\n",
        ),
        (
            "content/leeslijsten/meer.md",
            "---\ntitle: Meer lezen\n---\n1. [[Position paper]]\n2. [[Cijfers en de sociale basis]]\n3. [Extern](https://www.zorgwelzijn.nl/)\n",
        ),
        (
            "content/wiki/diep/notitie.md",
            "---\ntitle: Diepe notitie\n---\n",
        ),
    ])
}

#[test]
fn home_page_shows_its_text_and_invites_in_by_kind() {
    let out = build(kinds_site().path(), &Default::default());
    let home = page(&out, "index.html");
    assert_eq!(texts(&home, "h1"), ["Kennisbank test"]);
    assert_eq!(texts(&home, "main .prose strong"), ["test"]);
    let kinds: Vec<String> = links(&home, "#soorten ~ ul a")
        .into_iter()
        .map(|(_, href)| href)
        .collect();
    assert_eq!(
        kinds,
        ["/lexicon/", "/publicaties/", "/leeslijsten/", "/notities/"]
    );
    assert_eq!(common::attrs(&home, "html", "lang"), ["nl"]);
}

#[test]
fn lexicon_listing_is_a_to_z_with_the_sections_intro() {
    let out = build(kinds_site().path(), &Default::default());
    let html = page(&out, "lexicon/index.html");
    assert_eq!(texts(&html, "h1"), ["Het lexicon"]);
    assert_eq!(texts(&html, ".intro p"), ["Begrippen van A tot Z."]);
    assert_eq!(texts(&html, ".letter-group h2"), ["B", "E", "N"]);
    assert_eq!(
        texts(&html, ".letter-group li > a"),
        ["buurt", "Één-ouder gezin", "Nabijheid"]
    );
}

#[test]
fn publications_listing_shows_publisher_and_year() {
    let out = build(kinds_site().path(), &Default::default());
    let html = page(&out, "publicaties/index.html");
    assert_eq!(
        texts(&html, "table.items-table th"),
        ["Titel", "Uitgever", "Jaar"]
    );
    let rows = texts(&html, "table.items-table tbody tr td:not(:first-child)");
    assert_eq!(rows, ["Movisie", "2023", "Verwey-Jonker Instituut", ""]);
    let publication = page(&out, "publicaties/a/index.html");
    assert_eq!(texts(&publication, "dl.facts dd"), ["Movisie", "2023"]);
}

#[test]
fn reading_list_keeps_its_order() {
    let out = build(kinds_site().path(), &Default::default());
    let html = page(&out, "leeslijsten/meer/index.html");
    assert_eq!(
        links(&html, ".prose ol a"),
        [
            ("Position paper".to_string(), "/publicaties/b/".to_string()),
            (
                "Cijfers en de sociale basis".into(),
                "/publicaties/a/".into()
            ),
            ("Extern".into(), "https://www.zorgwelzijn.nl/".into()),
        ]
    );
}

#[test]
fn sections_list_their_notes_and_subsections() {
    let out = build(kinds_site().path(), &Default::default());
    let wiki = page(&out, "wiki/index.html");
    assert_eq!(texts(&wiki, ".subsections li a"), ["Diep"]);
    let diep = page(&out, "wiki/diep/index.html");
    assert_eq!(texts(&diep, "ul.items li > a"), ["Diepe notitie"]);
    assert_eq!(texts(&diep, ".crumbs a"), ["Startpagina", "Wiki"]);
}

#[test]
fn not_found_feed_and_sitemap() {
    let options = SiteOptions {
        base_url: Some("https://kb.example.nl/".into()),
        ..Default::default()
    };
    let out = build(kinds_site().path(), &options);
    let not_found = page(&out, "404.html");
    assert_eq!(texts(&not_found, "h1"), ["Pagina niet gevonden"]);
    let feed = out.text("atom.xml").unwrap();
    let first = feed.find("Één-ouder gezin").expect("dated note in feed");
    let second = feed.find("Nabijheid").expect("dated note in feed");
    assert!(first < second, "newest first");
    assert!(!feed.contains("Position paper"), "only dated notes");
    let sitemap = out.text("sitemap.xml").unwrap();
    assert!(sitemap.contains(
        "<loc>https://kb.example.nl/lexicon/nabijheid/</loc><lastmod>2025-03-01</lastmod>"
    ));
    assert!(!sitemap.contains("404"));
    // The feed is dated by its newest note, never 1970.
    assert!(feed.contains("<updated>"), "{feed}");
    assert!(!feed.contains("1970"), "{feed}");
}

#[test]
fn without_the_sites_address_there_is_no_sitemap_and_a_warning_says_why() {
    let dir = kinds_site();
    common::write(dir.path(), "kennisbank.yaml", b"title: T\nbase_url: /\n");
    let (out, warnings) = kennisbank::pipeline::build_in_memory(dir.path(), &Default::default())
        .unwrap_or_else(|e| panic!("{}", common::list(&e.0)));
    assert!(out.text("sitemap.xml").is_none());
    assert!(
        out.text("atom.xml").is_some(),
        "dated notes still make a feed"
    );
    let messages: Vec<String> = warnings.iter().map(common::shown).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("kennisbank.yaml"),
        "{}",
        messages[0]
    );
    for needed in ["base_url", "sitemap.xml", "QR-code", "feed"] {
        assert!(messages[0].contains(needed), "{needed}: {}", messages[0]);
    }
}

#[test]
fn a_site_without_dated_notes_has_no_feed_and_no_feed_link() {
    let dir = site(&[("content/a.md", "---\ntitle: A\n---\nTekst.\n")]);
    let out = build(dir.path(), &Default::default());
    assert!(out.text("atom.xml").is_none());
    // A folder without kennisbank.yaml is a sketch: no warning about its address.
    let (_, warnings) = kennisbank::pipeline::build_in_memory(dir.path(), &Default::default())
        .unwrap_or_else(|e| panic!("{}", common::list(&e.0)));
    assert!(warnings.is_empty(), "{}", common::list(&warnings));
    let home = page(&out, "index.html");
    assert!(attrs(&home, "link[rel=alternate]", "href").is_empty());
}

#[test]
fn english_interface_when_language_is_en() {
    let dir = site(&[
        ("kennisbank.yaml", "language: en\ntitle: Knowledge base\n"),
        (
            "content/projects/a.md",
            "---\ntitle: A project\n---\n[[b]]\n",
        ),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ]);
    let out = build(dir.path(), &Default::default());
    let html = page(&out, "projects/a/index.html");
    assert_eq!(common::attrs(&html, "html", "lang"), ["en"]);
    assert_eq!(texts(&html, ".kind"), ["Example project"]);
    assert!(out.get("projects/index.html").is_some());
    assert!(out.get("search/index.html").is_some());
    let b = page(&out, "b/index.html");
    assert_eq!(texts(&b, ".backlinks h2"), ["Pages that link here"]);
}

#[test]
fn a_site_template_overrides_the_theme_by_name() {
    let dir = site(&[
        ("content/a.md", "---\ntitle: A\n---\n"),
        (
            "templates/note.html",
            "<!doctype html><title>{{ page.title }}</title><p class=eigen>{{ page.title }}</p>",
        ),
        ("static/eigen.txt", "statisch"),
    ]);
    let out = build(dir.path(), &Default::default());
    assert_eq!(texts(&page(&out, "a/index.html"), "p.eigen"), ["A"]);
    assert_eq!(out.text("eigen.txt"), Some("statisch"));
    assert!(
        out.text("css/site.css").is_some(),
        "theme static files stay"
    );
}
