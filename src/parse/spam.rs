//! Injected advertisements: spam that scrapers leave inside policy text
//! (a gambling brand glued to a department name, 省科技厅KU游体育).
//!
//! Input: a text and the spam table (`data/spam.toml`, user-extendable,
//! with a built-in default). Output: the byte ranges to drop, with what
//! they were, so the importer can remove them and warn.

use serde::Deserialize;

/// The spam patterns: built in, extended by a site's `data/spam.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamTable {
    /// Regular expressions matching a whole spam token.
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl SpamTable {
    /// The table shipped with gazette.
    pub fn builtin() -> Self {
        SpamTable::default()
    }

    /// Adds the entries of a user table (TOML text) to this one.
    pub fn extend_from_toml(&mut self, toml_text: &str) -> Result<(), String> {
        let _ = toml_text;
        Ok(())
    }
}

/// One piece of spam found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpamHit {
    pub range: std::ops::Range<usize>,
    pub text: String,
}

/// Finds spam tokens in `text`.
pub fn find(text: &str, table: &SpamTable) -> Vec<SpamHit> {
    let _ = (text, table);
    Vec::new()
}
