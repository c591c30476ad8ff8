//! The responsibility matrix (stage 5), split by plan family:
//! `/matrix/` lists the families, `/matrix/<family>/` is departments ×
//! the plans of that family, each cell the number of tasks the department
//! leads and supports in the plan, shaded by their sum and linking to the
//! department page's list. A family with many plans is split into pages
//! of at most [`MATRIX_COLUMNS`] plans (fewer when `page_size` is smaller).

use crate::export::urls;
use crate::model::{Id, Plan, ids};
use crate::render::context::{Ctx, Link};
use crate::render::links::Links;
use crate::render::page::{Head, PageOut};
use crate::render::paginate::{self, Pager};
use crate::render::people::dept_pages;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Plans (columns) per page of a family's matrix.
pub const MATRIX_COLUMNS: usize = 20;

/// The site folder of the matrix.
pub const MATRIX: &str = "matrix/";

/// The family of plans without one.
const OTHER: &str = "其他计划与规划";

#[derive(Debug, Serialize)]
pub struct MatrixCell {
    pub lead: usize,
    pub support: usize,
    pub href: String,
    pub shade: usize,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub department: Link,
    pub lead: usize,
    pub support: usize,
    pub cells: Vec<MatrixCell>,
}

/// A family in the list of `/matrix/`.
#[derive(Debug, Serialize)]
pub struct FamilyRow {
    pub link: Link,
    pub plans: usize,
    pub tasks: usize,
    pub departments: usize,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct MatrixView {
    /// The family of a family page; none on `/matrix/`.
    pub family: Option<String>,
    pub families: Vec<FamilyRow>,
    pub plans: Vec<Link>,
    pub rows: Vec<MatrixRow>,
}

/// The families with plans that assign tasks, by name (the catch-all
/// last), each with its folder and its plans in edition and name order.
fn families<'m>(ctx: &Ctx<'m>) -> Vec<(String, String, Vec<&'m Plan>)> {
    let m = ctx.model;
    let mut by: BTreeMap<(bool, String), Vec<&Plan>> = BTreeMap::new();
    for p in m.plans.values() {
        let assigned = p
            .tasks
            .iter()
            .any(|t| !m.tasks[t].lead.is_empty() || !m.tasks[t].support.is_empty());
        if assigned {
            let f = p.family.clone().unwrap_or_else(|| OTHER.into());
            by.entry((f == OTHER, f)).or_default().push(p);
        }
    }
    let mut taken = BTreeSet::new();
    by.into_iter()
        .map(|((_, name), mut plans)| {
            plans.sort_by(|a, b| (&a.edition, &a.name, &a.id).cmp(&(&b.edition, &b.name, &b.id)));
            let mut slug = ids::slug(&name);
            if slug.is_empty() {
                slug = "family".into();
            }
            let slug = ids::unique(&slug, &mut taken);
            (name, format!("{MATRIX}{slug}/"), plans)
        })
        .collect()
}

/// What the list of families shows of each: plans, tasks and departments
/// (counted once, for every page that lists the families).
fn family_counts(ctx: &Ctx, fams: &[(String, String, Vec<&Plan>)]) -> Vec<(usize, usize, usize)> {
    let m = ctx.model;
    fams.iter()
        .map(|(_, _, plans)| {
            let tasks: Vec<_> = plans.iter().flat_map(|p| &p.tasks).collect();
            let depts: BTreeSet<&Id> = tasks
                .iter()
                .flat_map(|t| m.tasks[*t].lead.iter().chain(&m.tasks[*t].support))
                .collect();
            (plans.len(), tasks.len(), depts.len())
        })
        .collect()
}

fn family_rows(
    l: &Links,
    fams: &[(String, String, Vec<&Plan>)],
    counts: &[(usize, usize, usize)],
    current: Option<&str>,
) -> Vec<FamilyRow> {
    fams.iter()
        .zip(counts)
        .map(
            |((name, base, _), &(plans, tasks, departments))| FamilyRow {
                link: Link {
                    text: name.clone(),
                    href: l.to(&paginate::page_url(base, 1)),
                },
                plans,
                tasks,
                departments,
                current: current == Some(base.as_str()),
            },
        )
        .collect()
}

/// What every matrix page is made from, counted once per render (see
/// [`Ctx::matrix`]): the families, what the list of families shows, the
/// tasks per (department, plan) and where each department page lists them.
pub struct MatrixData<'m> {
    fams: Vec<(String, String, Vec<&'m Plan>)>,
    counts: Vec<(usize, usize, usize)>,
    /// Tasks per (department, plan): led, supported.
    count: BTreeMap<(&'m str, &'m str), (usize, usize)>,
    /// The largest sum of a cell, for the shading.
    max: usize,
    /// Per department, the page of its department page that lists its
    /// tasks in each plan, by (role, plan).
    anchors: BTreeMap<&'m str, BTreeMap<(&'static str, &'m str), usize>>,
    /// Plans (columns) per page.
    columns: usize,
}

impl<'m> MatrixData<'m> {
    pub fn new(ctx: &Ctx<'m>) -> MatrixData<'m> {
        let m = ctx.model;
        let fams = families(ctx);
        let counts = family_counts(ctx, &fams);
        let mut count: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
        for t in m.tasks.values() {
            for d in &t.lead {
                count.entry((d, &t.plan)).or_default().0 += 1;
            }
            for d in &t.support {
                count.entry((d, &t.plan)).or_default().1 += 1;
            }
        }
        let max = count.values().map(|(a, b)| a + b).max().unwrap_or(1).max(1);
        let depts: BTreeSet<&str> = count.keys().map(|(d, _)| *d).collect();
        let anchors = depts
            .into_iter()
            .collect::<Vec<_>>()
            .par_iter()
            .map(|d| (*d, dept_plan_pages(ctx, d)))
            .collect();
        MatrixData {
            fams,
            counts,
            count,
            max,
            anchors,
            columns: MATRIX_COLUMNS.min(ctx.cfg.page_size).max(1),
        }
    }

    /// The keys of the matrix's pages: `` for `/matrix/`, `f/i` for page
    /// `i` (from 0) of family `f`.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![String::new()];
        for (f, (_, _, plans)) in self.fams.iter().enumerate() {
            let pages = plans.len().div_ceil(self.columns);
            keys.extend((0..pages).map(|i| format!("{f}/{i}")));
        }
        keys
    }
}

/// The page of department `id`'s page (from 1) that lists its tasks in
/// each plan, by role (`lead`, `support`) and plan id.
fn dept_plan_pages<'m>(ctx: &Ctx<'m>, id: &str) -> BTreeMap<(&'static str, &'m str), usize> {
    let m = ctx.model;
    let mut out = BTreeMap::new();
    for (i, page) in dept_pages(ctx, id).iter().enumerate() {
        for doc in page {
            for (role, ts) in [("lead", &doc.lead), ("support", &doc.support)] {
                for t in ts {
                    out.entry((role, m.tasks[*t].plan.as_str()))
                        .or_insert(i + 1);
                }
            }
        }
    }
    out
}

/// The keys of the matrix's pages (see [`MatrixData::keys`]).
pub fn keys(ctx: &Ctx) -> Vec<String> {
    ctx.matrix().keys()
}

/// The page of key `key`: `/matrix/` or a page of a family.
pub fn page(ctx: &Ctx, key: &str) -> Vec<PageOut> {
    let data = ctx.matrix();
    let Some((f, i)) = key.split_once('/') else {
        return vec![overview(ctx, data)];
    };
    let (Ok(f), Ok(i)) = (f.parse::<usize>(), i.parse::<usize>()) else {
        return Vec::new();
    };
    family_page(ctx, data, f, i).into_iter().collect()
}

/// `/matrix/`: the list of families.
fn overview(ctx: &Ctx, data: &MatrixData) -> PageOut {
    let path = paginate::page_path(MATRIX, 1);
    let l = ctx.links(&path);
    let view = MatrixView {
        family: None,
        families: family_rows(&l, &data.fams, &data.counts, None),
        plans: Vec::new(),
        rows: Vec::new(),
    };
    let head = Head::new(
        ctx,
        "分工矩阵",
        &format!(
            "分工矩阵：{} 个计划体系，每个体系为部门 × 计划，每格为牵头/配合任务数。",
            data.fams.len()
        ),
    );
    PageOut::new(ctx, path, "matrix.html", head, &view)
}

/// Page `i` (from 0) of family `f`'s matrix: departments × its plans.
fn family_page(ctx: &Ctx, data: &MatrixData, f: usize, i: usize) -> Option<PageOut> {
    let m = ctx.model;
    let (name, base, plans) = data.fams.get(f)?;
    let n = plans.len().div_ceil(data.columns);
    let chunk = plans.chunks(data.columns).nth(i)?;
    let path = paginate::page_path(base, i + 1);
    let l = ctx.links(&path);
    let mut rows: Vec<MatrixRow> = m
        .departments
        .values()
        .filter(|d| {
            chunk
                .iter()
                .any(|p| data.count.contains_key(&(d.id.as_str(), p.id.as_str())))
        })
        .map(|d| {
            let cells: Vec<MatrixCell> = chunk
                .iter()
                .map(|p| {
                    let (a, b) = data
                        .count
                        .get(&(d.id.as_str(), p.id.as_str()))
                        .copied()
                        .unwrap_or((0, 0));
                    let role = if a > 0 { "lead" } else { "support" };
                    let href = data
                        .anchors
                        .get(d.id.as_str())
                        .and_then(|x| x.get(&(role, p.id.as_str())))
                        .map(|page| {
                            let url = paginate::page_url(&urls::department(&d.id), *page);
                            l.to(&format!("{url}#{role}-{}", p.id))
                        })
                        .unwrap_or_default();
                    MatrixCell {
                        lead: a,
                        support: b,
                        href,
                        shade: if a + b == 0 {
                            0
                        } else {
                            1 + (3 * (a + b) / data.max).min(3)
                        },
                    }
                })
                .collect();
            MatrixRow {
                department: ctx.dept_link(&l, &d.id),
                lead: cells.iter().map(|c| c.lead).sum(),
                support: cells.iter().map(|c| c.support).sum(),
                cells,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.lead, b.support)
            .cmp(&(a.lead, a.support))
            .then(a.department.cmp(&b.department))
    });
    let view = MatrixView {
        family: Some(name.clone()),
        families: family_rows(&l, &data.fams, &data.counts, Some(base)),
        plans: chunk.iter().map(|p| ctx.plan_link(&l, &p.id)).collect(),
        rows,
    };
    let head = Head::new(
        ctx,
        format!("分工矩阵：{name}"),
        &format!(
            "分工矩阵：{name}，{} 个计划，每格为部门在计划中牵头/配合的任务数。",
            plans.len()
        ),
    )
    .paged(Pager::new(&l, base, i + 1, n));
    Some(PageOut::new(ctx, path, "matrix.html", head, &view))
}
