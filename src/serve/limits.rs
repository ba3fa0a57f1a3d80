//! Reading one request head from a connection, within limits: the request line at most
//! `MAX_REQUEST_LINE` bytes (414), the whole head at most `MAX_HEAD` bytes and `MAX_HEADERS`
//! headers (431), and all of it within `HEAD_DEADLINE` (408), so a client that sends a
//! 200 MB header or one byte a minute costs its own connection and a few KB, nothing more.
//! `httparse` (already built for `ureq`) does the parsing.

use std::io::{self, Read};
use std::time::{Duration, Instant};

pub const MAX_REQUEST_LINE: usize = 8 * 1024;
pub const MAX_HEAD: usize = 32 * 1024;
pub const MAX_HEADERS: usize = 64;
pub const HEAD_DEADLINE: Duration = Duration::from_secs(30);

/// What `serve` needs of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    /// The client asks to keep the connection for another request.
    pub keep_alive: bool,
    /// A body follows (`serve` reads none, so the connection is closed after the answer).
    pub has_body: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The client closed the connection before a new request began.
    Closed,
    /// Answer with this status and close the connection.
    Refuse(u16),
}

/// Reads the next request head. `buffer` keeps bytes read past it (a pipelined request).
pub fn read_head(stream: &mut impl Read, buffer: &mut Vec<u8>) -> Result<Head, HeadError> {
    let started = Instant::now();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some((head, used)) = parse(buffer)? {
            buffer.drain(..used);
            return Ok(head);
        }
        if started.elapsed() > HEAD_DEADLINE {
            return Err(HeadError::Refuse(408));
        }
        match stream.read(&mut chunk) {
            Ok(0) if buffer.iter().all(u8::is_ascii_whitespace) => return Err(HeadError::Closed),
            Ok(0) => return Err(HeadError::Refuse(400)),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(match buffer.is_empty() {
                    true => HeadError::Closed,
                    false => HeadError::Refuse(408),
                });
            }
            Err(_) => return Err(HeadError::Closed),
        }
    }
}

/// A whole head at the start of `bytes` and its length, `None` when more must be read.
fn parse(bytes: &[u8]) -> Result<Option<(Head, usize)>, HeadError> {
    // Blank lines before a request are allowed (RFC 9112, 2.2).
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    let line_end = bytes.iter().position(|&b| b == b'\n');
    if line_end.unwrap_or(bytes.len()) > MAX_REQUEST_LINE {
        return Err(HeadError::Refuse(414));
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let used = match request.parse(bytes) {
        Ok(httparse::Status::Complete(used)) if used <= MAX_HEAD => used,
        Ok(httparse::Status::Complete(_)) => return Err(HeadError::Refuse(431)),
        Ok(httparse::Status::Partial) if bytes.len() > MAX_HEAD => {
            return Err(HeadError::Refuse(431));
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::Refuse(431)),
        Err(_) => return Err(HeadError::Refuse(400)),
    };
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let connection = header("connection").unwrap_or_default();
    let keep_alive = match request.version {
        Some(1) => !connection.contains("close"),
        _ => connection.contains("keep-alive"),
    };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|l| l.trim() != "0");
    let head = Head {
        method: request.method.unwrap_or_default().to_string(),
        target: request.path.unwrap_or_default().to_string(),
        keep_alive,
        has_body,
    };
    Ok(Some((head, start + used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Head, HeadError> {
        read_head(&mut &bytes[..], &mut Vec::new())
    }

    #[test]
    fn a_request_is_read_and_the_next_one_kept() {
        let mut buffer = Vec::new();
        let mut input = &b"GET /a/ HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.0\r\n\r\n"[..];
        let first = read_head(&mut input, &mut buffer).unwrap();
        assert_eq!(
            (first.method.as_str(), first.target.as_str()),
            ("GET", "/a/")
        );
        assert!(first.keep_alive && !first.has_body);
        let second = read_head(&mut input, &mut buffer).unwrap();
        assert_eq!(second.target, "/b");
        assert!(!second.keep_alive);
        assert_eq!(read_head(&mut input, &mut buffer), Err(HeadError::Closed));
    }

    #[test]
    fn too_long_lines_and_heads_are_refused_without_reading_them_whole() {
        let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(read(long_target.as_bytes()), Err(HeadError::Refuse(414)));
        let endless = format!("GET / HTTP/1.1\r\nX-A: {}", "a".repeat(200_000));
        assert_eq!(read(endless.as_bytes()), Err(HeadError::Refuse(431)));
        let many: String = (0..100).map(|i| format!("X-{i}: 1\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(read(many.as_bytes()), Err(HeadError::Refuse(431)));
        assert_eq!(read(b"NOT HTTP\r\n\r\n"), Err(HeadError::Refuse(400)));
    }
}
