//! A site on disk: where its seeds, content, data tables and output live,
//! and the user tables (data/*.toml) that extend the built-in ones.

use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::model::departments::DepartmentTable;
use crate::parse::clean::Boilerplate;
use crate::parse::segment::ParseTables;
use crate::parse::spam::SpamTable;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The folders of a site.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
}

impl Site {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Site { root: root.into() }
    }

    pub fn seeds(&self) -> PathBuf {
        self.root.join("seeds")
    }

    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// Files copied to the output as they are (`static/css/x.css` → `css/x.css`).
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    pub fn config_file(&self) -> PathBuf {
        self.root.join("site.toml")
    }

    /// The site settings: `site.toml`, or the defaults when there is none;
    /// every problem of the file otherwise.
    pub fn config(&self) -> Result<SiteConfig, Vec<crate::diag::Diagnostic>> {
        let p = self.config_file();
        let error =
            |line, col, m: String| vec![crate::diag::Diagnostic::error("site.toml", line, col, m)];
        match read_file(&p) {
            Ok(bytes) => match std::str::from_utf8(&bytes) {
                Ok(t) => SiteConfig::from_toml("site.toml", t),
                Err(e) => {
                    let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                    let (line, col) = crate::diag::line_col(good, good.len());
                    Err(error(
                        line,
                        col,
                        "the file is not UTF-8 text: save it as UTF-8".into(),
                    ))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SiteConfig::default()),
            Err(e) => Err(error(0, 0, format!("cannot read: {e}"))),
        }
    }

    /// The files of `static/`, by output path (hidden files skipped),
    /// sorted. Links are followed, but never back into a folder being
    /// walked (a loop) nor when they do not resolve: those are warnings.
    pub fn static_files(&self, diags: &mut Diagnostics) -> Result<Vec<(String, PathBuf)>> {
        let found = crate::load::walk::walk(&self.static_dir(), crate::load::walk::Walk::TREE);
        for skipped in found.skipped {
            diags.warn(&self.rel(&skipped.path), 0, 0, skipped.reason);
        }
        Ok(found.entries.into_iter().map(|e| (e.rel, e.path)).collect())
    }

    /// A path relative to the root, with `/` separators, for messages and exports.
    pub fn rel(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// A user table `data/<name>`, if the site has one.
    pub fn user_table(&self, name: &str) -> Result<Option<String>> {
        let p = self.data().join(name);
        if !p.exists() {
            return Ok(None);
        }
        std::fs::read_to_string(&p)
            .map(Some)
            .with_context(|| format!("cannot read {}", p.display()))
    }

    /// The tables seeds are parsed with: built-in, extended by the site's own.
    pub fn parse_tables(&self) -> Result<ParseTables> {
        let boilerplate = Boilerplate::with_user(self.user_table("boilerplate.toml")?.as_deref())
            .map_err(|e| anyhow::anyhow!("data/boilerplate.toml: {e}"))?;
        let mut spam = SpamTable::builtin();
        if let Some(t) = self.user_table("spam.toml")? {
            spam.extend_from_toml(&t)
                .map_err(|e| anyhow::anyhow!("data/spam.toml: {e}"))?;
        }
        Ok(ParseTables { boilerplate, spam })
    }

    /// The department table: built-in, extended by the site's own.
    pub fn departments(&self) -> Result<DepartmentTable> {
        let mut t = DepartmentTable::builtin();
        if let Some(u) = self.user_table("departments.toml")? {
            t.extend_from_toml(&u)
                .map_err(|e| anyhow::anyhow!("data/departments.toml: {e}"))?;
        }
        Ok(t)
    }

    /// Seed files, sorted by name (hidden files and folders skipped).
    pub fn seed_files(&self) -> Result<Vec<PathBuf>> {
        let dir = self.seeds();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let files = crate::load::walk::Walk {
            folders: false,
            ..crate::load::walk::Walk::LEVEL
        };
        let v: Vec<PathBuf> = crate::load::walk::walk(&dir, files)
            .entries
            .into_iter()
            .map(|e| e.path)
            .filter(|p| is_seed_name(p))
            .collect();
        Ok(v)
    }
}

/// The bytes of a regular file (links followed); anything else (a pipe,
/// a socket, a device: reading one could block forever) is an error.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a folder, pipe, socket or device)",
        ));
    }
    std::fs::read(path)
}

/// A seed is a `.txt` file (any case) whose name does not start with `.`
/// or `_` (hidden files, editor temp files, and side files such as a
/// corpus generator's `_corpus.json` are not documents).
pub fn is_seed_name(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    !name.starts_with(['.', '_']) && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}
