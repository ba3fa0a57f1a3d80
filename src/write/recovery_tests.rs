//! What a build does after one that stopped part way (faults 2–5 of issue 12).

use std::path::Path;

use super::atomic::{self, replace_file};
use super::journal::{self, COMMIT_MARKER, OUTPUT_MARKER};
use super::{OutputPlan, Sink, WriteStats};

fn build(root: &Path, files: &[(&str, &str)]) -> WriteStats {
    let plan = OutputPlan::new(root).unwrap();
    for (path, text) in files {
        plan.put(path, text.as_bytes()).unwrap();
    }
    plan.commit().unwrap()
}

/// Leaves the folder as a build killed after `begin` and some writes would.
fn interrupt(root: &Path, writes: &[(&str, &str)]) {
    journal::begin(root).unwrap();
    for (path, text) in writes {
        replace_file(&root.join(path), text.as_bytes()).unwrap();
    }
}

#[test]
fn a_killed_build_then_reverted_inputs_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("public");
    build(
        &root,
        &[("a/index.html", "old a"), ("b/index.html", "old b")],
    );
    // The killed build had written edited `a` (same length as the old one) and a new page.
    interrupt(
        &root,
        &[("a/index.html", "new a"), ("c/index.html", "new c")],
    );
    std::fs::write(root.join(format!("b/{}1-2", atomic::TEMP_PREFIX)), "half").unwrap();
    // The edits are reverted: the build produces exactly the old output again.
    let stats = build(
        &root,
        &[("a/index.html", "old a"), ("b/index.html", "old b")],
    );
    assert_eq!(stats.written, 1, "{stats:?}");
    assert_eq!(
        std::fs::read_to_string(root.join("a/index.html")).unwrap(),
        "old a"
    );
    assert!(!root.join("c").exists(), "the killed build's page is gone");
    assert_eq!(
        std::fs::read_dir(root.join("b")).unwrap().count(),
        1,
        "its temporary file too"
    );
    assert!(!root.join(COMMIT_MARKER).exists());
    // And the build after that trusts the manifest again.
    let again = build(
        &root,
        &[("a/index.html", "old a"), ("b/index.html", "old b")],
    );
    assert_eq!((again.written, again.removed), (0, 0));
}

#[test]
fn a_killed_first_build_leaves_a_folder_the_next_build_takes_over() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("public");
    interrupt(&root, &[("half/index.html", "x")]);
    let stats = build(&root, &[("a/index.html", "a")]);
    assert_eq!((stats.written, stats.removed), (1, 1));
    assert!(!root.join("half").exists());
}

#[test]
fn a_torn_manifest_is_not_trusted_and_does_not_break_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("public");
    build(&root, &[("posts/x/index.html", "x"), ("y", "y")]);
    let manifest = root.join(OUTPUT_MARKER);
    let text = std::fs::read_to_string(&manifest).unwrap();
    // Cut in the middle of the line for `posts/x/index.html`: a folder's name remains.
    let cut = text.find("posts/x").unwrap() + "posts/x".len();
    std::fs::write(&manifest, &text[..cut]).unwrap();
    std::fs::write(root.join("posts/x/index.html"), "edited by hand").unwrap();
    let stats = build(&root, &[("posts/x/index.html", "x")]);
    assert_eq!((stats.written, stats.removed), (1, 1));
    assert_eq!(
        std::fs::read_to_string(root.join("posts/x/index.html")).unwrap(),
        "x"
    );
    assert!(!root.join("y").exists());
}

#[test]
fn a_failed_write_is_reported_as_started_and_repaired_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("public");
    build(&root, &[("a/index.html", "a"), ("b", "b")]);
    // A folder where a file must go makes the write fail after the commit began.
    std::fs::create_dir_all(root.join("c/index.html/blocker")).unwrap();
    let plan = OutputPlan::new(&root).unwrap();
    plan.put("a/index.html", b"A").unwrap();
    plan.put("c/index.html", b"c").unwrap();
    let failed = plan.commit().expect_err("the write fails");
    assert!(failed.started);
    assert_eq!(failed.error.path, root.join("c/index.html"));
    assert!(root.join(COMMIT_MARKER).exists());
    std::fs::remove_dir_all(root.join("c")).unwrap();
    let stats = build(&root, &[("a/index.html", "A"), ("c/index.html", "c")]);
    assert!(stats.written >= 1, "{stats:?}");
    assert!(
        !root.join("b").exists(),
        "the orphan of the failed build is gone"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("c/index.html")).unwrap(),
        "c"
    );
}
