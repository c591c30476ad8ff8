//! Prints the structure gazette reads from seed files: `cargo run --example dump -- seeds/*.txt`.
use gazette::parse::BlockKind;
use gazette::parse::segment::{ParseTables, parse_seed};

fn main() {
    let tables = ParseTables::builtin();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let decoded = gazette::load::decode::decode(&bytes, &path);
        let parsed = parse_seed(&path, &decoded.text, &tables);
        println!("== {path}: {} documents", parsed.docs.len());
        for d in &parsed.diagnostics {
            println!("  {d}");
        }
        for doc in &parsed.docs {
            println!(
                "DOC {:?} num={:?} date={:?} pub={:?} issuers={:?} addr={:?} script={:?} span={:?} blocks={} plans={} fam={:?}",
                doc.title,
                doc.doc_number,
                doc.date,
                doc.published,
                doc.issuers,
                doc.addressee
                    .as_deref()
                    .map(|a| a.chars().take(20).collect::<String>()),
                doc.script,
                doc.span,
                doc.blocks.len(),
                doc.plans.len(),
                doc.family_members
            );
            for b in doc.blocks.iter().take(8) {
                println!(
                    "   . {:?} {}",
                    kind(&b.kind),
                    b.text.chars().take(40).collect::<String>()
                );
            }
            for (i, p) in doc.plans.iter().enumerate() {
                let tasks = p
                    .blocks
                    .iter()
                    .filter(|b| matches!(b.kind, BlockKind::Task { .. }))
                    .count();
                println!(
                    "  PLAN#{i} {:?} name={:?} fam={:?} ed={:?} parent={:?} span={:?} blocks={} tasks={} cands={:?}",
                    p.title,
                    p.name,
                    p.family,
                    p.edition,
                    p.parent,
                    p.span,
                    p.blocks.len(),
                    tasks,
                    p.name_candidates
                );
                if std::env::var("BLOCKS").is_ok() {
                    for b in &p.blocks {
                        println!(
                            "     {:?}{} {}",
                            kind(&b.kind),
                            if b.inferred { "*" } else { "" },
                            b.text.chars().take(30).collect::<String>()
                        );
                    }
                }
            }
        }
    }
}

fn kind(k: &BlockKind) -> String {
    match k {
        BlockKind::Heading { level, .. } => format!("H{level}"),
        BlockKind::Task { number } => format!("T[{number}]"),
        BlockKind::Article { number } => format!("A[{number}]"),
        BlockKind::Paragraph => "P".into(),
        BlockKind::Table { rows } => format!("TABLE({})", rows.len()),
    }
}
