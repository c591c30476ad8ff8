//! Department and indicator pages (stage 5): who leads and supports what,
//! grouped by document and plan, with partners and deadlines; every
//! target stated for an indicator across plans, editions and years.

use crate::export::urls;
use crate::model::{Deadline, Id, Target};
use crate::render::context::{Ctx, Link, printed_value};
use crate::render::docs::{CountRow, Facet};
use crate::render::links::Links;
use crate::render::page::{Head, PageOut};
use crate::render::paginate::{self, Pager};
use crate::render::{describe, jsonld};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Serialize)]
pub struct TaskRow {
    pub link: Link,
    pub number: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct PlanGroup {
    pub anchor: String,
    pub plan: Link,
    pub edition: Option<String>,
    pub tasks: Vec<TaskRow>,
}

#[derive(Debug, Serialize)]
pub struct DocGroup {
    pub document: Link,
    pub count: usize,
    pub plans: Vec<PlanGroup>,
}

#[derive(Debug, Serialize)]
pub struct DeadlineRow {
    pub date: String,
    pub text: String,
    pub task: Option<Link>,
    pub plan: Link,
    pub role: &'static str,
}

#[derive(Debug, Serialize)]
pub struct DeptView {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub known: bool,
    /// Its level of government (国家级, 省级, 市级, 县级).
    pub level: Option<&'static str>,
    pub successor: Option<Link>,
    pub predecessors: Vec<Link>,
    pub lead_count: usize,
    pub support_count: usize,
    /// The tasks listed on this page (of its documents).
    pub page_lead: usize,
    pub page_support: usize,
    /// The department's documents by year, newest first, with links.
    pub years: Vec<YearCount>,
    pub lead: Vec<DocGroup>,
    pub support: Vec<DocGroup>,
    pub partners: Vec<CountRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub feed: String,
    pub facets: Vec<Facet>,
}

/// One document of a department's tasks: those it leads and supports.
pub struct DeptDoc<'m> {
    pub id: &'m str,
    /// The document's date (成文日期, else 发布日期; empty when undated).
    pub date: &'m str,
    pub lead: Vec<&'m str>,
    pub support: Vec<&'m str>,
}

/// The documents of a department's tasks, newest first (undated last),
/// then by id, split into the pages of its department page: the first
/// page holds the newest documents, each page about
/// [`page_size`](crate::config::SiteConfig) tasks (a document is
/// never split).
pub fn dept_pages<'m>(ctx: &'m Ctx, id: &str) -> Vec<Vec<DeptDoc<'m>>> {
    let m = ctx.model;
    let d = &m.departments[id];
    let mut by: BTreeMap<&str, DeptDoc> = BTreeMap::new();
    for (role, ts) in [(0, &d.lead), (1, &d.support)] {
        for t in ts {
            let Some(task) = m.tasks.get(t) else { continue };
            let Some(plan) = m.plans.get(&task.plan) else {
                continue;
            };
            let doc = by.entry(&plan.document).or_insert_with(|| DeptDoc {
                id: &plan.document,
                date: m
                    .documents
                    .get(&plan.document)
                    .and_then(|x| x.date.as_deref().or(x.published.as_deref()))
                    .unwrap_or(""),
                lead: Vec::new(),
                support: Vec::new(),
            });
            if role == 0 {
                doc.lead.push(t);
            } else {
                doc.support.push(t);
            }
        }
    }
    let mut docs: Vec<DeptDoc> = by.into_values().collect();
    docs.sort_by(|a, b| b.date.cmp(a.date).then(a.id.cmp(b.id)));
    paginate::split_groups(docs, ctx.cfg.page_size, |d| d.lead.len() + d.support.len())
}

/// Tasks grouped by document (in the order given), then plan (in plan order).
fn groups(ctx: &Ctx, l: &Links, docs: &[(&str, &[&str])], role: &str) -> Vec<DocGroup> {
    let m = ctx.model;
    docs.iter()
        .filter(|(_, ts)| !ts.is_empty())
        .map(|(doc, ts)| {
            let mut plans: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for t in *ts {
                plans.entry(&m.tasks[*t].plan).or_default().push(t);
            }
            DocGroup {
                document: ctx.doc_link(l, doc),
                count: ts.len(),
                plans: plans
                    .into_iter()
                    .map(|(pid, tasks)| PlanGroup {
                        anchor: format!("{role}-{pid}"),
                        plan: ctx.plan_link(l, pid),
                        edition: m.plans[pid].edition.clone(),
                        tasks: tasks
                            .iter()
                            .map(|t| {
                                let t = &m.tasks[*t];
                                TaskRow {
                                    link: ctx.task_link(l, t),
                                    number: t.number.clone(),
                                    title: t.title.clone(),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Deadlines of the tasks a department leads or supports, by date.
pub fn dept_deadlines<'m>(ctx: &'m Ctx, id: &str) -> Vec<(&'m Deadline, &'static str)> {
    let m = ctx.model;
    let mut out: Vec<(&Deadline, &'static str)> = m
        .deadlines
        .values()
        .filter_map(|x| {
            // The task's own (short) lists: the department's may hold thousands.
            let t = m.tasks.get(x.task.as_ref()?)?;
            if t.lead.iter().any(|d| d == id) {
                Some((x, "牵头"))
            } else if t.support.iter().any(|d| d == id) {
                Some((x, "配合"))
            } else {
                None
            }
        })
        .collect();
    out.sort_by(|a, b| a.0.date.cmp(&b.0.date).then(a.0.id.cmp(&b.0.id)));
    out
}

pub fn deadline_row(ctx: &Ctx, l: &Links, x: &Deadline, role: &'static str) -> DeadlineRow {
    DeadlineRow {
        date: x.date.clone(),
        text: x.text.clone(),
        task: x
            .task
            .as_ref()
            .and_then(|t| ctx.model.tasks.get(t))
            .map(|t| ctx.task_link(l, t)),
        plan: ctx.plan_link(l, &x.plan),
        role,
    }
}

/// A year of a department's documents, linking to the page that lists
/// the first of them.
#[derive(Debug, Serialize)]
pub struct YearCount {
    pub year: String,
    pub documents: usize,
    pub lead: usize,
    pub support: usize,
    pub href: String,
}

/// The department page, in pages: the first lists the tasks of its newest
/// documents, the next ones those of older documents (see [`dept_pages`]);
/// each page gives the counts per year, linking onward.
pub fn department(ctx: &Ctx, id: &str) -> Vec<PageOut> {
    let m = ctx.model;
    let d = &m.departments[id];
    let base = urls::department(id);
    let pages = dept_pages(ctx, id);
    let n = pages.len();
    let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
    for t in d.lead.iter().chain(&d.support) {
        let task = &m.tasks[t];
        let others: BTreeSet<&Id> = task.lead.iter().chain(&task.support).collect();
        for o in others {
            if o != id {
                *partners.entry(o).or_default() += 1;
            }
        }
    }
    let mut partners: Vec<(&str, usize)> = partners.into_iter().collect();
    partners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    partners.truncate(12);
    // Years, newest first, with the page of their first document.
    let mut years: Vec<(String, usize, usize, usize, usize)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for doc in page {
            let y = if doc.date.len() >= 4 {
                doc.date[..4].to_string()
            } else {
                "日期不详".to_string()
            };
            match years.last_mut() {
                Some(last) if last.0 == y => {
                    last.1 += 1;
                    last.2 += doc.lead.len();
                    last.3 += doc.support.len();
                }
                _ => years.push((y, 1, doc.lead.len(), doc.support.len(), i + 1)),
            }
        }
    }
    let deadlines = dept_deadlines(ctx, id);
    let head = Head {
        json_ld: Some(jsonld::department(ctx, d)),
        ..Head::new(ctx, &d.name, &describe::department(ctx, d))
    };
    pages
        .iter()
        .enumerate()
        .map(|(i, docs)| {
            let path = paginate::page_path(&base, i + 1);
            let l = ctx.links(&path);
            let lead: Vec<(&str, &[&str])> = docs.iter().map(|x| (x.id, &x.lead[..])).collect();
            let support: Vec<(&str, &[&str])> =
                docs.iter().map(|x| (x.id, &x.support[..])).collect();
            let here: BTreeSet<&str> = docs.iter().map(|x| x.id).collect();
            let view = DeptView {
                id: id.to_string(),
                name: d.name.clone(),
                aliases: d.aliases.clone(),
                known: d.known,
                level: d.level.map(|l| l.label()),
                successor: d
                    .successor
                    .as_ref()
                    .filter(|s| m.departments.contains_key(*s))
                    .map(|s| ctx.dept_link(&l, s)),
                predecessors: m
                    .departments
                    .values()
                    .filter(|x| x.successor.as_deref() == Some(id))
                    .map(|x| ctx.dept_link(&l, &x.id))
                    .collect(),
                lead_count: d.lead.len(),
                support_count: d.support.len(),
                page_lead: lead.iter().map(|x| x.1.len()).sum(),
                page_support: support.iter().map(|x| x.1.len()).sum(),
                lead: groups(ctx, &l, &lead, "lead"),
                support: groups(ctx, &l, &support, "support"),
                years: years
                    .iter()
                    .map(|(y, docs, lead, support, page)| YearCount {
                        year: y.clone(),
                        documents: *docs,
                        lead: *lead,
                        support: *support,
                        href: l.to(&paginate::page_url(&base, *page)),
                    })
                    .collect(),
                partners: partners
                    .iter()
                    .map(|(o, n)| CountRow {
                        link: ctx.dept_link(&l, o),
                        count: *n,
                    })
                    .collect(),
                deadlines: deadlines
                    .iter()
                    .filter(|(x, _)| {
                        m.plans
                            .get(&x.plan)
                            .is_some_and(|p| here.contains(p.document.as_str()))
                    })
                    .map(|(x, r)| deadline_row(ctx, &l, x, r))
                    .collect(),
                feed: l.to(&format!("/departments/{id}/feed.xml")),
                facets: vec![Facet {
                    name: "department",
                    value: d.name.clone(),
                }],
            };
            // Departments are found by name and alias (search/names/); the
            // clauses naming them are indexed on the plan pages.
            let mut head = head.clone().paged(Pager::new(&l, &base, i + 1, n));
            // The structured data describes the body once, on its first page.
            if i > 0 {
                head.json_ld = None;
            }
            PageOut::new(ctx, path, "department.html", head, &view)
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub plan: Link,
    pub edition: Option<String>,
    pub year: Option<i32>,
    pub value: String,
    pub comparator: Option<String>,
    pub unit: Option<String>,
    pub text: String,
    pub source: String,
    pub uncertain: bool,
}

#[derive(Debug, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub name: String,
    /// Targets and plans of the whole indicator.
    pub total: usize,
    pub plan_count: usize,
    /// This page's targets (all of them on a page of its own).
    pub rows: Vec<IndicatorRow>,
    /// The charts of this page's targets.
    pub charts: Vec<String>,
    /// The plans of this page's targets.
    pub plans: Vec<Link>,
    /// Targets per placed year, newest first, each linking to the page
    /// where its year starts (only when the indicator has several pages).
    pub years: Vec<IndicatorYear>,
    pub facets: Vec<Facet>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorYear {
    /// The year, or 未定 for targets that cannot be placed.
    pub year: String,
    pub targets: usize,
    pub plans: usize,
    pub href: String,
}

/// Targets of an indicator in the order of its pages: newest first (see
/// [`urls::indicator_targets`]).
pub fn sorted_targets<'m>(ctx: &'m Ctx, id: &str) -> Vec<&'m Target> {
    crate::export::urls::indicator_targets(ctx.model, id)
}

/// The indicator page, in pages of `page_size` targets, newest first;
/// when split, every page gives the count of targets per year linking to
/// the page where that year starts, and page 1 holds the newest targets.
pub fn indicator(ctx: &Ctx, id: &str) -> Vec<PageOut> {
    let m = ctx.model;
    let ind = &m.indicators[id];
    let base = urls::indicator_base(id);
    let ts = sorted_targets(ctx, id);
    let total = ts.len();
    let all_plans: BTreeSet<&Id> = ts.iter().map(|t| &t.plan).collect();
    let plan_count = all_plans.len();
    // Years (placed), newest first, with the page of their first target.
    let mut years: Vec<(Option<i32>, usize, BTreeSet<&Id>, usize)> = Vec::new();
    for (i, t) in ts.iter().enumerate() {
        let y = urls::placed_year(m, t);
        match years.last_mut() {
            Some(last) if last.0 == y => {
                last.1 += 1;
                last.2.insert(&t.plan);
            }
            _ => years.push((
                y,
                1,
                BTreeSet::from([&t.plan]),
                paginate::page_of(i, ctx.cfg.page_size),
            )),
        }
    }
    let head = Head::new(ctx, &ind.name, &describe::indicator(ctx, &ind.name, &ts));
    let pages = paginate::split(ts, ctx.cfg.page_size);
    let n = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, ts)| {
            let path = paginate::page_path(&base, i + 1);
            let l = ctx.links(&path);
            let rows: Vec<IndicatorRow> = ts
                .iter()
                .map(|t| IndicatorRow {
                    id: t.id.to_string(),
                    plan: ctx.plan_link(&l, &t.plan),
                    edition: m.plans[&t.plan].edition.clone(),
                    year: t.year,
                    value: printed_value(t),
                    comparator: t.comparator.as_deref().map(str::to_string),
                    unit: t.unit.as_deref().map(str::to_string),
                    text: t.text.clone(),
                    source: l.to(&ctx.target_source_path(t)),
                    uncertain: t.uncertain,
                })
                .collect();
            let plans: BTreeSet<&Id> = ts.iter().map(|t| &t.plan).collect();
            let mut facets = vec![];
            for p in &plans {
                facets.push(Facet {
                    name: "plan",
                    value: m.plans[*p].title.clone(),
                });
            }
            let page_years: BTreeSet<i32> = ts.iter().filter_map(|t| t.year).collect();
            for y in page_years {
                facets.push(Facet {
                    name: "year",
                    value: y.to_string(),
                });
            }
            let view = IndicatorView {
                id: id.to_string(),
                name: ind.name.clone(),
                total,
                plan_count,
                charts: crate::render::charts::indicator_charts(ctx, &l, &ts),
                rows,
                plans: plans.iter().map(|p| ctx.plan_link(&l, p)).collect(),
                years: if n > 1 {
                    years
                        .iter()
                        .map(|(y, count, plans, page)| IndicatorYear {
                            year: y.map_or_else(|| "未定".to_string(), |y| y.to_string()),
                            targets: *count,
                            plans: plans.len(),
                            href: l.to(&paginate::page_url(&base, *page)),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                facets,
            };
            // Indicators are found by name (search/names/), not in the
            // full-text index: their targets are quoted from plan pages,
            // which are indexed.
            let mut head = head.clone().paged(Pager::new(&l, &base, i + 1, n));
            if i > 0 {
                head.json_ld = None;
            }
            PageOut::new(ctx, path, "indicator.html", head, &view)
        })
        .collect()
}
