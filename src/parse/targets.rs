//! Quantitative targets in running text: 高新技术企业2025年突破3.8万家.
//!
//! Input: one paragraph or task text. Output: each commitment with its
//! indicator, value (and high value of a range), unit, year, comparator as
//! printed and the exact source text. Numbers that are names (5G,
//! “2115”机制) and deadlines are not targets.

use serde::{Deserialize, Serialize};

/// One quantitative commitment found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetMatch {
    /// What is measured, e.g. 高新技术企业 (trimmed of verbs and years).
    pub indicator: String,
    /// The number as written (3.8 for 3.8万家); the low end of a range.
    pub value: Option<f64>,
    /// The high end of a range such as 3—5家.
    pub value_high: Option<f64>,
    /// e.g. 万家, %, 亿元, 个百分点
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// The comparator word(s) as printed: 达到, 突破, 以上, 左右, 年均增长 …
    pub comparator: Option<String>,
    /// The exact source span.
    pub text: String,
    /// Byte range of `text` in the input.
    pub range: std::ops::Range<usize>,
    /// True when the reading is doubtful (e.g. a table value whose decimal point may have been lost).
    pub uncertain: bool,
}

/// Finds the targets stated in `text`.
pub fn extract(text: &str) -> Vec<TargetMatch> {
    let _ = text;
    Vec::new()
}
