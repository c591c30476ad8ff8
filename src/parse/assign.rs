//! Work assignment in a document's body: which numbered items carry a
//! responsibility clause, and so are tasks, whatever their level (一、,
//! (一), 1. or 第X条) and whatever the document calls itself.
//!
//! The genre assigns work in three ways: a clause that closes the item
//! (`(X、Y负责)`, `(X牵头,Y配合)`), a labelled line after the item
//! (`牵头单位:X` / `责任单位:Y` / `部门分工:X牵头,各地配合`), or a label
//! inside the item. Labelled lines are joined to the item they follow, so
//! that the item's text holds its clause. A document whose items carry
//! clauses assigns work: it is a plan even when no heading says 行动计划,
//! and in such a plan the numbered items of a section with no clause at
//! all (指导思想, 基本原则) are text, not tasks.
//!
//! Input: the body pieces of one document. Output: pieces with labelled
//! lines joined, and per piece whether it carries a clause. Pure.

use crate::parse::outline::{Piece, Scheme};
use crate::parse::responsibility::{self, Convention};
use crate::parse::text::fold_width;
use regex::Regex;
use std::sync::LazyLock;

/// A line that is nothing but a responsibility label and its names, or
/// the person in charge of the item (分管省领导:…, 牵头负责领导:…).
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[(\[【〔]?\s*(?:(?:牵头|牽頭|责任|責任|主责|主責|配合|参与|參與|协同|協同|协办|協辦|承办|承辦|实施|實施|落实|落實)(?:责任)?(?:單位|单位|部门|部門|处室|處室|主体|主體)|责任主体与协同单位|部门分工|部門分工|分工|(?:分管|牵头负责|牽頭負責|责任|責任|联系|聯繫)(?:省|市|县|區|区)?(?:领导|領導)|(?:省|市|县|区)?(?:领导|領導))\s*[:：]",
    )
    .expect("valid built-in regex")
});

/// True when a piece is a labelled responsibility line.
pub fn is_label_line(p: &Piece) -> bool {
    p.marker.is_none() && LABEL_LINE.is_match(fold_width(&p.text).trim_start())
}

/// Joins each labelled line to the numbered item before it (a space
/// between), so the item's text holds its clause.
pub fn join_label_lines(body: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(body.len());
    for p in body {
        if is_label_line(&p)
            && let Some(last) = out.last_mut()
            && (last.marker.is_some() || is_label_line(last))
        {
            last.text.push(' ');
            last.text.push_str(p.text.trim());
            continue;
        }
        out.push(p);
    }
    out
}

/// A cheap first look: every clause form has a bracket, a label's colon
/// or a word of responsibility; most running text has none of them.
fn might_assign(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "负责", "負責", "牵头", "牽頭", "配合", "参与", "參與", "会同", "會同", "指导", "指導",
        "协同", "協同", "单位", "單位", "部门", "部門",
    ];
    text.contains(['(', '（', '〔', '【', '[', '［', ':', '：'])
        || WORDS.iter().any(|w| text.contains(w))
}

/// True when `text` assigns the item to named bodies: a clause the
/// responsibility parser reads, naming a department or a generic body.
pub fn has_clause(text: &str, convention: Option<Convention>) -> bool {
    if !might_assign(text) {
        return false;
    }
    let r = responsibility::extract(text, convention);
    !r.clauses.is_empty() && !r.is_empty()
}

/// True when a clause closes `text`: nothing but a stop follows it.
pub fn closes_with_clause(text: &str, convention: Option<Convention>) -> bool {
    if !might_assign(text) {
        return false;
    }
    let r = responsibility::extract(text, convention);
    let end = text
        .trim_end()
        .trim_end_matches(['。', '.', ';', '；'])
        .len();
    !r.is_empty() && r.clauses.last().is_some_and(|c| c.end >= end)
}

/// Per piece: whether it carries a clause: a numbered item with a clause
/// anywhere in it, or an unnumbered paragraph that a clause closes.
pub fn clause_flags(body: &[Piece], convention: Option<Convention>) -> Vec<bool> {
    body.iter()
        .map(|p| match p.marker {
            Some(_) => has_clause(&p.text, convention),
            None => closes_with_clause(&p.text, convention),
        })
        .collect()
}

/// In a document made a plan by its clauses: per piece, whether a numbered
/// item is a task. An item is a task when it carries a clause, or when it
/// is of the same scheme as a clause-carrying item of the same section
/// (the top-level heading it stands under). Other items are text.
pub fn task_flags(body: &[Piece], flags: &[bool]) -> Vec<bool> {
    // The section of each piece: the index of the last top-level marker.
    let top = top_scheme(body, flags);
    let mut section = vec![0usize; body.len()];
    let mut current = usize::MAX;
    for (i, p) in body.iter().enumerate() {
        if p.marker.as_ref().map(|m| m.scheme) == top && !flags[i] {
            current = i;
        }
        section[i] = current;
    }
    let mut out = flags.to_vec();
    for (i, p) in body.iter().enumerate() {
        let Some(m) = &p.marker else { continue };
        if out[i] || Some(m.scheme) == top {
            continue;
        }
        out[i] = body.iter().enumerate().any(|(j, q)| {
            flags[j]
                && section[j] == section[i]
                && q.marker.as_ref().is_some_and(|n| n.scheme == m.scheme)
        });
    }
    out
}

/// The scheme of the document's top-level headings (篇, 章, 一、), when a
/// heading above the clause-carrying items exists.
fn top_scheme(body: &[Piece], flags: &[bool]) -> Option<Scheme> {
    let schemes: Vec<Scheme> = body
        .iter()
        .zip(flags)
        .filter(|(_, f)| !**f)
        .filter_map(|(p, _)| p.marker.as_ref().map(|m| m.scheme))
        .collect();
    [Scheme::Part, Scheme::Chapter, Scheme::Han]
        .into_iter()
        .find(|s| schemes.contains(s))
}

/// The number of pieces that carry a clause.
pub fn count(flags: &[bool]) -> usize {
    flags.iter().filter(|f| **f).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::outline::split_pieces;

    fn pieces(text: &str) -> Vec<Piece> {
        split_pieces(&crate::parse::clean::test_lines(text))
    }

    #[test]
    fn label_lines_join_the_item_before_them() {
        let body = join_label_lines(pieces(
            "一、重点任务\n1.建成城市更新项目30个。\n牵头单位:市住建局\n配合单位:市财政局、各区政府\n2.完善公交线网。\n责任领导:王某某",
        ));
        let texts: Vec<&str> = body.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "重点任务",
                "建成城市更新项目30个。 牵头单位:市住建局 配合单位:市财政局、各区政府",
                "完善公交线网。 责任领导:王某某"
            ]
        );
        let flags = clause_flags(&body, None);
        assert_eq!(flags, [false, true, false]);
    }

    #[test]
    fn items_of_a_section_without_clauses_are_not_tasks() {
        let body = pieces(
            "一、总体要求\n（一）指导思想。坚持稳中求进。\n（二）基本原则。坚持问题导向。\n二、重点任务\n（三）扩大有效投资。加快项目建设。（市发展改革委、市财政局负责）\n（四）稳定外贸。支持企业参展。\n三、保障措施\n加强组织领导。",
        );
        let flags = clause_flags(&body, None);
        assert_eq!(count(&flags), 1);
        let tasks = task_flags(&body, &flags);
        let numbered: Vec<(String, bool)> = body
            .iter()
            .zip(&tasks)
            .filter(|(p, _)| p.marker.is_some())
            .map(|(p, t)| (p.marker.as_ref().unwrap().printed.clone(), *t))
            .collect();
        let expect: Vec<(String, bool)> = [
            ("一、", false),
            ("（一）", false),
            ("（二）", false),
            ("二、", false),
            ("（三）", true),
            ("（四）", true),
            ("三、", false),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), *b))
        .collect();
        assert_eq!(numbered, expect);
    }

    #[test]
    fn a_top_level_item_with_a_clause_is_a_task() {
        let body = pieces(
            "一、对稳就业成效明显的县，优先安排补助资金。（市人力资源社会保障局、市财政局负责）\n二、对营商环境评价靠前的区，给予表扬。（市发展改革委负责）\n各部门要抓好落实。",
        );
        let flags = clause_flags(&body, None);
        assert_eq!(flags, [true, true, false]);
        assert_eq!(task_flags(&body, &flags), [true, true, false]);
    }
}
