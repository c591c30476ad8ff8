//! Stage 4, model (review): what an editor should look at, computed from
//! the model and the warnings met while reading the content and building
//! the model. Pure: the `/review/` page, `data/review.json` and `gazette
//! check` all show the same list.
//!
//! Every [`ReviewItem`] names a document, the seed file and line to look
//! at, the content file to correct and the page that shows the item. The
//! kinds ([`ReviewKind`]), precisely:
//!
//! - **inferred title**: a document or a plan whose `title_inferred` is set
//!   (no heading named it; import made a title up). At the item's source.
//! - **structure not recognized**: a document without plans whose blocks
//!   hold more than [`STRUCTURE_MIN_CHARS`] characters (whitespace not
//!   counted) and no heading, task nor article block: a long text read as running
//!   paragraphs only.
//! - **clause not parsed**: a task or paragraph block (of a document or a
//!   plan) with a responsibility clause *form* (see below) of which
//!   [`responsibility::extract`] reads no department and no generic body.
//! - **unknown department**: each department not in the department table
//!   (`known == false`), at the first task that names it (in plan id order,
//!   then text order). The build's own warning about the same department is
//!   not listed again.
//! - **uncertain target**: a target the target extractor marked uncertain,
//!   or whose indicator name is at most [`SHORT_INDICATOR`] character long
//!   or starts with a word no name starts with ([`LOOSE_STARTS`]: 的,
//!   其中 …), the marks of an indicator cut at the wrong place. A target
//!   without a year is not doubtful by itself.
//! - **responsibility words but no task**: a document whose plans have no
//!   task at all (or that has no plan) while one of its blocks, or of its
//!   plans' blocks, has a responsibility clause form. At the first such block.
//! - **other warning**: every other warning met while reading the content
//!   and building the model (`path:line` as the warning gives them; the
//!   warnings about unknown departments are the items above), under the document
//!   whose content file (or seed file, at a line inside the document's
//!   span) the path is; under no document otherwise. Warnings of the import
//!   step are about seeds and are printed by `gazette build`, not listed.
//!
//! A responsibility clause *form*: in the text folded to half-width, a
//! labelled clause (`牵头单位:`, `责任部门:`, `配合单位:` … anywhere), or a
//! bracket `(…)`, `〔…〕`, `【…】` that ends a sentence (only whitespace
//! between it and `。`, `;`, `.`, a line end or the end of the text) and
//! holds a responsibility word (`牵头`, `负责` but not `负责人`, `配合`,
//! `主责`, `责任单位`, `参与单位`, `协同单位` … in either script).

use crate::diag::{Diagnostic, Severity};
use crate::export::urls;
use crate::model::{Document, Model, Plan, Source};
use crate::parse::text::fold_width;
use crate::parse::{Block, BlockKind, responsibility};
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Characters (whitespace not counted) above which a document without
/// plans, headings or tasks is taken as a structure not recognized.
pub const STRUCTURE_MIN_CHARS: usize = 1500;

/// An indicator name this short (in characters) is doubtful: one
/// character is never a name of what is measured (高, 县, —). Two
/// characters often are (投资, 学位), so they are not flagged.
pub const SHORT_INDICATOR: usize = 1;

/// Words no indicator name starts with: a name starting so was cut in the
/// middle of a phrase (的设区的市, 其中…). Words that also start real names
/// (在运, 并网, 及时率, 和美) are not here.
pub const LOOSE_STARTS: &[&str] = &["的", "其中", "以及", "以上", "以下"];

/// What an item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewKind {
    InferredTitle,
    UnrecognizedStructure,
    UnparsedClause,
    UnknownDepartment,
    UncertainTarget,
    ResponsibilityWithoutTask,
    OtherWarning,
}

impl ReviewKind {
    /// Every kind, in the order pages and counts show them.
    pub const ALL: [ReviewKind; 7] = [
        ReviewKind::InferredTitle,
        ReviewKind::UnrecognizedStructure,
        ReviewKind::UnparsedClause,
        ReviewKind::UnknownDepartment,
        ReviewKind::UncertainTarget,
        ReviewKind::ResponsibilityWithoutTask,
        ReviewKind::OtherWarning,
    ];

    /// The kind's name in `gazette check` and `data/review.json`.
    pub fn name(self) -> &'static str {
        match self {
            ReviewKind::InferredTitle => "inferred-title",
            ReviewKind::UnrecognizedStructure => "unrecognized-structure",
            ReviewKind::UnparsedClause => "unparsed-clause",
            ReviewKind::UnknownDepartment => "unknown-department",
            ReviewKind::UncertainTarget => "uncertain-target",
            ReviewKind::ResponsibilityWithoutTask => "responsibility-without-task",
            ReviewKind::OtherWarning => "other-warning",
        }
    }

    /// The kind as the review page names it.
    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::InferredTitle => "推断的标题",
            ReviewKind::UnrecognizedStructure => "未识别结构的文件",
            ReviewKind::UnparsedClause => "未解析的分工表述",
            ReviewKind::UnknownDepartment => "未登记的部门",
            ReviewKind::UncertainTarget => "存疑的目标",
            ReviewKind::ResponsibilityWithoutTask => "有分工用语而无任务",
            ReviewKind::OtherWarning => "其他构建警告",
        }
    }
}

/// One thing for an editor to look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    pub kind: ReviewKind,
    /// Id of the document concerned; `None` for a warning about a file
    /// that is no document's.
    pub document: Option<String>,
    /// Where to look: the seed file (for a warning, the warning's path).
    pub file: String,
    /// The line in `file`; 0 when unknown.
    pub line: usize,
    /// The content file to correct (empty when there is none).
    pub content: String,
    /// Site path of the page that shows the item (`/plans/x/#task-3`).
    pub url: String,
    pub message: String,
}

/// The review of a site: every item, by document (in id order, items about
/// no document last), then by kind, then in text order.
/// `page_size` is the site's (a target's URL is the page of its indicator
/// that holds it).
pub fn review(m: &Model, diagnostics: &[Diagnostic], page_size: usize) -> Vec<ReviewItem> {
    use rayon::prelude::*;
    // Documents are reviewed in parallel (each reads its clauses again),
    // their items kept in document order.
    let docs: Vec<&Document> = m.documents.values().collect();
    let mut items: Vec<ReviewItem> = docs
        .par_iter()
        .flat_map_iter(|d| {
            let mut found = Vec::new();
            document_items(m, d, &mut found);
            found
        })
        .collect();
    unknown_departments(m, &mut items);
    uncertain_targets(m, &urls::TargetPages::new(m, page_size), &mut items);
    warnings(m, diagnostics, &mut items);
    items.sort_by(|a, b| {
        (a.document.is_none(), &a.document, a.kind).cmp(&(
            b.document.is_none(),
            &b.document,
            b.kind,
        ))
    });
    items
}

/// The number of items of each kind (every kind, in [`ReviewKind::ALL`] order).
pub fn counts(items: &[ReviewItem]) -> Vec<(ReviewKind, usize)> {
    ReviewKind::ALL
        .iter()
        .map(|k| (*k, items.iter().filter(|i| i.kind == *k).count()))
        .collect()
}

/// The counts as `gazette check` prints them: one line per kind, then the total.
pub fn count_lines(items: &[ReviewItem]) -> Vec<String> {
    let mut out: Vec<String> = counts(items)
        .into_iter()
        .map(|(k, n)| format!("review: {n:>5} {}", k.name()))
        .collect();
    out.push(format!(
        "review: {:>5} total (listed on /review/)",
        items.len()
    ));
    out
}

fn item(
    kind: ReviewKind,
    document: &str,
    source: &Source,
    line: usize,
    content: &str,
    url: String,
    message: String,
) -> ReviewItem {
    ReviewItem {
        kind,
        document: Some(document.to_string()),
        file: source.file.to_string(),
        line,
        content: content.to_string(),
        url,
        message,
    }
}

/// The page of a block: its task's anchor, else its line on the page.
fn block_url(page: &str, b: &Block, task_anchor: Option<&str>) -> String {
    match task_anchor {
        Some(a) => format!("{page}#{a}"),
        None if b.span.start > 0 => format!("{page}#l{}", b.span.start),
        None => page.to_string(),
    }
}

/// The blocks of a document and of its plans, each with the page that
/// shows it, its task anchor and its content file and source.
fn blocks_of<'m>(
    m: &'m Model,
    d: &'m Document,
) -> Vec<(&'m Block, String, Option<&'m str>, &'m str, &'m Source)> {
    let mut out: Vec<_> = d
        .blocks
        .iter()
        .map(|b| {
            let page = urls::document(&d.id);
            (b, page, None, d.content.as_str(), &d.source)
        })
        .collect();
    for p in d.plans.iter().filter_map(|id| m.plans.get(id)) {
        let mut tasks = p.tasks.iter().filter_map(|t| m.tasks.get(t));
        for b in p.blocks.iter() {
            let anchor = match b.kind {
                BlockKind::Task { .. } => tasks.next().map(|t| t.anchor.as_str()),
                _ => None,
            };
            out.push((b, urls::plan(&p.id), anchor, p.content.as_str(), &p.source));
        }
    }
    out
}

fn document_items(m: &Model, d: &Document, items: &mut Vec<ReviewItem>) {
    use ReviewKind::*;
    if d.title_inferred {
        items.push(item(
            InferredTitle,
            &d.id,
            &d.source,
            d.source.span.start,
            &d.content,
            urls::document(&d.id),
            format!("文件标题“{}”是推断的,原文没有标题", d.title),
        ));
    }
    let plans: Vec<&Plan> = d.plans.iter().filter_map(|id| m.plans.get(id)).collect();
    for p in plans.iter().filter(|p| p.title_inferred) {
        items.push(item(
            InferredTitle,
            &d.id,
            &p.source,
            p.source.span.start,
            &p.content,
            urls::plan(&p.id),
            format!("计划标题“{}”是推断的,原文没有计划标题", p.title),
        ));
    }
    if plans.is_empty() && unrecognized(&d.blocks) {
        let chars = text_chars(&d.blocks);
        items.push(item(
            UnrecognizedStructure,
            &d.id,
            &d.source,
            d.source.span.start,
            &d.content,
            urls::document(&d.id),
            format!("正文{chars}字,未识别出任何标题、计划或任务"),
        ));
    }
    let blocks = blocks_of(m, d);
    let mut first_clause = None;
    for (b, page, anchor, content, source) in &blocks {
        if !matches!(
            b.kind,
            BlockKind::Task { .. } | BlockKind::Paragraph | BlockKind::Article { .. }
        ) {
            continue;
        }
        let Some(form) = clause_form(&b.text) else {
            continue;
        };
        first_clause.get_or_insert((*b, page, *anchor, *content, *source, form.clone()));
        if responsibility::extract(&b.text, None).is_empty() {
            items.push(item(
                UnparsedClause,
                &d.id,
                source,
                b.span.start,
                content,
                block_url(page, b, *anchor),
                format!("分工表述“{form}”中未读出任何部门"),
            ));
        }
    }
    let tasks: usize = plans.iter().map(|p| p.tasks.len()).sum();
    if let (0, Some((b, page, anchor, content, source, form))) = (tasks, first_clause) {
        items.push(item(
            ResponsibilityWithoutTask,
            &d.id,
            source,
            b.span.start,
            content,
            block_url(page, b, anchor),
            format!("有分工表述(如“{form}”),但未识别出任何任务"),
        ));
    }
}

/// Characters of the blocks' text, whitespace not counted.
fn text_chars(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .flat_map(|b| b.text.chars())
        .filter(|c| !c.is_whitespace())
        .count()
}

/// A long text without headings nor tasks (see [`STRUCTURE_MIN_CHARS`]).
fn unrecognized(blocks: &[Block]) -> bool {
    let structured = blocks.iter().any(|b| {
        matches!(
            b.kind,
            BlockKind::Heading { .. } | BlockKind::Task { .. } | BlockKind::Article { .. }
        )
    });
    !structured && text_chars(blocks) > STRUCTURE_MIN_CHARS
}

/// `牵头单位:` and its kin, on folded text.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:牵头|牽頭|责任|責任|主责|主責|配合|参与|參與|协同|協同|协办|協辦)(?:单位|單位|部门|部門)\s*:")
        .expect("valid built-in regex")
});

/// A responsibility word inside a bracket (`负责人` excluded below).
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"牵头|牽頭|负责|負責|配合|主责|主責|(?:责任|責任|参与|參與|协同|協同|协办|協辦)(?:单位|單位|部门|部門)")
        .expect("valid built-in regex")
});

fn opens(c: char) -> bool {
    matches!(c, '(' | '〔' | '【')
}

fn closes(c: char) -> bool {
    matches!(c, ')' | '〕' | '】')
}

/// Whether only whitespace stands between `i` and a sentence end.
fn ends_sentence(f: &str, i: usize) -> bool {
    match f[i..].chars().find(|c| !c.is_whitespace() || *c == '\n') {
        None => true,
        Some(c) => matches!(c, '。' | ';' | '.' | '\n'),
    }
}

/// The responsibility clause form of a text (see the module paragraph):
/// the labelled clause or the sentence-ending bracket, as folded.
pub fn clause_form(text: &str) -> Option<String> {
    let f = fold_width(text);
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in f.char_indices() {
        if opens(c) {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        } else if closes(c) && depth > 0 {
            depth -= 1;
            let end = i + c.len_utf8();
            if depth == 0 && ends_sentence(&f, end) && has_word(&f[start..end]) {
                return Some(f[start..end].to_string());
            }
        }
    }
    LABEL.find(&f).map(|m| {
        let rest = &f[m.start()..];
        let end = rest.find(['。', '\n']).unwrap_or(rest.len());
        rest[..end].chars().take(40).collect()
    })
}

fn has_word(s: &str) -> bool {
    WORD.find_iter(s).any(|m| !s[m.end()..].starts_with('人'))
}

fn unknown_departments(m: &Model, items: &mut Vec<ReviewItem>) {
    // Tasks in model order: plan id, then text order (task ids follow it
    // within a plan, as the plan lists them).
    let order: BTreeMap<&str, usize> = m
        .plans
        .values()
        .flat_map(|p| p.tasks.iter())
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    for d in m.departments.values().filter(|d| !d.known) {
        let first = d
            .lead
            .iter()
            .chain(&d.support)
            .filter_map(|t| order.get(t.as_str()).map(|i| (*i, t)))
            .min()
            .and_then(|(_, t)| m.tasks.get(t));
        let plan = first.and_then(|t| m.plans.get(&t.plan));
        let message = format!(
            "部门“{}”不在部门表中(data/departments.toml){}",
            d.name,
            first
                .map(|t| format!(",首见于任务 {}", t.number))
                .unwrap_or_default()
        );
        items.push(match (first, plan) {
            (Some(t), Some(p)) => item(
                ReviewKind::UnknownDepartment,
                &p.document,
                &t.source,
                t.source.span.start,
                &p.content,
                urls::department(&d.id),
                message,
            ),
            _ => ReviewItem {
                kind: ReviewKind::UnknownDepartment,
                document: None,
                file: String::new(),
                line: 0,
                content: String::new(),
                url: urls::department(&d.id),
                message,
            },
        });
    }
}

/// Why a target is doubtful, if it is (see the module paragraph).
pub fn target_doubt(uncertain: bool, indicator: &str) -> Option<&'static str> {
    if uncertain {
        Some("提取时已标为不确定")
    } else if indicator.chars().count() <= SHORT_INDICATOR {
        Some("指标名过短")
    } else if LOOSE_STARTS.iter().any(|w| indicator.starts_with(w)) {
        Some("指标名以虚词开头")
    } else {
        None
    }
}

fn uncertain_targets(m: &Model, pages: &urls::TargetPages, items: &mut Vec<ReviewItem>) {
    for t in m.targets.values() {
        let name = m
            .indicators
            .get(&t.indicator)
            .map(|i| i.name.as_str())
            .unwrap_or_default();
        let (Some(why), Some(p)) = (target_doubt(t.uncertain, name), m.plans.get(&t.plan)) else {
            continue;
        };
        items.push(item(
            ReviewKind::UncertainTarget,
            &p.document,
            &t.source,
            t.source.span.start,
            &p.content,
            pages.url(t),
            format!("目标“{}”(指标“{name}”):{why}", t.text),
        ));
    }
}

fn warnings(m: &Model, diagnostics: &[Diagnostic], items: &mut Vec<ReviewItem>) {
    let mut by_content: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for d in m.documents.values() {
        by_content.insert(&d.content, (&d.id, urls::document(&d.id)));
    }
    for p in m.plans.values() {
        by_content.insert(&p.content, (&p.document, urls::plan(&p.id)));
    }
    for w in diagnostics
        .iter()
        .filter(|w| w.severity == Severity::Warning)
    {
        // The same finding as an unknown department item.
        if w.message.starts_with("unknown department “") {
            continue;
        }
        let owner = by_content.get(w.path.as_str()).cloned().or_else(|| {
            m.documents
                .values()
                .find(|d| {
                    d.source.file == w.path
                        && (d.source.span.start..=d.source.span.end).contains(&w.line)
                })
                .map(|d| (d.id.as_str(), urls::document(&d.id)))
        });
        let content = if by_content.contains_key(w.path.as_str()) {
            w.path.clone()
        } else {
            String::new()
        };
        items.push(ReviewItem {
            kind: ReviewKind::OtherWarning,
            document: owner.as_ref().map(|(d, _)| d.to_string()),
            file: w.path.clone(),
            line: w.line,
            content,
            url: owner.map(|(_, u)| u).unwrap_or_default(),
            message: w.message.clone(),
        });
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
