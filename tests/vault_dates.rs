//! Date-times in properties (`created: 2024-03-05T14:30`, `2024-03-05 14:30:00`, with or
//! without seconds and zone): readers see the day, the time orders notes of one day and is
//! kept in the feed, `data.json` and structured data.

mod common;

use common::{attrs, build, fixture, page, texts};

#[test]
fn recent_notes_of_one_day_are_ordered_by_their_time() {
    let out = build(&fixture("vault_dates"), &Default::default());
    let home = page(&out, "index.html");
    assert_eq!(
        texts(&home, "#recent + ul.items li > a"),
        ["Bieten", "Courgette", "Aardappels"]
    );
}

#[test]
fn readers_see_the_day_machines_the_time() {
    let out = build(&fixture("vault_dates"), &Default::default());
    let html = page(&out, "courgette/index.html");
    assert_eq!(texts(&html, ".meta time"), ["5 maart 2024"]);
    assert_eq!(
        attrs(&html, ".meta time", "datetime"),
        ["2024-03-05T14:30:00"]
    );
    let bieten = page(&out, "bieten/index.html");
    assert_eq!(
        attrs(&bieten, ".meta time", "datetime"),
        ["2024-03-05T20:00:00+01:00", "2024-03-06T08:00:00Z"]
    );

    let feed = out.text("atom.xml").expect("a feed");
    assert!(
        feed.contains("<updated>2024-03-06T08:00:00Z</updated>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2024-03-05T14:30:00Z</updated>"),
        "{feed}"
    );
    assert!(!feed.contains("T00:00:00Z"), "{feed}");

    let data: serde_json::Value = serde_json::from_str(out.text("data.json").unwrap()).unwrap();
    let notes = data["notes"].as_array().expect("notes");
    let aardappels = notes
        .iter()
        .find(|n| n["title"] == "Aardappels")
        .expect("Aardappels");
    assert_eq!(aardappels["date"], "2024-03-05T09:15:00");
}
