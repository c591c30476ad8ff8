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

/// One kind's entities (each serialized) as a JSON array, one entity per
/// line (so that a file is read, diffed and streamed line by line).
fn array_lines(lines: Vec<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 2).sum::<usize>() + 4);
    out.push(b'[');
    for (i, l) in lines.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(l);
    }
    out.extend_from_slice(b"\n]");
    out
}

/// The export, one kind at a time (so that only one kind's entities are
/// held): `each` gets each kind's name and its JSON array (one entity per
/// line, ending with a newline: `data/<kind>.json`); the result is
/// `data/site.json`, the whole (an object with every kind, following
/// `schema/site.schema.json`), made of the same arrays. `page_size` is
/// the site's: a target's URL is the page of its indicator that holds it.
/// `piece` gets `data/site.json` in order, piece by piece, as it is made
/// (each kind's array is shared with `each`: `data/site.json` holds it
/// without its final newline).
pub fn each_kind(
    m: &Model,
    page_size: usize,
    mut each: impl FnMut(&'static str, std::sync::Arc<Vec<u8>>),
    mut piece: impl FnMut(Piece),
) -> Vec<u8> {
    let target_pages = urls::TargetPages::new(m, page_size);
    let generator = serde_json::to_string(&format!("gazette {}", env!("CARGO_PKG_VERSION")))
        .expect("JSON serializes");
    let mut site = Vec::new();
    let mut add = |site: &mut Vec<u8>, p: Piece| {
        site.extend_from_slice(p.bytes());
        piece(p);
    };
    add(
        &mut site,
        Piece::Owned(format!("{{\"generator\":{generator}").into_bytes()),
    );
    for name in KINDS {
        let mut file = array_lines(kind_lines(m, name, &target_pages));
        add(
            &mut site,
            Piece::Owned(format!(",\n\"{name}\":").into_bytes()),
        );
        file.push(b'\n');
        let file = std::sync::Arc::new(file);
        add(&mut site, Piece::Shared(file.clone(), file.len() - 1));
        each(name, file);
    }
    add(&mut site, Piece::Owned(b"\n}\n".to_vec()));
    site
}

/// A piece of `data/site.json`: bytes of its own, or the first bytes of a
/// kind's file.
#[derive(Debug, Clone)]
pub enum Piece {
    Owned(Vec<u8>),
    Shared(std::sync::Arc<Vec<u8>>, usize),
}

impl Piece {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Piece::Owned(b) => b,
            Piece::Shared(b, len) => &b[..*len],
        }
    }
}

/// The whole export in one value (as `data/site.json` holds it).
pub fn site_json(m: &Model, page_size: usize) -> Vec<u8> {
    each_kind(m, page_size, |_, _| {}, |_| {})
}

fn line(v: Value) -> Vec<u8> {
    serde_json::to_vec(&v).expect("JSON serializes")
}

/// The entities of one kind of [`KINDS`], each serialized, in id order.
fn kind_lines(m: &Model, kind: &str, target_pages: &urls::TargetPages) -> Vec<Vec<u8>> {
    match kind {
        "documents" => m
        .documents
        .values()
        .map(|d| {
            json!({
                "id": d.id, "title": d.title, "title_inferred": d.title_inferred, "doc_number": d.doc_number,
                "issuers": d.issuers, "date": d.date, "published": d.published, "script": d.script.code(),
                "twin": d.twin, "plans": d.plans, "url": urls::document(&d.id), "source": span(&d.source),
                "content": d.content,
            })
        })
        .map(line)
        .collect(),
        "plans" => m
        .plans
        .values()
        .map(|p| {
            json!({
                "id": p.id, "title": p.title, "name": p.name, "family": p.family, "edition": p.edition,
                "document": p.document, "parent": p.parent, "children": p.children, "editions": m.editions_of(p).collect::<Vec<_>>(),
                "tasks": p.tasks, "targets": p.targets, "url": urls::plan(&p.id), "source": span(&p.source),
                "content": p.content,
            })
        })
        .map(line)
        .collect(),
        "tasks" => m
        .tasks
        .par_iter()
        .map(|(_, t)| {
            json!({
                "id": t.id, "plan": t.plan, "number": t.number, "title": t.title, "lead": t.lead,
                "support": t.support, "generic": t.generic, "url": urls::task(&t.plan, &t.anchor), "source": span(&t.source),
            })
        })
        .map(line)
        .collect(),
        "departments" => m
        .departments
        .values()
        .map(|d| {
            json!({
                "id": d.id, "name": d.name, "aliases": d.aliases, "successor": d.successor, "known": d.known,
                "level": d.level.map(|l| l.as_str()),
                "lead": d.lead, "support": d.support, "url": urls::department(&d.id),
            })
        })
        .map(line)
        .collect(),
        "indicators" => m
        .indicators
        .values()
        .map(|i| json!({ "id": i.id, "name": i.name, "targets": i.targets, "url": urls::indicator(&i.id) }))
        .map(line)
        .collect(),
        "targets" => m
        .targets
        .par_iter()
        .map(|(_, t)| {
            json!({
                "id": t.id, "indicator": t.indicator, "plan": t.plan, "task": t.task, "value": t.value,
                "value_high": t.value_high, "unit": t.unit, "year": t.year, "comparator": t.comparator,
                "text": t.text, "uncertain": t.uncertain, "url": target_pages.url(t), "source": span(&t.source),
            })
        })
        .map(line)
        .collect(),
        "deadlines" => m
        .deadlines
        .values()
        .map(|d| json!({ "id": d.id, "date": d.date, "text": d.text, "plan": d.plan, "task": d.task }))
        .map(line)
        .collect(),
        "citations" => m
        .citations
        .iter()
        .map(
            |c| json!({ "from": c.from, "title": c.title, "doc_number": c.doc_number, "to": c.to }),
        )
        .map(line)
        .collect(),
        _ => Vec::new(),
    }
}
