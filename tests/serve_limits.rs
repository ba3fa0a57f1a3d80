//! `serve` under slow and hostile clients (issue 12, faults 8 and 9): a client that never
//! reads holds only its own connection, and oversized heads are refused early.

mod serve_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serve_support::{TempSite, get, serve};

fn host(url: &str) -> String {
    url.trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

fn site_with_a_large_file() -> TempSite {
    let site = TempSite::new();
    site.write("kennisbank.yaml", "title: Traag\n");
    site.write("content/_index.md", "---\ntitle: Traag\n---\nWelkom.\n");
    site.write("content/a.md", "---\ntitle: Een notitie\n---\nTekst.\n");
    // Far more than the socket buffers of 20 connections hold.
    site.write("static/groot.bin", vec![b'x'; 16 << 20]);
    site
}

#[test]
fn twenty_clients_that_never_read_do_not_stop_other_requests() {
    let site = site_with_a_large_file();
    let server = serve(site.root());
    let url = server.url().to_string();
    let stalled: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(host(&url)).unwrap();
            write!(stream, "GET /groot.bin HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            stream
        })
        .collect();
    // Let every stalled request reach the point where its answer fills the socket.
    std::thread::sleep(Duration::from_millis(500));
    for target in ["/a/", "/", "/data.json"] {
        let started = Instant::now();
        let response = get(&url, target);
        assert_eq!(response.status, 200, "{target}");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{target} took {:?} with 20 stalled readers",
            started.elapsed()
        );
    }
    drop(stalled);
}

/// Sends `head` in pieces until the server stops reading, then reads its answer's status.
fn status_after_sending(url: &str, head: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(host(url)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    for piece in head.chunks(64 * 1024) {
        if stream.write_all(piece).is_err() {
            break;
        }
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    text.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"))
}

#[test]
fn a_huge_header_gets_431_and_a_huge_request_line_414() {
    let site = site_with_a_large_file();
    let server = serve(site.root());
    let url = server.url().to_string();
    let mut huge_header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Groot: ".to_vec();
    huge_header.extend(std::iter::repeat_n(b'a', 8 << 20));
    assert_eq!(status_after_sending(&url, &huge_header), 431);
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(64 * 1024));
    assert_eq!(status_after_sending(&url, long_line.as_bytes()), 414);
    // And the server answers as before.
    assert_eq!(get(&url, "/a/").status, 200);
}
