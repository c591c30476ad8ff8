//! Blocks of a document that assigns work: a numbered item (or a
//! paragraph) that carries a responsibility clause is a task at whatever
//! level it stands, and a task table's rows are tasks (see
//! `parse::assign` and `parse::tasktable`). Part of [`super::Structurer`].

use super::{Structurer, Target};
use crate::parse::outline::{self, Scheme};
use crate::parse::{Block, BlockKind, LineSpan, meta, plans, tasktable};

impl Structurer<'_> {
    /// A task table's rows become tasks of the current plan; outside a plan
    /// they make one, named by the table's caption when the line before it
    /// is one (推广清单, 任务分工表), else by the document's title.
    pub(super) fn push_task_table(&mut self, t: tasktable::Table) {
        if self.target == Target::Doc {
            let caption = self
                .doc
                .blocks
                .last()
                .filter(|b| {
                    b.kind == BlockKind::Paragraph
                        && b.text.chars().count() <= 60
                        && !b.text.contains('。')
                        && (meta::ends_with_doc_type(&b.text) || b.text.ends_with('表'))
                })
                .map(|b| b.text.clone());
            let title = caption.unwrap_or_else(|| self.doc.title.clone());
            let line = t.items.first().map_or(self.doc.span.start, |x| match x {
                tasktable::Item::Group { line, .. } => *line,
                tasktable::Item::Row(r) => r.line,
            });
            self.new_plan(
                title.clone(),
                plans::name_of(&title),
                plans::edition_of(&title),
                None,
                line,
                false,
            );
        }
        for item in t.items {
            match item {
                tasktable::Item::Group { text, line } => {
                    let number = outline::marker_at(&text).map(|(m, _)| m.printed);
                    self.push(Block::new(
                        BlockKind::Heading { level: 1, number },
                        text,
                        LineSpan::line(line),
                    ));
                }
                tasktable::Item::Row(r) => self.push(Block::new(
                    BlockKind::Task {
                        number: r.number.to_string(),
                    },
                    r.text,
                    LineSpan::line(r.line),
                )),
            }
        }
    }

    /// The block(s) of body piece `i`: a numbered item that carries a
    /// responsibility clause is a task at whatever level it stands; in a
    /// document made a plan by its clauses, the other items are tasks only
    /// where `parse::assign` says so.
    pub(super) fn block_of(&mut self, i: usize) -> Vec<Block> {
        let p = &self.body[i];
        let Some(m) = &p.marker else {
            // An unnumbered paragraph that a clause closes is a task,
            // numbered by its place among the tasks of its plan.
            if self.clauses[i]
                && !self.in_goal
                && let Target::Plan(plan) = self.target
            {
                let n = self.doc.plans[plan]
                    .blocks
                    .iter()
                    .filter(|b| matches!(b.kind, BlockKind::Task { .. }))
                    .count();
                return vec![Block::new(
                    BlockKind::Task {
                        number: (n + 1).to_string(),
                    },
                    p.text.clone(),
                    LineSpan::line(p.line),
                )];
            }
            return self.to_block(p);
        };
        let task = || {
            vec![Block::new(
                BlockKind::Task {
                    number: task_number(m),
                },
                p.text.clone(),
                LineSpan::line(p.line),
            )]
        };
        if self.clauses[i] && !self.in_goal {
            return task();
        }
        if self.clauses[i]
            && let Target::Plan(plan) = self.target
        {
            // A goal with a clause: a task only if its plan has no other
            // (see `finish`); until then text, as goals are.
            let at = self.doc.plans[plan].blocks.len();
            self.goal_clauses.push((plan, at, i));
        }
        match &self.clause_tasks {
            Some(tasks) if tasks[i] => task(),
            Some(_) => self
                .to_block(p)
                .into_iter()
                .map(|b| match b.kind {
                    BlockKind::Task { .. } => Block::new(
                        BlockKind::Paragraph,
                        format!("{}{}", m.printed, p.text),
                        b.span,
                    ),
                    _ => b,
                })
                .collect(),
            None => self.to_block(p),
        }
    }
}

/// A task's number as content shows it: `一、` for a top-level item (so
/// that it reads back as one), `(三)` or `12` otherwise.
pub(super) fn task_number(m: &crate::parse::outline::Marker) -> String {
    match m.scheme {
        Scheme::Han => m.printed.trim().to_string(),
        _ => m.number.clone(),
    }
}
