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
