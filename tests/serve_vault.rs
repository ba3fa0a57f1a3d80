//! `serve` of an Obsidian vault (no `content/`): the notes anywhere in the folder, edits of
//! embedded notes and property links, and a note moved into an ignored folder, each step
//! checked byte for byte against a full build.

mod serve_support;

use kennisbank::serve::{Changes, Output, SiteState};
use serve_support::{TempSite, apply_and_compare, content_changes, options};

#[test]
fn a_vault_is_served_as_a_full_build_would_build_it() {
    let site = TempSite::new();
    site.remove("content");
    site.write(".obsidian/app.json", r#"{"userIgnoreFilters": ["Privé/"]}"#);
    site.write("Start.md", "Zie [[Buurt]] en [[Geheim]].\n\n![[Buurt]]\n");
    site.write(
        "Map/Buurt.md",
        "---\norganisatie: \"[[Start]]\"\n---\nEerste tekst.\n",
    );
    site.write("Privé/Geheim.md", "GEHEIM\n");
    let opts = options();
    let mut state = SiteState::load(site.root(), &opts);
    let mut output = Output::default();
    let first = apply_and_compare(
        &site,
        &opts,
        &mut state,
        &mut output,
        &Changes::default(),
        "load",
    );
    assert!(
        first.rendered.contains("start/index.html"),
        "{:?}",
        first.rendered
    );
    assert!(first.rendered.contains("map/buurt/index.html"));
    assert!(!first.rendered.iter().any(|p| p.contains("geheim")));

    // The embedded note changes: the page that embeds it is rendered again (and equals a build).
    site.write(
        "Map/Buurt.md",
        "---\norganisatie: \"[[Start]]\"\n---\nTweede tekst.\n",
    );
    let step = apply_and_compare(
        &site,
        &opts,
        &mut state,
        &mut output,
        &content_changes(&["Map/Buurt.md"]),
        "edit the embedded note",
    );
    assert!(
        step.rendered.contains("start/index.html"),
        "{:?}",
        step.rendered
    );

    // The property link goes away: Start loses a backlink.
    site.write("Map/Buurt.md", "Derde tekst.\n");
    apply_and_compare(
        &site,
        &opts,
        &mut state,
        &mut output,
        &content_changes(&["Map/Buurt.md"]),
        "remove the property link",
    );

    // Into the ignored folder: unpublished, links to it become plain text.
    site.rename("Map/Buurt.md", "Privé/Buurt.md");
    apply_and_compare(
        &site,
        &opts,
        &mut state,
        &mut output,
        &content_changes(&["Map/Buurt.md", "Privé/Buurt.md"]),
        "move into the ignored folder",
    );
}
