//! Stage 5, export: the open data files, as bytes per output path (no I/O).
//! `data/site.json` follows `schema/site.schema.json`; `data/tasks.csv`,
//! `data/targets.csv` and `data/departments.csv` are flat tables of the same.

pub mod csv;
pub mod json;
pub mod urls;

use crate::model::Model;
use std::collections::BTreeMap;

/// Every open data file, keyed by its path inside `public/`.
pub fn open_data(m: &Model) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    out.insert("data/site.json".to_string(), json::site_json(m));
    out.insert("data/tasks.csv".to_string(), csv::tasks(m));
    out.insert("data/targets.csv".to_string(), csv::targets(m));
    out.insert("data/departments.csv".to_string(), csv::departments(m));
    out
}
