//! File events from notify, sorted into `Changes`. Folders are watched rather than files,
//! because editors save by writing a temporary file and renaming it over the note: `content/`,
//! `static/`, `templates/` and `themes/` recursively, and the site folder itself (for
//! `kennisbank.yaml`, and for those folders appearing later). Editors' temporary and backup
//! files (`.swp`, `~`, `.#*`, `4913`) are ignored, as the build ignores them.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::state::Changes;
use crate::config::CONFIG_FILE;
use crate::load::is_ignored_name;

/// Folders of a site that are watched recursively.
const WATCHED: &[&str] = &["content", "static", "templates", "themes"];

/// How long a path must be quiet before its events are passed on. Short, so that an edit
/// shows within a blink; a burst (a `git checkout`) arrives as one batch or a few.
const QUIET: Duration = Duration::from_millis(10);
const TICK: Duration = Duration::from_millis(2);

/// Watches a site folder; events wait in a queue until `run` takes them.
pub struct EventSource {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

/// A running watcher; dropping it stops it.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Starts watching `root` (an absolute path). Start before reading the site, so that no
/// change made while it is read goes unseen.
pub fn watch(root: &Path) -> notify::Result<EventSource> {
    let (sender, events) = mpsc::channel();
    let mut debouncer = new_debouncer(QUIET, Some(TICK), sender)?;
    // A vault's notes are anywhere in it.
    let vault = crate::load::vault::is_vault(root);
    let mode = if vault {
        RecursiveMode::Recursive
    } else {
        RecursiveMode::NonRecursive
    };
    debouncer.watch(root, mode)?;
    for folder in WATCHED.iter().filter(|_| !vault) {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(EventSource {
        root: root.to_path_buf(),
        debouncer,
        events,
    })
}

/// What the watcher thread does: take in each batch of changes, and between them, while no
/// change waits, work that can wait (`idle`, called again as long as it says there is more).
pub trait Handler: Send + 'static {
    fn changes(&mut self, changes: Changes);
    /// Does a little of the waiting work; returns whether some is left.
    fn idle(&mut self) -> bool;
}

impl EventSource {
    /// Passes each batch of changes to `handler`, on a thread of its own.
    pub fn run(self, mut handler: impl Handler) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let EventSource {
            root,
            mut debouncer,
            events,
        } = self;
        let thread = std::thread::spawn(move || {
            let mut busy = false;
            while !stopped.load(Ordering::Relaxed) {
                let first = if busy {
                    match events.try_recv() {
                        Ok(result) => result,
                        Err(TryRecvError::Empty) => {
                            busy = handler.idle();
                            continue;
                        }
                        Err(TryRecvError::Disconnected) => break,
                    }
                } else {
                    match events.recv_timeout(Duration::from_millis(100)) {
                        Ok(result) => result,
                        Err(RecvTimeoutError::Timeout) => continue,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                };
                let mut changes = Changes::default();
                for result in std::iter::once(first).chain(events.try_iter()) {
                    for event in result.into_iter().flatten() {
                        if !matters(&event.kind) {
                            continue;
                        }
                        for path in &event.paths {
                            watch_new_folder(&mut debouncer, &root, path);
                            if let Some(change) = classify(&root, path) {
                                changes.merge(change);
                            }
                        }
                    }
                }
                if !changes.is_empty() {
                    handler.changes(changes);
                    busy = true;
                }
            }
        });
        Watcher {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Events that may mean new content. Opening and reading a file (as `serve` itself does)
/// does not; closing it after writing does.
fn matters(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// A watched folder created after `serve` started (a first `static/`): watch it too.
fn watch_new_folder(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    root: &Path,
    path: &Path,
) {
    let top_level = path.parent() == Some(root)
        && path
            .file_name()
            .is_some_and(|n| WATCHED.iter().any(|w| n == *w));
    if top_level && path.is_dir() {
        let _ = debouncer.watch(path, RecursiveMode::Recursive);
    }
}

/// What a changed path means for the site, if anything.
pub fn classify(root: &Path, path: &Path) -> Option<Changes> {
    let rel = path.strip_prefix(root).ok()?;
    if rel == Path::new(CONFIG_FILE) {
        return Some(Changes {
            config: true,
            ..Changes::default()
        });
    }
    let mut parts = rel.components();
    let top = match parts.next()? {
        Component::Normal(name) => name.to_str()?,
        _ => return None,
    };
    let vault = crate::load::vault::is_vault(root);
    if !WATCHED.contains(&top) && !vault {
        return None;
    }
    let ignored = parts.any(|c| match c {
        Component::Normal(name) => is_ignored_name(&name.to_string_lossy()),
        _ => true,
    });
    if ignored {
        return None;
    }
    let mut changes = Changes::default();
    let layout =
        crate::load::vault::is_layout_folder(top) || top == crate::load::vault::PUBLISH_CSS;
    if top == "content" || (vault && !layout) {
        if is_ignored_name(top) {
            return None;
        }
        changes.content.insert(rel.to_path_buf());
    } else {
        changes.layout = true;
    }
    Some(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_a_vault_notes_anywhere_are_content_and_layout_folders_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let content = |p: &str| classify(root, &root.join(p)).map(|c| c.content.len());
        assert_eq!(content("Notitie.md"), Some(1));
        assert_eq!(content("Map/Notitie.md"), Some(1));
        assert_eq!(content(".obsidian/app.json"), None);
        assert_eq!(content("Map/.Notitie.md.swp"), None);
        assert!(classify(root, &root.join("publish.css")).unwrap().layout);
        assert!(
            classify(root, &root.join("templates/note.html"))
                .unwrap()
                .layout
        );
    }

    #[test]
    fn paths_are_sorted_into_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let root = dir.path();
        let content = |p: &str| {
            classify(root, &root.join(p))
                .map(|c| c.content.into_iter().collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert_eq!(
            content("content/a/b.md"),
            vec![PathBuf::from("content/a/b.md")]
        );
        assert_eq!(content("content/a"), vec![PathBuf::from("content/a")]);
        assert!(
            classify(root, &root.join("kennisbank.yaml"))
                .unwrap()
                .config
        );
        assert!(
            classify(root, &root.join("static/css/x.css"))
                .unwrap()
                .layout
        );
        assert!(
            classify(root, &root.join("themes/eigen/templates/note.html"))
                .unwrap()
                .layout
        );
        for ignored in [
            "content/.b.md.swp",
            "content/b.md~",
            "content/.#b.md",
            "content/4913",
            "content/.obsidian/workspace.json",
            "content/b.md.tmp",
            "static/.DS_Store",
            "public/index.html",
            "notities.md",
            "",
        ] {
            assert_eq!(classify(root, &root.join(ignored)), None, "{ignored}");
        }
        assert_eq!(classify(root, Path::new("/elders/content/x.md")), None);
        drop(dir);
    }
}
