//! Department and indicator pages (stage 5): who leads and supports what,
//! grouped by document and plan, with partners and deadlines; every
//! target stated for an indicator across plans, editions and years.

use crate::model::{Deadline, Target};
use crate::render::context::{Ctx, Link, printed_value};
use crate::render::docs::{CountRow, Facet};
use crate::render::links::Links;
use crate::render::page::{Head, PageOut};
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
    pub lead: Vec<DocGroup>,
    pub support: Vec<DocGroup>,
    pub partners: Vec<CountRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub feed: String,
    pub facets: Vec<Facet>,
}

/// Tasks grouped by document, then plan, in document and plan order.
fn groups(ctx: &Ctx, l: &Links, task_ids: &[String], role: &str) -> Vec<DocGroup> {
    let m = ctx.model;
    let mut by: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for t in task_ids {
        let task = &m.tasks[t];
        let doc = &m.plans[&task.plan].document;
        by.entry(doc)
            .or_default()
            .entry(&task.plan)
            .or_default()
            .push(t);
    }
    by.into_iter()
        .map(|(doc, plans)| DocGroup {
            document: ctx.doc_link(l, doc),
            count: plans.values().map(|v| v.len()).sum(),
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

/// The department page.
pub fn department(ctx: &Ctx, id: &str) -> PageOut {
    let m = ctx.model;
    let d = &m.departments[id];
    let path = format!("departments/{id}/index.html");
    let l = ctx.links(&path);
    let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
    for t in d.lead.iter().chain(&d.support) {
        let task = &m.tasks[t];
        let others: BTreeSet<&String> = task.lead.iter().chain(&task.support).collect();
        for o in others {
            if o != id {
                *partners.entry(o).or_default() += 1;
            }
        }
    }
    let mut partners: Vec<CountRow> = partners
        .into_iter()
        .map(|(o, n)| CountRow {
            link: ctx.dept_link(&l, o),
            count: n,
        })
        .collect();
    partners.sort_by(|a, b| b.count.cmp(&a.count).then(a.link.cmp(&b.link)));
    partners.truncate(12);
    let predecessors = m
        .departments
        .values()
        .filter(|x| x.successor.as_deref() == Some(id))
        .map(|x| ctx.dept_link(&l, &x.id))
        .collect();
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
        predecessors,
        lead_count: d.lead.len(),
        support_count: d.support.len(),
        lead: groups(ctx, &l, &d.lead, "lead"),
        support: groups(ctx, &l, &d.support, "support"),
        partners,
        deadlines: dept_deadlines(ctx, id)
            .into_iter()
            .map(|(x, r)| deadline_row(ctx, &l, x, r))
            .collect(),
        feed: l.to(&format!("/departments/{id}/feed.xml")),
        facets: vec![Facet {
            name: "department",
            value: d.name.clone(),
        }],
    };
    // Departments are found by name and alias (search/names.json); the
    // clauses naming them are indexed on the plan pages.
    let head = Head {
        json_ld: Some(jsonld::department(ctx, d)),
        ..Head::new(ctx, &d.name, &describe::department(ctx, d))
    };
    PageOut::new(ctx, path, "department.html", head, &view)
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
    pub rows: Vec<IndicatorRow>,
    pub charts: Vec<String>,
    pub plans: Vec<Link>,
    pub facets: Vec<Facet>,
}

/// Targets of an indicator in a stable reading order: by year, then plan edition, then id.
pub fn sorted_targets<'m>(ctx: &'m Ctx, id: &str) -> Vec<&'m Target> {
    let m = ctx.model;
    let mut ts: Vec<&Target> = m.indicators[id]
        .targets
        .iter()
        .map(|t| &m.targets[t])
        .collect();
    ts.sort_by(|a, b| {
        (a.year.unwrap_or(i32::MAX), &m.plans[&a.plan].edition, &a.id).cmp(&(
            b.year.unwrap_or(i32::MAX),
            &m.plans[&b.plan].edition,
            &b.id,
        ))
    });
    ts
}

/// The indicator page.
pub fn indicator(ctx: &Ctx, id: &str) -> PageOut {
    let m = ctx.model;
    let ind = &m.indicators[id];
    let path = format!("indicators/{id}/index.html");
    let l = ctx.links(&path);
    let ts = sorted_targets(ctx, id);
    let rows: Vec<IndicatorRow> = ts
        .iter()
        .map(|t| IndicatorRow {
            id: t.id.clone(),
            plan: ctx.plan_link(&l, &t.plan),
            edition: m.plans[&t.plan].edition.clone(),
            year: t.year,
            value: printed_value(t),
            comparator: t.comparator.clone(),
            unit: t.unit.clone(),
            text: t.text.clone(),
            source: l.to(&ctx.target_source_path(t)),
            uncertain: t.uncertain,
        })
        .collect();
    let plans: BTreeSet<&String> = ts.iter().map(|t| &t.plan).collect();
    let mut facets = vec![];
    for p in &plans {
        facets.push(Facet {
            name: "plan",
            value: m.plans[*p].title.clone(),
        });
    }
    let years: BTreeSet<i32> = ts.iter().filter_map(|t| t.year).collect();
    for y in years {
        facets.push(Facet {
            name: "year",
            value: y.to_string(),
        });
    }
    let view = IndicatorView {
        id: id.to_string(),
        name: ind.name.clone(),
        charts: crate::render::charts::indicator_charts(ctx, &l, &ts),
        rows,
        plans: plans.iter().map(|p| ctx.plan_link(&l, p)).collect(),
        facets,
    };
    // Indicators are found by name (search/names.json), not in the full-text
    // index: their targets are quoted from plan pages, which are indexed.
    let head = Head::new(ctx, &ind.name, &describe::indicator(ctx, &ind.name, &ts));
    PageOut::new(ctx, path, "indicator.html", head, &view)
}
