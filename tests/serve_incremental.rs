//! `serve` renders only what an edit changes: a table of edits with the pages each must
//! render again (and must not), every step also checked against a full build.

mod serve_support;

use std::collections::BTreeSet;

use kennisbank::serve::{Changes, Output, SiteState};
use serve_support::{NoteSpec, TempSite, apply_and_compare, content_changes, options};

struct Fixture {
    site: TempSite,
    state: SiteState,
    output: Output,
    /// How many pages the first update rendered: all of them.
    all: usize,
}

impl Fixture {
    /// Three projects linking in a chain, a lexicon entry and a reading list of two of them.
    fn new() -> Fixture {
        let site = TempSite::new();
        site.write("kennisbank.yaml", "title: Proef\nstrict: true\n");
        for (file, title, links, tags) in [
            ("a.md", "Alfa", vec!["Bravo"], vec!["sport"]),
            ("b.md", "Bravo", vec!["Charlie"], vec!["sport"]),
            ("c.md", "Charlie", vec![], vec!["wonen"]),
        ] {
            let mut spec = NoteSpec::new(title);
            spec.kind = "project";
            spec.summary = Some(format!("Over {title}"));
            spec.links = links.into_iter().map(String::from).collect();
            spec.tags = tags.into_iter().map(String::from).collect();
            spec.date = Some("2025-01-01".into());
            site.note(&format!("content/projecten/{file}"), &spec);
        }
        let mut term = NoteSpec::new("Buurtkracht");
        term.kind = "lexicon";
        term.summary = Some("Wat een buurt samen kan".into());
        site.note("content/lexicon/buurtkracht.md", &term);
        let mut list = NoteSpec::new("Leeslijst");
        list.kind = "reading-list";
        list.summary = Some("Om te lezen".into());
        list.links = vec!["Alfa".into(), "Charlie".into()];
        site.note("content/leeslijsten/leeslijst.md", &list);
        let state = SiteState::load(site.root(), &options());
        let mut fixture = Fixture {
            site,
            state,
            output: Output::default(),
            all: 0,
        };
        let first = fixture.step(&Changes::default());
        assert!(
            first.contains("index.html") && first.contains("projecten/a/index.html"),
            "the first update renders every page: {first:?}"
        );
        fixture.all = first.len();
        fixture
    }

    /// Applies changes; returns the pages rendered (checked against a full build).
    fn step(&mut self, changes: &Changes) -> BTreeSet<String> {
        apply_and_compare(
            &self.site,
            &options(),
            &mut self.state,
            &mut self.output,
            changes,
            &format!("{changes:?}"),
        )
        .rendered
    }

    fn edit(&mut self, file: &str, spec: &NoteSpec) -> BTreeSet<String> {
        let path = format!("content/{file}");
        self.site.note(&path, spec);
        self.step(&content_changes(&[&path]))
    }
}

fn project(title: &str, links: &[&str], tags: &[&str]) -> NoteSpec {
    let mut spec = NoteSpec::new(title);
    spec.kind = "project";
    spec.summary = Some(format!("Over {title}"));
    spec.links = links.iter().map(|s| s.to_string()).collect();
    spec.tags = tags.iter().map(|s| s.to_string()).collect();
    spec.date = Some("2025-01-01".into());
    spec
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_body_edit_renders_only_the_note_itself() {
    let mut f = Fixture::new();
    let mut bravo = project("Bravo", &["Charlie"], &["sport"]);
    bravo.body = "Een nieuwe alinea.".into();
    assert_eq!(
        f.edit("projecten/b.md", &bravo),
        set(&["projecten/b/index.html"])
    );
}

#[test]
fn a_new_link_renders_the_note_and_its_new_target() {
    let mut f = Fixture::new();
    let bravo = project("Bravo", &["Charlie", "Buurtkracht"], &["sport"]);
    assert_eq!(
        f.edit("projecten/b.md", &bravo),
        set(&["projecten/b/index.html", "lexicon/buurtkracht/index.html"])
    );
}

#[test]
fn a_title_change_renders_where_the_title_shows_and_nowhere_else() {
    let mut f = Fixture::new();
    let mut bravo = project("Bravo", &["Charlie"], &["sport"]);
    bravo.title = "Bravo nieuw".into();
    bravo.aliases = vec!["Bravo".into()];
    let rendered = f.edit("projecten/b.md", &bravo);
    for shown in [
        "projecten/b/index.html",       // the note
        "projecten/c/index.html",       // its backlink on Charlie
        "projecten/index.html",         // the projects listing
        "alles/index.html",             // all notes
        "trefwoorden/sport/index.html", // its tag
        "index.html",                   // recent notes on the home page
    ] {
        assert!(rendered.contains(shown), "{shown} not in {rendered:?}");
    }
    for unrelated in [
        "lexicon/buurtkracht/index.html",
        "trefwoorden/wonen/index.html",
        "leeslijsten/leeslijst/index.html",
        "zoeken/index.html",
    ] {
        assert!(!rendered.contains(unrelated), "{unrelated} rendered");
    }
}

/// Renames Bravo (keeping the old title as an alias) and applies it, without rendering
/// what the update deferred.
fn retitle_bravo(f: &mut Fixture) -> kennisbank::serve::Update {
    let mut bravo = project("Bravo", &["Charlie"], &["sport"]);
    bravo.title = "Bravo nieuw".into();
    bravo.aliases = vec!["Bravo".into()];
    f.site.note("content/projecten/b.md", &bravo);
    f.state.apply(&content_changes(&["content/projecten/b.md"]))
}

/// The reload waits only for the pages a tab is likely to show; listings (seconds at
/// 100,000 notes) are rendered after it, and requests for them wait until they are in.
#[test]
fn a_title_change_reloads_before_its_listings_are_rendered() {
    let mut f = Fixture::new();
    let update = retitle_bravo(&mut f);
    let delta = update.delta.as_ref().expect("renders");
    let now: BTreeSet<&str> = delta.pages.iter().map(|(p, _)| p.as_str()).collect();
    assert!(now.contains("projecten/b/index.html"), "{now:?}");
    for later in ["projecten/index.html", "alles/index.html"] {
        assert!(!now.contains(later), "{later} rendered before the reload");
        assert!(
            delta.deferred.iter().any(|p| p == later),
            "{later} not deferred"
        );
    }
    f.output.apply(update, kennisbank::language::Language::Nl);
    assert!(f.output.is_pending("projecten/index.html"));
}

/// An edit that comes while the last one's listings are still to render does not wait for
/// them: they are rendered with the new version, and nothing stays stale.
#[test]
fn an_edit_before_the_last_ones_listings_were_rendered_renders_them_with_its_own() {
    let mut f = Fixture::new();
    let update = retitle_bravo(&mut f);
    f.output.apply(update, kennisbank::language::Language::Nl);
    assert!(f.state.has_deferred());
    // No `render_deferred` here: the next edit comes first.
    let mut charlie = project("Charlie", &[], &["wonen"]);
    charlie.body = "Een nieuwe alinea.".into();
    let rendered = f.edit("projecten/c.md", &charlie);
    for listing in ["projecten/index.html", "alles/index.html"] {
        assert!(rendered.contains(listing), "{listing} not in {rendered:?}");
    }
    assert!(!f.state.has_deferred());
}

#[test]
fn a_listed_note_changing_renders_the_reading_lists_that_list_it() {
    let mut f = Fixture::new();
    let mut charlie = project("Charlie", &[], &["wonen"]);
    charlie.summary = Some("Nieuwe samenvatting".into());
    let rendered = f.edit("projecten/c.md", &charlie);
    assert!(
        rendered.contains("leeslijsten/leeslijst/index.html"),
        "{rendered:?}"
    );
    assert!(rendered.contains("leeslijsten/leeslijst/handout/index.html"));
}

#[test]
fn adding_and_deleting_a_note_renders_its_listings() {
    let mut f = Fixture::new();
    let delta = project("Delta", &["Alfa"], &["sport"]);
    let added = f.edit("projecten/d.md", &delta);
    for shown in [
        "projecten/d/index.html",
        "projecten/a/index.html",
        "projecten/index.html",
        "trefwoorden/sport/index.html",
    ] {
        assert!(added.contains(shown), "{shown} not in {added:?}");
    }
    assert!(!added.contains("lexicon/buurtkracht/index.html"));
    f.site.remove("content/projecten/d.md");
    let removed = f.step(&content_changes(&["content/projecten/d.md"]));
    assert!(removed.contains("projecten/a/index.html"), "{removed:?}");
}

#[test]
fn a_template_change_renders_everything_and_a_static_file_nothing() {
    let mut f = Fixture::new();
    f.site.write("static/extra.css", "p { margin: 0 }");
    let layout = Changes {
        layout: true,
        ..Changes::default()
    };
    assert_eq!(f.step(&layout), set(&[]));
    f.site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Weg</h1>{% endblock main %}",
    );
    assert_eq!(f.step(&layout).len(), f.all);
}

#[test]
fn saving_a_note_unchanged_renders_nothing() {
    let mut f = Fixture::new();
    let bravo = project("Bravo", &["Charlie"], &["sport"]);
    assert_eq!(f.edit("projecten/b.md", &bravo), set(&[]));
}

#[test]
fn renaming_a_note_to_the_name_a_broken_link_uses_mends_that_link() {
    let mut f = Fixture::new();
    // Alfa links to a name no note has yet: an error, so nothing is rendered.
    let alfa = project("Alfa", &["Bravo nieuw"], &["sport"]);
    assert_eq!(f.edit("projecten/a.md", &alfa), set(&[]));
    let mut bravo = project("Bravo", &["Charlie"], &["sport"]);
    bravo.title = "Bravo nieuw".into();
    bravo.aliases = vec!["Bravo".into()];
    let rendered = f.edit("projecten/b.md", &bravo);
    assert!(rendered.contains("projecten/a/index.html"), "{rendered:?}");
}

#[test]
fn a_heading_added_to_a_note_mends_path_links_to_it() {
    let mut f = Fixture::new();
    let mut alfa = project("Alfa", &["Bravo"], &["sport"]);
    alfa.path_links = vec!["c.md#aanpak".into()];
    assert_eq!(
        f.edit("projecten/a.md", &alfa),
        set(&[]),
        "no heading yet: an error"
    );
    let mut charlie = project("Charlie", &[], &["wonen"]);
    charlie.headings = vec!["Aanpak".into()];
    let rendered = f.edit("projecten/c.md", &charlie);
    assert!(rendered.contains("projecten/a/index.html"), "{rendered:?}");
}

#[test]
fn a_note_edit_renders_the_bases_it_can_change_and_no_other() {
    let mut f = Fixture::new();
    f.site.write(
        "content/Sport.base",
        "filters: file.hasTag(\"sport\")\nviews:\n  - type: table\n    name: Sport\n    order: [file.name, summary]\n",
    );
    f.site.write(
        "content/Wonen.base",
        "filters: file.hasTag(\"wonen\")\nviews:\n  - type: list\n    name: Wonen\n    order: [file.name]\n",
    );
    let mut lexicon = NoteSpec::new("Buurtkracht");
    lexicon.kind = "lexicon";
    lexicon.summary = Some("Wat een buurt samen kan".into());
    lexicon.embeds = vec!["Wonen.base".into()];
    f.site.note("content/lexicon/buurtkracht.md", &lexicon);
    let added = f.step(&content_changes(&[
        "content/Sport.base",
        "content/Wonen.base",
        "content/lexicon/buurtkracht.md",
    ]));
    assert!(added.contains("sport-base/index.html"), "{added:?}");

    // Bravo is about sport: the sport base shows it, the other does not.
    let mut bravo = project("Bravo", &["Charlie"], &["sport"]);
    bravo.summary = Some("Anders".into());
    let rendered = f.edit("projecten/b.md", &bravo);
    assert!(rendered.contains("sport-base/index.html"), "{rendered:?}");
    assert!(!rendered.contains("wonen-base/index.html"), "{rendered:?}");
    assert!(
        !rendered.contains("lexicon/buurtkracht/index.html"),
        "{rendered:?}"
    );

    // Charlie is about housing: its base and the note embedding that base.
    let mut charlie = project("Charlie", &[], &["wonen"]);
    charlie.body = "Nieuw.".into();
    let rendered = f.edit("projecten/c.md", &charlie);
    assert!(rendered.contains("wonen-base/index.html"), "{rendered:?}");
    assert!(
        rendered.contains("lexicon/buurtkracht/index.html"),
        "{rendered:?}"
    );
    assert!(!rendered.contains("sport-base/index.html"), "{rendered:?}");

    // The base file itself: its page and the note that embeds it.
    f.site.write(
        "content/Wonen.base",
        "filters: file.hasTag(\"wonen\")\nviews:\n  - type: table\n    name: Wonen\n    order: [file.name]\n",
    );
    let rendered = f.step(&content_changes(&["content/Wonen.base"]));
    assert_eq!(
        rendered,
        set(&["wonen-base/index.html", "lexicon/buurtkracht/index.html"])
    );
}

/// A long listing's `items.json` (all its items, for the filters) is built when a page asks
/// for it, not after every edit: at 100,000 notes it was most of a title change's work.
#[test]
fn a_long_listings_items_are_built_when_asked_for_not_after_each_edit() {
    let site = long_listing();
    let mut state = SiteState::load(site.root(), &options());
    let mut output = Output::default();
    let items = kennisbank::serve::OnDemand::Items("alles/items.json".into());
    let built_now = |update: &kennisbank::serve::Update| -> BTreeSet<String> {
        let delta = update.delta.as_ref().expect("renders");
        let pages = delta.pages.iter().map(|(p, _)| p.clone());
        pages.chain(delta.deferred.iter().cloned()).collect()
    };
    let first = state.apply(&Changes::default());
    let rendered = built_now(&first);
    assert!(
        rendered.contains("alles/pagina/2/index.html"),
        "{rendered:?}"
    );
    assert!(
        !rendered.iter().any(|p| p.ends_with("items.json")),
        "{rendered:?}"
    );
    output.apply(first, kennisbank::language::Language::Nl);
    output.finish(state.render_deferred().0);

    let mut renamed = project("Project 000", &[], &["sport"]);
    renamed.title = "Zomerproject".into();
    site.note("content/projecten/p000.md", &renamed);
    let update = state.apply(&content_changes(&["content/projecten/p000.md"]));
    let mut rendered = built_now(&update);
    output.apply(update, kennisbank::language::Language::Nl);
    let later = state.render_deferred().0;
    rendered.extend(later.iter().map(|(path, _)| path.clone()));
    output.finish(later);
    for moved in ["alles/index.html", "alles/pagina/2/index.html"] {
        assert!(rendered.contains(moved), "{moved} not in {rendered:?}");
    }
    assert!(
        !rendered.iter().any(|p| p.ends_with("items.json")),
        "{rendered:?}"
    );
    assert!(output.is_stale(&items));

    let files = state.build_on_demand(&items).expect("no errors");
    let json = String::from_utf8(files[0].1.unpack()).unwrap();
    assert_eq!(files[0].0, "alles/items.json");
    assert!(json.contains("Zomerproject"), "{json}");
    assert!(!json.contains("Project 000"), "{json}");
    output.replace_group(items.clone(), files);
    assert!(!output.is_stale(&items));
    // A path named so that is no listing's builds to nothing.
    let none = kennisbank::serve::OnDemand::Items("lexicon/items.json".into());
    assert_eq!(state.build_on_demand(&none).map(|f| f.len()), Some(0));
    // And the whole served output is what a build gives.
    compare_as_is(&site, &mut state, &mut output, "after building the items");
}

/// 250 projects: the projects, all notes and the tag `sport` take three pages each.
fn long_listing() -> TempSite {
    let site = TempSite::new();
    site.write("kennisbank.yaml", "title: Proef\nstrict: true\n");
    for i in 0..250 {
        site.note(
            &format!("content/projecten/p{i:03}.md"),
            &project(&format!("Project {i:03}"), &[], &["sport"]),
        );
    }
    site
}

/// Of a long listing's pages an edit renders those it changed, and each page is then what a
/// build gives (`apply_and_compare`): where a note's summary shows, where a renamed note left
/// and where it went, and the pages in between, whose notes moved up by one.
#[test]
fn an_edit_renders_the_pages_of_a_long_listing_it_changed() {
    let site = long_listing();
    let mut state = SiteState::load(site.root(), &options());
    let mut output = Output::default();
    let step = |state: &mut SiteState, output: &mut Output, file: &str, spec: &NoteSpec| {
        let path = format!("content/projecten/{file}");
        site.note(&path, spec);
        let changes = content_changes(&[&path]);
        apply_and_compare(&site, &options(), state, output, &changes, file).rendered
    };
    compare_as_is(&site, &mut state, &mut output, "first build");
    let pages = |listing: &str, numbers: &[usize]| -> Vec<String> {
        numbers
            .iter()
            .map(|n| match n {
                1 => format!("{listing}index.html"),
                n => format!("{listing}pagina/{n}/index.html"),
            })
            .collect()
    };

    // Project 150 stands on page 2: its new summary shows there, and nowhere else.
    let mut summary = project("Project 150", &[], &["sport"]);
    summary.summary = Some("Een nieuwe samenvatting".into());
    let rendered = step(&mut state, &mut output, "p150.md", &summary);
    for listing in ["alles/", "projecten/", "trefwoorden/sport/"] {
        for page in pages(listing, &[2]) {
            assert!(rendered.contains(&page), "{page} not in {rendered:?}");
        }
        for page in pages(listing, &[3]) {
            assert!(!rendered.contains(&page), "{page} rendered");
        }
    }

    // Project 050 becomes "Project 220b": it leaves page 1 and lands on page 3, and every
    // page in between shows the notes after it moved up by one.
    let mut renamed = project("Project 050", &[], &["sport"]);
    renamed.title = "Project 220b".into();
    let rendered = step(&mut state, &mut output, "p050.md", &renamed);
    for page in pages("alles/", &[1, 2, 3]) {
        assert!(rendered.contains(&page), "{page} not in {rendered:?}");
    }

    // Renamed within page 3, so nothing moves: only page 3 shows it.
    renamed.title = "Project 220c".into();
    let rendered = step(&mut state, &mut output, "p050.md", &renamed);
    assert!(
        rendered.contains("alles/pagina/3/index.html"),
        "{rendered:?}"
    );
    for page in pages("alles/", &[2]) {
        assert!(!rendered.contains(&page), "{page} rendered");
    }
}

/// Checks the served output against a build, with nothing changed since the last update.
fn compare_as_is(site: &TempSite, state: &mut SiteState, output: &mut Output, context: &str) {
    apply_and_compare(
        site,
        &options(),
        state,
        output,
        &Changes::default(),
        context,
    );
}

/// A long listing that went away and comes back as it was has all its pages again: they
/// were removed with it, so none can be kept.
#[test]
fn a_long_listing_that_comes_back_has_all_its_pages() {
    let site = long_listing();
    let mut state = SiteState::load(site.root(), &options());
    let mut output = Output::default();
    compare_as_is(&site, &mut state, &mut output, "first build");
    let notes: Vec<(String, Vec<u8>)> = (0..250)
        .map(|i| format!("content/projecten/p{i:03}.md"))
        .map(|path| {
            let text = std::fs::read(site.root().join(&path)).unwrap();
            (path, text)
        })
        .collect();
    site.remove("content/projecten");
    let gone = content_changes(&["content/projecten"]);
    apply_and_compare(&site, &options(), &mut state, &mut output, &gone, "removed");
    assert!(!output.contains("projecten/pagina/2/index.html"));
    for (path, text) in &notes {
        site.write(path, text);
    }
    let back = content_changes(&["content/projecten"]);
    apply_and_compare(&site, &options(), &mut state, &mut output, &back, "back");
    assert!(output.contains("projecten/pagina/2/index.html"));
}
