//! Measures the theme in Chromium on a built site (e.g. 10,000 notes):
//! `cargo run --release --example browser_bench -- /tmp/c10k/public`.
//! Prints the time to set up and apply the listing filters, one frame included, and what a
//! search downloads (bytes as sent, uncompressed: gzip sizes come from scripts/measure).

#[path = "../tests/browser/server.rs"]
mod server;
// Shared with the browser tests; this bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/browser/webdriver.rs"]
mod webdriver;

use serde_json::json;

fn main() {
    let root = std::env::args().nth(1).expect("a built site folder");
    let server = server::Server::start(std::path::Path::new(&root));
    let b = webdriver::Browser::start(1280, 900);
    let origin = &server.origin;

    let start = std::time::Instant::now();
    b.goto(&format!("{origin}/alles/"));
    b.wait_for(
        "filters",
        "return !document.querySelector('aside.filters').hidden",
    );
    println!(
        "all-notes listing: {} items, ready after {:.0} ms (load + filter setup)",
        b.eval(
            "return document.querySelectorAll('[data-f]').length",
            json!([])
        ),
        start.elapsed().as_secs_f64() * 1000.0
    );
    for (facet, value) in [
        ("sphere", "informeel"),
        ("domain", "sport"),
        ("sphere", "informeel"),
    ] {
        let result = b.eval_async(
            "const done = arguments[2];
             const box = document.querySelector(`input[name='${arguments[0]}'][value='${arguments[1]}']`);
             const t0 = performance.now();
             box.click();
             const js = window.kbFilterMs;
             document.body.offsetHeight; // style and layout, forced now
             const layout = performance.now() - t0;
             requestAnimationFrame(() => setTimeout(() => done({
               js, layout, frame: performance.now() - t0,
               shown: document.querySelector('[data-shown]').textContent })));",
            json!([facet, value]),
        );
        println!(
            "toggle {facet}={value}: filter {:.1} ms, with style+layout {:.1} ms, to the next frame {:.1} ms, {} shown",
            result["js"].as_f64().unwrap_or(0.0),
            result["layout"].as_f64().unwrap_or(0.0),
            result["frame"].as_f64().unwrap_or(0.0),
            result["shown"]
        );
    }
    for query in ["buurt", "sociale basis", "vrijwilligers sport", "gemeente"] {
        b.goto(&format!("{origin}/zoeken/?q={}", query.replace(' ', "+")));
        b.wait_for(
            "results",
            "return document.querySelectorAll('.search-results > li').length >= 20",
        );
        let r = b.eval(
            "return performance.getEntriesByType('resource')
               .filter(e => e.name.includes('/search/'))
               .map(e => [e.name.split('/search/')[1], e.encodedBodySize])",
            json!([]),
        );
        let files = r.as_array().cloned().unwrap_or_default();
        let bytes: u64 = files.iter().map(|f| f[1].as_u64().unwrap_or(0)).sum();
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f[0].as_str()
                    .unwrap_or("")
                    .split('?')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        println!(
            "  first results: {}",
            b.eval(
                "return [...document.querySelectorAll('.search-results > li > a')].slice(0, 5).map(a => a.textContent)",
                json!([])
            )
        );
        println!(
            "search {query:?}: {} — {} files, {bytes} bytes: {}",
            b.eval(
                "return document.querySelector('.search-status').textContent",
                json!([])
            ),
            files.len(),
            names.join(" ")
        );
    }
}
