//! The layout: templates and static files, the theme's first (from `themes/` or compiled
//! in), then the site's own; the site's design-token file, checked; the assets' hashes.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::sources::disk_static;
use super::{
    AssetVersions, Blob, DesignTokens, FileMeta, Sources, StaticFile, Template, to_slash, vault,
    walk_files,
};
use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::message;
use crate::message::Message;
use crate::site_boundary::is_plain_folder_name;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
/// The default theme's design tokens, which a site's own token file is laid over.
const DEFAULT_TOKENS: &str = include_str!("../../themes/default/static/css/tokens.css");

/// A short hash of each stylesheet and script (the last of a path wins, as when written):
/// pages link them as `css/site.css?v=…`, so a redeploy never serves a stale copy from a
/// browser's or proxy's cache.
pub fn asset_versions(files: &[StaticFile]) -> AssetVersions {
    use std::hash::Hasher;
    let mut versions = AssetVersions::new();
    for file in files {
        if !(file.output_path.ends_with(".css") || file.output_path.ends_with(".js")) {
            continue;
        }
        if let Ok(bytes) = file.blob.read() {
            let mut hasher = std::hash::DefaultHasher::new();
            hasher.write(&bytes);
            let hash = format!("{:016x}", hasher.finish());
            versions.insert(file.output_path.clone(), hash[..10].to_string());
        }
    }
    versions
}

/// Reads the templates and static files (the theme's, then the site's own) into `sources`,
/// replacing any there. `serve` calls it alone when one of them changes.
pub fn load_layout(root: &Path, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) {
    sources.templates.clear();
    sources
        .static_files
        .retain(|f| f.output_path == vault::PUBLISH_CSS && sources.publish_css);
    let theme = theme_name(sources.config_text.as_deref());
    load_theme(root, &theme, sources, diagnostics);
    sources.design_tokens = read_design_tokens(root, sources.config_text.as_deref(), diagnostics);
    let templates = walk_files(root, Path::new("templates"), diagnostics);
    for rel in templates {
        read_template(root, &rel, Path::new("templates"), sources, diagnostics);
    }
    for rel in walk_files(root, Path::new("static"), diagnostics) {
        sources
            .static_files
            .push(disk_static(root, &rel, Path::new("static")));
    }
    sources.asset_versions = asset_versions(&sources.static_files);
}

/// Only the `theme:` key is needed before the config is parsed; the parse reports any error.
fn theme_name(config_text: Option<&str>) -> String {
    let mut diagnostics = Vec::new();
    crate::config::Config::parse(config_text, &mut diagnostics).theme
}

/// The site's own token file, when the config names one, checked for contrast against the
/// theme's (the config's parse reports a mistaken path; a missing file is reported here).
fn read_design_tokens(
    root: &Path,
    config_text: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DesignTokens> {
    let config = crate::config::Config::parse(config_text, &mut Vec::new());
    let path = PathBuf::from(config.branding.design_tokens?);
    match std::fs::read_to_string(root.join(&path)) {
        Ok(text) => {
            let site = crate::design_tokens::parse(&text);
            let theme = crate::design_tokens::parse(DEFAULT_TOKENS);
            diagnostics.extend(crate::design_tokens::contrast_warnings(
                &theme, &site, &path,
            ));
            Some(DesignTokens {
                dark_mode: crate::design_tokens::has_dark_scheme(&site),
                path,
            })
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                config_text
                    .and_then(|t| crate::frontmatter::nested_key_line(t, 1, &["design_tokens"])),
                Message::cannot_read(&e).within(
                    &format!("design_tokens: {}: {{}}", to_slash(&path)),
                    &format!("design_tokens: {}: {{}}", to_slash(&path)),
                ),
            ));
            None
        }
    }
}

fn load_theme(root: &Path, name: &str, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) {
    // Both mistakes are the `theme:` line's.
    let theme_error = |sources: &Sources, message| {
        let config = sources.config_text.as_deref();
        let line = config.and_then(|t| crate::frontmatter::nested_key_line(t, 1, &["theme"]));
        Diagnostic::error(CONFIG_FILE, line, message)
    };
    if !is_plain_folder_name(name) {
        diagnostics.push(theme_error(
            sources,
            message!(
                "`theme: {name}` moet één map in themes/ noemen, zoals `theme: default`",
                "`theme: {name}` must name one folder under themes/, such as `theme: default`"
            ),
        ));
        return;
    }
    let theme_dir = Path::new("themes").join(name);
    if root.join(&theme_dir).is_dir() {
        let templates = theme_dir.join("templates");
        for rel in walk_files(root, &templates, diagnostics) {
            read_template(root, &rel, &templates, sources, diagnostics);
        }
        let statics = theme_dir.join("static");
        for rel in walk_files(root, &statics, diagnostics) {
            sources.static_files.push(disk_static(root, &rel, &statics));
        }
    } else if name == "default" {
        load_embedded_theme(sources);
    } else {
        diagnostics.push(theme_error(
            sources,
            message!(
                "het thema `{name}` staat niet in {}",
                "theme `{name}` not found in {}",
                theme_dir.display()
            ),
        ));
    }
}

/// The default theme compiled into the binary, so any site builds wherever kennisbank runs.
pub fn load_embedded_theme(sources: &mut Sources) {
    fn visit(dir: &'static Dir<'static>, sources: &mut Sources) {
        for file in dir.files() {
            let path = file.path();
            let origin = Path::new("themes/default").join(path);
            if let Ok(rest) = path.strip_prefix("templates") {
                sources.templates.push(Template {
                    name: to_slash(rest),
                    text: String::from_utf8_lossy(file.contents()).into_owned(),
                    source_path: origin,
                });
            } else if let Ok(rest) = path.strip_prefix("static") {
                sources.static_files.push(StaticFile {
                    output_path: to_slash(rest),
                    source_path: origin,
                    blob: Blob::Embedded(file.contents()),
                    meta: FileMeta::default(),
                });
            }
        }
        for sub in dir.dirs() {
            visit(sub, sources);
        }
    }
    visit(&DEFAULT_THEME, sources);
}

fn read_template(
    root: &Path,
    rel: &Path,
    base: &Path,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match std::fs::read_to_string(root.join(rel)) {
        Ok(text) => sources.templates.push(Template {
            name: to_slash(rel.strip_prefix(base).unwrap_or(rel)),
            text,
            source_path: rel.to_path_buf(),
        }),
        Err(e) => diagnostics.push(Diagnostic::error(rel, None, Message::cannot_read(&e))),
    }
}
