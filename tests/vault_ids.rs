//! Ids on a page that embeds other notes: a block id written after an embed names the embed,
//! and headings (and footnotes) of embedded notes never repeat an id the page already has.

mod common;

use std::collections::HashSet;

use common::{attrs, fixture, links, page, texts};
use kennisbank::pipeline;
use scraper::Selector;

fn pagina() -> (scraper::Html, Vec<String>) {
    let (out, warnings) = pipeline::build_in_memory(&fixture("vault_ids"), &Default::default())
        .unwrap_or_else(|e| panic!("the vault should build:\n{}", common::list(&e.0)));
    (
        page(&out, "pagina/index.html"),
        warnings
            .iter()
            .map(|w| w.display(kennisbank::language::Language::En).to_string())
            .collect(),
    )
}

#[test]
fn a_block_id_after_an_embed_names_the_embed() {
    let (html, warnings) = pagina();
    assert_eq!(attrs(&html, ".prose img#\\^foto", "src"), ["/foto.png"]);
    let section = texts(&html, ".prose .markdown-embed#\\^sectie");
    assert_eq!(section.len(), 1, "{section:?}");
    assert!(section[0].contains("Twee begint."), "{section:?}");
    assert!(
        texts(&html, ".prose p").iter().all(|t| !t.contains('^')),
        "{:?}",
        texts(&html, ".prose p")
    );
    let hrefs: Vec<String> = links(&html, ".prose p a")
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert!(hrefs.contains(&"/pagina/#^foto".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/pagina/#^sectie".to_string()), "{hrefs:?}");
    assert!(
        warnings
            .iter()
            .all(|w| !w.contains("^foto") && !w.contains("^sectie")),
        "{warnings:#?}"
    );
}

#[test]
fn embedded_headings_do_not_repeat_the_pages_ids() {
    let (html, _) = pagina();
    let all = Selector::parse("[id]").unwrap();
    let ids: Vec<&str> = html
        .select(&all)
        .filter_map(|e| e.value().attr("id"))
        .collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "an id twice: {ids:?}");
    // The page's own heading keeps its id; links to it and the contents land there.
    let own = Selector::parse("#inleiding").unwrap();
    let heading = html.select(&own).next().expect("#inleiding");
    assert!(heading.text().collect::<String>().starts_with("Inleiding"));
    assert!(
        heading.ancestors().all(|a| a
            .value()
            .as_element()
            .is_none_or(|e| !e.classes().any(|c| c == "markdown-embed"))),
        "#inleiding should be the page's own heading"
    );
    // An embedded footnote's link follows its renamed target.
    let refs = attrs(&html, ".markdown-embed sup a", "href");
    assert_eq!(refs.len(), 3, "{refs:?}");
    for href in refs {
        let target = href.trim_start_matches('#');
        assert!(unique.contains(target), "{href} points nowhere: {ids:?}");
    }
}
