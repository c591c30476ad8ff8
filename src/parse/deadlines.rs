//! Deadlines: 2024年10月底前, 2025年年底前, 到2025年 → a due date.
//!
//! Input: one task or paragraph text. Output: each dated commitment with
//! its text as printed, the ISO date it falls due (the last day of the
//! month or year named) and where it stands.

use serde::{Deserialize, Serialize};

/// One deadline found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineMatch {
    /// As printed, e.g. 2024年10月底前
    pub text: String,
    /// ISO date the commitment falls due, e.g. 2024-10-31
    pub date: String,
    pub range: std::ops::Range<usize>,
}

/// Finds the deadlines in `text`.
pub fn extract(text: &str) -> Vec<DeadlineMatch> {
    let _ = text;
    Vec::new()
}
