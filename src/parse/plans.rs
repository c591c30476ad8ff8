//! Plans inside documents: titles of plans, families and containers,
//! editions, and the names that link one plan across editions.
//!
//! Rules of the genre: a plan title is a short unnumbered line ending in
//! 行动计划 / 实施方案 / 若干措施 / 清单 …; a plan title followed at once by
//! another plan title is a family heading (“十大创新”2022年行动计划); a plan
//! title followed by a short line and then 一、 is a container whose
//! sub-plans are those short lines (基础设施“七网” → 现代水网); editions are
//! the year or span in a title (2022, 2024—2025).

use regex::Regex;
use std::sync::LazyLock;

const PLAN_ENDINGS: &[&str] = &[
    "行动计划",
    "实施方案",
    "工作方案",
    "行动方案",
    "若干措施",
    "政策措施",
    "政策清单",
    "工作要点",
    "实施意见",
    "规划纲要",
    "计划",
    "方案",
    "措施",
    "清单",
    "纲要",
    "规划",
];

static EDITION_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[(（]?([0-9]{4})\s*[—–\-－~～至]+\s*([0-9]{4})年?[)）]?").unwrap()
});
static EDITION_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9]{4})年(度)?").unwrap());
static EDITION_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[(（][0-9]{4}\s*[—–\-－~～至]+\s*[0-9]{4}年?[)）]").unwrap());
static YEAR_BEFORE_GENRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{4}年度?(?P<genre>行动计划|实施方案|工作方案|行动方案|工作要点)").unwrap()
});
static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"“([^”]{2,12})”").unwrap());
static NAME_HINTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"牵头负责([\p{Han}“”]{2,14}?)行动计划",
        r"统筹推进([\p{Han}“”]{2,14}?)工作",
        r"建立([\p{Han}“”]{2,14}?)行动计划工作台账",
    ]
    .iter()
    .map(|p| Regex::new(p).unwrap())
    .collect()
});
static LISTING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"“([^”]{2,12})”包括([^。]+)").unwrap());

/// The genre word a plan title ends with, if any (after a trailing parenthesis).
pub fn plan_ending(title: &str) -> Option<&'static str> {
    let t = crate::parse::meta::strip_trailing_paren(title);
    PLAN_ENDINGS.iter().copied().find(|e| t.ends_with(e))
}

/// True for a line that titles a plan.
pub fn is_plan_title(text: &str) -> bool {
    let n = text.chars().count();
    (4..=60).contains(&n)
        && !text.contains(['。', ',', '，', ';', '；', ':', '：'])
        && plan_ending(text).is_some()
        && !text.ends_with("的通知")
}

/// True for a short line that may title a sub-plan (现代水网, 精品旅游产业).
pub fn is_subplan_title(text: &str) -> bool {
    let n = text.chars().count();
    (2..=20).contains(&n)
        && text
            .chars()
            .all(|c| crate::parse::text::is_han(c) || matches!(c, '“' | '”' | '"'))
}

/// The edition a title names: `2022` or `2024—2025`.
pub fn edition_of(title: &str) -> Option<String> {
    if let Some(c) = EDITION_SPAN.captures(title) {
        return Some(format!("{}—{}", &c[1], &c[2]));
    }
    EDITION_YEAR.captures(title).map(|c| c[1].to_string())
}

/// A plan's edition-independent name: 科技研发创新2022年行动计划 → 科技研发创新.
pub fn name_of(title: &str) -> String {
    let mut t = EDITION_IN_PARENS.replace_all(title, "").into_owned();
    t = YEAR_BEFORE_GENRE.replace_all(&t, "$genre").into_owned();
    let t = t.trim();
    let t = ["行动计划", "实施方案", "工作方案", "行动方案"]
        .iter()
        .find_map(|e| t.strip_suffix(e))
        .unwrap_or(t);
    let t = t.trim();
    if t.is_empty() {
        title.trim().to_string()
    } else {
        t.to_string()
    }
}

/// The family a family heading names: “十大创新”2022年行动计划 → 十大创新.
pub fn family_of(title: &str) -> String {
    match QUOTED.captures(title) {
        Some(c) if title.trim_start().starts_with('“') => c[1].to_string(),
        _ => name_of(title),
    }
}

/// Names suggested by the text of a plan whose title was stripped.
pub fn name_hints(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in NAME_HINTS.iter() {
        for c in r.captures_iter(text) {
            let n = c[1].to_string();
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Families and their members as a text lists them:
/// “十大创新”包括科技研发创新2022年行动计划、人才引育创新2022年行动计划 → (十大创新, [科技研发创新, 人才引育创新]).
pub fn family_listings(text: &str) -> Vec<(String, Vec<String>)> {
    LISTING
        .captures_iter(text)
        .map(|c| {
            let members = c[2]
                .split(['、', ',', '，', ';', '；'])
                .flat_map(split_glued_titles)
                .map(|m| name_of(m.trim()))
                .filter(|m| !m.is_empty())
                .collect();
            (c[1].to_string(), members)
        })
        .collect()
}

/// "A2022年行动计划B2022年行动计划" (a lost separator) → [A…, B…].
fn split_glued_titles(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("行动计划") {
        let end = i + "行动计划".len();
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    if !rest.trim().is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_names_and_editions() {
        assert!(is_plan_title("科技研发创新2022年行动计划"));
        assert!(is_plan_title("“十大创新”2022年行动计划"));
        assert!(!is_plan_title("关于印发“十大创新”2022年行动计划的通知"));
        assert!(!is_plan_title("一、工作目标"));
        assert_eq!(
            edition_of("科技研发创新2022年行动计划").as_deref(),
            Some("2022")
        );
        assert_eq!(
            edition_of("“十大创新”行动计划(2024—2025年)").as_deref(),
            Some("2024—2025")
        );
        assert_eq!(
            edition_of("某某行动计划(2024-2026年)").as_deref(),
            Some("2024—2026")
        );
        assert_eq!(name_of("科技研发创新2022年行动计划"), "科技研发创新");
        assert_eq!(name_of("科技研发创新行动计划(2024—2025年)"), "科技研发创新");
        assert_eq!(name_of("基础设施“七网”2022年行动计划"), "基础设施“七网”");
        assert_eq!(family_of("“十大创新”2022年行动计划"), "十大创新");
        assert_eq!(
            name_of("2024年“促进经济巩固向好”政策清单(第一批)"),
            "2024年“促进经济巩固向好”政策清单(第一批)"
        );
    }

    #[test]
    fn hints_from_text() {
        let t = "(一)强化组织领导。省科技厅牵头负责科技研发创新行动计划落实,深化创新体系建设。";
        assert_eq!(name_hints(t), vec!["科技研发创新".to_string()]);
        assert_eq!(
            name_hints("省大数据局统筹推进数字变革创新工作,各市完善机制。"),
            vec!["数字变革创新".to_string()]
        );
    }

    #[test]
    fn listings_with_a_lost_separator() {
        let t = "“十大创新”包括科技研发创新2022年行动计划、要素保障创新2022年行动计划民生改善创新2022年行动计划、风险防控创新2022年行动计划。";
        let l = family_listings(t);
        assert_eq!(l[0].0, "十大创新");
        assert_eq!(
            l[0].1,
            vec![
                "科技研发创新",
                "要素保障创新",
                "民生改善创新",
                "风险防控创新"
            ]
        );
    }
}
