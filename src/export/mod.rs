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
    // The JSON is the largest: the tables are written meanwhile.
    let (site, (tasks, (targets, departments))) = rayon::join(
        || json::site_json(m),
        || {
            rayon::join(
                || csv::tasks(m),
                || rayon::join(|| csv::targets(m), || csv::departments(m)),
            )
        },
    );
    BTreeMap::from([
        ("data/site.json".to_string(), site),
        ("data/tasks.csv".to_string(), tasks),
        ("data/targets.csv".to_string(), targets),
        ("data/departments.csv".to_string(), departments),
    ])
}
