//! Numbering schemes of Chinese official documents and the recovery of
//! structure from inline numbering.
//!
//! Headings and items are numbered 第一篇 / 第一章 / 一、 / (一) / 1. / (1).
//! Scraped documents are often flattened onto one line; this module cuts
//! such lines back into pieces before each marker that stands where a
//! marker can stand (line start, or after 。)；: or a space) and that
//! continues the numbering in use (1 after nothing, n+1 after n), so that
//! numbers inside sentences (3.5万家, 1.2亿亩) are never taken for items.
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
    /// 一、
    Han,
    /// (一)
    ParenHan,
    /// 1.
    Arabic,
    /// (1)
    ParenArabic,
}

/// A numbering marker at the start of a piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub scheme: Scheme,
    pub value: u32,
    /// The marker as printed, e.g. `(三)` or `12.`
    pub printed: String,
    /// The number as it should be shown for a task: `12` or `(三)`.
    pub number: String,
}

/// A piece of text: one line, or one part of a flattened line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub line: usize,
    pub marker: Option<Marker>,
}

/// Value of a Chinese numeral up to 九十九 (一, 十, 十二, 二十, 二十六, 〇 …).
pub fn han_value(s: &str) -> Option<u32> {
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

const HAN_DIGITS: &str = "一二三四五六七八九十〇零";

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
    // 第X篇 / 第X章
    if first == '第' {
        let rest = &s['第'.len_utf8()..];
        let n: String = rest
            .chars()
            .take_while(|c| HAN_DIGITS.contains(*c))
            .collect();
        let after = &rest[n.len()..];
        let scheme = if after.starts_with('篇') {
            Scheme::Part
        } else if after.starts_with('章') {
            Scheme::Chapter
        } else {
            return None;
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
    // 1. / 1． / 1、
    if first.is_ascii_digit() {
        let n: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        if n.len() > 3 {
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
            // (1) items are enumerations inside paragraphs: only at a line start.
            Scheme::ParenArabic => at_line_start,
            Scheme::Part | Scheme::Chapter => at_line_start || follows_text,
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

    fn record(&mut self, m: &Marker) {
        self.last.insert(m.scheme, m.value);
        // A higher level resets the levels below it.
        let below: &[Scheme] = match m.scheme {
            Scheme::Part => &[
                Scheme::Chapter,
                Scheme::Han,
                Scheme::ParenHan,
                Scheme::Arabic,
                Scheme::ParenArabic,
            ],
            Scheme::Chapter => &[
                Scheme::Han,
                Scheme::ParenHan,
                Scheme::Arabic,
                Scheme::ParenArabic,
            ],
            // (一) items run on across 一、 sections in many documents: not reset.
            Scheme::Han => &[Scheme::ParenArabic],
            Scheme::ParenHan => &[Scheme::ParenArabic],
            _ => &[],
        };
        for s in below {
            self.last.remove(s);
        }
    }
}

/// Cuts lines into pieces at their numbering markers.
pub fn split_pieces(lines: &[Line]) -> Vec<Piece> {
    let mut numbering = Numbering::default();
    let mut out = Vec::new();
    for line in lines {
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
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t.to_string(),
                bullet: false,
            })
            .collect()
    }

    fn shape(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| match &p.marker {
                Some(m) => format!(
                    "{}|{}",
                    m.printed,
                    p.text.chars().take(6).collect::<String>()
                ),
                None => p.text.chars().take(6).collect(),
            })
            .collect()
    }

    #[test]
    fn han_numerals() {
        assert_eq!(han_value("一"), Some(1));
        assert_eq!(han_value("十"), Some(10));
        assert_eq!(han_value("十二"), Some(12));
        assert_eq!(han_value("二十"), Some(20));
        assert_eq!(han_value("二十六"), Some(26));
        assert_eq!(han_value("百"), None);
    }

    #[test]
    fn flattened_notice_is_cut_at_its_markers_only() {
        // Invented, in the genre: numbers inside sentences must stay put.
        let text = "现提出如下意见。一、总体要求(一)指导思想。坚持问题导向,力争突破3.5万家。(二)基本原则。坚持系统观念。二、重点任务1.推进改革。面积稳定在1.2亿亩以上。(牵头单位:省财政厅)2.强化保障。3.2024年1月1日起实施新政策。";
        let p = split_pieces(&lines(text));
        assert_eq!(
            shape(&p),
            vec![
                "现提出如下意",
                "一、|总体要求",
                "(一)|指导思想。坚",
                "(二)|基本原则。坚",
                "二、|重点任务",
                "1.|推进改革。面",
                "2.|强化保障。",
                "3.|2024年1"
            ]
        );
    }

    #[test]
    fn line_markers_and_full_width_forms() {
        let p = split_pieces(&lines(
            "第一篇 总则\n第二章 目标\n（一）加强组织领导。\n1．强化基础研究。\n(1)地区生产总值增速 (%) 36 55",
        ));
        let schemes: Vec<_> = p
            .iter()
            .map(|p| p.marker.as_ref().unwrap().scheme)
            .collect();
        assert_eq!(
            schemes,
            vec![
                Scheme::Part,
                Scheme::Chapter,
                Scheme::ParenHan,
                Scheme::Arabic,
                Scheme::ParenArabic
            ]
        );
        assert_eq!(p[2].marker.as_ref().unwrap().number, "(一)");
        assert_eq!(p[3].marker.as_ref().unwrap().number, "1");
    }

    #[test]
    fn out_of_sequence_numbers_inside_sentences_are_not_markers() {
        let p = split_pieces(&lines("1.推进工作。到2025年达到5.5万家。5.加强保障"));
        // "5." does not continue 1 → stays inside the text
        assert_eq!(p.len(), 1);
    }
}
