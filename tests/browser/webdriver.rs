//! A small WebDriver client for the system chromedriver: plain HTTP/1.1 over a local socket
//! and serde_json, so no crate downloads a browser or needs the network.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// WebDriver's names for special keys.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
pub const SPACE: &str = "\u{E00D}";
pub const ARROW_UP: &str = "\u{E013}";
pub const ARROW_DOWN: &str = "\u{E015}";

pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // Read the head, then exactly Content-Length bytes: chromedriver keeps connections open.
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other(
                "connection closed before the header ended",
            ));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let mut payload = raw[split + 4..].to_vec();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    match length {
        Some(length) => {
            while payload.len() < length {
                let n = stream.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                payload.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut payload)?;
            if head.contains("transfer-encoding: chunked") {
                payload = dechunk(&payload);
            }
        }
    }
    serde_json::from_slice(&payload).map_err(std::io::Error::other)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile, performance log on.
    pub fn start(width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while http(port, "GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().expect("a profile folder");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "eager",
            "timeouts": {"pageLoad": 30000, "script": 60000},
            "goog:loggingPrefs": {"performance": "ALL"},
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--hide-scrollbars", "--force-device-scale-factor=1",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "perfLoggingPrefs": {"enableNetwork": true, "enablePage": false},
            }
        }}});
        let answer = http(port, "POST", "/session", Some(&caps)).expect("a session");
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        let browser = Browser {
            driver,
            port,
            session,
            _profile: profile,
        };
        browser.resize(width, height);
        browser
    }

    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let path = format!("/session/{}{}", self.session, path);
        let answer = http(self.port, method, &path, body.as_ref())
            .map_err(|e| format!("{method} {path}: {e}"))?;
        if let Some(error) = answer["value"].get("error") {
            return Err(format!(
                "{method} {path}: {error}: {}",
                answer["value"]["message"]
            ));
        }
        Ok(answer["value"].clone())
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Sets the viewport (not the window) to the given size.
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
        let inner = self.eval("return [window.innerWidth, window.innerHeight]", json!([]));
        let (w, h) = (
            inner[0].as_u64().unwrap_or(0),
            inner[1].as_u64().unwrap_or(0),
        );
        if (w, h) != (width as u64, height as u64) {
            self.call(
                "POST",
                "/window/rect",
                Some(json!({"width": 2 * width as u64 - w, "height": 2 * height as u64 - h})),
            );
        }
    }

    /// Opens a page. Headless Chromium on a loaded two-core machine now and then never tells
    /// chromedriver that a load finished ("Timed out receiving message from renderer") with
    /// every request answered; such a load is tried once more, and said so.
    pub fn goto(&self, url: &str) {
        let open = || self.try_call("POST", "/url", Some(json!({ "url": url })));
        if let Err(first) = open() {
            let pending = self.unanswered_requests();
            eprintln!("retrying {url}: {first}; requests without a response: {pending:?}");
            if let Err(e) = open() {
                panic!(
                    "{e}\nrequests without a response: {:?}",
                    self.unanswered_requests()
                );
            }
        }
    }

    /// Requests sent but never answered, from the performance log: to explain a hung load.
    pub fn unanswered_requests(&self) -> Vec<String> {
        let Ok(entries) = self.try_call("POST", "/se/log", Some(json!({"type": "performance"})))
        else {
            return vec!["(no log)".into()];
        };
        let mut sent = std::collections::BTreeMap::new();
        for e in entries.as_array().into_iter().flatten() {
            let Some(m) = e["message"]
                .as_str()
                .and_then(|m| serde_json::from_str::<Value>(m).ok())
            else {
                continue;
            };
            let params = &m["message"]["params"];
            let id = params["requestId"].as_str().unwrap_or_default().to_string();
            match m["message"]["method"].as_str() {
                Some("Network.requestWillBeSent") => {
                    sent.insert(id, params["request"]["url"].to_string());
                }
                Some("Network.loadingFinished" | "Network.loadingFailed") => {
                    sent.remove(&id);
                }
                _ => {}
            }
        }
        sent.into_values().collect()
    }

    pub fn url(&self) -> String {
        self.call("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .into()
    }

    pub fn back(&self) {
        self.call("POST", "/back", Some(json!({})));
    }

    /// Runs a script in the page: `arguments[0..]` are `args`; its `return` is the result.
    pub fn eval(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Runs a script that calls `arguments[arguments.length - 1](result)` when done.
    pub fn eval_async(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Waits until `script` returns something truthy, and returns it.
    pub fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let value = self.eval(script, json!([]));
            if !(value.is_null()
                || value == json!(false)
                || value == json!("")
                || value == json!(0))
            {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses keys as a person would, one after another, on whatever has the focus.
    pub fn keys(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for key in keys {
            for ch in key.chars() {
                actions.push(json!({"type": "keyDown", "value": ch.to_string()}));
                actions.push(json!({"type": "keyUp", "value": ch.to_string()}));
            }
        }
        self.call(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
    }

    /// Presses Tab until `selector` has the focus; panics after `limit` presses.
    pub fn tab_to(&self, selector: &str, limit: usize) {
        for _ in 0..limit {
            self.keys(&[TAB]);
            let focused = self.eval(
                "return document.activeElement.matches(arguments[0])",
                json!([selector]),
            );
            if focused == json!(true) {
                return;
            }
        }
        panic!("Tab never reached {selector} in {limit} presses");
    }

    pub fn screenshot_png(&self) -> Vec<u8> {
        let data = self.call("GET", "/screenshot", None);
        base64_decode(data.as_str().unwrap_or_default())
    }

    /// Every request the browser sent since the last call: `(URL, URL of the page that sent
    /// it)`. Includes Chromium's own internal pages (`chrome://`), which never touch the network.
    pub fn requests(&self) -> Vec<(String, String)> {
        let entries = self.call("POST", "/se/log", Some(json!({"type": "performance"})));
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| serde_json::from_str::<Value>(e["message"].as_str()?).ok())
            .filter(|m| m["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|m| {
                let params = &m["message"]["params"];
                Some((
                    params["request"]["url"].as_str()?.to_string(),
                    params["documentURL"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                ))
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in chunk.iter().enumerate() {
            n |= (*d as u32) << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}
