//! Stage 6, write: puts the rendered output on disk atomically. Files go
//! to a staging folder beside `public/` (`.public.new`), which then
//! replaces `public/`; a failed build never touches the last good output.
//! Writing can be staged in parts (pages first, the search index when it
//! is ready).
//!
//! The output replaced by a build is kept as `.public.old` and becomes the
//! next build's staging folder: its files are overwritten in place and the
//! ones the new output lacks are removed at commit. Creating a thousand new
//! files and deleting a thousand old ones on every build is what made
//! writing slow (file systems such as ext4 search long for free inodes
//! right after many deletions); overwriting reuses what is there.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

/// A new output folder being written; dropped without `commit`, it is
/// removed (a recycled folder too: it held nothing of value any more).
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// The files and folders already in a recycled staging folder (paths
    /// relative to it), listed on another thread.
    existing: Option<JoinHandle<Vec<(String, bool)>>>,
    written: Mutex<BTreeSet<String>>,
    committed: bool,
}

impl Staging {
    /// Starts a new output for `out` in `.{name}.new` beside it, reusing
    /// the previous output (`.{name}.old`) when there is one.
    pub fn begin(out: &Path) -> Result<Staging> {
        let parent = out.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let tmp = sibling(out, "new");
        let old = old_path(out);
        if !out.exists() && old.is_dir() {
            // A run killed between the two renames of a non-atomic swap:
            // the previous output is put back before anything else.
            std::fs::rename(&old, out)
                .with_context(|| format!("cannot restore {}", out.display()))?;
        }
        // A leftover of an interrupted build.
        let _ = std::fs::remove_dir_all(&tmp);
        let existing = if old.is_dir() && std::fs::rename(&old, &tmp).is_ok() {
            let root = tmp.clone();
            Some(std::thread::spawn(move || list_tree(&root)))
        } else {
            std::fs::create_dir_all(&tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            None
        };
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            existing,
            written: Mutex::new(BTreeSet::new()),
            committed: false,
        })
    }

    /// Writes files (path inside the output → bytes) into the new output.
    pub fn write(&self, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
        let mut dirs = BTreeSet::new();
        for path in files.keys() {
            if path
                .split('/')
                .any(|c| c == ".." || c == "." || c.is_empty())
            {
                anyhow::bail!("refusing to write outside the output folder: {path}");
            }
            if let Some(d) = Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                dirs.insert(d.to_path_buf());
            }
        }
        for d in &dirs {
            self.make_dir(d)?;
        }
        files.par_iter().try_for_each(|(path, bytes)| {
            let p = self.tmp.join(path);
            if p.is_dir() {
                // A folder of a recycled output where a file goes now.
                std::fs::remove_dir_all(&p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            }
            std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))
        })?;
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        written.extend(files.keys().cloned());
        Ok(())
    }

    /// Adds bytes at the end of files written before by this build (a
    /// file made in pieces).
    pub fn append(&self, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
        use std::io::Write;
        for (path, bytes) in files {
            let started = self
                .written
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(path);
            anyhow::ensure!(started, "{path} is added to before it is written");
            let p = self.tmp.join(path);
            std::fs::OpenOptions::new()
                .append(true)
                .open(&p)
                .and_then(|mut f| f.write_all(bytes))
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        Ok(())
    }

    /// Creates a folder (relative to the staging folder) and its parents;
    /// a file of a recycled output standing where a folder goes is removed.
    fn make_dir(&self, rel: &Path) -> Result<()> {
        let full = self.tmp.join(rel);
        if full.is_dir() {
            return Ok(());
        }
        let mut at = self.tmp.clone();
        for part in rel.components() {
            at.push(part);
            if at.is_file() {
                std::fs::remove_file(&at)
                    .with_context(|| format!("cannot remove {}", at.display()))?;
            }
        }
        std::fs::create_dir_all(&full).with_context(|| format!("cannot create {}", full.display()))
    }

    /// Replaces the output with the new folder; the previous output is
    /// kept in `.{name}.old` (returned) for the next build to reuse.
    pub fn commit(mut self) -> Result<PathBuf> {
        self.remove_unwritten()?;
        if self.old.exists() {
            // A leftover from an interrupted run: out of the way first.
            let _ = std::fs::remove_dir_all(&self.old);
        }
        crate::pause::at("swap");
        if self.out.exists() {
            // One atomic step where the system has it: the output is the
            // previous one or the new one at every moment, even if the
            // process is killed here.
            if exchange(&self.tmp, &self.out).is_ok() {
                self.committed = true;
                crate::pause::at("swapped");
                // The staging path now holds the previous output; a failure
                // here leaves it as a leftover that the next build removes.
                let _ = std::fs::rename(&self.tmp, &self.old);
                return Ok(self.old.clone());
            }
            std::fs::rename(&self.out, &self.old)
                .with_context(|| format!("cannot move {} aside", self.out.display()))?;
        }
        // Without an atomic exchange the output is missing between these
        // two renames; `begin` puts the previous output back if a run
        // was killed there.
        std::fs::rename(&self.tmp, &self.out)
            .with_context(|| format!("cannot move the new output to {}", self.out.display()))?;
        self.committed = true;
        Ok(self.old.clone())
    }

    /// Removes what a recycled staging folder held that this output lacks.
    fn remove_unwritten(&mut self) -> Result<()> {
        let Some(listing) = self.existing.take() else {
            return Ok(());
        };
        let existing = listing
            .join()
            .map_err(|_| anyhow::anyhow!("listing the previous output failed"))?;
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let mut kept_dirs = BTreeSet::new();
        for path in written.iter() {
            let mut p = Path::new(path).parent();
            while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
                if !kept_dirs.insert(d.to_string_lossy().to_string()) {
                    break;
                }
                p = d.parent();
            }
        }
        // Deepest first, so that a folder is empty when its turn comes.
        for (rel, is_dir) in existing.iter().rev() {
            let p = self.tmp.join(rel);
            if *is_dir {
                if !kept_dirs.contains(rel) {
                    let _ = std::fs::remove_dir_all(&p);
                }
            } else if !written.contains(rel) && p.is_file() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            }
        }
        Ok(())
    }
}

/// Where the previous output is kept: `.{name}.old` beside `out`.
pub fn old_path(out: &Path) -> PathBuf {
    sibling(out, "old")
}

/// `.{name}.{suffix}` beside `out`.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.{suffix}"))
}

/// Every file and folder under `root` as (relative path with `/`, is a
/// folder), in path order (a folder before what it holds).
fn list_tree(root: &Path) -> Vec<(String, bool)> {
    let everything = crate::load::walk::Walk {
        everything: true,
        folders: true,
        ..crate::load::walk::Walk::TREE
    };
    crate::load::walk::walk(root, everything)
        .entries
        .into_iter()
        .map(|e| (e.rel, e.is_dir))
        .collect()
}

/// Swaps two paths in one atomic step (Linux `renameat2` with
/// `RENAME_EXCHANGE`); an error where the system or file system lacks it.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings that outlive
    // the call; renameat2 reads them and keeps nothing.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Writes a file so that a reader (or a run killed meanwhile) sees the old
/// bytes or the new ones, never a part: the bytes go to a hidden file
/// beside it, which is then renamed over it.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.gazette-tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            if let Some(listing) = self.existing.take() {
                let _ = listing.join();
            }
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
