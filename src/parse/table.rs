//! Indicator tables of five-year-plan outlines, scraped to text:
//! "指标 (单位) 2020年 2025年 … 属性" then one row per indicator, with group
//! rows (经济发展, 创新驱动 …) in between.
//!
//! Input: consecutive lines of a seed (with their line numbers). Output:
//! the table as rows of cells (for the content file), and from such rows
//! the targets they state. Scraping dropped decimal points (36 for 3.6):
//! values are kept as printed and marked uncertain, never guessed.

use crate::parse::targets::TargetMatch;

/// A table recognised in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorTable {
    /// Header cells then one row of cells per indicator or group.
    pub rows: Vec<Vec<String>>,
    /// 1-based seed line of the header and of the last row.
    pub first_line: usize,
    pub last_line: usize,
}

/// True for a line that may head an indicator table ("指标 (单位) 2020年 2025年 … 属性").
pub fn looks_like_header(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("指标") && t.contains("单位") && t.contains("年")
}

/// Recognises an indicator table starting at `lines[0]` (a header line).
/// `lines` are (1-based line number, text) pairs; blank lines may occur.
pub fn detect(lines: &[(usize, &str)]) -> Option<IndicatorTable> {
    let _ = lines;
    None
}

/// The targets a table states: one per indicator and year column with a value.
pub fn targets(rows: &[Vec<String>]) -> Vec<TargetMatch> {
    let _ = rows;
    Vec::new()
}
