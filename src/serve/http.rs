//! The HTTP side: what a request is answered with, only from the in-memory output
//! (`connection` reads requests and writes the replies). `GET` and `HEAD` only; HTML gets the reload script (and the error overlay); a folder
//! without its slash is redirected; anything else missing gets the theme's 404 page.

use std::sync::{Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::content_type::{content_type, is_html};
use super::limits::Head;
use super::output::{Body, Output};
use super::overlay;
use super::packed::Packed;
use super::reload::{EVENTS_PATH, ReloadHub};
use super::request_path;
use super::state::{OnDemand, SiteState};

/// What the workers share with the updater.
pub struct Shared {
    /// The site's sources; the updater holds it while it applies a change, a worker while it
    /// builds files on demand.
    pub state: Mutex<SiteState>,
    pub output: RwLock<Output>,
    pub hub: ReloadHub,
    /// Signalled when deferred pages are in; a request for one waits on it.
    pub deferred_done: Condvar,
    deferred_wait: Mutex<()>,
}

impl Shared {
    pub fn new(state: SiteState, output: Output) -> Shared {
        Shared {
            state: Mutex::new(state),
            output: RwLock::new(output),
            hub: ReloadHub::default(),
            deferred_done: Condvar::new(),
            deferred_wait: Mutex::new(()),
        }
    }

    pub fn state(&self) -> std::sync::MutexGuard<'_, SiteState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Builds a group of files on demand if it is out of date and the site has no errors.
    /// Returns whether it is still out of date (then the last version is served, saying so).
    fn refresh(&self, group: OnDemand) -> bool {
        if !self.read().is_stale(&group) {
            return false;
        }
        let mut state = self.state();
        // Another request may have built it while this one waited.
        if !self.read().is_stale(&group) {
            return false;
        }
        match state.build_on_demand(&group) {
            Some(files) => {
                self.write().replace_group(group, files);
                false
            }
            None => true,
        }
    }

    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Output> {
        self.output.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> std::sync::RwLockWriteGuard<'_, Output> {
        self.output.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits (at most `DEFERRED_WAIT`) until a page being rendered after a reload is in, so
    /// that it is never served stale.
    fn wait_for(&self, path: &str) {
        let deadline = Instant::now() + DEFERRED_WAIT;
        let mut guard = self.deferred_wait.lock().unwrap_or_else(|e| e.into_inner());
        while self.read().is_pending(path) && Instant::now() < deadline {
            guard = self
                .deferred_done
                .wait_timeout(guard, Duration::from_millis(50))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

/// Rendering `data.json` for 10,000 notes takes a fraction of a second; far more means the
/// updater is stuck, and the last version is better than none.
const DEFERRED_WAIT: Duration = Duration::from_secs(30);

/// What a request gets.
pub enum Action {
    Reply(Reply),
    /// The reload event stream, from this generation.
    Subscribe(u64),
}

/// A response about to be sent.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: ReplyBody,
}

/// A reply's body: bytes, or a packed page written as it unpacks.
pub enum ReplyBody {
    Bytes(Vec<u8>),
    Packed(Packed),
}

impl ReplyBody {
    pub fn len(&self) -> usize {
        match self {
            ReplyBody::Bytes(bytes) => bytes.len(),
            ReplyBody::Packed(packed) => packed.len(),
        }
    }

    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            ReplyBody::Bytes(bytes) => out.write_all(bytes),
            ReplyBody::Packed(packed) => packed.write_to(out),
        }
    }
}

/// A reply as `answer` decides it, before its headers are made.
struct Answer {
    status: u16,
    content_type: &'static str,
    body: ReplyBody,
    location: Option<String>,
    /// A file built on demand that could not be brought up to date (the site has errors).
    stale: bool,
}

impl Answer {
    fn text(status: u16, text: &str) -> Answer {
        Answer {
            status,
            content_type: "text/plain; charset=utf-8",
            body: ReplyBody::Bytes(text.as_bytes().to_vec()),
            location: None,
            stale: false,
        }
    }
}

/// The answer to one request.
pub fn respond(head: &Head, shared: &Shared) -> Action {
    let method = head.method.as_str();
    if !matches!(method, "GET" | "HEAD") {
        let answer = Answer::text(405, "only GET and HEAD are served\n");
        return Action::Reply(reply(answer, &[("Allow", "GET, HEAD")]));
    }
    let target = head.target.as_str();
    if method == "GET" && target.split('?').next() == Some(EVENTS_PATH) {
        return Action::Subscribe(shared.read().generation());
    }
    let answer = match request_path::output_path(target) {
        Ok(path) => answer(shared, target, &path),
        Err(request_path::Refused) => Answer::text(400, "bad request path\n"),
    };
    Action::Reply(reply(answer, &[]))
}

/// The reply for an output path, from the output as it is now.
fn answer(shared: &Shared, target: &str, path: &str) -> Answer {
    shared.wait_for(path);
    let stale = OnDemand::of_path(path).is_some_and(|group| shared.refresh(group));
    let output = shared.read();
    let generation = output.generation();
    let language = output.language();
    if !output.built() {
        return Answer {
            status: 503,
            content_type: content_type("index.html"),
            body: ReplyBody::Bytes(overlay::error_page(generation, output.errors(), language)),
            location: None,
            stale: false,
        };
    }
    let (status, path, body) = match output.get(path) {
        Some(body) => (200, path.to_string(), body),
        None => {
            let folder = format!("{path}/index.html");
            if !path.ends_with("index.html") && output.contains(&folder) {
                let (before, query) = match target.split_once('?') {
                    Some((before, query)) => (before, format!("?{query}")),
                    None => (target, String::new()),
                };
                let mut reply = Answer::text(301, "moved\n");
                reply.location = Some(format!("{before}/{query}"));
                return reply;
            }
            match output.get("404.html") {
                Some(body) => (404, "404.html".to_string(), body),
                None => return Answer::text(404, "not found\n"),
            }
        }
    };
    let errors = output.errors().to_vec();
    let search_stale = output.is_stale(&OnDemand::Search);
    drop(output);
    let html = is_html(&path);
    let bytes = match body {
        Body::Page(packed) if !html => ReplyBody::Packed(packed),
        Body::Page(packed) => ReplyBody::Bytes(packed.unpack()),
        // Copied files are read now, as `build` copies them; one gone since is not found.
        Body::File(blob) => match blob.read() {
            Ok(bytes) => ReplyBody::Bytes(bytes.into_owned()),
            Err(_) => return Answer::text(404, "not found\n"),
        },
    };
    let body = match bytes {
        ReplyBody::Bytes(bytes) if html => ReplyBody::Bytes(overlay::decorate(
            &bytes,
            generation,
            &errors,
            search_stale,
            language,
        )),
        body => body,
    };
    Answer {
        status,
        content_type: content_type(&path),
        body,
        location: None,
        stale,
    }
}

fn reply(answer: Answer, extra: &[(&'static str, &str)]) -> Reply {
    let mut headers = vec![
        ("Content-Type", answer.content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    if let Some(location) = answer.location {
        headers.push(("Location", location));
    }
    if answer.stale {
        headers.push((
            "X-Kennisbank-Stale",
            "built for an earlier version: the site has errors".to_string(),
        ));
    }
    headers.extend(extra.iter().map(|(n, v)| (*n, v.to_string())));
    Reply {
        status: answer.status,
        headers,
        body: answer.body,
    }
}
