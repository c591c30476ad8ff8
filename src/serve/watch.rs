//! Serve stage, watching: reports changes to the site's inputs
//! (`content/`, `templates/`, `static/`, `data/`, `seeds/`, `site.toml`)
//! as debounced batches of paths. Native events through notify; when
//! those are unavailable (no inotify, the watch limit reached, some network
//! and container file systems) or `--poll` is given, notify's polling
//! watcher. Editor temp and swap files are ignored.

use notify::{Config, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// The folders watched, relative to the site root; `site.toml` too.
pub const WATCHED_DIRS: &[&str] = &["content", "templates", "static", "data", "seeds"];

/// How long the inputs must stay quiet before a rebuild starts: an
/// editor's save (write temp, rename, delete: events a millisecond or
/// two apart) is one change. It is part of every edit's latency. A save
/// split in two (a rebuild between truncating and writing) is followed by
/// a second rebuild, which the file's final bytes decide.
pub const QUIET: Duration = Duration::from_millis(30);

/// A change burst is cut after this long even if events keep coming.
const LONGEST_BURST: Duration = Duration::from_secs(2);

/// How often the polling watcher looks.
pub const POLL_INTERVAL: Duration = Duration::from_millis(400);

/// The watcher in use; dropping it stops watching.
pub struct Active {
    watcher: Kind,
    root: PathBuf,
    /// The watched folders being watched now.
    watched: std::collections::BTreeSet<&'static str>,
}

enum Kind {
    Native(RecommendedWatcher),
    Polling(PollWatcher),
}

impl Active {
    pub fn describe(&self) -> &'static str {
        match self.watcher {
            Kind::Native(_) => "native file events",
            Kind::Polling(_) => "polling",
        }
    }

    /// Watches the watched folders created since the last call (a site
    /// may get its `templates/` later); forgets removed ones.
    pub fn refresh(&mut self) {
        let w: &mut dyn Watcher = match &mut self.watcher {
            Kind::Native(w) => w,
            Kind::Polling(w) => w,
        };
        for d in WATCHED_DIRS {
            let p = self.root.join(d);
            if !p.is_dir() {
                self.watched.remove(d);
            } else if !self.watched.contains(d) && w.watch(&p, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(d);
            }
        }
    }
}

/// Whether a change to `rel` (a path relative to the site root, with `/`)
/// can change the site: under a watched folder or `site.toml`, and not an
/// editor's temp, swap or backup file, nor a hidden file (the import
/// manifest `content/.import.toml` is written by gazette itself).
pub fn is_relevant(rel: &str) -> bool {
    let rel = rel.trim_start_matches("./");
    if rel == "site.toml" || WATCHED_DIRS.contains(&rel) {
        // A watched folder itself: created (to be watched) or removed.
        return true;
    }
    let Some((top, _)) = rel.split_once('/') else {
        return false;
    };
    if !WATCHED_DIRS.contains(&top) {
        return false;
    }
    let name = rel.rsplit('/').next().unwrap_or("");
    !is_temp_name(name) && !rel.split('/').any(|seg| seg.starts_with('.'))
}

/// Editor temp, swap and backup files: `.x.swp`, `x~`, `#x#`, `.#x`,
/// vim's `4913` probe, `x.tmp`, `x.part`, `x.crdownload`, `x.bak`.
pub fn is_temp_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.is_empty()
        || name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".temp",
            ".part",
            ".crdownload",
            ".bak",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Starts watching `root`: native events, or polling when `poll` is set or
/// native watching fails (the reason is returned to be shown). Raw event
/// paths go to `tx`.
pub fn start(
    root: &Path,
    poll: bool,
    tx: Sender<PathBuf>,
) -> anyhow::Result<(Active, Option<String>)> {
    let handler = move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && changes_content(&event.kind)
        {
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    };
    // `add_watches` has watched the folders that exist.
    let active = |watcher| Active {
        watcher,
        root: root.to_path_buf(),
        watched: WATCHED_DIRS
            .iter()
            .copied()
            .filter(|d| root.join(d).is_dir())
            .collect(),
    };
    if !poll {
        match native(root, handler.clone()) {
            Ok(w) => return Ok((active(Kind::Native(w)), None)),
            Err(e) => {
                let why = format!("native file events unavailable ({e}); polling instead");
                let w = polling(root, handler)?;
                return Ok((active(Kind::Polling(w)), Some(why)));
            }
        }
    }
    Ok((active(Kind::Polling(polling(root, handler)?)), None))
}

/// Whether an event can change what a file holds: creation, removal,
/// renames and writes; not reads (gazette reads every input on each
/// rebuild) nor metadata such as access times.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{MetadataKind, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        // The polling watcher reports a write as a new modification time.
        EventKind::Modify(ModifyKind::Metadata(m)) => {
            matches!(m, MetadataKind::WriteTime | MetadataKind::Any)
        }
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

fn native(root: &Path, handler: impl notify::EventHandler) -> notify::Result<RecommendedWatcher> {
    let mut w = RecommendedWatcher::new(handler, Config::default())?;
    add_watches(&mut w, root)?;
    Ok(w)
}

fn polling(root: &Path, handler: impl notify::EventHandler) -> anyhow::Result<PollWatcher> {
    let config = Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(false);
    let mut w = PollWatcher::new(handler, config)?;
    add_watches(&mut w, root)?;
    Ok(w)
}

/// The watched folders that exist (recursively), and the root itself (not
/// recursively: `site.toml`, and watched folders created later).
fn add_watches(w: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    w.watch(root, RecursiveMode::NonRecursive)?;
    for d in WATCHED_DIRS {
        let p = root.join(d);
        if p.is_dir() {
            w.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

/// Waits for the next batch of relevant changes: blocks until one arrives,
/// then collects until the inputs are quiet for [`QUIET`]. Paths come back
/// relative to `root`, sorted and unique. `None` when the sender is gone
/// or `stop` says so (checked every [`QUIET`]).
pub fn next_batch(
    rx: &Receiver<PathBuf>,
    root: &Path,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<String>> {
    let mut batch = std::collections::BTreeSet::new();
    let mut started: Option<Instant> = None;
    loop {
        if stop() {
            return None;
        }
        match rx.recv_timeout(QUIET) {
            Ok(p) => {
                let rel = relative(root, &p);
                if is_relevant(&rel) {
                    batch.insert(rel);
                    started.get_or_insert_with(Instant::now);
                }
                if started.is_some_and(|s| s.elapsed() > LONGEST_BURST) {
                    return Some(batch.into_iter().collect());
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                if !batch.is_empty() {
                    return Some(batch.into_iter().collect());
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return (!batch.is_empty()).then(|| batch.into_iter().collect());
            }
        }
    }
}

/// `p` relative to `root`, with `/` separators (events may carry absolute
/// or canonical paths).
fn relative(root: &Path, p: &Path) -> String {
    let rel = match p.strip_prefix(root) {
        Ok(r) => r.to_path_buf(),
        Err(_) => root
            .canonicalize()
            .ok()
            .and_then(|canon| p.strip_prefix(canon).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| p.to_path_buf()),
    };
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_relevant_temp_files_and_output_are_not() {
        for p in [
            "site.toml",
            "content/guofa-2024-5/index.md",
            "templates/base.html",
            "static/logo.png",
            "data/departments.toml",
            "seeds/001.txt",
        ] {
            assert!(is_relevant(p), "{p}");
        }
        for p in [
            "public/index.html",
            ".public.new/index.html",
            "target/x",
            "README.md",
            "content/.import.toml",
            "content/x/.index.md.swp",
            "content/x/index.md~",
            "content/x/#index.md#",
            "content/x/.#index.md",
            "content/x/4913",
            "templates/base.html.tmp",
            "seeds/.git/HEAD",
            "seeds/a.txt.part",
        ] {
            assert!(!is_relevant(p), "{p}");
        }
    }

    #[test]
    fn a_burst_of_events_is_one_batch() {
        let (tx, rx) = std::sync::mpsc::channel();
        let root = Path::new("/site");
        let sender = std::thread::spawn(move || {
            for p in [
                "/site/content/a/index.md.swp",
                "/site/content/a/index.md~",
                "/site/content/a/index.md",
                "/site/public/index.html",
                "/site/content/a/index.md",
                "/site/site.toml",
            ] {
                tx.send(PathBuf::from(p)).unwrap();
            }
            // Quiet, then a second change.
            std::thread::sleep(QUIET * 3);
            tx.send(PathBuf::from("/site/data/departments.toml"))
                .unwrap();
        });
        let first = next_batch(&rx, root, &|| false).unwrap();
        assert_eq!(first, vec!["content/a/index.md", "site.toml"]);
        let second = next_batch(&rx, root, &|| false).unwrap();
        assert_eq!(second, vec!["data/departments.toml"]);
        sender.join().unwrap();
        assert_eq!(next_batch(&rx, root, &|| false), None, "sender gone");
    }
}
