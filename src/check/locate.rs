//! Source positions for HTML parse errors and attribute values.
//!
//! html5ever reports parse errors as bare messages: the sink scraper gives
//! it ignores the line numbers the tree builder offers. So a page's errors
//! are located after the fact, and only for pages that have any: the page
//! is cut into units (one per tag, comment or line of text, never inside
//! the raw text of `<script>`, `<style>`, `<title>` and the like), prefixes
//! ending at unit boundaries are re-parsed, and a bisection finds, for each
//! error, the first unit whose prefix reproduces it. Errors that only
//! arise at the end of input (unclosed elements, end of file inside a tag)
//! are placed at the end of the page; a prefix's own end-of-input errors
//! are of that kind and so never pass for a real one. This is a heuristic:
//! a position is the start of the tag (or text line) after which html5ever
//! raised the error.

use crate::diag::{floor_char_boundary, line_col};
use scraper::Html;

/// At most this many errors per page are located; the rest get no position.
const MAX_LOCATED: usize = 64;

/// Elements whose content the tokenizer reads as raw text, where a cut
/// would leave the parser in a state that reports errors of its own.
const RAW_TEXT: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// A located parse error: 1-based line and column (0, 0 when unknown) and
/// a short excerpt of the source unit it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub col: usize,
    pub excerpt: String,
}

/// True for messages html5ever only emits when input ends.
fn at_end_of_input(message: &str) -> bool {
    message.contains("EOF") || message.contains("end of body")
}

/// The parse errors of `text` as html5ever reports them (default options).
pub fn parse_errors(text: &str) -> Vec<String> {
    Html::parse_document(text)
        .errors
        .into_iter()
        .map(|e| e.into_owned())
        .collect()
}

/// Locates each of `errors` (the parse errors of the whole `text`, in order).
pub fn locate_errors(text: &str, errors: &[String]) -> Vec<Located> {
    let unknown = Located {
        line: 0,
        col: 0,
        excerpt: String::new(),
    };
    let mut out = vec![unknown; errors.len()];
    let end = end_position(text);
    let mut inner: Vec<usize> = Vec::new();
    for (i, e) in errors.iter().enumerate() {
        if at_end_of_input(e) {
            out[i] = end.clone();
        } else {
            inner.push(i);
        }
    }
    let wanted: Vec<&str> = inner.iter().map(|&i| errors[i].as_str()).collect();
    let limit = wanted.len().min(MAX_LOCATED);
    if limit == 0 {
        return out;
    }
    // points[0] = 0 is the empty prefix, taken to reproduce no error.
    let mut points = vec![0];
    points.extend(unit_ends(text));
    let matched = |p: usize| -> usize {
        let got = parse_errors(&text[..points[p]]);
        got.iter()
            .filter(|e| !at_end_of_input(e))
            .zip(&wanted)
            .take_while(|(a, b)| a.as_str() == **b)
            .count()
    };
    let mut unit_of = vec![0usize; limit];
    bisect(0, points.len() - 1, 0, limit, &matched, &mut unit_of);
    for (k, &unit) in unit_of.iter().enumerate() {
        out[inner[k]] = unit_position(text, points[unit - 1], points[unit]);
    }
    out
}

/// Assigns to each error k in `klo..khi`, known to arise in a unit of
/// `lo+1..=hi`, the unit where it first arises.
fn bisect(
    lo: usize,
    hi: usize,
    klo: usize,
    khi: usize,
    matched: &dyn Fn(usize) -> usize,
    unit_of: &mut [usize],
) {
    if klo >= khi {
        return;
    }
    if hi - lo <= 1 {
        for u in &mut unit_of[klo..khi] {
            *u = hi;
        }
        return;
    }
    let mid = lo + (hi - lo) / 2;
    let m = matched(mid).clamp(klo, khi);
    bisect(lo, mid, klo, m, matched, unit_of);
    bisect(mid, hi, m, khi, matched, unit_of);
}

/// Position and excerpt of the unit `text[start..end]`, at its first
/// non-blank character.
fn unit_position(text: &str, start: usize, end: usize) -> Located {
    let unit = &text[start..end];
    let skip = unit.len() - unit.trim_start().len();
    let at = if skip < unit.len() {
        start + skip
    } else {
        start
    };
    let (line, col) = line_col(text, at);
    Located {
        line,
        col,
        excerpt: excerpt(unit.trim()),
    }
}

fn end_position(text: &str) -> Located {
    let trimmed = text.trim_end();
    let at = trimmed
        .char_indices()
        .next_back()
        .map(|(i, _)| i)
        .unwrap_or(0);
    let (line, col) = line_col(text, at);
    Located {
        line,
        col,
        excerpt: String::new(),
    }
}

/// The first 40 characters of a unit, on one line.
fn excerpt(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out: String = one_line.chars().take(40).collect();
    if one_line.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Byte offsets where units end: after each tag or comment and after each
/// line of text, never inside raw text. The last is `text.len()`.
pub fn unit_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut ends = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if text[pos..].starts_with("<!--") {
            pos = text[pos + 4..]
                .find("-->")
                .map(|i| pos + 4 + i + 3)
                .unwrap_or(bytes.len());
            ends.push(pos);
        } else if bytes[pos] == b'<'
            && bytes
                .get(pos + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
        {
            let close = tag_end(bytes, pos + 1);
            let name = tag_name(&text[pos + 1..close]);
            pos = close;
            ends.push(pos);
            if name == "plaintext" {
                break;
            }
            if RAW_TEXT.contains(&name.as_str()) {
                pos = find_ci(text, pos, &format!("</{name}")).unwrap_or(bytes.len());
            }
        } else {
            let rest = &bytes[pos..];
            match rest.iter().position(|&b| b == b'\n' || b == b'<') {
                Some(i) if rest[i] == b'\n' => {
                    pos += i + 1;
                    ends.push(pos);
                }
                Some(0) => {
                    // A '<' that opens no tag is text.
                    pos += 1;
                }
                Some(i) => {
                    pos += i;
                    ends.push(pos);
                }
                None => pos = bytes.len(),
            }
        }
    }
    if ends.last() != Some(&bytes.len()) {
        ends.push(bytes.len());
    }
    ends.retain(|&e| e > 0);
    ends.dedup();
    ends
}

/// Offset just after the `>` closing a tag whose body starts at `from`,
/// with quoted attribute values skipped.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut last = 0u8;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return i + 1,
            None if (b == b'"' || b == b'\'') && last == b'=' => quote = Some(b),
            None => {}
        }
        if quote.is_none() && !b.is_ascii_whitespace() {
            last = b;
        }
    }
    bytes.len()
}

/// Lower-cased name of a start tag (empty for end tags and declarations).
fn tag_name(body: &str) -> String {
    body.chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Case-insensitive search for an ASCII `needle` from `from`.
fn find_ci(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&i| hay[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Line starts of a text, for many position lookups in one text.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of byte offset `byte`.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(self.text, byte);
        let line = self.starts.partition_point(|&s| s <= byte);
        let start = self.starts[line - 1];
        (line, self.text[start..byte].chars().count() + 1)
    }
}

/// Finds attribute values in the source, in document order: each lookup
/// starts where the previous match ended and falls back to the whole text.
pub struct AttrFinder<'a> {
    text: &'a str,
    lines: LineIndex<'a>,
    cursor: usize,
}

impl<'a> AttrFinder<'a> {
    pub fn new(text: &'a str) -> Self {
        AttrFinder {
            text,
            lines: LineIndex::new(text),
            cursor: 0,
        }
    }

    /// Line and column of `value` as an attribute value, (0, 0) if not found.
    pub fn find(&mut self, value: &str) -> (usize, usize) {
        if value.is_empty() {
            return (0, 0);
        }
        let escaped = value.replace('&', "&amp;");
        for from in [self.cursor, 0] {
            for v in [value, escaped.as_str()] {
                if let Some(at) = self.find_from(from, v) {
                    self.cursor = at + v.len();
                    return self.lines.line_col(at);
                }
            }
        }
        (0, 0)
    }

    /// First occurrence of `v` at or after `from` that directly follows a
    /// quote or `=`.
    fn find_from(&self, from: usize, v: &str) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut start = from;
        while let Some(i) = self.text.get(start..)?.find(v) {
            let at = start + i;
            if at > 0 && matches!(bytes[at - 1], b'"' | b'\'' | b'=') {
                return Some(at);
            }
            start = at + v.len();
        }
        None
    }
}
