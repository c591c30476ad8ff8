//! `gazette init DIR`: a new site skeleton that builds at once: site.toml
//! with every setting explained, empty content/ and static/, the default
//! templates copied into templates/ for customizing, data/ with a note on
//! the extension tables, and one small sample seed in seeds/.

use crate::render::templates::DEFAULTS;
use anyhow::{Context, Result, bail};
use std::path::Path;

const SITE_TOML: &str = include_str!("../theme/sample/site.toml");
const SAMPLE_SEED: &str = include_str!("../theme/sample/sample-plan.txt");
const SAMPLE_DEPARTMENTS: &str = include_str!("../theme/sample/departments.toml");
const DATA_README: &str = "# data/\n\nTables that extend gazette's built-in ones (same format; entries here win):\n\n- `departments.toml`: department names, aliases and successors\n- `boilerplate.toml`: site boilerplate lines to drop from scraped seeds\n- `spam.toml`: injected advertisement patterns to remove\n\nSee the README of gazette for the format of each table.\n";

/// What `init` created.
#[derive(Debug)]
pub struct InitReport {
    pub files: Vec<String>,
}

/// Creates the skeleton in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<InitReport> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; gazette init only writes into a new or empty folder",
                dir.display()
            );
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("site.toml".into(), SITE_TOML.as_bytes().to_vec()),
        (
            "seeds/sample-plan.txt".into(),
            SAMPLE_SEED.as_bytes().to_vec(),
        ),
        ("data/README.md".into(), DATA_README.as_bytes().to_vec()),
        (
            "data/departments.toml".into(),
            SAMPLE_DEPARTMENTS.as_bytes().to_vec(),
        ),
        ("content/.gitkeep".into(), Vec::new()),
        ("static/.gitkeep".into(), Vec::new()),
        (".gitignore".into(), b"/public\n/.public.*\n".to_vec()),
    ];
    for (name, text) in DEFAULTS {
        files.push((format!("templates/{name}"), text.as_bytes().to_vec()));
    }
    for (rel, bytes) in &files {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))?;
    }
    Ok(InitReport {
        files: files.into_iter().map(|(r, _)| r).collect(),
    })
}
