//! Helpers for the `serve` tests: a site in a temporary folder written from note
//! descriptions, and the comparison of the served output with a fresh build.

#![allow(dead_code)] // each test file uses a different part

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kennisbank::diagnostic::Diagnostic;
use kennisbank::pipeline;
use kennisbank::serve::{Changes, Output, SiteState};
use kennisbank::site::SiteOptions;

/// A note as the tests vary it; `to_markdown` writes it.
#[derive(Clone, Debug)]
pub struct NoteSpec {
    pub title: String,
    pub kind: &'static str,
    pub tags: Vec<String>,
    pub sphere: Option<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    /// Wikilink targets, `Title` or `Title#Heading`.
    pub links: Vec<String>,
    /// Markdown links by path to other notes, relative to this one: `../a/b.md#aanpak`.
    pub path_links: Vec<String>,
    pub headings: Vec<String>,
    pub body: String,
    /// A file beside the note that the body shows as an image.
    pub image: Option<String>,
    /// Embeds, `Title` or `Title#Heading`: `![[Title]]`.
    pub embeds: Vec<String>,
    /// A property whose value is a wikilink: `organisatie: "[[Title]]"`.
    pub property_link: Option<String>,
    /// A ```` ```base ```` block listing the notes that link here (`this`) or share a tag.
    pub base_block: bool,
}

impl NoteSpec {
    pub fn new(title: &str) -> NoteSpec {
        NoteSpec {
            title: title.to_string(),
            kind: "note",
            tags: Vec::new(),
            sphere: None,
            date: None,
            summary: None,
            aliases: Vec::new(),
            draft: false,
            links: Vec::new(),
            path_links: Vec::new(),
            headings: Vec::new(),
            body: format!("Over {title}."),
            image: None,
            embeds: Vec::new(),
            property_link: None,
            base_block: false,
        }
    }

    pub fn to_markdown(&self) -> String {
        let mut out = format!("---\ntitle: \"{}\"\n", self.title);
        // Without a kind, the folder decides (`projecten/` holds projects).
        if !self.kind.is_empty() {
            out.push_str(&format!("kind: {}\n", self.kind));
        }
        if self.kind == "publication" {
            out.push_str("url: https://www.movisie.nl/publicatie/voorbeeld\n");
        }
        if !self.tags.is_empty() {
            out.push_str(&format!("tags: [{}]\n", self.tags.join(", ")));
        }
        if let Some(sphere) = &self.sphere {
            out.push_str(&format!("sphere: {sphere}\n"));
        }
        if let Some(date) = &self.date {
            out.push_str(&format!("date: {date}\n"));
        }
        if let Some(summary) = &self.summary {
            out.push_str(&format!("summary: \"{summary}\"\n"));
        }
        if !self.aliases.is_empty() {
            let quoted: Vec<String> = self.aliases.iter().map(|a| format!("\"{a}\"")).collect();
            out.push_str(&format!("aliases: [{}]\n", quoted.join(", ")));
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        if let Some(target) = &self.property_link {
            out.push_str(&format!("organisatie: \"[[{target}]]\"\n"));
        }
        out.push_str("---\n\n");
        out.push_str(&self.body);
        out.push_str("\n\n");
        for heading in &self.headings {
            out.push_str(&format!("## {heading}\n\nTekst onder {heading}.\n\n"));
        }
        if self.kind == "reading-list" {
            // A reading list's items are the links of its first list.
            for link in &self.links {
                out.push_str(&format!("- [[{link}]]\n"));
            }
            out.push_str("- [Movisie](https://www.movisie.nl/)\n\n");
        } else {
            for link in &self.links {
                out.push_str(&format!("Zie ook [[{link}]].\n\n"));
            }
        }
        for link in &self.path_links {
            out.push_str(&format!("Lees [dit]({link}).\n\n"));
        }
        if let Some(image) = &self.image {
            out.push_str(&format!("![Afbeelding]({image})\n"));
        }
        for embed in &self.embeds {
            out.push_str(&format!("\n![[{embed}]]\n"));
        }
        if self.base_block {
            out.push_str(
                "\n```base\nfilters:\n  or:\n    - file.hasLink(this.file)\n    - file.hasTag(\"wonen\")\nviews:\n  - type: list\n    name: Hierheen\n    order: [file.name, date]\n```\n",
            );
        }
        out
    }
}

/// A site folder that lives as long as the test.
pub struct TempSite {
    dir: tempfile::TempDir,
}

impl TempSite {
    pub fn new() -> TempSite {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("content")).unwrap();
        TempSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn note(&self, rel: &str, spec: &NoteSpec) {
        self.write(rel, spec.to_markdown());
    }

    pub fn remove(&self, rel: &str) {
        let path = self.root().join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    pub fn rename(&self, from: &str, to: &str) {
        let to_path = self.root().join(to);
        std::fs::create_dir_all(to_path.parent().unwrap()).unwrap();
        std::fs::rename(self.root().join(from), to_path).unwrap();
    }
}

pub fn options() -> SiteOptions {
    SiteOptions {
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
        preview: true,
    }
}

pub fn options_with_drafts() -> SiteOptions {
    SiteOptions {
        drafts: true,
        ..options()
    }
}

/// `Changes` naming content paths, as the watcher reports them.
pub fn content_changes(paths: &[&str]) -> Changes {
    Changes {
        content: paths.iter().map(PathBuf::from).collect(),
        ..Changes::default()
    }
}

/// What one step of a test did to the served site.
pub struct Step {
    /// Output paths of the pages rendered again (empty when the site had errors).
    pub rendered: BTreeSet<String>,
    pub problems: Vec<Diagnostic>,
}

/// Applies `changes` to the incremental state and its output, then checks the output against
/// a full in-memory build of the same files: byte for byte when the build succeeds, and the
/// same errors (with the last good output kept) when it fails.
pub fn apply_and_compare(
    site: &TempSite,
    options: &SiteOptions,
    state: &mut SiteState,
    output: &mut Output,
    changes: &Changes,
    context: &str,
) -> Step {
    let pages = |output: &Output| -> std::collections::HashMap<String, Vec<u8>> {
        output
            .pages()
            .map(|(path, packed)| (path.clone(), packed.unpack()))
            .collect()
    };
    let before = pages(output);
    let update = state.apply(changes);
    let mut rendered: BTreeSet<String> = update
        .delta
        .as_ref()
        .map(|d| d.pages.iter().map(|(p, _)| p.clone()).collect())
        .unwrap_or_default();
    let problems = update.problems.clone();
    let rendered_ok = update.delta.is_some();
    output.apply(update, state.site().config.language);
    let (deferred, deferred_problems) = state.render_deferred();
    assert!(
        deferred_problems.is_empty(),
        "{context}: {deferred_problems:#?}"
    );
    // Pages rendered for this change too, after the reload (listings); the feed and the
    // sitemap, which follow every edit, are not counted.
    rendered.extend(
        deferred
            .iter()
            .map(|(path, _)| path.clone())
            .filter(|path| path.ends_with(".html")),
    );
    output.finish(deferred);
    // What a request for `data.json`, the search index or a listing's items would build.
    for group in state.on_demand_groups() {
        match state.build_on_demand(&group) {
            Some(files) => output.replace_group(group, files),
            None => assert!(!rendered_ok, "{context}: {group:?} not built"),
        }
    }
    match pipeline::build_in_memory(site.root(), options) {
        Ok((built, warnings)) => {
            assert!(
                rendered_ok,
                "{context}: the build succeeds but serve reports errors: {problems:#?}"
            );
            assert_eq!(problems, warnings, "{context}: warnings differ");
            assert!(
                state.served_facts_are_current(),
                "{context}: the facts kept of the served site are out of date"
            );
            let served = output.to_files().unwrap();
            assert_same_files(&served, &built.0, context);
        }
        Err(failed) => {
            assert!(
                !rendered_ok,
                "{context}: the build fails but serve rendered: {:#?}",
                failed.0
            );
            assert_eq!(problems, failed.0, "{context}: problems differ");
            assert!(
                pages(output) == before,
                "{context}: the last good output must stay while the site has errors"
            );
            assert!(!output.errors().is_empty(), "{context}: no errors to show");
        }
    }
    Step { rendered, problems }
}

fn assert_same_files(
    served: &std::collections::HashMap<String, Vec<u8>>,
    built: &std::collections::HashMap<String, Vec<u8>>,
    context: &str,
) {
    let served_paths: BTreeSet<&String> = served.keys().collect();
    let built_paths: BTreeSet<&String> = built.keys().collect();
    assert_eq!(
        served_paths, built_paths,
        "{context}: the served files differ from the built ones"
    );
    let mut differing = Vec::new();
    for (path, bytes) in built {
        if served[path] != *bytes {
            differing.push(path.clone());
        }
    }
    differing.sort();
    if let Some(first) = differing.first() {
        let served_text = String::from_utf8_lossy(&served[first]);
        let built_text = String::from_utf8_lossy(&built[first]);
        let at = served_text
            .char_indices()
            .zip(built_text.chars())
            .find(|((_, a), b)| a != b)
            .map_or(served_text.len().min(built_text.len()), |((i, _), _)| i);
        let from = served_text[..at]
            .char_indices()
            .rev()
            .nth(80)
            .map_or(0, |(i, _)| i);
        panic!(
            "{context}: {} stale page(s): {differing:?}\nfirst difference in {first}:\n  served: …{}\n  built:  …{}",
            differing.len(),
            served_text[from..].chars().take(240).collect::<String>(),
            built_text[from..].chars().take(240).collect::<String>(),
        );
    }
}

/// A response as the tests see it.
#[derive(Debug)]
pub struct Http {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Http {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text())
    }
}

/// Sends one request with a raw target (nothing is normalised, so traversal attempts reach
/// the server as written) and reads the whole response.
pub fn request(base: &str, method: &str, target: &str) -> Http {
    use std::io::{Read, Write};
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = std::net::TcpStream::connect(&host).expect("connect to serve");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Http {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn get(base: &str, target: &str) -> Http {
    request(base, "GET", target)
}

/// Waits until `condition` holds, polling; panics with `what` after 10 seconds.
pub fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !condition() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// The page without what `serve` adds (the reload script, the error overlay), to compare
/// with `build` output.
pub fn undecorated(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut out = text.into_owned();
    for (start, end) in [
        ("<script>/* kennisbank serve:", "</script>\n"),
        ("<div id=\"kennisbank-fouten\"", "</div>\n"),
    ] {
        if let Some(at) = out.find(start) {
            let stop = out[at..].find(end).map(|i| at + i + end.len()).unwrap();
            out.replace_range(at..stop, "");
        }
    }
    out.into_bytes()
}

/// Starts `serve` on a free port for a site folder.
pub fn serve(root: &Path) -> kennisbank::serve::Server {
    kennisbank::serve::start(&kennisbank::serve::ServeOptions {
        root: root.to_path_buf(),
        bind: std::net::IpAddr::from([127, 0, 0, 1]),
        port: 0,
        next_free_port: false,
        drafts: false,
    })
    .expect("serve starts")
}
