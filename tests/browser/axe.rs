//! axe-core (WCAG 2.1 A and AA) in the page under test, from the test-only install in
//! `tests/browser/node_modules`; never part of a site.

use std::path::PathBuf;

use serde_json::json;

use super::webdriver::Browser;

/// axe-core, from the test-only install, injected into the page under test.
pub fn axe_source() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).ok()
}

pub fn axe_violations(b: &Browser, axe: &str) -> Vec<String> {
    b.eval(
        "const s = document.createElement('script'); s.textContent = arguments[0];
         document.head.appendChild(s); s.remove(); return !!window.axe",
        json!([axe]),
    );
    let result = b.eval_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
           .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
              v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))),
                 e => done(['axe failed: ' + e]));",
        json!([]),
    );
    serde_json::from_value(result).expect("a list of violations")
}
