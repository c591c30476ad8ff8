//! Prints what the parse stage reads from one seed file: each document's
//! head, then its blocks and its plans' blocks, one line each (kind,
//! number, seed lines, text). For developing the extractor:
//! `cargo run --release --example parse_dump -- path/to/seed.txt`.

use gazette::parse::segment::{ParseTables, parse_seed};
use gazette::parse::{Block, BlockKind};

fn show(b: &Block) {
    let kind = match &b.kind {
        BlockKind::Heading { level, number } => {
            format!("H{level} {}", number.clone().unwrap_or_default())
        }
        BlockKind::Task { number } => format!("T {number}"),
        BlockKind::Paragraph => "P".to_string(),
        BlockKind::Table { rows } => format!("TABLE {} rows", rows.len()),
    };
    let text: String = b.text.chars().take(70).collect();
    println!("  {kind:<10} {:>4}-{:<4} {text}", b.span.start, b.span.end);
}

fn main() {
    let path = std::env::args().nth(1).expect("a seed file");
    let bytes = std::fs::read(&path).expect("readable");
    let text = String::from_utf8_lossy(&bytes);
    let parsed = parse_seed(&path, &text, &ParseTables::builtin());
    for d in &parsed.docs {
        println!(
            "DOC {} | {:?} | {:?} | {:?} | {:?}",
            d.title, d.doc_number, d.date, d.published, d.convention
        );
        d.blocks.iter().for_each(show);
        for p in &d.plans {
            println!("PLAN {} (name {}, parent {:?})", p.title, p.name, p.parent);
            p.blocks.iter().for_each(show);
        }
    }
    for diag in &parsed.diagnostics {
        println!("{diag}");
    }
}
