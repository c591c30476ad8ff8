//! Snapshots of the structure the parser reads: a real flattened excerpt
//! (seed 002, the 鲁政办字〔2024〕9号 entry) and the outline of a short
//! invented regulation. Review changes with `cargo insta review` or
//! `INSTA_UPDATE=always cargo test`.

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
                BlockKind::Article { number } => format!("  article {number} {head}"),
                BlockKind::Paragraph => format!("  p {head}"),
                BlockKind::Table { rows } => format!("  table {} rows", rows.len()),
            });
        }
    }
    insta::assert_snapshot!(out.join("\n"));
}

/// Invented, in the genre of a local regulation: chapters and sections,
/// articles with later paragraphs and items, an article citing another
/// inline, and a line that starts with a reference.
const REGULATION: &str = "某市电动自行车管理条例
第一章　总　　则
第一条　为了加强电动自行车管理，保障道路交通安全，根据有关法律、法规，结合本市实际，制定本条例。
第二条　本市行政区域内电动自行车的销售、登记、通行和停放，适用本条例。
第二章　登记与通行
第一节　登　　记
第三条　电动自行车应当依照本条例第五条的规定登记。
登记时应当提交下列材料：
（一）车辆来历证明；
（二）车辆出厂合格证明。
第五条规定的登记机关不得收取费用。
第二节　通　　行
第四条　驾驶电动自行车应当佩戴安全头盔。
第五条　公安机关交通管理部门负责电动自行车登记。
第三章　附　　则
第六条　本条例自2026年1月1日起施行。";

#[test]
fn invented_regulation_outline() {
    let parsed = parse_seed("seeds/x.txt", REGULATION, &ParseTables::builtin());
    let doc = &parsed.docs[0];
    let mut out = vec![format!("title: {}", doc.title)];
    for b in &doc.blocks {
        let lines = b.span.to_attr();
        out.push(match &b.kind {
            BlockKind::Heading { level, number } => {
                format!(
                    "{}h{level} [{}] {} ({lines})",
                    "  ".repeat(usize::from(*level) - 1),
                    number.as_deref().unwrap_or(""),
                    b.text
                )
            }
            BlockKind::Article { number } => {
                let paras: Vec<&str> = b.text.split('\n').collect();
                format!(
                    "      article {number} ({lines}) {} paragraphs: {}",
                    paras.len(),
                    paras.join(" | ")
                )
            }
            other => format!("      {other:?}: {}", b.text),
        });
    }
    insta::assert_snapshot!(out.join("\n"));
}
