//! The department table: canonical names with aliases, abbreviations and
//! typos, renamed bodies linked to their successors, and generic
//! placeholders (省有关部门, 各部门) kept apart from real departments.
//!
//! Input: the built-in table (`data/departments.toml`, embedded) extended
//! by a site's own `data/departments.toml`. Output: for a name as printed,
//! the canonical department it denotes. Bodies that are merely related
//! (省发展改革委 and 省能源局) are never merged.

use serde::Deserialize;

/// How a printed name resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A department in the table: its canonical name.
    Known(String),
    /// A generic placeholder such as 省有关部门: not a department.
    Placeholder(String),
    /// Not in the table: the cleaned name, to become a department with a warning.
    Unknown(String),
    /// Not a department name at all (empty after cleaning, punctuation, a sentence).
    Invalid,
}

/// One department of the table, as written in TOML.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DepartmentEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The canonical name of the body that took over this one's duties.
    #[serde(default)]
    pub successor: Option<String>,
}

/// The whole table.
#[derive(Debug, Clone, Default)]
pub struct DepartmentTable {
    pub departments: Vec<DepartmentEntry>,
    pub placeholders: Vec<String>,
}

impl DepartmentTable {
    /// The table shipped with gazette.
    pub fn builtin() -> Self {
        DepartmentTable::default()
    }

    /// Adds the entries of a user table (TOML text); an entry with an existing name extends it.
    pub fn extend_from_toml(&mut self, toml_text: &str) -> Result<(), String> {
        let _ = toml_text;
        Ok(())
    }

    /// Resolves a name as printed.
    pub fn resolve(&self, printed: &str) -> Resolution {
        Resolution::Unknown(printed.trim().to_string())
    }

    /// The successor of a canonical department, if it was renamed.
    pub fn successor(&self, canonical: &str) -> Option<&str> {
        let _ = canonical;
        None
    }

    /// Every alias of a canonical name known to the table.
    pub fn aliases(&self, canonical: &str) -> Vec<String> {
        let _ = canonical;
        Vec::new()
    }
}
