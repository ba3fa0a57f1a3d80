//! `kennisbank init DIR`: a minimal site that builds at once.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kennisbank::scaffold;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create the site in (created when missing).
    dir: PathBuf,
}

pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let written = scaffold::init_site(&args.dir)?;
    for path in &written {
        println!("created {}", path.display());
    }
    println!("\nNext: kennisbank build --root {}", args.dir.display());
    Ok(ExitCode::SUCCESS)
}
