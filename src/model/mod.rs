//! Stage 4, model: the whole-site model, owned in sorted maps keyed by
//! stable ids, relations stored as ids. Built from the content files in
//! explicit ordered steps (`build`): documents → plans → tasks and their
//! departments → targets and indicators → deadlines → editions → twins →
//! citations.

pub mod body_text;
pub mod build;
pub mod compare;
pub mod departments;
mod entities;
pub mod facts;
mod id;
pub mod ids;
pub mod levels;
mod links;
pub mod review;
pub mod stage;

pub use body_text::BodyText;
pub use id::Id;

use crate::parse::{Block, LineSpan, Script};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where an item stands in its seed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub file: Id,
    pub span: LineSpan,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: Id,
    pub title: String,
    pub title_inferred: bool,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    pub addressee: Option<String>,
    pub date: Option<String>,
    pub published: Option<String>,
    pub script: Script,
    pub twin: Option<Id>,
    pub plans: Vec<Id>,
    /// The content file (`content/x/index.md`).
    pub content: String,
    /// Its Markdown body (shared with the content file read, or
    /// deflated: see [`BodyText`]).
    pub body: BodyText,
    pub source: Source,
    pub blocks: Arc<[Block]>,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub id: Id,
    pub title: String,
    pub name: String,
    /// True when no heading named the plan and import inferred its title.
    pub title_inferred: bool,
    pub family: Option<String>,
    pub edition: Option<String>,
    pub document: Id,
    pub parent: Option<Id>,
    pub children: Vec<Id>,
    /// Every plan of the same name (in simplified script), this one
    /// included, by id; those of another edition are its editions
    /// ([`Model::editions_of`]). Shared by the plans of the group, so that
    /// a name printed in many editions costs one list, not one per plan.
    pub edition_group: Arc<[Id]>,
    pub tasks: Vec<Id>,
    pub targets: Vec<Id>,
    /// The content file (`content/x/plan.md`).
    pub content: String,
    /// Its Markdown body (shared with the content file read, or
    /// deflated: see [`BodyText`]).
    pub body: BodyText,
    pub source: Source,
    pub blocks: Arc<[Block]>,
}

#[derive(Debug, Clone, Default)]
pub struct Task {
    pub id: Id,
    pub plan: Id,
    /// The anchor inside the plan page, e.g. task-12.
    pub anchor: String,
    pub number: String,
    pub title: String,
    /// Its block in its plan's blocks, which holds its text
    /// ([`Model::task_text`]: the text is held once, by the plan).
    pub block: usize,
    pub lead: Vec<Id>,
    pub support: Vec<Id>,
    /// Generic placeholders named (省有关部门 …), not departments.
    pub generic: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, Default)]
pub struct Department {
    pub id: Id,
    pub name: String,
    /// The other ways the documents print it.
    pub aliases: Vec<String>,
    /// The other names the department table gives it
    /// (`data/departments.toml`), printed or not: readers search by them.
    pub table_aliases: Vec<String>,
    pub successor: Option<Id>,
    pub known: bool,
    /// Its level of government: the table's, else read from the name.
    pub level: Option<levels::Level>,
    pub lead: Vec<Id>,
    pub support: Vec<Id>,
}

#[derive(Debug, Clone, Default)]
pub struct Indicator {
    pub id: Id,
    pub name: String,
    pub targets: Vec<Id>,
}

#[derive(Debug, Clone, Default)]
pub struct Target {
    pub id: Id,
    pub indicator: Id,
    pub plan: Id,
    pub task: Option<Id>,
    pub value: Option<f64>,
    pub value_high: Option<f64>,
    pub unit: Option<Id>,
    pub year: Option<i32>,
    pub comparator: Option<Id>,
    pub text: String,
    pub uncertain: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Default)]
pub struct Deadline {
    pub id: Id,
    pub date: String,
    pub text: String,
    pub plan: Id,
    pub task: Option<Id>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Citation {
    pub from: Id,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub to: Option<Id>,
}

/// The whole site.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub documents: BTreeMap<Id, Document>,
    pub plans: BTreeMap<Id, Plan>,
    pub tasks: BTreeMap<Id, Task>,
    pub departments: BTreeMap<Id, Department>,
    pub indicators: BTreeMap<Id, Indicator>,
    pub targets: BTreeMap<Id, Target>,
    pub deadlines: BTreeMap<Id, Deadline>,
    pub citations: Vec<Citation>,
    /// Each citation as printed in the texts (the words to link where
    /// they stand) → its document number and title, found with
    /// [`Model::citations`] so that rendering does not look for them again.
    pub citations_printed: BTreeMap<String, (Option<String>, Option<String>)>,
}

impl Model {
    /// Deflates every body (see [`BodyText`]), in parallel: for a build,
    /// which renders each once or twice.
    pub fn pack_bodies(&mut self) {
        use rayon::prelude::*;
        self.documents
            .par_iter_mut()
            .for_each(|(_, d)| d.body = d.body.packed());
        self.plans
            .par_iter_mut()
            .for_each(|(_, p)| p.body = p.body.packed());
    }

    /// The text of task `t`: its block's in its plan.
    pub fn task_text<'a>(&'a self, t: &Task) -> &'a str {
        self.plans
            .get(&t.plan)
            .and_then(|p| p.blocks.get(t.block))
            .map_or("", |b| b.text.as_str())
    }

    /// The other editions of plan `p`: the plans of its name whose
    /// edition differs from its own, by id.
    pub fn editions_of<'a>(&'a self, p: &'a Plan) -> impl Iterator<Item = &'a str> + 'a {
        p.edition_group.iter().map(Id::as_str).filter(move |o| {
            *o != p.id && self.plans.get(*o).is_some_and(|e| e.edition != p.edition)
        })
    }
}
