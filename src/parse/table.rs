//! Indicator tables of five-year-plan outlines, scraped to text:
//! "指标 (单位) 2020年 2025年 … 属性" then one row per indicator, with group
//! rows (经济发展, 创新驱动 …) in between.
//!
//! Input: consecutive lines of a seed (with their line numbers). Output:
//! the table as rows of cells (for the content file), and from such rows
//! the targets they state. Scraping dropped decimal points (36 for 3.6):
//! values are kept as printed and marked uncertain, never guessed.
//!
//! # Column layout
//!
//! Every row, the header included, has the same cells:
//!
//! `[分组, 序号, 指标, 单位, <year 1>, <year 2> …, <period column>?, 属性]`
//!
//! e.g. header `["分组", "序号", "指标", "单位", "2020年", "2025年",
//! "“十四五”年均增速/[累计]", "属性"]` and row `["经济发展", "2",
//! "常住人口城镇化率", "%", "618", "65左右", "[32左右]", "预期性"]`. Group
//! lines become the first cell of the rows under them, not rows of their
//! own. Empty cells are empty strings. Values are kept exactly as printed
//! (brackets, `>`/`<` and `左右` included); spaces inside an indicator name
//! (`比 重`) are removed.
//!
//! # Placing values
//!
//! The scrape drops empty cells, so a row may print fewer values than there
//! are value columns. Values keep their printed order; among the order-
//! keeping placements the best-scoring one is chosen: a bracketed value
//! belongs to the period column (累计); a plain number fits the first (baseline)
//! year column; a value with `>`/`<` or `左右`, or a text such as
//! 完成国家分解任务, fits a target column rather than the baseline; an
//! unbracketed value fits the period column only for a growth indicator
//! (name ending in 增速 or 增长, the column being 年均增速). Ties go to the
//! leftmost placement.

use regex::Regex;
use std::sync::LazyLock;

use crate::parse::targets::TargetMatch;
use crate::parse::text::fold_width;

/// A table recognised in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorTable {
    /// Header cells then one row of cells per indicator (see the module
    /// doc for the column layout; groups are a column, not rows).
    pub rows: Vec<Vec<String>>,
    /// 1-based seed line of the header and of the last row.
    pub first_line: usize,
    pub last_line: usize,
}

static YEAR_COL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]{4}年$").unwrap());
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\((?P<n>[0-9]{1,3})\)|(?P<n2>[0-9]{1,3})[.、]?)\s*(?P<rest>\S.*)$").unwrap()
});
/// The last parenthesised unit of a row: name (unit) values…
static UNIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^()]{1,10})\)").unwrap());
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\[?[><≥≤]?[0-9]+(?:\.[0-9]+)?(?:[—\-~][0-9]+(?:\.[0-9]+)?)?(?:左右|以上|以下|以内)?\]?$",
    )
    .unwrap()
});

const ATTRIBUTES: &[&str] = &["预期性", "约束性"];

/// True for a line that may head an indicator table ("指标 (单位) 2020年 2025年 … 属性").
pub fn looks_like_header(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("指标") && t.contains("单位") && t.contains("年")
}

/// Recognises an indicator table starting at `lines[0]` (a header line).
/// `lines` are (1-based line number, text) pairs; blank lines may occur.
pub fn detect(lines: &[(usize, &str)]) -> Option<IndicatorTable> {
    let (first_line, header) = *lines.first()?;
    let header = fold_width(header);
    if !header.contains("指标") {
        return None;
    }
    let tokens: Vec<&str> = header.split_whitespace().collect();
    let years: Vec<&str> = tokens
        .iter()
        .copied()
        .filter(|t| YEAR_COL.is_match(t))
        .collect();
    if years.is_empty() {
        return None;
    }
    let last_year = tokens.iter().rposition(|t| YEAR_COL.is_match(t))?;
    // Period columns stand between the last year and 属性 (when 属性 comes
    // after the years at all).
    let attr_pos = tokens
        .iter()
        .rposition(|t| t.contains("属性"))
        .filter(|&a| a > last_year);
    let period: String = tokens[last_year + 1..attr_pos.unwrap_or(tokens.len())].concat();
    let has_period = !period.is_empty();
    let mut head = vec![
        "分组".to_string(),
        "序号".to_string(),
        "指标".to_string(),
        "单位".to_string(),
    ];
    head.extend(years.iter().map(|y| y.to_string()));
    if has_period {
        head.push(period);
    }
    head.push("属性".to_string());
    let n_values = years.len() + usize::from(has_period);

    let mut rows = vec![head];
    let mut group = String::new();
    let mut last_line = first_line;
    for &(no, raw) in &lines[1..] {
        let line = fold_width(raw);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(c) = ROW.captures(line)
            && let Some(row) = parse_row(&c, &group, years.len(), has_period)
        {
            debug_assert_eq!(row.len(), 4 + n_values + 1);
            rows.push(row);
            last_line = no;
            continue;
        }
        if is_group(line) {
            group = line.to_string();
            continue;
        }
        break;
    }
    if rows.len() < 2 {
        return None;
    }
    Some(IndicatorTable {
        rows,
        first_line,
        last_line,
    })
}

fn is_group(line: &str) -> bool {
    let n = line.chars().count();
    (2..=10).contains(&n) && line.chars().all(crate::parse::text::is_han) && !line.starts_with('注')
}

fn squeeze(s: &str) -> String {
    // Spaces inside Chinese text are scrape artefacts: 比 重, 执业 (助理).
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let ascii_both = prev.is_some_and(|p| p.is_ascii_alphanumeric())
                && next.is_some_and(|n| n.is_ascii_alphanumeric());
            if ascii_both && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn parse_row(
    c: &regex::Captures,
    group: &str,
    n_years: usize,
    has_period: bool,
) -> Option<Vec<String>> {
    let number = c.name("n").or(c.name("n2"))?.as_str().to_string();
    let rest = c.name("rest")?.as_str();
    // Unit: the last (…) whose tail is only values and an attribute.
    let mut found = None;
    for m in UNIT.captures_iter(rest) {
        let whole = m.get(0).unwrap();
        let tail: Vec<&str> = rest[whole.end()..].split_whitespace().collect();
        let ok = tail.iter().enumerate().all(|(k, t)| {
            VALUE.is_match(t)
                || (k + 1 == tail.len() && ATTRIBUTES.contains(t))
                || t.chars().all(crate::parse::text::is_han)
        });
        if ok {
            found = Some((whole.start(), whole.end(), m[1].trim().to_string()));
            break;
        }
    }
    let (us, ue, unit) = found?;
    let name = squeeze(&rest[..us]);
    if name.is_empty() {
        return None;
    }
    let mut tail: Vec<&str> = rest[ue..].split_whitespace().collect();
    let attr = match tail.last() {
        Some(t) if ATTRIBUTES.contains(t) => tail.pop().unwrap().to_string(),
        _ => String::new(),
    };
    let n_values = n_years + usize::from(has_period);
    if tail.len() > n_values {
        return None;
    }
    let growth = name.ends_with("增速") || name.ends_with("增长");
    let cols = place(&tail, n_years, has_period, growth);
    let mut row = vec![group.to_string(), number, name, unit];
    let mut cells = vec![String::new(); n_values];
    for (t, col) in tail.iter().zip(cols) {
        cells[col] = t.to_string();
    }
    row.extend(cells);
    row.push(attr);
    Some(row)
}

/// Order-keeping placement of `tokens` into value columns (see module doc).
fn place(tokens: &[&str], n_years: usize, has_period: bool, growth: bool) -> Vec<usize> {
    let n = n_years + usize::from(has_period);
    let period = if has_period { Some(n - 1) } else { None };
    let score = |t: &str, col: usize| -> i32 {
        let bracket = t.starts_with('[');
        let text = !t.chars().any(|c| c.is_ascii_digit());
        let qualified = t.contains(['>', '<', '≥', '≤']) || t.contains("左右");
        if Some(col) == period {
            if bracket {
                2
            } else if text {
                -1
            } else if growth {
                1
            } else {
                -2
            }
        } else if col == 0 && n_years > 1 {
            // baseline
            if text || qualified || bracket { -1 } else { 1 }
        } else if bracket {
            -2
        } else if text {
            1
        } else {
            0
        }
    };
    let mut best: Option<(i32, Vec<usize>)> = None;
    let mut cur = Vec::new();
    fn go(
        k: usize,
        from: usize,
        n: usize,
        tokens: &[&str],
        cur: &mut Vec<usize>,
        best: &mut Option<(i32, Vec<usize>)>,
        score: &dyn Fn(&str, usize) -> i32,
    ) {
        if k == tokens.len() {
            let s: i32 = cur.iter().zip(tokens).map(|(&c, t)| score(t, c)).sum();
            if best.as_ref().is_none_or(|(b, _)| s > *b) {
                *best = Some((s, cur.clone()));
            }
            return;
        }
        for col in from..n {
            if n - col < tokens.len() - k {
                break;
            }
            cur.push(col);
            go(k + 1, col + 1, n, tokens, cur, best, score);
            cur.pop();
        }
    }
    go(0, 0, n, tokens, &mut cur, &mut best, &score);
    best.map(|b| b.1).unwrap_or_default()
}

/// The targets a table states: one per indicator and target column with a
/// value. Target columns are every year column but the first (the first
/// is the baseline, e.g. 2020, and states no commitment) plus the period
/// column (`年均增速/[累计]`), read as of the last year; with a single year
/// column that column is the target. Comparators are as printed in the cell
/// (`>`, `<`, `左右`), and for the period column prefixed by `年均` (plain
/// value) or `累计` (bracketed value), joined by a space: `年均 >`.
///
/// `uncertain` is set when a decimal point may have been lost or a value's
/// column was guessed:
/// * the table prints no decimal point in any value cell (a sign the scrape
///   dropped them all) and the value has two or more digits, or
/// * the value has a leading zero (`06`: surely 0.6), or
/// * the row leaves some value cells empty while filling others (the
///   scrape dropped empty cells, so the placement was guessed).
///
/// Values are never rescaled. `text` is the cell as printed and `range`
/// is empty (a table has no running text to point into).
pub fn targets(rows: &[Vec<String>]) -> Vec<TargetMatch> {
    let Some(head) = rows.first() else {
        return Vec::new();
    };
    let year_cols: Vec<(usize, i32)> = head
        .iter()
        .enumerate()
        .filter(|(_, h)| YEAR_COL.is_match(h))
        .filter_map(|(i, h)| Some((i, h.get(..4)?.parse().ok()?)))
        .collect();
    let Some(&(last_year_col, last_year)) = year_cols.last() else {
        return Vec::new();
    };
    let attr_col = head.len() - 1;
    let period_col = (last_year_col + 1 < attr_col).then_some(last_year_col + 1);
    let value_cols: Vec<usize> = (year_cols[0].0..attr_col).collect();
    let mut target_cols: Vec<(usize, i32)> = if year_cols.len() > 1 {
        year_cols[1..].to_vec()
    } else {
        year_cols.clone()
    };
    if let Some(p) = period_col {
        target_cols.push((p, last_year));
    }
    let decimals_seen = rows[1..].iter().any(|r| {
        value_cols
            .iter()
            .any(|&c| r.get(c).is_some_and(|v| v.contains('.')))
    });
    static NUM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<v>[0-9]+(?:\.[0-9]+)?)(?:[—\-~](?P<h>[0-9]+(?:\.[0-9]+)?))?").unwrap()
    });

    let mut out = Vec::new();
    for r in &rows[1..] {
        if r.len() != head.len() {
            continue;
        }
        let filled = value_cols.iter().filter(|&&c| !r[c].is_empty()).count();
        let guessed = filled > 0 && filled < value_cols.len();
        for &(col, year) in &target_cols {
            let cell = r[col].trim();
            let Some(m) = NUM.captures(cell) else {
                continue;
            };
            let digits = &m["v"];
            let mut comps: Vec<String> = Vec::new();
            if Some(col) == period_col {
                comps.push(
                    if cell.starts_with('[') {
                        "累计"
                    } else {
                        "年均"
                    }
                    .to_string(),
                );
            }
            let inner = cell.trim_start_matches('[').trim_end_matches(']');
            if let Some(c) = inner.chars().next().filter(|c| "><≥≤".contains(*c)) {
                comps.push(c.to_string());
            }
            for w in ["左右", "以上", "以下", "以内"] {
                if inner.ends_with(w) {
                    comps.push(w.to_string());
                }
            }
            let int_digits = digits.split('.').next().unwrap_or("");
            let lost_decimal = !digits.contains('.')
                && ((!decimals_seen && int_digits.len() >= 2)
                    || (int_digits.len() >= 2 && int_digits.starts_with('0')));
            // The indicator and its unit stand in the third and fourth
            // columns of a detected table; other rows name nothing.
            let (Some(indicator), Some(unit)) = (r.get(2), r.get(3)) else {
                continue;
            };
            out.push(TargetMatch {
                indicator: indicator.clone(),
                value: digits.parse().ok(),
                value_high: m.name("h").and_then(|h| h.as_str().parse().ok()),
                unit: Some(unit.clone()).filter(|u| !u.is_empty()),
                year: Some(year),
                comparator: if comps.is_empty() {
                    None
                } else {
                    Some(comps.join(" "))
                },
                text: cell.to_string(),
                range: 0..0,
                uncertain: lost_decimal || guessed,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_003: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/003_38459b941ad8ea21.txt"
    ));

    fn seed_table() -> IndicatorTable {
        let lines: Vec<(usize, &str)> = SEED_003
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .skip_while(|(_, l)| !(l.starts_with("指标") && l.contains("属性")))
            .collect();
        detect(&lines).expect("table")
    }

    fn row<'a>(t: &'a IndicatorTable, number: &str) -> &'a [String] {
        t.rows.iter().find(|r| r[1] == number).unwrap()
    }

    #[test]
    fn seed_003_rows_and_layout() {
        let t = seed_table();
        assert_eq!(t.first_line, 91);
        assert_eq!(t.last_line, 120);
        assert_eq!(t.rows.len(), 22, "header + 21 indicators");
        assert_eq!(
            t.rows[0],
            vec![
                "分组",
                "序号",
                "指标",
                "单位",
                "2020年",
                "2025年",
                "“十四五”年均增速/[累计]",
                "属性"
            ]
        );
        assert!(t.rows.iter().all(|r| r.len() == 8));
        assert_eq!(
            row(&t, "2"),
            [
                "经济发展",
                "2",
                "常住人口城镇化率",
                "%",
                "618",
                "65左右",
                "[32左右]",
                "预期性"
            ]
        );
        assert_eq!(row(&t, "7")[2], "数字经济核心产业增加值占地区生产总值比重");
        assert_eq!(row(&t, "7")[0], "创新驱动");
        assert_eq!(row(&t, "11")[2], "每千人口拥有执业(助理)医师数");
        assert_eq!(row(&t, "11")[3], "人");
        assert_eq!(row(&t, "17")[2], "地级及以上城市空气质量优良天数比率");
        assert_eq!(row(&t, "21")[0], "安全保障");
        assert_eq!(row(&t, "21")[3], "亿吨标准煤");
        // Placement of short rows.
        assert_eq!(row(&t, "1")[4..7], ["36", "", "55"]); // growth: 年均
        assert_eq!(row(&t, "3")[4..7], ["", "", ">55"]);
        assert_eq!(row(&t, "9")[4..7], ["53", "<55", ""]); // a level, not growth
        assert_eq!(row(&t, "15")[4..7], ["[19]", "完成国家分解任务", ""]);
        assert_eq!(row(&t, "17")[4..7], ["691", "", ""]);
        assert_eq!(row(&t, "19")[4..8], ["", "", "", "约束性"]);
        assert_eq!(row(&t, "20")[4..7], ["5447", "5500", ""]);
    }

    #[test]
    fn seed_003_targets_and_uncertain_flags() {
        let t = seed_table();
        let ts = targets(&t.rows);
        let find = |ind: &str, text: &str| {
            ts.iter()
                .find(|m| m.indicator == ind && m.text == text)
                .unwrap_or_else(|| panic!("{ind} {text}"))
        };
        // Baseline 2020 values are not targets.
        assert!(ts.iter().all(|m| m.text != "618" && m.text != "36"));
        let m = find("常住人口城镇化率", "65左右");
        assert_eq!(
            (m.value, m.year, m.comparator.as_deref(), m.unit.as_deref()),
            (Some(65.0), Some(2025), Some("左右"), Some("%"))
        );
        assert!(
            m.uncertain,
            "no decimals anywhere in the table: 65 may be 6.5"
        );
        let m = find("常住人口城镇化率", "[32左右]");
        assert_eq!(m.comparator.as_deref(), Some("累计 左右"));
        let m = find("全员劳动生产率增速", ">55");
        assert_eq!(m.comparator.as_deref(), Some("年均 >"));
        assert_eq!(m.value, Some(55.0));
        let m = find("城镇调查失业率", "<55");
        assert_eq!(m.comparator.as_deref(), Some("<"));
        assert_eq!(m.year, Some(2025));
        // 06 has surely lost its point; kept as printed.
        let m = find("每千人口拥有3岁以下婴幼儿托位数", "45");
        assert!(m.uncertain);
        // A single digit cannot have lost a decimal, and row 14 fills all
        // of its cells.
        let m = find("人均预期寿命", "[1左右]");
        assert!(!m.uncertain);
        assert_eq!(m.value, Some(1.0));
        // The text cell of row 15 has no value.
        assert!(ts.iter().all(|m| m.text != "完成国家分解任务"));
        assert!(!ts.iter().any(|m| m.indicator == "森林覆盖率"));
        assert!(!ts.iter().any(|m| m.indicator.contains("空气质量")));
        let m = find("粮食综合生产能力", "5500");
        assert_eq!(m.unit.as_deref(), Some("万吨"));
        assert!(m.uncertain);
    }

    #[test]
    fn another_province_with_decimals_and_other_years() {
        let text = "指标 (单位) 2022年 2027年 属性\n\
                    经济发展\n\
                    \n\
                    (1)地区生产总值 (亿元) 12345 16000 预期性\n\
                    (2)研发经费投入强度 (%) 2.1 2.8 预期性\n\
                    (3)新能源汽车产量 (万辆) 45 >100 预期性\n\
                    绿色低碳\n\
                    (4)森林覆盖率 (%) 18.5 20以上 约束性\n\
                    注:上表数据为预测值。";
        let lines: Vec<(usize, &str)> =
            text.lines().enumerate().map(|(i, l)| (i + 10, l)).collect();
        let t = detect(&lines).unwrap();
        assert_eq!(t.rows.len(), 5);
        assert_eq!(t.rows[0].len(), 7, "no period column");
        assert_eq!(t.last_line, 17);
        assert_eq!(t.rows[4][0], "绿色低碳");
        let ts = targets(&t.rows);
        assert_eq!(ts.len(), 4);
        assert!(ts.iter().all(|m| m.year == Some(2027) && !m.uncertain));
        assert_eq!(ts[1].value, Some(2.8));
        assert_eq!(ts[2].comparator.as_deref(), Some(">"));
        assert_eq!(ts[3].comparator.as_deref(), Some("以上"));
    }

    #[test]
    fn not_a_table() {
        assert!(detect(&[(1, "指标体系不断完善"), (2, "(1)x")]).is_none());
        assert!(detect(&[(1, "指标 (单位) 2020年 属性"), (2, "第三篇 深入实施")]).is_none());
        assert!(targets(&[]).is_empty());
    }
}
