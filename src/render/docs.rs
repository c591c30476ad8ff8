//! Document and plan pages (stage 5): metadata as official libraries show
//! it, the full text with anchored sections, targets highlighted and
//! linked to their indicators, every task anchored with its departments,
//! deadlines and source lines.

use crate::export::urls;
use crate::model::{Id, Plan, Task};
use crate::parse::Script;
use crate::render::context::{Ctx, Link, printed_value};
use crate::render::links::Links;
use crate::render::page::{Head, PageOut};
use crate::render::text::{self, Body, OutlineItem, escape};
use crate::render::toc::{self, TocEntry};
use crate::render::{describe, jsonld};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A search facet (`data-pagefind-filter`).
#[derive(Debug, Serialize)]
pub struct Facet {
    pub name: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub file: String,
    pub lines: String,
}

#[derive(Debug, Serialize)]
pub struct PlanRow {
    pub link: Link,
    pub edition: Option<String>,
    pub family: Option<String>,
    pub tasks: usize,
    pub targets: usize,
}

#[derive(Debug, Serialize)]
pub struct CiteRow {
    pub text: String,
    pub href: Option<String>,
    pub in_corpus: bool,
}

#[derive(Debug, Serialize)]
pub struct DocView {
    pub id: String,
    pub title: String,
    pub title_inferred: bool,
    pub doc_number: Option<String>,
    pub issuers: Vec<Link>,
    pub addressee: Option<String>,
    pub date: Option<String>,
    pub published: Option<String>,
    pub script: &'static str,
    pub twin: Option<Link>,
    pub source: SourceView,
    pub plans: Vec<PlanRow>,
    /// The table of contents (empty below two headings).
    pub toc: Vec<TocEntry>,
    pub body: String,
    pub cites: Vec<CiteRow>,
    pub cited_by: Vec<Link>,
    pub facets: Vec<Facet>,
}

fn source_view(s: &crate::model::Source) -> SourceView {
    SourceView {
        file: s.file.to_string(),
        lines: if s.span.end > s.span.start {
            format!("{}–{}", s.span.start, s.span.end)
        } else {
            s.span.start.max(1).to_string()
        },
    }
}

/// Issuers as links where they are departments of the site.
fn issuer_links(ctx: &Ctx, l: &Links, names: &[String]) -> Vec<Link> {
    names
        .iter()
        .map(|n| {
            let d = ctx
                .model
                .departments
                .values()
                .find(|d| d.name == *n || d.aliases.contains(n));
            Link {
                text: n.clone(),
                href: d
                    .map(|d| l.to(&urls::department(&d.id)))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

pub fn plan_row(ctx: &Ctx, l: &Links, p: &Plan) -> PlanRow {
    PlanRow {
        link: ctx.plan_link(l, &p.id),
        edition: p.edition.clone(),
        family: p.family.clone(),
        tasks: p.tasks.len(),
        targets: p.targets.len(),
    }
}

/// How a script is named on pages: 简体 or 繁體.
pub fn script_label(s: Script) -> &'static str {
    match s {
        Script::Simplified => "简体",
        Script::Traditional => "繁體",
    }
}

/// The document page.
pub fn document(ctx: &Ctx, id: &str) -> PageOut {
    let m = ctx.model;
    let d = &m.documents[id];
    let path = format!("documents/{id}/index.html");
    let l = ctx.links(&path);
    let self_path = urls::document(id);
    let mut taken = BTreeSet::new();
    let (mut body, mut outline) = render_body(
        ctx,
        &l,
        &self_path,
        &d.body.text(),
        "",
        3,
        &mut taken,
        &[],
        None,
    );
    for pid in &d.plans {
        let p = &m.plans[pid];
        let anchor = format!("plan-{pid}");
        taken.insert(anchor.clone());
        outline.push(OutlineItem {
            level: 3,
            text: p.title.clone(),
            anchor: anchor.clone(),
            article: false,
        });
        body.push_str(&format!(
            "<section class=\"enclosed-plan\" data-pagefind-ignore aria-labelledby=\"{a}\">\n<h3 id=\"{a}\"><a href=\"{h}\">{t}</a></h3>\n",
            a = escape(&anchor),
            h = escape(&l.to(&urls::plan(pid))),
            t = escape(&p.title)
        ));
        let tasks: Vec<&Task> = p.tasks.iter().map(|t| &m.tasks[t]).collect();
        let (html, plan_outline) = render_body(
            ctx,
            &l,
            &self_path,
            &p.body.text(),
            &format!("{pid}-"),
            4,
            &mut taken,
            &tasks,
            Some(pid),
        );
        body.push_str(&html);
        outline.extend(plan_outline);
        body.push_str("</section>\n");
    }
    let mut cites: Vec<CiteRow> = Vec::new();
    let mut seen = BTreeSet::new();
    for c in ctx.citations_from.get(id).into_iter().flatten() {
        let key = crate::render::context::citation_key(c.doc_number.as_deref(), c.title.as_deref());
        if !seen.insert(key.clone()) {
            continue;
        }
        let text = match (&c.title, &c.doc_number) {
            (Some(t), Some(n)) => format!("《{t}》({n})"),
            (Some(t), None) => format!("《{t}》"),
            (None, Some(n)) => n.clone(),
            (None, None) => continue,
        };
        cites.push(CiteRow {
            text,
            href: ctx.citation_paths.get(&key).map(|p| l.to(p)),
            in_corpus: c.to.is_some(),
        });
    }
    let cited_by: BTreeSet<Id> = m
        .citations
        .iter()
        .filter(|c| c.to.as_deref() == Some(id))
        .map(|c| c.from.clone())
        .collect();
    let mut facets = vec![Facet {
        name: "document",
        value: d.title.clone(),
    }];
    if let Some(y) = d.date.as_deref().or(d.published.as_deref()) {
        facets.push(Facet {
            name: "year",
            value: y.chars().take(4).collect(),
        });
    }
    let view = DocView {
        id: id.to_string(),
        title: d.title.clone(),
        title_inferred: d.title_inferred,
        doc_number: d.doc_number.clone(),
        issuers: issuer_links(ctx, &l, &d.issuers),
        addressee: d.addressee.clone(),
        date: d.date.clone(),
        published: d.published.clone(),
        script: script_label(d.script),
        twin: d.twin.as_ref().map(|t| ctx.doc_link(&l, t)),
        source: source_view(&d.source),
        plans: d
            .plans
            .iter()
            .map(|p| plan_row(ctx, &l, &m.plans[p]))
            .collect(),
        toc: toc::tree(&outline),
        body,
        cites,
        cited_by: cited_by.iter().map(|c| ctx.doc_link(&l, c)).collect(),
        facets,
    };
    let head = Head {
        lang: ctx.lang_of_doc(id),
        searchable: true,
        json_ld: Some(jsonld::document(ctx, d)),
        ..Head::new(ctx, &d.title, &describe::document(ctx, d))
    };
    PageOut::new(ctx, path, "document.html", head, &view)
}

/// Renders one Markdown body, with its outline; `tasks` (with `plan`)
/// turns `.task` headings into task sections.
#[allow(clippy::too_many_arguments)]
fn render_body(
    ctx: &Ctx,
    l: &Links,
    self_path: &str,
    md: &str,
    prefix: &str,
    top_level: u8,
    taken: &mut BTreeSet<String>,
    tasks: &[&Task],
    plan: Option<&str>,
) -> (String, Vec<OutlineItem>) {
    let targets = plan.and_then(|p| ctx.plan_targets(p)).unwrap_or_default();
    let targets = &targets;
    let on_plan_page = plan.is_some_and(|p| urls::plan(p) == self_path);
    let meta = |i: usize| {
        if on_plan_page {
            tasks
                .get(i)
                .map(|t| task_meta(ctx, l, t))
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    let link = |i: usize| {
        if on_plan_page {
            None
        } else {
            tasks.get(i).map(|t| l.to(&urls::task(&t.plan, &t.anchor)))
        }
    };
    // On the plan page a task's departments are linked in the facts under
    // it (task_meta), so their names in its text stay text.
    let plain = |i: usize| match tasks.get(i) {
        Some(t) if on_plan_page => t
            .lead
            .iter()
            .chain(&t.support)
            .map(|d| urls::department(d))
            .collect(),
        _ => Vec::new(),
    };
    let mut body = Body {
        links: l,
        mentions: vec![targets, &ctx.citations, &ctx.departments],
        self_path: Some(self_path),
        top_level,
        anchor_prefix: prefix.to_string(),
        taken,
        task_anchors: tasks.iter().map(|t| t.anchor.clone()).collect(),
        task_meta: &meta,
        task_link: &link,
        task_plain: &plain,
        plain: Vec::new(),
        outline: Vec::new(),
    };
    let html = text::markdown(md, &mut body);
    (html, body.outline)
}

/// The facts under a task: lead and support departments, deadlines, source.
fn task_meta(ctx: &Ctx, l: &Links, t: &Task) -> String {
    // Not indexed for search: the names are indexed on their own pages.
    let mut s = String::from("<dl class=\"task-meta\" data-pagefind-ignore>");
    let list = |ids: &[Id]| {
        ids.iter()
            .map(|d| {
                let k = ctx.dept_link(l, d);
                format!(
                    "<a class=\"dept\" href=\"{}\">{}</a>",
                    escape(&k.href),
                    escape(&k.text)
                )
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    if !t.lead.is_empty() {
        s.push_str(&format!("<dt>牵头单位</dt><dd>{}</dd>", list(&t.lead)));
    }
    if !t.support.is_empty() {
        s.push_str(&format!("<dt>配合单位</dt><dd>{}</dd>", list(&t.support)));
    }
    if !t.generic.is_empty() {
        s.push_str(&format!(
            "<dt>其他责任方</dt><dd>{}</dd>",
            escape(&t.generic.join("、"))
        ));
    }
    let none = Vec::new();
    let deadlines: Vec<String> = ctx
        .task_deadlines
        .get(t.id.as_str())
        .unwrap_or(&none)
        .iter()
        .map(|d| {
            format!(
                "<a href=\"{}\"><time datetime=\"{}\">{}</time></a>({})",
                escape(
                    &l.to(ctx
                        .deadline_months
                        .get(&d.date[..7])
                        .map_or("/deadlines/", String::as_str))
                ),
                escape(&d.date),
                escape(&d.date),
                escape(&d.text)
            )
        })
        .collect();
    if !deadlines.is_empty() {
        s.push_str(&format!("<dt>时限</dt><dd>{}</dd>", deadlines.join(";")));
    }
    // The targets a task states are marked in its text (linked to their
    // indicator, named in the title) and listed in the plan's targets
    // table: not repeated here.
    let src = source_view(&t.source);
    s.push_str(&format!(
        "<dt>来源</dt><dd>{} 第{}行</dd></dl>\n",
        escape(&src.file),
        escape(&src.lines)
    ));
    s
}

#[derive(Debug, Serialize)]
pub struct EditionRow {
    pub link: Link,
    pub edition: Option<String>,
    pub compare: Option<Link>,
}

#[derive(Debug, Serialize)]
pub struct TargetRow {
    pub indicator: Link,
    pub href: String,
    pub value: String,
    pub year: Option<i32>,
    pub comparator: Option<String>,
    pub text: String,
    pub uncertain: bool,
}

#[derive(Debug, Serialize)]
pub struct CountRow {
    pub link: Link,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct PlanView {
    pub id: String,
    pub title: String,
    pub name: String,
    pub family: Option<String>,
    pub edition: Option<String>,
    pub document: Link,
    /// The other editions nearest to this one (at most
    /// [`EDITIONS_SHOWN`]), oldest first.
    pub editions: Vec<EditionRow>,
    /// How many other editions there are in all.
    pub editions_total: usize,
    pub parent: Option<Link>,
    pub children: Vec<PlanRow>,
    pub targets: Vec<TargetRow>,
    pub tasks: usize,
    pub leads: Vec<CountRow>,
    pub body: String,
    pub source: SourceView,
    pub facets: Vec<Facet>,
}

/// How many other editions a plan page lists: those nearest to it, half
/// older and half newer where there are, so that the page does not grow
/// with a corpus that holds many plans of the same name.
pub const EDITIONS_SHOWN: usize = 12;

/// Where a window of `shown` items starts in a sorted list with `older`
/// items before a point and `newer` after it, so that it holds the items
/// nearest the point: half on each side, the other side filling in where
/// one has fewer.
pub fn nearest_from(older: usize, newer: usize, shown: usize) -> usize {
    let half = shown / 2;
    older - older.min(half.max(shown.saturating_sub(newer)))
}

/// The URL of the page comparing two editions (older first).
pub fn compare_path(old: &str, new: &str) -> String {
    format!("/compare/{old}--{new}/")
}

/// Editions sort by the first year they name.
pub fn edition_key(p: &Plan) -> (String, Id) {
    (p.edition.clone().unwrap_or_default(), p.id.clone())
}

/// The plan page.
pub fn plan(ctx: &Ctx, id: &str) -> PageOut {
    let m = ctx.model;
    let p = &m.plans[id];
    let path = format!("plans/{id}/index.html");
    let l = ctx.links(&path);
    let self_path = urls::plan(id);
    let tasks: Vec<&Task> = p.tasks.iter().map(|t| &m.tasks[t]).collect();
    let mut taken = BTreeSet::new();
    let (body, _) = render_body(
        ctx,
        &l,
        &self_path,
        &p.body.text(),
        "",
        3,
        &mut taken,
        &tasks,
        Some(id),
    );
    let mut leads: BTreeMap<Id, usize> = BTreeMap::new();
    for t in &tasks {
        for d in &t.lead {
            *leads.entry(d.clone()).or_default() += 1;
        }
    }
    let mut leads: Vec<CountRow> = leads
        .into_iter()
        .map(|(d, n)| CountRow {
            link: ctx.dept_link(&l, &d),
            count: n,
        })
        .collect();
    leads.sort_by(|a, b| b.count.cmp(&a.count).then(a.link.cmp(&b.link)));
    let mut editions: Vec<(&Plan, (String, Id))> = m
        .editions_of(p)
        .map(|e| &m.plans[e])
        .map(|e| (e, edition_key(e)))
        .collect();
    editions.sort_by(|a, b| a.1.cmp(&b.1));
    let editions_total = editions.len();
    let own = edition_key(p);
    let older = editions.partition_point(|(_, k)| *k < own);
    let from = nearest_from(older, editions_total - older, EDITIONS_SHOWN);
    let editions: Vec<&Plan> = editions
        .iter()
        .skip(from)
        .take(EDITIONS_SHOWN)
        .map(|(e, _)| *e)
        .collect();
    let editions = editions
        .iter()
        .map(|e| {
            let (old, new) = if edition_key(e) < edition_key(p) {
                (e.id.as_str(), id)
            } else {
                (id, e.id.as_str())
            };
            EditionRow {
                link: ctx.plan_link(&l, &e.id),
                edition: e.edition.clone(),
                compare: ctx
                    .edition_pair_set
                    .contains(&(old.to_string(), new.to_string()))
                    .then(|| Link {
                        text: format!(
                            "比较 {} 与 {}",
                            m.plans[old].edition.as_deref().unwrap_or("?"),
                            m.plans[new].edition.as_deref().unwrap_or("?")
                        ),
                        href: l.to(&compare_path(old, new)),
                    }),
            }
        })
        .collect();
    let targets = p
        .targets
        .iter()
        .map(|t| &m.targets[t])
        .map(|t| TargetRow {
            indicator: ctx.indicator_link(&l, &t.indicator),
            href: l.to(&ctx.target_path(t)),
            value: printed_value(t),
            year: t.year,
            comparator: t.comparator.as_deref().map(str::to_string),
            text: t.text.clone(),
            uncertain: t.uncertain,
        })
        .collect();
    let mut facets = vec![
        Facet {
            name: "plan",
            value: p.title.clone(),
        },
        Facet {
            name: "document",
            value: m.documents[&p.document].title.clone(),
        },
    ];
    let depts: BTreeSet<&Id> = tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.support))
        .collect();
    for d in depts {
        facets.push(Facet {
            name: "department",
            value: m.departments[d].name.clone(),
        });
    }
    if let Some(e) = &p.edition {
        facets.push(Facet {
            name: "year",
            value: e.chars().take(4).collect(),
        });
    }
    let view = PlanView {
        id: id.to_string(),
        title: p.title.clone(),
        name: p.name.clone(),
        family: p.family.clone(),
        edition: p.edition.clone(),
        document: ctx.doc_link(&l, &p.document),
        editions,
        editions_total,
        parent: p.parent.as_ref().map(|x| ctx.plan_link(&l, x)),
        children: p
            .children
            .iter()
            .map(|c| plan_row(ctx, &l, &m.plans[c]))
            .collect(),
        targets,
        tasks: tasks.len(),
        leads,
        body,
        source: source_view(&p.source),
        facets,
    };
    let head = Head {
        lang: ctx.lang_of_plan(id),
        searchable: true,
        ..Head::new(ctx, &p.title, &describe::plan(ctx, p))
    };
    PageOut::new(ctx, path, "plan.html", head, &view)
}

#[cfg(test)]
mod tests {
    use super::nearest_from;

    #[test]
    fn the_editions_shown_are_the_nearest_on_both_sides() {
        // 20 older, 20 newer: 6 of each.
        assert_eq!(nearest_from(20, 20, 12), 14);
        // 2 newer only: 10 older fill in.
        assert_eq!(nearest_from(20, 2, 12), 10);
        // 3 older only: all of them, then 9 newer.
        assert_eq!(nearest_from(3, 20, 12), 0);
        // Fewer than shown in all: every one.
        assert_eq!(nearest_from(4, 3, 12), 0);
        assert_eq!(nearest_from(0, 0, 12), 0);
    }
}
