//! The `kennisbank` command line: parses arguments into validated requests and hands them to
//! one small file per command.

mod commands;

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Before a site is known (a folder that does not exist, a failed `init`): Dutch, the
            // default language.
            eprintln!("fout: {e:#}");
            ExitCode::FAILURE
        }
    }
}
