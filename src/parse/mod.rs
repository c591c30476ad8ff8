//! Stage 2, parse: pure functions from text to structure, testable from a
//! string and touching no disk.
//!
//! Two families live here. Per seed file (`clean`, `segment`, `toc`, `outline`,
//! `meta`, `plans`, `table`): a decoded seed text becomes a list of
//! [`SeedDoc`]s, each with its plans, sections and tasks and the seed line
//! span every item came from. Per item of text (`responsibility`,
//! `targets`, `deadlines`, `citations`, `script`): a sentence or paragraph
//! becomes departments, quantitative targets, due dates and citations; the
//! model stage calls these on the (possibly edited) content text.

pub mod assign;
pub mod citations;
pub mod clean;
pub mod deadlines;
pub mod labels;
pub mod meta;
pub mod outline;
pub mod plans;
pub mod responsibility;
pub mod script;
pub mod segment;
pub mod spam;
pub mod structure;
pub mod table;
pub mod targets;
pub mod tasktable;
pub mod text;
pub mod toc;

use serde::{Deserialize, Serialize};

/// Lines of the original seed file an item came from, 1-based and
/// inclusive. For a file that is one long line both ends are that line.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct LineSpan {
    pub start: usize,
    pub end: usize,
}

impl LineSpan {
    pub fn new(start: usize, end: usize) -> Self {
        LineSpan {
            start,
            end: end.max(start),
        }
    }

    pub fn line(line: usize) -> Self {
        LineSpan {
            start: line,
            end: line,
        }
    }

    /// The smallest span that covers both.
    pub fn join(self, other: LineSpan) -> Self {
        LineSpan {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// `12` or `12-15`, as written in content attributes.
    pub fn to_attr(self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}-{}", self.start, self.end)
        }
    }

    /// Reads `12` or `12-15`.
    pub fn from_attr(s: &str) -> Option<Self> {
        let s = s.trim();
        match s.split_once('-') {
            Some((a, b)) => Some(LineSpan::new(
                a.trim().parse().ok()?,
                b.trim().parse().ok()?,
            )),
            None => s.parse().ok().map(LineSpan::line),
        }
    }
}

/// The script a text is written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Script {
    #[default]
    #[serde(rename = "zh-Hans")]
    Simplified,
    #[serde(rename = "zh-Hant")]
    Traditional,
}

impl Script {
    pub fn code(self) -> &'static str {
        match self {
            Script::Simplified => "zh-Hans",
            Script::Traditional => "zh-Hant",
        }
    }
}

/// What a block of body text is, by its numbering and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A section heading; level 1 is the highest inside a plan or document
    /// (篇 or 一、), deeper levels nest (章, (一) groups).
    Heading { level: u8, number: Option<String> },
    /// A numbered task or measure: `number` as printed (`12`, `(三)`).
    Task { number: String },
    /// A numbered article of a regulation (`第三条`), an article-like item
    /// (`三十六、` where 一、 items run on across chapters) or a numbered
    /// clause (`4.2.1`): running text with a number and an anchor of its
    /// own. Its later paragraphs (款, 项, unnumbered lines) belong to it,
    /// joined by `\n`; `text` does not repeat the number.
    Article { number: String },
    /// Running text.
    Paragraph,
    /// An indicator table, kept as rows of cells (first row the header).
    Table { rows: Vec<Vec<String>> },
}

/// One block of body text with the seed lines it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub span: LineSpan,
    /// True for a heading gazette supplied where the source had none
    /// (e.g. 主要任务 before the numbered tasks of a plan whose headings were stripped).
    pub inferred: bool,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, span: LineSpan) -> Self {
        Block {
            kind,
            text: text.into(),
            span,
            inferred: false,
        }
    }
}

/// A plan found in a document: an action plan, a sub-plan or a container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SeedPlan {
    pub title: String,
    /// The plan's name without edition or genre words (科技研发创新 for
    /// 科技研发创新2022年行动计划): the key that links editions.
    pub name: String,
    /// Names the text suggests for a plan whose title was stripped
    /// (省科技厅牵头负责科技研发创新行动计划落实 → 科技研发创新).
    pub name_candidates: Vec<String>,
    /// True when no heading named the plan and its name was inferred from its text.
    pub title_inferred: bool,
    /// e.g. 十大创新
    pub family: Option<String>,
    /// e.g. 2022 or 2024—2025
    pub edition: Option<String>,
    /// Index of the parent plan in the same document's plan list.
    pub parent: Option<usize>,
    pub span: LineSpan,
    pub blocks: Vec<Block>,
}

/// One document recovered from a seed file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SeedDoc {
    pub title: String,
    pub title_inferred: bool,
    /// 发文字号 as printed, e.g. 国办发〔2024〕21号
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    /// 主送: the addressees line.
    pub addressee: Option<String>,
    /// Signing date (成文日期), ISO 8601.
    pub date: Option<String>,
    /// Publication date (发文时间 / 发布时间), ISO 8601.
    pub published: Option<String>,
    pub script: Script,
    pub span: LineSpan,
    /// Body text that belongs to the document itself (the notice), not to a plan.
    pub blocks: Vec<Block>,
    pub plans: Vec<SeedPlan>,
    /// A responsibility convention stated once in the document, e.g. 排在第一位的部门为牵头部门.
    pub convention: Option<responsibility::Convention>,
    /// Families and their members as the document lists them
    /// (“十大创新”包括科技研发创新2022年行动计划、… → 十大创新: [科技研发创新, …]).
    pub family_members: Vec<(String, Vec<String>)>,
}

#[cfg(test)]
mod genre_tests;
