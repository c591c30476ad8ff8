//! Stage 5, render (the whole site): every page and file of the site but
//! the search index, from the model, the theme and the static files read
//! by the load stage, handed to a sink in batches as soon as they are made
//! (no I/O here: `build` writes each batch, `serve` keeps them).

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::model::Model;
use crate::render::reuse::PageCache;
use crate::render::{Output, SEARCHABLE_TEMPLATES, Searchable};
use crate::timing::{drop_later, timing};
use anyhow::Result;
use rayon::prelude::*;
use std::time::Instant;

/// How many documents and plans render together before they go to the
/// search indexer: small enough to start indexing early, large enough to
/// keep both cores busy.
const SEARCHABLE_CHUNK: usize = 4;

/// How many departments, indicators or comparisons have their pages made
/// and rendered together: enough to keep both cores busy, few enough that
/// a kind of tens of thousands of pages is never held whole.
const KEYS_AT_ONCE: usize = 64;

/// How many items (a department's tasks, an indicator's targets, the
/// tasks of two editions) the keys made together hold at most: a
/// department of a 10,000-document site has about 9,000 tasks, and 64 of
/// them at once held 7 GB of views and pages.
const WEIGHT_AT_ONCE: usize = 8_000;

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
            BatchKind::Appended => {
                for (path, bytes) in batch.files {
                    self.rest.entry(path).or_default().extend_from_slice(&bytes);
                }
            }
        }
        Ok(())
    }
}

/// What the files of a batch are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    /// Searched pages (documents and plans).
    Searchable,
    /// Other files, each whole or the first piece of a file made in
    /// pieces (the open data).
    Other,
    /// Bytes to add at the end of files handed on before by this render.
    Appended,
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
            BatchKind::Appended => return,
        };
        paths.extend(files.keys().cloned());
    }
}

/// The pages of some documents, each with its plans' pages, rendered from
/// the whole model: what `serve` shows first after a content edit, before
/// the rest of the site. Each page's bytes are those the whole render
/// gives it (the same views, templates and date). Documents not in the
/// model are passed over. `None` when a template fails: the whole render
/// then reports it.
pub fn render_documents(model: &Model, theme: &Theme, ids: &[&str]) -> Option<Output> {
    let t = Instant::now();
    let wanted: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    let mut pages: Vec<Searchable> = Vec::new();
    for id in &wanted {
        if let Some((id, _)) = model.documents.get_key_value(*id) {
            pages.push(Searchable::Document(id));
        }
    }
    if pages.is_empty() {
        return None;
    }
    pages.extend(
        model
            .plans
            .values()
            .filter(|p| wanted.contains(p.document.as_str()))
            .map(|p| Searchable::Plan(&p.id)),
    );
    let ctx = crate::render::context::Ctx::new(model, &theme.cfg, crate::clock::today());
    timing("context for the edited documents", t);
    let views: Vec<_> = pages
        .par_iter()
        .map(|p| crate::render::searchable_page(&ctx, *p))
        .collect();
    let mut diags = Diagnostics::new();
    let out = crate::render::render_pages(&theme.templates, &views, &mut diags);
    timing("render the edited documents", t);
    (!diags.has_errors()).then_some(out)
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
    model: &Model,
    theme: &Theme,
    cache: &mut PageCache,
    diagnostics: &mut Diagnostics,
    statics: Output,
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
            let t = Instant::now();
            let mut c = crate::render::context::Ctx::new(model, cfg, crate::clock::today());
            c.diagnostics = found.clone();
            timing("render context", t);
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
        for keys in views.chunks(ctx(), KEYS_AT_ONCE, WEIGHT_AT_ONCE) {
            let built = views.build(ctx(), &keys);
            // A template error shared by several kinds (in base.html) is said once.
            let mut found = Diagnostics::new();
            let pages = cache.render(templates, &built, &mut found);
            drop_later(built);
            for d in found.iter() {
                if !diagnostics.iter().any(|x| x.to_string() == d.to_string()) {
                    diagnostics.push(d.clone());
                }
            }
            if failed(diagnostics) {
                break;
            }
            hand_on(&mut summary, BatchKind::Other, pages)?;
        }
        timing(&format!("render {template}"), t);
    }
    timing("render", t);
    if failed(diagnostics) {
        return Ok(None);
    }
    // Sitemap, feeds, open data, review list: made from the model (with
    // the warnings of its building), the settings and the page list alone,
    // so kept as they were when the views are.
    match cache.reuse_model_files() {
        Some(files) => hand_on(&mut summary, BatchKind::Other, files)?,
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
            files.insert(
                "data/review.json".into(),
                crate::render::review_page::json(ctx().review_items()),
            );
            // Kept whole only for `serve`, which holds the site anyway.
            let mut kept = cache.keeps_model_files().then(|| files.clone());
            hand_on(&mut summary, BatchKind::Other, files)?;
            // The open data comes in pieces (a file of a big site would
            // not fit in memory whole).
            crate::export::open_data(model, cfg.page_size, &mut |p| {
                if let Some(kept) = &mut kept {
                    p.add_to(kept);
                }
                let kind = if p.append {
                    BatchKind::Appended
                } else {
                    BatchKind::Other
                };
                hand_on(&mut summary, kind, Output::from([(p.path, p.bytes)]))
            })?;
            if let Some(kept) = kept {
                cache.keep_model_files(&kept);
            }
        }
    }
    timing("sitemap, feeds, assets and open data", t);
    // The site's own static files come last: they replace the theme's.
    hand_on(&mut summary, BatchKind::Other, statics)?;
    cache.commit();
    Ok(Some(summary))
}
