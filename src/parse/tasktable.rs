//! Task tables: the task-division lists (任务分工表, 推广清单, 民生实事
//!项目表) that a page renders as a table and a scrape flattens to one
//! cell per line. A header row of short cells names the columns; one of
//! them says who is responsible (牵头单位, 责任单位, 指导部门, 责任主体与
//! 协同单位). Each row then starts with its number (1, 2, 3 …) alone on a
//! line, and group rows (一、知识产权保护方面) may stand between rows.
//!
//! Input: the body pieces of a document and where a header may start.
//! Output: the rows as tasks whose text holds the row's cells and a
//! labelled clause per responsibility column (`(指导部门:A、B)`), so the
//! responsibility parser reads them like any other clause. Pure.

use crate::parse::outline::{self, Piece, Scheme};
use crate::parse::responsibility;
use crate::parse::text::without_spaces;
use regex::Regex;
use std::sync::LazyLock;

/// A column that names who is responsible, as headers print it.
static UNIT_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:牵头|牽頭|责任|責任|主责|主責|指导|指導|承办|承辦|配合|协同|協同|协办|協辦|实施|實施)(?:责任)?(?:单位|單位|部门|部門|处室|處室|主体|主體|领导|領導)(?:与协同单位|與協同單位)?$|^(?:部门分工|责任分工|分工|责任部门|主办单位)$",
    )
    .expect("valid built-in regex")
});

/// The header of the number column.
static NUMBER_COLUMN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:序号|序號|编号|編號|序)$").expect("valid built-in regex"));

/// One row of a task table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u32,
    /// The row's task text with its clauses, as the model reads it.
    pub text: String,
    /// The seed line of the row's number.
    pub line: usize,
}

/// A task table found in a document's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A group row between task rows (一、知识产权保护方面).
    Group {
        text: String,
        line: usize,
    },
    Row(Row),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub items: Vec<Item>,
    /// Index of the first body piece after the table.
    pub end: usize,
}

impl Table {
    /// The task rows, without the group rows.
    pub fn rows(&self) -> Vec<&Row> {
        self.items
            .iter()
            .filter_map(|x| match x {
                Item::Row(r) => Some(r),
                Item::Group { .. } => None,
            })
            .collect()
    }
}

fn full_text(p: &Piece) -> String {
    match &p.marker {
        Some(m) => format!("{}{}", m.printed, p.text),
        None => p.text.clone(),
    }
}

/// The row number a piece is, if it is nothing but a number.
fn bare_number(p: &Piece) -> Option<u32> {
    let t = without_spaces(&full_text(p));
    let t = t.trim_end_matches(['.', '、', '．']);
    (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// The value of a group row's 一、 number (the outline may have left it
/// unmarked: its numbering restarts inside an attachment).
fn han_group(p: &Piece) -> Option<u32> {
    match &p.marker {
        Some(m) if m.scheme == Scheme::Han => Some(m.value),
        Some(_) => None,
        None => outline::marker_at(&p.text)
            .filter(|(m, _)| m.scheme == Scheme::Han)
            .map(|(m, _)| m.value),
    }
}

/// Reads a task table whose header starts at body piece `at`.
pub fn detect(body: &[Piece], at: usize) -> Option<Table> {
    // The header: short unmarked cells, the first a number column.
    if !NUMBER_COLUMN.is_match(&without_spaces(&body.get(at)?.text)) || body[at].marker.is_some() {
        return None;
    }
    let mut header: Vec<String> = Vec::new();
    let mut i = at;
    while let Some(p) = body.get(i) {
        let c = without_spaces(&full_text(p));
        if p.marker.is_some()
            || c.chars().count() > 12
            || c.contains(['。', ';', '；'])
            || bare_number(p).is_some()
        {
            break;
        }
        header.push(c);
        i += 1;
    }
    let units: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| UNIT_COLUMN.is_match(h))
        .map(|(k, _)| k)
        .collect();
    if !(3..=12).contains(&header.len()) || units.is_empty() {
        return None;
    }
    let cells_per_row = header.len() - 1;
    // A scrape may have dropped the number cells (taken for page numbers):
    // then rows are read as runs of one cell per column, each checked by
    // its responsibility cell naming bodies.
    let numbered = body[i..]
        .iter()
        .find(|p| han_group(p).is_none())
        .is_some_and(|p| bare_number(p).is_some());
    if !numbered {
        return chunked(body, i, &header, &units);
    }
    let mut items = Vec::new();
    // A table shown in part (a progress report's rows 24 to 30) may start
    // at any number.
    let mut expect = body[i..].iter().find_map(bare_number).unwrap_or(1);
    let first = expect;
    while let Some(p) = body.get(i) {
        match bare_number(p) {
            Some(n) if n == expect || (expect > first && n == expect + 1) => {
                let mut cells: Vec<String> = Vec::new();
                let mut j = i + 1;
                while let Some(q) = body.get(j) {
                    if cells.len() == cells_per_row
                        || bare_number(q) == Some(n + 1)
                        || han_group(q).is_some()
                    {
                        break;
                    }
                    cells.push(full_text(q));
                    j += 1;
                }
                items.push(Item::Row(Row {
                    number: n,
                    text: row_text(&header, &units, &cells),
                    line: p.line,
                }));
                expect = n + 1;
                i = j;
            }
            _ if han_group(p).is_some_and(|v| expect > first || v == 1) => {
                items.push(Item::Group {
                    text: full_text(p),
                    line: p.line,
                });
                i += 1;
            }
            _ => break,
        }
    }
    let table = Table { items, end: i };
    (table.rows().len() >= 2).then_some(table)
}

/// Rows without their number cells: runs of one cell per column.
fn chunked(body: &[Piece], mut i: usize, header: &[String], units: &[usize]) -> Option<Table> {
    let n = header.len() - 1;
    let mut items = Vec::new();
    let mut number = 0;
    while let Some(p) = body.get(i) {
        if han_group(p).is_some() {
            items.push(Item::Group {
                text: full_text(p),
                line: p.line,
            });
            i += 1;
            continue;
        }
        let Some(cells) = body.get(i..i + n) else {
            break;
        };
        let bodies = units
            .iter()
            .all(|&u| names_bodies(&full_text(&cells[u - 1])));
        if !bodies || cells.iter().any(|c| han_group(c).is_some()) {
            break;
        }
        number += 1;
        let texts: Vec<String> = cells.iter().map(full_text).collect();
        items.push(Item::Row(Row {
            number,
            text: row_text(header, units, &texts),
            line: p.line,
        }));
        i += n;
    }
    // Trailing group rows belong to what follows.
    while matches!(items.last(), Some(Item::Group { .. })) {
        items.pop();
        i -= 1;
    }
    (number >= 2).then_some(Table { items, end: i })
}

/// The text of a row: its cells joined as sentences, each responsibility
/// cell as a labelled clause. When cells are missing (a scrape drops empty
/// ones), the responsibility cells are matched from the left, the others
/// in order.
fn row_text(header: &[String], units: &[usize], cells: &[String]) -> String {
    if cells.len() + 1 != header.len() {
        return ragged_row_text(header, units, cells);
    }
    let mut text = String::new();
    let mut clauses: Vec<String> = Vec::new();
    for (k, cell) in cells.iter().enumerate() {
        let cell = cell.trim();
        let col = k + 1;
        if cell.is_empty() {
            continue;
        }
        if units.contains(&col) {
            clauses.push(format!("{}:{cell}", header[col]));
        } else if ["时限", "时间", "期限", "時限", "時間"]
            .iter()
            .any(|w| header[col].contains(w))
        {
            sentence(&mut text, &format!("{}:{cell}", header[col]));
        } else if col < units[0] && !header[col].contains("领导") && !header[col].contains("領導")
        {
            // Only the cells before the first responsibility column are the
            // task itself (the official in charge aside); later ones
            // (推进情况, 说明) are status notes.
            sentence(&mut text, cell);
        }
    }
    finish(text, &clauses)
}

/// A row whose scrape dropped empty cells: its responsibility cells are
/// the cells that name bodies, given to the responsibility columns in
/// order; the task is the cells before them that are not a person's name.
fn ragged_row_text(header: &[String], units: &[usize], cells: &[String]) -> String {
    let first_body = cells.iter().position(|c| names_bodies(c));
    let mut text = String::new();
    let mut clauses: Vec<String> = Vec::new();
    if let Some(first) = first_body {
        for cell in &cells[..first] {
            if !is_person(cell) {
                sentence(&mut text, cell.trim());
            }
        }
        let bodies = cells[first..].iter().take_while(|c| names_bodies(c));
        for (cell, &col) in bodies.zip(units) {
            clauses.push(format!("{}:{}", header[col], cell.trim()));
        }
    } else if let Some(cell) = cells.first() {
        sentence(&mut text, cell.trim());
    }
    finish(text, &clauses)
}

fn sentence(text: &mut String, cell: &str) {
    if cell.is_empty() {
        return;
    }
    if !text.is_empty() && !text.ends_with(['。', '；', ';']) {
        text.push('。');
    }
    text.push_str(cell);
}

fn finish(mut text: String, clauses: &[String]) -> String {
    if !text.ends_with(['。', '；', ';']) {
        text.push('。');
    }
    if !clauses.is_empty() {
        text.push('(');
        text.push_str(&clauses.join(";"));
        text.push(')');
    }
    text
}

/// True when a cell is a list of bodies (市政局、相关街道).
fn names_bodies(cell: &str) -> bool {
    let names: Vec<String> = cell
        .split(['、', ',', '，', ';', '；'])
        .map(responsibility::clean_name)
        .filter(|x| !x.is_empty())
        .collect();
    !names.is_empty()
        && names
            .iter()
            .all(|x| responsibility::looks_like_department(x) || responsibility::is_generic(x))
        && names
            .iter()
            .any(|x| responsibility::looks_like_department(x))
}

/// A short cell of Han characters that names no body: the official in
/// charge (分管领导).
fn is_person(cell: &str) -> bool {
    let c = without_spaces(cell);
    (2..=4).contains(&c.chars().count())
        && c.chars().all(crate::parse::text::is_han)
        && !responsibility::looks_like_department(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::outline::split_pieces;
    use crate::parse::responsibility::extract;

    fn pieces(text: &str) -> Vec<Piece> {
        split_pieces(&crate::parse::clean::test_lines(text))
    }

    #[test]
    fn a_flattened_division_table_becomes_rows_with_clauses() {
        let body = pieces(
            "序号\n重点任务\n牵 头 单 位\n配合单位\n完成时限\n一、稳增长\n1\n新增规模以上工业企业50家\n市工业和信息化局\n市统计局、各区政府\n2026年12月底\n2\n开工亿元以上项目100个\n市发展改革委\n市自然资源局\n2026年11月底\n二、惠民生\n3\n新建口袋公园20个\n市城市管理局\n各区政府\n2026年10月底\n以上任务各单位要按时完成。",
        );
        let t = detect(&body, 0).expect("a table");
        let rows = t.rows();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].number, 1);
        assert_eq!(
            rows[0].text,
            "新增规模以上工业企业50家。完成时限:2026年12月底。(牵头单位:市工业和信息化局;配合单位:市统计局、各区政府)"
        );
        let r = extract(&rows[1].text, None);
        assert_eq!(r.lead, vec!["市发展改革委".to_string()]);
        assert_eq!(r.support, vec!["市自然资源局".to_string()]);
        assert!(matches!(&t.items[3], Item::Group { text, .. } if text == "二、惠民生"));
        // The closing sentence is not part of the table.
        assert_eq!(body[t.end].text, "以上任务各单位要按时完成。");
    }

    #[test]
    fn rows_whose_number_cells_were_dropped() {
        let body = pieces(
            "编号\n改革事项\n具体内容\n主责单位\n一、营商环境\n企业开办一日办结\n推行全程网办。\n市市场监管局、市税务局\n工程建设项目审批提速\n推行告知承诺制。\n市住房城乡建设局\n以上事项请抓好落实。",
        );
        let t = detect(&body, 0).expect("a table");
        let rows = t.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].text,
            "企业开办一日办结。推行全程网办。(主责单位:市市场监管局、市税务局)"
        );
        assert_eq!(body[t.end].text, "以上事项请抓好落实。");
    }

    #[test]
    fn a_progress_table_shown_in_part_with_dropped_cells() {
        // Rows 7 and 8 of a district's list; row 7 lost its empty target cell.
        let body = pieces(
            "序号\n主要任务\n全年目标任务\n分管领导\n牵头单位\n协同单位\n推进情况\n7\n新建社区食堂12个。\n李某\n区民政局\n区财政局、各街道\n已完成8个。\n8\n改造农贸市场3个。\n年底前完成\n张某某\n区商务局\n区市场监管局\n已开工。",
        );
        let t = detect(&body, 0).expect("a table");
        let rows = t.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 7);
        assert_eq!(
            rows[0].text,
            "新建社区食堂12个。(牵头单位:区民政局;协同单位:区财政局、各街道)"
        );
        assert_eq!(
            rows[1].text,
            "改造农贸市场3个。年底前完成。(牵头单位:区商务局;协同单位:区市场监管局)"
        );
    }

    #[test]
    fn a_header_without_a_responsibility_column_is_no_task_table() {
        let body = pieces("序号\n指标\n2025年\n2027年\n1\n研发投入强度\n2.5%\n2.8%");
        assert!(detect(&body, 0).is_none());
    }
}
