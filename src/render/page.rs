//! One page to render (stage 5): its output path, template and typed
//! view, plus the fields every page shares (site title, relative root,
//! navigation, language, canonical URL) and what its `<head>` says about
//! it ([`Head`]: title, description, structured data).

use crate::render::context::{Ctx, Link};
use crate::render::describe;
use crate::render::links::Links;
use crate::render::paginate::Pager;
use serde::Serialize;

/// The keys of a page's template context: what it is rendered from.
pub const CONTEXT_KEYS: [&str; 2] = ["common", "page"];

/// A page waiting for its template.
pub struct PageOut {
    /// Output path, e.g. `plans/x/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// Navigation entry.
#[derive(Debug, Serialize)]
pub struct NavItem {
    pub text: &'static str,
    pub href: String,
    pub current: bool,
}

/// What a page's `<head>` says about it.
#[derive(Debug, Clone)]
pub struct Head {
    pub title: String,
    pub lang: String,
    /// Whether the page's `<main>` is indexed for search.
    pub searchable: bool,
    /// `<meta name="description">`, from the page's content (see
    /// [`crate::render::describe`]); clipped to
    /// [`describe::MAX_CHARS`].
    pub description: String,
    /// schema.org JSON-LD, already escaped for a `<script>` block (see
    /// [`crate::render::jsonld`]).
    pub json_ld: Option<String>,
    /// The pager when the page is one of several of a list (its
    /// `rel="prev"`/`rel="next"` links go in the head).
    pub pager: Option<Pager>,
}

impl Head {
    /// A page in the site's language, not searched, without structured data.
    pub fn new(ctx: &Ctx, title: impl Into<String>, description: &str) -> Head {
        Head {
            title: title.into(),
            lang: ctx.cfg.language.clone(),
            searchable: false,
            description: describe::clip(description),
            json_ld: None,
            pager: None,
        }
    }

    /// The same head for page `pager.current` of a list: the title says
    /// which page (第 2/5 页) after page 1.
    pub fn paged(mut self, pager: Option<Pager>) -> Head {
        if let Some(p) = &pager
            && p.current > 1
        {
            self.title = format!("{}（第 {}/{} 页）", self.title, p.current, p.total);
        }
        self.pager = pager;
        self
    }
}

/// Fields every template gets as `common`.
#[derive(Debug, Serialize)]
pub struct Common {
    pub site_title: String,
    pub site_description: String,
    pub title: String,
    /// The page's description (`<meta name="description">`).
    pub description: String,
    /// The page's JSON-LD, escaped for a `<script>` block.
    pub json_ld: Option<String>,
    pub lang: String,
    pub root: String,
    pub canonical: String,
    pub home: String,
    pub nav: Vec<NavItem>,
    pub search: String,
    pub style: String,
    pub site_js: String,
    pub feed: String,
    pub data: Vec<Link>,
    /// The editors' review page.
    pub review: String,
    /// Whether the page's `<main>` is indexed for search.
    pub searchable: bool,
    pub generator: String,
    /// The pager of a page of a list (see [`crate::render::paginate`]).
    pub pager: Option<Pager>,
}

const NAV: &[(&str, &str)] = &[
    ("文件", "/documents/"),
    ("计划", "/plans/"),
    ("部门", "/departments/"),
    ("指标", "/indicators/"),
    ("时间表", "/deadlines/"),
    ("分工矩阵", "/matrix/"),
    ("搜索", "/search/"),
];

/// Site path of an output path: `plans/x/index.html` → `/plans/x/`.
pub fn site_path(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

impl PageOut {
    /// A page at `path` (output path) with its view.
    pub fn new<V: Serialize>(
        ctx: &Ctx,
        path: String,
        template: &'static str,
        head: Head,
        view: &V,
    ) -> PageOut {
        let Head {
            title,
            lang,
            searchable,
            description,
            json_ld,
            pager,
        } = head;
        // The 404 page is served for missing URLs at any depth: its links start at the base path.
        let l = if path == "404.html" {
            Links::rooted(&ctx.cfg.base_path(), ctx.cfg.file_links)
        } else {
            Links::new(&path, ctx.cfg.file_links)
        };
        let here = site_path(&path);
        let common = Common {
            site_title: ctx.cfg.title.clone(),
            site_description: ctx.cfg.description.clone(),
            title,
            description,
            json_ld,
            lang,
            root: l.root().to_string(),
            canonical: ctx.cfg.absolute(&here),
            home: l.to("/"),
            nav: NAV
                .iter()
                .map(|(t, p)| NavItem {
                    text: t,
                    href: l.to(p),
                    current: here.starts_with(p),
                })
                .collect(),
            search: l.to("/search/"),
            style: l.to("/assets/style.css"),
            site_js: l.to("/assets/site.js"),
            feed: l.to("/feed.xml"),
            data: [
                ("site.json", "/data/site.json"),
                ("site.json.gz", "/data/site.json.gz"),
                ("tasks.csv", "/data/tasks.csv"),
                ("targets.csv", "/data/targets.csv"),
                ("departments.csv", "/data/departments.csv"),
            ]
            .iter()
            .map(|(t, p)| Link {
                text: t.to_string(),
                href: l.to(p),
            })
            .collect(),
            review: l.to("/review/"),
            searchable,
            generator: format!("gazette {}", env!("CARGO_PKG_VERSION")),
            pager,
        };
        let mut context = tera::Context::new();
        context.insert(CONTEXT_KEYS[0], &common);
        context.insert(CONTEXT_KEYS[1], view);
        PageOut {
            path,
            template,
            context,
        }
    }
}
