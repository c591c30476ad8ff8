//! Flat CSV tables of tasks, targets and departments (UTF-8 with a BOM so
//! spreadsheet programs read the Chinese text correctly).

use crate::model::Model;

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(w.into_inner().expect("in-memory CSV"));
    out
}

fn names(m: &Model, ids: &[String]) -> String {
    ids.iter()
        .map(|i| m.departments.get(i).map(|d| d.name.as_str()).unwrap_or(i))
        .collect::<Vec<_>>()
        .join("、")
}

pub fn tasks(m: &Model) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "plan",
        "plan_title",
        "number",
        "title",
        "lead",
        "support",
        "source_file",
        "line_start",
        "line_end",
    ])
    .unwrap();
    for t in m.tasks.values() {
        let plan_title = m.plans.get(&t.plan).map(|p| p.title.as_str()).unwrap_or("");
        w.write_record([
            t.id.as_str(),
            &t.plan,
            plan_title,
            &t.number,
            &t.title,
            &names(m, &t.lead),
            &names(m, &t.support),
            &t.source.file,
            &t.source.span.start.to_string(),
            &t.source.span.end.to_string(),
        ])
        .unwrap();
    }
    finish(w)
}

pub fn targets(m: &Model) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "indicator",
        "plan",
        "task",
        "value",
        "value_high",
        "unit",
        "year",
        "comparator",
        "uncertain",
        "text",
    ])
    .unwrap();
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for t in m.targets.values() {
        let ind = m
            .indicators
            .get(&t.indicator)
            .map(|i| i.name.as_str())
            .unwrap_or("");
        w.write_record([
            t.id.as_str(),
            ind,
            &t.plan,
            t.task.as_deref().unwrap_or(""),
            &opt(t.value),
            &opt(t.value_high),
            t.unit.as_deref().unwrap_or(""),
            &t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.comparator.as_deref().unwrap_or(""),
            if t.uncertain { "true" } else { "false" },
            &t.text,
        ])
        .unwrap();
    }
    finish(w)
}

pub fn departments(m: &Model) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "name",
        "aliases",
        "successor",
        "lead_tasks",
        "support_tasks",
    ])
    .unwrap();
    for d in m.departments.values() {
        let succ = d
            .successor
            .as_ref()
            .and_then(|s| m.departments.get(s))
            .map(|s| s.name.as_str())
            .unwrap_or("");
        w.write_record([
            d.id.as_str(),
            &d.name,
            &d.aliases.join("、"),
            succ,
            &d.lead.len().to_string(),
            &d.support.len().to_string(),
        ])
        .unwrap();
    }
    finish(w)
}
