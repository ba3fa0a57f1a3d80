//! The built-in knowledge base (the repo's own `content/`): it builds without warnings, holds
//! what the seed talk holds, and every note is within three clicks of the home page.

mod common;

use std::collections::{HashSet, VecDeque};
use std::path::Path;

use common::{attrs, links, page, texts};
use kennisbank::pipeline::{self, MemoryOutput};

fn built() -> MemoryOutput {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (out, warnings) = pipeline::build_in_memory(root, &Default::default())
        .unwrap_or_else(|f| panic!("{}", common::list(&f.0)));
    assert!(
        warnings.is_empty(),
        "the built-in content must build without warnings:\n{}",
        common::list(&warnings)
    );
    out
}

#[test]
fn every_example_project_of_the_seed_is_there() {
    let out = built();
    let html = page(&out, "projecten/index.html");
    let titles = texts(&html, "ul.items li > a").join("\n").to_lowercase();
    for project in [
        "buurtbus",
        "kollum",
        "goldensports",
        "overvecht de dreef",
        "boukie",
        "heroes of the cruyff courts",
    ] {
        assert!(
            titles.contains(project),
            "{project} missing from:\n{titles}"
        );
    }
    // The seed only names "Sterke buurtverbinders Gorinchem": it is part of the list of
    // collaborations on the page about sport, not a project page of its own (issue 15).
    let sport = page(&out, "voor-gemeenten/rol-van-sport-en-bewegen/index.html");
    let items = texts(&sport, ".prose li").join("\n");
    assert!(
        items.contains("Sterke buurtverbinders Gorinchem"),
        "{items}"
    );
}

#[test]
fn every_publication_of_the_seed_is_linked_by_its_real_url() {
    let out = built();
    let mut published: HashSet<String> = HashSet::new();
    for (path, bytes) in &out.0 {
        if path.starts_with("publicaties/") && path.ends_with("index.html") {
            let html = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
            published.extend(attrs(&html, "a.button", "href"));
        }
    }
    for url in [
        "https://www.movisie.nl/sites/movisie.nl/files/2021-05/Sterke-beleidsinterventies-sterke-sociale-basis-Movisie.pdf",
        "https://www.movisie.nl/sites/movisie.nl/files/2022-11/Lexicon-Nabijheid-en-sociaal-werk-2022-2.0.pdf",
        "https://www.movisie.nl/publicatie/wat-rekenen-we-wel-tot-sociale-basis-wat-niet",
        "https://digitalepublicaties.movisie.nl/nl/movisies-september-2025/collectieve-oplossingen",
        "https://www.movisie.nl/artikel/wat-sociale-basis-precies",
        "https://www.movisie.nl/artikel/terug-naar-basis-magazine-over-versterken-buurten",
        "https://www.verwey-jonker.nl/publicatie/leren-sturen-en-verantwoorden-in-de-sociale-basis/",
        "https://www.movisie.nl/publicatie/cijfers-sociale-basis",
        "https://www.zorgwelzijn.nl/de-buurtagenda-een-succesvol-voorbeeld-van-slow-social-work/",
        "https://hcm.kenniscentrumsportenbewegen.nl/",
    ] {
        assert!(published.contains(url), "no publication page links {url}");
    }
    for (path, bytes) in &out.0 {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("safelinks.protection.outlook.com"),
            "{path} publishes a safelink"
        );
        assert!(
            !text.contains("sharepoint.com"),
            "{path} publishes the internal SharePoint link"
        );
    }
}

#[test]
fn the_reading_list_keeps_the_seeds_order() {
    let out = built();
    let html = page(&out, "leeslijsten/meer-lezen-sociale-basis/index.html");
    let order: Vec<String> = links(&html, ".prose ol > li > a:first-child")
        .into_iter()
        .map(|(_, href)| href)
        .collect();
    assert_eq!(
        order,
        [
            "/publicaties/wat-is-de-sociale-basis-precies/",
            "/publicaties/terug-naar-de-basis/",
            "/publicaties/position-paper-sociale-basis/",
            "/publicaties/cijfers-en-de-sociale-basis/",
            "/publicaties/lexicon-nabijheid-en-sociaal-werk/",
            "/publicaties/sterke-beleidsinterventies-sterke-sociale-basis/",
            "/publicaties/de-buurtagenda-slow-social-work/",
            "/publicaties/digitale-publicaties-collectieve-oplossingen/",
        ]
    );
}

#[test]
fn the_handout_lists_the_eight_items_and_not_the_tips_around_them() {
    let out = built();
    let html = page(
        &out,
        "leeslijsten/meer-lezen-sociale-basis/handout/index.html",
    );
    assert_eq!(texts(&html, "ol.handout-items > li").len(), 8);
}

#[test]
fn every_note_is_within_three_clicks_of_the_home_page() {
    let out = built();
    let mut depth: std::collections::HashMap<String, usize> =
        [("index.html".to_string(), 0)].into();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(path) = queue.pop_front() {
        let d = depth[&path];
        if d == 3 {
            continue;
        }
        let html = page(&out, &path);
        for (_, href) in links(&html, "a[href^='/']") {
            let target = format!(
                "{}index.html",
                href.trim_start_matches('/').split('#').next().unwrap()
            );
            if out.get(&target).is_some() && !depth.contains_key(&target) {
                depth.insert(target.clone(), d + 1);
                queue.push_back(target);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "_index.md")
        {
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let page = format!("{}/index.html", rel.display());
            assert!(
                depth.contains_key(&page),
                "{page} is more than three clicks from the home page"
            );
        }
    }
}
