//! Citations between documents: 《…》 titles and document numbers
//! (国办发〔2024〕21号) in a text.
//!
//! Input: one text. Output: each citation with the title inside 《》
//! and/or the document number, and where it stands (byte range in the
//! text).
//!
//! - A title is the text between 《 and its matching 》 (nesting counted,
//!   so 〈〉 or 《》 inside stay part of the title) or between « and ».
//!   Only surrounding whitespace is trimmed. A 《 with no match within
//!   [`MAX_TITLE`] characters is no title.
//! - A title directly followed (spaces allowed) by a parenthesised
//!   document number, `《…》(国发〔2024〕3号)`, is one citation with both.
//! - Any other document number is a citation with no title. That includes
//!   a document's own number in its header: callers drop self-references
//!   by comparing with the document's own number.
//! - Generic self-references such as 《通知》 or 《方案》 are kept (they
//!   are what the text says); [`is_generic_title`] tells them apart.
//!
//! Document numbers come in two shapes: an issuer abbreviation of 1–8 Han
//! characters, a year in 〔〕, [], ［］, 【】 or () and a number with 号
//! (鲁政办字〔2024〕9号); or issuers, 公告, a year with 年 and 第N号
//! (财政部 税务总局公告2024年第3号), or 令第N号 (国务院令第732号). In
//! flattened text the issuer often follows a title with no space
//! (…的意见国办发〔2024〕21号): the issuer is cut after the last word that
//! cannot be part of one (的, 通知, 意见, 根据, …), keeping at least two
//! characters. The number is given normalised: half-width digits, year
//! in 〔〕, one space between several issuers.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::parse::text::{fold_width, is_han};

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitationMatch {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    /// Byte range in the text: from 《 to 》, or to the closing parenthesis
    /// after the document number, or the document number alone.
    pub range: std::ops::Range<usize>,
}

/// Longest title, in characters.
pub const MAX_TITLE: usize = 300;

/// Longest issuer abbreviation of a bracketed number, in Han characters.
pub const MAX_ISSUER: usize = 8;

/// Year in brackets and the number: 〔2024〕21号 and its variants.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[［(（【]\s*([0-9０-９]{4})\s*[〕\]］)）】]\s*第?\s*([0-9０-９]{1,6})\s*号")
        .expect("valid regex")
});

/// 公告2024年第3号 and 令第732号.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(公告|令)\s*(?:([0-9０-９]{4})\s*年\s*)?第\s*([0-9０-９]{1,6})\s*号")
        .expect("valid regex")
});

/// Words that end whatever stands before an issuer abbreviation: the
/// issuer starts after the last of them.
const BOUNDARIES: &[&str] = &[
    "的", "之", "通知", "意见", "决定", "办法", "规定", "方案", "措施", "公告", "批复", "通报",
    "细则", "规划", "纲要", "计划", "要点", "清单", "指引", "函", "根据", "按照", "依据", "落实",
    "贯彻", "执行", "参照", "印发", "转发", "见", "和", "及", "与", "或", "号", "年", "等", "如",
    "是", "在", "对",
];

/// Last characters of an agency name, for issuers joined by spaces
/// before 公告 (财政部 税务总局).
const AGENCY_ENDS: &[char] = &[
    '部', '局', '委', '院', '厅', '署', '会', '行', '办', '府', '司', '室', '处', '中', '心',
];

/// Titles that name a kind of document rather than a document: 《通知》 in
/// 本《通知》 refers to the text itself.
const GENERIC_TITLES: &[&str] = &[
    "通知",
    "意见",
    "决定",
    "办法",
    "规定",
    "方案",
    "措施",
    "公告",
    "批复",
    "通报",
    "细则",
    "规划",
    "纲要",
    "计划",
    "行动计划",
    "实施方案",
    "要点",
    "清单",
    "指引",
    "条例",
    "若干措施",
    "实施意见",
    "指导意见",
    "通告",
    "函",
];

/// True for a generic self-reference title such as 通知 or 实施方案.
pub fn is_generic_title(title: &str) -> bool {
    GENERIC_TITLES.contains(&title.trim())
}

/// Finds the citations in `text`, in text order. A title directly
/// followed by a parenthesised document number is one citation.
pub fn extract(text: &str) -> Vec<CitationMatch> {
    let numbers = doc_numbers(text);
    let mut out: Vec<CitationMatch> = Vec::new();
    let mut used = vec![false; numbers.len()];
    for (range, title) in titles(text) {
        let mut cite = CitationMatch {
            title: Some(title),
            doc_number: None,
            range: range.clone(),
        };
        if let Some((i, end)) = number_after(text, range.end, &numbers) {
            cite.doc_number = Some(numbers[i].1.clone());
            cite.range.end = end;
            used[i] = true;
        }
        // A number written inside the title is part of the title (numbers
        // are in order and apart).
        let first = numbers.partition_point(|(r, _)| r.start < range.start);
        for (j, (r, _)) in numbers.iter().enumerate().skip(first) {
            if r.start >= range.end {
                break;
            }
            if r.end <= range.end {
                used[j] = true;
            }
        }
        out.push(cite);
    }
    for (i, (range, number)) in numbers.into_iter().enumerate() {
        if !used[i] {
            out.push(CitationMatch {
                title: None,
                doc_number: Some(number),
                range,
            });
        }
    }
    out.sort_by_key(|c| (c.range.start, c.range.end));
    out
}

/// Finds document numbers (发文字号) in `text`: 国办发〔2024〕21号,
/// `鲁政办字[2022]28号`, 财政部 税务总局公告2024年第3号. Each with its byte
/// range and its normalised form (see the module documentation).
pub fn doc_numbers(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    for m in BRACKETED.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let Some(start) = issuer_start(text, whole.start(), MAX_ISSUER) else {
            continue;
        };
        let issuer = text[start..whole.start()].trim();
        out.push((
            start..whole.end(),
            format!("{issuer}〔{}〕{}号", digits(&m[1]), digits(&m[2])),
        ));
    }
    for m in NUMBERED.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let Some(issuers) = issuers_before(text, whole.start()) else {
            continue;
        };
        let start = issuers.first().map_or(whole.start(), |r| r.start);
        let names: Vec<&str> = issuers.iter().map(|r| &text[r.clone()]).collect();
        let number = match m.get(2) {
            Some(year) => format!(
                "{}{}{}年第{}号",
                names.join(" "),
                &m[1],
                digits(year.as_str()),
                digits(&m[3])
            ),
            None => format!("{}{}第{}号", names.join(" "), &m[1], digits(&m[3])),
        };
        out.push((start..whole.end(), number));
    }
    out.sort_by_key(|(r, _)| (r.start, r.end));
    out.dedup_by(|b, a| b.0.start < a.0.end);
    out
}

/// Titles in 《》 (nesting counted) and «», with their byte ranges
/// including the marks.
fn titles(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let close = match c {
            '《' => '》',
            '«' => '»',
            _ => {
                i += 1;
                continue;
            }
        };
        let mut depth = 0usize;
        let mut end = None;
        for (k, &(_, d)) in chars.iter().enumerate().skip(i).take(MAX_TITLE + 2) {
            if d == c {
                depth += 1;
            } else if d == close {
                depth -= 1;
                if depth == 0 {
                    end = Some(k);
                    break;
                }
            }
        }
        match end {
            Some(k) => {
                let inner_start = start + c.len_utf8();
                let inner_end = chars[k].0;
                let title = text[inner_start..inner_end].trim();
                if !title.is_empty() {
                    out.push((start..inner_end + close.len_utf8(), title.to_string()));
                }
                i = k + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// A parenthesised document number right after byte `pos`: its index in
/// `numbers` and the end of the closing parenthesis.
fn number_after(
    text: &str,
    pos: usize,
    numbers: &[(std::ops::Range<usize>, String)],
) -> Option<(usize, usize)> {
    let rest = &text[pos..];
    let trimmed = rest.trim_start();
    let open = trimmed.chars().next().filter(|&c| c == '(' || c == '（')?;
    let inner = pos + (rest.len() - trimmed.len()) + open.len_utf8();
    let inner_trimmed = inner + (text[inner..].len() - text[inner..].trim_start().len());
    let i = numbers
        .binary_search_by_key(&inner_trimmed, |(r, _)| r.start)
        .ok()?;
    let after = &text[numbers[i].0.end..];
    let after_trimmed = after.trim_start();
    let close = after_trimmed
        .chars()
        .next()
        .filter(|&c| c == ')' || c == '）')?;
    Some((i, text.len() - after_trimmed.len() + close.len_utf8()))
}

/// Where the issuer abbreviation before byte `pos` starts: up to `max` Han
/// characters (spaces before `pos` skipped), cut after the last boundary
/// word that leaves at least two characters (or all of a shorter run).
fn issuer_start(text: &str, pos: usize, max: usize) -> Option<usize> {
    let before = text[..pos].trim_end();
    let run: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_han(c))
        .take(max)
        .collect();
    let (first, _) = *run.last()?;
    let candidate = &before[first..];
    Some(first + cut_boundary(candidate))
}

/// Byte offset in `s` after the last boundary word that leaves at least
/// two characters of `s`; 0 when there is none.
fn cut_boundary(s: &str) -> usize {
    let total = s.chars().count();
    let mut best = 0;
    for word in BOUNDARIES {
        for (at, _) in s.match_indices(word) {
            let end = at + word.len();
            let left = total - s[..end].chars().count();
            if left >= 2 && end > best {
                best = end;
            }
        }
    }
    best
}

/// Issuer names before 公告 / 令 at byte `pos`: Han runs separated by
/// spaces or 、, the earlier ones only when they end like an agency name,
/// the first cut after a boundary word. None when there is no issuer.
fn issuers_before(text: &str, pos: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let mut names: Vec<std::ops::Range<usize>> = Vec::new();
    let mut end = pos;
    loop {
        let before = &text[..end];
        let run: Vec<(usize, char)> = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .take(16)
            .collect();
        let Some(&(first, _)) = run.last() else {
            break;
        };
        let run_last = before.chars().next_back()?;
        if !names.is_empty() && !AGENCY_ENDS.contains(&run_last) {
            break;
        }
        let name = &before[first..];
        let cut = cut_boundary(name);
        names.insert(0, first + cut..end);
        if cut > 0 {
            break;
        }
        // Another issuer before a single space or 、?
        let head = &text[..first];
        let sep = head
            .chars()
            .next_back()
            .filter(|&c| c == ' ' || c == '、' || c == '\u{3000}');
        match sep {
            Some(c) => end = first - c.len_utf8(),
            None => break,
        }
    }
    if names.is_empty() { None } else { Some(names) }
}

/// Half-width digits.
fn digits(s: &str) -> String {
    fold_width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(title: Option<&str>, number: Option<&str>) -> (Option<String>, Option<String>) {
        (title.map(String::from), number.map(String::from))
    }

    fn pairs(text: &str) -> Vec<(Option<String>, Option<String>)> {
        extract(text)
            .into_iter()
            .map(|c| (c.title, c.doc_number))
            .collect()
    }

    fn numbers(text: &str) -> Vec<String> {
        doc_numbers(text).into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn flattened_headers_from_seed_002() {
        let text = "国务院办公厅关于创新完善体制机制推动招标投标市场规范健康发展的意见国办发〔2024〕21号各省、自治区、直辖市人民政府,国务院各部委";
        assert_eq!(numbers(text), ["国办发〔2024〕21号"]);
        let (range, _) = &doc_numbers(text)[0];
        assert_eq!(&text[range.clone()], "国办发〔2024〕21号");

        let text = "山东省人民政府关于印发山东省深化“高效办成一件事”大力提升行政效能的若干措施的通知鲁政发〔2024〕4号各市人民政府, 各县(市、区)人民政府";
        assert_eq!(numbers(text), ["鲁政发〔2024〕4号"]);
        let text = "知                                                         金发〔2024〕5号金融监管总局各监管局,各省";
        assert_eq!(numbers(text), ["金发〔2024〕5号"]);
        let text = "国务院关于进一步规范和监督罚款设定与实施的指导意见国发〔2024〕5号各省、自治区";
        assert_eq!(numbers(text), ["国发〔2024〕5号"]);
        let text = "山东省人民政府办公厅关于印发山东省提升行政执法质量若干措施的通知鲁政办字〔2024〕9号各市人民政府";
        assert_eq!(numbers(text), ["鲁政办字〔2024〕9号"]);
        let text = "政策清单(第一批)的通知鲁政发〔2023〕13号各市人民政府";
        assert_eq!(numbers(text), ["鲁政发〔2023〕13号"]);
        let text = "山东省人民政府 国家知识产权局关于印发共建绿色低碳高质量发展知识产权强省实施方案的通知鲁政字〔2023〕226号各市人民政府";
        assert_eq!(numbers(text), ["鲁政字〔2023〕226号"]);
    }

    #[test]
    fn announcement_numbers() {
        let text = "财政部 国家税务总局关于农村集体产权制度改革土地增值税政策的公告财政部 税务总局公告2024年第3号为进一步推进农村集体产权制度改革";
        let found = doc_numbers(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "财政部 税务总局公告2024年第3号");
        assert_eq!(&text[found[0].0.clone()], "财政部 税务总局公告2024年第3号");
        assert_eq!(
            numbers("根据国家税务总局公告２０２４年第１２号规定"),
            ["国家税务总局公告2024年第12号"]
        );
        assert_eq!(numbers("国务院令第732号"), ["国务院令第732号"]);
        // No issuer: not a number we can name.
        assert!(numbers("见2024年第3号").is_empty());
    }

    #[test]
    fn title_with_number_is_one_citation() {
        let text = "为全面贯彻落实《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》(国发〔2024〕3号)部署要求,在去年工作基础上";
        let found = extract(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].title.as_deref(),
            Some("国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见")
        );
        assert_eq!(found[0].doc_number.as_deref(), Some("国发〔2024〕3号"));
        assert!(text[found[0].range.clone()].starts_with('《'));
        assert!(text[found[0].range.clone()].ends_with("3号)"));
    }

    #[test]
    fn nested_title_with_number() {
        let text = "认真落实《国务院办公厅关于印发〈提升行政执法质量三年行动计划(2023-2025年)〉的通知》(国办发〔2023〕27号),全面提升行政执法质量";
        assert_eq!(
            pairs(text),
            [cite(
                Some("国务院办公厅关于印发〈提升行政执法质量三年行动计划(2023-2025年)〉的通知"),
                Some("国办发〔2023〕27号")
            )]
        );
        let text = "认真贯彻实施行政处罚法和《国务院关于进一步贯彻实施〈中华人民共和国行政处罚法〉的通知》(国发〔2021〕26号)等,系统梳理";
        assert_eq!(
            pairs(text),
            [cite(
                Some("国务院关于进一步贯彻实施〈中华人民共和国行政处罚法〉的通知"),
                Some("国发〔2021〕26号")
            )]
        );
        // 《》 nested in 《》 too.
        assert_eq!(
            pairs("《关于印发《某某办法》的通知》"),
            [cite(Some("关于印发《某某办法》的通知"), None)]
        );
    }

    #[test]
    fn series_of_titles() {
        let text = "《“十大创新”行动计划(2024—2025年)》《“十强产业”行动计划(2024—2025年)》《“十大扩需求”行动计划(2024—2025年)》已经省委、省政府同意";
        assert_eq!(
            pairs(text),
            [
                cite(Some("“十大创新”行动计划(2024—2025年)"), None),
                cite(Some("“十强产业”行动计划(2024—2025年)"), None),
                cite(Some("“十大扩需求”行动计划(2024—2025年)"), None),
            ]
        );
    }

    #[test]
    fn titles_in_guillemets_and_plain_titles() {
        let text = "根据«中共山东省委关于制定山东省国民经济和社会发展第十四个五年规划和二○三五年远景目标的建议»编制";
        assert_eq!(
            pairs(text),
            [cite(
                Some(
                    "中共山东省委关于制定山东省国民经济和社会发展第十四个五年规划和二○三五年远景目标的建议"
                ),
                None
            )]
        );
        assert_eq!(
            pairs("依据《山东省开发区条例》规定"),
            [cite(Some("山东省开发区条例"), None)]
        );
        // Surrounding whitespace only is trimmed.
        assert_eq!(pairs("《 数字 经济 》"), [cite(Some("数字 经济"), None)]);
        // Unclosed and empty marks give nothing.
        assert!(pairs("《未闭合的书名号").is_empty());
        assert!(pairs("《》").is_empty());
    }

    #[test]
    fn generic_titles_are_kept_and_recognised() {
        let found = pairs("本《通知》自印发之日起施行,《实施方案》同时废止");
        assert_eq!(
            found,
            [cite(Some("通知"), None), cite(Some("实施方案"), None)]
        );
        assert!(is_generic_title("通知"));
        assert!(!is_generic_title("山东省开发区条例"));
    }

    #[test]
    fn bare_numbers_and_variants() {
        let text = "按照鲁政办字[2022]28号和鲁政办字［2022］28号、京政发(2021)１０号及财税〔2019〕13号文件要求";
        assert_eq!(
            numbers(text),
            [
                "鲁政办字〔2022〕28号",
                "鲁政办字〔2022〕28号",
                "京政发〔2021〕10号",
                "财税〔2019〕13号"
            ]
        );
        assert!(pairs(text).iter().all(|(t, n)| t.is_none() && n.is_some()));
        // A plan edition in parentheses is no document number.
        assert!(numbers("行动计划(2024—2025年)").is_empty());
        assert!(numbers("意见(2023年12月28日)").is_empty());
        // A number with no issuer before it is no document number.
        assert!(numbers("(2024)5号").is_empty());
        // 发改规划 ends with a boundary word but is itself the issuer.
        assert_eq!(numbers("发改规划〔2024〕123号"), ["发改规划〔2024〕123号"]);
    }

    #[test]
    fn title_then_bare_number_later() {
        let text = "印发《山东省提升行政执法质量若干措施》,请遵照执行。鲁政办字〔2024〕9号";
        assert_eq!(
            pairs(text),
            [
                cite(Some("山东省提升行政执法质量若干措施"), None),
                cite(None, Some("鲁政办字〔2024〕9号")),
            ]
        );
    }

    #[test]
    fn real_seed_002_numbers() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/002_cb80d8f1c9685a8d.txt"
        ))
        .unwrap();
        let found: Vec<String> = numbers(&text);
        for expected in [
            "国办发〔2024〕21号",
            "鲁政发〔2024〕4号",
            "国发〔2024〕3号",
            "金发〔2024〕5号",
            "鲁政办字〔2024〕9号",
            "鲁政字〔2023〕226号",
            "鲁政发〔2023〕13号",
            "国发〔2024〕5号",
            "国发〔2021〕26号",
            "国办发〔2023〕27号",
            "财政部 税务总局公告2024年第3号",
        ] {
            assert!(
                found.iter().any(|n| n == expected),
                "{expected} in {found:?}"
            );
        }
        // Every issuer is short and Han only.
        for n in &found {
            let issuer: String = n.chars().take_while(|&c| c != '〔' && c != '公').collect();
            assert!(issuer.chars().count() <= 16, "{n}");
        }
        // Titles with their numbers.
        let cites = extract(&text);
        assert!(cites.iter().any(|c| {
            c.doc_number.as_deref() == Some("国发〔2024〕3号")
                && c.title
                    .as_deref()
                    .is_some_and(|t| t.starts_with("国务院关于进一步优化政务服务"))
        }));
    }

    #[test]
    fn ranges_are_char_boundaries_for_odd_input() {
        for text in [
            "《",
            "》《》《",
            "〔2024〕号",
            "公告2024年第号",
            "号号号〔〕",
            "«»«",
            "a《b(国发〔2024〕3号",
        ] {
            for c in extract(text) {
                assert!(text.is_char_boundary(c.range.start) && text.is_char_boundary(c.range.end));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_are_boundaries(
            text in "[《》«»〈〉〔〕\\[\\]()（）【】 、公告令年第号发字办国鲁政0-9０-９a]{0,60}"
        ) {
            for c in extract(&text) {
                proptest::prop_assert!(c.range.start < c.range.end);
                proptest::prop_assert!(text.is_char_boundary(c.range.start));
                proptest::prop_assert!(text.is_char_boundary(c.range.end));
            }
        }
    }
}
