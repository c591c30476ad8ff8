//! Citations between documents: 《…》 titles and document numbers
//! (国办发〔2024〕21号) in a text.
//!
//! Input: one text. Output: each citation with the title inside 《》
//! and/or the document number, and where it stands.

use serde::{Deserialize, Serialize};

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitationMatch {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub range: std::ops::Range<usize>,
}

/// Finds the citations in `text`. A title directly followed by a
/// parenthesised document number is one citation.
pub fn extract(text: &str) -> Vec<CitationMatch> {
    let _ = text;
    Vec::new()
}

/// Finds document numbers (发文字号) in `text`: 国办发〔2024〕21号,
/// 鲁政办字[2022]28号, 财政部 税务总局公告2024年第3号.
pub fn doc_numbers(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let _ = text;
    Vec::new()
}
