//! The labelled metadata block that government portals print above a
//! document (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期,
//! 主题词 …). A label's value stands on the same line (`发文字号：国发〔2019〕5号`),
//! on the next line (the label alone on its line), or the whole block is
//! flattened onto one line with the others. Labels are matched with their
//! inner spaces removed (`索 引 号`, `标　　题`).
//!
//! Input: the cleaned lines of one document. Output: a [`LabelBlock`] with
//! the values read and the indexes of the lines it took, which are then
//! left out of the document's text. Pure: no I/O.

use crate::parse::clean::Line;
use crate::parse::text::without_spaces;
use crate::parse::{citations, meta};

/// What a label block says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelBlock {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    /// 成文日期, ISO.
    pub date: Option<String>,
    /// 发布日期, ISO.
    pub published: Option<String>,
    /// Indexes (into the lines given) of the lines the block took.
    pub taken: Vec<usize>,
}

/// The field a label fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Number,
    Issuer,
    Date,
    Published,
    /// A label whose value gazette does not keep (索引号, 主题分类, 主题词 …).
    Other,
}

/// Labels of the genre's metadata blocks, as printed without spaces.
const LABELS: &[(&str, Field)] = &[
    ("索引号", Field::Other),
    ("主题分类", Field::Other),
    ("主题词", Field::Other),
    ("体裁分类", Field::Other),
    ("组配分类", Field::Other),
    ("公文种类", Field::Other),
    ("有效性", Field::Other),
    ("时效性", Field::Other),
    ("信息来源", Field::Other),
    ("生效日期", Field::Other),
    ("废止日期", Field::Other),
    ("发文机关", Field::Issuer),
    ("发布机构", Field::Issuer),
    ("发布机关", Field::Issuer),
    ("制发机关", Field::Issuer),
    ("成文日期", Field::Date),
    ("成文时间", Field::Date),
    ("标题", Field::Title),
    ("名称", Field::Title),
    ("发文字号", Field::Number),
    ("文号", Field::Number),
    ("文件编号", Field::Number),
    ("发布日期", Field::Published),
    ("发布时间", Field::Published),
    ("公开日期", Field::Published),
];

/// How far into a document a block may start, in lines.
const HEAD_LINES: usize = 40;

/// The label a text starts with (spaces inside ignored), with the byte
/// length of the label and its colon in `text`.
fn label_at(text: &str) -> Option<(Field, usize)> {
    let mut seen = String::new();
    for (i, c) in text.char_indices() {
        if c == ':' || c == '：' {
            let field = LABELS.iter().find(|(l, _)| *l == seen)?.1;
            return Some((field, i + c.len_utf8()));
        }
        if c.is_whitespace() {
            continue;
        }
        seen.push(c);
        if seen.chars().count() > 5 {
            return None;
        }
    }
    None
}

/// Every labelled pair in a flattened line: (field, value) in order.
fn flattened_pairs(text: &str) -> Vec<(Field, String)> {
    // Label starts: any position where a label (spaces allowed) and a colon begin.
    let mut starts: Vec<(usize, Field, usize)> = Vec::new();
    let mut idx: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    idx.push(text.len());
    let mut k = 0;
    while k < idx.len() - 1 {
        let i = idx[k];
        let prev_ok = i == 0
            || text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || c == '|');
        if prev_ok && let Some((f, len)) = label_at(&text[i..]) {
            starts.push((i, f, i + len));
            while k < idx.len() - 1 && idx[k] < i + len {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
    let mut out = Vec::new();
    for (n, &(_, f, vstart)) in starts.iter().enumerate() {
        let vend = starts.get(n + 1).map_or(text.len(), |s| s.0);
        out.push((
            f,
            text[vstart..vend]
                .trim()
                .trim_matches('|')
                .trim()
                .to_string(),
        ));
    }
    out
}

/// Reads the label block in the head of a document's lines.
pub fn read(lines: &[Line]) -> LabelBlock {
    let mut pairs: Vec<(Field, String)> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    let head = lines.len().min(HEAD_LINES);
    let mut i = 0;
    while i < head {
        let text = lines[i].text.trim();
        if let Some((field, len)) = label_at(text) {
            let flat = flattened_pairs(text);
            if flat.len() >= 2 {
                pairs.extend(flat);
                taken.push(i);
                i += 1;
                continue;
            }
            let value = text[len..].trim();
            if !value.is_empty() {
                pairs.push((field, value.to_string()));
                taken.push(i);
                i += 1;
                continue;
            }
            // The value is on the next line, unless that line is a label
            // too or (for a label that may be empty, such as 主题词) the
            // head of the document itself.
            taken.push(i);
            let next = lines.get(i + 1).map(|l| l.text.trim());
            match next {
                Some(n) if label_at(n).is_none() && !starts_document(n, field, &pairs) => {
                    pairs.push((field, n.to_string()));
                    taken.push(i + 1);
                    i += 2;
                }
                _ => i += 1,
            }
            continue;
        }
        i += 1;
    }
    // One stray label is not a block.
    if pairs.len() < 2 {
        return LabelBlock::default();
    }
    let mut b = LabelBlock {
        taken,
        ..LabelBlock::default()
    };
    for (field, value) in pairs {
        if value.is_empty() {
            continue;
        }
        match field {
            Field::Title if b.title.is_none() => b.title = Some(value),
            Field::Number if b.doc_number.is_none() => {
                b.doc_number = citations::doc_numbers(&value)
                    .first()
                    .map(|(r, _)| value[r.clone()].trim().to_string())
                    .or_else(|| {
                        (value.chars().count() <= 30 && value != "无").then(|| value.clone())
                    });
            }
            Field::Issuer if b.issuers.is_empty() => {
                b.issuers = value
                    .split(['、', ' ', '\u{3000}', ',', '，', ';', '；'])
                    .map(str::trim)
                    .filter(|s| s.chars().count() >= 2)
                    .map(str::to_string)
                    .collect();
            }
            Field::Date if b.date.is_none() => b.date = any_date(&value),
            Field::Published if b.published.is_none() => b.published = any_date(&value),
            _ => {}
        }
    }
    b
}

/// True when a line after an empty label is where the document starts:
/// the title (or its first part) repeated, or the block's 文号.
fn starts_document(next: &str, field: Field, pairs: &[(Field, String)]) -> bool {
    if field != Field::Other {
        return false;
    }
    // Keywords are words separated by spaces (农业　粮食　应急预案　函); a
    // title spaced out character by character is not.
    let words: Vec<&str> = next
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= 2
        && words.iter().filter(|w| w.chars().count() >= 2).count() * 2 >= words.len()
        && !next.contains("关于")
    {
        return false;
    }
    let n = without_spaces(next);
    pairs.iter().any(|(f, v)| {
        let v = without_spaces(v);
        !v.is_empty()
            && match f {
                Field::Title => v.starts_with(&n) || n.starts_with(&v),
                Field::Number => n.starts_with(&v),
                _ => false,
            }
    }) || meta::ends_with_doc_type(next)
}

/// An ISO date from `2019年02月15日`, `2019-02-15` or `2019/2/15`.
pub fn any_date(s: &str) -> Option<String> {
    if let Some(d) = meta::iso_date(s) {
        return Some(d);
    }
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/', '.']).map(|p| p.trim()).collect();
    if parts.len() < 3 {
        return None;
    }
    let y: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok()?;
    ((1000..=2999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        crate::parse::clean::test_lines(text)
    }

    #[test]
    fn values_on_the_next_line() {
        let l = lines(
            "索 引 号：\n11370000/2025-0042\n发文机关：\n青州市人民政府办公室\n成文日期：\n2025年03月04日\n标　　题：\n青州市关于推进旧城改造的实施意见\n发文字号：\n青政办发〔2025〕3号\n发布日期：\n2025年03月06日\n主 题 词：\n青州市关于推进旧城改造的\n实施意见\n各镇人民政府：",
        );
        let b = read(&l);
        assert_eq!(b.title.as_deref(), Some("青州市关于推进旧城改造的实施意见"));
        assert_eq!(b.doc_number.as_deref(), Some("青政办发〔2025〕3号"));
        assert_eq!(b.issuers, vec!["青州市人民政府办公室".to_string()]);
        assert_eq!(b.date.as_deref(), Some("2025-03-04"));
        assert_eq!(b.published.as_deref(), Some("2025-03-06"));
        // 主题词 is empty: the title that follows it stays in the text.
        assert_eq!(b.taken, (0..13).collect::<Vec<_>>());
        // Keywords that end like a title are still the 主题词's value.
        let b = read(&lines(
            "标题：\n某某县防汛应急预案的函\n发文字号：\n某办函〔2024〕9号\n主题词：\n防汛　应急预案　函\n某某县防汛应急预案的函",
        ));
        assert_eq!(b.taken, (0..6).collect::<Vec<_>>());
    }

    #[test]
    fn values_on_the_same_line_and_flattened() {
        let b = read(&lines(
            "发文机关：某某县人民政府\n发文字号：某政字〔2021〕17号\n成文日期：2021-06-30\n正文",
        ));
        assert_eq!(b.doc_number.as_deref(), Some("某政字〔2021〕17号"));
        assert_eq!(b.date.as_deref(), Some("2021-06-30"));
        assert_eq!(b.taken, vec![0, 1, 2]);
        let b = read(&lines(
            "索引号: 000/2020-1 发文机关: 某市财政局 标 题: 某市财政局关于做好资金拨付的通知 发文字号: 某财发〔2020〕8号 发布日期: 2020/9/1\n正文",
        ));
        assert_eq!(b.title.as_deref(), Some("某市财政局关于做好资金拨付的通知"));
        assert_eq!(b.doc_number.as_deref(), Some("某财发〔2020〕8号"));
        assert_eq!(b.issuers, vec!["某市财政局".to_string()]);
        assert_eq!(b.published.as_deref(), Some("2020-09-01"));
        assert_eq!(b.taken, vec![0]);
    }

    #[test]
    fn a_lone_label_in_the_text_is_not_a_block() {
        let b = read(&lines("关于某事的通知\n标题：不是元数据\n正文。"));
        assert_eq!(b, LabelBlock::default());
    }
}
