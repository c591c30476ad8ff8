//! The backward reader of `targets`: from a quantity back to the start of
//! its clause, it peels comparators (达到, 年均增长), verbs (新建, 培育),
//! a year (2024年) and 分别 off the end, then conjunctions, years, list
//! numbering, comparators and leading verbs or adverbs off the start; what
//! is left is the indicator.

use std::ops::Range;

use super::words::{LEAD_WORDS, PREFIX_COMPARATORS, VERBS};
use super::{YEAR, YEAR_EXPR, names};

pub(super) fn strip_prefix_any<'a>(s: &'a str, words: &[&str]) -> Option<(&'a str, &'a str)> {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .map(|w| (&s[..w.len()], &s[w.len()..]))
}

fn strip_suffix_any<'a>(s: &'a str, words: &[&str]) -> Option<(&'a str, &'a str)> {
    words
        .iter()
        .filter(|w| s.ends_with(**w))
        .max_by_key(|w| w.len())
        .map(|w| (&s[..s.len() - w.len()], &s[s.len() - w.len()..]))
}

/// What the backward reader found before a quantity.
pub(super) struct Lead {
    /// The indicator text left, folded byte range.
    pub indicator: Range<usize>,
    /// Comparator words in printed order.
    pub comparators: Vec<String>,
    pub year: Option<i32>,
    /// The indicator ended with 分别 (A、B分别达到…).
    pub respectively: bool,
}

/// Reads backwards from `end` down to `start` (folded offsets).
pub(super) fn read_lead(f: &str, start: usize, end: usize) -> Lead {
    let mut lo = start;
    let mut hi = end;
    let mut comps: Vec<String> = Vec::new();
    let mut year = None;
    let mut respectively = false;
    let mut leading: Vec<String> = Vec::new();
    // Trailing part: comparators, verbs, a year, 分别, 各.
    loop {
        let s = f[lo..hi].trim_end();
        hi = lo + s.len();
        if let Some((rest, w)) = strip_suffix_any(s, PREFIX_COMPARATORS) {
            // 超/达/过/近/约 only as whole words right before the number,
            // not as the end of a noun (…超 is rare, 过 in 经过 …).
            if w.chars().count() == 1 && !comps.is_empty() {
                break;
            }
            comps.insert(0, w.to_string());
            hi = lo + rest.len();
            continue;
        }
        if let Some((rest, _)) = strip_suffix_any(s, VERBS) {
            hi = lo + rest.len();
            continue;
        }
        if let Some(rest) = s.strip_suffix("分别") {
            respectively = true;
            hi = lo + rest.len();
            continue;
        }
        if let Some(c) = YEAR_EXPR.find_iter(s).last()
            && c.end() == s.len()
        {
            let base = s[..c.start()].strip_suffix(['比', '较']);
            match base {
                // 比2015年增长: a comparison base, not the target year.
                Some(b) => hi = lo + b.len(),
                None => {
                    if let Some(y) = YEAR.captures(c.as_str()) {
                        year = year.or(y[1].parse().ok());
                    }
                    hi = lo + c.start();
                }
            }
            continue;
        }
        break;
    }
    // Leading part: conjunctions, years, verbs, comparators.
    loop {
        let s = &f[lo..hi];
        let t = s.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '、' | ',' | ';' | '和' | '及' | '与' | '且' | '或')
        });
        let t = t.strip_prefix("以及").unwrap_or(t);
        if t.len() != s.len() {
            lo = hi - t.len();
            continue;
        }
        if let Some(m) = YEAR_EXPR.find(t)
            && m.start() == 0
        {
            if let Some(y) = YEAR.captures(m.as_str()) {
                year = year.or(y[1].parse().ok());
            }
            lo += m.end();
            continue;
        }
        if let Some((w, rest)) = strip_prefix_any(t, PREFIX_COMPARATORS)
            && w.chars().count() > 1
            && !rest.is_empty()
            // 突破性新品种: an adjective, not a comparator.
            && !rest.starts_with(['和', '及', '、', '性', '型'])
        {
            leading.push(w.to_string());
            lo = hi - rest.len();
            continue;
        }
        let numbered = names::strip_numbering(t);
        if numbered.len() != t.len() {
            lo = hi - numbered.len();
            continue;
        }
        let verb = [strip_prefix_any(t, VERBS), strip_prefix_any(t, LEAD_WORDS)]
            .into_iter()
            .flatten()
            .max_by_key(|(w, _)| w.len());
        if let Some((w, rest)) = verb
            && !rest.is_empty()
            // 再 of 再生水利用率 is part of a word.
            && !(w == "再" && rest.starts_with('生'))
        {
            lo = hi - rest.len();
            continue;
        }
        break;
    }
    leading.extend(comps);
    Lead {
        indicator: lo..hi,
        comparators: leading,
        year,
        respectively,
    }
}
