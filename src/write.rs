//! Stage 6, write: puts the rendered output on disk atomically. Files go
//! to a temporary folder beside `public/`, which then replaces `public/`;
//! a failed build never touches the last good output.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use rayon::prelude::*;
use std::path::Path;

/// Writes `files` (path inside the output → bytes) as the new `out` folder.
pub fn write_atomically(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let parent = out.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let tmp = parent.join(format!(".{name}.new"));
    let old = parent.join(format!(".{name}.old"));
    let t = std::time::Instant::now();
    let _ = std::fs::remove_dir_all(&tmp);
    crate::build::timing("write: clear tmp", t);
    let mut dirs = std::collections::BTreeSet::new();
    for path in files.keys() {
        if path.split('/').any(|c| c == ".." || c.is_empty()) {
            anyhow::bail!("refusing to write outside the output folder: {path}");
        }
        if let Some(d) = Path::new(path).parent() {
            dirs.insert(tmp.join(d));
        }
    }
    std::fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    for d in &dirs {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    files.par_iter().try_for_each(|(path, bytes)| {
        let p = tmp.join(path);
        std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))
    })?;
    crate::build::timing("write: files", t);
    let _ = std::fs::remove_dir_all(&old);
    crate::build::timing("write: clear old", t);
    if out.exists() {
        std::fs::rename(out, &old)
            .with_context(|| format!("cannot move {} aside", out.display()))?;
    }
    std::fs::rename(&tmp, out)
        .with_context(|| format!("cannot move the new output to {}", out.display()))?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
