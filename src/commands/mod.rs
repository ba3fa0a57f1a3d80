//! One file per command; this file holds the argument definitions shared by them.

mod build;
mod check;
mod init;
mod new;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kennisbank::language::Language;

/// Builds a static knowledge-base site from Markdown notes.
///
/// A site is a folder with `content/` (the notes, *.md with YAML front matter) and optionally
/// `kennisbank.yaml`, `templates/`, `static/` and `themes/`.
#[derive(Parser)]
#[command(name = "kennisbank", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files (default: SITE/public).
    Build(build::BuildArgs),
    /// Write a new note of a kind, with its front matter filled in, and print its path.
    New(new::NewArgs),
    /// Create a minimal working site in a folder: config, home page, a note of each kind.
    Init(init::InitArgs),
    /// Check a site without building it: links, front matter, editorial rules, and with
    /// --external every external link.
    Check(check::CheckArgs),
    /// Serve the site from memory at http://127.0.0.1:1111/, rebuilding what changes as you
    /// edit and reloading open browser tabs.
    Serve(serve::ServeArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::New(args) => new::run(args),
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// The site folder, checked to exist, as every command needs it. Without a site there is no
/// `language:` to read: the message is Dutch, the default.
fn site_root(root: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        anyhow::bail!(
            "de map {} bestaat niet: geef met --root de map van de site",
            root.display()
        );
    }
    Ok(root)
}

/// Prints diagnostics once each, warnings and errors alike, in the site's language.
fn print_diagnostics(diagnostics: &[kennisbank::diagnostic::Diagnostic], language: Language) {
    for d in diagnostics {
        eprintln!("{}", d.display(language));
    }
}
