//! Stage 5, render: from the model, the site settings and the templates
//! to the bytes of every page, keyed by output path. No I/O here: the
//! writer (stage 6) puts the result on disk, `serve` keeps it in memory.
//!
//! Pages are built as typed views (`docs`, `people`, `overview`), then
//! rendered with tera in parallel; XML (sitemap, feeds) is written
//! directly; the theme's static files come last unless the site's
//! `static/` replaces them.

pub mod chart;
pub mod charts;
pub mod compare_page;

pub mod context;
pub mod describe;
pub mod docs;
pub mod feeds;
pub mod jsonld;
pub mod links;
pub mod matrix_page;
pub mod names;
pub mod overview;
pub mod page;
pub mod paginate;
pub mod people;
pub mod reuse;
pub mod review_page;
pub mod site;
pub mod templates;
pub mod text;
pub mod toc;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Id, Model};
use context::Ctx;
use page::PageOut;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// The rendered site: output path → bytes.
pub type Output = BTreeMap<String, Vec<u8>>;

/// A page whose text is searched: a document or a plan, by id.
#[derive(Debug, Clone, Copy)]
pub enum Searchable<'a> {
    Document(&'a str),
    Plan(&'a str),
}

impl Searchable<'_> {
    /// The output path of the page.
    pub fn path(&self) -> String {
        match self {
            Searchable::Document(id) => format!("documents/{id}/index.html"),
            Searchable::Plan(id) => format!("plans/{id}/index.html"),
        }
    }
}

/// The pages whose text is searched (documents and plans), in output path
/// order, the order in which the search index takes them (so that `build`,
/// which indexes while rendering, and `serve`, which indexes a map of
/// pages, make the same index): rendered first, so that indexing can start
/// while the others render.
pub fn searchable_list(model: &Model) -> Vec<Searchable<'_>> {
    let docs = model.documents.keys().map(|id| Searchable::Document(id));
    let plans = model.plans.keys().map(|id| Searchable::Plan(id));
    let mut list: Vec<_> = docs.chain(plans).collect();
    list.sort_by_cached_key(Searchable::path);
    list
}

/// The view of one searchable page.
pub fn searchable_page(ctx: &Ctx, page: Searchable) -> PageOut {
    match page {
        Searchable::Document(id) => docs::document(ctx, id),
        Searchable::Plan(id) => docs::plan(ctx, id),
    }
}

/// The views of one kind of page (all rendered with one template).
#[derive(Clone, Copy)]
pub enum Views {
    /// A few pages, made at once.
    All(fn(&Ctx) -> Vec<PageOut>),
    /// One entry per key (a department, an indicator, a pair of
    /// editions), each with its pages: made and rendered a chunk of keys at
    /// a time, so that a kind of thousands of pages is never held whole.
    Each {
        keys: fn(&Ctx) -> Vec<String>,
        pages: fn(&Ctx, &str) -> Vec<PageOut>,
        /// How much a key's pages hold (a department's tasks, an
        /// indicator's targets), so that a chunk of keys holds a bounded
        /// amount, however large one key grows.
        weight: fn(&Ctx, &str) -> usize,
    },
}

impl Views {
    /// The views of the pages of the keys `keys` (of [`Views::Each`]), or
    /// all of them (of [`Views::All`]).
    pub fn build(&self, ctx: &Ctx, keys: &[String]) -> Vec<PageOut> {
        match self {
            Views::All(all) => all(ctx),
            Views::Each { pages, .. } => keys.par_iter().flat_map(|k| pages(ctx, k)).collect(),
        }
    }

    /// The keys of the kind, in chunks of at most `max_keys` keys whose
    /// weights add up to at most `max_weight` (a chunk holds two keys
    /// however heavy, so that both cores work); one empty chunk for
    /// [`Views::All`].
    pub fn chunks(&self, ctx: &Ctx, max_keys: usize, max_weight: usize) -> Vec<Vec<String>> {
        match self {
            Views::All(_) => vec![Vec::new()],
            Views::Each { keys, weight, .. } => {
                let mut out: Vec<Vec<String>> = Vec::new();
                let mut held = 0usize;
                for key in keys(ctx) {
                    let w = weight(ctx, &key);
                    match out.last_mut() {
                        Some(chunk)
                            if chunk.len() < max_keys.max(1)
                                && (chunk.len() < 2 || held.saturating_add(w) <= max_weight) =>
                        {
                            held = held.saturating_add(w);
                            chunk.push(key);
                        }
                        _ => {
                            held = w;
                            out.push(vec![key]);
                        }
                    }
                }
                out
            }
        }
    }

    /// Every view of the kind (for profiling).
    pub fn build_all(&self, ctx: &Ctx) -> Vec<PageOut> {
        self.chunks(ctx, usize::MAX, usize::MAX)
            .iter()
            .flat_map(|keys| self.build(ctx, keys))
            .collect()
    }
}

/// Separates the two plans of a comparison's key.
const PAIR: char = '\n';

/// The templates of the searchable pages.
pub const SEARCHABLE_TEMPLATES: [&str; 2] = ["document.html", "plan.html"];

/// Every other page, by kind: overviews, departments, indicators,
/// comparisons, each with the template all its pages use.
pub fn other_kinds() -> Vec<(&'static str, Views)> {
    vec![
        ("index.html", Views::All(|c| vec![overview::index(c)])),
        ("documents.html", Views::All(overview::documents)),
        ("plans.html", Views::All(overview::plans)),
        ("departments.html", Views::All(overview::departments)),
        ("indicators.html", Views::All(overview::indicators)),
        ("deadlines.html", Views::All(overview::deadlines)),
        (
            "matrix.html",
            Views::Each {
                keys: matrix_page::keys,
                pages: matrix_page::page,
                weight: |_, _| 1,
            },
        ),
        ("cited.html", Views::All(overview::cited)),
        ("search.html", Views::All(|c| vec![overview::search(c)])),
        ("404.html", Views::All(|c| vec![overview::not_found(c)])),
        ("review.html", Views::All(|c| vec![review_page::review(c)])),
        (
            "department.html",
            Views::Each {
                keys: |c| c.model.departments.keys().map(Id::to_string).collect(),
                pages: people::department,
                weight: |c, id| {
                    c.model
                        .departments
                        .get(id)
                        .map_or(1, |d| 1 + d.lead.len() + d.support.len())
                },
            },
        ),
        (
            "indicator.html",
            Views::Each {
                keys: |c| c.model.indicators.keys().map(Id::to_string).collect(),
                pages: people::indicator,
                weight: |c, id| {
                    c.model
                        .indicators
                        .get(id)
                        .map_or(1, |i| 1 + i.targets.len())
                },
            },
        ),
        (
            "compare.html",
            Views::Each {
                keys: |c| {
                    c.edition_pairs
                        .iter()
                        .map(|(old, new)| format!("{old}{PAIR}{new}"))
                        .collect()
                },
                pages: |c, key| {
                    let (old, new) = key.split_once(PAIR).unwrap_or((key, key));
                    vec![compare_page::compare_page(c, old, new)]
                },
                weight: |c, key| {
                    let tasks = |id: &str| c.model.plans.get(id).map_or(0, |p| p.tasks.len());
                    let (old, new) = key.split_once(PAIR).unwrap_or((key, key));
                    1 + tasks(old) + tasks(new)
                },
            },
        ),
    ]
}

/// Renders pages with their templates; a template error is reported once.
pub fn render_pages<P: Borrow<PageOut> + Sync>(
    templates: &templates::Templates,
    pages: &[P],
    diags: &mut Diagnostics,
) -> Output {
    let rendered: Vec<(String, Result<String, Diagnostic>)> = pages
        .par_iter()
        .map(|p| {
            let p = p.borrow();
            let r = templates
                .tera
                .render(p.template, &p.context)
                .map_err(|e| templates.render_error(p.template, &e));
            (p.path.clone(), r)
        })
        .collect();
    let mut out = Output::new();
    let mut seen_errors = std::collections::BTreeSet::new();
    for (path, r) in rendered {
        match r {
            Ok(html) => {
                out.insert(path, html.into_bytes());
            }
            Err(d) => {
                if seen_errors.insert(d.to_string()) {
                    diags.push(d);
                }
            }
        }
    }
    out
}

/// The files beside the pages: sitemap (of `html_pages` but the 404 and
/// review pages), robots.txt,
/// feeds, the names for direct search hits and the theme's assets.
pub fn site_files(model: &Model, cfg: &SiteConfig, html_pages: &[String]) -> Output {
    let mut out = Output::new();
    let listed: Vec<String> = html_pages
        .iter()
        .filter(|p| p.ends_with(".html") && !matches!(p.as_str(), "404.html" | review_page::PATH))
        .cloned()
        .collect();
    out.extend(feeds::sitemaps(cfg, model, &listed, feeds::SITEMAP_URLS));
    out.insert("robots.txt".into(), feeds::robots(cfg));
    out.insert("feed.xml".into(), feeds::documents_feed(cfg, model));
    // A feed per department, made in parallel (each reads its tasks).
    let ids: Vec<&Id> = model.departments.keys().collect();
    let department_feeds: Vec<(String, Vec<u8>)> = ids
        .par_iter()
        .map(|id| {
            (
                format!("departments/{id}/feed.xml"),
                feeds::department_feed(cfg, model, id),
            )
        })
        .collect();
    out.extend(department_feeds);
    out.extend(names::files(model));
    out.insert("search/fold.json".into(), names::fold_json());
    for (path, text) in templates::ASSETS {
        out.insert(path.to_string(), text.as_bytes().to_vec());
    }
    out
}

#[cfg(test)]
mod order_tests {
    use super::*;

    /// Departments are made a few at a time by their tasks: a chunk holds
    /// at most the weight budget (or two keys, however heavy), every key
    /// once, in order.
    #[test]
    fn keys_are_chunked_by_weight_as_well_as_by_number() {
        let mut m = Model::default();
        for (id, tasks) in [
            ("a", 1),
            ("b", 2),
            ("c", 30),
            ("d", 40),
            ("e", 3),
            ("f", 3),
            ("g", 3),
        ] {
            m.departments.insert(
                id.into(),
                crate::model::Department {
                    id: id.into(),
                    lead: (0..tasks).map(|i| format!("t{i}").into()).collect(),
                    ..Default::default()
                },
            );
        }
        let cfg = SiteConfig::default();
        let ctx = Ctx::new(&m, &cfg, "2024-06-01".to_string());
        let (_, views) = other_kinds()
            .into_iter()
            .find(|(t, _)| *t == "department.html")
            .unwrap();
        // Weights are tasks + 1: a 2, b 3, c 31, d 41, e f g 4.
        let chunks = views.chunks(&ctx, 64, 10);
        assert_eq!(
            chunks,
            [vec!["a", "b"], vec!["c", "d"], vec!["e", "f"], vec!["g"]]
        );
        // The number of keys still bounds a chunk.
        let chunks = views.chunks(&ctx, 3, usize::MAX);
        assert_eq!(chunks.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
    }

    /// The search index takes pages in output path order (`a-b/` before
    /// `a/`, as `-` sorts before `/`), not in id order (`a` before `a-b`).
    #[test]
    fn searchable_pages_come_in_output_path_order() {
        let mut m = Model::default();
        for id in ["a", "a-b", "b"] {
            m.documents.insert(id.into(), Default::default());
            m.plans.insert(format!("p{id}").into(), Default::default());
        }
        let paths: Vec<String> = searchable_list(&m).iter().map(Searchable::path).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths[0], "documents/a-b/index.html");
        assert_eq!(paths.len(), 6);
    }
}
