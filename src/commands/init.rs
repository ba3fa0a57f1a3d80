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

/// The new site is Dutch (its config has no `language:`), so `init` speaks Dutch.
pub fn run(args: InitArgs) -> anyhow::Result<ExitCode> {
    let written = match scaffold::init_site(&args.dir) {
        Ok(written) => written,
        Err(e) => {
            eprintln!("fout: {}", e.message().nl());
            return Ok(ExitCode::FAILURE);
        }
    };
    for path in &written {
        println!("gemaakt: {}", path.display());
    }
    println!(
        "\nVolgende stap: kennisbank build --root {}",
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
