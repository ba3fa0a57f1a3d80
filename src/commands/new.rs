//! `kennisbank new KIND "Titel"`: a new note in the right folder, never over an existing one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use kennisbank::config::{CONFIG_FILE, Config, Language};
use kennisbank::kind::Kind;
use kennisbank::scaffold;

#[derive(Args)]
pub struct NewArgs {
    /// What the note is: definition, lexicon, project, publication, reading-list or note.
    #[arg(value_parser = parse_kind)]
    kind: Kind,
    /// The note's title, in quotes when it has spaces: "Golden Sports".
    title: String,
    /// The site folder.
    #[arg(long, value_name = "SITE")]
    root: Option<PathBuf>,
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    Kind::from_key(text).ok_or_else(|| {
        let known: Vec<_> = Kind::ALL.iter().map(|k| k.key()).collect();
        format!("unknown kind `{text}`; choose one of: {}", known.join(", "))
    })
}

pub fn run(args: NewArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let config_text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok();
    let mut diagnostics = Vec::new();
    let config = Config::parse(config_text.as_deref(), &mut diagnostics);
    super::print_diagnostics(&diagnostics, config.language);
    let today = jiff::Zoned::now().date().to_string();
    let path = match scaffold::new_note(&root, &config, args.kind, &args.title, &today) {
        Ok(path) => path,
        Err(e) => {
            let language = config.language;
            let label = kennisbank::diagnostic::Level::Error.label(language);
            eprintln!("{label}: {}", e.message().text(language));
            return Ok(ExitCode::FAILURE);
        }
    };
    println!("{}", path.display());
    eprintln!(
        "{}",
        match config.language {
            Language::Nl =>
                "De notitie begint als concept: haal `draft: true` weg als hij klaar is om te publiceren.",
            Language::En =>
                "The note starts as a draft: remove `draft: true` when it is ready to publish.",
        }
    );
    Ok(ExitCode::SUCCESS)
}
