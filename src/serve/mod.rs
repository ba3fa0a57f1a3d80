//! `kennisbank serve`: the site rendered into memory, served over HTTP, re-rendered page by
//! page as files change, with open browser tabs reloaded through Server-Sent Events.
//!
//! - `state`: the site's sources as last read; applies changes, renders what they change
//!   (`dirty` says which pages, from `facts` of the served and the new site), keeps the last
//!   good version while the site has errors.
//! - `output`: the served pages and files.
//! - `watch`: notify events sorted into changes.
//! - `connection`, `limits`: connections (a thread each, with timeouts) and request heads
//!   (with size limits).
//! - `http`, `request_path`, `content_type`: answering requests, only from the output.
//! - `reload`, `overlay`: the Server-Sent Events hub, and what served HTML gets added.
//! - `report`: what the terminal says.

mod connection;
mod content_type;
mod dirty;
mod facts;
mod http;
mod limits;
pub mod output;
mod overlay;
pub mod packed;
mod reload;
mod report;
mod request_path;
pub mod state;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use output::{Body, Output};
pub use reload::EVENTS_PATH;
pub use state::{Changes, Delta, OnDemand, SiteState, Update};
pub use watch::classify;

use crate::language::Language;
use crate::load::is_note_path;
use crate::message;
use crate::message::Message;
use crate::site::SiteOptions;
use http::Shared;
use report::Reporter;

/// How far past a taken default port to look for a free one.
const PORT_TRIES: u16 = 10;
/// How often open event streams are checked for tabs that went away.
const PING_EVERY: Duration = Duration::from_secs(10);

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// When `port` is taken, try the next ones (and say so) instead of failing.
    pub next_free_port: bool,
    pub drafts: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("site folder {0} does not exist")]
    NoSite(PathBuf),
    #[error(
        "port {port} is in use on {bind} (is another `kennisbank serve` running?); choose another with --port"
    )]
    PortTaken { bind: IpAddr, port: u16 },
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot watch {root} for changes: {source}")]
    Watch {
        root: PathBuf,
        source: notify::Error,
    },
}

impl ServeError {
    /// What went wrong, in both languages (`Display` gives the English one).
    pub fn message(&self) -> Message {
        match self {
            ServeError::NoSite(root) => message!(
                "de map {} van de site bestaat niet",
                "site folder {} does not exist",
                root.display()
            ),
            ServeError::PortTaken { bind, port } => message!(
                "poort {port} is bezet op {bind} (draait er al een `kennisbank serve`?); kies een andere met --port",
                "port {port} is in use on {bind} (is another `kennisbank serve` running?); choose another with --port"
            ),
            ServeError::Listen { addr, source } => message!(
                "kan niet luisteren op {addr}: {source}",
                "cannot listen on {addr}: {source}"
            ),
            ServeError::Watch { root, source } => message!(
                "kan {} niet in de gaten houden voor wijzigingen: {source}",
                "cannot watch {} for changes: {source}",
                root.display()
            ),
        }
    }
}

/// A running `serve`. Dropping it stops it.
pub struct Server {
    url: String,
    shared: Arc<Shared>,
    acceptor: Option<connection::Acceptor>,
    watcher: Option<watch::Watcher>,
    pinger: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

/// Binds the port, builds the site into memory, and starts serving and watching it.
pub fn start(options: &ServeOptions) -> Result<Server, ServeError> {
    let root = options
        .root
        .canonicalize()
        .ok()
        .filter(|r| r.is_dir())
        .ok_or_else(|| ServeError::NoSite(options.root.clone()))?;
    let language = crate::load::site_language(&root);
    let listener = bind(options, language)?;
    let addr = listener.local_addr().map_err(|source| ServeError::Listen {
        addr: SocketAddr::new(options.bind, options.port),
        source,
    })?;
    let url = format!("http://{}/", display_addr(addr));
    let wake = display_addr(addr).parse().unwrap_or(addr);
    println!(
        "{}",
        message!(
            "de site in {} staat klaar op {url}",
            "serving {} at {url}",
            root.display()
        )
        .text(language)
    );
    let events = watch::watch(&root).map_err(|source| ServeError::Watch {
        root: root.clone(),
        source,
    })?;

    let site_options = SiteOptions {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        preview: true,
    };
    let started = Instant::now();
    let mut state = SiteState::load(&root, &site_options);
    let update = state.apply(&Changes::default());
    let (deferred, problems) = state.render_deferred();
    let mut reporter = Reporter::new(language);
    reporter.language = state.site().config.language;
    reporter.update(&update, None, started.elapsed());
    reporter.deferred(&problems);
    let mut output = Output::default();
    output.apply(update, state.site().config.language);
    output.finish(deferred);
    output.settle();
    let shared = Arc::new(Shared::new(state, output));

    let acceptor = connection::accept(listener, wake, shared.clone());
    let watcher = events.run(Updater {
        shared: shared.clone(),
        reporter,
    });
    println!(
        "{}",
        Message::new(
            "kennisbank let op wijzigingen; stop met Ctrl-C",
            "watching for changes; Ctrl-C stops"
        )
        .text(language)
    );

    let stop = Arc::new(AtomicBool::new(false));
    let pinger = {
        let (stop, shared) = (stop.clone(), shared.clone());
        std::thread::spawn(move || {
            let mut waited = Duration::ZERO;
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                waited += Duration::from_millis(100);
                if waited >= PING_EVERY {
                    shared.hub.ping();
                    waited = Duration::ZERO;
                }
            }
        })
    };
    Ok(Server {
        url,
        shared,
        acceptor: Some(acceptor),
        watcher: Some(watcher),
        pinger: Some(pinger),
        stop,
    })
}

impl Server {
    /// `http://127.0.0.1:1111/`
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many browser tabs listen for reloads (for tests).
    pub fn reload_clients(&self) -> usize {
        self.shared.hub.clients()
    }

    /// Checks every event stream now instead of at the next ping (for tests).
    pub fn ping(&self) {
        self.shared.hub.ping();
    }

    /// Serves until the process ends (Ctrl-C).
    pub fn wait(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            acceptor.wait();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.watcher.take();
        if let Some(mut acceptor) = self.acceptor.take() {
            acceptor.stop();
        }
        self.shared.hub.close_all();
        if let Some(pinger) = self.pinger.take() {
            let _ = pinger.join();
        }
    }
}

/// Listens on the port asked for, or with `next_free_port` on the first free one after it.
fn bind(options: &ServeOptions, language: Language) -> Result<TcpListener, ServeError> {
    let tries = if options.next_free_port && options.port != 0 {
        PORT_TRIES
    } else {
        1
    };
    for offset in 0..tries {
        let Some(port) = options.port.checked_add(offset) else {
            break;
        };
        let addr = SocketAddr::new(options.bind, port);
        match TcpListener::bind(addr) {
            Ok(listener) => {
                if offset > 0 {
                    let taken = options.port;
                    let said = message!(
                        "poort {taken} is bezet; poort {port} wordt gebruikt",
                        "port {taken} is in use; using port {port} instead"
                    );
                    println!("{}", said.text(language));
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(source) => return Err(ServeError::Listen { addr, source }),
        }
    }
    Err(ServeError::PortTaken {
        bind: options.bind,
        port: options.port,
    })
}

/// The address to put in URLs: a wildcard bind is reached through the loopback address.
fn display_addr(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", addr.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", addr.port()),
        _ => addr.to_string(),
    }
}

/// Takes in each batch of changes on the watcher's thread: renders what a tab may show and
/// tells the tabs to reload; then, while no edit waits, the pages it deferred, a few at a
/// time, so that the next edit waits at most for the few being rendered.
struct Updater {
    shared: Arc<Shared>,
    reporter: Reporter,
}

/// Deferred pages rendered between two looks for a new edit; a listing with all its pages
/// counts as one (the all-notes listing at 100,000 notes takes half a second or more).
const DEFERRED_AT_ONCE: usize = 2;

impl watch::Handler for Updater {
    fn changes(&mut self, changes: Changes) {
        let mut state = self.shared.state();
        let started = Instant::now();
        let update = state.apply(&changes);
        let language = state.site().config.language;
        self.reporter.language = language;
        self.reporter
            .update(&update, Some(&changes), started.elapsed());
        let generation = {
            let mut output = self.shared.write();
            let changed = output.apply(update, language);
            // Copied files are read from disk when asked for: a changed one is news too.
            let files = changes.layout || changes.content.iter().any(|p| !is_note_path(p));
            if !changed && files {
                output.touch();
            }
            (changed || files).then(|| output.generation())
        };
        if let Some(generation) = generation {
            self.shared.hub.broadcast(generation);
        }
    }

    fn idle(&mut self) -> bool {
        let mut state = self.shared.state();
        let (pages, problems) = state.render_deferred_some(DEFERRED_AT_ONCE);
        self.reporter.deferred(&problems);
        let more = state.has_deferred();
        drop(state);
        let mut output = self.shared.write();
        output.finish(pages);
        if !more {
            // Requests for pages that failed (or wait for a version without errors) get the
            // last good version.
            output.settle();
        }
        drop(output);
        // Requests for the pages just rendered need not wait for the rest.
        self.shared.deferred_done.notify_all();
        more
    }
}
