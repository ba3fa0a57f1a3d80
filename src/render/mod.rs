//! Stage 4, render: pages to bytes with tera, in parallel, into any `Sink` (a folder on disk
//! for `build`, memory for `serve`).

mod anchors;
mod branding;
pub mod citations;
mod context;
mod data_json;
mod document;
pub mod document_uses;
mod embed;
mod feeds;
mod handout;
pub mod jsonld;
mod list_text;
mod listing;
mod listing_filters;
mod listing_items;
mod listing_pager;
mod listing_shape;
mod menu;
mod tables;
mod tag_links;
mod title_heading;
mod unique_ids;
mod urls;
mod wanted_page;
mod words;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

pub use context::{Item, fill_links, summary_of};
pub use document::names as document_names;
pub use listing_shape::{ListingShape, WholeListing};
pub use menu::problems as menu_problems;

use crate::diagnostic::Diagnostic;
use crate::message::Message;
use crate::pages::{self, Page};
use crate::site::Site;
use crate::write::Sink;

/// Templates compiled once per site (and again only when a template changes).
pub struct Renderer {
    tera: Tera,
    /// Template name → file it came from, for messages.
    origins: BTreeMap<String, PathBuf>,
    /// What every page is given about the site (`site` in templates), as last set.
    globals: serde_json::Value,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'static str,
    base_path: &'a str,
    base_url: &'a str,
    nav: Vec<context::Link>,
    facets: Vec<context::Link>,
    home_url: String,
    all_url: String,
    search_url: String,
    /// `None` when the site has no feed (no note is dated).
    feed_url: Option<String>,
    branding: branding::BrandingContext,
    /// `css/site.css` → `/css/site.css?v=…`: every stylesheet and script, by content.
    assets: BTreeMap<String, String>,
    /// A vault's `publish.css`, loaded after the theme's CSS.
    publish_css: Option<String>,
}

impl Renderer {
    pub fn new(site: &Site) -> Result<Renderer, Vec<Diagnostic>> {
        let mut templates: BTreeMap<&str, &crate::load::Template> = BTreeMap::new();
        for template in &site.templates {
            templates.insert(&template.name, template);
        }
        let mut tera = Tera::new();
        tera.set_escape_fn(crate::html::escape_to);
        let origins = templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.source_path.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t)| (*n, t.text.as_str())))
        {
            let message = format!("{e}");
            let file = templates
                .values()
                .find(|t| message.contains(&t.name))
                .map_or(PathBuf::from("templates"), |t| t.source_path.clone());
            return Err(vec![Diagnostic::error(
                file,
                None,
                crate::message!(
                    "fout in een sjabloon (template): {}",
                    "template error: {}",
                    error_chain(&e)
                ),
            )]);
        }
        let mut renderer = Renderer {
            tera,
            origins,
            globals: serde_json::Value::Null,
        };
        renderer
            .tera
            .global_context()
            .insert("t", &crate::i18n::strings(site.config.language));
        renderer.update_site(site);
        Ok(renderer)
    }

    /// Gives every page the site-wide values (navigation, facets, URLs) of `site`. Returns
    /// whether they changed, which means every page must be rendered again.
    pub fn update_site(&mut self, site: &Site) -> bool {
        let urls = context::Urls { site };
        let global = SiteContext {
            title: &site.config.title,
            description: &site.config.description,
            lang: site.config.language.code(),
            base_path: site.config.base_path(),
            base_url: &site.config.base_url,
            nav: menu::menu(site),
            facets: site
                .facets
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.terms.is_empty())
                .map(|(i, f)| context::Link {
                    title: f.config.label.clone(),
                    url: urls.page(&Page::FacetIndex(i)),
                })
                .collect(),
            home_url: urls.page(&Page::Home),
            all_url: urls.page(&Page::AllNotes),
            search_url: urls.page(&Page::Search),
            feed_url: pages::has_feed(site).then(|| urls.page(&Page::Feed)),
            branding: branding::context(site),
            // Only those the templates name: a new or changed file no page links to renders
            // nothing again.
            assets: site
                .asset_versions
                .keys()
                .filter(|path| {
                    let key = format!("\"{path}\"");
                    site.templates.iter().any(|t| t.text.contains(&key))
                })
                .map(|path| (path.clone(), branding::asset_url(site, path)))
                .collect(),
            publish_css: site.layout.publish_css.then(|| {
                format!(
                    "{}{}",
                    site.config.base_path(),
                    crate::load::vault::PUBLISH_CSS
                )
            }),
        };
        let globals = serde_json::to_value(&global).unwrap_or_default();
        if globals == self.globals {
            return false;
        }
        self.tera.global_context().insert("site", &global);
        self.globals = globals;
        true
    }

    /// Renders one page to its bytes.
    pub fn render_page(&self, site: &Site, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("jsonld", &jsonld::for_page(site, page));
        // For `aria-current` in the menu.
        ctx.insert("current_url", &context::Urls { site }.page(page));
        let template = match page {
            Page::Feed => return Ok(feeds::atom(site).into_bytes()),
            Page::Sitemap => return Ok(feeds::sitemap(site).into_bytes()),
            Page::Data => return Ok(data_json::render(site)),
            Page::Citations(id, format) => {
                return Ok(citations::render(site, *id, *format).into_bytes());
            }
            Page::Handout(id) => {
                ctx.insert("handout", &handout::handout(site, *id));
                "handout.html".into()
            }
            Page::Home => {
                ctx.insert("home", &listing::home(site));
                "home.html".to_string()
            }
            Page::Note(id) => {
                let note = &site.notes[*id];
                ctx.insert("page", &context::note_context(site, *id));
                ctx.insert("crumbs", &context::crumbs(site, &note.section_path));
                let specific = format!("note-{}.html", note.kind.key());
                if self.tera.contains_template(&specific) {
                    specific
                } else {
                    "note.html".into()
                }
            }
            Page::Section(_) | Page::Kind(_) | Page::AllNotes | Page::FacetTerm(..) => {
                let (whole, crumbs) = listing::with_crumbs(site, page);
                let listing = listing_pager::paginate(site, page, &whole, 1);
                return self.render_listing(site, page, &listing, &crumbs);
            }
            Page::Paged(of, number) => {
                let (whole, crumbs) = listing::with_crumbs(site, of);
                let listing = listing_pager::paginate(site, of, &whole, *number);
                return self.render_listing(site, page, &listing, &crumbs);
            }
            Page::ListingItems(of) => {
                return Ok(listing_items::render_whole(
                    site,
                    &listing::with_crumbs(site, of).0,
                ));
            }
            Page::FacetIndex(f) => {
                ctx.insert("facet", &listing::facet_index(site, *f));
                ctx.insert("crumbs", &context::crumbs(site, ""));
                "facet.html".into()
            }
            Page::Search => {
                ctx.insert("crumbs", &context::crumbs(site, ""));
                // Its own search field is the page's: the header's would be a second one.
                ctx.insert("search_page", &true);
                "search.html".into()
            }
            Page::NotFound => "404.html".into(),
            Page::Wanted => {
                ctx.insert("wanted", &wanted_page::context(site));
                ctx.insert("crumbs", &context::crumbs(site, ""));
                "wanted.html".into()
            }
            Page::Redirect(id) => return Ok(redirect(site, *id).into_bytes()),
            Page::Document(d) => {
                ctx.insert("page", &document::page(site, *d));
                ctx.insert("crumbs", &context::crumbs(site, ""));
                "document.html".into()
            }
        };
        self.render_template(site, page, &template, &ctx)
    }

    /// Every output of a listing page: its first page, and for a long listing its other pages
    /// and its items' data, from one computation of the listing.
    pub fn render_listing_pages(
        &self,
        site: &Site,
        page: &Page,
    ) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
        self.render_listing_parts(site, page, &|_| true)
    }

    /// The outputs of a listing whose paths `wanted` takes, from one computation of the
    /// listing: for `serve`, the few pages of a long listing that an edit changed.
    pub fn render_listing_parts(
        &self,
        site: &Site,
        page: &Page,
        wanted: &(dyn Fn(&str) -> bool + Sync),
    ) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
        self.render_whole_listing(site, page, &WholeListing::of(site, page), wanted)
    }

    /// `render_listing_parts` of a listing already computed (`WholeListing::of(site, page)`).
    pub fn render_whole_listing(
        &self,
        site: &Site,
        page: &Page,
        whole: &WholeListing,
        wanted: &(dyn Fn(&str) -> bool + Sync),
    ) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
        let (crumbs, whole) = (&whole.crumbs, &whole.ctx);
        let pages = crate::paging::page_count(whole.ids.len());
        let data = Page::ListingItems(Box::new(page.clone())).output_path(site);
        let data_wanted = pages > 1 && wanted(&data);
        // With the items' data each item is made once, for the pages and the data alike;
        // without it (`serve` builds it when asked for) only the wanted pages' items are.
        let all = data_wanted.then(|| listing::items_of(site, whole, &whole.ids));
        // In parallel: the listings last in the page list (the kinds, the facet values) are
        // long, and one thread rendered them alone while the other had nothing left to do.
        let listing_pages = || {
            (1..=pages)
                .into_par_iter()
                .filter_map(|number| {
                    let this = match number {
                        1 => page.clone(),
                        n => Page::Paged(Box::new(page.clone()), n),
                    };
                    let path = this.output_path(site);
                    if !wanted(&path) {
                        return None;
                    }
                    let (start, end) = listing_pager::page_range(whole, number);
                    let items = match &all {
                        Some(all) => all[start..end].to_vec(),
                        None => listing::items_of(site, whole, &whole.ids[start..end]),
                    };
                    let listing = listing_pager::paginate_items(site, page, whole, number, items);
                    Some(
                        self.render_listing(site, &this, &listing, crumbs)
                            .map(|bytes| (path, bytes)),
                    )
                })
                .collect::<Vec<_>>()
        };
        // The items' data beside the pages, not after them: for the all-notes listing it is
        // the last task of a build.
        let (mut out, items) = rayon::join(listing_pages, || {
            all.as_ref()
                .map(|all| listing_items::render_items(whole, all))
        });
        if let Some(items) = items {
            out.push(Ok((data, items)));
        }
        out
    }

    fn render_listing(
        &self,
        site: &Site,
        page: &Page,
        listing: &listing::ListingContext,
        crumbs: &[context::Link],
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("jsonld", &jsonld::for_page(site, page));
        ctx.insert("current_url", &context::Urls { site }.page(page));
        ctx.insert("listing", listing);
        ctx.insert("crumbs", crumbs);
        self.render_template(site, page, "listing.html", &ctx)
    }

    fn render_template(
        &self,
        site: &Site,
        page: &Page,
        template: &str,
        ctx: &Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map(String::into_bytes)
            .map_err(|e| {
                let file = self
                    .origins
                    .get(template)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(template));
                Diagnostic::error(
                    file,
                    None,
                    crate::message!(
                        "de pagina {} kan niet worden gemaakt (fout in een sjabloon): {}",
                        "rendering {}: {}",
                        page.url_path(site),
                        error_chain(&e)
                    ),
                )
            })
    }
}

/// The page at a note's file-path URL when it has a `permalink`: sends readers on.
fn redirect(site: &Site, id: crate::link::NoteId) -> String {
    let url = context::Urls { site }.note(id);
    let url = crate::properties::escape(&url);
    let title = crate::properties::escape(&site.notes[id].title);
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"canonical\" href=\"{url}\"><meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\"></head>\
         <body><p><a href=\"{url}\">{title}</a></p></body></html>\n",
        site.config.language.code()
    )
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

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
    let (listings, others): (Vec<&Page>, Vec<&Page>) =
        pages.iter().partition(|page| page.is_listing());
    listings
        .into_par_iter()
        .chain(others.into_par_iter().with_max_len(16))
        .flat_map_iter(|page| match page {
            // Made with their listing's first page, which computes the listing once.
            Page::Paged(..) | Page::ListingItems(_) => Vec::new(),
            page if page.is_listing() => renderer.render_listing_pages(site, page),
            // Large (22 MB at 10,000 notes): streamed beside the pages.
            Page::Data => Vec::new(),
            _ => vec![
                renderer
                    .render_page(site, page)
                    .map(|bytes| (page.output_path(site), bytes)),
            ],
        })
        .filter_map(|rendered| {
            let (path, bytes) = match rendered {
                Ok(file) => file,
                Err(problem) => return Some(problem),
            };
            sink.put(&path, &bytes)
                .err()
                .map(|e| Diagnostic::error(&path, None, Message::cannot_write(&e)))
        })
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

pub use pages::all_pages;
