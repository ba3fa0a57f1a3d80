//! The search index as files: what it holds, how it is cut into shards, and what it never
//! holds (drafts). The browser side is tested in `tests/browser.rs`.

mod common;

use std::path::Path;

use serde_json::Value;

use kennisbank::pipeline::{MemoryOutput, build_in_memory};
use kennisbank::site::SiteOptions;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/browser");

fn build(options: SiteOptions) -> MemoryOutput {
    build_in_memory(Path::new(FIXTURE), &options)
        .expect("the fixture builds")
        .0
}

fn json(out: &MemoryOutput, path: &str) -> Value {
    serde_json::from_str(
        out.text(path)
            .unwrap_or_else(|| panic!("{path} is missing")),
    )
    .expect("valid JSON")
}

/// Term → postings, from every shard.
fn all_terms(out: &MemoryOutput) -> Vec<(String, Vec<u64>)> {
    let meta = json(out, "search/meta.json");
    let shards = meta["shards"].as_array().expect("shards").len();
    let mut terms = Vec::new();
    for i in 0..shards {
        let shard = json(out, &format!("search/t/{i}.json"));
        let object = shard.as_object().expect("a shard is an object");
        let first = object.keys().next().expect("no empty shard");
        assert_eq!(meta["shards"][i], Value::String(first.clone()));
        for (term, postings) in object {
            let list = postings
                .as_array()
                .expect("postings")
                .iter()
                .map(|n| n.as_u64().expect("a number"))
                .collect();
            terms.push((term.clone(), list));
        }
    }
    terms
}

/// Every document's fragment, by document number, read from the fragment groups.
fn fragments(out: &MemoryOutput) -> Vec<serde_json::Value> {
    let meta = json(out, "search/meta.json");
    let (docs, group) = (
        meta["docs"].as_u64().unwrap(),
        meta["group"].as_u64().unwrap(),
    );
    (0..docs)
        .map(|d| json(out, &format!("search/d/{}.json", d / group))[(d % group) as usize].clone())
        .collect()
}

fn titles(out: &MemoryOutput) -> Vec<String> {
    fragments(out)
        .iter()
        .map(|f| f["t"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn terms_are_sorted_across_shards_and_stemmed() {
    let out = build(SiteOptions::default());
    let terms = all_terms(&out);
    let names: Vec<&str> = terms.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "sorted, no duplicates"
    );
    assert!(names.contains(&"buurt"), "`buurten` is indexed as `buurt`");
    assert!(!names.contains(&"buurten"));
    assert!(!names.contains(&"de"), "stop words are left out");
    assert!(names.contains(&"ouder"), "één-ouder is folded: {names:?}");
}

#[test]
fn a_title_outweighs_the_body() {
    let out = build(SiteOptions::default());
    let titles = titles(&out);
    let terms = all_terms(&out);
    let (_, postings) = terms.iter().find(|(t, _)| t == "buurt").expect("buurt");
    let mut doc = 0;
    let mut scores = Vec::new();
    for pair in postings.chunks(2) {
        doc += pair[0];
        scores.push((titles[doc as usize].as_str(), pair[1]));
    }
    let best = scores.iter().max_by_key(|(_, s)| *s).expect("hits");
    assert_eq!(best.0, "Buurt", "{scores:?}");
    assert!(
        scores.iter().any(|(t, _)| *t == "Sociale basis"),
        "body text is indexed: {scores:?}"
    );
}

#[test]
fn drafts_are_never_indexed_not_even_when_built_with_drafts() {
    for drafts in [false, true] {
        let out = build(SiteOptions {
            drafts,
            ..SiteOptions::default()
        });
        let titles = titles(&out);
        assert!(
            !titles.iter().any(|t| t.contains("Geheim")),
            "drafts={drafts}: {titles:?}"
        );
        assert!(
            !all_terms(&out).iter().any(|(t, _)| t == "wijkfeest"),
            "drafts={drafts}"
        );
        let filters = json(&out, "search/filters.json");
        assert_eq!(
            filters["docs"].as_array().unwrap().len(),
            titles.len(),
            "one facet row per indexed document"
        );
    }
}

#[test]
fn facet_rows_name_each_documents_values() {
    let out = build(SiteOptions::default());
    let titles = titles(&out);
    let filters = json(&out, "search/filters.json");
    let mut names = Vec::new();
    for facet in filters["facets"].as_array().unwrap() {
        for value in facet["values"].as_array().unwrap() {
            names.push(format!(
                "{}={}",
                facet["key"].as_str().unwrap(),
                value[0].as_str().unwrap()
            ));
        }
    }
    let golden = titles.iter().position(|t| t == "Golden Sports").unwrap();
    let values: Vec<&str> = filters["docs"][golden]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| names[v.as_u64().unwrap() as usize].as_str())
        .collect();
    for expected in [
        "kind=project",
        "domain=sport",
        "domain=welzijn",
        "sphere=informeel",
        "region=utrecht",
    ] {
        assert!(values.contains(&expected), "{expected} in {values:?}");
    }
}

#[test]
fn fragments_come_in_groups_and_each_points_at_its_page() {
    let notes: Vec<(String, String)> = (0..70)
        .map(|i| {
            (
                format!("content/notitie-{i:02}.md"),
                format!("---\ntitle: Notitie {i:02}\n---\nTekst van notitie {i:02}.\n"),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = common::site(&files);
    let out = common::build(dir.path(), &SiteOptions::default());
    let meta = json(&out, "search/meta.json");
    assert_eq!(meta["docs"], 70);
    let group = meta["group"].as_u64().unwrap() as usize;
    assert!(group > 1);
    let groups = 70usize.div_ceil(group);
    assert!(out.get(&format!("search/d/{}.json", groups - 1)).is_some());
    assert!(out.get(&format!("search/d/{groups}.json")).is_none());
    let fragments = fragments(&out);
    let mut titles: Vec<&str> = fragments.iter().map(|f| f["t"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles.len(), 70);
    assert_eq!(titles[0], "Notitie 00");
    for fragment in &fragments {
        let url = fragment["u"].as_str().unwrap();
        let page = format!("{}index.html", url.trim_start_matches('/'));
        assert!(out.get(&page).is_some(), "{url} has no page");
        assert!(
            fragment["x"]
                .as_str()
                .unwrap()
                .starts_with("Tekst van notitie")
        );
    }
}
