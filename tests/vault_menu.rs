//! The default menu of a vault with many top-level folders keeps to one or two rows at 1280 px:
//! its biggest folders, as many as fit (at most 7, at most 100 characters of titles); the
//! all-notes page then lists every folder. Folders are titled as they are named.

mod common;

use common::{build, fixture, page, site, texts};

const MENU: &str = ".main-nav li:not(.scheme-item) a";

#[test]
fn a_vault_with_many_folders_gets_its_biggest_in_the_menu() {
    let out = build(&fixture("vault_menu"), &Default::default());
    let home = page(&out, "index.html");
    let menu = texts(&home, MENU);
    assert_eq!(
        menu,
        [
            "Aan de slag",
            "Bestanden en mappen",
            "Buurtwerk in de wijk",
            "Mantelzorg",
            "Sport en bewegen",
            "Wonen en welzijn",
            "Alles van A tot Z",
        ]
    );
    let chars: usize = menu[..menu.len() - 1]
        .iter()
        .map(|t| t.chars().count())
        .sum();
    assert!(chars <= 100, "{chars}");
    let all = page(&out, "alles/index.html");
    let folders = texts(&all, ".subsections .cards a");
    assert_eq!(folders.len(), 12, "{folders:?}");
    assert!(
        folders.contains(&"Obsidian Publish".to_string()),
        "{folders:?}"
    );
    assert!(
        folders.contains(&"Taal en meedoen".to_string()),
        "{folders:?}"
    );
}

#[test]
fn a_site_with_few_folders_shows_them_all_and_no_folder_list() {
    let dir = site(&[
        ("content/projecten/a.md", "---\ntitle: A\n---\n"),
        ("content/buurtwerk/b.md", "---\ntitle: B\n---\n"),
    ]);
    let out = build(dir.path(), &Default::default());
    assert_eq!(
        texts(&page(&out, "index.html"), MENU),
        ["Voorbeeldprojecten", "Buurtwerk", "Alles van A tot Z"]
    );
    assert!(texts(&page(&out, "alles/index.html"), ".subsections a").is_empty());
}

#[test]
fn a_site_without_diagrams_gets_no_copy_of_mermaid() {
    let without = build(&fixture("vault_menu"), &Default::default());
    assert!(without.get("js/vendor/mermaid.min.js").is_none());
    let with = build(&fixture("vault_mermaid"), &Default::default());
    assert!(with.get("js/vendor/mermaid.min.js").is_some());
    assert!(with.get("js/vendor/mermaid.LICENSE.txt").is_some());
    let html = page(&with, "stroom/index.html");
    assert_eq!(
        common::attrs(&html, "script[src*=mermaid]", "src").len(),
        1,
        "the diagram page loads Mermaid"
    );
    let plain = page(&with, "gewoon/index.html");
    assert!(common::attrs(&plain, "script[src*=mermaid]", "src").is_empty());
    // Without scripts the text and the notice are there.
    assert_eq!(texts(&html, "figure.diagram-mermaid pre.mermaid").len(), 1);
    assert_eq!(
        texts(&html, "figure.diagram-mermaid .diagram-notice").len(),
        1
    );
}
