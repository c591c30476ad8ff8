//! The "editions compared" page (stage 5): for two consecutive editions
//! of a plan, targets kept, raised, lowered, dropped or new; tasks and
//! lead departments gained or lost (rules in `model::compare`).

use crate::model::Id;
use crate::model::compare::{ChangeKind, compare};
use crate::render::context::{Ctx, Link, printed_value};
use crate::render::docs::compare_path;
use crate::render::page::{Head, PageOut};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TargetChangeRow {
    pub indicator: Link,
    pub kind: &'static str,
    pub class: &'static str,
    pub old: Vec<Link>,
    pub new: Vec<Link>,
    pub uncertain: bool,
}

#[derive(Debug, Serialize)]
pub struct KindCount {
    pub kind: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct CompareView {
    pub name: String,
    pub old: Link,
    pub new: Link,
    pub old_edition: String,
    pub new_edition: String,
    pub summary: Vec<KindCount>,
    pub targets: Vec<TargetChangeRow>,
    pub tasks_kept: Vec<(Link, Link)>,
    pub tasks_gained: Vec<Link>,
    pub tasks_lost: Vec<Link>,
    pub leads_kept: Vec<Link>,
    pub leads_gained: Vec<Link>,
    pub leads_lost: Vec<Link>,
}

fn kind_label(k: ChangeKind) -> (&'static str, &'static str) {
    match k {
        ChangeKind::Kept => ("保持", "kept"),
        ChangeKind::Raised => ("提高", "raised"),
        ChangeKind::Lowered => ("降低", "lowered"),
        ChangeKind::Dropped => ("删去", "dropped"),
        ChangeKind::New => ("新增", "new"),
        ChangeKind::Changed => ("口径变化", "changed"),
    }
}

const ORDER: [ChangeKind; 6] = [
    ChangeKind::Raised,
    ChangeKind::Kept,
    ChangeKind::Lowered,
    ChangeKind::New,
    ChangeKind::Dropped,
    ChangeKind::Changed,
];

pub fn compare_page(ctx: &Ctx, old: &str, new: &str) -> PageOut {
    let m = ctx.model;
    let path = format!(
        "{}index.html",
        compare_path(old, new).trim_start_matches('/')
    );
    let l = ctx.links(&path);
    let diff = compare(m, old, new);
    let target_links = |ids: &[Id]| -> Vec<Link> {
        ids.iter()
            .filter_map(|id| m.targets.get(id))
            .map(|t| Link {
                text: format!(
                    "{}{}{}",
                    t.year.map(|y| format!("{y}年 ")).unwrap_or_default(),
                    t.comparator.as_deref().unwrap_or(""),
                    printed_value(t)
                ),
                href: l.to(&ctx.target_path(t)),
            })
            .collect()
    };
    let mut targets: Vec<TargetChangeRow> = diff
        .targets
        .iter()
        .map(|c| {
            let (kind, class) = kind_label(c.kind);
            TargetChangeRow {
                indicator: ctx.indicator_link(&l, &c.indicator),
                kind,
                class,
                old: target_links(&c.old),
                new: target_links(&c.new),
                uncertain: c.uncertain,
            }
        })
        .collect();
    let pos = |k: &str| {
        ORDER
            .iter()
            .position(|o| kind_label(*o).0 == k)
            .unwrap_or(9)
    };
    targets.sort_by(|a, b| {
        pos(a.kind)
            .cmp(&pos(b.kind))
            .then(a.indicator.cmp(&b.indicator))
    });
    let summary = ORDER
        .iter()
        .map(|k| KindCount {
            kind: kind_label(*k).0,
            count: diff.targets.iter().filter(|c| c.kind == *k).count(),
        })
        .collect();
    let task = |id: &Id| ctx.task_link(&l, &m.tasks[id]);
    let dept = |id: &Id| ctx.dept_link(&l, id);
    let view = CompareView {
        name: m.plans[new].name.clone(),
        old: ctx.plan_link(&l, old),
        new: ctx.plan_link(&l, new),
        old_edition: m.plans[old].edition.clone().unwrap_or_default(),
        new_edition: m.plans[new].edition.clone().unwrap_or_default(),
        summary,
        targets,
        tasks_kept: diff
            .tasks_kept
            .iter()
            .map(|(a, b)| (task(a), task(b)))
            .collect(),
        tasks_gained: diff.tasks_gained.iter().map(task).collect(),
        tasks_lost: diff.tasks_lost.iter().map(task).collect(),
        leads_kept: diff.leads_kept.iter().map(dept).collect(),
        leads_gained: diff.leads_gained.iter().map(dept).collect(),
        leads_lost: diff.leads_lost.iter().map(dept).collect(),
    };
    let title = format!(
        "{}:{} 与 {} 版本比较",
        view.name, view.old_edition, view.new_edition
    );
    let counts: Vec<String> = view
        .summary
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| format!("{} {} 个", k.kind, k.count))
        .collect();
    let description = format!(
        "{title}：目标{}；新增任务 {} 项，删去 {} 项。",
        if counts.is_empty() {
            "无变化".to_string()
        } else {
            counts.join("、")
        },
        view.tasks_gained.len(),
        view.tasks_lost.len()
    );
    let head = Head {
        lang: ctx.lang_of_plan(new),
        ..Head::new(ctx, title, &description)
    };
    PageOut::new(ctx, path, "compare.html", head, &view)
}
