//! The outline of real documents of other genres than task lists, from
//! the development corpus (`../shared/corpus/govcn`, not part of the
//! repository): regulations with chapters and articles, a contingency
//! plan with a printed contents and decimal numbering, rules numbered
//! 一、 across chapters. Each test is skipped, loudly, when the corpus is
//! absent.

mod common;

use gazette::parse::segment::{ParseTables, parse_seed};
use gazette::parse::{Block, BlockKind};

/// All blocks of a corpus file (documents and their plans), or None with
/// a message when the corpus is not there.
fn blocks(file: &str) -> Option<Vec<Block>> {
    let path = common::repo().join("../shared/corpus/govcn").join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: corpus file {} is absent", path.display());
        return None;
    };
    let parsed = parse_seed(&format!("seeds/{file}"), &text, &ParseTables::builtin());
    Some(
        parsed
            .docs
            .iter()
            .flat_map(|d| {
                d.blocks
                    .iter()
                    .chain(d.plans.iter().flat_map(|p| p.blocks.iter()))
            })
            .cloned()
            .collect(),
    )
}

fn articles(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Article { number } => Some(number.clone()),
            _ => None,
        })
        .collect()
}

fn headings(blocks: &[Block], level: u8) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { level: l, .. } if l == level))
        .map(|b| b.text.clone())
        .collect()
}

/// The articles are 第一条 … 第N条, each once and in order.
fn assert_articles_run(numbers: &[String], n: u32) {
    let values: Vec<u32> = numbers
        .iter()
        .map(|a| {
            let inner = a.trim_start_matches('第').trim_end_matches(['条', '、']);
            gazette::parse::outline::han_value(inner).unwrap_or(0)
        })
        .collect();
    assert_eq!(values, (1..=n).collect::<Vec<_>>(), "{numbers:?}");
}

#[test]
fn a_regulation_has_its_chapters_and_every_article_once() {
    let Some(b) = blocks("govcn_58.txt") else {
        return;
    };
    assert_articles_run(&articles(&b), 32);
    assert_eq!(headings(&b, 2).len(), 5, "{:?}", headings(&b, 2));
    assert_eq!(headings(&b, 2)[0], "第一章 总则");
    // No task and no heading comes out of the items inside articles.
    assert!(b.iter().all(|x| !matches!(x.kind, BlockKind::Task { .. })));
}

#[test]
fn a_regulation_without_chapters_keeps_items_inside_its_articles() {
    let Some(b) = blocks("govcn_33.txt") else {
        return;
    };
    assert_articles_run(&articles(&b), 36);
    assert!(
        b.iter()
            .all(|x| !matches!(x.kind, BlockKind::Task { .. } | BlockKind::Heading { .. })),
        "{b:#?}"
    );
    // An article's later paragraphs and (一) items belong to it.
    let sixth = b
        .iter()
        .find(|x| matches!(&x.kind, BlockKind::Article { number } if number == "第六条"))
        .unwrap();
    assert!(sixth.text.lines().count() >= 10, "{}", sixth.text);
}

#[test]
fn a_measure_issued_by_a_notice_has_nine_chapters() {
    let Some(b) = blocks("govcn_32.txt") else {
        return;
    };
    assert_articles_run(&articles(&b), 32);
    assert_eq!(headings(&b, 2).len(), 9, "{:?}", headings(&b, 2));
}

#[test]
fn rules_numbered_across_chapters_are_articles() {
    let Some(b) = blocks("govcn_47.txt") else {
        return;
    };
    assert_articles_run(&articles(&b), 54);
    assert_eq!(headings(&b, 2).len(), 10);
}

#[test]
fn a_contingency_plan_drops_its_printed_contents_and_nests_decimal_headings() {
    let Some(b) = blocks("govcn_41.txt") else {
        return;
    };
    let top = headings(&b, 1);
    assert_eq!(top.len(), 7, "{top:?}");
    assert_eq!(top[0], "1 总则");
    // The 目录 and its entries are gone: each heading appears once.
    assert!(b.iter().all(|x| x.text.trim() != "目　　录"));
    assert_eq!(
        b.iter().filter(|x| x.text == "1.1 编制目的及依据").count(),
        1
    );
    assert!(headings(&b, 3).iter().any(|h| h.starts_with("2.1.1 ")));
    let clauses = articles(&b);
    assert!(clauses.contains(&"5.1.3".to_string()), "{clauses:?}");
    assert!(clauses.contains(&"7.3".to_string()), "{clauses:?}");
}
