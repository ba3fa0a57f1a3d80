//! Addresses that run code never become links, and raw HTML can be switched off (issue 12,
//! fault 12).

mod common;

use kennisbank::site::SiteOptions;

#[test]
fn script_addresses_in_front_matter_and_bodies_are_errors_at_their_line() {
    let site = unsafe_site("strict: true\nbase_url: https://kb.example.nl/\n");
    let errors = common::build_errors(site.path());
    let shown: Vec<String> = errors.iter().map(common::shown).collect();
    for at in [
        "content/projecten/p.md:3: fout: `website`",
        "content/publicaties/q.md:3: fout: `url`",
        "content/n.md:4: fout: link weggelaten",
        "content/n.md:6: fout: link weggelaten",
        "content/n.md:8: fout: link weggelaten",
    ] {
        assert!(shown.iter().any(|d| d.starts_with(at)), "{at}: {shown:#?}");
    }
    assert_eq!(errors.len(), 5, "{shown:#?}");
}

#[test]
fn lenient_builds_drop_script_addresses_with_a_warning() {
    let site = unsafe_site("base_url: https://kb.example.nl/\n");
    let (out, warnings) =
        kennisbank::pipeline::build_in_memory(site.path(), &SiteOptions::default())
            .expect("a lenient build drops the addresses and goes on");
    let shown: Vec<String> = warnings.iter().map(common::shown).collect();
    for at in [
        "content/projecten/p.md:3: waarschuwing: `website`",
        "content/publicaties/q.md:3: waarschuwing: `url`",
        "content/n.md:4: waarschuwing: link weggelaten",
        "content/n.md:6: waarschuwing: link weggelaten",
        "content/n.md:8: waarschuwing: link weggelaten",
    ] {
        assert!(shown.iter().any(|d| d.starts_with(at)), "{at}: {shown:#?}");
    }
    let page = out.text("n/index.html").expect("the note is published");
    // The address may stay visible as text; it is never an attribute a browser follows.
    assert!(!page.contains("=\"javascript:"), "{page}");
    assert!(!page.contains("=\"data:text"), "{page}");
}

fn unsafe_site(config: &str) -> tempfile::TempDir {
    common::site(&[
        ("kennisbank.yaml", config),
        ("content/_index.md", "---\ntitle: Start\n---\nWelkom.\n"),
        (
            "content/projecten/p.md",
            "---\ntitle: Project\nwebsite: javascript:alert(3)\n---\nTekst.\n",
        ),
        (
            "content/publicaties/q.md",
            "---\ntitle: Publicatie\nurl: \"vbscript:msgbox\"\n---\nTekst.\n",
        ),
        (
            "content/n.md",
            "---\ntitle: Notitie\n---\n[klik](javascript:alert(1))\n\n![x](data:text/html,<script>)\n\n<javascript:alert(2)>\n\n[ok](https://a.nl/) ![png](data:image/png;base64,AAAA)\n",
        ),
    ])
}

#[test]
fn a_dropped_link_keeps_its_text_and_no_page_carries_the_address() {
    // What a lenient build will serve (`url_safety::unsafe_url_level` gives a warning there):
    // the parse already drops the link, whatever the level.
    let body = kennisbank::markdown::parse(
        "Zie [de site](javascript:alert(1)) hier.\n",
        &kennisbank::markdown::BodyPosition {
            lines: &kennisbank::diagnostic::LineIndex::new("Zie\n"),
            body_offset: 0,
            note_path: std::path::Path::new("content/n.md"),
            base_path: "/",
            raw_html: true,
        },
    );
    assert_eq!(body.html().trim(), "<p>Zie de site hier.</p>");
    assert_eq!(body.unsafe_links.len(), 1);
}

#[test]
fn raw_html_is_escaped_when_switched_off() {
    let files = |raw_html: &str| {
        common::site(&[
            ("kennisbank.yaml", raw_html),
            (
                "content/_index.md",
                "---\ntitle: Start\n---\n<div onclick=\"x()\">blok</div>\n\nTekst met <b>vet</b>.\n",
            ),
        ])
    };
    let on = files("title: Aan\n");
    let out = common::build(on.path(), &SiteOptions::default());
    // On, the HTML stays HTML, without what runs code (`tests/raw_html.rs`).
    let home = out.text("index.html").unwrap();
    assert!(home.contains("<div>blok</div>"), "{home}");
    assert!(home.contains("Tekst met <b>vet</b>."), "{home}");
    let off = files("title: Uit\nmarkdown:\n  raw_html: false\n");
    let out = common::build(off.path(), &SiteOptions::default());
    let home = out.text("index.html").unwrap();
    assert!(!home.contains("<div onclick"), "{home}");
    assert!(
        home.contains("&lt;div onclick=\"x()\"&gt;blok&lt;/div&gt;"),
        "{home}"
    );
    assert!(home.contains("Tekst met &lt;b&gt;vet&lt;/b&gt;."), "{home}");
}
