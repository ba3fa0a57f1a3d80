//! A tiny static file server for a built site, on a free port of 127.0.0.1, for as long as
//! the test runs. (The `serve` command is another part of the project.)

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Server {
    pub origin: String,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// The file a URL path names: `/a/` → `a/index.html`; `None` for anything outside `root`.
fn file_for(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut file = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == ".." {
            return None;
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

impl Server {
    pub fn start(root: &Path) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port"));
        let origin = format!(
            "http://127.0.0.1:{}",
            server.server_addr().to_ip().expect("an IP address").port()
        );
        let root = root.to_path_buf();
        let serving = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let root = root.clone();
                std::thread::spawn(move || respond(&root, request));
            }
        });
        Server {
            origin,
            server,
            thread: Some(thread),
        }
    }
}

/// Answers one request from the files under `root`, with the site's 404 page when missing.
fn respond(root: &Path, request: tiny_http::Request) {
    {
        {
            let found = file_for(root, request.url())
                .and_then(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes)));
            let (status, file, bytes) = match found {
                Some((file, bytes)) => (200, file, bytes),
                None => {
                    let file = root.join("404.html");
                    (404, file.clone(), std::fs::read(file).unwrap_or_default())
                }
            };
            let header =
                tiny_http::Header::from_bytes("Content-Type", content_type(&file)).unwrap();
            let response = tiny_http::Response::from_data(bytes)
                .with_status_code(status)
                .with_header(header)
                .with_header(tiny_http::Header::from_bytes("Connection", "close").unwrap());
            let _ = request.respond(response);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
