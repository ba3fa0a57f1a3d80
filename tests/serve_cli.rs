//! `kennisbank serve` as a process: what it says, which port it takes, and how it stops.

mod serve_support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serve_support::{TempSite, get};

fn site() -> TempSite {
    let site = TempSite::new();
    site.write("content/a.md", "---\ntitle: A\n---\nTekst.\n");
    site
}

/// A running `kennisbank serve` with its output lines arriving on channels.
struct Running {
    child: Child,
    out: mpsc::Receiver<String>,
    err: mpsc::Receiver<String>,
}

impl Running {
    fn start(root: &std::path::Path, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kennisbank"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kennisbank serve");
        let lines = |stream: Box<dyn std::io::Read + Send>| {
            let (send, receive) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = send.send(line);
                }
            });
            receive
        };
        let out = lines(Box::new(child.stdout.take().unwrap()));
        let err = lines(Box::new(child.stderr.take().unwrap()));
        Running { child, out, err }
    }

    /// Waits for a line of standard output containing `text`.
    fn line(&self, text: &str) -> String {
        wait_line(&self.out, text).unwrap_or_else(|| panic!("serve never printed `{text}`"))
    }

    /// Waits for a line of standard error containing `text`.
    fn error_line(&self, text: &str) -> Option<String> {
        wait_line(&self.err, text)
    }

    fn url(&self) -> String {
        let line = self.line("http://");
        let at = line.find("http://").unwrap();
        line[at..].trim().to_string()
    }
}

fn wait_line(lines: &mpsc::Receiver<String>, text: &str) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(text) => return Some(line),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    None
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn ctrl_c_stops_it_within_a_second() {
    let site = site();
    let mut serve = Running::start(site.root(), &["--port", "0"]);
    let url = serve.url();
    serve.line("let op wijzigingen");
    assert_eq!(get(&url, "/a/").status, 200);
    let interrupted = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let asked = Instant::now();
    loop {
        if serve.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(1),
            "still running a second after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_port_asked_for_and_taken_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = site();
    let mut serve = Running::start(site.root(), &["--port", &port]);
    let status = serve.child.wait().unwrap();
    assert!(!status.success());
    let error = serve
        .error_line("is bezet")
        .expect("an error about the port");
    assert!(
        error.contains(&format!("fout: poort {port} is bezet")) && error.contains("--port"),
        "{error}"
    );
}

#[test]
fn a_taken_default_port_gives_the_next_free_one_said_aloud() {
    // Hold the default port (if nothing else does already).
    let _held = TcpListener::bind("127.0.0.1:1111");
    let site = site();
    let serve = Running::start(site.root(), &[]);
    let said = serve.line("is bezet");
    assert!(said.contains("poort 1111 is bezet; poort"), "{said}");
    let url = serve.url();
    assert!(!url.contains(":1111/"), "{url}");
    assert_eq!(get(&url, "/a/").status, 200);
}

#[test]
fn listening_beyond_loopback_warns_that_the_network_can_read_the_site() {
    let site = site();
    let serve = Running::start(site.root(), &["--port", "0", "--bind", "0.0.0.0"]);
    let url = serve.url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let warning = serve.error_line("waarschuwing").expect("a warning");
    assert!(warning.contains("netwerk"), "{warning}");
    let mut quiet = Running::start(site.root(), &["--port", "0"]);
    quiet.line("let op wijzigingen");
    let _ = quiet.child.kill();
    assert_eq!(quiet.error_line("waarschuwing"), None);
}
