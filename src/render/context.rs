//! Shared lookups for rendering (stage 5): the model with the site
//! settings, the mention sets used to link free text, the targets of
//! citations outside the corpus, and the building blocks every page view
//! uses (links, common page fields).

use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::export::urls;
use crate::model::{Deadline, Id, Model, Plan, Target as ModelTarget, Task, ids};
use crate::parse::Script;
use crate::render::links::Links;
use crate::render::text::{Mentions, Target};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A link as templates show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// A document cited from the corpus that has no page of its own.
#[derive(Debug, Clone, Serialize)]
pub struct CitedRef {
    pub anchor: String,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    /// Ids of the citing documents.
    pub cited_by: Vec<Id>,
}

/// Everything pages are rendered from.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub cfg: &'a SiteConfig,
    /// The build date (YYYY-MM-DD): what "upcoming" is measured from.
    pub today: String,
    pub departments: Mentions,
    pub citations: Mentions,
    /// Cited documents outside the corpus, keyed by doc number or title.
    pub cited: BTreeMap<String, CitedRef>,
    /// Site path of the page for each citation key (in-corpus document or `cited/#anchor`).
    pub citation_paths: BTreeMap<String, String>,
    /// Consecutive editions of the same plan (older, newer): each has a comparison page.
    pub edition_pairs: Vec<(String, String)>,
    /// The same pairs, to look one up (a plan page asks for each of its
    /// editions).
    pub edition_pair_set: std::collections::HashSet<(String, String)>,
    /// The citations made by each document, by its id (in model order).
    pub citations_from: std::collections::HashMap<&'a str, Vec<&'a crate::model::Citation>>,
    /// Where each month of the timeline starts (`2025-12` →
    /// `/deadlines/2025/page/3/#d-2025-12`): the timeline is split by
    /// year, and a year into pages.
    pub deadline_months: BTreeMap<String, String>,
    /// Deadlines stated in each task, by task id.
    pub task_deadlines: BTreeMap<&'a str, Vec<&'a Deadline>>,
    /// The page of its indicator that holds each target.
    pub target_pages: urls::TargetPages,
    /// The diagnostics met while reading the content and building the
    /// model, for the review page (none unless the caller sets them).
    pub diagnostics: Vec<Diagnostic>,
    /// What the matrix pages are made from (see [`Ctx::matrix`]), made on
    /// first use.
    matrix: std::sync::OnceLock<crate::render::matrix_page::MatrixData<'a>>,
    /// The review items (see [`Ctx::review_items`]), made on first use.
    review: std::sync::OnceLock<Vec<crate::model::review::ReviewItem>>,
}

/// The site folder of the list of cited documents outside the corpus.
pub const CITED: &str = "cited/";

/// The site folder of the timeline.
pub const DEADLINES: &str = "deadlines/";

/// Deadlines by year (`2025`), each year's in timeline order (date, id).
pub fn deadlines_by_year(model: &Model) -> BTreeMap<&str, Vec<&Deadline>> {
    let mut by: BTreeMap<&str, Vec<&Deadline>> = BTreeMap::new();
    for d in model.deadlines.values() {
        by.entry(&d.date[..4]).or_default().push(d);
    }
    for v in by.values_mut() {
        v.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    }
    by
}

/// The site folder of one year of the timeline (`deadlines/2025/`).
pub fn deadline_year_base(year: &str) -> String {
    format!("{DEADLINES}{year}/")
}

fn deadline_months(model: &Model, size: usize) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (year, ds) in deadlines_by_year(model) {
        let base = deadline_year_base(year);
        for (i, d) in ds.iter().enumerate() {
            let month = &d.date[..7];
            if !out.contains_key(month) {
                let page = crate::render::paginate::page_url(
                    &base,
                    crate::render::paginate::page_of(i, size),
                );
                out.insert(month.to_string(), format!("{page}#d-{month}"));
            }
        }
    }
    out
}

/// The key of a citation: its document number, else its title.
pub fn citation_key(doc_number: Option<&str>, title: Option<&str>) -> String {
    doc_number.or(title).unwrap_or_default().to_string()
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model, cfg: &'a SiteConfig, today: String) -> Ctx<'a> {
        let mut dept_entries = Vec::new();
        for d in model.departments.values() {
            let t = Target {
                path: urls::department(&d.id),
                class: "dept",
                title: None,
            };
            dept_entries.push((d.name.clone(), t.clone()));
            for a in &d.aliases {
                dept_entries.push((a.clone(), t.clone()));
            }
        }
        let mut cited: BTreeMap<String, CitedRef> = BTreeMap::new();
        let mut citation_paths = BTreeMap::new();
        let mut taken = BTreeSet::new();
        for c in &model.citations {
            let key = citation_key(c.doc_number.as_deref(), c.title.as_deref());
            if key.is_empty() {
                continue;
            }
            match &c.to {
                Some(to) => {
                    citation_paths.insert(key, urls::document(to));
                }
                None => {
                    let r = cited.entry(key.clone()).or_insert_with(|| CitedRef {
                        anchor: ids::unique(&ids::slug(&key), &mut taken),
                        title: c.title.clone(),
                        doc_number: c.doc_number.clone(),
                        cited_by: Vec::new(),
                    });
                    // Citations come sorted by the citing document: a
                    // repeat from the same one is the last pushed.
                    if r.cited_by.last() != Some(&c.from) {
                        r.cited_by.push(c.from.clone());
                    }
                    citation_paths
                        .entry(key)
                        .or_insert_with(|| format!("/cited/#{}", r.anchor));
                }
            }
        }
        // The cited list is paginated: each entry's anchor is on its page.
        for (i, (key, r)) in cited.iter().enumerate() {
            if let Some(p) = citation_paths.get_mut(key)
                && p.starts_with("/cited/")
            {
                let page = crate::render::paginate::page_of(i, cfg.page_size);
                *p = format!(
                    "{}#{}",
                    crate::render::paginate::page_url(CITED, page),
                    r.anchor
                );
            }
        }
        // Printed forms of citations in the texts, to link them where they stand.
        let mut cite_entries = Vec::new();
        for (printed, (doc_number, title)) in &model.citations_printed {
            let key = citation_key(doc_number.as_deref(), title.as_deref());
            if let Some(path) = citation_paths.get(&key) {
                cite_entries.push((
                    printed.clone(),
                    Target {
                        path: path.clone(),
                        class: "cite",
                        title: Some(key),
                    },
                ));
            }
        }
        let edition_pairs = crate::model::compare::edition_pairs(model);
        let mut citations_from: std::collections::HashMap<&str, Vec<&crate::model::Citation>> =
            std::collections::HashMap::new();
        for c in &model.citations {
            citations_from.entry(c.from.as_str()).or_default().push(c);
        }
        Ctx {
            model,
            cfg,
            today,
            departments: Mentions::new(dept_entries),
            citations: Mentions::new(cite_entries),
            cited,
            citation_paths,
            edition_pair_set: edition_pairs.iter().cloned().collect(),
            edition_pairs,
            citations_from,
            deadline_months: deadline_months(model, cfg.page_size),
            task_deadlines: by_task(model.deadlines.values(), |d| d.task.as_deref()),
            target_pages: urls::TargetPages::new(model, cfg.page_size),
            diagnostics: Vec::new(),
            review: std::sync::OnceLock::new(),
            matrix: std::sync::OnceLock::new(),
        }
    }

    /// What the matrix pages are made from, counted once for all of them.
    pub fn matrix(&self) -> &crate::render::matrix_page::MatrixData<'a> {
        self.matrix
            .get_or_init(|| crate::render::matrix_page::MatrixData::new(self))
    }

    /// The review of the site (from the model and [`Ctx::diagnostics`]),
    /// made once for the review page and `data/review.json`.
    pub fn review_items(&self) -> &[crate::model::review::ReviewItem] {
        self.review.get_or_init(|| {
            crate::model::review::review(self.model, &self.diagnostics, self.cfg.page_size)
        })
    }

    /// The targets of plan `id` as mentions, to link where they are
    /// stated (none for an unknown plan). Made for each page that asks
    /// (the plan's page and its document's), not kept: kept, those of a
    /// site of 10,000 documents held 0.85 GB through the render.
    pub fn plan_targets(&self, id: &str) -> Option<Mentions> {
        let plan = self.model.plans.get(id)?;
        Some(target_mentions(self.model, &self.target_pages, plan))
    }

    pub fn links(&self, page: &str) -> Links {
        Links::new(page, self.cfg.file_links)
    }

    pub fn doc_link(&self, l: &Links, id: &str) -> Link {
        let d = &self.model.documents[id];
        Link {
            text: d.title.clone(),
            href: l.to(&urls::document(id)),
        }
    }

    pub fn plan_link(&self, l: &Links, id: &str) -> Link {
        let p = &self.model.plans[id];
        Link {
            text: p.title.clone(),
            href: l.to(&urls::plan(id)),
        }
    }

    pub fn dept_link(&self, l: &Links, id: &str) -> Link {
        let d = &self.model.departments[id];
        Link {
            text: d.name.clone(),
            href: l.to(&urls::department(id)),
        }
    }

    pub fn indicator_link(&self, l: &Links, id: &str) -> Link {
        let i = &self.model.indicators[id];
        Link {
            text: i.name.clone(),
            href: l.to(&urls::indicator(id)),
        }
    }

    pub fn task_link(&self, l: &Links, t: &Task) -> Link {
        Link {
            text: format!("{} {}", t.number, t.title),
            href: l.to(&urls::task(&t.plan, &t.anchor)),
        }
    }

    /// The site path of a target's source sentence: its task, else its paragraph.
    /// The site path of a target: the page of its indicator that holds it.
    pub fn target_path(&self, t: &ModelTarget) -> String {
        self.target_pages.url(t)
    }

    pub fn target_source_path(&self, t: &ModelTarget) -> String {
        match t.task.as_ref().and_then(|id| self.model.tasks.get(id)) {
            Some(task) => urls::task(&t.plan, &task.anchor),
            None => format!("{}#l{}", urls::plan(&t.plan), t.source.span.start),
        }
    }

    /// The language of a document's pages.
    pub fn lang_of_doc(&self, id: &str) -> String {
        match self.model.documents.get(id).map(|d| d.script) {
            Some(Script::Traditional) => "zh-Hant".into(),
            _ => self.cfg.language.clone(),
        }
    }

    /// The document a plan belongs to, and the language of its page.
    pub fn lang_of_plan(&self, id: &str) -> String {
        self.model
            .plans
            .get(id)
            .map(|p| self.lang_of_doc(&p.document))
            .unwrap_or_else(|| self.cfg.language.clone())
    }
}

/// Items grouped by the task they are stated in (in id order).
fn by_task<'a, T>(
    items: impl Iterator<Item = &'a T>,
    task: impl Fn(&T) -> Option<&str>,
) -> BTreeMap<&'a str, Vec<&'a T>> {
    let mut out: BTreeMap<&'a str, Vec<&'a T>> = BTreeMap::new();
    for x in items {
        if let Some(t) = task(x) {
            out.entry(t).or_default().push(x);
        }
    }
    out
}

/// The targets of a plan, to highlight where they are stated.
fn target_mentions(model: &Model, pages: &urls::TargetPages, p: &Plan) -> Mentions {
    Mentions::new(
        p.targets
            .iter()
            .filter_map(|id| model.targets.get(id))
            .map(|t| {
                (
                    t.text.clone(),
                    Target {
                        path: pages.url(t),
                        class: "target",
                        title: Some(format!(
                            "指标:{}",
                            model
                                .indicators
                                .get(&t.indicator)
                                .map(|i| i.name.as_str())
                                .unwrap_or_default()
                        )),
                    },
                )
            }),
    )
}

/// A target's value as printed: comparator words, number, unit.
pub fn printed_value(t: &ModelTarget) -> String {
    let num = |v: f64| {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let mut s = String::new();
    match (t.value, t.value_high) {
        (Some(v), Some(h)) if h != v => s.push_str(&format!("{}—{}", num(v), num(h))),
        (Some(v), _) => s.push_str(&num(v)),
        _ => {}
    }
    if let Some(u) = &t.unit {
        s.push_str(u);
    }
    s
}
