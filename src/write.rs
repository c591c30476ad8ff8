//! Stage 6, write: puts the rendered output on disk atomically. Files go
//! to a temporary folder beside `public/`, which then replaces `public/`;
//! a failed build never touches the last good output. Writing can be
//! staged in parts (pages first, the search index when it is ready).

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A new output folder being written; dropped without `commit`, it is removed.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a new output for `out` (the temporary folder `.{name}.new` beside it).
    pub fn begin(out: &Path) -> Result<Staging> {
        let parent = out.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let tmp = parent.join(format!(".{name}.new"));
        let old = old_path(out);
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            old,
            committed: false,
        })
    }

    /// Writes files (path inside the output → bytes) into the new output.
    pub fn write(&self, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
        let mut dirs = std::collections::BTreeSet::new();
        for path in files.keys() {
            if path.split('/').any(|c| c == ".." || c.is_empty()) {
                anyhow::bail!("refusing to write outside the output folder: {path}");
            }
            if let Some(d) = Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                dirs.insert(self.tmp.join(d));
            }
        }
        for d in &dirs {
            std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
        }
        files.par_iter().try_for_each(|(path, bytes)| {
            let p = self.tmp.join(path);
            std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))
        })
    }

    /// Replaces the output with the new folder. The previous output is
    /// left in `.{name}.old` (its path is returned) for the caller to
    /// remove with [`remove_old`], so that the removal can overlap other
    /// work (`build` removes it while the next build runs).
    pub fn commit(mut self) -> Result<PathBuf> {
        if self.old.exists() {
            // A leftover from an interrupted run: out of the way first.
            let _ = std::fs::remove_dir_all(&self.old);
        }
        self.swap()?;
        Ok(self.old.clone())
    }

    fn swap(&mut self) -> Result<()> {
        if self.out.exists() {
            std::fs::rename(&self.out, &self.old)
                .with_context(|| format!("cannot move {} aside", self.out.display()))?;
        }
        std::fs::rename(&self.tmp, &self.out)
            .with_context(|| format!("cannot move the new output to {}", self.out.display()))?;
        self.committed = true;
        Ok(())
    }
}

/// Where the previous output waits for removal: `.{name}.old` beside `out`.
pub fn old_path(out: &Path) -> PathBuf {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.old"))
}

/// Removes a previous output moved aside by [`Staging::commit_keeping_old`].
pub fn remove_old(old: &Path) {
    let _ = std::fs::remove_dir_all(old);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_atomically(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
        let s = Staging::begin(out)?;
        s.write(files)?;
        remove_old(&s.commit()?);
        Ok(())
    }

    #[test]
    fn replaces_the_whole_folder_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = BTreeMap::new();
        files.insert("a/b.txt".to_string(), b"one".to_vec());
        write_atomically(&out, &files).unwrap();
        let mut second = BTreeMap::new();
        second.insert("c.txt".to_string(), b"two".to_vec());
        write_atomically(&out, &second).unwrap();
        assert!(!out.join("a/b.txt").exists());
        assert_eq!(std::fs::read(out.join("c.txt")).unwrap(), b"two");
        let mut bad = BTreeMap::new();
        bad.insert("../x".to_string(), b"x".to_vec());
        assert!(write_atomically(&out, &bad).is_err());
        assert_eq!(
            std::fs::read(out.join("c.txt")).unwrap(),
            b"two",
            "a failed write keeps the last output"
        );
        assert!(
            !dir.path().join(".public.new").exists(),
            "the staging folder is cleaned up"
        );
    }

    #[test]
    fn staged_parts_land_together() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.write(&BTreeMap::from([("index.html".to_string(), b"i".to_vec())]))
            .unwrap();
        assert!(!out.exists(), "nothing visible before commit");
        s.write(&BTreeMap::from([(
            "pagefind/x.pf".to_string(),
            b"p".to_vec(),
        )]))
        .unwrap();
        let old = s.commit().unwrap();
        assert!(out.join("index.html").exists() && out.join("pagefind/x.pf").exists());
        remove_old(&old);
        assert!(!old.exists());
    }
}
