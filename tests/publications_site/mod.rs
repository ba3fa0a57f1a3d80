//! What the tests of the `publications` fixture share: the site built once, in memory, and
//! small helpers to read its pages with a real HTML parser.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kennisbank::pipeline::{self, MemoryOutput};
use kennisbank::site::SiteOptions;
use scraper::{Html, Selector};

pub const BASE: &str = "https://kennisbank.example.nl/sub/";
pub const LIST: &str = "leeslijsten/leeslijst-buurtkracht/";

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/publications")
}

pub fn output() -> &'static MemoryOutput {
    static OUTPUT: OnceLock<MemoryOutput> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let (output, warnings) = pipeline::build_in_memory(&root(), &SiteOptions::default())
            .unwrap_or_else(|failed| panic!("{:?}", failed.0));
        assert!(warnings.is_empty(), "{warnings:?}");
        output
    })
}

pub fn page(path: &str) -> Html {
    let text = output()
        .text(path)
        .unwrap_or_else(|| panic!("no {path} in the output"));
    Html::parse_document(text)
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

pub fn text_of(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}
