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
        || json_files(m, page_size),
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

/// `data/site.json`, `data/site.json.gz` and each kind's gzip'd file.
/// Compression overlaps serialization: each kind's file is compressed on
/// a task of its own as soon as it is made, and `site.json.gz` on a thread
/// of its own as `site.json`'s pieces come (the same stream, so the same
/// bytes every time; they decompress to `site.json`).
fn json_files(m: &Model, page_size: usize) -> Vec<(String, Vec<u8>)> {
    use std::io::Write;
    let (tx, rx) = std::sync::mpsc::channel::<json::Piece>();
    let whole = std::thread::spawn(move || {
        let mut e = gz_encoder();
        for piece in rx {
            e.write_all(piece.bytes()).expect("writing to memory");
        }
        e.finish().expect("writing to memory")
    });
    let files = std::sync::Mutex::new(Vec::new());
    let site = rayon::scope(|s| {
        json::each_kind(
            m,
            page_size,
            |name, file| {
                let files = &files;
                s.spawn(move |_| {
                    let gz = gzip(&file);
                    drop(file);
                    files
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((format!("data/{name}.json.gz"), gz));
                });
            },
            |piece| {
                // The thread ends only when the sender goes: it cannot fail before.
                let _ = tx.send(piece);
            },
        )
    });
    drop(tx);
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.push((
        "data/site.json.gz".to_string(),
        whole.join().expect("the compressing thread does not panic"),
    ));
    files.push(("data/site.json".to_string(), site));
    files
}

fn gz_encoder() -> flate2::write::GzEncoder<Vec<u8>> {
    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default())
}

/// Gzip of `bytes` at the default level, without a file name or time (so
/// that two builds give the same bytes).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = gz_encoder();
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory")
}
