//! CommonMark + GFM as editors write it: tables, footnotes, strikethrough, task lists, headings
//! with anchors. The rendered body is pinned with a snapshot so any change is seen in review.

mod common;

use common::{build, page, site, texts};
use scraper::Selector;

const NOTE: &str = "---
title: Opmaak
---
## Tabel en voetnoot

| Sfeer | Rol van de gemeente |
|---|---|
| informeel | ruimte geven |
| formeel | regisseren |

Een bewering met een voetnoot.[^1]

## Lijsten

- [x] visie op de sociale basis
- [ ] stakeholders betrekken

~~individueel, tenzij~~ collectief, tenzij.

[^1]: Bron: Gespreksmodel sociale basis.
";

#[test]
fn gfm_features_render() {
    let dir = site(&[("content/opmaak.md", NOTE)]);
    let out = build(dir.path(), &Default::default());
    let html = page(&out, "opmaak/index.html");
    assert_eq!(
        texts(&html, ".prose table th"),
        ["Sfeer", "Rol van de gemeente"]
    );
    assert_eq!(texts(&html, ".prose table tbody tr").len(), 2);
    assert_eq!(texts(&html, ".prose del"), ["individueel, tenzij"]);
    let checkboxes = html
        .select(&Selector::parse(".prose input[type=checkbox]").unwrap())
        .count();
    assert_eq!(checkboxes, 2);
    assert_eq!(
        texts(&html, ".prose .footnote-definition"),
        ["1 Bron: Gespreksmodel sociale basis."]
    );
    assert_eq!(
        texts(&html, ".toc a"),
        Vec::<String>::new(),
        "two headings need no table of contents"
    );

    let body = html
        .select(&Selector::parse("div.prose").unwrap())
        .next()
        .unwrap()
        .inner_html();
    insta::assert_snapshot!(body);
}

/// One note with every Obsidian construct parse renders itself; embeds stay placeholders for
/// render, links stay placeholders for link.
const OBSIDIAN: &str = r#"Een alinea met ==gemarkeerde== tekst, een #trefwoord en #genest/woord. ^intro

%% Dit commentaar komt nergens. %%

> [!tip] Een eigen titel
> Met **inhoud**.
>
> > [!warning]- Genest en ingeklapt
> > Verborgen tekst.

> [!FAQ]+
> Open vraag.

> [!recept] Alleen een titel

- [ ] open
- [x] klaar
- [?] vraag
- [-] vervallen ^taak

| Kolom | Link |
|---|---|
| a | [[Doel\|met label]] |

^tabel

Een voetnoot.^[Inline, met *nadruk*.] Formule $e^{i\pi}+1=0$ en [[#Een alinea|hier]].

![[Andere notitie#Kop]]

Een plaatje ![Buurtbus|200x100](https://example.org/bus.jpg) en [app](obsidian://open?vault=x).

```mermaid
graph TD
A --> B
```
"#;

fn parse_alone(body: &str) -> kennisbank::markdown::ParsedBody {
    use kennisbank::diagnostic::LineIndex;
    use kennisbank::markdown::{BodyPosition, parse};
    let lines = LineIndex::new(body);
    let pos = BodyPosition {
        lines: &lines,
        body_offset: 0,
        note_path: std::path::Path::new("content/notitie.md"),
        base_path: "/",
        raw_html: true,
    };
    parse(body, &pos)
}

#[test]
fn obsidian_markdown_renders_in_parse() {
    let body = parse_alone(OBSIDIAN);
    let html = scraper::Html::parse_fragment(&body.html());
    let select = |s: &str| texts(&html, s);
    assert_eq!(select("p#\\^intro mark"), ["gemarkeerde"]);
    assert_eq!(select(".tag"), ["#trefwoord", "#genest/woord"]);
    assert_eq!(
        select(
            "div.callout[data-callout=tip] > .callout-content details.callout.is-collapsed > summary .callout-title-inner"
        ),
        ["Waarschuwing: Genest en ingeklapt"]
    );
    assert_eq!(
        select("details.callout[data-callout=faq][open] .callout-title-inner"),
        ["Vraag"]
    );
    assert_eq!(
        select(".callout[data-callout=recept] .callout-title-inner"),
        ["Notitie: Alleen een titel"]
    );
    assert_eq!(select("li[data-task]").len(), 4, "{}", body.html());
    assert_eq!(select("li#\\^taak[data-task='-']"), ["vervallen"]);
    assert_eq!(select("table#\\^tabel td a"), ["met label"]);
    assert_eq!(select(".footnote-definition"), ["1 Inline, met nadruk."]);
    assert_eq!(select("math").len(), 1);
    assert_eq!(select("pre.mermaid"), ["graph TD A --> B"]);
    assert!(!body.html().contains("commentaar"));
    assert!(!body.html().contains("obsidian://"));

    let tags: Vec<_> = body.tags.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(tags, ["trefwoord", "genest/woord"]);
    let ids: Vec<_> = body.block_ids.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["intro", "taak", "tabel"]);
    assert_eq!(body.embeds.len(), 1);
    assert_eq!(body.embeds[0].fragment.as_deref(), Some("Kop"));
    assert_eq!(body.embeds[0].line, 29);
    assert_eq!(
        body.obsidian_links,
        [("obsidian://open?vault=x".to_string(), 31)]
    );
    assert!(body.has_math && body.has_mermaid);

    insta::assert_snapshot!(body.html());
}

#[test]
fn a_page_with_callouts_loads_their_styles() {
    let dir = site(&[(
        "content/opmaak.md",
        "---\ntitle: Opmaak\n---\n> [!note] Let op\n> Tekst.\n",
    )]);
    let out = build(dir.path(), &Default::default());
    let html = page(&out, "opmaak/index.html");
    assert_eq!(
        texts(&html, ".prose .callout .callout-title-inner"),
        ["Notitie: Let op"]
    );
    let styles: Vec<_> = html
        .select(&Selector::parse("link[rel=stylesheet]").unwrap())
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(
        styles.iter().any(|s| s.starts_with("/css/callouts.css?v=")),
        "{styles:?}"
    );
    assert!(out.text("css/callouts.css").is_some());
}
