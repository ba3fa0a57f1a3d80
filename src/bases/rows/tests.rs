use std::path::Path;

use serde_json::json;

use super::*;
use crate::bases::definition::parse;
use crate::bases::expr::value::Date;
use crate::bases::test_notes::{clock, note};

fn site() -> Vec<BaseNote> {
    let mut notes = vec![
        note(
            "projecten/Golden Sports.md",
            json!({"regio": "Utrecht", "jaar": 2021, "organisatie": "[[Movisie]]",
                   "categorieen": ["[[Projecten]]"], "deelnemers": 40, "klaar": true,
                   "cover": "[[golden.jpg]]"}),
        ),
        note(
            "projecten/Buurtkamer.md",
            json!({"regio": "Utrecht", "jaar": 2019, "organisatie": "[[Movisie]]",
                   "categorieen": ["[[Projecten]]"], "deelnemers": 10, "klaar": false}),
        ),
        note(
            "projecten/Samen Koken.md",
            json!({"regio": "Zwolle", "jaar": 2023, "categorieen": ["[[Projecten]]", "[[Voeding]]"],
                   "deelnemers": 25}),
        ),
        note(
            "projecten/Moestuin.md",
            json!({"jaar": 2024, "categorieen": "[[Projecten]]", "organisatie": "[[Vilans]]"}),
        ),
        note(
            "publicaties/Rapport.md",
            json!({"jaar": 2020, "organisatie": "[[Movisie]]"}),
        ),
        note("Movisie.md", json!({"soort": "organisatie"})),
    ];
    notes[0].tags = vec!["sport".into()];
    notes[0].links = vec!["Movisie".into()];
    notes[4].links = vec!["Movisie".into(), "Buurtkamer".into()];
    notes
}

fn run<'a>(yaml: &str, notes: &'a [BaseNote], this: Option<&'a BaseNote>) -> Evaluation<'a> {
    let (def, d) = parse(yaml, 1, Path::new("content/b.base"));
    assert!(d.is_empty(), "{d:?}");
    evaluate(&def.unwrap(), notes, this, clock(), Language::Nl)
}

fn names(view: &ViewResult<'_>) -> Vec<String> {
    view.rows().map(|r| r.note.basename.clone()).collect()
}

#[test]
fn filters_sort_and_columns() {
    let notes = site();
    let result = run(
        r#"filters:
  and:
    - categorieen.contains(link("Projecten"))
    - '!file.name.contains("Moes")'
views:
  - type: table
    name: Per jaar
    order: [file.name, note.jaar, organisatie]
    sort:
      - property: jaar
        direction: DESC
"#,
        &notes,
        None,
    );
    let view = &result.views[0];
    assert_eq!(names(view), ["Samen Koken", "Golden Sports", "Buurtkamer"]);
    assert_eq!(
        view.columns
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>(),
        ["Naam", "jaar", "organisatie"]
    );
    let first = view.rows().next().unwrap();
    assert_eq!(first.cells[1], Value::Number(2023.0));
    assert_eq!(first.cells[2], Value::Null);
    assert_eq!(view.total, 3);
    assert!(result.diagnostics.is_empty());
    assert_eq!(view.computed_on, None);
}

#[test]
fn not_and_or_filters_and_view_filters_combine() {
    let notes = site();
    let result = run(
        r#"filters:
  or:
    - file.inFolder("projecten")
    - file.inFolder("publicaties")
views:
  - type: list
    filters:
      not:
        - regio == "Utrecht"
        - file.hasTag("sport")
"#,
        &notes,
        None,
    );
    assert_eq!(
        names(&result.views[0]),
        ["Moestuin", "Samen Koken", "Rapport"]
    );
}

#[test]
fn formulas_groups_and_summaries() {
    let notes = site();
    let result = run(
        r#"filters: file.inFolder("projecten")
formulas:
  leeftijd: today().year - jaar
  label: 'if(deelnemers > 20, "groot", "klein")'
summaries:
  dubbel: values.filter(value.isType("number")).reduce(acc + value, 0) * 2
views:
  - type: table
    order: [file.name, formula.leeftijd, deelnemers, klaar, formula.label]
    groupBy:
      property: regio
      direction: ASC
    sort:
      - property: file.name
    summaries:
      deelnemers: Sum
      formula.leeftijd: Average
      klaar: Checked
      formula.label: dubbel
"#,
        &notes,
        None,
    );
    let view = &result.views[0];
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let keys: Vec<String> = view
        .groups
        .iter()
        .map(|g| g.key.as_ref().unwrap().to_text())
        .collect();
    // Groups in key order, the group without a value last.
    assert_eq!(keys, ["Utrecht", "Zwolle", ""]);
    assert_eq!(
        names(view),
        ["Buurtkamer", "Golden Sports", "Samen Koken", "Moestuin"]
    );
    let utrecht = &view.groups[0];
    assert_eq!(utrecht.rows[0].cells[1], Value::Number(7.0));
    assert_eq!(utrecht.rows[1].cells[4], Value::String("groot".into()));
    assert_eq!(utrecht.summaries[0], None);
    assert_eq!(
        utrecht.summaries[1],
        Some(("Average".into(), Value::Number(6.0)))
    );
    assert_eq!(
        utrecht.summaries[2],
        Some(("Sum".into(), Value::Number(50.0)))
    );
    assert_eq!(
        utrecht.summaries[3],
        Some(("Checked".into(), Value::Number(1.0)))
    );
    // A custom summary over text values: none are numbers, so 0.
    assert_eq!(
        utrecht.summaries[4],
        Some(("dubbel".into(), Value::Number(0.0)))
    );
    assert_eq!(view.computed_on, Some(clock().now.date()));
}

#[test]
fn every_built_in_summary() {
    let notes = site();
    let cases: &[(&str, &str, Value<'_>)] = &[
        ("deelnemers", "Count", Value::Number(4.0)),
        ("deelnemers", "Sum", Value::Number(75.0)),
        ("deelnemers", "Average", Value::Number(25.0)),
        ("deelnemers", "Min", Value::Number(10.0)),
        ("deelnemers", "Max", Value::Number(40.0)),
        ("deelnemers", "Range", Value::Number(30.0)),
        ("deelnemers", "Median", Value::Number(25.0)),
        ("deelnemers", "Stddev", Value::Number(150f64.sqrt())),
        ("deelnemers", "Empty", Value::Number(1.0)),
        ("deelnemers", "Filled", Value::Number(3.0)),
        ("regio", "Unique", Value::Number(2.0)),
        ("klaar", "Checked", Value::Number(1.0)),
        ("klaar", "Unchecked", Value::Number(1.0)),
        (
            "file.ctime",
            "Earliest",
            Value::Date(Date::parse("2024-01-10").unwrap()),
        ),
        (
            "file.mtime",
            "Latest",
            Value::Date(Date::parse("2025-11-20T10:00:00").unwrap()),
        ),
        ("organisatie", "Unique", Value::Number(2.0)),
    ];
    for (property, summary, want) in cases {
        let yaml = format!(
            "filters: file.inFolder(\"projecten\")\nviews:\n  - type: table\n    order: [{property}]\n    summaries:\n      {property}: {summary}\n"
        );
        let result = run(&yaml, &notes, None);
        let got = &result.views[0].groups[0].summaries[0];
        assert_eq!(
            got.as_ref().map(|s| &s.1),
            Some(want),
            "{property} {summary}"
        );
    }
}

#[test]
fn limit_marks_rows_past_it_and_keeps_the_total() {
    let notes = site();
    let result = run(
        "views:\n  - type: cards\n    image: cover\n    limit: 2\n    order: [file.name]\n",
        &notes,
        None,
    );
    let view = &result.views[0];
    assert_eq!(view.kind, ViewKind::Cards);
    assert_eq!(view.total, 6);
    let past: Vec<bool> = view.rows().map(|r| r.past_limit).collect();
    assert_eq!(past, [false, false, true, true, true, true]);
    let cover = view
        .rows()
        .find(|r| r.note.basename == "Golden Sports")
        .unwrap();
    assert!(matches!(&cover.image, Some(Value::Link(l)) if l.target == "golden.jpg"));
}

#[test]
fn this_is_the_embedding_note() {
    let notes = site();
    let this = &notes[5];
    let result = run(
        "filters: list(organisatie).contains(this)\nviews:\n  - type: list\n  - type: table\n    filters: file.hasLink(this.file)\n",
        &notes,
        Some(this),
    );
    assert_eq!(
        names(&result.views[0]),
        ["Buurtkamer", "Golden Sports", "Rapport"]
    );
    assert_eq!(names(&result.views[1]), ["Golden Sports", "Rapport"]);
    // Without `this` (no embedding note) nothing matches, and nothing fails.
    let alone = run("filters: list(organisatie).contains(this)\n", &notes, None);
    assert!(names(&alone.views[0]).is_empty());
    assert!(alone.diagnostics.is_empty());
}

#[test]
fn failing_expressions_warn_once_with_their_line_and_leave_cells_empty() {
    let notes = site();
    let result = run(
        "formulas:\n  kapot: jaar.nope()\nviews:\n  - type: table\n    filters: 'regio.lower() == 1 || nope()'\n    order: [file.name, formula.kapot]\n",
        &notes,
        None,
    );
    assert!(
        names(&result.views[0]).is_empty(),
        "a filter that fails matches nothing"
    );
    let result = run(
        "formulas:\n  kapot: jaar.nope()\nviews:\n  - type: table\n    order: [file.name, formula.kapot]\n",
        &notes,
        None,
    );
    let view = &result.views[0];
    assert!(view.rows().all(|r| r.cells[1] == Value::Null));
    assert_eq!(result.diagnostics.len(), 1, "{:?}", result.diagnostics);
    let d = result.diagnostics[0]
        .display(crate::language::Language::Nl)
        .to_string();
    assert!(d.starts_with("content/b.base:2: waarschuwing:"), "{d}");
    assert!(d.contains("`jaar.nope()`") && d.contains("(5×)"), "{d}");
}
