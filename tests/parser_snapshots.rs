//! Snapshot of the structure the parser reads from a real flattened
//! excerpt (seed 002, the 鲁政办字〔2024〕9号 entry). Review changes with
//! `cargo insta review` or `INSTA_UPDATE=always cargo test`.

mod common;

use gazette::parse::BlockKind;
use gazette::parse::segment::{ParseTables, parse_seed};

#[test]
fn flattened_provincial_notice_structure() {
    let text =
        std::fs::read_to_string(common::repo().join("seeds/002_cb80d8f1c9685a8d.txt")).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("鲁政办字〔2024〕9号"))
        .unwrap();
    let parsed = parse_seed("seeds/002.txt", line, &ParseTables::builtin());
    let doc = &parsed.docs[0];
    let mut out = vec![
        format!("title: {}", doc.title),
        format!("number: {:?}", doc.doc_number),
        format!("issuers: {:?}", doc.issuers),
        format!("date: {:?}", doc.date),
    ];
    for p in &doc.plans {
        out.push(format!("plan: {} (name {})", p.title, p.name));
        for b in &p.blocks {
            let head: String = b.text.chars().take(16).collect();
            out.push(match &b.kind {
                BlockKind::Heading { level, .. } => format!("  h{level} {head}"),
                BlockKind::Task { number } => format!("  task {number} {head}"),
                BlockKind::Paragraph => format!("  p {head}"),
                BlockKind::Table { rows } => format!("  table {} rows", rows.len()),
            });
        }
    }
    insta::assert_snapshot!(out.join("\n"));
}
