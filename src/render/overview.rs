//! Overview pages (stage 5): the index, the lists of documents, plans,
//! departments and indicators, the deadline timeline, cited documents
//! outside the corpus, search and 404 (the responsibility matrix is in
//! `matrix_page`).

use crate::export::urls;
use crate::model::Document;
use crate::render::context::{Ctx, Link, printed_value};
use crate::render::describe;
use crate::render::docs::{PlanRow, plan_row};
use crate::render::page::{Head, PageOut};
use crate::render::people::{DeadlineRow, deadline_row};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Serialize)]
pub struct DocRow {
    pub link: Link,
    pub doc_number: Option<String>,
    pub issuers: String,
    pub date: Option<String>,
    pub published: Option<String>,
    pub plans: usize,
    pub script: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FamilyView {
    pub name: String,
    pub plans: Vec<PlanRow>,
}

#[derive(Debug, Serialize)]
pub struct DeptRow {
    pub link: Link,
    pub lead: usize,
    pub support: usize,
    pub known: bool,
    /// Its level of government (国家级, 省级, 市级, 县级).
    pub level: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct KeyTarget {
    pub indicator: Link,
    pub value: String,
    pub year: Option<i32>,
    pub comparator: Option<String>,
    /// The target as printed.
    pub text: String,
    pub plan: Link,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct Counts {
    pub documents: usize,
    pub plans: usize,
    pub tasks: usize,
    pub departments: usize,
    pub indicators: usize,
    pub targets: usize,
    pub deadlines: usize,
    pub citations: usize,
}

#[derive(Debug, Serialize)]
pub struct IndexView {
    pub counts: Counts,
    pub families: Vec<FamilyView>,
    pub documents: Vec<DocRow>,
    pub departments: Vec<DeptRow>,
    pub targets: Vec<KeyTarget>,
    pub deadlines: Vec<DeadlineRow>,
    pub today: String,
    /// The overview pages, in the order the index lists them.
    pub links: Vec<Link>,
    /// The same, by name, for links placed one by one.
    pub hrefs: IndexHrefs,
}

/// Relative links to the overview pages, from the index.
#[derive(Debug, Serialize)]
pub struct IndexHrefs {
    pub documents: String,
    pub plans: String,
    pub departments: String,
    pub indicators: String,
    pub deadlines: String,
    pub matrix: String,
    pub cited: String,
}

fn doc_date(d: &Document) -> String {
    d.date.clone().or(d.published.clone()).unwrap_or_default()
}

/// Documents, newest first (undated last), then by id.
fn docs_by_date<'m>(ctx: &'m Ctx) -> Vec<&'m Document> {
    let mut v: Vec<&Document> = ctx.model.documents.values().collect();
    v.sort_by(|a, b| doc_date(b).cmp(&doc_date(a)).then(a.id.cmp(&b.id)));
    v
}

fn doc_row(ctx: &Ctx, l: &crate::render::links::Links, d: &Document) -> DocRow {
    DocRow {
        link: ctx.doc_link(l, &d.id),
        doc_number: d.doc_number.clone(),
        issuers: d.issuers.join("、"),
        date: d.date.clone(),
        published: d.published.clone(),
        plans: d.plans.len(),
        script: crate::render::docs::script_label(d.script),
    }
}

fn families(ctx: &Ctx, l: &crate::render::links::Links, top_only: bool) -> Vec<FamilyView> {
    let m = ctx.model;
    let mut by: BTreeMap<String, Vec<PlanRow>> = BTreeMap::new();
    let mut plans: Vec<_> = m
        .plans
        .values()
        .filter(|p| !top_only || p.parent.is_none())
        .collect();
    plans.sort_by(|a, b| {
        (&a.family, &a.edition, &a.name, &a.id).cmp(&(&b.family, &b.edition, &b.name, &b.id))
    });
    for p in plans {
        let fam = p.family.clone().unwrap_or_else(|| "其他计划与规划".into());
        by.entry(fam).or_default().push(plan_row(ctx, l, p));
    }
    let mut out: Vec<FamilyView> = by
        .into_iter()
        .map(|(name, plans)| FamilyView { name, plans })
        .collect();
    // Named families first, the catch-all last.
    out.sort_by_key(|f| (f.name == "其他计划与规划", f.name.clone()));
    out
}

fn dept_rows(ctx: &Ctx, l: &crate::render::links::Links) -> Vec<DeptRow> {
    let mut v: Vec<DeptRow> = ctx
        .model
        .departments
        .values()
        .map(|d| DeptRow {
            link: ctx.dept_link(l, &d.id),
            lead: d.lead.len(),
            support: d.support.len(),
            known: d.known,
            level: d.level.map(|l| l.label()),
        })
        .collect();
    v.sort_by(|a, b| {
        (b.lead, b.support)
            .cmp(&(a.lead, a.support))
            .then(a.link.cmp(&b.link))
    });
    v
}

pub fn index(ctx: &Ctx) -> PageOut {
    let m = ctx.model;
    let path = "index.html".to_string();
    let l = ctx.links(&path);
    let limit = ctx.cfg.index_limit;
    let this_year: i32 = ctx.today[..4].parse().unwrap_or(0);
    // Key targets: dated, certain, from this year on, nearest first; one per indicator.
    let mut ts: Vec<_> = m
        .targets
        .values()
        .filter(|t| !t.uncertain && t.year.is_some_and(|y| y >= this_year))
        .collect();
    ts.sort_by(|a, b| (a.year, &a.indicator, &a.id).cmp(&(b.year, &b.indicator, &b.id)));
    let mut seen = BTreeSet::new();
    ts.retain(|t| seen.insert(t.indicator.clone()));
    // Fall back to the latest stated targets when none is due from this year on.
    if ts.is_empty() {
        ts = m
            .targets
            .values()
            .filter(|t| !t.uncertain && t.year.is_some())
            .collect();
        ts.sort_by(|a, b| (b.year, &a.indicator, &a.id).cmp(&(a.year, &b.indicator, &b.id)));
        let mut seen = BTreeSet::new();
        ts.retain(|t| seen.insert(t.indicator.clone()));
    }
    let targets = ts
        .into_iter()
        .take(limit)
        .map(|t| KeyTarget {
            indicator: ctx.indicator_link(&l, &t.indicator),
            value: printed_value(t),
            year: t.year,
            comparator: t.comparator.clone(),
            text: t.text.clone(),
            plan: ctx.plan_link(&l, &t.plan),
            href: l.to(&urls::target(&t.indicator, &t.id)),
        })
        .collect();
    let mut dls: Vec<_> = m
        .deadlines
        .values()
        .filter(|d| d.date >= ctx.today)
        .collect();
    dls.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let view = IndexView {
        counts: Counts {
            documents: m.documents.len(),
            plans: m.plans.len(),
            tasks: m.tasks.len(),
            departments: m.departments.len(),
            indicators: m.indicators.len(),
            targets: m.targets.len(),
            deadlines: m.deadlines.len(),
            citations: m.citations.len(),
        },
        families: families(ctx, &l, true),
        documents: docs_by_date(ctx)
            .into_iter()
            .map(|d| doc_row(ctx, &l, d))
            .collect(),
        departments: dept_rows(ctx, &l)
            .into_iter()
            .filter(|d| d.lead > 0)
            .take(limit)
            .collect(),
        targets,
        deadlines: dls
            .into_iter()
            .take(limit)
            .map(|d| deadline_row(ctx, &l, d, ""))
            .collect(),
        today: ctx.today.clone(),
        hrefs: IndexHrefs {
            documents: l.to("/documents/"),
            plans: l.to("/plans/"),
            departments: l.to("/departments/"),
            indicators: l.to("/indicators/"),
            deadlines: l.to("/deadlines/"),
            matrix: l.to("/matrix/"),
            cited: l.to("/cited/"),
        },
        links: [
            ("全部文件", "/documents/"),
            ("全部计划", "/plans/"),
            ("全部部门", "/departments/"),
            ("全部指标", "/indicators/"),
            ("时间表", "/deadlines/"),
            ("分工矩阵", "/matrix/"),
            ("引用的其他文件", "/cited/"),
        ]
        .iter()
        .map(|(t, p)| Link {
            text: t.to_string(),
            href: l.to(p),
        })
        .collect(),
    };
    let head = Head::new(ctx, &ctx.cfg.title, &describe::index(ctx));
    PageOut::new(ctx, path, "index.html", head, &view)
}

#[derive(Debug, Serialize)]
pub struct ListView<T: Serialize> {
    pub rows: Vec<T>,
}

pub fn documents(ctx: &Ctx) -> PageOut {
    let path = "documents/index.html".to_string();
    let l = ctx.links(&path);
    let rows: Vec<DocRow> = docs_by_date(ctx)
        .into_iter()
        .map(|d| doc_row(ctx, &l, d))
        .collect();
    let head = Head::new(
        ctx,
        "全部文件",
        &format!(
            "全部 {} 份文件，按日期排列，列出文号、发文机关和日期。",
            ctx.model.documents.len()
        ),
    );
    PageOut::new(ctx, path, "documents.html", head, &ListView { rows })
}

pub fn plans(ctx: &Ctx) -> PageOut {
    let path = "plans/index.html".to_string();
    let l = ctx.links(&path);
    let rows = families(ctx, &l, false);
    let head = Head::new(
        ctx,
        "全部计划",
        &format!(
            "全部 {} 个计划，按计划体系排列，共 {} 项任务、{} 个量化目标。",
            ctx.model.plans.len(),
            ctx.model.tasks.len(),
            ctx.model.targets.len()
        ),
    );
    PageOut::new(ctx, path, "plans.html", head, &ListView { rows })
}

pub fn departments(ctx: &Ctx) -> PageOut {
    let path = "departments/index.html".to_string();
    let l = ctx.links(&path);
    let rows = dept_rows(ctx, &l);
    let head = Head::new(
        ctx,
        "全部部门",
        &format!(
            "全部 {} 个部门，各自牵头和配合的任务数，共 {} 项任务。",
            ctx.model.departments.len(),
            ctx.model.tasks.len()
        ),
    );
    PageOut::new(ctx, path, "departments.html", head, &ListView { rows })
}

#[derive(Debug, Serialize)]
pub struct IndicatorListRow {
    pub link: Link,
    pub targets: usize,
    pub years: String,
    pub plans: usize,
}

pub fn indicators(ctx: &Ctx) -> PageOut {
    let m = ctx.model;
    let path = "indicators/index.html".to_string();
    let l = ctx.links(&path);
    let mut rows: Vec<IndicatorListRow> = m
        .indicators
        .values()
        .map(|i| {
            let ts: Vec<_> = i.targets.iter().map(|t| &m.targets[t]).collect();
            let years: BTreeSet<i32> = ts.iter().filter_map(|t| t.year).collect();
            let plans: BTreeSet<&String> = ts.iter().map(|t| &t.plan).collect();
            IndicatorListRow {
                link: ctx.indicator_link(&l, &i.id),
                targets: ts.len(),
                years: years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
                plans: plans.len(),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.targets.cmp(&a.targets).then(a.link.cmp(&b.link)));
    let head = Head::new(
        ctx,
        "全部指标",
        &format!(
            "全部 {} 个指标，各计划、版本和年份提出的 {} 个目标值。",
            ctx.model.indicators.len(),
            ctx.model.targets.len()
        ),
    );
    PageOut::new(ctx, path, "indicators.html", head, &ListView { rows })
}

#[derive(Debug, Serialize)]
pub struct DeadlineItem {
    pub row: DeadlineRow,
    /// Department ids (lead and support) of the task, for the filter.
    pub departments: String,
    pub leads: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub struct MonthGroup {
    pub anchor: String,
    pub label: String,
    pub items: Vec<DeadlineItem>,
}

#[derive(Debug, Serialize)]
pub struct YearGroup {
    pub anchor: String,
    pub year: String,
    pub count: usize,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Serialize)]
pub struct DeadlinesView {
    pub years: Vec<YearGroup>,
    pub departments: Vec<Link>,
    pub department_ids: Vec<String>,
    pub total: usize,
}

pub fn deadlines(ctx: &Ctx) -> PageOut {
    let m = ctx.model;
    let path = "deadlines/index.html".to_string();
    let l = ctx.links(&path);
    let mut dls: Vec<_> = m.deadlines.values().collect();
    dls.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let mut years: BTreeMap<String, BTreeMap<String, Vec<DeadlineItem>>> = BTreeMap::new();
    let mut depts = BTreeSet::new();
    for d in dls {
        let task = d.task.as_ref().and_then(|t| m.tasks.get(t));
        let ids: Vec<String> = task
            .map(|t| t.lead.iter().chain(&t.support).cloned().collect())
            .unwrap_or_default();
        depts.extend(ids.iter().cloned());
        let item = DeadlineItem {
            row: deadline_row(ctx, &l, d, ""),
            departments: ids.join(" "),
            leads: task
                .map(|t| t.lead.iter().map(|x| ctx.dept_link(&l, x)).collect())
                .unwrap_or_default(),
        };
        years
            .entry(d.date[..4].to_string())
            .or_default()
            .entry(d.date[..7].to_string())
            .or_default()
            .push(item);
    }
    let years: Vec<YearGroup> = years
        .into_iter()
        .map(|(y, months)| YearGroup {
            anchor: format!("y-{y}"),
            count: months.values().map(|v| v.len()).sum(),
            year: y,
            months: months
                .into_iter()
                .map(|(ym, items)| MonthGroup {
                    anchor: format!("d-{ym}"),
                    label: format!("{}年{}月", &ym[..4], ym[5..].trim_start_matches('0')),
                    items,
                })
                .collect(),
        })
        .collect();
    let mut dept_links: Vec<(String, Link)> = depts
        .iter()
        .map(|d| (d.clone(), ctx.dept_link(&l, d)))
        .collect();
    dept_links.sort_by(|a, b| a.1.text.cmp(&b.1.text));
    let view = DeadlinesView {
        total: m.deadlines.len(),
        years,
        department_ids: dept_links.iter().map(|(i, _)| i.clone()).collect(),
        departments: dept_links.into_iter().map(|(_, k)| k).collect(),
    };
    let head = Head::new(
        ctx,
        "时间表",
        &format!(
            "时间表：{} 个有明确日期的承诺，按年月排列，可按部门筛选。",
            ctx.model.deadlines.len()
        ),
    );
    PageOut::new(ctx, path, "deadlines.html", head, &view)
}

#[derive(Debug, Serialize)]
pub struct CitedRow {
    pub anchor: String,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub cited_by: Vec<Link>,
}

pub fn cited(ctx: &Ctx) -> PageOut {
    let path = "cited/index.html".to_string();
    let l = ctx.links(&path);
    let rows: Vec<CitedRow> = ctx
        .cited
        .values()
        .map(|c| CitedRow {
            anchor: c.anchor.clone(),
            title: c.title.clone(),
            doc_number: c.doc_number.clone(),
            cited_by: c.cited_by.iter().map(|d| ctx.doc_link(&l, d)).collect(),
        })
        .collect();
    let head = Head::new(
        ctx,
        "引用的其他文件",
        &format!(
            "本站文件引用但未收录的 {} 份文件，以及引用它们的文件。",
            ctx.cited.len()
        ),
    );
    PageOut::new(ctx, path, "cited.html", head, &ListView { rows })
}

#[derive(Debug, Serialize)]
pub struct Empty {}

pub fn search(ctx: &Ctx) -> PageOut {
    let head = Head::new(
        ctx,
        "搜索",
        &format!(
            "搜索 {} 份文件和 {} 个计划的全文，以及文件、计划、部门和指标的名称。",
            ctx.model.documents.len(),
            ctx.model.plans.len()
        ),
    );
    PageOut::new(
        ctx,
        "search/index.html".into(),
        "search.html",
        head,
        &Empty {},
    )
}

pub fn not_found(ctx: &Ctx) -> PageOut {
    let head = Head::new(
        ctx,
        "找不到页面",
        "找不到页面：该页面不存在，可能已被移动或删除。",
    );
    PageOut::new(ctx, "404.html".into(), "404.html", head, &Empty {})
}
