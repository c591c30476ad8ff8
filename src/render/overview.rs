//! Overview pages (stage 5): the index, the lists of documents, plans,
//! departments and indicators, the deadline timeline, cited documents
//! outside the corpus, search and 404 (the responsibility matrix is in
//! `matrix_page`).

use crate::model::{Deadline, Department, Document, Id, Indicator, Plan};
use crate::render::context::{
    CITED, Ctx, DEADLINES, Link, deadline_year_base, deadlines_by_year, printed_value,
};
use crate::render::describe;
use crate::render::docs::{PlanRow, plan_row};
use crate::render::links::Links;
use crate::render::page::{Head, PageOut};
use crate::render::paginate::{self, Pager};
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
    /// On the index, when the family has more plans than are shown.
    pub more: Option<Link>,
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

fn doc_row(ctx: &Ctx, l: &Links, d: &Document) -> DocRow {
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

/// The name of the group of plans without a family.
const OTHER_FAMILY: &str = "其他计划与规划";

/// Top-level plans by family for the index: at most `limit` plans per
/// family, the others counted and linked to the plan list.
fn families(ctx: &Ctx, l: &Links, limit: usize) -> Vec<FamilyView> {
    let rows: Vec<(String, &Plan)> = plans_by_family(ctx, true);
    let mut out: Vec<FamilyView> = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (f, _) in &rows {
        *counts.entry(f.clone()).or_default() += 1;
    }
    let mut kept = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (f, p) in &rows {
        let n = seen.entry(f.as_str()).or_default();
        *n += 1;
        if *n <= limit {
            kept.push((f.clone(), plan_row(ctx, l, p)));
        }
    }
    for mut f in group_families(kept) {
        let all = counts[&f.name];
        if all > f.plans.len() {
            f.more = Some(Link {
                text: format!("该体系全部 {all} 个计划"),
                href: l.to("/plans/"),
            });
        }
        out.push(f);
    }
    out
}

fn dept_row(ctx: &Ctx, l: &Links, d: &Department) -> DeptRow {
    DeptRow {
        link: ctx.dept_link(l, &d.id),
        lead: d.lead.len(),
        support: d.support.len(),
        known: d.known,
        level: d.level.map(|l| l.label()),
    }
}

fn dept_rows(ctx: &Ctx, l: &Links) -> Vec<DeptRow> {
    let mut v: Vec<DeptRow> = ctx
        .model
        .departments
        .values()
        .map(|d| dept_row(ctx, l, d))
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
            comparator: t.comparator.as_deref().map(str::to_string),
            text: t.text.clone(),
            plan: ctx.plan_link(&l, &t.plan),
            href: l.to(&ctx.target_path(t)),
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
        families: families(ctx, &l, limit),
        documents: docs_by_date(ctx)
            .into_iter()
            .take(limit)
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

/// One page of a list: its rows, the size of the whole list and the
/// number (1-based) of its first row.
#[derive(Debug, Serialize)]
pub struct ListView<T: Serialize> {
    pub rows: Vec<T>,
    pub total: usize,
    pub first: usize,
    /// The number of its last row (`first - 1` when empty).
    pub last: usize,
}

/// The pages of a list at site folder `base`: `items` in their order,
/// [`SiteConfig::page_size`](crate::config::SiteConfig) per page,
/// each row made with the links of its own page.
pub fn list_pages<I, T: Serialize>(
    ctx: &Ctx,
    base: &str,
    template: &'static str,
    head: &Head,
    items: Vec<I>,
    row: impl Fn(&Links, I) -> T,
) -> Vec<PageOut> {
    let total = items.len();
    let size = ctx.cfg.page_size;
    let pages = paginate::split(items, size);
    let n = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, items)| {
            let path = paginate::page_path(base, i + 1);
            let l = ctx.links(&path);
            let view = ListView {
                first: i * size + 1,
                last: i * size + items.len(),
                rows: items.into_iter().map(|x| row(&l, x)).collect(),
                total,
            };
            let head = head.clone().paged(Pager::new(&l, base, i + 1, n));
            PageOut::new(ctx, path, template, head, &view)
        })
        .collect()
}

pub fn documents(ctx: &Ctx) -> Vec<PageOut> {
    let head = Head::new(
        ctx,
        "全部文件",
        &format!(
            "全部 {} 份文件，按日期排列，列出文号、发文机关和日期。",
            ctx.model.documents.len()
        ),
    );
    list_pages(
        ctx,
        "documents/",
        "documents.html",
        &head,
        docs_by_date(ctx),
        |l, d| doc_row(ctx, l, d),
    )
}

/// Plans in list order: by family (named families first), edition, name.
fn plans_by_family<'m>(ctx: &'m Ctx, top_only: bool) -> Vec<(String, &'m Plan)> {
    let mut plans: Vec<(String, &Plan)> = ctx
        .model
        .plans
        .values()
        .filter(|p| !top_only || p.parent.is_none())
        .map(|p| (p.family.clone().unwrap_or_else(|| OTHER_FAMILY.into()), p))
        .collect();
    plans.sort_by(|(fa, a), (fb, b)| {
        (fa == OTHER_FAMILY, fa, &a.edition, &a.name, &a.id).cmp(&(
            fb == OTHER_FAMILY,
            fb,
            &b.edition,
            &b.name,
            &b.id,
        ))
    });
    plans
}

/// Consecutive plans of one family as one group.
fn group_families(rows: Vec<(String, PlanRow)>) -> Vec<FamilyView> {
    let mut out: Vec<FamilyView> = Vec::new();
    for (fam, row) in rows {
        match out.last_mut() {
            Some(f) if f.name == fam => f.plans.push(row),
            _ => out.push(FamilyView {
                name: fam,
                plans: vec![row],
                more: None,
            }),
        }
    }
    out
}

pub fn plans(ctx: &Ctx) -> Vec<PageOut> {
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
    let total = ctx.model.plans.len();
    let size = ctx.cfg.page_size;
    let pages = paginate::split(plans_by_family(ctx, false), size);
    let n = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, items)| {
            let path = paginate::page_path("plans/", i + 1);
            let l = ctx.links(&path);
            let last = i * size + items.len();
            let rows: Vec<(String, PlanRow)> = items
                .into_iter()
                .map(|(f, p)| (f, plan_row(ctx, &l, p)))
                .collect();
            let view = ListView {
                rows: group_families(rows),
                total,
                first: i * size + 1,
                last,
            };
            let head = head.clone().paged(Pager::new(&l, "plans/", i + 1, n));
            PageOut::new(ctx, path, "plans.html", head, &view)
        })
        .collect()
}

pub fn departments(ctx: &Ctx) -> Vec<PageOut> {
    let head = Head::new(
        ctx,
        "全部部门",
        &format!(
            "全部 {} 个部门，各自牵头和配合的任务数，共 {} 项任务。",
            ctx.model.departments.len(),
            ctx.model.tasks.len()
        ),
    );
    let mut ids: Vec<&Department> = ctx.model.departments.values().collect();
    ids.sort_by(|a, b| {
        (b.lead.len(), b.support.len(), &a.name, &a.id).cmp(&(
            a.lead.len(),
            a.support.len(),
            &b.name,
            &b.id,
        ))
    });
    list_pages(
        ctx,
        "departments/",
        "departments.html",
        &head,
        ids,
        |l, d| dept_row(ctx, l, d),
    )
}

#[derive(Debug, Serialize)]
pub struct IndicatorListRow {
    pub link: Link,
    pub targets: usize,
    pub years: String,
    pub plans: usize,
}

/// The letter an indicator is filed under in `/indicators/`: the first
/// letter of its id (the pinyin of its name), `#` when it is not a letter.
pub fn indicator_letter(id: &str) -> String {
    match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
        _ => "#".to_string(),
    }
}

/// One letter of the indicator list on a page.
#[derive(Debug, Serialize)]
pub struct IndicatorGroup {
    pub letter: String,
    /// The letter began on the page before (续).
    pub continued: bool,
    pub rows: Vec<IndicatorListRow>,
}

/// A letter of the index of `/indicators/`, linking to its first page.
#[derive(Debug, Serialize)]
pub struct LetterCount {
    pub letter: String,
    pub count: usize,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct IndicatorsView {
    pub total: usize,
    pub first: usize,
    pub last: usize,
    /// Every letter, on every page.
    pub letters: Vec<LetterCount>,
    /// The indicators with the most targets (page 1 only).
    pub top: Vec<IndicatorListRow>,
    pub groups: Vec<IndicatorGroup>,
}

/// Indicators shown first on `/indicators/`, by number of targets.
const TOP_INDICATORS: usize = 10;

/// `/indicators/`: every indicator by the first letter of its pinyin
/// (A–Z, then the others), `page_size` a page; every page has the letter
/// index linking to the page where each letter starts, page 1 also the
/// indicators with the most targets.
pub fn indicators(ctx: &Ctx) -> Vec<PageOut> {
    let m = ctx.model;
    let base = "indicators/";
    let size = ctx.cfg.page_size;
    let mut items: Vec<(String, &Indicator)> = m
        .indicators
        .values()
        .map(|i| (indicator_letter(&i.id), i))
        .collect();
    // `#` after the letters.
    items.sort_by(|a, b| ((a.0 == "#"), &a.0, &a.1.id).cmp(&((b.0 == "#"), &b.0, &b.1.id)));
    let mut letters: Vec<(String, usize, usize)> = Vec::new();
    for (i, (letter, _)) in items.iter().enumerate() {
        match letters.last_mut() {
            Some(l) if &l.0 == letter => l.1 += 1,
            _ => letters.push((letter.clone(), 1, paginate::page_of(i, size))),
        }
    }
    let mut top: Vec<&Indicator> = m.indicators.values().collect();
    top.sort_by(|a, b| (b.targets.len(), &a.id).cmp(&(a.targets.len(), &b.id)));
    top.truncate(TOP_INDICATORS);
    let row = |l: &Links, i: &Indicator| {
        let ts: Vec<_> = i.targets.iter().map(|t| &m.targets[t]).collect();
        let years: BTreeSet<i32> = ts.iter().filter_map(|t| t.year).collect();
        let plans: BTreeSet<&Id> = ts.iter().map(|t| &t.plan).collect();
        IndicatorListRow {
            link: ctx.indicator_link(l, &i.id),
            targets: ts.len(),
            years: years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join("、"),
            plans: plans.len(),
        }
    };
    let head = Head::new(
        ctx,
        "全部指标",
        &format!(
            "全部 {} 个指标(按拼音首字母),各计划、版本和年份提出的 {} 个目标值。",
            m.indicators.len(),
            m.targets.len()
        ),
    );
    let total = items.len();
    let pages = paginate::split(items, size);
    let n = pages.len();
    let mut before: Option<String> = None;
    pages
        .into_iter()
        .enumerate()
        .map(|(i, items)| {
            let path = paginate::page_path(base, i + 1);
            let l = ctx.links(&path);
            let count = items.len();
            let mut groups: Vec<IndicatorGroup> = Vec::new();
            for (letter, ind) in items {
                if groups.last().is_none_or(|g| g.letter != letter) {
                    groups.push(IndicatorGroup {
                        continued: groups.is_empty() && before.as_deref() == Some(letter.as_str()),
                        letter: letter.clone(),
                        rows: Vec::new(),
                    });
                }
                groups.last_mut().expect("a group").rows.push(row(&l, ind));
                before = Some(letter);
            }
            let view = IndicatorsView {
                total,
                first: i * size + 1,
                last: i * size + count,
                letters: letters
                    .iter()
                    .map(|(letter, count, page)| LetterCount {
                        letter: letter.clone(),
                        count: *count,
                        href: format!(
                            "{}#i-{}",
                            l.to(&paginate::page_url(base, *page)),
                            letter_anchor(letter)
                        ),
                    })
                    .collect(),
                top: if i == 0 {
                    top.iter().map(|x| row(&l, x)).collect()
                } else {
                    Vec::new()
                },
                groups,
            };
            let head = head.clone().paged(Pager::new(&l, base, i + 1, n));
            PageOut::new(ctx, path, "indicators.html", head, &view)
        })
        .collect()
}

/// The anchor of a letter's heading on `/indicators/` (`i-A`, `i-other`).
fn letter_anchor(letter: &str) -> &str {
    if letter == "#" { "other" } else { letter }
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
    /// The month began on an earlier page.
    pub continued: bool,
    pub items: Vec<DeadlineItem>,
}

/// A year of the timeline, linking to its pages.
#[derive(Debug, Serialize)]
pub struct YearLink {
    pub year: String,
    pub count: usize,
    pub href: String,
    pub current: bool,
}

/// `/deadlines/` (the years with their counts and the upcoming
/// deadlines) and `/deadlines/<year>/` (that year's, by month, in pages).
#[derive(Debug, Serialize)]
pub struct DeadlinesView {
    /// The year of a year page; none on `/deadlines/`.
    pub year: Option<String>,
    pub years: Vec<YearLink>,
    /// Upcoming deadlines (on `/deadlines/`) or the page's, by month.
    pub months: Vec<MonthGroup>,
    /// The departments of the listed deadlines, for the filter.
    pub departments: Vec<Link>,
    pub department_ids: Vec<String>,
    /// Every deadline of the site, and of the year of a year page.
    pub total: usize,
    pub count: usize,
    /// The overview: link to the year page holding the first upcoming one.
    pub upcoming_from: Option<String>,
    /// The link to `/deadlines/`.
    pub overview: String,
}

fn deadline_item(ctx: &Ctx, l: &Links, d: &Deadline, depts: &mut BTreeSet<Id>) -> DeadlineItem {
    let m = ctx.model;
    let task = d.task.as_ref().and_then(|t| m.tasks.get(t));
    let ids: Vec<Id> = task
        .map(|t| t.lead.iter().chain(&t.support).cloned().collect())
        .unwrap_or_default();
    depts.extend(ids.iter().cloned());
    DeadlineItem {
        row: deadline_row(ctx, l, d, ""),
        departments: ids.join(" "),
        leads: task
            .map(|t| t.lead.iter().map(|x| ctx.dept_link(l, x)).collect())
            .unwrap_or_default(),
    }
}

/// Deadlines in timeline order, grouped by month; `before` is the month
/// of the item before the first (a month that goes on from a page before).
fn months(
    ctx: &Ctx,
    l: &Links,
    ds: &[&Deadline],
    before: Option<&str>,
) -> (Vec<MonthGroup>, BTreeSet<Id>) {
    let mut depts = BTreeSet::new();
    let mut out: Vec<MonthGroup> = Vec::new();
    for d in ds {
        let ym = &d.date[..7];
        let item = deadline_item(ctx, l, d, &mut depts);
        match out.last_mut() {
            Some(g) if g.anchor[2..] == *ym => g.items.push(item),
            _ => out.push(MonthGroup {
                anchor: format!("d-{ym}"),
                label: format!("{}年{}月", &ym[..4], ym[5..].trim_start_matches('0')),
                continued: out.is_empty() && before == Some(ym),
                items: vec![item],
            }),
        }
    }
    (out, depts)
}

fn dept_filter(ctx: &Ctx, l: &Links, depts: BTreeSet<Id>) -> (Vec<String>, Vec<Link>) {
    let mut dept_links: Vec<(String, Link)> = depts
        .into_iter()
        .map(|d| {
            let k = ctx.dept_link(l, &d);
            (d.to_string(), k)
        })
        .collect();
    dept_links.sort_by(|a, b| a.1.text.cmp(&b.1.text));
    dept_links.into_iter().unzip()
}

/// The timeline: `/deadlines/` and the pages of each year.
pub fn deadlines(ctx: &Ctx) -> Vec<PageOut> {
    let m = ctx.model;
    let by_year = deadlines_by_year(m);
    let size = ctx.cfg.page_size;
    let year_links = |l: &Links, current: Option<&str>| -> Vec<YearLink> {
        by_year
            .iter()
            .map(|(y, ds)| YearLink {
                year: y.to_string(),
                count: ds.len(),
                href: l.to(&paginate::page_url(&deadline_year_base(y), 1)),
                current: current == Some(*y),
            })
            .collect()
    };
    let mut out = Vec::new();
    // The overview: the years, then the next deadlines from today.
    let path = paginate::page_path(DEADLINES, 1);
    let l = ctx.links(&path);
    let mut upcoming: Vec<&Deadline> = m
        .deadlines
        .values()
        .filter(|d| d.date >= ctx.today)
        .collect();
    upcoming.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    upcoming.truncate(size);
    let upcoming_from = upcoming
        .first()
        .and_then(|d| ctx.deadline_months.get(&d.date[..7]))
        .map(|p| l.to(p));
    let (groups, depts) = months(ctx, &l, &upcoming, None);
    let (department_ids, departments) = dept_filter(ctx, &l, depts);
    let view = DeadlinesView {
        year: None,
        years: year_links(&l, None),
        count: upcoming.len(),
        months: groups,
        departments,
        department_ids,
        total: m.deadlines.len(),
        upcoming_from,
        overview: l.to(&paginate::page_url(DEADLINES, 1)),
    };
    let head = Head::new(
        ctx,
        "时间表",
        &format!(
            "时间表：{} 个有明确日期的承诺，按年份分页，每月排列，可按部门筛选。",
            m.deadlines.len()
        ),
    );
    out.push(PageOut::new(ctx, path, "deadlines.html", head, &view));
    for (year, ds) in &by_year {
        let base = deadline_year_base(year);
        let chunks: Vec<&[&Deadline]> = ds.chunks(size.max(1)).collect();
        let n = chunks.len();
        for (i, chunk) in chunks.into_iter().enumerate() {
            let path = paginate::page_path(&base, i + 1);
            let l = ctx.links(&path);
            let before = (i > 0).then(|| &ds[i * size - 1].date[..7]);
            let (groups, depts) = months(ctx, &l, chunk, before);
            let (department_ids, departments) = dept_filter(ctx, &l, depts);
            let view = DeadlinesView {
                year: Some(year.to_string()),
                years: year_links(&l, Some(year)),
                count: ds.len(),
                months: groups,
                departments,
                department_ids,
                total: m.deadlines.len(),
                upcoming_from: None,
                overview: l.to(&paginate::page_url(DEADLINES, 1)),
            };
            let head = Head::new(
                ctx,
                format!("{year} 年时间表"),
                &format!(
                    "{year} 年有明确日期的 {} 个承诺，按月排列，可按部门筛选。",
                    ds.len()
                ),
            )
            .paged(Pager::new(&l, &base, i + 1, n));
            out.push(PageOut::new(ctx, path, "deadlines.html", head, &view));
        }
    }
    out
}

#[derive(Debug, Serialize)]
pub struct CitedRow {
    pub anchor: String,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    /// The first [`CITED_BY_SHOWN`] citing documents.
    pub cited_by: Vec<Link>,
    /// How many documents cite it in all.
    pub cited_by_total: usize,
}

/// How many citing documents an entry of `/cited/` names: a document that
/// every other one cites would otherwise make a page that grows with the
/// corpus (all citations are in `data/citations.json.gz`).
pub const CITED_BY_SHOWN: usize = 20;

pub fn cited(ctx: &Ctx) -> Vec<PageOut> {
    let head = Head::new(
        ctx,
        "引用的其他文件",
        &format!(
            "本站文件引用但未收录的 {} 份文件，以及引用它们的文件。",
            ctx.cited.len()
        ),
    );
    // In the order of `ctx.cited`, which placed each anchor on its page.
    let items: Vec<_> = ctx.cited.values().collect();
    list_pages(ctx, CITED, "cited.html", &head, items, |l, c| CitedRow {
        anchor: c.anchor.clone(),
        title: c.title.clone(),
        doc_number: c.doc_number.clone(),
        cited_by: c
            .cited_by
            .iter()
            .take(CITED_BY_SHOWN)
            .map(|d| ctx.doc_link(l, d))
            .collect(),
        cited_by_total: c.cited_by.len(),
    })
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
