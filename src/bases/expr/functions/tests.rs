//! One case or more per documented function, as a table: expression → printed result.

use std::collections::BTreeMap;

use serde_json::json;

use crate::bases::expr::eval::{Ctx, Env, LinkIndex, Row};
use crate::bases::expr::parser::parse;
use crate::bases::expr::value::Value;
use crate::bases::rows::BaseNote;
use crate::bases::test_notes::{clock, note};
use crate::config::Language;

fn notes() -> Vec<BaseNote> {
    let mut a = note(
        "projecten/Golden Sports.md",
        json!({
            "status": "lopend",
            "prijs": 12.5,
            "leeftijd": 4,
            "categorieen": ["[[Projecten]]", "[[Sport|sport]]"],
            "auteur": "[[Mila]]",
            "start": "2024-03-01",
            "geboren": "1990-06-15",
            "tagsx": ["a", "b", "a"],
            "klaar": false,
            "meta": {"a": 1, "b": 2},
        }),
    );
    a.tags = vec!["project".into(), "sport/voetbal".into()];
    a.links = vec!["Projecten".into(), "Mila".into()];
    let mut projecten = note("Projecten.md", json!({}));
    projecten.links = vec!["Golden Sports".into()];
    let mila = note("mensen/Mila.md", json!({"rol": "auteur"}));
    vec![a, projecten, mila]
}

/// Evaluates `src` for the first note with `this` = Mila, printed with `debug` below.
fn run(notes: &[BaseNote], src: &str) -> Result<String, String> {
    let env = Env {
        notes,
        links: LinkIndex::new(notes).into(),
        this: Some(&notes[2]),
        clock: clock(),
        language: Language::Nl,
        formulas: BTreeMap::from([
            ("dubbel".to_string(), parse("prijs * 2")),
            ("lus".to_string(), parse("formula.lus + 1")),
        ]),
    };
    let row = Row::new(&notes[0]);
    let ctx = Ctx {
        env: &env,
        row: Some(&row),
        locals: &[],
    };
    let expr = parse(src)?;
    ctx.eval(&expr).map(|v| debug(&v))
}

fn debug(v: &Value<'_>) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::List(items) => format!(
            "[{}]",
            items.iter().map(debug).collect::<Vec<_>>().join(", ")
        ),
        Value::Link(l) => format!("link({})", l.target),
        Value::File(f) => format!("file({})", f.path),
        Value::Date(d) => format!("date({})", d.iso()),
        other => other.to_text(),
    }
}

#[test]
fn functions_table() {
    let notes = notes();
    let cases: &[(&str, &str)] = &[
        // Operators and literals
        ("1 + 2 * 3", "7"),
        ("7 % 3", "1"),
        ("10 / 4", "2.5"),
        ("'a' + 1", "\"a1\""),
        ("-(2)", "-2"),
        ("true && !false", "true"),
        ("null || 'x'", "\"x\""),
        ("[1, 2][1]", "2"),
        ("{a: 1}.a", "1"),
        ("{a: 1}['a']", "1"),
        ("prijs > 10 && leeftijd <= 4", "true"),
        ("missing > 3", "false"),
        ("status == 'lopend'", "true"),
        ("status != 'klaar'", "true"),
        // Properties and namespaces
        ("note.status", "\"lopend\""),
        ("note['status']", "\"lopend\""),
        ("formula.dubbel", "25"),
        ("file.name", "\"Golden Sports\""),
        ("file.basename", "\"Golden Sports\""),
        ("file.path", "\"projecten/Golden Sports.md\""),
        ("file.folder", "\"projecten\""),
        ("file.ext", "\"md\""),
        ("file.size", "100"),
        ("file.tags", "[\"#project\", \"#sport/voetbal\"]"),
        ("file.links", "[link(Projecten), link(Mila)]"),
        ("file.ctime", "date(2024-01-10)"),
        ("file.mtime.year", "2025"),
        ("file.properties.status", "\"lopend\""),
        ("this.file.name", "\"Mila\""),
        ("this.rol", "\"auteur\""),
        ("this", "file(mensen/Mila.md)"),
        // Global functions
        ("if(prijs > 10, 'duur', 'goedkoop')", "\"duur\""),
        ("if(false, 1)", ""),
        ("now()", "date(2026-12-01 09:30)"),
        ("today()", "date(2026-12-01)"),
        ("date('2024-12-01') + '1M' + '4h'", "date(2025-01-01 04:00)"),
        ("duration('1d') * 2 + duration('2h')", "180000000"),
        ("list('x')", "[\"x\"]"),
        ("list(tagsx)", "[\"a\", \"b\", \"a\"]"),
        ("link('Projecten')", "link(Projecten)"),
        ("link('[[Projecten|P]]').toString()", "\"P\""),
        ("file('Projecten')", "file(Projecten.md)"),
        ("number('3.4')", "3.4"),
        ("number(true)", "1"),
        ("min(3, 1, 2)", "1"),
        ("max(3, 1, 2)", "3"),
        ("escapeHTML('<b>')", "\"&lt;b&gt;\""),
        // Any type
        ("1.isTruthy()", "true"),
        ("'x'.isType('string')", "true"),
        ("123.toString()", "\"123\""),
        ("missing.isEmpty()", "true"),
        ("missing.lower()", ""),
        // Dates and durations
        ("(now() - geboren).years.floor()", "36"),
        ("(date('2024-01-03') - date('2024-01-01')).days", "2"),
        ("start.year", "2024"),
        ("start.month", "3"),
        ("start.day", "1"),
        ("now().hour", "9"),
        ("now().minute", "30"),
        ("now().second", "0"),
        ("now().millisecond", "0"),
        ("now().date()", "date(2026-12-01)"),
        ("now().time()", "\"09:30:00\""),
        ("start.format('D MMMM YYYY')", "\"1 maart 2024\""),
        (
            "start.format('YYYY-MM-DD [om] HH:mm')",
            "\"2024-03-01 om 00:00\"",
        ),
        ("start.format('dddd')", "\"vrijdag\""),
        ("date('2026-11-28').relative()", "\"3 dagen geleden\""),
        ("file.mtime > now() - '1 week'", "false"),
        ("file.mtime > now() - '2y'", "true"),
        ("start < '2025-01-01'", "true"),
        ("today() + '7d'", "date(2026-12-08)"),
        ("start.isEmpty()", "false"),
        // Strings
        ("'hello'.length", "5"),
        ("'hello'.contains('ell')", "true"),
        ("'hello'.containsAll('h', 'e')", "true"),
        ("'hello'.containsAny('x', 'e')", "true"),
        ("'hello'.endsWith('lo')", "true"),
        ("'hello'.startsWith('he')", "true"),
        ("''.isEmpty()", "true"),
        ("'HeLLo'.lower()", "\"hello\""),
        ("'a:b:c'.replace(':', '-')", "\"a-b-c\""),
        ("'12'.repeat(2)", "\"1212\""),
        ("'hello'.reverse()", "\"olleh\""),
        ("'hello'.slice(1, 4)", "\"ell\""),
        ("'hello'.slice(-3)", "\"llo\""),
        ("'a,b,c,d'.split(',', 3)", "[\"a\", \"b\", \"c\"]"),
        ("'hello world'.title()", "\"Hello World\""),
        ("'  hi  '.trim()", "\"hi\""),
        ("file.name.contains('Golden')", "true"),
        ("!file.name.contains('Template')", "true"),
        // Numbers
        ("(-5).abs()", "5"),
        ("(2.1).ceil()", "3"),
        ("(2.9).floor()", "2"),
        ("(2.5).round()", "3"),
        ("(2.3333).round(2)", "2.33"),
        ("(3.14159).toFixed(2)", "\"3.14\""),
        ("5.isEmpty()", "false"),
        ("(prijs / leeftijd).toFixed(1)", "\"3.1\""),
        // Lists
        ("[1,2,3].length", "3"),
        ("[1,2,3].contains(2)", "true"),
        ("[1,2,3].containsAll(2,3)", "true"),
        ("[1,2,3].containsAny(3,4)", "true"),
        ("[1,2,3,4].filter(value > 2)", "[3, 4]"),
        ("[5,6,7].filter(index != 1)", "[5, 7]"),
        ("[1,[2,3]].flat()", "[1, 2, 3]"),
        ("[1,2,3].isEmpty()", "false"),
        ("[1,2,3].join(',')", "\"1,2,3\""),
        ("[1,2,3,4].map(value + 1)", "[2, 3, 4, 5]"),
        ("[1,2,3].reduce(acc + value, 0)", "6"),
        ("[1,2,3].reverse()", "[3, 2, 1]"),
        ("[1,2,3,4].slice(1,3)", "[2, 3]"),
        ("[3, 1, 2].sort()", "[1, 2, 3]"),
        ("['c', 'a', 'b'].sort()", "[\"a\", \"b\", \"c\"]"),
        ("[1,2,2,3].unique()", "[1, 2, 3]"),
        ("tagsx.unique().length", "2"),
        ("[1,2,3].mean()", "2"),
        // Links: compare by target
        ("categorieen.contains(link('Projecten'))", "true"),
        ("categorieen.contains(link('projecten.md'))", "true"),
        ("categorieen.contains(link('Elders'))", "false"),
        ("categorieen.containsAny(link('Sport'), link('X'))", "true"),
        ("list(auteur).contains(this)", "true"),
        ("auteur == this", "true"),
        ("auteur == link('mensen/Mila')", "true"),
        ("auteur.asFile()", "file(mensen/Mila.md)"),
        ("auteur.rol", "\"auteur\""),
        ("link('Projecten').linksTo(file)", "true"),
        ("categorieen[1].toString()", "\"sport\""),
        // Files
        ("file.hasTag('project')", "true"),
        ("file.hasTag('sport')", "true"),
        ("file.hasTag('spo')", "false"),
        ("file.hasTag('x', '#project')", "true"),
        ("file.inFolder('projecten')", "true"),
        ("file.inFolder('mensen')", "false"),
        ("file.hasLink('Projecten')", "true"),
        ("file.hasLink(this)", "true"),
        ("file.hasLink(link('Nergens'))", "false"),
        ("this.file.hasLink(file)", "false"),
        ("file.hasProperty('status')", "true"),
        ("file.asLink()", "link(projecten/Golden Sports.md)"),
        // Objects
        ("meta.keys()", "[\"a\", \"b\"]"),
        ("meta.values()", "[1, 2]"),
        ("meta.isEmpty()", "false"),
        ("{}.isEmpty()", "true"),
    ];
    let mut failures = Vec::new();
    for (src, want) in cases {
        match run(&notes, src) {
            Ok(got) if got == *want => {}
            other => failures.push(format!("{src}: want {want}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn errors_table() {
    let notes = notes();
    let cases: &[(&str, &str)] = &[
        ("nope()", "no function `nope()`"),
        ("random()", "not supported"),
        ("'x'.nope()", "string has no function `nope()`"),
        ("formula.lus", "uses itself"),
        ("formula.geen", "no formula `geen`"),
        ("date('gisteren')", "not a date"),
        ("now() + 'morgen'", "not a duration"),
        ("[1] * 2", "cannot compute list * number"),
        ("if(true)", "needs a condition and a result"),
        ("'x'.contains(3)", "needs text"),
    ];
    for (src, needle) in cases {
        let err = run(&notes, src).unwrap_err();
        assert!(err.contains(needle), "{src}: {err}");
    }
}
