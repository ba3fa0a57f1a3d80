//! Server-Sent Events to open browser tabs: each tab's reload script keeps one connection,
//! and is told the site's generation on connecting (`hello`) and after each change
//! (`reload`); a tab whose page is of another generation reloads.
//!
//! A subscription takes the connection (`connection::serve_connection`), writes the HTTP
//! head itself and flushes after every event. Writes to a tab that went away fail; the tab is then dropped, which closes its
//! connection. A comment line sent every few seconds (`ping`) finds those that never write again.

use std::io::{self, Write};
use std::sync::Mutex;

/// The path the reload script listens on.
pub const EVENTS_PATH: &str = "/__kennisbank/events";

type Connection = Box<dyn Write + Send>;

#[derive(Default)]
pub struct ReloadHub {
    clients: Mutex<Vec<Connection>>,
}

impl ReloadHub {
    /// Starts an event stream on a request's connection and keeps it.
    pub fn subscribe(&self, mut connection: Connection, generation: u64) -> io::Result<()> {
        connection.write_all(
            b"HTTP/1.1 200 OK\r\n\
              Content-Type: text/event-stream; charset=utf-8\r\n\
              Cache-Control: no-store\r\n\
              X-Content-Type-Options: nosniff\r\n\
              Connection: keep-alive\r\n\r\n\
              retry: 1000\n\n",
        )?;
        write_event(&mut connection, "hello", generation)?;
        self.lock().push(connection);
        Ok(())
    }

    /// Tells every tab that the site is now at `generation`.
    pub fn broadcast(&self, generation: u64) {
        self.lock()
            .retain_mut(|c| write_event(c, "reload", generation).is_ok());
    }

    /// Writes a comment to every tab, dropping those whose connection is gone.
    pub fn ping(&self) {
        self.lock()
            .retain_mut(|c| c.write_all(b": ping\n\n").and_then(|()| c.flush()).is_ok());
    }

    /// How many tabs are connected, as far as the last write knows.
    pub fn clients(&self) -> usize {
        self.lock().len()
    }

    /// Ends every stream (when the server stops).
    pub fn close_all(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn write_event(connection: &mut Connection, event: &str, generation: u64) -> io::Result<()> {
    write!(connection, "event: {event}\ndata: {generation}\n\n")?;
    connection.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};

    /// A connection that records what was written and can be made to fail.
    #[derive(Clone, Default)]
    struct Recorder {
        written: Arc<StdMutex<Vec<u8>>>,
        broken: Arc<StdMutex<bool>>,
    }

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if *self.broken.lock().unwrap() {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.written.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn tabs_get_events_and_gone_tabs_are_dropped() {
        let hub = ReloadHub::default();
        let (a, b) = (Recorder::default(), Recorder::default());
        hub.subscribe(Box::new(a.clone()), 3).unwrap();
        hub.subscribe(Box::new(b.clone()), 3).unwrap();
        *b.broken.lock().unwrap() = true;
        hub.broadcast(4);
        assert_eq!(hub.clients(), 1);
        let text = String::from_utf8(a.written.lock().unwrap().clone()).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(text.contains("event: hello\ndata: 3\n\n"));
        assert!(text.ends_with("event: reload\ndata: 4\n\n"));
        *a.broken.lock().unwrap() = true;
        hub.ping();
        assert_eq!(hub.clients(), 0);
    }
}
