//! `gazette build`, the pipeline in order: import and model (stages 1–4,
//! [`crate::model::stage`]), theme and static files (load,
//! [`crate::load::theme`]), render ([`crate::render::site`]) with the
//! search index made alongside ([`crate::search`]), and write
//! ([`crate::write`]): every batch is written into a staging folder as it
//! is rendered, swapped in for `public/` at the end.

use crate::diag::Diagnostics;
use crate::import::ImportReport;
use crate::load::theme::{self, Theme};
use crate::model::Model;
use crate::model::stage;
use crate::render::reuse::PageCache;
use crate::render::site::{Batch, BatchKind, render_site};
use crate::site::Site;
use crate::timing::timing;
use anyhow::Result;
use std::time::{Duration, Instant};

pub use crate::model::stage::{ContentCache, model, model_cached, model_shared};

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
    let (import, mut model, mut diagnostics) = stage::model(site, opts)?;
    let t = Instant::now();
    model.pack_bodies();
    crate::timing::timing("bodies deflated", t);
    let theme = theme::load_theme(site, &mut diagnostics);
    let statics = theme::static_files(site, &mut diagnostics)?;
    let mut written = 0;
    match theme {
        // Rendered only to find the template errors too; nothing is kept.
        Some(theme) if diagnostics.has_errors() => {
            let mut cache = PageCache::disabled();
            render_site(
                &model,
                &theme,
                &mut cache,
                &mut diagnostics,
                statics,
                &mut |_| Ok(()),
            )?;
        }
        Some(theme) => {
            written = render_and_write(site, &model, &theme, statics, &mut diagnostics)?;
        }
        None => {}
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

/// How many searched pages may wait for the indexer before rendering
/// waits for it in turn.
const PAGES_WAITING: usize = 64;

/// Renders the site into a staging folder, batch by batch, while the
/// search index is made on another thread from the searched pages; swaps
/// the result in for `public/` when all went well. The number of files
/// written (0 when a template failed: `public/` is then untouched).
fn render_and_write(
    site: &Site,
    model: &Model,
    theme: &Theme,
    statics: crate::render::Output,
    diagnostics: &mut Diagnostics,
) -> Result<usize> {
    let t = Instant::now();
    let staging = crate::write::Staging::begin(&site.public())?;
    let index_files = std::sync::atomic::AtomicUsize::new(0);
    let (index, rendered) = std::thread::scope(|s| {
        // Bounded: the indexer is slower than the renderer, and pages
        // waiting for it would pile up to the whole of the searched HTML.
        let (pages_tx, pages_rx) =
            std::sync::mpsc::sync_channel::<(String, Vec<u8>)>(PAGES_WAITING);
        let budget = theme.cfg.search_part_bytes();
        // Each part of the index is written as soon as it is made.
        let (staging, index_files) = (&staging, &index_files);
        let indexer = s.spawn(move || {
            let on_part = Box::new(move |files: crate::search::Bundle| {
                index_files.fetch_add(files.len(), std::sync::atomic::Ordering::Relaxed);
                staging.write(&files)
            });
            crate::search::index_received(pages_rx, budget, on_part)
        });
        let rendered = (|| -> Result<Option<usize>> {
            let mut files = 0;
            let mut paused = false;
            let mut write = |batch: Batch| -> Result<()> {
                if batch.kind == BatchKind::Appended {
                    return staging.append(&batch.files);
                }
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
                    BatchKind::Other | BatchKind::Appended => {}
                }
                Ok(())
            };
            let mut cache = PageCache::disabled();
            let r = render_site(model, theme, &mut cache, diagnostics, statics, &mut write)?;
            drop(pages_tx);
            Ok(r.map(|_| files))
        })();
        (indexer.join(), rendered)
    });
    let Some(files) = rendered? else {
        return Ok(0);
    };
    let index = index.map_err(|_| anyhow::anyhow!("the search indexer panicked"))??;
    staging.write(&index)?;
    staging.commit()?;
    timing("render, index and write", t);
    Ok(files + index_files.into_inner() + index.len())
}
