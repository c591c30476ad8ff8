//! Where clauses, sentences and quotations of a folded text begin and
//! end, found once for the whole text so that reading each quantity costs
//! a binary search instead of a scan back to the start of the text: a
//! paragraph of a few hundred thousand characters with no punctuation (a
//! flattened table, a scrape gone wrong) is read in linear time.
//!
//! [`Marks`] holds the byte offsets of the marks; [`RuleFacts`] keeps
//! what the rules of [`super::rules`] find in the clause and the sentence
//! being read, so that quantities of the same clause do not read it again.

use std::ops::Range;

use super::{is_clause_end, is_sentence_end};

/// Short parentheses inside a noun (技术经纪(经理)人) read past, at most,
/// when looking for the start of a clause.
const MAX_NOUN_PARENS: usize = 8;

/// The marks of a folded text, by byte offset.
pub(super) struct Marks {
    /// Clause marks (`,` `;` `。` `:` `(` `)` …, see `is_clause_end`).
    clause: Vec<usize>,
    /// Sentence marks (`;` `。` `!` `?` and line ends).
    sentence: Vec<usize>,
    /// Quotation marks `“` `”` and title marks `《` `》`, each with
    /// whether it opens.
    quotes: [Vec<(usize, bool)>; 2],
}

impl Marks {
    pub fn of(f: &str) -> Marks {
        let mut m = Marks {
            clause: Vec::new(),
            sentence: Vec::new(),
            quotes: [Vec::new(), Vec::new()],
        };
        for (i, c) in f.char_indices() {
            if is_clause_end(c) {
                m.clause.push(i);
            }
            if is_sentence_end(c) {
                m.sentence.push(i);
            }
            match c {
                '“' | '”' => m.quotes[0].push((i, c == '“')),
                '《' | '》' => m.quotes[1].push((i, c == '《')),
                _ => {}
            }
        }
        m
    }

    /// The start of the clause holding `pos`: after the last clause mark
    /// before it, read past short parentheses glued to a Han character
    /// (技术经纪(经理)人).
    pub fn clause_start(&self, f: &str, pos: usize) -> usize {
        let mut k = self.clause.partition_point(|&m| m < pos);
        for _ in 0..=MAX_NOUN_PARENS {
            let Some(&j) = k.checked_sub(1).and_then(|k| self.clause.get(k)) else {
                return 0;
            };
            let close = f[j..].starts_with(')')
                && f[j + 1..]
                    .chars()
                    .next()
                    .is_some_and(crate::parse::text::is_han);
            let open = k
                .checked_sub(2)
                .map(|o| self.clause[o])
                .filter(|&o| f[o..].starts_with('(') && f[o + 1..j].chars().take(11).count() <= 10);
            match open {
                Some(_) if close => k -= 2,
                _ => return j + char_len(f, j),
            }
        }
        // Too many parentheses in a row to be one noun: the clause starts
        // at the last one read.
        self.clause.get(k).copied().unwrap_or(0)
    }

    /// The end of the clause holding `pos`: the first clause mark at or
    /// after it, or the end of the text.
    pub fn clause_end(&self, f: &str, pos: usize) -> usize {
        next(&self.clause, pos).unwrap_or(f.len())
    }

    /// The start of the sentence holding `pos`.
    pub fn sentence_start(&self, f: &str, pos: usize) -> usize {
        prev(&self.sentence, pos).map_or(0, |j| j + char_len(f, j))
    }

    /// The end of the sentence holding `pos`.
    pub fn sentence_end(&self, f: &str, pos: usize) -> usize {
        next(&self.sentence, pos).unwrap_or(f.len())
    }

    /// Whether a quotation (“…) or a title (《…) is open at `pos` in the
    /// text from `from` on: its last opening mark before `pos` comes after
    /// its last closing one.
    pub fn open_quote(&self, from: usize, pos: usize) -> bool {
        self.quotes.iter().any(|marks| {
            let k = marks.partition_point(|&(m, _)| m < pos);
            k.checked_sub(1)
                .map(|k| marks[k])
                .is_some_and(|(m, opens)| m >= from && opens)
        })
    }

    /// The clause marks from `range.start` up to `range.end`.
    pub fn clause_marks(&self, range: Range<usize>) -> &[usize] {
        let a = self.clause.partition_point(|&m| m < range.start);
        let b = self.clause.partition_point(|&m| m < range.end);
        &self.clause[a..b]
    }

    /// The last clause mark before `pos`.
    pub fn clause_mark_before(&self, pos: usize) -> Option<usize> {
        prev(&self.clause, pos)
    }
}

/// The last mark before `pos`.
fn prev(marks: &[usize], pos: usize) -> Option<usize> {
    let k = marks.partition_point(|&m| m < pos);
    k.checked_sub(1).map(|k| marks[k])
}

/// The first mark at or after `pos`.
fn next(marks: &[usize], pos: usize) -> Option<usize> {
    marks.get(marks.partition_point(|&m| m < pos)).copied()
}

fn char_len(f: &str, i: usize) -> usize {
    f[i..].chars().next().map_or(1, char::len_utf8)
}

/// What the rules found in one clause or sentence, kept while the
/// quantities of that clause or sentence are read.
pub(super) struct Memo<T> {
    last: Option<(Range<usize>, T)>,
}

impl<T: Copy> Memo<T> {
    pub fn new() -> Self {
        Memo { last: None }
    }

    /// The facts of `range`, computed by `f` unless they are kept.
    pub fn get(&mut self, range: Range<usize>, f: impl FnOnce() -> T) -> T {
        match &self.last {
            Some((r, v)) if *r == range => *v,
            _ => {
                let v = f();
                self.last = Some((range, v));
                v
            }
        }
    }
}
