//! Files in two encodings: a GBK paragraph pasted into a UTF-8 file, or
//! UTF-8 lines added to a GBK one. Read as a whole, one of the two parts
//! becomes U+FFFD or mojibake; read line by line, each line in the
//! encoding it is in, both are kept, and a warning names the lines.
//!
//! Only encodings whose line ends are plain LF bytes are read line by
//! line (UTF-8 and the ASCII-compatible legacy ones, GBK, Big5 …; never
//! UTF-16). Which encoding a line is in:
//!
//! * in a file that is mostly UTF-8, a line with more malformed UTF-8
//!   sequences than valid multi-byte ones (a damaged UTF-8 line has a few
//!   malformed places among many valid characters) is read in the legacy
//!   encoding guessed from such lines, when that reads it with no error as
//!   clean Chinese;
//! * in a file in a legacy encoding, a line that is valid UTF-8 with at
//!   least [`MIN_UTF8_LINE_CHARS`] non-ASCII characters, all clean
//!   Chinese, is UTF-8 (legacy CJK bytes almost never form valid UTF-8 by
//!   chance, and never for long).

use encoding_rs::{Encoding, UTF_8};
use std::ops::Range;

use super::decode::{MAX_RUN_DIAGNOSTICS, decode_tracking, guess_legacy, utf8_sequences};
use super::plausible::Census;
use crate::diag::Diagnostic;

/// A stretch of a file's bytes read in one encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the file (after any BOM).
    pub range: Range<usize>,
    pub encoding: &'static Encoding,
    /// Byte range of its text in the decoded (not yet normalised) text,
    /// filled in when it is decoded.
    pub out: Range<usize>,
}

impl Segment {
    /// All of `body` in `encoding`.
    pub fn whole(body: &[u8], encoding: &'static Encoding) -> Segment {
        Segment {
            range: 0..body.len(),
            encoding,
            out: 0..0,
        }
    }
}

/// Non-ASCII characters a valid UTF-8 line of a legacy file needs to be
/// read as UTF-8.
pub const MIN_UTF8_LINE_CHARS: usize = 4;

/// Han characters a line of a UTF-8 file needs to be read in a legacy
/// encoding instead.
const MIN_LEGACY_LINE_HAN: usize = 2;

/// The segments of `body`, which `decode` chose to read as `main`: the
/// whole of it, or runs of lines in `main` and in one other encoding.
pub fn segments(body: &[u8], main: &'static Encoding) -> Vec<Segment> {
    let whole = vec![Segment::whole(body, main)];
    if !main.is_ascii_compatible() || std::str::from_utf8(body).is_ok() {
        return whole;
    }
    let lines = line_ranges(body);
    let mut picks = vec![main; lines.len()];
    if main == UTF_8 {
        let foreign: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let (good, bad) = utf8_sequences(&body[lines[i].clone()]);
                bad > 0 && good < bad
            })
            .collect();
        if foreign.is_empty() {
            return whole;
        }
        let sample: Vec<u8> = foreign
            .iter()
            .flat_map(|&i| body[lines[i].clone()].iter().copied())
            .collect();
        let legacy = guess_legacy(&sample);
        if legacy == UTF_8 || !legacy.is_ascii_compatible() {
            return whole;
        }
        for i in foreign {
            let (text, _, errors) = decode_tracking(legacy, &body[lines[i].clone()]);
            let census = Census::of(&text);
            if errors == 0 && census.clean_chinese() && census.cjk >= MIN_LEGACY_LINE_HAN {
                picks[i] = legacy;
            }
        }
    } else {
        for (i, r) in lines.iter().enumerate() {
            if let Ok(line) = std::str::from_utf8(&body[r.clone()])
                && line.chars().filter(|c| !c.is_ascii()).count() >= MIN_UTF8_LINE_CHARS
                && Census::of(line).clean_chinese()
            {
                picks[i] = UTF_8;
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (r, enc) in lines.into_iter().zip(picks) {
        match out.last_mut() {
            Some(last) if last.encoding == enc => last.range.end = r.end,
            _ => out.push(Segment {
                range: r,
                encoding: enc,
                out: 0..0,
            }),
        }
    }
    out
}

/// Valid multi-byte and malformed UTF-8 sequences, counted line by line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Utf8Lines {
    /// In the lines that look like UTF-8 (no more malformed sequences
    /// than valid multi-byte ones): valid multi-byte sequences …
    pub good: usize,
    /// … and malformed ones.
    pub bad: usize,
    /// Malformed sequences in the other lines.
    pub other_bad: usize,
}

impl Utf8Lines {
    pub fn of(body: &[u8]) -> Utf8Lines {
        let mut n = Utf8Lines::default();
        for r in line_ranges(body) {
            let (good, bad) = utf8_sequences(&body[r]);
            if bad > good {
                n.other_bad += bad;
            } else {
                n.good += good;
                n.bad += bad;
            }
        }
        n
    }
}

/// The byte ranges of the lines of `body`, each with its LF.
fn line_ranges(body: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in body.iter().enumerate() {
        if b == b'\n' {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < body.len() {
        out.push(start..body.len());
    }
    out
}

/// One warning per stretch of lines read in another encoding than the
/// file's `main` one; `at` gives the line and column of a byte offset of
/// the decoded text (the start and the last byte of each stretch).
pub fn diagnostics(
    path: &str,
    main: &'static Encoding,
    others: &[&Segment],
    at: impl Fn(usize) -> (usize, usize),
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for seg in others.iter().take(MAX_RUN_DIAGNOSTICS) {
        let (first, _) = at(seg.out.start);
        let (last, _) = at(seg.out.end.saturating_sub(1));
        let lines = if first == last {
            format!("line {first} is")
        } else {
            format!("lines {first}–{last} are")
        };
        out.push(Diagnostic::warning(
            path,
            first,
            1,
            format!(
                "{lines} in {}, the rest of the file in {}: read as {}; save the whole file in one encoding (UTF-8)",
                seg.encoding.name(),
                main.name(),
                seg.encoding.name(),
            ),
        ));
    }
    if others.len() > MAX_RUN_DIAGNOSTICS {
        let rest = &others[MAX_RUN_DIAGNOSTICS..];
        let (first, _) = at(rest[0].out.start);
        out.push(Diagnostic::warning(
            path,
            first,
            1,
            format!(
                "{} more stretches of lines in {} read as such",
                rest.len(),
                rest[0].encoding.name()
            ),
        ));
    }
    out
}
