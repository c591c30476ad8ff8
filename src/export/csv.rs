//! Flat CSV tables of tasks, targets and departments (UTF-8 with a BOM so
//! spreadsheet programs read the Chinese text correctly), each handed on
//! a few thousand rows at a time (a table is never held whole).

use crate::model::{Id, Model};

/// Rows handed on at a time.
const ROWS_AT_ONCE: usize = 4_096;

/// A table made in pieces: the first holds the byte order mark and the
/// header, each piece whole rows.
struct Table<'a> {
    w: csv::Writer<Vec<u8>>,
    rows: usize,
    each: &'a mut dyn FnMut(Vec<u8>),
}

impl<'a> Table<'a> {
    fn new<const N: usize>(header: [&str; N], each: &'a mut dyn FnMut(Vec<u8>)) -> Self {
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        w.write_record(header).expect("in-memory CSV");
        Table { w, rows: 0, each }
    }

    fn row<const N: usize>(&mut self, fields: [&str; N]) {
        self.w.write_record(fields).expect("in-memory CSV");
        self.rows += 1;
        if self.rows == ROWS_AT_ONCE {
            self.hand_on();
        }
    }

    fn hand_on(&mut self) {
        let w = std::mem::replace(&mut self.w, csv::Writer::from_writer(Vec::new()));
        (self.each)(w.into_inner().expect("in-memory CSV"));
        self.rows = 0;
    }

    fn finish(mut self) {
        self.hand_on();
    }
}

fn names(m: &Model, ids: &[Id]) -> String {
    ids.iter()
        .map(|i| m.departments.get(i).map_or(i.as_str(), |d| d.name.as_str()))
        .collect::<Vec<_>>()
        .join("、")
}

/// `data/tasks.csv`, in pieces.
pub fn tasks(m: &Model, each: &mut dyn FnMut(Vec<u8>)) {
    let mut w = Table::new(
        [
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
        ],
        each,
    );
    for t in m.tasks.values() {
        let plan_title = m.plans.get(&t.plan).map(|p| p.title.as_str()).unwrap_or("");
        w.row([
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
        ]);
    }
    w.finish();
}

/// `data/targets.csv`, in pieces.
pub fn targets(m: &Model, each: &mut dyn FnMut(Vec<u8>)) {
    let mut w = Table::new(
        [
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
        ],
        each,
    );
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for t in m.targets.values() {
        let ind = m
            .indicators
            .get(&t.indicator)
            .map(|i| i.name.as_str())
            .unwrap_or("");
        w.row([
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
        ]);
    }
    w.finish();
}

/// `data/departments.csv`, in pieces.
pub fn departments(m: &Model, each: &mut dyn FnMut(Vec<u8>)) {
    let mut w = Table::new(
        [
            "id",
            "name",
            "aliases",
            "successor",
            "lead_tasks",
            "support_tasks",
        ],
        each,
    );
    for d in m.departments.values() {
        let succ = d
            .successor
            .as_ref()
            .and_then(|s| m.departments.get(s))
            .map(|s| s.name.as_str())
            .unwrap_or("");
        w.row([
            d.id.as_str(),
            &d.name,
            &d.aliases.join("、"),
            succ,
            &d.lead.len().to_string(),
            &d.support.len().to_string(),
        ]);
    }
    w.finish();
}
