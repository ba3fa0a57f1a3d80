//! The browser must turn a query into the same terms the index was built from. This runs the
//! theme's `search-text.js` in Node over every word of the built-in content, words chosen for
//! each rule of the Dutch stemmer, and every letter the folding handles, and compares with Rust.

#[path = "browser/support.rs"]
mod support;

use std::collections::BTreeSet;
use std::process::Command;

use kennisbank::config::Language;
use kennisbank::search::text::{Analyzer, STOP_WORDS_NL, fold, tokens};

/// Words that exercise each step of the Snowball Dutch stemmer.
const RULE_WORDS: &[&str] = &[
    "buurten",
    "buurt",
    "gezinnen",
    "organisaties",
    "mogelijkheden",
    "vrijheden",
    "gemeenten",
    "lopende",
    "opvoedingsondersteuning",
    "wandelingen",
    "eenzaamheid",
    "duidelijkheid",
    "mogelijkheid",
    "bereikbaarheid",
    "vriendelijk",
    "vriendelijke",
    "betaalbaar",
    "eetbaar",
    "zichtbaarheid",
    "heerlijkheden",
    "kinderen",
    "maatschappelijke",
    "vrijwilligers",
    "vrijwilligerswerk",
    "aanbieders",
    "ouderen",
    "jongeren",
    "ontmoeten",
    "ontmoeting",
    "gemeente",
    "gemene",
    "geméén",
    "kiezen",
    "maan",
    "boom",
    "zeeën",
    "ruïne",
    "coöperatie",
    "financiële",
    "yoga",
    "mayonaise",
    "bijeenkomsten",
    "huis",
    "huizen",
    "reis",
    "reizen",
    "glas",
    "plastic",
    "idee",
    "ideeën",
    "cafés",
    "één-ouder",
    "een-ouder",
    "ĳsselmeer",
    "Straße",
    "Ærø",
    "Łódź",
    "heidens",
    "lichtheid",
    "bakkerij",
    "gebedde",
    "heden",
    "tiende",
    "koninklijk",
    "lichamelijk",
    "haastig",
    "dadelijk",
    "ondernemend",
    "leesbaar",
    "eerbaar",
    "kunstenaars",
    "bezig",
    "beziging",
    "paddenstoelen",
    "puttend",
    "beddengoed",
    "ieieie",
    "aaiende",
    "royaal",
    "yyy",
    "ya",
    "ay",
    "sociaal",
    "sociale",
    "wijkteams",
    "mantelzorgers",
    "55-plussers",
    "2025",
    "e-mail",
    "café-restaurant",
    "ångström",
    "ñandú",
    "žena",
    "ſtraat",
];

fn rust_terms(words: &[String]) -> Vec<String> {
    let mut analyzer = Analyzer::new(Language::Nl);
    words
        .iter()
        .map(|w| {
            let folded = fold(w);
            let toks: Vec<&str> = tokens(&folded).collect();
            let terms: Vec<String> = toks.iter().filter_map(|t| analyzer.term(t)).collect();
            format!("{folded}\t{}\t{}", toks.join(" "), terms.join(" "))
        })
        .collect()
}

fn node_terms(words: &[String]) -> Option<Vec<String>> {
    let script = format!(
        r#"const t = require({js:?});
const a = t.analyzer("nl", {stop});
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
for (const w of words) {{
  const folded = t.fold(w);
  const toks = t.tokens(folded);
  const terms = toks.map(a.term).filter(x => x !== null);
  console.log(folded + "\t" + toks.join(" ") + "\t" + terms.join(" "));
}}"#,
        js = support::theme_file("js/search-text.js"),
        stop = serde_json::to_string(STOP_WORDS_NL).unwrap(),
    );
    let mut child = Command::new("node")
        .args(["-e", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(words).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    Some(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(String::from)
            .collect(),
    )
}

#[test]
fn browser_and_index_agree_on_terms() {
    let mut words: BTreeSet<String> = RULE_WORDS.iter().map(|w| w.to_string()).collect();
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            words.extend(text.split_whitespace().map(String::from));
        }
    }
    // Every letter the folding maps, alone and inside a word.
    for code in 0xC0..=0x17F_u32 {
        let c = char::from_u32(code).unwrap();
        words.insert(format!("a{c}b"));
        words.insert(format!("{c}{c}"));
    }
    let words: Vec<String> = words.into_iter().collect();
    let Some(js) = node_terms(&words) else {
        return support::skip("node is not installed");
    };
    let rust = rust_terms(&words);
    assert_eq!(rust.len(), js.len());
    let differences: Vec<String> = words
        .iter()
        .zip(rust.iter().zip(&js))
        .filter(|(_, (r, j))| r != j)
        .map(|(w, (r, j))| format!("{w}: rust `{r}` js `{j}`"))
        .collect();
    assert!(
        differences.is_empty(),
        "{} of {} words differ:\n{}",
        differences.len(),
        words.len(),
        differences.join("\n")
    );
    assert!(
        words.len() > 1000,
        "the word list is too small to prove much"
    );
}
