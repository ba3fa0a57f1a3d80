//! The sites the browser tests run against, built once per test binary and served locally:
//! the browser fixture, the built-in content and the fixture restyled with a municipality's
//! design tokens. One browser at a time.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use kennisbank::pipeline::{BuildRequest, build_to_disk};
use kennisbank::site::SiteOptions;

use super::server::Server;
use super::support;
use super::webdriver;

pub struct Sites {
    pub fixture: Server,
    pub builtin: Server,
    /// `tests/fixtures/tokens`: Gemeente Den Haag's tokens, light only.
    pub tokens: Server,
    /// 250 generated notes: listings of several pages (`paged_site`).
    pub paged: Server,
    pub output: tempfile::TempDir,
}

/// Builds both sites once per test run. The fixture is built with the theme as it is on disk
/// (copied next to it), not the copy embedded in the binary.
fn build_sites() -> Sites {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let output = tempfile::tempdir().expect("a temp folder");
    let with_theme = |fixture: &str| {
        let root = output.path().join(format!("{fixture}-src"));
        copy_dir(&manifest.join("tests/fixtures").join(fixture), &root);
        copy_dir(
            &manifest.join("themes/default"),
            &root.join("themes/default"),
        );
        root
    };
    let fixture_root = with_theme("browser");
    let tokens_root = with_theme("tokens");
    let build = |root: &Path, name: &str| {
        let out = output.path().join(name);
        build_to_disk(&BuildRequest {
            root: root.to_path_buf(),
            output: out.clone(),
            site: SiteOptions::default(),
        })
        .unwrap_or_else(|e| panic!("building {}: {e:?}", root.display()));
        out
    };
    let fixture = build(&fixture_root, "fixture");
    let builtin = build(&manifest, "builtin");
    let tokens = build(&tokens_root, "tokens");
    let paged_root = output.path().join("paged-src");
    write_paged_site(&paged_root);
    copy_dir(
        &manifest.join("themes/default"),
        &paged_root.join("themes/default"),
    );
    let paged = build(&paged_root, "paged");
    Sites {
        paged: Server::start(&paged),
        fixture: Server::start(&fixture),
        builtin: Server::start(&builtin),
        tokens: Server::start(&tokens),
        output,
    }
}

/// Notes enough for the all-notes listing to take three pages: `Notitie 000` to `249`, every
/// third tagged `oneven-drie`, so a filter matches notes on every page.
pub const PAGED_NOTES: usize = 250;

pub fn write_paged_site(root: &Path) {
    std::fs::create_dir_all(root.join("content")).expect("a folder");
    std::fs::write(
        root.join("kennisbank.yaml"),
        "title: Veel notities\nbase_url: https://example.org/\ntaxonomies: [tags]\n",
    )
    .expect("the config");
    for i in 0..PAGED_NOTES {
        let tag = if i % 3 == 0 { "oneven-drie" } else { "rest" };
        std::fs::write(
            root.join(format!("content/notitie-{i:03}.md")),
            format!("---\ntitle: Notitie {i:03}\ntags: [{tag}]\n---\nTekst {i}.\n"),
        )
        .expect("a note");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("a readable fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
        } else if !entry.path().components().any(|c| c.as_os_str() == "public") {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// One browser at a time: the machine has two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The sites and the lock, or `None` (after saying why) when there is no browser.
pub fn setup() -> Option<(&'static Sites, MutexGuard<'static, ()>)> {
    for tool in [webdriver::CHROMIUM, webdriver::CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            support::skip(&format!("{tool} is not installed"));
            return None;
        }
    }
    static SITES: OnceLock<Sites> = OnceLock::new();
    let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    Some((SITES.get_or_init(build_sites), guard))
}
