//! `kennisbank build`: the site to a folder, changed only when the whole site rendered.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kennisbank::pipeline::{self, BuildRequest, DiskBuildFailed};
use kennisbank::site::SiteOptions;

#[derive(Args)]
pub struct BuildArgs {
    /// The site folder (with content/ and optionally kennisbank.yaml).
    #[arg(long, value_name = "SITE")]
    root: Option<PathBuf>,
    /// Where to write the site [default: SITE/public]. Changed only when the whole site rendered.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site will be published at, e.g. https://intranet.example.nl/kennisbank/
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include notes marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print how long each stage took.
    #[arg(long)]
    timings: bool,
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let request = BuildRequest {
        root,
        output: output.clone(),
        site: SiteOptions {
            base_url: args.base_url,
            drafts: args.drafts,
            preview: false,
        },
    };
    match pipeline::build_to_disk(&request) {
        Ok(report) => {
            super::print_diagnostics(&report.warnings);
            let w = report.written;
            println!(
                "built {} pages and {} files into {} ({} written, {} unchanged, {} removed)",
                report.pages,
                report.files,
                output.display(),
                w.written,
                w.unchanged,
                w.removed
            );
            if args.timings {
                println!("{}", report.timings);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(DiskBuildFailed::Unchanged(failed)) => {
            super::print_diagnostics(&failed.0);
            eprintln!(
                "{failed}; the previous output in {} is unchanged",
                output.display()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(DiskBuildFailed::Incomplete {
            diagnostics,
            message,
        }) => {
            super::print_diagnostics(&diagnostics);
            eprintln!("{message}");
            Ok(ExitCode::FAILURE)
        }
    }
}
