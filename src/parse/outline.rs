//! Numbering schemes of Chinese official documents and the recovery of
//! structure from inline numbering.
//!
//! Headings and items are numbered `第一篇` / `第一章` / `第一节` / `一、` /
//! `(一)` / `1.` / `(1)` / `①`; regulations number their articles `第一条`,
//! and contingency plans and technical documents number headings and
//! clauses decimally (`1` / `1.1` / `1.1.1`). A 目录 at the head of a
//! document is dropped first (see [`crate::parse::toc`]). Scraped
//! documents are often flattened onto one line; this module cuts such
//! lines back into pieces before each marker that stands where a marker
//! can stand (line start, or after 。)；: or a space) and that continues
//! the numbering in use (1 after nothing, n+1 after n), so that numbers
//! inside sentences (3.5万家, 1.2亿亩) and articles named in a sentence
//! (依照本条例第十二条) are never taken for items.
//!
//! Input: cleaned lines. Output: pieces, each with its marker and seed line.

use crate::parse::clean::Line;
use std::collections::HashMap;

/// The numbering scheme of a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// 第一篇
    Part,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条: an article of a regulation.
    Article,
    /// 一、
    Han,
    /// (一)
    ParenHan,
    /// 1.
    Arabic,
    /// (1)
    ParenArabic,
    /// ①
    Circled,
    /// 1 / 1.1 / 1.1.1: decimal numbering, with its depth (1 for `1`).
    Decimal(u8),
}

/// A numbering marker at the start of a piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub scheme: Scheme,
    pub value: u32,
    /// The marker as printed, e.g. `(三)`, `12.` or `1．2`
    pub printed: String,
    /// The number as it should be shown for a task: `12` or `(三)`; for
    /// decimal numbering the path with ASCII dots (`1.2`).
    pub number: String,
}

/// A piece of text: one line, or one part of a flattened line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub line: usize,
    pub marker: Option<Marker>,
}

/// Value of a Chinese numeral up to 九百九十九 (一, 十, 十二, 二十六, 一百零一, 〇 …).
pub fn han_value(s: &str) -> Option<u32> {
    if let Some((h, rest)) = s.split_once('百') {
        let hundreds = match h {
            "" => return None,
            _ => han_value(h).filter(|v| *v < 10)?,
        };
        let below = match rest {
            "" => 0,
            _ => {
                let r = rest.strip_prefix(['零', '〇']).unwrap_or(rest);
                let r = r
                    .strip_prefix('一')
                    .filter(|t| t.starts_with('十'))
                    .unwrap_or(r);
                below_hundred(r)?
            }
        };
        return Some(hundreds * 100 + below);
    }
    below_hundred(s)
}

fn below_hundred(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a).filter(|v| *v > 0),
        ['十', b] => digit(*b).map(|v| 10 + v),
        [a, '十'] => digit(*a).map(|v| v * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

const HAN_DIGITS: &str = "一二三四五六七八九十百〇零";

fn is_open_paren(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close_paren(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// Recognises a marker at the start of `s`; returns it and its byte length.
pub fn marker_at(s: &str) -> Option<(Marker, usize)> {
    let mut it = s.char_indices().peekable();
    let (_, first) = *it.peek()?;
    // 第X篇 / 第X章 / 第X节 / 第X条
    if first == '第' {
        let rest = &s['第'.len_utf8()..];
        let n: String = rest
            .chars()
            .take_while(|c| HAN_DIGITS.contains(*c))
            .collect();
        let after = &rest[n.len()..];
        let scheme = match after.chars().next()? {
            '篇' => Scheme::Part,
            '章' => Scheme::Chapter,
            '节' => Scheme::Section,
            '条' => Scheme::Article,
            _ => return None,
        };
        let value = han_value(&n)?;
        let len = '第'.len_utf8() + n.len() + '篇'.len_utf8();
        let printed = s[..len].to_string();
        return Some((
            Marker {
                scheme,
                value,
                number: printed.clone(),
                printed,
            },
            len,
        ));
    }
    // ①
    if let Some(v) = circled_value(first) {
        let len = first.len_utf8();
        return Some((
            Marker {
                scheme: Scheme::Circled,
                value: v,
                printed: s[..len].to_string(),
                number: s[..len].to_string(),
            },
            len,
        ));
    }
    // (一) / (1)
    if is_open_paren(first) {
        let inner_start = first.len_utf8();
        let rest = &s[inner_start..];
        let close = rest
            .char_indices()
            .take(4)
            .find(|(_, c)| is_close_paren(*c))?
            .0;
        let inner = &rest[..close];
        let len = inner_start + close + rest[close..].chars().next()?.len_utf8();
        let (scheme, value) = if let Some(v) = han_value(inner) {
            (Scheme::ParenHan, v)
        } else if !inner.is_empty() && inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit())
        {
            (Scheme::ParenArabic, inner.parse().ok()?)
        } else {
            return None;
        };
        let printed = s[..len].to_string();
        let number = format!("({inner})");
        return Some((
            Marker {
                scheme,
                value,
                printed,
                number,
            },
            len,
        ));
    }
    // 一、
    if HAN_DIGITS.contains(first) {
        let n: String = s.chars().take_while(|c| HAN_DIGITS.contains(*c)).collect();
        let after = &s[n.len()..];
        if after.starts_with('、') {
            let value = han_value(&n)?;
            let len = n.len() + '、'.len_utf8();
            return Some((
                Marker {
                    scheme: Scheme::Han,
                    value,
                    printed: s[..len].to_string(),
                    number: n.clone(),
                },
                len,
            ));
        }
        return None;
    }
    // 1.1 / 1．1 / 1 (decimal), else 1. / 1． / 1、
    if first.is_ascii_digit() {
        if let Some(found) = decimal_at(s) {
            return Some(found);
        }
        let n: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        if n.len() > MAX_ITEM_DIGITS {
            return None;
        }
        let after = &s[n.len()..];
        let sep = after.chars().next()?;
        if matches!(sep, '.' | '．' | '、') {
            let value: u32 = n.parse().ok()?;
            let len = n.len() + sep.len_utf8();
            // "1.2万" is a number, not a marker, unless the numbering says otherwise (checked by the caller).
            return Some((
                Marker {
                    scheme: Scheme::Arabic,
                    value,
                    printed: s[..len].to_string(),
                    number: n,
                },
                len,
            ));
        }
    }
    None
}

/// Digits of a `1.` item number: items past 999 (a list of ten thousand
/// tasks) are taken only where they continue the numbering (see
/// [`Numbering`]), never after a year-like number out of the blue.
const MAX_ITEM_DIGITS: usize = 5;

/// ① … ⑳ → 1 … 20.
fn circled_value(c: char) -> Option<u32> {
    matches!(c, '\u{2460}'..='\u{2473}').then(|| c as u32 - 0x2460 + 1)
}

/// Characters that make `3.5万` or `1.2亿亩` a quantity, not a clause number.
const UNITS: &str = "万亿千百倍元角个%％‰米吨亩年月日天时分秒次项家人户台所座件辆";

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// A decimal number at the start of `s`: `1.2.3` (dots ASCII or full
/// width) followed by a space or by text, or `1` followed by a space and
/// text. Quantities (`3.5万`, `1.2%`) and dates are not decimal numbers.
fn decimal_at(s: &str) -> Option<(Marker, usize)> {
    let mut parts: Vec<&str> = Vec::new();
    let mut i = 0;
    loop {
        let n = s[i..].bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 3 {
            return None;
        }
        parts.push(&s[i..i + n]);
        if parts.len() > 6 {
            // Deeper than any numbering (and 1.1.1.1… of any length read
            // once, not once per character).
            return None;
        }
        i += n;
        let mut rest = s[i..].chars();
        match (rest.next(), rest.next()) {
            (Some(d @ ('.' | '．')), Some(c)) if c.is_ascii_digit() => i += d.len_utf8(),
            _ => break,
        }
    }
    let mut len = i;
    // 2.1. 标题: a dot may close the number.
    if parts.len() > 1
        && let Some(d @ ('.' | '．')) = s[len..].chars().next()
    {
        len += d.len_utf8();
    }
    let next = s[len..].chars().next()?;
    let spaced = is_space(next);
    if parts.len() == 1 && !spaced {
        return None;
    }
    // Glued to its text: 1.1编制目的, not 1.2亿亩.
    let glued_text = crate::parse::text::is_han(next) && !UNITS.contains(next);
    if !spaced && !glued_text {
        return None;
    }
    // After a space a title may start with any word (所有, 人员, 年度).
    let after = s[len..].trim_start();
    if !starts_with_text(after) {
        return None;
    }
    let value: u32 = parts.last()?.parse().ok()?;
    if parts.iter().any(|p| p.parse::<u32>().ok() == Some(0)) {
        return None;
    }
    Some((
        Marker {
            scheme: Scheme::Decimal(parts.len() as u8),
            value,
            printed: s[..len].trim_end_matches(['.', '．']).to_string(),
            number: parts.join("."),
        },
        len,
    ))
}

/// The path of a decimal number: `1.2.3` → [1, 2, 3].
pub fn decimal_path(number: &str) -> Vec<u32> {
    number.split('.').filter_map(|p| p.parse().ok()).collect()
}

/// The anchor of an article by its number: 第十二条 → `art-12`, 三十六、
/// → `art-36`, 4.2.1 (or 4．2．1) → `art-4-2-1`. None for anything that is
/// not an article number.
pub fn article_anchor(number: &str) -> Option<String> {
    let n = number.trim();
    if let Some(x) = n.strip_prefix('第').and_then(|x| x.strip_suffix('条')) {
        return han_value(x).map(|v| format!("art-{v}"));
    }
    if let Some(x) = n.strip_suffix('、') {
        return han_value(x).map(|v| format!("art-{v}"));
    }
    let parts: Vec<&str> = n.split(['.', '．']).collect();
    let ok = parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| format!("art-{}", parts.join("-")))
}

fn starts_with_text(s: &str) -> bool {
    let s = s.trim_start();
    match s.chars().next() {
        Some(c) => crate::parse::text::is_han(c) || matches!(c, '“' | '"' | '《' | '「' | '‘'),
        None => false,
    }
}

/// Characters after which an inline marker may stand.
fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | ')'
            | '）'
            | ';'
            | '；'
            | ':'
            | '：'
            | ' '
            | '\u{3000}'
            | '”'
            | '!'
            | '！'
            | '?'
            | '？'
            | '〕'
            | ']'
    )
}

/// Tracks the numbering in use, so inline markers are accepted only when
/// they continue it.
#[derive(Debug, Default)]
pub struct Numbering {
    last: HashMap<Scheme, u32>,
}

impl Numbering {
    fn accepts(&self, m: &Marker, rest: &str, at_line_start: bool) -> bool {
        self.accepts_after(m, rest, if at_line_start { None } else { Some(' ') })
    }

    /// Whether a marker `m` followed by `rest` and preceded by `prev`
    /// (None at a line start) is an item of the numbering in use.
    fn accepts_after(&self, m: &Marker, rest: &str, prev: Option<char>) -> bool {
        let follows_text = starts_with_text(rest);
        let at_line_start = prev.is_none();
        // 1000. and beyond only right after the item before (2024.我省… is a year).
        if m.scheme == Scheme::Arabic
            && m.value > 999
            && self.last.get(&m.scheme).map(|v| v + 1) != Some(m.value)
        {
            return false;
        }
        if let Some(p) = prev
            && !is_boundary(p)
        {
            // Glued to the text before it ("一、总体要求(一)指导思想", "重点任务1.推进"):
            // only (一) and 1. items that continue the numbering and start a sentence.
            let next = self.last.get(&m.scheme).map(|v| v + 1);
            return matches!(m.scheme, Scheme::ParenHan | Scheme::Arabic)
                && crate::parse::text::is_han(p)
                && follows_text
                && (next == Some(m.value) || m.value == 1);
        }
        match m.scheme {
            // (1) and ① items are enumerations inside paragraphs: only at a line start.
            Scheme::ParenArabic | Scheme::Circled => at_line_start,
            Scheme::Part | Scheme::Chapter | Scheme::Section => at_line_start || follows_text,
            Scheme::Article => self.accepts_article(m, rest, at_line_start),
            Scheme::Decimal(_) => self.accepts_decimal(m, rest, prev),
            _ => {
                let next = self.last.get(&m.scheme).map(|v| v + 1);
                if at_line_start {
                    follows_text || next == Some(m.value)
                } else if next == Some(m.value) {
                    // continuing the numbering: "3.2024年1月1日至…" is item 3
                    follows_text || m.scheme == Scheme::Arabic
                } else {
                    m.value == 1 && follows_text
                }
            }
        }
    }

    /// 第N条 starts an article only where it continues the articles (or is
    /// the first), and never where a sentence names it: 第十二条规定的,
    /// 第五条、第六条, 第三条第二款 are references.
    fn accepts_article(&self, m: &Marker, rest: &str, at_line_start: bool) -> bool {
        let r = rest.trim_start();
        let reference = r.is_empty()
            || r.starts_with([
                '、', '，', ',', '；', ';', '。', '）', ')', '的', '等', '第', '之',
            ])
            || [
                "所称",
                "所列",
                "所述",
                "所规定",
                "规定",
                "中的",
                "中规定",
                "至第",
                "和第",
                "或第",
                "及第",
                "与第",
            ]
            .iter()
            .any(|w| r.starts_with(w));
        if reference {
            return false;
        }
        let next = self.last.get(&Scheme::Article).map_or(1, |v| v + 1);
        m.value == next || (at_line_start && m.value == 1)
    }

    /// 1 / 1.1 / 1.1.1: a number that continues the decimal numbering in
    /// use (the next sibling at any level, or the first child); `1` and
    /// `1.1` may start it at a line start. `1` alone is a heading only at
    /// a line start, followed by a short title.
    fn accepts_decimal(&self, m: &Marker, rest: &str, prev: Option<char>) -> bool {
        let Scheme::Decimal(depth) = m.scheme else {
            return false;
        };
        // "1 总则", never "1 亿元" or "3 个百分点" (cells of a flattened table).
        let quantity = rest.trim_start().starts_with(|c| UNITS.contains(c));
        if depth == 1 && (prev.is_some() || !is_short_title(rest) || quantity) {
            return false;
        }
        if prev.is_some_and(|p| !matches!(p, '。' | '；' | ';' | ' ' | '\u{3000}')) {
            return false;
        }
        let path = decimal_path(&m.number);
        let current: Vec<u32> = (1..=6)
            .map_while(|d| self.last.get(&Scheme::Decimal(d)).copied())
            .collect();
        let d = path.len();
        let continues = d <= current.len() + 1
            && path[..d - 1] == current[..d - 1]
            && path[d - 1] == current.get(d - 1).map_or(1, |v| v + 1);
        continues || (prev.is_none() && current.is_empty() && path.iter().all(|v| *v == 1))
    }

    fn record(&mut self, m: &Marker) {
        self.last.insert(m.scheme, m.value);
        if let Scheme::Decimal(depth) = m.scheme {
            for (i, v) in decimal_path(&m.number).into_iter().enumerate() {
                self.last.insert(Scheme::Decimal(i as u8 + 1), v);
            }
            for d in depth + 1..=6 {
                self.last.remove(&Scheme::Decimal(d));
            }
        }
        use Scheme::*;
        // A higher level resets the levels below it. Articles run on
        // across chapters and sections.
        let below: &[Scheme] = match m.scheme {
            Part => &[
                Chapter,
                Section,
                Han,
                ParenHan,
                Arabic,
                ParenArabic,
                Circled,
            ],
            Chapter => &[Section, Han, ParenHan, Arabic, ParenArabic, Circled],
            Section => &[Han, ParenHan, Arabic, ParenArabic, Circled],
            Article => &[ParenHan, Arabic, ParenArabic, Circled],
            // (一) items run on across 一、 sections in many documents: not reset.
            Han | ParenHan | Arabic | Decimal(_) => &[ParenArabic, Circled],
            ParenArabic => &[Circled],
            Circled => &[],
        };
        for s in below {
            self.last.remove(s);
        }
    }
}

/// A short title after a number: 总则, 应急响应 (no sentence, no figures).
pub fn is_short_title(rest: &str) -> bool {
    let t = rest.trim();
    let n = t.chars().count();
    (1..=30).contains(&n)
        && !t.contains(['。', '；', ';', '，', ',', '：', ':', '！', '？'])
        && !t.chars().any(|c| c.is_ascii_digit() || c.is_whitespace())
}

/// Cuts lines into pieces at their numbering markers.
pub fn split_pieces(lines: &[Line]) -> Vec<Piece> {
    let mut numbering = Numbering::default();
    let mut out = Vec::new();
    for line in crate::parse::toc::without_toc(lines) {
        split_line(&line.text, line.no, &mut numbering, &mut out);
    }
    out
}

fn split_line(text: &str, no: usize, numbering: &mut Numbering, out: &mut Vec<Piece>) {
    let mut start = 0; // start of the current piece
    let mut current: Option<Marker> = None;
    // A marker at the very start of the line.
    let lead = text.trim_start();
    let offset = text.len() - lead.len();
    if let Some((m, len)) = marker_at(lead)
        && numbering.accepts(&m, &lead[len..], true)
    {
        numbering.record(&m);
        current = Some(m);
        start = offset + len;
    }
    let mut prev: Option<char> = None;
    let mut cut_points = Vec::new();
    for (i, c) in text.char_indices() {
        if i > start
            && prev.is_some()
            && let Some((m, len)) = marker_at(&text[i..])
            && numbering.accepts_after(&m, &text[i + len..], prev)
        {
            numbering.record(&m);
            cut_points.push((i, len, m));
        }
        prev = Some(c);
    }
    for (i, len, m) in cut_points {
        push_piece(out, &text[start..i], no, current.take());
        current = Some(m);
        start = i + len;
    }
    push_piece(out, &text[start..], no, current);
}

fn push_piece(out: &mut Vec<Piece>, text: &str, line: usize, marker: Option<Marker>) {
    let t = text.trim();
    if t.is_empty() && marker.is_none() {
        return;
    }
    out.push(Piece {
        text: t.to_string(),
        line,
        marker,
    });
}

#[cfg(test)]
#[path = "outline_tests.rs"]
mod tests;
