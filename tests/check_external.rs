//! `check --external` against a local HTTP server started by the test (never the internet):
//! working links, redirect chains, 404/410/500, a slow endpoint, a closed port, a server that
//! refuses HEAD, TLS to a plain-HTTP port; each reported at every file:line that uses it, and
//! cached so that a second run asks only about what may have changed.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kennisbank::check::external::ExternalRequest;
use kennisbank::check::{self, CheckReport, CheckRequest, Rule};
use kennisbank::diagnostic::Level;
use kennisbank::site::SiteOptions;

/// (method, path, when) of every request the server got.
type Log = Arc<Mutex<Vec<(String, String, Instant)>>>;

struct TestServer {
    base: String,
    log: Log,
}

impl TestServer {
    fn start() -> TestServer {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let log: Log = Arc::default();
        let server_log = log.clone();
        let own_base = base.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let log = server_log.clone();
                let base = own_base.clone();
                // A thread per request, so the slow endpoint blocks nobody else.
                std::thread::spawn(move || answer(request, &log, &base));
            }
        });
        TestServer { base, log }
    }

    fn requests(&self, path: &str) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, p, _)| p == path)
            .map(|(m, _, _)| m.clone())
            .collect()
    }

    fn total(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

fn answer(request: tiny_http::Request, log: &Log, base: &str) {
    let method = request.method().to_string();
    let path = request.url().to_string();
    log.lock()
        .unwrap()
        .push((method.clone(), path.clone(), Instant::now()));
    let redirect = |status: u16, to: &str| {
        tiny_http::Response::empty(status)
            .with_header(tiny_http::Header::from_bytes("Location", to).unwrap())
    };
    let response = match path.split('?').next().unwrap() {
        "/ok" | "/fine" => tiny_http::Response::empty(200),
        // A chain: relative, then absolute.
        "/chain-1" => redirect(301, "/chain-2"),
        "/chain-2" => redirect(301, &format!("{base}/ok")),
        "/moved" => redirect(308, "/ok"),
        "/temporary" => redirect(302, "/ok"),
        "/loop" => redirect(301, "/loop"),
        "/missing" => tiny_http::Response::empty(404),
        "/gone" => tiny_http::Response::empty(410),
        "/broken" => tiny_http::Response::empty(500),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            tiny_http::Response::empty(200)
        }
        "/no-head" if method == "HEAD" => tiny_http::Response::empty(405),
        "/no-head" => tiny_http::Response::empty(200),
        _ => tiny_http::Response::empty(404),
    };
    let _ = request.respond(response);
}

/// A port that answers anything with text that is no TLS: the TLS handshake fails at once.
fn not_tls_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        }
    });
    port
}

fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A site whose notes use the server's URLs; returns the tempdir holding it.
fn site(server: &TestServer, closed: u16, settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let b = &server.base;
    let tls = not_tls_port();
    let write = |rel: &str, text: String| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "kennisbank.yaml",
        format!(
            "title: Linktest\ncheck:\n  orphans: off\n  missing_summary: off\n  missing_tags: off\n  external:\n    timeout: 1s\n    host_delay: 0ms\n    per_host: 4\n{settings}"
        ),
    );
    write(
        "content/links.md",
        format!(
            "---\ntitle: Links\n---\n\
[werkt]({b}/ok#kop)\n\n\
[keten]({b}/chain-1)\n\n\
[verhuisd]({b}/moved)\n\n\
[tijdelijk]({b}/temporary)\n\n\
[rondje]({b}/loop)\n\n\
[weg]({b}/missing)\n\n\
[verdwenen]({b}/gone)\n\n\
[kapot]({b}/broken)\n\n\
[traag]({b}/slow)\n\n\
[dicht](http://127.0.0.1:{closed}/)\n\n\
[geen head]({b}/no-head)\n\n\
[tls](https://127.0.0.1:{tls}/fine)\n\n\
[overgeslagen]({b}/skipped/x)\n"
        ),
    );
    write(
        "content/publicaties/rapport.md",
        format!(
            "---\ntitle: Rapport\nurl: {b}/missing\nyear: 2024\n---\nZie ook [het rapport]({b}/missing) en de [[Links]].\n"
        ),
    );
    dir
}

fn check(root: &Path, ignore_cache: bool) -> CheckReport {
    check::run(&CheckRequest {
        root: root.to_path_buf(),
        site: SiteOptions::default(),
        external: Some(ExternalRequest {
            ignore_cache,
            mirror: None,
        }),
    })
}

/// (file, line, level, rule, message) of the external findings.
fn external(report: &CheckReport) -> Vec<(String, usize, Level, Rule, String)> {
    report
        .findings
        .iter()
        .filter_map(|f| {
            let rule = f.rule?;
            rule.key().starts_with("external.").then(|| {
                (
                    f.diagnostic.file.display().to_string().replace('\\', "/"),
                    f.diagnostic.line.unwrap_or(0),
                    f.diagnostic.level,
                    rule,
                    f.diagnostic.message.nl().to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn every_kind_of_answer_is_reported_at_every_use() {
    let server = TestServer::start();
    let closed = closed_port();
    let dir = site(
        &server,
        closed,
        &format!("    skip_prefixes: [\"{}/skipped/\"]\n", server.base),
    );
    let report = check(dir.path(), false);
    let b = &server.base;
    let found = external(&report);
    let expected: Vec<(&str, usize, Level, Rule, String)> = vec![
        (
            "content/links.md",
            6,
            Level::Warning,
            Rule::ExternalRedirects,
            format!("{b}/chain-1 is voorgoed verhuisd (301) via 2 doorverwijzingen naar {b}/ok"),
        ),
        (
            "content/links.md",
            8,
            Level::Warning,
            Rule::ExternalRedirects,
            format!("{b}/moved is voorgoed verhuisd (308) naar {b}/ok"),
        ),
        (
            "content/links.md",
            10,
            Level::Warning,
            Rule::ExternalTemporaryRedirects,
            format!("{b}/temporary verwijst door (302) naar {b}/ok"),
        ),
        (
            "content/links.md",
            12,
            Level::Warning,
            Rule::ExternalUnreachable,
            format!("{b}/loop: de doorverwijzingen gaan rond"),
        ),
        (
            "content/links.md",
            14,
            Level::Error,
            Rule::ExternalBroken,
            format!("kapotte link {b}/missing: 404 Not Found"),
        ),
        (
            "content/links.md",
            16,
            Level::Error,
            Rule::ExternalBroken,
            format!("kapotte link {b}/gone: 410 Gone"),
        ),
        (
            "content/links.md",
            18,
            Level::Warning,
            Rule::ExternalUnreachable,
            format!("{b}/broken: fout op de server 500"),
        ),
        (
            "content/links.md",
            20,
            Level::Warning,
            Rule::ExternalUnreachable,
            format!("{b}/slow: geen antwoord binnen 1 s"),
        ),
        (
            "content/links.md",
            22,
            Level::Error,
            Rule::ExternalBroken,
            format!("http://127.0.0.1:{closed}/: 127.0.0.1 weigert de verbinding"),
        ),
        (
            "content/links.md",
            26,
            Level::Error,
            Rule::ExternalBroken,
            "https://127.0.0.1:".to_string(),
        ),
        // The same broken URL in front matter and in the body of another note.
        (
            "content/publicaties/rapport.md",
            3,
            Level::Error,
            Rule::ExternalBroken,
            format!("kapotte link {b}/missing: 404"),
        ),
        (
            "content/publicaties/rapport.md",
            6,
            Level::Error,
            Rule::ExternalBroken,
            format!("kapotte link {b}/missing: 404"),
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (got, want) in found.iter().zip(&expected) {
        assert_eq!(
            (got.0.as_str(), got.1, got.2, got.3),
            (want.0, want.1, want.2, want.3),
            "{got:?}"
        );
        assert!(
            got.4.starts_with(&want.4),
            "{:?}\nshould start with\n{:?}",
            got.4,
            want.4
        );
    }
    // HEAD first, GET when the server refuses HEAD; the working URL needs no GET.
    assert_eq!(server.requests("/no-head"), ["HEAD", "GET"]);
    assert_eq!(server.requests("/ok"), ["HEAD", "HEAD", "HEAD", "HEAD"]);
    assert!(server.requests("/skipped/x").is_empty());
    let summary = report.external.as_ref().unwrap();
    assert_eq!(summary.skipped, 1);
    assert_eq!(summary.urls, 12);
    assert_eq!(summary.from_cache, 0);
    assert_eq!(summary.fetched, 12);
    assert!(report.has_errors());
}

#[test]
fn a_second_run_asks_only_about_what_was_not_certain() {
    let server = TestServer::start();
    let dir = site(&server, closed_port(), "");
    let first = check(dir.path(), false);
    let cache_dir = dir.path().join(".kennisbank-cache");
    assert!(cache_dir.join("links.json").is_file());
    assert_eq!(
        std::fs::read_to_string(cache_dir.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    let before = server.total();
    let before_paths: BTreeMap<String, usize> = count_by_path(&server);
    let second = check(dir.path(), false);
    // Only the uncertain results are asked again: the loop, 500, the timeout, the refused
    // port and TLS (the last two are not on the test server).
    let after_paths = count_by_path(&server);
    let asked_again: Vec<&String> = after_paths
        .iter()
        .filter(|(path, n)| before_paths.get(*path) != Some(n))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        asked_again,
        ["/broken", "/loop", "/slow"],
        "{after_paths:?}"
    );
    assert!(server.total() > before);
    let summary = second.external.as_ref().unwrap();
    // Cached: /ok, both redirects, /temporary, 404, 410, /no-head and the unskipped /skipped/x.
    assert_eq!(summary.from_cache, 8);
    assert_eq!(summary.fetched, 5);
    // A cached result reports exactly what a fresh one did.
    assert_eq!(external(&first), external(&second));

    // `--no-cache` asks everything again.
    let third = check(dir.path(), true);
    assert_eq!(third.external.as_ref().unwrap().from_cache, 0);
    assert_eq!(external(&first), external(&third));
}

#[test]
fn results_older_than_the_age_limit_are_asked_again() {
    let server = TestServer::start();
    let dir = site(&server, closed_port(), "    cache_max_age: 0\n");
    check(dir.path(), false);
    let second = check(dir.path(), false);
    assert_eq!(second.external.as_ref().unwrap().from_cache, 0);
    assert!(!dir.path().join(".kennisbank-cache/links.json").exists());
}

#[test]
fn one_host_is_asked_politely() {
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("kennisbank.yaml"),
        "title: X\ncheck:\n  external:\n    per_host: 1\n    host_delay: 150ms\n    workers: 8\n",
    )
    .unwrap();
    let links: String = (0..5)
        .map(|i| format!("[pagina {i}]({}/ok?p={i})\n\n", server.base))
        .collect();
    std::fs::write(
        dir.path().join("content/a.md"),
        format!("---\ntitle: A\n---\n{links}"),
    )
    .unwrap();
    check(dir.path(), true);
    let mut starts: Vec<Instant> = server.log.lock().unwrap().iter().map(|e| e.2).collect();
    starts.sort();
    assert_eq!(starts.len(), 5);
    // The checker spaces its starts 150 ms apart; arrival here adds connection latency to
    // each, which telescopes away over the whole span except for the first request's. So the
    // span, not each gap, is what a loaded machine cannot shrink.
    let span = starts[4] - starts[0];
    assert!(
        span >= Duration::from_millis(500),
        "five requests in {span:?}"
    );
}

fn count_by_path(server: &TestServer) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for (_, path, _) in server.log.lock().unwrap().iter() {
        *counts.entry(path.clone()).or_default() += 1;
    }
    counts
}
