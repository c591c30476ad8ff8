//! The 目录 (table of contents) printed at the head of a long document:
//! a line 目录, then lines that repeat the headings of the body (with page
//! numbers in some copies), then the body, which starts by repeating the
//! first entry. The printed contents are dropped before the structure is
//! read, so they are neither taken for headings nor kept as body text;
//! the site shows a table of contents of its own made from the recovered
//! headings.
//!
//! Input: cleaned lines. Output: the same lines without the 目录 blocks.

use crate::parse::clean::Line;
use std::ops::Range;

/// The lines without their 目录 blocks.
pub fn without_toc(lines: &[Line]) -> Vec<&Line> {
    let blocks = find_tocs(lines);
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !blocks.iter().any(|r| r.contains(i)))
        .map(|(_, l)| l)
        .collect()
}

/// Index ranges (into `lines`) of the 目录 blocks: the 目录 line and its
/// entries, up to the line where the body repeats the first entry. A
/// block is recognised only when the body does repeat it and it has at
/// least two entries.
pub fn find_tocs(lines: &[Line]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_toc_title(&lines[i].text)
            && let Some(end) = toc_end(lines, i)
        {
            out.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// 目录 / 目　　录 / 目次 on a line of its own.
fn is_toc_title(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.as_str(), "目录" | "目次")
}

/// The index of the first body line after the 目录 starting at `title`.
fn toc_end(lines: &[Line], title: usize) -> Option<usize> {
    let first = key(&lines.get(title + 1)?.text)?;
    for (j, line) in lines.iter().enumerate().skip(title + 2) {
        let k = key(&line.text)?;
        if k == first {
            return (j - title > 2).then_some(j);
        }
    }
    None
}

/// What an entry and the heading it repeats have in common: the text
/// without spaces, dot leaders and page number. None for a line that
/// cannot be an entry (a sentence, a long line).
fn key(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 60 || t.contains(['。', '；', ';']) {
        return None;
    }
    // 第一章 总则……………3 / 1 总则 .......... 12 / 1.1 编制目的  5
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let stripped = body.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '…' | '.' | '·' | '．' | '-' | '—' | '_')
    });
    let t = if body.len() < t.len() && stripped.len() < body.len() {
        stripped
    } else {
        t
    };
    let k: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '…' | '·'))
        .collect();
    (!k.is_empty()).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        crate::parse::clean::test_lines(text)
    }

    #[test]
    fn a_printed_contents_with_page_numbers_is_dropped() {
        // Invented: a municipal flood plan, entries with dot leaders and pages.
        let l = lines(
            "某市防汛应急预案\n目 录\n1 总则……………1\n1.1 编制目的………1\n2 组织体系 ........ 3\n1　总则\n1.1　编制目的\n为做好防汛工作，制定本预案。\n2　组织体系",
        );
        let kept: Vec<usize> = without_toc(&l).iter().map(|l| l.no).collect();
        assert_eq!(kept, vec![1, 6, 7, 8, 9]);
    }

    #[test]
    fn a_contents_line_that_the_body_never_repeats_is_kept() {
        // “目录” heads a list that is the body itself (a catalogue), not a contents.
        let l = lines("目录\n一、农业机械\n二、渔业船舶\n以上目录自公布之日起施行。");
        assert_eq!(without_toc(&l).len(), 4);
        // A sentence mentioning 目录 is not a contents title.
        let l = lines("列入目录的产品\n1 总则\n1 总则");
        assert_eq!(without_toc(&l).len(), 3);
    }
}
