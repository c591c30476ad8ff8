//! Stages 2–4 as one step: imports seeds that have no content yet (or
//! whose content is unchanged since import), reads `content/` and builds
//! the model, with the caches `serve` keeps across rebuilds (content files
//! parsed, facts of their blocks, the last model).

use crate::build::BuildOptions;
use crate::content::walk::{self, FileCache};
use crate::diag::Diagnostics;
use crate::import::{self, ImportOptions, ImportReport};
use crate::model::Model;
use crate::model::build::DocInput;
use crate::model::departments::DepartmentTable;
use crate::model::facts::FactsCache;
use crate::site::Site;
use crate::timing::{drop_later, timing};
use anyhow::Result;
use std::sync::Arc;
use std::time::Instant;

/// What `serve` keeps across rebuilds so that unchanged inputs are not
/// read again: the content files parsed, the facts of their blocks and the
/// last model.
#[derive(Debug, Default)]
pub struct ContentCache {
    files: FileCache,
    /// What the blocks of the plans state (see [`FactsCache`]).
    pub facts: FactsCache,
    /// A hash of what the last model was built from: the content read
    /// and the department table.
    pub model_key: u64,
    /// The last model with the diagnostics of its building, under its key,
    /// kept (for `serve`) so that a rebuild whose content and department
    /// table are unchanged reuses it.
    model: Option<(u64, Arc<Model>, Diagnostics)>,
    keep_model: bool,
    /// The department table with the text of `data/departments.toml` it
    /// was read with (`None`: no such file) and its hash.
    table: Option<(Option<String>, DepartmentTable, u64)>,
    /// Whether the last call reused the kept model.
    pub model_reused: bool,
}

impl ContentCache {
    /// A cache kept across rebuilds, parsed files and block facts alike.
    pub fn new() -> ContentCache {
        ContentCache {
            files: FileCache::kept(),
            facts: FactsCache::new(),
            keep_model: true,
            ..Default::default()
        }
    }

    /// Whether the content file `rel` (relative to the site root) is on
    /// disk as the last read found it: the same bytes, or absent both times.
    pub fn matches_disk(&self, site: &Site, rel: &str) -> bool {
        self.files.matches_disk(site, rel)
    }

    /// Says which files changed since the last read (paths relative to
    /// the root, as a watcher reports them): the next read takes the other
    /// content files as they were read, unless their length or
    /// modification time changed (see `content::walk::FileCache::changed`).
    pub fn note_changed(&mut self, paths: &[String]) {
        self.files.changed = Some(paths.iter().cloned().collect());
    }

    /// Whether the last read read the content file `rel`.
    pub fn was_read(&self, rel: &str) -> bool {
        self.files.was_read(rel)
    }

    /// The content files the last read parsed (new or changed since the
    /// read before), relative to the site root.
    pub fn parsed_paths(&self) -> &[String] {
        &self.files.parsed_paths
    }
}

/// Reads every content file of the site (see `content::walk`), parsing
/// only the files not in `cache`.
pub fn read_content_cached(
    site: &Site,
    diags: &mut Diagnostics,
    cache: &mut ContentCache,
) -> Result<Vec<DocInput>> {
    walk::read_content(site, diags, &mut cache.files)
}

/// Builds the model of a site from its content (after importing new seeds).
pub fn model(
    site: &Site,
    opts: &BuildOptions,
) -> Result<(Option<ImportReport>, Model, Diagnostics)> {
    model_cached(site, opts, &mut ContentCache::default())
}

/// [`model`], parsing only the content files not in `cache`.
pub fn model_cached(
    site: &Site,
    opts: &BuildOptions,
    cache: &mut ContentCache,
) -> Result<(Option<ImportReport>, Model, Diagnostics)> {
    let (import, model, diags) = model_shared(site, opts, cache)?;
    let model = Arc::try_unwrap(model).unwrap_or_else(|shared| (*shared).clone());
    Ok((import, model, diags))
}

/// [`model_cached`], which also reuses the model the cache keeps when the
/// content read and the department table are the same as then.
pub fn model_shared(
    site: &Site,
    opts: &BuildOptions,
    cache: &mut ContentCache,
) -> Result<(Option<ImportReport>, Arc<Model>, Diagnostics)> {
    let t = Instant::now();
    // Slugs need the word segmenter's dictionary: it loads meanwhile.
    let segmenter = std::thread::spawn(crate::model::ids::load_segmenter);
    let import = if opts.no_import {
        None
    } else {
        Some(import::import(
            site,
            &ImportOptions {
                force: false,
                reuse_unchanged: true,
            },
        )?)
    };
    timing("import", t);
    let t = Instant::now();
    let mut diags = Diagnostics::new();
    let inputs = read_content_cached(site, &mut diags, cache)?;
    timing("read content", t);
    let t = Instant::now();
    // The table is read again only when the site's own part changed.
    let user = site.user_table("departments.toml")?;
    if cache
        .table
        .as_ref()
        .is_none_or(|(text, _, _)| *text != user)
    {
        let table = site.departments()?;
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            format!("{table:?}").hash(&mut h);
            h.finish()
        };
        cache.table = Some((user, table, hash));
    }
    let (_, table, table_hash) = cache.table.as_ref().expect("just read");
    let table_hash = *table_hash;
    cache.facts.table_hash = table_hash;
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        cache.files.inputs.hash(&mut h);
        table_hash.hash(&mut h);
        h.finish()
    };
    timing("model: inputs hashed", t);
    cache.model_key = key;
    cache.model_reused = false;
    if let Some((kept, model, found)) = &cache.model
        && *kept == key
    {
        cache.model_reused = true;
        cache.facts.read = 0;
        diags.extend(found.iter().cloned());
        timing("model (kept)", t);
        return Ok((import, model.clone(), diags));
    }
    let _ = segmenter.join();
    let mut found = Diagnostics::new();
    let model = Arc::new(crate::model::build::build(
        &inputs,
        table,
        &mut cache.facts,
        &mut found,
    ));
    diags.extend(found.iter().cloned());
    let kept = cache.keep_model.then(|| (key, model.clone(), found));
    drop_later(std::mem::replace(&mut cache.model, kept));
    timing("model", t);
    Ok((import, model, diags))
}
