//! `data/site.json`: every entity with its cross-references by id.

use crate::export::urls;
use crate::model::{Model, Source};
use rayon::prelude::*;
use serde_json::{Value, json};

fn span(s: &Source) -> Value {
    json!({ "file": s.file, "line_start": s.span.start.max(1), "line_end": s.span.end.max(s.span.start).max(1) })
}

/// The kinds of entity of the export, in the order of `data/site.json`.
pub const KINDS: [&str; 8] = [
    "documents",
    "plans",
    "tasks",
    "departments",
    "indicators",
    "targets",
    "deadlines",
    "citations",
];

/// About this many entities are serialized at a time: the export is
/// handed on in pieces of a few megabytes, never whole.
const ENTITIES_AT_ONCE: usize = 4_096;

/// A piece of the JSON export: bytes of `data/site.json`, in order; those
/// of a kind's array (`kind` set) also belong to `data/<kind>.json`.
#[derive(Debug, Clone)]
pub struct Piece {
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub kind: Option<&'static str>,
}

/// The export as a stream of pieces: `piece` gets `data/site.json` (an
/// object with every kind, following `schema/site.schema.json`) in order,
/// a few thousand entities at a time, so that it is never held whole.
/// Each kind's array is one entity per line (so that a file is read,
/// diffed and streamed line by line); the pieces of a kind followed by a
/// newline are its own file (`data/<kind>.json.gz`, gzip'd). `page_size` is the site's: a target's
/// URL is the page of its indicator that holds it.
pub fn stream(m: &Model, page_size: usize, mut piece: impl FnMut(Piece)) {
    let target_pages = urls::TargetPages::new(m, page_size);
    let generator = serde_json::to_string(&format!("gazette {}", env!("CARGO_PKG_VERSION")))
        .expect("JSON serializes");
    let mut emit = |bytes: Vec<u8>, kind: Option<&'static str>| {
        piece(Piece {
            bytes: std::sync::Arc::new(bytes),
            kind,
        })
    };
    emit(format!("{{\"generator\":{generator}").into_bytes(), None);
    for name in KINDS {
        emit(format!(",\n\"{name}\":").into_bytes(), None);
        let mut first = true;
        let mut chunk = b"[".to_vec();
        kind_lines(m, name, &target_pages, &mut |lines| {
            for l in lines {
                chunk.extend_from_slice(if first { b"\n" } else { b",\n" });
                chunk.extend_from_slice(&l);
                first = false;
            }
            emit(std::mem::take(&mut chunk), Some(name));
        });
        chunk.extend_from_slice(b"\n]");
        emit(chunk, Some(name));
    }
    emit(b"\n}\n".to_vec(), None);
}

/// The whole export in one value (as `data/site.json` holds it).
pub fn site_json(m: &Model, page_size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    stream(m, page_size, |p| out.extend_from_slice(&p.bytes));
    out
}

/// Serializes `items` a few thousand at a time, in parallel, handing each
/// run of lines to `each` in order.
fn lines_of<T: Sync>(
    items: &[T],
    each: &mut dyn FnMut(Vec<Vec<u8>>),
    f: impl Fn(&T) -> Value + Sync,
) {
    for run in items.chunks(ENTITIES_AT_ONCE) {
        each(run.par_iter().map(|x| line(f(x))).collect());
    }
}

fn line(v: Value) -> Vec<u8> {
    serde_json::to_vec(&v).expect("JSON serializes")
}

/// The entities of one kind of [`KINDS`], each serialized, in id order,
/// handed to `each` a few thousand at a time.
fn kind_lines(
    m: &Model,
    kind: &str,
    target_pages: &urls::TargetPages,
    each: &mut dyn FnMut(Vec<Vec<u8>>),
) {
    fn values<K, V>(map: &std::collections::BTreeMap<K, V>) -> Vec<&V> {
        map.values().collect()
    }
    match kind {
        "documents" => lines_of(&values(&m.documents), each, |d| {
            json!({
                "id": d.id, "title": d.title, "title_inferred": d.title_inferred, "doc_number": d.doc_number,
                "issuers": d.issuers, "date": d.date, "published": d.published, "script": d.script.code(),
                "twin": d.twin, "plans": d.plans, "url": urls::document(&d.id), "source": span(&d.source),
                "content": d.content,
            })
        }),
        "plans" => lines_of(&values(&m.plans), each, |p| {
            json!({
                "id": p.id, "title": p.title, "name": p.name, "family": p.family, "edition": p.edition,
                "document": p.document, "parent": p.parent, "children": p.children,
                "editions": m.editions_of(p).collect::<Vec<_>>(),
                "tasks": p.tasks, "targets": p.targets, "url": urls::plan(&p.id), "source": span(&p.source),
                "content": p.content,
            })
        }),
        "tasks" => lines_of(&values(&m.tasks), each, |t| {
            json!({
                "id": t.id, "plan": t.plan, "number": t.number, "title": t.title, "lead": t.lead,
                "support": t.support, "generic": t.generic, "url": urls::task(&t.plan, &t.anchor), "source": span(&t.source),
            })
        }),
        "departments" => lines_of(&values(&m.departments), each, |d| {
            json!({
                "id": d.id, "name": d.name, "aliases": d.aliases, "successor": d.successor, "known": d.known,
                "level": d.level.map(|l| l.as_str()),
                "lead": d.lead, "support": d.support, "url": urls::department(&d.id),
            })
        }),
        "indicators" => lines_of(
            &values(&m.indicators),
            each,
            |i| json!({ "id": i.id, "name": i.name, "targets": i.targets, "url": urls::indicator(&i.id) }),
        ),
        "targets" => lines_of(&values(&m.targets), each, |t| {
            json!({
                "id": t.id, "indicator": t.indicator, "plan": t.plan, "task": t.task, "value": t.value,
                "value_high": t.value_high, "unit": t.unit, "year": t.year, "comparator": t.comparator,
                "text": t.text, "uncertain": t.uncertain, "url": target_pages.url(t), "source": span(&t.source),
            })
        }),
        "deadlines" => lines_of(
            &values(&m.deadlines),
            each,
            |d| json!({ "id": d.id, "date": d.date, "text": d.text, "plan": d.plan, "task": d.task }),
        ),
        "citations" => lines_of(
            &m.citations,
            each,
            |c| json!({ "from": c.from, "title": c.title, "doc_number": c.doc_number, "to": c.to }),
        ),
        _ => {}
    }
}
