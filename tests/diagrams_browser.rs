//! Mermaid diagrams in headless Chromium under the site's strict Content-Security-Policy: the
//! vendored Mermaid draws the diagram as an SVG with an accessible name and its own colours
//! (its <style> moved into a constructed stylesheet), the diagram's text stays on the page
//! (folded), and the policy refuses nothing but the inline styles of Mermaid's own scratch
//! rendering, which it needs not. Pages without
//! a diagram load no Mermaid, and a site without one gets no copy of it.
//!
//! Skips without Chromium, as `tests/browser.rs` does (`tests/browser/setup.sh`).

#[path = "browser/server.rs"]
mod server;
#[path = "browser/support.rs"]
mod support;
#[path = "browser/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use std::path::{Path, PathBuf};

use kennisbank::pipeline::{BuildRequest, build_to_disk};
use serde_json::json;

use server::Server;
use webdriver::Browser;

/// The policy of `tests/csp.rs`, the one README asks sites to be served with.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Builds the fixture with the theme on disk and puts the policy in every page's head, with a
/// first script (allowed by it) that records every violation.
fn served() -> Option<(tempfile::TempDir, Server)> {
    for tool in [webdriver::CHROMIUM, webdriver::CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            support::skip(&format!("{tool} is not installed"));
            return None;
        }
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src");
    copy_dir(&manifest.join("tests/fixtures/vault_mermaid"), &root);
    copy_dir(
        &manifest.join("themes/default"),
        &root.join("themes/default"),
    );
    let out = dir.path().join("out");
    build_to_disk(&BuildRequest {
        root,
        output: out.clone(),
        site: Default::default(),
    })
    .unwrap_or_else(|e| panic!("the fixture should build: {e:?}"));
    std::fs::write(
        out.join("csp-watch.js"),
        "window.violations = [];\ndocument.addEventListener('securitypolicyviolation', e => \
         window.violations.push(e.violatedDirective + ' ' + e.blockedURI));\n",
    )
    .unwrap();
    for page in ["stroom/index.html", "gewoon/index.html"] {
        let path = out.join(page);
        let html = std::fs::read_to_string(&path).unwrap().replacen(
            "<meta charset=\"utf-8\">",
            &format!(
                "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n<script src=\"/csp-watch.js\"></script>"
            ),
            1,
        );
        std::fs::write(&path, html).unwrap();
    }
    let server = Server::start(&out);
    Some((dir, server))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_mermaid_block_becomes_an_svg_under_the_strict_policy() {
    let Some((_dir, server)) = served() else {
        return;
    };
    let b = Browser::start(1280, 900);
    b.goto(&format!("{}/stroom/", server.origin));
    b.wait_for(
        "the drawn diagram",
        "return document.querySelector('figure.diagram-mermaid.is-drawn svg') !== null",
    );
    let facts = b.eval(
        "const f = document.querySelector('figure.diagram-mermaid');
         const svg = f.querySelector('svg');
         const node = svg.querySelector('.node rect, .node polygon, .node path');
         return {
           role: svg.getAttribute('role'),
           label: svg.getAttribute('aria-label'),
           labels: [...svg.querySelectorAll('.nodeLabel')].map(e => e.textContent.trim()),
           fill: node ? getComputedStyle(node).fill : null,
           source: f.querySelector('details.diagram-source summary')?.textContent,
           code: f.querySelector('details.diagram-source pre.mermaid')?.textContent.includes('Wijkteam'),
           notice: f.querySelector('.diagram-notice') !== null,
           inline: svg.querySelectorAll('style').length,
           violations: window.violations,
         };",
        json!([]),
    );
    assert_eq!(facts["role"], "img", "{facts}");
    assert_eq!(facts["label"], "Diagram", "{facts}");
    assert!(
        facts["labels"]
            .as_array()
            .is_some_and(|l| l.iter().any(|t| t == "Wijkteam")),
        "{facts}"
    );
    // Mermaid's colours arrived although its <style> could not be inline.
    let fill = facts["fill"].as_str().unwrap_or("");
    assert!(
        !fill.is_empty() && fill != "rgb(0, 0, 0)" && fill != "none",
        "{facts}"
    );
    assert_eq!(facts["source"], "Tekst van het diagram", "{facts}");
    assert_eq!(facts["code"], true, "{facts}");
    assert_eq!(facts["notice"], false, "{facts}");
    // The drawing in the page has no <style> of its own (its style attributes are set through
    // the CSSOM, which the policy allows); Mermaid's measuring pass tries some in
    // its scratch element, which the policy blocks without harm (the colours above came
    // through the stylesheet). Nothing else is refused: no script, no request elsewhere.
    assert_eq!(facts["inline"], 0, "{facts}");
    let refused: Vec<&str> = facts["violations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter(|v| !matches!(*v, "style-src-elem inline" | "style-src-attr inline"))
        .collect();
    assert!(refused.is_empty(), "{refused:?}");
    let hosts: Vec<String> = b
        .requests()
        .into_iter()
        .map(|(url, _)| url)
        .filter(|u| u.starts_with("http") && !u.starts_with(&server.origin))
        .collect();
    assert!(hosts.is_empty(), "requests elsewhere: {hosts:?}");
}

#[test]
fn only_pages_with_a_diagram_load_mermaid() {
    let Some((dir, server)) = served() else {
        return;
    };
    let b = Browser::start(1280, 900);
    b.goto(&format!("{}/gewoon/", server.origin));
    b.wait_for("the page", "return document.readyState === 'complete'");
    let scripts = b.eval(
        "return [...document.scripts].map(s => s.src).filter(s => s.includes('mermaid'))",
        json!([]),
    );
    assert_eq!(scripts, json!([]));
    assert!(dir.path().join("out/js/vendor/mermaid.min.js").exists());
    assert!(
        dir.path()
            .join("out/js/vendor/mermaid.LICENSE.txt")
            .exists()
    );
}
