//! `kennisbank check`: everything `build` validates, editorial rules and (with `--external`)
//! the external links; writes no output, exits non-zero when there are errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use kennisbank::check::{self, CheckRequest, external::ExternalRequest, report};
use kennisbank::site::SiteOptions;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct CheckArgs {
    /// The site folder (with content/ and optionally kennisbank.yaml).
    #[arg(long, value_name = "SITE")]
    root: Option<PathBuf>,
    /// Also check every external link over HTTP(S); results are cached in SITE/.kennisbank-cache/.
    #[arg(long)]
    external: bool,
    /// With --external: ask every URL again, whatever the cache holds.
    #[arg(long, requires = "external")]
    no_cache: bool,
    /// How to print the problems: lines for people, or JSON for tools.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Include notes marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Benchmarks only: fetch every external URL from this local mirror
    /// (`https://host/path` from `MIRROR/https/host/path`).
    #[arg(long, value_name = "MIRROR", hide = true, requires = "external")]
    mirror: Option<String>,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let request = CheckRequest {
        root,
        site: SiteOptions {
            base_url: None,
            drafts: args.drafts,
            preview: false,
        },
        external: args.external.then_some(ExternalRequest {
            ignore_cache: args.no_cache,
            mirror: args.mirror,
        }),
    };
    let result = check::run(&request);
    match args.format {
        Format::Text => {
            // The wanted pages first, so that the summary stays the last line.
            if !result.wanted.is_empty() {
                println!("{}", result.wanted);
            }
            print!("{}", report::text(&result));
        }
        Format::Json => print!("{}", report::json(&result)),
    }
    Ok(if result.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
