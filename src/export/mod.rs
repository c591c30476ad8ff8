//! Stage 5, export: the open data files, as bytes per output path (no I/O).
//! `data/site.json` follows `schema/site.schema.json` (the whole, also
//! as `data/site.json.gz`); `data/documents.json.gz`, `data/plans.json.gz` …
//! hold one kind of entity each (gzip'd: uncompressed they would repeat
//! `site.json` byte for byte); `data/tasks.csv`, `data/targets.csv` and
//! `data/departments.csv` are flat tables of the same. Each file is made
//! and handed on in pieces of a few megabytes, never whole.

pub mod csv;
pub mod json;
pub mod urls;

use crate::model::Model;
use anyhow::Result;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{SyncSender, sync_channel};

/// Pieces made but not yet handed on, per channel: what the export holds
/// at most besides the piece being made (each a few megabytes).
const PIECES_WAITING: usize = 8;

/// A piece of an open data file: the whole file or its first piece
/// (`append` false), or bytes to add at its end (`append` true).
#[derive(Debug)]
pub struct DataPiece {
    /// The path inside `public/`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub append: bool,
}

impl DataPiece {
    /// Puts the piece into `files`: starts its file, or adds to it.
    pub fn add_to(&self, files: &mut BTreeMap<String, Vec<u8>>) {
        let file = files.entry(self.path.clone()).or_default();
        if !self.append {
            file.clear();
        }
        file.extend_from_slice(&self.bytes);
    }
}

/// Every open data file, handed to `emit` in pieces as it is made, so
/// that no file is held whole (`data/site.json` is about 90 MB per 1,000
/// documents): the JSON export and its gzip'd files, and the CSV tables,
/// made meanwhile on threads of their own. The pieces of each file come
/// in order; those of different files interleave. `page_size` is the
/// site's (`site.toml`): targets' URLs depend on it. Stops at the first
/// error of `emit`.
pub fn open_data(
    m: &Model,
    page_size: usize,
    emit: &mut dyn FnMut(DataPiece) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|s| {
        let (tx, rx) = sync_channel::<DataPiece>(PIECES_WAITING);
        let tables = tx.clone();
        s.spawn(move || {
            type Make = fn(&Model, &mut dyn FnMut(Vec<u8>));
            let makers: [(&str, Make); 3] = [
                ("data/tasks.csv", csv::tasks),
                ("data/targets.csv", csv::targets),
                ("data/departments.csv", csv::departments),
            ];
            for (path, make) in makers {
                let mut append = false;
                make(m, &mut |bytes| {
                    // A closed channel means the receiver failed: its error is returned.
                    let _ = tables.send(DataPiece {
                        path: path.to_string(),
                        bytes,
                        append,
                    });
                    append = true;
                });
            }
        });
        s.spawn(move || json_files(m, page_size, &tx));
        for piece in rx {
            emit(piece)?;
        }
        Ok(())
    })
}

/// Every open data file whole, keyed by its path inside `public/`
/// ([`open_data`] collected).
pub fn open_data_whole(m: &Model, page_size: usize) -> BTreeMap<String, Vec<u8>> {
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    open_data(m, page_size, &mut |p| {
        p.add_to(&mut out);
        Ok(())
    })
    .expect("collecting in memory does not fail");
    out
}

/// `data/site.json` in pieces, then each kind's gzip'd file and
/// `data/site.json.gz`. Compression overlaps serialization: each piece is
/// compressed into `site.json.gz` on one thread and into its kind's file
/// on another as soon as it is made (the same stream every time, so the
/// same bytes; they decompress to `site.json` and its parts).
fn json_files(m: &Model, page_size: usize, tx: &SyncSender<DataPiece>) {
    use std::io::Write;
    let (whole_tx, whole_rx) = sync_channel::<Arc<Vec<u8>>>(PIECES_WAITING);
    let (kind_tx, kind_rx) = sync_channel::<(&'static str, Arc<Vec<u8>>)>(PIECES_WAITING);
    std::thread::scope(|s| {
        let whole = s.spawn(move || {
            let mut e = gz_encoder();
            for bytes in whole_rx {
                e.write_all(&bytes).expect("writing to memory");
            }
            e.finish().expect("writing to memory")
        });
        let kinds = s.spawn(move || {
            let mut files = Vec::new();
            let mut at: Option<(&str, flate2::write::GzEncoder<Vec<u8>>)> = None;
            let mut end = |at: Option<(&str, flate2::write::GzEncoder<Vec<u8>>)>| {
                if let Some((name, mut e)) = at {
                    e.write_all(b"\n").expect("writing to memory");
                    let gz = e.finish().expect("writing to memory");
                    files.push((format!("data/{name}.json.gz"), gz));
                }
            };
            for (name, bytes) in kind_rx {
                if at.as_ref().is_none_or(|(n, _)| *n != name) {
                    end(at.replace((name, gz_encoder())));
                }
                let (_, e) = at.as_mut().expect("just set");
                e.write_all(&bytes).expect("writing to memory");
            }
            end(at);
            files
        });
        let mut append = false;
        json::stream(m, page_size, |p| {
            // The threads end only when the senders go: they cannot fail before.
            let _ = whole_tx.send(p.bytes.clone());
            if let Some(kind) = p.kind {
                let _ = kind_tx.send((kind, p.bytes.clone()));
            }
            let _ = tx.send(DataPiece {
                path: "data/site.json".into(),
                bytes: p.bytes.to_vec(),
                append,
            });
            append = true;
        });
        drop((whole_tx, kind_tx));
        let kinds = kinds.join().expect("the compressing thread does not panic");
        for (path, bytes) in kinds {
            let _ = tx.send(DataPiece {
                path,
                bytes,
                append: false,
            });
        }
        let _ = tx.send(DataPiece {
            path: "data/site.json.gz".into(),
            bytes: whole.join().expect("the compressing thread does not panic"),
            append: false,
        });
    });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Plan, Target, Task};
    use std::io::Read;

    /// A model of one plan with `n` tasks and `n` targets.
    fn model(n: usize) -> Model {
        let mut m = Model::default();
        let plan = Plan {
            id: "p".into(),
            title: "计划".into(),
            ..Default::default()
        };
        m.plans.insert("p".into(), plan);
        for i in 0..n {
            let id: crate::model::Id = format!("p/task-{i:05}").into();
            let task = Task {
                id: id.clone(),
                plan: "p".into(),
                anchor: format!("task-{i}"),
                number: i.to_string(),
                title: format!("第{i}项任务,含\"引号\"与,逗号"),
                ..Default::default()
            };
            m.tasks.insert(id, task);
            let id: crate::model::Id = format!("p/target-{i:05}").into();
            let target = Target {
                id: id.clone(),
                plan: "p".into(),
                value: Some(i as f64),
                text: format!("到2025年达到{i}家"),
                ..Default::default()
            };
            m.targets.insert(id, target);
        }
        m
    }

    fn gunzip(gz: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    /// Big files come in pieces, each file's in order; put together they
    /// are the whole export, and the gzip'd files hold the same.
    #[test]
    fn open_data_comes_in_pieces_that_make_the_whole() {
        let m = model(10_000);
        let mut pieces: Vec<(String, usize, bool)> = Vec::new();
        let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        open_data(&m, 50, &mut |p| {
            pieces.push((p.path.clone(), p.bytes.len(), p.append));
            let file = files.entry(p.path).or_default();
            assert_eq!(
                file.is_empty(),
                !p.append,
                "a file starts with its first piece"
            );
            file.extend_from_slice(&p.bytes);
            Ok(())
        })
        .unwrap();
        let count = |path: &str| pieces.iter().filter(|p| p.0 == path).count();
        assert!(count("data/site.json") > 4, "{pieces:?}");
        assert!(count("data/tasks.csv") > 2 && count("data/targets.csv") > 2);
        assert_eq!(count("data/site.json.gz"), 1);
        let biggest = pieces.iter().map(|p| p.1).max().unwrap();
        let whole = json::site_json(&m, 50);
        assert!(biggest < whole.len() / 2, "{biggest} of {}", whole.len());
        assert_eq!(files["data/site.json"], whole);
        assert_eq!(gunzip(&files["data/site.json.gz"]), whole);
        assert_eq!(open_data_whole(&m, 50), files);
        // Each kind's file is its array in site.json.
        let site: serde_json::Value = serde_json::from_slice(&whole).unwrap();
        for kind in json::KINDS {
            let part: serde_json::Value =
                serde_json::from_slice(&gunzip(&files[&format!("data/{kind}.json.gz")])).unwrap();
            assert_eq!(part, site[kind], "{kind}");
        }
        assert_eq!(site["tasks"].as_array().unwrap().len(), 10_000);
        // The tables: a byte order mark, one header, a row per entity.
        let tasks = String::from_utf8(files["data/tasks.csv"].clone()).unwrap();
        let tasks = tasks.strip_prefix('\u{feff}').expect("a byte order mark");
        let mut rows = ::csv::Reader::from_reader(tasks.as_bytes());
        assert_eq!(rows.headers().unwrap().get(0), Some("id"));
        let rows: Vec<::csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 10_000);
        assert_eq!(&rows[9_999][4], "第9999项任务,含\"引号\"与,逗号");
        assert_eq!(
            tasks.matches('\u{feff}').count(),
            0,
            "one mark, at the start"
        );
    }

    /// A failing receiver stops the export with its error.
    #[test]
    fn an_error_of_the_receiver_is_returned() {
        let m = model(100);
        let err = open_data(&m, 50, &mut |_| anyhow::bail!("disk full")).unwrap_err();
        assert_eq!(err.to_string(), "disk full");
    }
}
