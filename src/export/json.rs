//! `data/site.json`: every entity with its cross-references by id.

use crate::export::urls;
use crate::model::{Model, Source};
use rayon::prelude::*;
use serde_json::{Value, json};

fn span(s: &Source) -> Value {
    json!({ "file": s.file, "line_start": s.span.start.max(1), "line_end": s.span.end.max(s.span.start).max(1) })
}

/// The JSON export, pretty-printed with a final newline.
pub fn site_json(m: &Model) -> Vec<u8> {
    let documents: Vec<Value> = m
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
        .collect();
    let plans: Vec<Value> = m
        .plans
        .values()
        .map(|p| {
            json!({
                "id": p.id, "title": p.title, "name": p.name, "family": p.family, "edition": p.edition,
                "document": p.document, "parent": p.parent, "children": p.children, "editions": p.editions,
                "tasks": p.tasks, "targets": p.targets, "url": urls::plan(&p.id), "source": span(&p.source),
                "content": p.content,
            })
        })
        .collect();
    let tasks: Vec<Value> = m
        .tasks
        .par_iter()
        .map(|(_, t)| {
            json!({
                "id": t.id, "plan": t.plan, "number": t.number, "title": t.title, "lead": t.lead,
                "support": t.support, "generic": t.generic, "url": urls::task(&t.plan, &t.anchor), "source": span(&t.source),
            })
        })
        .collect();
    let departments: Vec<Value> = m
        .departments
        .values()
        .map(|d| {
            json!({
                "id": d.id, "name": d.name, "aliases": d.aliases, "successor": d.successor, "known": d.known,
                "level": d.level.map(|l| l.as_str()),
                "lead": d.lead, "support": d.support, "url": urls::department(&d.id),
            })
        })
        .collect();
    let indicators: Vec<Value> = m
        .indicators
        .values()
        .map(|i| json!({ "id": i.id, "name": i.name, "targets": i.targets, "url": urls::indicator(&i.id) }))
        .collect();
    let targets: Vec<Value> = m
        .targets
        .par_iter()
        .map(|(_, t)| {
            json!({
                "id": t.id, "indicator": t.indicator, "plan": t.plan, "task": t.task, "value": t.value,
                "value_high": t.value_high, "unit": t.unit, "year": t.year, "comparator": t.comparator,
                "text": t.text, "uncertain": t.uncertain, "url": urls::target(&t.indicator, &t.id), "source": span(&t.source),
            })
        })
        .collect();
    let deadlines: Vec<Value> = m
        .deadlines
        .values()
        .map(|d| json!({ "id": d.id, "date": d.date, "text": d.text, "plan": d.plan, "task": d.task }))
        .collect();
    let citations: Vec<Value> = m
        .citations
        .iter()
        .map(
            |c| json!({ "from": c.from, "title": c.title, "doc_number": c.doc_number, "to": c.to }),
        )
        .collect();
    let v = json!({
        "generator": format!("gazette {}", env!("CARGO_PKG_VERSION")),
        "documents": documents, "plans": plans, "tasks": tasks, "departments": departments,
        "indicators": indicators, "targets": targets, "deadlines": deadlines, "citations": citations,
    });
    let mut bytes = serde_json::to_vec_pretty(&v).expect("JSON serializes");
    bytes.push(b'\n');
    bytes
}
