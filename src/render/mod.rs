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
mod items;
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
mod whole_site;
mod words;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

pub use context::fill_links;
pub use document::names as document_names;
pub use items::{Item, summary_of};
pub use listing_shape::{ListingShape, WholeListing};
pub use menu::problems as menu_problems;
pub use whole_site::{render_site, render_site_timed, write_data_json};

use crate::diagnostic::Diagnostic;
use crate::pages::{self, Page};
use crate::site::Site;

/// One rendered output file, `(path, bytes)`, or why it could not be made.
pub type Rendered = Result<(String, Vec<u8>), Diagnostic>;

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
    /// and its items' data, from one computation of the listing, each handed to `emit` as it
    /// is made: a build writes it at once rather than holding a listing of a thousand pages.
    fn emit_listing_pages<R: Send>(
        &self,
        site: &Site,
        page: &Page,
        emit: &(dyn Fn(Rendered) -> R + Sync),
    ) -> Vec<R> {
        let whole = WholeListing::of(site, page);
        self.emit_whole_listing(site, page, &whole, &|_| true, emit)
    }

    /// The outputs of a listing already computed (`WholeListing::of(site, page)`) whose paths
    /// `wanted` takes: for `serve`, the few pages of a long listing that an edit changed.
    pub fn render_whole_listing(
        &self,
        site: &Site,
        page: &Page,
        whole: &WholeListing,
        wanted: &(dyn Fn(&str) -> bool + Sync),
    ) -> Vec<Rendered> {
        self.emit_whole_listing(site, page, whole, wanted, &|rendered| rendered)
    }

    /// `render_whole_listing`, each output handed to `emit` as it is made.
    fn emit_whole_listing<R: Send>(
        &self,
        site: &Site,
        page: &Page,
        whole: &WholeListing,
        wanted: &(dyn Fn(&str) -> bool + Sync),
        emit: &(dyn Fn(Rendered) -> R + Sync),
    ) -> Vec<R> {
        let (crumbs, whole) = (&whole.crumbs, &whole.ctx);
        let pages = crate::paging::page_count(whole.ids.len());
        let data = Page::ListingItems(Box::new(page.clone())).output_path(site);
        let data_wanted = pages > 1 && wanted(&data);
        // With the items' data each item is made once, for the pages and the data alike;
        // without it (`serve` builds it when asked for) only the wanted pages' items are.
        let all = data_wanted.then(|| listing::items_of(site, whole, &whole.ids));
        // In parallel: a long listing is many pages (all notes: 100 at 10,000 notes), and a
        // core left without pages of its own takes some over.
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
                    Some(emit(
                        self.render_listing(site, &this, &listing, crumbs)
                            .map(|bytes| (path, bytes)),
                    ))
                })
                .collect::<Vec<_>>()
        };
        // The items' data beside the pages, not after them: one long task (all notes: 11 MB
        // at 100,000 notes) that the other core would otherwise wait for.
        let (mut out, items) = rayon::join(listing_pages, || {
            all.as_ref()
                .map(|all| emit(Ok((data, listing_items::render_items(whole, all)))))
        });
        out.extend(items);
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

pub use pages::all_pages;
