//! Front matter of content files: what an editor may change about a
//! document or a plan. Every value is typed (ids, dates, scripts, line
//! spans, file names: see `content::values`); unknown keys are errors.

use crate::content::values::{Id, IsoDate, PlanFileName, SeedLines, Text};
use crate::parse::Script;
use crate::parse::responsibility::Convention;
use serde::{Deserialize, Serialize};

/// Where an item came from: a seed file and its lines (`12` or `12-40`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub file: Text,
    pub lines: SeedLines,
}

/// Front matter of a document's `index.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DocFront {
    pub id: Id,
    pub title: Text,
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    #[serde(default)]
    pub issuers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    /// Signing date (成文日期), YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// Publication date, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<IsoDate>,
    /// `zh-Hans` (the default) or `zh-Hant`.
    #[serde(default)]
    pub script: Script,
    /// A responsibility convention the document states once:
    /// `first-listed-leads` (排在第一位的部门为牵头部门).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convention: Option<Convention>,
    /// Plan files of this document, in order (file names in the same folder).
    #[serde(default)]
    pub plans: Vec<PlanFileName>,
    pub source: SourceRef,
}

/// Front matter of a plan file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PlanFront {
    pub id: Id,
    pub title: Text,
    /// The edition-independent name that links editions (科技研发创新).
    pub name: Text,
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Id of the parent plan (a container such as 基础设施“七网”).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    pub source: SourceRef,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Splits a content file into its front matter and body: the file opens
/// with a line `+++`, and the next line that is `+++` (trailing spaces
/// allowed) closes the front matter.
pub fn split(text: &str) -> Result<(&str, &str), String> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("+++\n")
        .or_else(|| t.strip_prefix("+++\r\n"))
    else {
        return Err("missing front matter: the file must start with a line `+++`".into());
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..at];
            let body = rest[at + line.len()..].trim_start_matches(['\r', '\n']);
            return Ok((front, body));
        }
        at += line.len();
    }
    Err("front matter is not closed: add a line `+++` after it".into())
}
