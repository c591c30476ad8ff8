//! Model steps 3, 5 and 6 for one plan, pure so that plans are done in
//! parallel: its tasks drafted from its blocks (all but their
//! departments), and its targets and deadlines from its blocks' facts.
//! `model::build` adds them to the model in plan order.

use crate::model::facts::BlockFacts;
use crate::model::ids;
use crate::model::{Deadline, Id, Plan, Source, Target, Task};
use crate::parse::{BlockKind, structure};
use std::collections::BTreeSet;
use std::sync::Arc;

/// An indicator's key and id by its name as stated (see [`indicator_ids`]).
pub type IndicatorIds = std::collections::HashMap<String, (String, Id)>;

/// The tasks of a plan, in block order, with the facts of their blocks:
/// everything but their departments.
pub(super) fn draft_tasks<'f>(
    plan: &Plan,
    facts: &'f [Arc<BlockFacts>],
) -> Vec<(Task, &'f BlockFacts)> {
    let mut anchors = BTreeSet::new();
    let mut out = Vec::new();
    for (block, (b, f)) in plan.blocks.iter().zip(facts).enumerate() {
        let BlockKind::Task { number } = &b.kind else {
            continue;
        };
        let anchor = ids::unique(&super::build::anchor_of(number), &mut anchors);
        let (title, _) = structure::first_sentence(&b.text);
        let task = Task {
            id: format!("{}-{anchor}", plan.id).into(),
            plan: plan.id.clone(),
            anchor,
            number: number.clone(),
            title,
            block,
            generic: f
                .responsibility
                .as_ref()
                .map(|r| r.generic.clone())
                .unwrap_or_default(),
            source: Source {
                file: plan.source.file.clone(),
                span: b.span,
            },
            ..Default::default()
        };
        out.push((task, &**f));
    }
    out
}

/// A plan's targets (each with its indicator's name) and deadlines, in
/// block order.
pub(super) struct PlanTargets<'a> {
    pub targets: Vec<(&'a str, Target)>,
    pub deadlines: Vec<Deadline>,
}

/// The targets and deadlines its blocks' facts state in `plan` (whose
/// tasks are made): a target in a task's text belongs to that task.
pub(super) fn targets_and_deadlines<'a>(
    plan: &Plan,
    facts: &[Arc<BlockFacts>],
    indicators: &'a IndicatorIds,
) -> PlanTargets<'a> {
    let pid = &plan.id;
    let mut out = PlanTargets {
        targets: Vec::new(),
        deadlines: Vec::new(),
    };
    let mut task_iter = plan.tasks.iter();
    for (b, f) in plan.blocks.iter().zip(facts) {
        let (kind, span) = (&b.kind, b.span);
        // A table's targets belong to no task.
        let in_task = match kind {
            BlockKind::Task { .. } => task_iter.next().cloned(),
            BlockKind::Heading { .. } => continue,
            BlockKind::Table { .. } | BlockKind::Paragraph | BlockKind::Article { .. } => None,
        };
        for t in &f.targets {
            let Some((key, ind_id)) = indicators.get(&t.indicator) else {
                continue;
            };
            if key.is_empty() {
                continue;
            }
            let t = t.clone();
            let n = out.targets.len() + 1;
            let target = Target {
                id: format!("{pid}-target-{n}").into(),
                indicator: ind_id.clone(),
                plan: pid.clone(),
                task: in_task.clone(),
                value: t.value,
                value_high: t.value_high,
                unit: t.unit.map(Id::from),
                year: t.year,
                comparator: t.comparator.map(Id::from),
                text: t.text,
                uncertain: t.uncertain,
                source: Source {
                    file: plan.source.file.clone(),
                    span,
                },
            };
            out.targets.push((key.as_str(), target));
        }
        if matches!(kind, BlockKind::Table { .. }) {
            continue;
        }
        for dl in &f.deadlines {
            let d = out.deadlines.len() + 1;
            out.deadlines.push(Deadline {
                id: format!("{pid}-deadline-{d}").into(),
                date: dl.date.clone(),
                text: dl.text.clone(),
                plan: pid.clone(),
                task: in_task.clone(),
            });
        }
    }
    out
}
