//! The responsibility matrix page (stage 5): departments × plans, each
//! cell the number of tasks the department leads and supports in the
//! plan, shaded by their sum and linking to the department page's list.

use crate::export::urls;
use crate::render::context::{Ctx, Link};
use crate::render::page::{Head, PageOut};
use serde::Serialize;
use std::collections::BTreeMap;

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

#[derive(Debug, Serialize)]
pub struct MatrixView {
    pub plans: Vec<Link>,
    pub rows: Vec<MatrixRow>,
}

pub fn matrix(ctx: &Ctx) -> PageOut {
    let m = ctx.model;
    let path = "matrix/index.html".to_string();
    let l = ctx.links(&path);
    let plan_ids: Vec<&String> = m
        .plans
        .values()
        .filter(|p| {
            p.tasks
                .iter()
                .any(|t| !m.tasks[t].lead.is_empty() || !m.tasks[t].support.is_empty())
        })
        .map(|p| &p.id)
        .collect();
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
    let mut rows: Vec<MatrixRow> = m
        .departments
        .values()
        .filter(|d| !d.lead.is_empty() || !d.support.is_empty())
        .map(|d| MatrixRow {
            department: ctx.dept_link(&l, &d.id),
            lead: d.lead.len(),
            support: d.support.len(),
            cells: plan_ids
                .iter()
                .map(|p| {
                    let (a, b) = count
                        .get(&(d.id.as_str(), p.as_str()))
                        .copied()
                        .unwrap_or((0, 0));
                    let role = if a > 0 { "lead" } else { "support" };
                    MatrixCell {
                        lead: a,
                        support: b,
                        href: if a + b > 0 {
                            l.to(&format!("{}#{role}-{p}", urls::department(&d.id)))
                        } else {
                            String::new()
                        },
                        shade: if a + b == 0 {
                            0
                        } else {
                            1 + (3 * (a + b) / max).min(3)
                        },
                    }
                })
                .collect(),
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.lead, b.support)
            .cmp(&(a.lead, a.support))
            .then(a.department.cmp(&b.department))
    });
    let view = MatrixView {
        plans: plan_ids.iter().map(|p| ctx.plan_link(&l, p)).collect(),
        rows,
    };
    let head = Head::new(
        ctx,
        "分工矩阵",
        &format!(
            "分工矩阵：{} 个部门 × {} 个计划，每格为牵头/配合任务数。",
            view.rows.len(),
            view.plans.len()
        ),
    );
    PageOut::new(ctx, path, "matrix.html", head, &view)
}
