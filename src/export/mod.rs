//! Stage 5, export: the open data files, as bytes per output path (no I/O).
//! `data/site.json` follows `schema/site.schema.json` (the whole, also
//! as `data/site.json.gz`); `data/documents.json.gz`, `data/plans.json.gz` …
//! hold one kind of entity each (gzip'd: uncompressed they would repeat
//! `site.json` byte for byte); `data/tasks.csv`, `data/targets.csv` and
//! `data/departments.csv` are flat tables of the same.

pub mod csv;
pub mod json;
pub mod urls;

use crate::model::Model;
use std::collections::BTreeMap;

/// Every open data file, keyed by its path inside `public/`.
/// `page_size` is the site's (`site.toml`): targets' URLs depend on it.
pub fn open_data(m: &Model, page_size: usize) -> BTreeMap<String, Vec<u8>> {
    // The JSON is the largest: the tables are written meanwhile.
    let (json, (tasks, (targets, departments))) = rayon::join(
        || {
            // Each kind gzip'd as it comes (only one kind is held
            // uncompressed); site.json kept as is too.
            let mut files: Vec<(String, Vec<u8>)> = Vec::new();
            let site = json::each_kind(m, page_size, |name, array| {
                files.push((format!("data/{name}.json.gz"), gzip(&array)));
            });
            files.push(("data/site.json.gz".to_string(), gzip(&site)));
            files.push(("data/site.json".to_string(), site));
            files
        },
        || {
            rayon::join(
                || csv::tasks(m),
                || rayon::join(|| csv::targets(m), || csv::departments(m)),
            )
        },
    );
    let mut out: BTreeMap<String, Vec<u8>> = json.into_iter().collect();
    out.insert("data/tasks.csv".to_string(), tasks);
    out.insert("data/targets.csv".to_string(), targets);
    out.insert("data/departments.csv".to_string(), departments);
    out
}

/// Gzip of `bytes` at the default level, without a file name or time (so
/// that two builds give the same bytes).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory")
}
