//! Stage 5, render (reuse): the pages rendered by the previous rebuild,
//! kept by `serve` so that a rebuild renders with tera only the pages whose
//! inputs changed.
//!
//! A page's inputs are its template (with the templates it extends,
//! imports or includes) and its view (the `common` and `page` values of
//! its context, see [`PageOut`]); their fingerprint is a hash of those
//! templates' text, the template name and the view's JSON. A
//! page whose fingerprint is the one it had last time gets its last bytes
//! back; tera's output depends on nothing else, so the result is the same
//! as rendering it again. `build` renders everything (a disabled cache).

use crate::diag::Diagnostics;
use crate::render::page::{CONTEXT_KEYS, PageOut};
use crate::render::templates::Templates;
use crate::render::{Output, render_pages};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Rendered pages by output path, with the fingerprint of their inputs.
#[derive(Debug, Default)]
pub struct PageCache {
    enabled: bool,
    /// The pages of the last complete render.
    pages: HashMap<String, (u64, Vec<u8>)>,
    /// The pages of the render under way (they replace `pages` on commit).
    next: HashMap<String, (u64, Vec<u8>)>,
    /// What the views of the last complete render, and of the one under
    /// way, were built from (see [`PageCache::begin`]).
    views: Option<u64>,
    next_views: Option<u64>,
    views_set: Option<u64>,
    /// Per template: its fingerprint and the paths of its pages, in the
    /// last complete render and in the one under way.
    kinds: HashMap<&'static str, (u64, Vec<String>)>,
    next_kinds: HashMap<&'static str, (u64, Vec<String>)>,
    /// The files made from the model alone (sitemap, feeds, open data)
    /// with the views key they were made under: of the last complete
    /// render, and of the one under way.
    model_files: Option<(u64, Output)>,
    next_model_files: Option<(u64, Output)>,
    /// Pages rendered with tera, and pages reused, since `begin`.
    pub rendered: usize,
    pub reused: usize,
    /// Of the pages reused, those taken whole with their kind, whose views
    /// were not even built.
    pub unbuilt: usize,
}

impl PageCache {
    /// A cache that keeps pages across renders (for `serve`).
    pub fn new() -> PageCache {
        PageCache {
            enabled: true,
            ..Default::default()
        }
    }

    /// A cache that keeps nothing: every page is rendered (for `build`).
    pub fn disabled() -> PageCache {
        PageCache::default()
    }

    /// Says what the views of the next render are built from: a hash of
    /// the model's inputs, the settings and the date. When it is the one of
    /// the last complete render, every view is the same as then, so the
    /// pages of a template that did not change either are taken whole,
    /// without building their views (see [`PageCache::reuse_kind`]).
    /// Unset, nothing is taken whole.
    pub fn set_views(&mut self, views: u64) {
        self.views_set = Some(views);
    }

    /// Whether a render was completed (and its pages kept) before.
    pub fn has_rendered(&self) -> bool {
        self.enabled && !self.pages.is_empty()
    }

    /// Starts a render of the whole site.
    pub fn begin(&mut self) {
        let views = self.views_set.take();
        // What a failed render had taken stays valid: a fingerprint always
        // stands for the same bytes.
        let taken: Vec<_> = self.next.drain().collect();
        self.pages.extend(taken);
        self.next_kinds.clear();
        self.next_model_files = None;
        self.next_views = views;
        self.rendered = 0;
        self.reused = 0;
        self.unbuilt = 0;
    }

    /// Ends a successful render: what it rendered is what the next one
    /// compares with (pages no longer rendered are forgotten).
    pub fn commit(&mut self) {
        if self.enabled {
            // The pages replaced are freed on another thread: hundreds of
            // megabytes on a large site, which the preview need not wait for.
            let old_pages = std::mem::replace(&mut self.pages, std::mem::take(&mut self.next));
            let old_files = std::mem::replace(&mut self.model_files, self.next_model_files.take());
            crate::timing::drop_later((old_pages, old_files));
            self.kinds = std::mem::take(&mut self.next_kinds);
            self.views = self.next_views;
        }
    }

    /// The files made from the model alone as the last complete render made
    /// them, when the views are known to be the same (so is the model).
    pub fn reuse_model_files(&mut self) -> Option<Output> {
        let views = self.next_views?;
        match &self.model_files {
            Some((key, files)) if self.enabled && *key == views => {
                self.next_model_files = self.model_files.clone();
                Some(files.clone())
            }
            _ => None,
        }
    }

    /// Whether [`PageCache::keep_model_files`] keeps anything.
    pub fn keeps_model_files(&self) -> bool {
        self.enabled && self.next_views.is_some()
    }

    /// Keeps the files made from the model by the render under way.
    pub fn keep_model_files(&mut self, files: &Output) {
        if let (true, Some(views)) = (self.enabled, self.next_views) {
            self.next_model_files = Some((views, files.clone()));
        }
    }

    /// The pages of `template` as the last complete render made them, when
    /// the views are known to be the same (see [`PageCache::begin`]) and
    /// the template's fingerprint too; `None` when they must be rendered.
    pub fn reuse_kind(&mut self, templates: &Templates, template: &'static str) -> Option<Output> {
        let print = templates.fingerprint(template);
        if !self.enabled || self.next_views.is_none() || self.next_views != self.views {
            return None;
        }
        let (old, paths) = self.kinds.get(template)?;
        if *old != print || !paths.iter().all(|p| self.pages.contains_key(p)) {
            return None;
        }
        let paths = paths.clone();
        let mut out = Output::new();
        for path in paths {
            if let Some((path, (print, bytes))) = self.pages.remove_entry(&path) {
                out.insert(path.clone(), bytes.clone());
                self.record(template, templates, &path);
                self.next.insert(path, (print, bytes));
            }
        }
        self.reused += out.len();
        self.unbuilt += out.len();
        Some(out)
    }

    /// Notes that `path` is a page of `template` in the render under way.
    fn record(&mut self, template: &'static str, templates: &Templates, path: &str) {
        let kind = self
            .next_kinds
            .entry(template)
            .or_insert_with(|| (templates.fingerprint(template), Vec::new()));
        kind.1.push(path.to_string());
    }

    /// Renders `pages` with their templates, reusing the bytes of those
    /// whose fingerprint is unchanged.
    pub fn render(
        &mut self,
        templates: &Templates,
        pages: &[PageOut],
        diags: &mut Diagnostics,
    ) -> Output {
        if !self.enabled {
            self.rendered += pages.len();
            return render_pages(templates, pages, diags);
        }
        for p in pages {
            self.record(p.template, templates, &p.path);
        }
        let prints: Vec<u64> = pages
            .par_iter()
            .map(|p| fingerprint(templates, p))
            .collect();
        let mut out = Output::new();
        let mut todo: Vec<(&PageOut, u64)> = Vec::new();
        for (p, print) in pages.iter().zip(prints) {
            match self.pages.remove_entry(&p.path) {
                Some((path, (old, bytes))) if old == print => {
                    out.insert(path.clone(), bytes.clone());
                    self.next.insert(path, (old, bytes));
                }
                _ => todo.push((p, print)),
            }
        }
        self.reused += out.len();
        self.rendered += todo.len();
        let todo_pages: Vec<&PageOut> = todo.iter().map(|(p, _)| *p).collect();
        let fresh = render_pages(templates, &todo_pages, diags);
        for (p, print) in todo {
            if let Some(bytes) = fresh.get(&p.path) {
                self.next.insert(p.path.clone(), (print, bytes.clone()));
            }
        }
        out.extend(fresh);
        out
    }
}

/// The fingerprint of a page's inputs: its template (with those it uses)
/// and its view.
pub fn fingerprint(templates: &Templates, page: &PageOut) -> u64 {
    let mut h = DefaultHasher::new();
    templates.fingerprint(page.template).hash(&mut h);
    page.template.hash(&mut h);
    for key in CONTEXT_KEYS {
        key.hash(&mut h);
        match page.context.get(key) {
            Some(v) => hash_value(v, &mut h),
            None => h.write_u8(0),
        }
    }
    h.finish()
}

/// Feeds a JSON value to a hasher, unambiguously: every value starts with
/// its kind, strings, arrays and objects with their length.
fn hash_value(v: &serde_json::Value, h: &mut DefaultHasher) {
    use serde_json::Value;
    match v {
        Value::Null => h.write_u8(1),
        Value::Bool(b) => {
            h.write_u8(2);
            h.write_u8(u8::from(*b));
        }
        Value::Number(n) => {
            h.write_u8(3);
            if let Some(i) = n.as_i64() {
                h.write_i64(i);
            } else if let Some(u) = n.as_u64() {
                h.write_u64(u);
            } else {
                h.write_u64(n.as_f64().unwrap_or(f64::NAN).to_bits());
            }
        }
        Value::String(s) => {
            h.write_u8(4);
            s.hash(h);
        }
        Value::Array(items) => {
            h.write_u8(5);
            h.write_usize(items.len());
            for x in items {
                hash_value(x, h);
            }
        }
        Value::Object(map) => {
            h.write_u8(6);
            h.write_usize(map.len());
            for (k, x) in map {
                k.hash(h);
                hash_value(x, h);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::templates;

    fn page(path: &str, x: &str) -> PageOut {
        let mut context = tera::Context::new();
        context.insert(CONTEXT_KEYS[0], &"common");
        context.insert(CONTEXT_KEYS[1], &serde_json::json!({ "x": x }));
        PageOut {
            path: path.into(),
            template: "t.html",
            context,
        }
    }

    fn load(dir: &std::path::Path, text: &str) -> Templates {
        std::fs::write(dir.join("t.html"), text).unwrap();
        templates::load(dir, "templates", &mut Diagnostics::new()).unwrap()
    }

    #[test]
    fn only_pages_whose_view_or_template_changed_are_rendered() {
        let dir = tempfile::tempdir().unwrap();
        let t = load(dir.path(), "<p>{{ page.x }}</p>");
        let mut cache = PageCache::new();
        let mut d = Diagnostics::new();
        let mut round = |cache: &mut PageCache, t: &Templates, pages: &[PageOut]| {
            cache.begin();
            let out = cache.render(t, pages, &mut d);
            cache.commit();
            let rendered = (cache.rendered, cache.reused);
            (out, rendered)
        };
        let (out, n) = round(&mut cache, &t, &[page("a", "1"), page("b", "2")]);
        assert_eq!(n, (2, 0));
        assert_eq!(out["a"], b"<p>1</p>");
        let (out, n) = round(&mut cache, &t, &[page("a", "1"), page("b", "3")]);
        assert_eq!(n, (1, 1), "only b changed");
        assert_eq!(
            (&out["a"][..], &out["b"][..]),
            (&b"<p>1</p>"[..], &b"<p>3</p>"[..])
        );
        // A page dropped from the site is forgotten; one coming back is rendered.
        let (_, n) = round(&mut cache, &t, &[page("b", "3")]);
        assert_eq!(n, (0, 1));
        let (_, n) = round(&mut cache, &t, &[page("a", "1"), page("b", "3")]);
        assert_eq!(n, (1, 1));
        // A changed template renders its pages again.
        let t2 = load(dir.path(), "<div>{{ page.x }}</div>");
        let (out, n) = round(&mut cache, &t2, &[page("a", "1"), page("b", "3")]);
        assert_eq!(n, (2, 0));
        assert_eq!(out["b"], b"<div>3</div>");
        // A render that fails (no commit) loses nothing it had.
        cache.begin();
        cache.render(&t2, &[page("a", "1")], &mut Diagnostics::new());
        let (_, n) = round(&mut cache, &t2, &[page("a", "1"), page("b", "3")]);
        assert_eq!(n, (0, 2));
    }

    /// With the same views key and template, a kind of page is taken
    /// whole; no key, a new key or a changed template renders it.
    #[test]
    fn kinds_are_taken_whole_only_when_views_and_template_are_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let t = load(dir.path(), "<p>{{ page.x }}</p>");
        let mut cache = PageCache::new();
        let mut d = Diagnostics::new();
        let pages = [page("a", "1"), page("b", "2")];
        cache.set_views(7);
        cache.begin();
        assert!(cache.reuse_kind(&t, "t.html").is_none(), "nothing yet");
        cache.render(&t, &pages, &mut d);
        cache.commit();

        cache.set_views(7);
        cache.begin();
        let out = cache
            .reuse_kind(&t, "t.html")
            .expect("same views, same template");
        assert_eq!(out.len(), 2);
        assert_eq!(out["b"], b"<p>2</p>");
        assert_eq!((cache.reused, cache.unbuilt), (2, 2));
        cache.commit();

        // Unset or another key: the views may differ.
        cache.begin();
        assert!(cache.reuse_kind(&t, "t.html").is_none());
        cache.set_views(8);
        cache.begin();
        assert!(cache.reuse_kind(&t, "t.html").is_none());
        // The kept pages survived the failed attempts.
        cache.render(&t, &pages, &mut d);
        assert_eq!(cache.rendered, 0);
        cache.commit();

        let t2 = load(dir.path(), "<div>{{ page.x }}</div>");
        cache.set_views(8);
        cache.begin();
        assert!(
            cache.reuse_kind(&t2, "t.html").is_none(),
            "the template changed"
        );
    }

    /// Files made from the model are kept under the views key only.
    #[test]
    fn model_files_are_kept_with_their_views_key() {
        let mut cache = PageCache::new();
        let files = Output::from([("feed.xml".to_string(), b"<feed/>".to_vec())]);
        cache.set_views(1);
        cache.begin();
        assert!(cache.reuse_model_files().is_none());
        cache.keep_model_files(&files);
        cache.commit();
        cache.set_views(1);
        cache.begin();
        assert_eq!(cache.reuse_model_files(), Some(files.clone()));
        cache.commit();
        cache.set_views(1);
        cache.begin();
        assert!(
            cache.reuse_model_files().is_some(),
            "kept again by the reuse"
        );
        cache.commit();
        cache.set_views(2);
        cache.begin();
        assert!(cache.reuse_model_files().is_none(), "another model");
        let mut off = PageCache::disabled();
        off.set_views(1);
        off.begin();
        off.keep_model_files(&files);
        off.commit();
        off.set_views(1);
        off.begin();
        assert!(off.reuse_model_files().is_none());
    }

    #[test]
    fn a_disabled_cache_renders_everything() {
        let dir = tempfile::tempdir().unwrap();
        let t = load(dir.path(), "{{ page.x }}");
        let mut cache = PageCache::disabled();
        for _ in 0..2 {
            cache.begin();
            cache.render(&t, &[page("a", "1")], &mut Diagnostics::new());
            cache.commit();
            assert_eq!((cache.rendered, cache.reused), (1, 0));
        }
    }
}
