//! Front matter of content files: what an editor may change about a
//! document or a plan. Unknown keys are errors.

use serde::{Deserialize, Serialize};

/// Where an item came from: a seed file and its lines (`12` or `12-40`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub file: String,
    pub lines: String,
}

/// Front matter of a document's `index.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DocFront {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    #[serde(default)]
    pub issuers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    /// Signing date (成文日期), ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publication date, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default = "default_script")]
    pub script: String,
    /// A responsibility convention the document states once (first-listed-leads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convention: Option<String>,
    /// Plan files of this document, in order (file names in the same folder).
    #[serde(default)]
    pub plans: Vec<String>,
    pub source: SourceRef,
}

/// Front matter of a plan file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PlanFront {
    pub id: String,
    pub title: String,
    /// The edition-independent name that links editions (科技研发创新).
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Id of the parent plan (a container such as 基础设施“七网”).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub source: SourceRef,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn default_script() -> String {
    "zh-Hans".into()
}

/// Splits a content file into its front matter and body.
pub fn split(text: &str) -> Result<(&str, &str), String> {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("+++\n")
        .or_else(|| t.strip_prefix("+++\r\n"))
    else {
        return Err("missing front matter: the file must start with a line `+++`".into());
    };
    let Some(end) = rest.find("\n+++") else {
        return Err("front matter is not closed: add a line `+++` after it".into());
    };
    let front = &rest[..end + 1];
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    Ok((front, body))
}
