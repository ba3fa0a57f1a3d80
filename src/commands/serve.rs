//! `kennisbank serve`: the site in memory at a local address, rebuilt as files change, with
//! open browser tabs reloaded. Everything but the arguments lives in `kennisbank::serve`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kennisbank::diagnostic::Level;
use kennisbank::language::Language;
use kennisbank::message;
use kennisbank::serve::{self, ServeOptions};

/// The port used when none is given; the next free one is taken when it is in use.
const DEFAULT_PORT: u16 = 1111;

#[derive(Args)]
pub struct ServeArgs {
    /// The site folder (with content/ and optionally kennisbank.yaml).
    #[arg(long, value_name = "SITE")]
    root: Option<PathBuf>,
    /// The port to listen on [default: 1111, or the next free one]. 0 picks any free port.
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// The address to listen on. Anything but a loopback address makes the site reachable
    /// from the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Include notes marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let language = kennisbank::load::site_language(&root);
    if !args.bind.is_loopback() {
        let bind = args.bind;
        let warning = message!(
            "kennisbank luistert op {bind}: iedereen in het netwerk kan deze site lezen, met concepten erbij als je --drafts gebruikt",
            "listening on {bind}: anyone on the network can read this site, drafts included when --drafts is given"
        );
        eprintln!(
            "{}: {}",
            Level::Warning.label(language),
            warning.text(language)
        );
    }
    let server = match serve::start(&ServeOptions {
        root,
        bind: args.bind,
        port: args.port.unwrap_or(DEFAULT_PORT),
        next_free_port: args.port.is_none(),
        drafts: args.drafts,
    }) {
        Ok(server) => server,
        Err(e) => {
            let text = e.message();
            eprintln!("{}: {}", Level::Error.label(language), text.text(language));
            return Ok(ExitCode::FAILURE);
        }
    };
    if args.open {
        open_browser(server.url(), language);
    }
    server.wait();
    Ok(ExitCode::SUCCESS)
}

/// Asks the desktop to open the URL; says so when it cannot.
fn open_browser(url: &str, language: Language) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = command {
        let said = message!(
            "kan geen browser openen ({e}); open {url} zelf",
            "could not open a browser ({e}); open {url} yourself"
        );
        eprintln!("{}", said.text(language));
    }
}
