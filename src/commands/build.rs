//! `kennisbank build`: the site to a folder, changed only when the whole site rendered.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kennisbank::language::Language;
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
    // Read once, from `language:` alone: a config too broken to read still sets it.
    let language = kennisbank::load::site_language(&root);
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
        Ok(mut report) => {
            report.exit_without_freeing();
            let language = report.language;
            super::print_diagnostics(&report.warnings, language);
            let w = report.written;
            let (pages, files, dir) = (report.pages, report.files, output.display());
            let (written, unchanged, removed) = (w.written, w.unchanged, w.removed);
            match language {
                Language::Nl => println!(
                    "{pages} pagina's en {files} bestanden gebouwd in {dir} ({written} geschreven, {unchanged} ongewijzigd, {removed} verwijderd)"
                ),
                Language::En => println!(
                    "built {pages} pages and {files} files into {dir} ({written} written, {unchanged} unchanged, {removed} removed)"
                ),
            }
            if args.timings {
                println!("{}", report.timings);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(DiskBuildFailed::Unchanged(failed)) => {
            super::print_diagnostics(&failed.0, language);
            let summary = failed.summary(language);
            let dir = output.display();
            match language {
                Language::Nl => eprintln!("{summary}; de vorige versie in {dir} is niet veranderd"),
                Language::En => eprintln!("{summary}; the previous output in {dir} is unchanged"),
            }
            Ok(ExitCode::FAILURE)
        }
        Err(DiskBuildFailed::Incomplete {
            diagnostics,
            message,
        }) => {
            super::print_diagnostics(&diagnostics, language);
            eprintln!("{message}");
            Ok(ExitCode::FAILURE)
        }
    }
}
