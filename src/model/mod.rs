//! Stage 4, model: the whole-site model, owned in sorted maps keyed by
//! stable ids, relations stored as ids. Built from the content files in
//! explicit ordered steps (`build`): documents → plans → tasks and their
//! departments → targets and indicators → deadlines → editions → twins →
//! citations.

pub mod build;
pub mod compare;
pub mod departments;
mod entities;
pub mod facts;
pub mod ids;
pub mod levels;
mod links;
pub mod review;
pub mod stage;

use crate::parse::{Block, LineSpan, Script};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where an item stands in its seed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub file: String,
    pub span: LineSpan,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub title_inferred: bool,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    pub addressee: Option<String>,
    pub date: Option<String>,
    pub published: Option<String>,
    pub script: Script,
    pub twin: Option<String>,
    pub plans: Vec<String>,
    /// The content file (`content/x/index.md`).
    pub content: String,
    /// Its Markdown body (shared with the content file read).
    pub body: Arc<str>,
    pub source: Source,
    pub blocks: Arc<[Block]>,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub name: String,
    /// True when no heading named the plan and import inferred its title.
    pub title_inferred: bool,
    pub family: Option<String>,
    pub edition: Option<String>,
    pub document: String,
    pub parent: Option<String>,
    pub children: Vec<String>,
    /// Every plan of the same name (in simplified script), this one
    /// included, by id; those of another edition are its editions
    /// ([`Model::editions_of`]). Shared by the plans of the group, so that
    /// a name printed in many editions costs one list, not one per plan.
    pub edition_group: Arc<[String]>,
    pub tasks: Vec<String>,
    pub targets: Vec<String>,
    /// The content file (`content/x/plan.md`).
    pub content: String,
    /// Its Markdown body (shared with the content file read).
    pub body: Arc<str>,
    pub source: Source,
    pub blocks: Arc<[Block]>,
}

#[derive(Debug, Clone, Default)]
pub struct Task {
    pub id: String,
    pub plan: String,
    /// The anchor inside the plan page, e.g. task-12.
    pub anchor: String,
    pub number: String,
    pub title: String,
    /// Its block in its plan's blocks, which holds its text
    /// ([`Model::task_text`]: the text is held once, by the plan).
    pub block: usize,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    /// Generic placeholders named (省有关部门 …), not departments.
    pub generic: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone, Default)]
pub struct Department {
    pub id: String,
    pub name: String,
    /// The other ways the documents print it.
    pub aliases: Vec<String>,
    /// The other names the department table gives it
    /// (`data/departments.toml`), printed or not: readers search by them.
    pub table_aliases: Vec<String>,
    pub successor: Option<String>,
    pub known: bool,
    /// Its level of government: the table's, else read from the name.
    pub level: Option<levels::Level>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub targets: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Target {
    pub id: String,
    pub indicator: String,
    pub plan: String,
    pub task: Option<String>,
    pub value: Option<f64>,
    pub value_high: Option<f64>,
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub comparator: Option<String>,
    pub text: String,
    pub uncertain: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Default)]
pub struct Deadline {
    pub id: String,
    pub date: String,
    pub text: String,
    pub plan: String,
    pub task: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Citation {
    pub from: String,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub to: Option<String>,
}

/// The whole site.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub documents: BTreeMap<String, Document>,
    pub plans: BTreeMap<String, Plan>,
    pub tasks: BTreeMap<String, Task>,
    pub departments: BTreeMap<String, Department>,
    pub indicators: BTreeMap<String, Indicator>,
    pub targets: BTreeMap<String, Target>,
    pub deadlines: BTreeMap<String, Deadline>,
    pub citations: Vec<Citation>,
    /// Each citation as printed in the texts (the words to link where
    /// they stand) → its document number and title, found with
    /// [`Model::citations`] so that rendering does not look for them again.
    pub citations_printed: BTreeMap<String, (Option<String>, Option<String>)>,
}

impl Model {
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
        p.edition_group.iter().map(String::as_str).filter(move |o| {
            *o != p.id && self.plans.get(*o).is_some_and(|e| e.edition != p.edition)
        })
    }
}
