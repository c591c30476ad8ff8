//! `gazette build`: imports seeds that have no content yet (or whose
//! content is unchanged since import), reads `content/`, builds the
//! model, renders the open data and writes `public/` atomically.

use crate::content::walk::{self, FileCache};
use crate::diag::Diagnostic;
use crate::diag::Diagnostics;
use crate::import::{self, ImportOptions, ImportReport};
use crate::model::Model;
use crate::model::build::DocInput;
use crate::model::facts::FactsCache;
use crate::render::config::SiteConfig;
use crate::render::reuse::PageCache;
use crate::render::{Output, SEARCHABLE_TEMPLATES, Searchable};
use crate::site::Site;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Options of `build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Skip the import step (build from content/ only).
    pub no_import: bool,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub import: Option<ImportReport>,
    pub model: Model,
    pub diagnostics: Diagnostics,
    pub files: usize,
    pub elapsed: Duration,
}

impl BuildReport {
    /// One line: documents, plans, tasks, departments, targets, warnings, time.
    pub fn summary(&self) -> String {
        let m = &self.model;
        let warnings = self.diagnostics.warnings()
            + self
                .import
                .as_ref()
                .map(|i| i.diagnostics.warnings())
                .unwrap_or(0);
        format!(
            "{} documents, {} plans, {} tasks, {} departments, {} indicators, {} targets, {} deadlines, {} citations; {} warnings; {} files in {:.0} ms",
            m.documents.len(),
            m.plans.len(),
            m.tasks.len(),
            m.departments.len(),
            m.indicators.len(),
            m.targets.len(),
            m.deadlines.len(),
            m.citations.len(),
            warnings,
            self.files,
            self.elapsed.as_secs_f64() * 1000.0
        )
    }
}

/// What `serve` keeps across rebuilds so that unchanged inputs are not
/// read again: the content files parsed, the facts of their blocks and the
/// last model.
#[derive(Debug, Default)]
pub struct ContentCache {
    files: FileCache,
    /// Files parsed (not taken from the cache) by the last read.
    pub parsed: usize,
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
    /// Whether the last call reused the kept model.
    pub model_reused: bool,
}

impl ContentCache {
    /// A cache kept across rebuilds, parsed files and block facts alike.
    pub fn new() -> ContentCache {
        ContentCache {
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
}

/// Reads every content file of the site (see `content::walk`), parsing
/// only the files not in `cache`.
pub fn read_content_cached(
    site: &Site,
    diags: &mut Diagnostics,
    cache: &mut ContentCache,
) -> Result<Vec<DocInput>> {
    let out = walk::read_content(site, diags, &mut cache.files)?;
    cache.parsed = cache.files.parsed;
    Ok(out)
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
    let table = site.departments()?;
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        cache.files.inputs.hash(&mut h);
        format!("{table:?}").hash(&mut h);
        h.finish()
    };
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
        &table,
        &mut cache.facts,
        &mut found,
    ));
    diags.extend(found.iter().cloned());
    let kept = cache.keep_model.then(|| (key, model.clone(), found));
    drop_later(std::mem::replace(&mut cache.model, kept));
    timing("model", t);
    Ok((import, model, diags))
}

/// The build date, YYYY-MM-DD (UTC): `SOURCE_DATE_EPOCH` when set (for
/// reproducible builds), else the clock. Only "upcoming" lists use it.
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    civil_date(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 → YYYY-MM-DD (proleptic Gregorian).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The settings and templates a site renders with.
pub struct Theme {
    pub cfg: SiteConfig,
    pub templates: crate::render::templates::Templates,
}

/// The settings and templates of a site, or `None` (with diagnostics).
pub fn load_theme(site: &Site, diags: &mut Diagnostics) -> Option<Theme> {
    // Both are read whatever the other gives, so that every error shows.
    let cfg = site.config().map_err(|d| diags.extend(d));
    let templates = crate::render::templates::load(&site.templates(), "templates", diags);
    Some(Theme {
        cfg: cfg.ok()?,
        templates: templates?,
    })
}

/// The files of the site's `static/`.
pub fn static_files(site: &Site, diags: &mut Diagnostics) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for (rel, p) in site.static_files(diags)? {
        let bytes = std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
        files.insert(rel, bytes);
    }
    Ok(files)
}

/// How many documents and plans render together before they go to the
/// search indexer: small enough to start indexing early, large enough to
/// keep both cores busy.
const SEARCHABLE_CHUNK: usize = 4;

/// The search index (Pagefind bundle under `pagefind/`) of the pages
/// received, in the order received, until the sender is dropped.
pub fn search_index(pages: std::sync::mpsc::Receiver<(String, Vec<u8>)>) -> Result<Output> {
    let t = Instant::now();
    let mut indexer = crate::search::ShardedIndexer::new(crate::search::SHARD_BUDGET);
    for (i, (path, html)) in pages.into_iter().enumerate() {
        indexer.add(&path, &html)?;
        if i == 0 {
            crate::pause::at("index");
        }
    }
    let index = indexer.finish()?;
    timing("search index", t);
    Ok(index)
}

/// Frees `value` on another thread: a large model or set of views takes
/// seconds to free, which the caller need not wait for.
pub fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Prints how long a step took when `GAZETTE_TIMINGS` is set.
pub fn timing(step: &str, since: Instant) {
    if std::env::var_os("GAZETTE_TIMINGS").is_some() {
        eprintln!("{step}: {:.1} ms", since.elapsed().as_secs_f64() * 1000.0);
    }
}

/// The rendered site: the document and plan pages (the searched ones) and
/// everything else except the search index.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Rendered {
    pub searchable: Output,
    pub rest: Output,
}

impl Rendered {
    /// Keeps every batch: the sink of a render held whole in memory
    /// (`serve`).
    pub fn keep(&mut self, batch: Batch) -> Result<()> {
        match batch.kind {
            BatchKind::Searchable => self.searchable.extend(batch.files),
            BatchKind::Other => self.rest.extend(batch.files),
        }
        Ok(())
    }
}

/// Whether the files of a batch are searched (documents and plans).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    Searchable,
    Other,
}

/// Some files of the site, handed on as soon as they are rendered.
#[derive(Debug)]
pub struct Batch {
    pub kind: BatchKind,
    pub files: Output,
}

/// Where a render puts its batches: `build` writes them to disk as they
/// come (the whole site is never held), `serve` keeps them.
pub type Sink<'a> = dyn FnMut(Batch) -> Result<()> + 'a;

/// What a render made, besides the files it handed to its sink: the
/// output paths of the searched pages and of the other files rendered
/// before the files made from the model, each sorted.
#[derive(Debug, Default)]
pub struct RenderSummary {
    pub searchable: Vec<String>,
    pub rest: Vec<String>,
}

impl RenderSummary {
    fn note(&mut self, kind: BatchKind, files: &Output) {
        let paths = match kind {
            BatchKind::Searchable => &mut self.searchable,
            BatchKind::Other => &mut self.rest,
        };
        paths.extend(files.keys().cloned());
    }
}

/// Renders the whole site but the search index, handing every file to
/// `sink` in batches as soon as they are rendered: documents and plans
/// first, a few at a time (so that indexing can start at once), then each
/// other kind of page, then the files made from the model. Pages whose
/// inputs are unchanged since the last render kept in `cache` are not
/// rendered again. `None` when a template failed (see the diagnostics):
/// what was handed on before is then to be thrown away. `build` and
/// `serve` both render through here, so they produce the same files.
pub fn render_site(
    site: &Site,
    model: &Model,
    theme: &Theme,
    cache: &mut PageCache,
    diagnostics: &mut Diagnostics,
    sink: &mut Sink,
) -> Result<Option<RenderSummary>> {
    let t = Instant::now();
    let (cfg, templates) = (&theme.cfg, &theme.templates);
    // Built only if some views are (not when every kind of page is reused).
    let ctx = std::cell::OnceCell::new();
    // What the model stage met, for the review page and data/review.json.
    let found: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
    let ctx = || {
        ctx.get_or_init(|| {
            let mut c = crate::render::context::Ctx::new(model, cfg, today());
            c.diagnostics = found.clone();
            c
        })
    };
    cache.begin();
    // Errors met before (in the content) do not stop the render: the
    // template errors it finds are listed with them.
    let errors_before = diagnostics.errors();
    let failed = |d: &Diagnostics| d.errors() > errors_before;
    let mut summary = RenderSummary::default();
    let mut hand_on = |summary: &mut RenderSummary, kind: BatchKind, files: Output| {
        summary.note(kind, &files);
        sink(Batch { kind, files })
    };
    // Documents and plans kept whole (serve), then the others rendered.
    let [docs, plans] = SEARCHABLE_TEMPLATES.map(|k| cache.reuse_kind(templates, k));
    let list: Vec<_> = crate::render::searchable_list(model)
        .into_iter()
        .filter(|p| match p {
            Searchable::Document(_) => docs.is_none(),
            Searchable::Plan(_) => plans.is_none(),
        })
        .collect();
    for pages in docs.into_iter().chain(plans) {
        hand_on(&mut summary, BatchKind::Searchable, pages)?;
    }
    if !list.is_empty() {
        let ctx = ctx();
        for chunk in list.chunks(SEARCHABLE_CHUNK) {
            let views: Vec<_> = chunk
                .par_iter()
                .map(|p| crate::render::searchable_page(ctx, *p))
                .collect();
            let pages = cache.render(templates, &views, diagnostics);
            drop_later(views);
            if failed(diagnostics) {
                return Ok(None);
            }
            hand_on(&mut summary, BatchKind::Searchable, pages)?;
        }
    }
    timing("render documents and plans", t);
    for (template, views) in crate::render::other_kinds() {
        if let Some(pages) = cache.reuse_kind(templates, template) {
            hand_on(&mut summary, BatchKind::Other, pages)?;
            continue;
        }
        let views = views(ctx());
        // A template error shared by several kinds (in base.html) is said once.
        let mut found = Diagnostics::new();
        let pages = cache.render(templates, &views, &mut found);
        drop_later(views);
        for d in found.iter() {
            if !diagnostics.iter().any(|x| x.to_string() == d.to_string()) {
                diagnostics.push(d.clone());
            }
        }
        if failed(diagnostics) {
            continue;
        }
        hand_on(&mut summary, BatchKind::Other, pages)?;
    }
    timing("render", t);
    if failed(diagnostics) {
        return Ok(None);
    }
    // Sitemap, feeds, open data, review list: made from the model (with
    // the warnings of its building), the settings and the page list alone,
    // so kept as they were when the views are.
    let derived = match cache.reuse_model_files() {
        Some(files) => files,
        None => {
            summary.searchable.sort_unstable();
            summary.rest.sort_unstable();
            let pages: Vec<String> = summary
                .searchable
                .iter()
                .chain(&summary.rest)
                .cloned()
                .collect();
            let mut files = crate::render::site_files(model, cfg, &pages);
            files.extend(crate::export::open_data(model, cfg.page_size));
            files.insert(
                "data/review.json".into(),
                crate::render::review_page::json(model, &found, cfg.page_size),
            );
            cache.keep_model_files(&files);
            files
        }
    };
    hand_on(&mut summary, BatchKind::Other, derived)?;
    timing("sitemap, feeds, assets and open data", t);
    hand_on(
        &mut summary,
        BatchKind::Other,
        static_files(site, diagnostics)?,
    )?;
    cache.commit();
    Ok(Some(summary))
}

/// Runs `build`. Every input is read and checked whatever errors the
/// others have: the content (a broken file is left out of the model, the
/// others are read), `site.toml` and the templates, and the pages are
/// rendered to find template errors. When an error was met in the site
/// (content, settings, templates), nothing is written: `public/` stays as
/// it was. A seed the import refused is not part of the site: the others
/// are built (the import's report carries the error, and the command
/// fails).
pub fn build(site: &Site, opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let (import, model, mut diagnostics) = model(site, opts)?;
    let mut written = 0;
    let theme = load_theme(site, &mut diagnostics);
    if let Some(theme) = &theme
        && diagnostics.has_errors()
    {
        // Rendered only to find the template errors too; nothing is kept.
        let mut cache = PageCache::disabled();
        render_site(
            site,
            &model,
            theme,
            &mut cache,
            &mut diagnostics,
            &mut |_| Ok(()),
        )?;
    } else if let Some(theme) = theme {
        let t = Instant::now();
        let staging = crate::write::Staging::begin(&site.public())?;
        // The search indexer runs on another thread, fed page by page while
        // the rest renders; every batch is written as soon as it is
        // rendered, so the whole site is never held. All of it lands in
        // the new output, swapped in at the end (a failed render leaves
        // the staging folder unused).
        let (index, rendered) = std::thread::scope(|s| {
            let (pages_tx, pages_rx) = std::sync::mpsc::channel::<(String, Vec<u8>)>();
            let indexer = s.spawn(move || search_index(pages_rx));
            let rendered = (|| -> Result<Option<usize>> {
                let mut files = 0;
                let mut paused = false;
                let mut write = |batch: Batch| -> Result<()> {
                    staging.write(&batch.files)?;
                    files += batch.files.len();
                    match batch.kind {
                        BatchKind::Searchable => {
                            for page in batch.files {
                                // A closed channel means the indexer failed: its error is reported below.
                                let _ = pages_tx.send(page);
                            }
                        }
                        BatchKind::Other if !paused => {
                            paused = true;
                            crate::pause::at("render");
                        }
                        BatchKind::Other => {}
                    }
                    Ok(())
                };
                let mut cache = PageCache::disabled();
                let r = render_site(
                    site,
                    &model,
                    &theme,
                    &mut cache,
                    &mut diagnostics,
                    &mut write,
                )?;
                drop(pages_tx);
                Ok(r.map(|_| files))
            })();
            (indexer.join(), rendered)
        });
        if let Some(files) = rendered? {
            let index = index.map_err(|_| anyhow::anyhow!("the search indexer panicked"))??;
            staging.write(&index)?;
            staging.commit()?;
            written = files + index.len();
            timing("render, index and write", t);
        }
    }
    let mut report = BuildReport {
        import,
        model,
        diagnostics,
        files: written,
        elapsed: Duration::ZERO,
    };
    report.elapsed = start.elapsed();
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(19_782), "2024-02-29");
        assert_eq!(super::civil_date(20_778), "2026-11-21");
    }
}
