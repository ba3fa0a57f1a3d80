//! Connections: one thread each, up to `MAX_CONNECTIONS`, every socket with read and write
//! timeouts, so a slow or stalled client holds its own connection and nothing else.
//!
//! Why not `tiny_http` any more: it reads header lines without a limit and sets no timeout on
//! its sockets, and it hands requests to a fixed pool of workers that block writing to a
//! client that does not read; eight such clients stopped `serve`. Neither can be changed from
//! outside it. What `serve` needs of HTTP/1.1 is small (GET and HEAD, keep-alive, one
//! streaming response for reload events), so this file does it, with `httparse` parsing the
//! head (`limits`).

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use super::http::{Action, Reply, Shared, respond};
use super::limits::{Head, HeadError, read_head};

/// Far more than a few tabs need; a client over the cap gets 503 at once.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a kept-alive connection may wait for its next request, or a request for its next
/// bytes.
const READ_TIMEOUT: Duration = Duration::from_secs(15);
/// How long one write to a client that does not read may block before it is let go.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Reload events go to every tab from one thread: a stalled tab may delay the others only
/// this long.
const EVENTS_WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// The accepting thread. `stop` ends it.
pub struct Acceptor {
    stop: Arc<AtomicBool>,
    wake: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

/// Starts accepting on `listener`; `wake` is an address that reaches it (for `stop`).
pub fn accept(listener: TcpListener, wake: SocketAddr, shared: Arc<Shared>) -> Acceptor {
    let stop = Arc::new(AtomicBool::new(false));
    let open = Arc::new(AtomicUsize::new(0));
    let thread = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if open.fetch_add(1, Ordering::AcqRel) >= MAX_CONNECTIONS {
                    open.fetch_sub(1, Ordering::AcqRel);
                    // The accepting thread must not wait on it: no draining.
                    refuse(&mut { stream }, 503);
                    continue;
                }
                let (shared, open) = (shared.clone(), open.clone());
                std::thread::spawn(move || {
                    serve_connection(stream, &shared);
                    open.fetch_sub(1, Ordering::AcqRel);
                });
            }
        })
    };
    Acceptor {
        stop,
        wake,
        thread: Some(thread),
    }
}

impl Acceptor {
    /// Serves until the process ends.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // `accept` blocks: a connection of our own wakes it to see `stop`.
        let _ = TcpStream::connect_timeout(&self.wake, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_connection(mut stream: TcpStream, shared: &Shared) {
    let timeouts = stream
        .set_read_timeout(Some(READ_TIMEOUT))
        .and_then(|()| stream.set_write_timeout(Some(WRITE_TIMEOUT)));
    if timeouts.is_err() {
        return;
    }
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::new();
    loop {
        let head = match read_head(&mut stream, &mut buffer) {
            Ok(head) => head,
            Err(HeadError::Closed) => return,
            Err(HeadError::Refuse(status)) => return refuse_unread(stream, status),
        };
        match respond(&head, shared) {
            Action::Reply(reply) => {
                let keep = head.keep_alive && !head.has_body;
                if write_reply(&mut stream, &head, &reply, keep).is_err() || !keep {
                    return;
                }
            }
            Action::Subscribe(generation) => {
                if stream.set_write_timeout(Some(EVENTS_WRITE_TIMEOUT)).is_ok() {
                    // A tab that is already gone is simply not kept.
                    let _ = shared.hub.subscribe(Box::new(stream), generation);
                }
                return;
            }
        }
    }
}

fn write_reply(stream: &mut TcpStream, head: &Head, reply: &Reply, keep: bool) -> io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        // A value that could split the head (a request target echoed in `Location` with
        // control characters) is left out rather than trusted.
        if !value.chars().any(|c| c.is_control() && c != '\t') {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    out.push_str(if keep {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    stream.write_all(out.as_bytes())?;
    if head.method != "HEAD" {
        // Through a buffer: a packed body comes a chunk at a time.
        let mut buffered = io::BufWriter::with_capacity(64 * 1024, &mut *stream);
        reply.body.write_to(&mut buffered)?;
        buffered.flush()?;
    }
    stream.flush()
}

/// Answers with a bare status and closes, for requests that are not read further.
fn refuse(stream: &mut TcpStream, status: u16) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let body = format!("{status} {}\n", reason(status));
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        reason(status),
        body.len()
    );
    let _ = stream.flush();
}

/// Refuses a request whose head was not read whole (too long, too slow, malformed).
fn refuse_unread(mut stream: TcpStream, status: u16) {
    refuse(&mut stream, status);
    // Closing with unread bytes would reset the connection and could lose the answer before
    // the client reads it: read (and drop) what it still sends, for a little while.
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    let mut sink = [0u8; 16 * 1024];
    while std::time::Instant::now() < deadline {
        match std::io::Read::read(&mut stream, &mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}
