//! Stage 1, load (walk): lists the files of a site's folders, in one
//! place for every input (seeds, content, templates, static files, data
//! tables) and for the checker's walk of the output. Built on walkdir.
//!
//! Input: a folder and a [`Walk`] (how deep, whether hidden and temporary
//! files count). Output: the entries found, sorted by path, with a
//! warning for each one set aside that a user may not expect to be: a
//! link that does not resolve, a link back to a folder it is in (a loop),
//! something that is not a regular file or folder (a pipe, a socket, a
//! device), a folder that cannot be listed. Hidden names (`.x`) and the
//! temporary files of editors (`x~`, `#x#`, `.x.swp`) are skipped
//! silently: an editor saving a file must not make a build warn.

use std::path::{Path, PathBuf};

/// What a walk lists.
#[derive(Debug, Clone, Copy)]
pub struct Walk {
    /// How many levels below the folder: 1 lists its own entries only.
    pub depth: usize,
    /// Whether folders are listed too (files always are).
    pub folders: bool,
    /// Whether hidden and temporary files are listed (the output folder
    /// is walked whole; a site's inputs are not).
    pub everything: bool,
}

impl Walk {
    /// The files of a folder and of its folders, at any depth.
    pub const TREE: Walk = Walk {
        depth: usize::MAX,
        folders: false,
        everything: false,
    };

    /// The entries of a folder itself, files and folders.
    pub const LEVEL: Walk = Walk {
        depth: 1,
        folders: true,
        everything: false,
    };
}

/// One entry found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The path relative to the walked folder, with `/` separators.
    pub rel: String,
    /// The path to open (links not resolved).
    pub path: PathBuf,
    /// Whether it is a folder (links followed).
    pub is_dir: bool,
}

/// An entry set aside, with the reason, for a warning at its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

/// Whether a file name is hidden or an editor's temporary file.
pub fn is_hidden_or_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Lists `dir` as `walk` says, links followed; a missing folder lists
/// nothing. Entries come sorted by path.
pub fn walk(dir: &Path, walk: Walk) -> Walked {
    let mut out = Walked::default();
    if !dir.is_dir() {
        return out;
    }
    let it = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(walk.depth)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            walk.everything || !is_hidden_or_temporary(&e.file_name().to_string_lossy())
        });
    for item in it {
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let reason = if err.loop_ancestor().is_some() {
                    "a link back to a folder it is in (a loop): not followed".to_string()
                } else if path.symlink_metadata().is_ok() && path.metadata().is_err() {
                    let io = err
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string());
                    format!("a link that does not resolve ({io}): skipped")
                } else {
                    format!("cannot be read ({err}): skipped")
                };
                out.skipped.push(Skipped { path, reason });
                continue;
            }
        };
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry.file_type();
        if kind.is_dir() {
            if walk.folders {
                out.entries.push(Entry {
                    rel,
                    path: entry.into_path(),
                    is_dir: true,
                });
            }
        } else if kind.is_file() {
            out.entries.push(Entry {
                rel,
                path: entry.into_path(),
                is_dir: false,
            });
        } else {
            out.skipped.push(Skipped {
                path: entry.into_path(),
                reason: "not a regular file (a pipe, socket or device): skipped".into(),
            });
        }
    }
    out.entries.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(w: &Walked) -> Vec<&str> {
        w.entries.iter().map(|e| e.rel.as_str()).collect()
    }

    #[test]
    fn lists_files_sorted_without_hidden_or_temporary_ones() {
        let d = tempfile::tempdir().unwrap();
        for f in [
            "b.md",
            "a/x.css",
            "a/.x.css.swp",
            ".git/config",
            "c.md~",
            "#d.md#",
            "e.tmp",
        ] {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let w = walk(d.path(), Walk::TREE);
        assert_eq!(names(&w), ["a/x.css", "b.md"]);
        assert!(w.skipped.is_empty());
        let level = walk(d.path(), Walk::LEVEL);
        assert_eq!(names(&level), ["a", "b.md"]);
        assert!(level.entries[0].is_dir);
        let all = walk(
            d.path(),
            Walk {
                everything: true,
                ..Walk::TREE
            },
        );
        assert_eq!(all.entries.len(), 7);
        assert!(
            walk(&d.path().join("missing"), Walk::TREE)
                .entries
                .is_empty()
        );
    }

    #[cfg(unix)]
    #[test]
    fn loops_and_dangling_links_are_skipped_with_a_reason() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("css")).unwrap();
        std::fs::write(d.path().join("css/site.css"), "x").unwrap();
        std::os::unix::fs::symlink(d.path(), d.path().join("css/back")).unwrap();
        std::os::unix::fs::symlink(d.path().join("nowhere"), d.path().join("gone.css")).unwrap();
        let w = walk(d.path(), Walk::TREE);
        assert_eq!(names(&w), ["css/site.css"]);
        let reasons: Vec<_> = w.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("loop")), "{reasons:?}");
        assert!(
            reasons.iter().any(|r| r.contains("does not resolve")),
            "{reasons:?}"
        );
    }
}
