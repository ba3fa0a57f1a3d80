//! The whole site into a sink: how the render stage spreads its pages over the cores. Each
//! choice was measured on a cold 10,000-note build with `perf sched`: listings first, the
//! other pages in short runs, the search index and `data.json` on a thread of their own.

use rayon::prelude::*;

use super::{Rendered, Renderer, data_json};
use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::pages::Page;
use crate::site::Site;
use crate::write::Sink;

/// Renders every page and copies every static file into `sink`, in parallel.
/// Returns the problems found; the sink may be partly written when there are any.
pub fn render_site(
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    render_site_timed(site, renderer, pages, sink).0
}

/// `render_site`, also returning how long the search index took (it is built beside the
/// pages, so its time is part of the render stage's, not added to it).
pub fn render_site_timed(
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    sink: &dyn Sink,
) -> (Vec<Diagnostic>, std::time::Duration) {
    let (mut problems, (index_problems, index_time)) = std::thread::scope(|scope| {
        // The search index and `data.json` are long tasks of their own: on a thread beside
        // the pool, one after the other. In the pool, a worker waiting for its half of a join
        // sat idle while the other ran a long stretch of the index (a third of a second of a
        // 10,000-note build), and `data.json`, last in the page list, ran alone at the end.
        let beside = scope.spawn(|| {
            on_one_thread(|| {
                let start = std::time::Instant::now();
                let mut problems = crate::search::write(site, sink);
                let index_time = start.elapsed();
                problems.extend(pages.iter().filter_map(|page| match page {
                    Page::Data => write_data(site, page, sink),
                    _ => None,
                }));
                (problems, index_time)
            })
        });
        let problems = render_pages(site, renderer, pages, sink);
        let beside = beside
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (problems, beside)
    });
    problems.extend(index_problems);
    let files = site.output_files();
    problems.par_extend(files.par_iter().filter_map(|file| {
        let bytes = match file.blob.read() {
            Ok(bytes) => bytes,
            Err(e) => {
                return Some(Diagnostic::error(
                    &file.source_path,
                    None,
                    Message::cannot_read(&e),
                ));
            }
        };
        sink.put(&file.output_path, &bytes)
            .err()
            .map(|e| Diagnostic::error(&file.source_path, None, Message::cannot_write(&e)))
    }));
    (problems, index_time)
}

/// Every page but `data.json` into `sink`, in parallel: the listings first, as they are the
/// longest tasks (last in the page list they left one core idle at the end of a build), and
/// the rest in runs short enough for an idle core to take over the end of another's.
fn render_pages(
    site: &Site,
    renderer: &Renderer,
    pages: &[Page],
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    let put = |rendered: Rendered| {
        let (path, bytes) = match rendered {
            Ok(file) => file,
            Err(problem) => return Some(problem),
        };
        sink.put(&path, &bytes)
            .err()
            .map(|e| Diagnostic::error(&path, None, Message::cannot_write(&e)))
    };
    let (listings, others): (Vec<&Page>, Vec<&Page>) =
        pages.iter().partition(|page| page.is_listing());
    listings
        .into_par_iter()
        .chain(others.into_par_iter().with_max_len(16))
        .flat_map_iter(|page| match page {
            // Made with their listing's first page, which computes the listing once.
            Page::Paged(..) | Page::ListingItems(_) => Vec::new(),
            page if page.is_listing() => renderer.emit_listing_pages(site, page, &put),
            // Large (22 MB at 10,000 notes): streamed beside the pages.
            Page::Data => Vec::new(),
            _ => vec![put(renderer
                .render_page(site, page)
                .map(|bytes| (page.output_path(site), bytes)))],
        })
        .flatten()
        .collect()
}

/// Runs `work` (which may use rayon) in a pool of one thread of its own, so that none of its
/// parts lands in the pool the pages render in; where no pool can be made, as it comes.
fn on_one_thread<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Streams `data.json` into the sink (`serve` builds it when asked for).
pub fn write_data_json(site: &Site, sink: &dyn Sink) -> Option<Diagnostic> {
    write_data(site, &Page::Data, sink)
}

/// Streams `data.json` into the sink.
fn write_data(site: &Site, page: &Page, sink: &dyn Sink) -> Option<Diagnostic> {
    let path = page.output_path(site);
    let fill = |w: &mut dyn std::io::Write| data_json::write(site, w);
    sink.put_stream(&path, &fill)
        .err()
        .map(|e| Diagnostic::error(&path, None, Message::cannot_write(&e)))
}
