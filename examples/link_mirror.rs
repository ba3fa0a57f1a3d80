//! A local stand-in for the internet, for benchmarking `kennisbank check --external` without
//! touching it: answers every `HEAD`/`GET /{scheme}/{host}/{path}` with 200 after a simulated
//! network latency. Prints its base URL, then serves until killed.
//!
//!     cargo run --release --example link_mirror -- [--latency-ms 100] [--port 0]

use std::time::Duration;

fn main() {
    let mut latency = Duration::ZERO;
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--latency-ms" => latency = Duration::from_millis(value.parse().expect("a number")),
            "--port" => port = value.parse().expect("a port number"),
            _ => panic!("unknown argument {arg}; use --latency-ms N and --port N"),
        }
    }
    let server = tiny_http::Server::http(("127.0.0.1", port)).expect("a free port");
    let addr = server.server_addr().to_ip().expect("an IP address");
    println!("http://{addr}");
    for request in server.incoming_requests() {
        std::thread::spawn(move || {
            std::thread::sleep(latency);
            let mirrored = request.url().starts_with("/http");
            let _ = request.respond(tiny_http::Response::empty(if mirrored { 200 } else { 404 }));
        });
    }
}
