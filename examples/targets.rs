//! Prints every target the model reads from a site, block by block, with
//! the section it sits in, then the counts the README quotes:
//! `cargo run --example targets -- DIR` where `DIR/seeds/` holds raw texts
//! (the import writes `DIR/content/`). Each line is
//! `G|I|O|D  indicator | value unit | year | comparator | source text`, where
//! G marks a block under a goal heading (…目标…), I a block before any
//! heading of its plan, O any other block of a plan and D a block of a
//! document's own text (the model reads only plans); T marks a table's target.
use gazette::parse::{BlockKind, table, targets};

fn main() {
    let root = std::env::args().nth(1).expect("a site folder");
    let site = gazette::site::Site::new(&root);
    let (_, m, _) = gazette::build::model(&site, &Default::default()).expect("model");
    let (mut goal, mut intro, mut other) = (0, 0, 0);
    // The documents' own blocks (not read by the model, which reads
    // plans) are printed too, marked D, as more material of the genre.
    let docs = m
        .documents
        .values()
        .map(|d| (true, &d.id, &d.source.file, &d.blocks));
    let plans = m
        .plans
        .values()
        .map(|p| (false, &p.id, &p.source.file, &p.blocks));
    for (is_doc, id, file, blocks) in docs.chain(plans) {
        println!("== {id} ({file})");
        let mut stack: Vec<(u8, String)> = Vec::new();
        for b in blocks.iter() {
            let in_goal = stack.iter().any(|(_, h)| h.contains("目标"));
            let mark = if is_doc {
                "D"
            } else if in_goal {
                "G"
            } else if stack.is_empty() {
                "I"
            } else {
                "O"
            };
            let found = match &b.kind {
                BlockKind::Heading { level, .. } => {
                    stack.retain(|(l, _)| l < level);
                    stack.push((*level, b.text.clone()));
                    continue;
                }
                BlockKind::Table { rows } => table::targets(rows),
                _ => targets::extract(&b.text),
            };
            for t in found {
                match mark {
                    "D" => {}
                    "G" => goal += 1,
                    "I" => intro += 1,
                    _ => other += 1,
                }
                let v = match (t.value, t.value_high) {
                    (Some(a), Some(b)) => format!("{a}—{b}"),
                    (Some(a), None) => format!("{a}"),
                    _ => String::new(),
                };
                println!(
                    "{mark}{} {} | {v}{} | {} | {} | {}",
                    if matches!(b.kind, BlockKind::Table { .. }) {
                        "T"
                    } else {
                        " "
                    },
                    t.indicator,
                    t.unit.unwrap_or_default(),
                    t.year.map(|y| y.to_string()).unwrap_or_default(),
                    t.comparator.unwrap_or_default(),
                    t.text
                );
            }
        }
    }
    let single = m
        .indicators
        .values()
        .filter(|i| i.targets.len() == 1)
        .count();
    println!(
        "SUMMARY {} documents, {} plans, {} tasks, {} indicators ({single} with a single target), {} targets (goal {goal}, intro {intro}, other {other})",
        m.documents.len(),
        m.plans.len(),
        m.tasks.len(),
        m.indicators.len(),
        m.targets.len()
    );
}
