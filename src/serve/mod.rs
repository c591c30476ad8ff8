//! `gazette serve`: a local preview that rebuilds on every change.
//!
//! Input: a site folder. It is built in memory (the same import, model and
//! render steps as `build`, see [`crate::render::site::render_site`]), served over
//! HTTP, and rebuilt when the watcher ([`watch`]) reports a change. A
//! rebuild parses only the content files whose text changed, serves the
//! pages of the edited documents as soon as the model is built (before the
//! rest of the site: see [`Snapshot::ahead`]), reads only the
//! plan blocks whose text changed, keeps the model when its inputs are the
//! same, renders only the pages whose view or template changed (and builds
//! no view at all for the pages of unchanged templates when nothing the
//! views are made from changed: see [`crate::render::reuse`]), and reuses
//! the search index when the document and plan pages did not change; when
//! they did, the new pages are served at once and the new search index
//! follows from another thread (the old one answers meanwhile). A failed
//! rebuild keeps the last good site and reports the errors in the terminal
//! and, through the live reload script ([`http::LIVE_SCRIPT`]), over the
//! open pages. Nothing is written to `public/`.

pub mod http;
pub mod watch;

use crate::build::{self, BuildOptions, ContentCache};
use crate::diag::{Diagnostics, Severity};
use crate::render::Output;
use crate::render::reuse::PageCache;
use crate::render::site::Rendered;
use crate::site::Site;
use anyhow::{Context, Result};
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Options of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind (127.0.0.1 unless exposing deliberately).
    pub bind: String,
    /// Port; 0 picks a free one (the URL printed says which).
    pub port: u16,
    /// Poll the file system instead of using native file events.
    pub poll: bool,
    /// Print every warning, not only a count.
    pub verbose: bool,
}

/// What the preview serves now.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Bumped when the pages or the errors change (open pages reload or
    /// show the errors); not when only a new search index arrives.
    pub version: u64,
    /// The site: output path → bytes, as `build` would write it.
    pub files: Arc<Output>,
    /// Pages of a rebuild under way, served before `files`: the pages of
    /// the documents an edit changed, rendered from the new model as soon
    /// as it is built (the same bytes the whole rebuild gives them). Empty
    /// once the rebuild is published, or when it failed.
    pub ahead: Arc<Output>,
    /// The output paths each of the last versions changed (for the live
    /// reload: an open page reloads only when its own file changed).
    pub changes: Arc<std::collections::VecDeque<(u64, Changed)>>,
    /// The errors of the last rebuild (`path:line:col: error: …`); empty
    /// when it succeeded.
    pub errors: Vec<String>,
    /// Whether the search index matches the pages.
    pub search_ready: bool,
}

/// What a new version of the served site changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Changed {
    /// These output paths (added, removed or with other bytes).
    Paths(std::collections::BTreeSet<String>),
    /// Anything: every open page reloads.
    All,
}

/// How many versions' changes are remembered; a page that last looked
/// further back reloads.
const CHANGES_KEPT: usize = 32;

impl Snapshot {
    /// The bytes served at output path `key`.
    pub fn file(&self, key: &str) -> Option<&Vec<u8>> {
        self.ahead.get(key).or_else(|| self.files.get(key))
    }

    /// Starts a new version that changed `changed`.
    fn bump(&mut self, changed: Changed) {
        self.version += 1;
        let changes = Arc::make_mut(&mut self.changes);
        changes.push_back((self.version, changed));
        while changes.len() > CHANGES_KEPT {
            changes.pop_front();
        }
    }

    /// Whether the file at output path `key` changed after version `seen`
    /// (unknown counts as changed).
    pub fn changed_since(&self, seen: u64, key: &str) -> bool {
        if seen >= self.version {
            return false;
        }
        let remembered = self.changes.front().is_some_and(|(v, _)| *v <= seen + 1);
        !remembered
            || self.changes.iter().any(|(v, c)| {
                *v > seen
                    && match c {
                        Changed::All => true,
                        Changed::Paths(p) => p.contains(key),
                    }
            })
    }
}

/// The served state shared by the HTTP threads and the rebuild loop.
#[derive(Default)]
pub struct Shared {
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

impl Shared {
    pub fn get(&self) -> Snapshot {
        self.snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn update(&self, f: impl FnOnce(&mut Snapshot)) {
        let mut s = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut s);
        self.changed.notify_all();
    }

    /// Waits until the version differs from `seen` (or `timeout` passes).
    pub fn wait_change(&self, seen: u64, timeout: Duration) -> Snapshot {
        let guard = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.version == seen)
            .unwrap_or_else(|e| e.into_inner());
        guard.clone()
    }
}

/// The outcome of one rebuild.
#[derive(Debug)]
pub enum Outcome {
    /// The new site (its search index may still be coming: see `index_job`).
    Built {
        files: Output,
        /// The document and plan pages to index, when the index must be redone.
        index_job: Option<IndexJob>,
        warnings: usize,
    },
    /// The errors; the last good site stays.
    Failed {
        errors: Vec<String>,
        warnings: usize,
    },
}

/// At most this many changed content files have their documents' pages
/// served ahead of a rebuild (more is a larger change: a checkout, an
/// import).
const EDITED_AHEAD: usize = 8;

/// A search index to make: the searched pages, in parts of `budget`
/// bytes of searched HTML (`search_part_mb`).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexJob {
    pub pages: Output,
    pub budget: usize,
}

/// The search index last made, and the parts it is made of.
#[derive(Default)]
struct SearchState {
    /// What the index was made from, and its bundle.
    made: Mutex<Option<(IndexJob, Output)>>,
    /// Held while an index is made, so a later index takes the parts of
    /// the one before that it can.
    parts: Mutex<crate::search::PartCache>,
}

/// The rebuild engine: what it keeps between rebuilds.
pub struct Preview {
    site: Site,
    content: ContentCache,
    /// The diagnostics of the last import, and whether the next rebuild
    /// may go without one (see [`Preview::note_changes`]).
    import_diagnostics: Option<Diagnostics>,
    skip_import: bool,
    imported: bool,
    /// The settings and templates, compiled again only when they changed.
    theme: crate::load::theme::ThemeCache,
    /// The pages of the last good render and what they were rendered from.
    pages: PageCache,
    /// The last index made, and what from.
    index: Arc<SearchState>,
    /// Print every warning.
    pub verbose: bool,
}

impl Preview {
    pub fn new(site: Site) -> Preview {
        Preview {
            site,
            content: ContentCache::new(),
            import_diagnostics: None,
            skip_import: false,
            imported: false,
            theme: Default::default(),
            pages: PageCache::new(),
            index: Arc::default(),
            verbose: false,
        }
    }

    /// Whether the last rebuild ran the import (see [`Preview::note_changes`]).
    pub fn imported_last(&self) -> bool {
        self.imported
    }

    /// Files parsed by the last rebuild (the others came from the cache).
    pub fn parsed_last(&self) -> usize {
        self.content.parsed_paths().len()
    }

    /// Plan blocks whose facts (clauses, targets, deadlines) the last
    /// rebuild read (the others were kept from before).
    pub fn blocks_read_last(&self) -> usize {
        self.content.facts.read
    }

    /// Whether the last rebuild reused the model of the one before (its
    /// content and department table were unchanged).
    pub fn model_reused_last(&self) -> bool {
        self.content.model_reused
    }

    /// Whether the changed paths reported leave the inputs as the last
    /// rebuild read them: only content files, each with the text it was
    /// read with (as after import's own writes), or still absent. A file
    /// changed since it was read, or any other kind of input, is a change.
    pub fn is_unchanged(&self, paths: &[String]) -> bool {
        paths
            .iter()
            .all(|p| p.starts_with("content/") && self.content.matches_disk(&self.site, p))
    }

    /// Pages the last rebuild rendered with their template, and pages whose
    /// inputs were unchanged (their last rendering was reused).
    pub fn rendered_last(&self) -> (usize, usize) {
        (self.pages.rendered, self.pages.reused)
    }

    /// Of the pages reused by the last rebuild, those whose views were not
    /// even built (nothing a view is built from changed, nor their template).
    pub fn unbuilt_last(&self) -> usize {
        self.pages.unbuilt
    }

    /// A hash of what every page view is built from: what the model is
    /// built from (the content read and the department table), the
    /// settings and the date.
    fn views_key(&self, cfg: &crate::config::SiteConfig) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        self.content.model_key.hash(&mut h);
        format!("{cfg:?}").hash(&mut h);
        crate::clock::today().hash(&mut h);
        h.finish()
    }

    /// Says what changed before the next rebuild (paths relative to the
    /// root, as the watcher reports them). When only content files changed
    /// and none that was read is gone, the import is not run again: it only
    /// writes content for seeds that have none, and depends on nothing
    /// else that changed (a deleted content file lets its seed be imported
    /// again, so it does run then; a temp file that came and went does
    /// not count). Unsaid, every rebuild imports. The content files not
    /// named are not read again unless their length or modification time
    /// changed.
    pub fn note_changes(&mut self, paths: &[String]) {
        self.content.note_changed(paths);
        let gone = |p: &String| !self.site.root.join(p).is_file() && self.content.was_read(p);
        self.skip_import = self.import_diagnostics.is_some()
            && !paths.is_empty()
            && paths.iter().all(|p| p.starts_with("content/") && !gone(p));
    }

    /// Rebuilds the site in memory.
    pub fn rebuild(&mut self) -> Result<Outcome> {
        self.rebuild_with(&mut |_| {})
    }

    /// [`Preview::rebuild`], handing the pages of the documents whose
    /// content files changed to `ahead` as soon as the model is built (and
    /// has no errors), before the rest of the site is rendered.
    pub fn rebuild_with(&mut self, ahead: &mut dyn FnMut(Output)) -> Result<Outcome> {
        let t = Instant::now();
        let opts = BuildOptions {
            no_import: std::mem::take(&mut self.skip_import),
        };
        let (import, model, mut diags) = build::model_shared(&self.site, &opts, &mut self.content)?;
        self.imported = import.is_some();
        if let Some(i) = &import {
            self.import_diagnostics = Some(i.diagnostics.clone());
        }
        let mut all = Diagnostics::new();
        if let Some(found) = &self.import_diagnostics {
            all.extend(found.iter().cloned());
        }
        let mut budget = crate::config::SiteConfig::default().search_part_bytes();
        let rendered = if diags.has_errors() || all.has_errors() {
            None
        } else {
            let theme = self.theme.load(&self.site, &mut diags);
            crate::timing::timing("theme", t);
            match theme {
                Some(theme) => {
                    if let Some(pages) = self.edited_pages(&model, &theme) {
                        ahead(pages);
                    }
                    budget = theme.cfg.search_part_bytes();
                    self.pages.set_views(self.views_key(&theme.cfg));
                    let mut kept = Rendered::default();
                    let statics = crate::load::theme::static_files(&self.site, &mut diags)?;
                    crate::render::site::render_site(
                        &model,
                        &theme,
                        &mut self.pages,
                        &mut diags,
                        statics,
                        &mut |batch| kept.keep(batch),
                    )?
                    .map(|_| kept)
                }
                None => None,
            }
        };
        crate::timing::drop_later(model);
        all.extend(diags.iter().cloned());
        self.print(&all);
        let warnings = all.warnings();
        let Some(Rendered { searchable, rest }) = rendered else {
            let errors = all
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.to_string())
                .collect();
            return Ok(Outcome::Failed { errors, warnings });
        };
        let mut files = rest;
        let job = IndexJob {
            pages: searchable,
            budget,
        };
        let cached = self.index.made.lock().unwrap_or_else(|e| e.into_inner());
        let index_job = match cached.as_ref() {
            Some((made, bundle)) if *made == job => {
                files.extend(bundle.clone());
                None
            }
            old => {
                // The previous index answers until the new one is ready.
                if let Some((_, bundle)) = old {
                    files.extend(bundle.clone());
                }
                Some(job.clone())
            }
        };
        drop(cached);
        files.extend(job.pages);
        crate::timing::timing("assemble", t);
        Ok(Outcome::Built {
            files,
            index_job,
            warnings,
        })
    }

    /// The pages of the documents whose content files the last read parsed
    /// (each document's page and its plans' pages), when the model was
    /// built before and only a few documents changed.
    fn edited_pages(
        &self,
        model: &crate::model::Model,
        theme: &crate::load::theme::Theme,
    ) -> Option<Output> {
        let parsed = self.content.parsed_paths();
        if !self.pages.has_rendered() || parsed.is_empty() || parsed.len() > EDITED_AHEAD {
            return None;
        }
        let parsed: std::collections::BTreeSet<&str> = parsed.iter().map(String::as_str).collect();
        let mut ids: Vec<&str> = model
            .documents
            .values()
            .filter(|d| parsed.contains(d.content.as_str()))
            .map(|d| d.id.as_str())
            .collect();
        ids.extend(
            model
                .plans
                .values()
                .filter(|p| parsed.contains(p.content.as_str()))
                .map(|p| p.document.as_str()),
        );
        crate::render::site::render_documents(model, theme, &ids)
    }

    /// Makes the search index of `job` (blocking) and remembers it.
    pub fn index(&self, job: IndexJob) -> Result<Output> {
        index_into(&self.index, job)
    }

    /// Parts of the search index made by the last index, and of those how
    /// many were made again (the others were unchanged).
    pub fn index_parts_last(&self) -> (usize, usize) {
        let parts = self.index.parts.lock().unwrap_or_else(|e| e.into_inner());
        (parts.indexed, parts.total)
    }

    fn print(&self, d: &Diagnostics) {
        for x in d.iter() {
            if self.verbose || x.severity == Severity::Error {
                eprintln!("{x}");
            }
        }
    }
}

fn index_into(state: &SearchState, job: IndexJob) -> Result<Output> {
    let mut parts = state.parts.lock().unwrap_or_else(|e| e.into_inner());
    let bundle = crate::search::index_pages_reusing(&job.pages, job.budget, &mut parts)?;
    drop(parts);
    *state.made.lock().unwrap_or_else(|e| e.into_inner()) = Some((job, bundle.clone()));
    Ok(bundle)
}

/// `files` with its search bundle replaced by `bundle`.
fn with_bundle(files: &Output, bundle: Output) -> Output {
    let mut out: Output = files
        .iter()
        .filter(|(k, _)| !k.starts_with(crate::search::BUNDLE_DIR))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.extend(bundle);
    out
}

/// Runs one rebuild and publishes it; a new search index is made on
/// another thread and swapped in when ready, unless a newer rebuild came.
fn rebuild_and_publish(preview: &mut Preview, shared: &Arc<Shared>, why: &str) {
    let t = Instant::now();
    let mut served_ahead = 0;
    let outcome = match preview.rebuild_with(&mut |pages| {
        served_ahead = publish_ahead(shared, pages);
        if served_ahead > 0 {
            println!(
                "served the edited pages in {:.0} ms ({why}): {}; the rest of the site follows",
                t.elapsed().as_secs_f64() * 1000.0,
                files_changed(served_ahead)
            );
            let _ = std::io::stdout().flush();
        }
    }) {
        Ok(o) => o,
        Err(e) => Outcome::Failed {
            errors: vec![format!("error: {e:#}")],
            warnings: 0,
        },
    };
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    match outcome {
        Outcome::Failed { errors, warnings } => {
            eprintln!(
                "rebuild failed in {ms:.0} ms ({why}): {} errors, {warnings} warnings; still serving the last good site",
                errors.len()
            );
            shared.update(|s| {
                // The pages served ahead go: the last good site is served whole.
                let withdrawn: std::collections::BTreeSet<String> =
                    s.ahead.keys().cloned().collect();
                if s.errors != errors || !withdrawn.is_empty() {
                    s.bump(Changed::Paths(withdrawn));
                    s.errors = errors;
                    s.ahead = Arc::default();
                }
            });
        }
        Outcome::Built {
            files,
            index_job,
            warnings,
        } => {
            let mut version = 0;
            let mut changed_pages = 0;
            let t = Instant::now();
            shared.update(|s| {
                let changed = changed_paths(s, &files);
                changed_pages = changed.len();
                if s.version == 0 {
                    s.bump(Changed::All);
                } else if changed_pages > 0 || !s.errors.is_empty() {
                    s.bump(Changed::Paths(changed));
                }
                s.errors.clear();
                s.files = Arc::new(files);
                s.ahead = Arc::default();
                s.search_ready = index_job.is_none();
                version = s.version;
            });
            crate::timing::timing("publish", t);
            let parsed = preview.parsed_last();
            let blocks = preview.blocks_read_last();
            let (rendered, reused) = preview.rendered_last();
            let unbuilt = preview.unbuilt_last();
            println!(
                "rebuilt in {ms:.0} ms ({why}): {}, {parsed} content files parsed ({blocks} blocks read{}), {rendered} of {} pages rendered ({unbuilt} kept without building their view), {warnings} warnings{}",
                files_changed(changed_pages),
                if preview.model_reused_last() {
                    ", model kept"
                } else {
                    ""
                },
                rendered + reused,
                if index_job.is_some() {
                    "; search index follows"
                } else {
                    ""
                }
            );
            if let Some(job) = index_job {
                let cache = preview.index.clone();
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let t = Instant::now();
                    match index_into(&cache, job) {
                        Ok(bundle) => {
                            let mut published = false;
                            shared.update(|s| {
                                if s.version == version && s.errors.is_empty() {
                                    s.files = Arc::new(with_bundle(&s.files, bundle));
                                    s.search_ready = true;
                                    published = true;
                                }
                            });
                            if published {
                                let (indexed, total) = {
                                    let p = cache.parts.lock().unwrap_or_else(|e| e.into_inner());
                                    (p.indexed, p.total)
                                };
                                println!(
                                    "search index ready in {:.0} ms ({indexed} of {total} parts indexed, the others unchanged)",
                                    t.elapsed().as_secs_f64() * 1000.0
                                );
                            }
                        }
                        Err(e) => eprintln!("error: the search index failed: {e:#}"),
                    }
                });
            }
        }
    }
}

/// `1 file changed`, `3 files changed`.
fn files_changed(n: usize) -> String {
    format!("{n} file{} changed", if n == 1 { "" } else { "s" })
}

/// Serves `pages` ahead of the rebuild under way (see
/// [`Snapshot::ahead`]); returns how many of them changed.
fn publish_ahead(shared: &Shared, pages: Output) -> usize {
    let mut changed = 0;
    shared.update(|s| {
        if !s.errors.is_empty() {
            // The error overlay stays until the whole rebuild is in.
            return;
        }
        let paths: std::collections::BTreeSet<String> = pages
            .iter()
            .filter(|(k, v)| s.file(k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        changed = paths.len();
        if changed > 0 {
            let mut ahead = (*s.ahead).clone();
            ahead.extend(pages);
            s.ahead = Arc::new(ahead);
            s.search_ready = false;
            s.bump(Changed::Paths(paths));
        }
    });
    changed
}

/// The files that differ between what `s` serves and `new` (added,
/// removed or changed), not counting the search bundle.
fn changed_paths(s: &Snapshot, new: &Output) -> std::collections::BTreeSet<String> {
    let bundle = crate::search::BUNDLE_DIR;
    let keys: std::collections::BTreeSet<&String> = s
        .files
        .keys()
        .chain(s.ahead.keys())
        .chain(new.keys())
        .collect();
    keys.into_iter()
        .filter(|k| !k.starts_with(bundle) && s.file(k) != new.get(*k))
        .cloned()
        .collect()
}

/// Answers one HTTP request.
fn handle(shared: &Shared, request: tiny_http::Request) {
    let method = request.method().as_str().to_string();
    let url = request.url().to_string();
    let reply = if url.starts_with("/__gazette/poll") && (method == "GET" || method == "HEAD") {
        let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        };
        let seen = param("v").and_then(|v| v.parse::<u64>().ok());
        let snap = match seen {
            Some(v) => shared.wait_change(v, Duration::from_secs(25)),
            None => shared.get(),
        };
        // Whether the asking page's own file changed since the version it
        // saw (a page not named reloads on every version).
        let page = param("p").and_then(|p| http::percent_decode(p).ok());
        let reload = match (seen, page.as_deref().map(http::decode_path)) {
            (Some(v), Some(Ok(page))) => snap.changed_since(v, &http::file_key(&page)),
            _ => true,
        };
        let body = serde_json::json!({
            "version": snap.version,
            "errors": snap.errors,
            "reload": reload,
            "rebuilding": !snap.ahead.is_empty(),
            "search": if snap.search_ready { "ready" } else { "indexing" },
        });
        http::Reply {
            status: 200,
            headers: vec![
                ("Content-Type", "application/json".into()),
                ("Cache-Control", "no-store".into()),
            ],
            body: body.to_string().into_bytes(),
        }
    } else {
        let snap = shared.get();
        if snap.files.is_empty() && !snap.errors.is_empty() {
            startup_error_page(&snap.errors)
        } else {
            let early = (!snap.ahead.is_empty())
                .then(|| http::respond(&snap.ahead, &method, &url))
                .filter(|r| r.status != 404);
            early.unwrap_or_else(|| http::respond(&snap.files, &method, &url))
        }
    };
    // Always a Content-Length, never chunked: simpler for every client.
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    for (name, value) in &reply.headers {
        if name.eq_ignore_ascii_case("Content-Length") {
            continue;
        }
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

/// The page shown while no build has succeeded yet.
fn startup_error_page(errors: &[String]) -> http::Reply {
    let list: String = errors
        .iter()
        .map(|e| format!("<li>{}</li>", crate::render::text::escape(e)))
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The site does not build yet</h1><ul>{list}</ul>{}</body></html>",
        http::LIVE_SCRIPT
    );
    http::Reply {
        status: 500,
        headers: vec![
            ("Content-Type", "text/html; charset=utf-8".into()),
            ("Cache-Control", "no-store".into()),
        ],
        body: html.into_bytes(),
    }
}

/// Runs `serve` until Ctrl-C; returns the exit code.
pub fn run(site: &Site, opts: &ServeOptions) -> Result<i32> {
    let shared = Arc::new(Shared::default());
    let mut preview = Preview::new(site.clone());
    preview.verbose = opts.verbose;
    // Watching starts before the first build, so that a change made
    // while it runs is not missed.
    let (tx, rx) = std::sync::mpsc::channel();
    let (mut watcher, note) = watch::start(&site.root, opts.poll, tx)?;
    if let Some(n) = note {
        eprintln!("warning: {n}");
    }
    rebuild_and_publish(&mut preview, &shared, "start");

    let addr = format!("{}:{}", opts.bind, opts.port);
    let server = Arc::new(
        tiny_http::Server::http(&addr)
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?,
    );
    let local = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    println!(
        "serving {} at http://{local}/ (Ctrl-C to stop)",
        site.root.display()
    );
    let _ = std::io::stdout().flush();

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let server = server.clone();
        ctrlc::set_handler(move || {
            stop.store(true, Ordering::SeqCst);
            server.unblock();
        })
        .context("cannot install the Ctrl-C handler")?;
    }
    let http_thread = {
        let server = server.clone();
        let shared = shared.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = shared.clone();
                std::thread::spawn(move || handle(&shared, request));
            }
        })
    };

    println!(
        "watching {} with {}",
        watch::WATCHED_DIRS.join("/, ") + "/ and site.toml",
        watcher.describe()
    );
    let _ = std::io::stdout().flush();
    let stopped = || stop.load(Ordering::SeqCst);
    while let Some(batch) = watch::next_batch(&rx, &site.root, &stopped) {
        watcher.refresh();
        if preview.is_unchanged(&batch) {
            // Import's own writes, or a save of the same text.
            continue;
        }
        let why = describe_batch(&batch);
        preview.note_changes(&batch);
        rebuild_and_publish(&mut preview, &shared, &why);
    }
    server.unblock();
    let _ = http_thread.join();
    println!("stopped");
    Ok(0)
}

/// `content/a/index.md` or `content/a/index.md and 3 more`.
fn describe_batch(batch: &[String]) -> String {
    match batch {
        [] => "no change".into(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}

/// A served HTML page without the live reload script: what `build` writes.
pub fn strip_live_script(html: &[u8]) -> Vec<u8> {
    let script = http::LIVE_SCRIPT.as_bytes();
    match html.windows(script.len()).rposition(|w| w == script) {
        Some(at) => [&html[..at], &html[at + script.len()..]].concat(),
        None => html.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Output {
        pages
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_page_reloads_only_for_versions_that_changed_its_file() {
        let shared = Shared::default();
        shared.update(|s| {
            s.files = Arc::new(site(&[("a/index.html", "a1"), ("b/index.html", "b1")]));
            s.bump(Changed::All);
        });
        let first = shared.get().version;
        // The edited page served ahead, then the whole rebuild, which
        // gives it the same bytes and changes another page.
        assert_eq!(publish_ahead(&shared, site(&[("a/index.html", "a2")])), 1);
        let ahead = shared.get();
        assert_eq!(ahead.version, first + 1);
        assert_eq!(ahead.file("a/index.html").unwrap(), b"a2");
        assert_eq!(ahead.file("b/index.html").unwrap(), b"b1");
        assert!(
            !ahead.search_ready,
            "the index does not match the page ahead"
        );
        assert!(ahead.changed_since(first, "a/index.html"));
        assert!(!ahead.changed_since(first, "b/index.html"));
        // The same bytes again change nothing.
        assert_eq!(publish_ahead(&shared, site(&[("a/index.html", "a2")])), 0);
        assert_eq!(shared.get().version, first + 1);

        let whole = site(&[("a/index.html", "a2"), ("b/index.html", "b2")]);
        shared.update(|s| {
            let changed = changed_paths(s, &whole);
            assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["b/index.html"]);
            s.bump(Changed::Paths(["b/index.html".to_string()].into()));
            s.files = Arc::new(whole.clone());
            s.ahead = Arc::default();
        });
        let now = shared.get();
        assert!(
            !now.changed_since(first + 1, "a/index.html"),
            "the page served ahead does not reload again"
        );
        assert!(now.changed_since(first + 1, "b/index.html"));
        assert!(now.changed_since(first, "a/index.html"));
        assert!(!now.changed_since(now.version, "b/index.html"));
        // A page that looked too long ago reloads.
        shared.update(|s| {
            for _ in 0..CHANGES_KEPT + 1 {
                s.bump(Changed::Paths(Default::default()));
            }
        });
        assert!(shared.get().changed_since(first + 1, "a/index.html"));
    }

    #[test]
    fn pages_ahead_are_withdrawn_or_wait_behind_errors() {
        let shared = Shared::default();
        shared.update(|s| {
            s.files = Arc::new(site(&[("a/index.html", "a1")]));
            s.errors = vec!["content/x.md:1:1: error: broken".into()];
            s.bump(Changed::All);
        });
        assert_eq!(
            publish_ahead(&shared, site(&[("a/index.html", "a2")])),
            0,
            "while errors show, nothing is served ahead"
        );
        assert!(shared.get().ahead.is_empty());
    }
}
