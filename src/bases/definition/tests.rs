use std::path::Path;

use super::*;

const EXAMPLE: &str = r#"filters:
  or:
    - file.hasTag("tag")
    - and:
        - file.hasTag("book")
        - file.hasLink("Textbook")
    - not:
        - file.hasTag("book")
        - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
properties:
  status:
    displayName: Status
  formula.formatted_price:
    displayName: "Price"
  note.auteur:
    displayName: Auteur
summaries:
  customAverage: 'values.mean().round(3)'
views:
  - type: table
    name: "My table"
    limit: 10
    groupBy:
      property: note.age
      direction: DESC
    filters:
      and:
        - 'status != "done"'
        - or:
            - "formula.ppu > 5"
            - "price > 2.1"
    order:
      - file.name
      - note.age
      - formula.ppu
    sort:
      - property: file.mtime
        direction: DESC
      - property: title
    summaries:
      formula.ppu: Average
  - type: cards
    name: Kaarten
    image: note.cover
  - type: map
    name: Kaart
"#;

fn read(yaml: &str) -> (Option<BaseDef>, Vec<Diagnostic>) {
    parse(yaml, 1, Path::new("content/x.base"))
}

#[test]
fn the_documented_example_reads_whole() {
    let (def, diagnostics) = read(EXAMPLE);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let def = def.unwrap();
    let Some(Filter::Or(parts)) = &def.filters else {
        panic!("{:?}", def.filters)
    };
    assert_eq!(parts.len(), 3);
    assert!(matches!(&parts[1], Filter::And(inner) if inner.len() == 2));
    assert!(matches!(&parts[2], Filter::Not(inner) if inner.len() == 2));
    let Filter::Expr(first) = &parts[0] else {
        panic!()
    };
    assert_eq!(first.line, Some(3));
    assert_eq!(def.formulas["ppu"].line, Some(12));
    assert_eq!(def.display_names["status"], "Status");
    assert_eq!(def.display_names["auteur"], "Auteur");
    assert_eq!(def.display_names["formula.formatted_price"], "Price");
    assert_eq!(def.summaries["customAverage"].line, Some(21));
    assert!(!def.uses_clock);

    assert_eq!(def.views.len(), 3);
    let table = &def.views[0];
    assert_eq!(table.kind, ViewKind::Table);
    assert_eq!(table.name, "My table");
    assert_eq!(table.line, Some(23));
    assert_eq!(table.limit, Some(10));
    assert_eq!(
        table.group_by,
        Some(SortKey {
            property: "age".into(),
            descending: true
        })
    );
    assert_eq!(table.order, ["file.name", "age", "formula.ppu"]);
    assert_eq!(
        table.sort,
        [
            SortKey {
                property: "file.mtime".into(),
                descending: true
            },
            SortKey {
                property: "title".into(),
                descending: false
            },
        ]
    );
    assert_eq!(
        table.summaries,
        [("formula.ppu".to_string(), "Average".to_string())]
    );
    let Some(Filter::And(view_filters)) = &table.filters else {
        panic!()
    };
    let Filter::Expr(status) = &view_filters[0] else {
        panic!()
    };
    assert_eq!(status.source, "status != \"done\"");
    assert_eq!(status.line, Some(31));

    assert_eq!(def.views[1].kind, ViewKind::Cards);
    assert_eq!(def.views[1].image.as_deref(), Some("cover"));
    assert_eq!(def.views[1].order, ["file.name"]);
    // A map view falls back to a list, quietly: it is a documented layout.
    assert_eq!(def.views[2].kind, ViewKind::List);
}

#[test]
fn a_single_string_filter_and_clock_use() {
    let (def, d) = read("filters: 'file.mtime > now() - \"7d\"'\n");
    assert!(d.is_empty(), "{d:?}");
    let def = def.unwrap();
    assert!(matches!(def.filters, Some(Filter::Expr(_))));
    assert!(def.uses_clock);
    // No views: one table of names.
    assert_eq!(def.views.len(), 1);
    assert_eq!(def.views[0].order, ["file.name"]);
}

#[test]
fn mistakes_name_their_line() {
    let cases: &[(&str, usize, &str, bool)] = &[
        (
            "views:\n  - type: table\n    order: [a, b\n",
            3,
            "invalid YAML",
            true,
        ),
        ("filters:\n  and:\n    - 'status = 1'\n", 3, "`==`", false),
        ("formulas:\n  a: 1 +\n  b: 'x'\n", 2, "incomplete", false),
        (
            "filters:\n  xor:\n    - a\n",
            2,
            "`and`, `or` or `not`",
            true,
        ),
        (
            "views:\n  - type: table\n  - type: kanban\n",
            3,
            "shown as a list",
            false,
        ),
        (
            "views:\n  - type: table\n    limit: veel\n",
            2,
            "whole number",
            false,
        ),
        ("views: 3\n", 1, "must be a list", true),
        ("formulas: [a]\n", 1, "must be a mapping", true),
        ("- a\n- b\n", 1, "must be a mapping", true),
    ];
    for (yaml, line, needle, is_error) in cases {
        let (_, diagnostics) = read(yaml);
        let d = diagnostics
            .iter()
            .find(|d| d.message.en().contains(needle))
            .unwrap_or_else(|| panic!("{yaml}: {diagnostics:?}"));
        assert!(
            d.line.is_some_and(|l| l >= *line && l <= line + 1),
            "{yaml}: {d:?}"
        );
        assert_eq!(d.is_error(), *is_error, "{yaml}: {d:?}");
        assert!(d.message.nl().starts_with("base: "), "{d:?}");
        assert_eq!(d.file, std::path::Path::new("content/x.base"));
    }
}

#[test]
fn a_code_block_counts_lines_from_its_fence() {
    let (_, d) = parse(
        "filters:\n  and:\n    - 'a ='\n",
        11,
        Path::new("content/n.md"),
    );
    assert_eq!(d[0].line, Some(13), "{d:?}");
}
