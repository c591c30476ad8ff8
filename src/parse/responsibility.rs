//! Responsibility clauses: who leads and who supports a task.
//!
//! Input: the text of one task or measure (as printed, possibly edited),
//! plus the document's stated convention if any. Output: the department
//! names as printed, split into lead and support, generic placeholders
//! (省有关部门, 各部门) kept apart, and where the clause stands in the text.
//! Names are not resolved here; `model::departments` maps them to
//! canonical departments.

use serde::{Deserialize, Serialize};

/// A convention a document states once about its clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// 排在第一位的部门为牵头部门: in an unlabelled list the first name leads, the rest support.
    FirstListedLeads,
}

/// The departments named by one task's clause(s).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Responsibility {
    /// Lead departments as printed, in order, trimmed of separators and 等.
    pub lead: Vec<String>,
    /// Supporting departments as printed.
    pub support: Vec<String>,
    /// Generic placeholders met (省有关部门, 各市, 省有关部门、单位 …), never departments.
    pub generic: Vec<String>,
    /// Byte ranges in the input text of each clause found (e.g. the parenthesised clause).
    pub clauses: Vec<std::ops::Range<usize>>,
}

impl Responsibility {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.support.is_empty() && self.generic.is_empty()
    }
}

/// Finds the responsibility clause(s) in one task text.
pub fn extract(text: &str, convention: Option<Convention>) -> Responsibility {
    let _ = (text, convention);
    Responsibility::default()
}

/// Finds a convention stated in a document's text (e.g. 排在第一位的部门为牵头部门).
pub fn detect_convention(text: &str) -> Option<Convention> {
    let _ = text;
    None
}
