//! How much of a build the search index costs:
//! `cargo run --release --example index_bench -- /tmp/c10k`.
//! Builds the site to a temporary folder (pages and index together, as `build` does), then
//! renders the pages alone and builds and writes the index alone, and prints the times with
//! the index's size. (The whole build also loads and parses; the pages-alone time does not.)

use std::time::Instant;

use kennisbank::load::load_site;
use kennisbank::pipeline::{Timings, prepare, render_into};
use kennisbank::site::SiteOptions;
use kennisbank::write::{FolderSink, Sink};
use rayon::prelude::*;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("a site folder"));
    let mut diagnostics = Vec::new();
    let start = Instant::now();
    let sources = load_site(&root, &mut diagnostics);
    let prepared = prepare(sources, &SiteOptions::default(), &mut Timings::default())
        .expect("the site builds");
    let out = tempfile::tempdir().expect("a temp folder");
    render_into(&prepared, &FolderSink::new(out.path())).expect("rendered");
    let whole = start.elapsed();

    // The same pages without the index, to see what the index adds to the wall clock.
    let pages_out = tempfile::tempdir().expect("a temp folder");
    let sink = FolderSink::new(pages_out.path());
    let start = Instant::now();
    prepared.pages.par_iter().for_each(|page| {
        let bytes = prepared
            .renderer
            .render_page(&prepared.site, page)
            .expect("renders");
        sink.put(&page.output_path(&prepared.site), &bytes)
            .expect("written");
    });
    let pages_only = start.elapsed();

    let start = Instant::now();
    let files = kennisbank::search::build(&prepared.site);
    let postings = start.elapsed();
    let index_out = tempfile::tempdir().expect("a temp folder");
    let start = Instant::now();
    let problems = kennisbank::search::write(&prepared.site, &FolderSink::new(index_out.path()));
    let index = start.elapsed();
    assert!(problems.is_empty(), "{problems:?}");
    let shard_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let fragments: u64 = walkdir::WalkDir::new(index_out.path().join("search/d"))
        .into_iter()
        .filter_map(|e| e.ok()?.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    println!(
        "{} notes: whole build (load to written, pages and index in parallel) {:.0} ms",
        prepared.site.notes.len(),
        whole.as_secs_f64() * 1000.0
    );
    println!(
        "pages alone, rendered and written: {:.0} ms",
        pages_only.as_secs_f64() * 1000.0
    );
    println!(
        "index alone: {:.0} ms to build terms, shards and facet rows in memory; {:.0} ms with all files written = {:.0}% of the whole build",
        postings.as_secs_f64() * 1000.0,
        index.as_secs_f64() * 1000.0,
        100.0 * index.as_secs_f64() / whole.as_secs_f64()
    );
    println!(
        "index size: meta + filters + {} shards = {} bytes; fragments {} bytes",
        files.len() - 2,
        shard_bytes,
        fragments
    );
}
