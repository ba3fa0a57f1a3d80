//! `serve` end to end: a real server on a free port, real HTTP over TCP, real file changes
//! seen by the real watcher.

mod common;
mod serve_support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::texts;
use serve_support::{NoteSpec, TempSite, get, request, serve, undecorated, wait_for};

/// A small site with a note of each common sort, a file beside a note, and static files.
fn fixture() -> TempSite {
    let site = TempSite::new();
    // Published somewhere (so there is a sitemap), with a dated note (so there is a feed).
    site.write(
        "kennisbank.yaml",
        "title: Proefsite\nstrict: true\nbase_url: https://proefsite.example.nl/\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: Welkom\n---\nDe proefsite.\n",
    );
    let mut sports = NoteSpec::new("Golden Sports");
    sports.kind = "project";
    sports.tags = vec!["sport".into()];
    sports.image = Some("foto.png".into());
    sports.date = Some("2025-01-01".into());
    site.note("content/projecten/golden-sports.md", &sports);
    let mut buurtbus = NoteSpec::new("Buurtbus");
    buurtbus.links = vec!["Golden Sports".into()];
    site.note("content/buurtbus.md", &buurtbus);
    site.write("content/projecten/foto.png", b"\x89PNG\r\n\x1a\nnep");
    site.write("content/projecten/verslag.pdf", b"%PDF-1.4 nep");
    site.write("static/fonts/letter.woff2", b"wOF2nep");
    site.write("static/gegevens.json", "{\"a\": 1}");
    site
}

#[test]
fn traversal_attempts_never_reach_files_outside_the_output() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("geheim.txt"), "GEHEIM-1234").unwrap();
    let root = outer.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/a.md"), "---\ntitle: A\n---\nTekst.\n").unwrap();
    std::fs::write(
        root.join("kennisbank.yaml"),
        "# GEHEIM-CONFIG\ntitle: Proef\n",
    )
    .unwrap();
    let server = serve(&root);
    for target in [
        "/../geheim.txt",
        "/../../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/%2E%2E/%2E%2E/geheim.txt",
        "/..%2fgeheim.txt",
        "/.%2e/geheim.txt",
        "/..\\geheim.txt",
        "/%2e%2e%5cgeheim.txt",
        "/a.md%00.html",
        "/%00",
        "//geheim.txt",
        "/C:/geheim.txt",
        "geheim.txt",
        "http://localhost/../geheim.txt",
        "/content/a.md",
        "/kennisbank.yaml",
        "/../site/kennisbank.yaml",
        "/etc/passwd",
        "/../../../../../../etc/passwd",
    ] {
        let response = get(server.url(), target);
        assert!(
            matches!(response.status, 400 | 404),
            "{target}: status {}",
            response.status
        );
        let text = response.text();
        assert!(
            !text.contains("GEHEIM") && !text.contains("root:"),
            "{target} leaked a file"
        );
    }
}

#[test]
fn pages_files_and_the_404_page_are_served_with_their_types() {
    let site = fixture();
    let server = serve(site.root());
    let url = server.url();
    for (target, status, content_type) in [
        ("/", 200, "text/html; charset=utf-8"),
        ("/projecten/golden-sports/", 200, "text/html; charset=utf-8"),
        ("/css/site.css", 200, "text/css; charset=utf-8"),
        ("/js/site.js", 200, "text/javascript; charset=utf-8"),
        ("/favicon.svg", 200, "image/svg+xml"),
        ("/atom.xml", 200, "application/xml; charset=utf-8"),
        ("/sitemap.xml", 200, "application/xml; charset=utf-8"),
        ("/projecten/foto.png", 200, "image/png"),
        ("/projecten/verslag.pdf", 200, "application/pdf"),
        ("/fonts/letter.woff2", 200, "font/woff2"),
        ("/gegevens.json", 200, "application/json"),
        ("/data.json", 200, "application/json"),
        ("/bestaat-niet/", 404, "text/html; charset=utf-8"),
        ("/bestaat-niet.png", 404, "text/html; charset=utf-8"),
    ] {
        let response = get(url, target);
        assert_eq!(response.status, status, "{target}");
        assert_eq!(
            response.header("content-type"),
            Some(content_type),
            "{target}"
        );
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
    }
    assert_eq!(
        get(url, "/projecten/foto.png").body,
        b"\x89PNG\r\n\x1a\nnep"
    );
    let missing = get(url, "/bestaat-niet/").html();
    assert_eq!(texts(&missing, "main h1").len(), 1, "the theme's 404 page");
    assert_eq!(
        texts(&missing, "title"),
        texts(&get(url, "/404.html").html(), "title")
    );

    let folder = get(url, "/projecten?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/projecten/?x=1"));
    assert_eq!(request(url, "POST", "/").status, 405);
    assert_eq!(request(url, "GET", "/%ff").status, 400);
}

#[test]
fn head_sends_the_headers_of_get_without_a_body() {
    let site = fixture();
    let server = serve(site.root());
    for target in ["/", "/css/site.css", "/bestaat-niet/"] {
        let full = get(server.url(), target);
        let head = request(server.url(), "HEAD", target);
        assert_eq!(head.status, full.status, "{target}");
        assert_eq!(head.header("content-type"), full.header("content-type"));
        assert_eq!(
            head.header("content-length"),
            Some(full.body.len().to_string().as_str()),
            "{target}"
        );
        assert!(head.body.is_empty(), "{target}: HEAD has no body");
    }
}

#[test]
fn only_served_html_gets_the_reload_script() {
    let site = fixture();
    let server = serve(site.root());
    let page = get(server.url(), "/projecten/golden-sports/");
    let scripts = texts(&page.html(), "script");
    assert!(
        scripts.iter().any(|s| s.contains("/__kennisbank/events")),
        "served HTML listens for reloads"
    );
    assert!(
        !get(server.url(), "/css/site.css")
            .text()
            .contains("EventSource")
    );
    let built = kennisbank::pipeline::build_in_memory(site.root(), &Default::default())
        .unwrap()
        .0;
    for (path, bytes) in &built.0 {
        assert!(
            !String::from_utf8_lossy(bytes).contains("__kennisbank"),
            "build output {path} has serve's script"
        );
    }
}

/// Reads server-sent events from a connection: `(event, data)` pairs.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn connect(url: &str) -> Events {
        let host = url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = TcpStream::connect(host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /__kennisbank/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        let mut event_stream = false;
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            event_stream |= line
                .to_ascii_lowercase()
                .starts_with("content-type: text/event-stream");
        }
        assert!(event_stream, "the events come as text/event-stream");
        Events { reader }
    }

    fn next(&mut self) -> (String, u64) {
        let (mut event, mut data) = (String::new(), None);
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                self.reader.read_line(&mut line).unwrap() > 0,
                "stream ended"
            );
            let line = line.trim_end();
            if let (true, Some(data)) = (line.is_empty(), data) {
                return (event, data);
            }
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data = d.parse().ok();
            }
        }
    }
}

#[test]
fn an_edit_sends_a_reload_event_and_serves_the_new_page() {
    let site = fixture();
    let server = serve(site.root());
    let mut events = Events::connect(server.url());
    let (hello, generation) = events.next();
    assert_eq!(hello, "hello");
    let mut spec = NoteSpec::new("Buurtbus");
    spec.body = "Rijdt nu ook op zondag.".into();
    site.note("content/buurtbus.md", &spec);
    let (reload, after) = events.next();
    assert_eq!(reload, "reload");
    assert!(after > generation);
    let page = get(server.url(), "/buurtbus/").html();
    assert!(
        texts(&page, "main p")
            .iter()
            .any(|t| t == "Rijdt nu ook op zondag.")
    );
    // Files no tab shows are rendered after the reload, but never served stale.
    let mut spec = NoteSpec::new("Buurtbus");
    spec.summary = Some("Rijdt op zondag".into());
    spec.date = Some("2025-06-01".into()); // in the feed
    site.note("content/buurtbus.md", &spec);
    assert_eq!(events.next().0, "reload");
    let data = get(server.url(), "/data.json").text();
    assert!(data.contains("Rijdt op zondag"), "{data}");
    let feed = get(server.url(), "/atom.xml").text();
    assert!(feed.contains("Rijdt op zondag"), "{feed}");
}

#[test]
fn tabs_that_close_their_event_stream_are_let_go() {
    let site = fixture();
    let server = serve(site.root());
    let mut events = Events::connect(server.url());
    events.next();
    wait_for("the tab to be counted", || server.reload_clients() == 1);
    drop(events);
    // The first write after a hang-up may still be buffered; the next one fails.
    wait_for("the closed tab to be dropped", || {
        server.ping();
        server.reload_clients() == 0
    });
}

#[test]
fn a_bad_edit_shows_an_overlay_on_every_page_until_it_is_fixed() {
    let site = fixture();
    let server = serve(site.root());
    let url = server.url();
    site.write(
        "content/buurtbus.md",
        "---\ntitle: Buurtbus\nkleur: rood\n---\nKapot.\n",
    );
    wait_for("the overlay", || {
        !texts(&get(url, "/").html(), "[role=alert]").is_empty()
    });
    for target in [
        "/",
        "/projecten/golden-sports/",
        "/buurtbus/",
        "/bestaat-niet/",
    ] {
        let alerts = texts(&get(url, target).html(), "[role=alert] li");
        assert_eq!(alerts.len(), 1, "{target}: {alerts:?}");
        assert!(
            alerts[0].starts_with("content/buurtbus.md:3:")
                && alerts[0].contains("onbekende eigenschap `kleur`"),
            "{target}: {}",
            alerts[0]
        );
    }
    let page = get(url, "/buurtbus/").html();
    assert!(
        texts(&page, "main p").iter().any(|t| t == "Over Buurtbus."),
        "the last good version stays served"
    );
    assert!(
        get(url, "/css/site.css")
            .text()
            .find("kennisbank-fouten")
            .is_none()
    );

    let mut fixed = NoteSpec::new("Buurtbus");
    fixed.body = "Hersteld.".into();
    site.note("content/buurtbus.md", &fixed);
    wait_for("the fixed page", || {
        let page = get(url, "/buurtbus/").html();
        texts(&page, "main p").iter().any(|t| t == "Hersteld.")
    });
    assert!(texts(&get(url, "/").html(), "[role=alert]").is_empty());
}

#[test]
fn notes_and_folders_added_renamed_and_deleted_are_served_as_built() {
    let site = fixture();
    let server = serve(site.root());
    let url = server.url();
    let status = |target: &str| get(url, target).status;

    let mut new = NoteSpec::new("Repair Café");
    new.links = vec!["Buurtbus".into()];
    site.note("content/initiatieven/repair-cafe.md", &new);
    wait_for("the new note", || {
        status("/initiatieven/repair-cafe/") == 200
    });
    wait_for("its backlink", || {
        texts(&get(url, "/buurtbus/").html(), "a").contains(&"Repair Café".to_string())
    });

    site.rename("content/initiatieven", "content/buurt");
    wait_for("the moved folder", || status("/buurt/repair-cafe/") == 200);
    assert_eq!(status("/initiatieven/repair-cafe/"), 404);

    // An editor's atomic save: write a temporary file, rename it over the note.
    let mut saved = NoteSpec::new("Buurtbus");
    saved.body = "Atomisch bewaard.".into();
    site.write("content/.buurtbus.md.swp", "vim-rommel");
    site.write("content/buurtbus.md.tmp", saved.to_markdown());
    site.rename("content/buurtbus.md.tmp", "content/buurtbus.md");
    wait_for("the saved note", || {
        texts(&get(url, "/buurtbus/").html(), "main p").contains(&"Atomisch bewaard.".into())
    });

    site.remove("content/buurt/repair-cafe.md");
    wait_for("the deleted note to go", || {
        status("/buurt/repair-cafe/") == 404
    });
    site.remove("content/projecten");
    wait_for("the deleted folder to go", || {
        status("/projecten/golden-sports/") == 404
    });

    // After all that, every page is what a fresh build gives.
    wait_for("the served site to equal a fresh build", || {
        served_equals_build(&site, url)
    });
}

/// Whether every file of a fresh build is served with the same bytes (minus what `serve`
/// adds to HTML).
fn served_equals_build(site: &TempSite, url: &str) -> bool {
    let options = kennisbank::site::SiteOptions {
        base_url: Some(url.to_string()),
        drafts: false,
        preview: true,
    };
    let Ok((built, _)) = kennisbank::pipeline::build_in_memory(site.root(), &options) else {
        return false;
    };
    built.0.iter().all(|(path, bytes)| {
        let served = get(url, &format!("/{path}"));
        let body = if path.ends_with(".html") {
            undecorated(&served.body)
        } else {
            served.body
        };
        served.status == 200 && body == *bytes
    })
}

#[test]
fn the_search_index_is_built_when_asked_for_and_never_stale_without_saying_so() {
    let site = fixture();
    let server = serve(site.root());
    let url = server.url();
    let docs = |response: &serve_support::Http| -> u64 {
        let meta: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
        meta["docs"].as_u64().unwrap()
    };
    let mut events = Events::connect(url);
    events.next();
    let first = get(url, "/search/meta.json");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("x-kennisbank-stale"), None);

    // A new note is in the index the next time it is asked for.
    site.note("content/nieuw.md", &NoteSpec::new("Nieuw"));
    assert_eq!(events.next().0, "reload");
    let after = get(url, "/search/meta.json");
    assert_eq!(docs(&after), docs(&first) + 1);
    assert_eq!(after.header("x-kennisbank-stale"), None);

    // Another note, then an error before anyone searched: the index of the version before
    // is all there is, and both the response and the pages say so.
    site.note("content/nog-een.md", &NoteSpec::new("Nog een"));
    assert_eq!(events.next().0, "reload");
    site.write("content/kapot.md", "---\ntitle: [kapot\n---\n");
    assert_eq!(events.next().0, "reload");
    let stale = get(url, "/search/meta.json");
    assert_eq!(docs(&stale), docs(&after));
    assert!(stale.header("x-kennisbank-stale").is_some());
    let alert = texts(&get(url, "/zoeken/").html(), "[role=alert] p").join(" ");
    assert!(alert.contains("eerdere versie"), "{alert}");
}

#[test]
fn a_burst_of_changes_like_a_checkout_ends_in_what_a_build_gives() {
    let site = fixture();
    // Deleting a folder breaks links into it: warnings, so that the site still builds.
    site.write(
        "kennisbank.yaml",
        "title: Proefsite\nunresolved_links: warn\n",
    );
    let server = serve(site.root());
    for i in 0..120 {
        let mut spec = NoteSpec::new(&format!("Notitie {i}"));
        if i > 0 {
            spec.links = vec![format!("Notitie {}", i - 1)];
        }
        spec.tags = vec![["sport", "wonen", "zorg"][i % 3].to_string()];
        site.note(&format!("content/map-{}/notitie-{i}.md", i % 4), &spec);
    }
    site.rename("content/map-1", "content/verhuisd");
    site.remove("content/map-2");
    site.remove("content/buurtbus.md");
    wait_for("the served site to equal a fresh build", || {
        served_equals_build(&site, server.url())
    });
}
