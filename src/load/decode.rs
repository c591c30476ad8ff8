//! Decoding raw seed bytes: UTF-8 with or without BOM, UTF-16 with or
//! without BOM, GB18030/GBK and other legacy encodings (detected with
//! chardetng, decoded with encoding_rs), CRLF and CR line ends normalised
//! to LF. Undecodable bytes become U+FFFD and a diagnostic naming the file
//! and the byte offset: never a panic, never silent loss. Bytes that do
//! not decode to a text at all are refused (see below).
//!
//! How the encoding is chosen:
//!
//! 1. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides, and is removed.
//! 2. Many zero bytes at odd (even) positions only: UTF-16LE (BE) with
//!    no BOM, marked as detected.
//! 3. Bytes that are valid UTF-8 are UTF-8.
//! 4. Bytes that are *mostly* UTF-8 are UTF-8 with a few damaged places
//!    (e.g. a file cut in the middle of a character), and maybe some lines
//!    in another encoding: counted line by line, the lines that look like
//!    UTF-8 (no fewer valid multi-byte sequences than malformed ones) have
//!    at least [`UTF8_MIN_GOOD_PER_BAD`] valid sequences per malformed
//!    one, and more valid sequences than the other lines have malformed
//!    ones. Legacy CJK bytes almost never form valid UTF-8 by chance.
//! 5. Bytes that read as clean Chinese in UTF-16LE or BE (a Chinese text
//!    has too few ASCII characters for the zero bytes of step 2) are that.
//! 6. Otherwise chardetng guesses (UTF-8 allowed, no TLD hint); when it
//!    names a non-CJK encoding but GBK or Big5 reads the bytes as mostly
//!    Han characters with few errors, that one is used instead.
//!
//! A file in two encodings (lines pasted from a GBK file into a UTF-8 one,
//! or the other way round) is read line by line, see [`super::mixed`].
//!
//! The decoded text is then judged ([`super::plausible`]): when too many
//! of its characters are control characters, NUL bytes, U+FFFD or
//! private-use characters (a binary file), or letters of scripts a policy
//! text does not use (a wrong guess of encoding), the file is refused:
//! [`Decoded::refused`] is set, the text is empty, and one error says
//! where the first wrong character is and what to do.
//!
//! Each run of undecodable bytes gives one warning with its line:col in the
//! decoded text and its byte offset in the original file. After
//! [`MAX_RUN_DIAGNOSTICS`] runs the rest are summed up in one more
//! warning, so that a binary file does not flood the report. When more
//! than [`HIGH_ERROR_RATE`] of the characters are replacements the guess
//! is probably wrong and a further warning says so.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_8};

use super::mixed::{self, Segment};
use super::plausible::{Census, Verdict};
use crate::diag::Diagnostic;

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with LF line ends and no BOM.
    pub text: String,
    /// The encoding used, by its WHATWG name (UTF-8, GBK, gb18030, …).
    pub encoding: String,
    /// True when a byte-order mark was present (and removed).
    pub bom: bool,
    /// True when the encoding was guessed rather than declared by a BOM or valid UTF-8.
    pub detected: bool,
    /// True when the bytes are not a text (binary, or no encoding reads
    /// them as one): `text` is empty and `diagnostics` holds one error.
    pub refused: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// Valid multi-byte UTF-8 sequences needed per malformed sequence for
/// invalid UTF-8 to be still read as (damaged) UTF-8.
pub const UTF8_MIN_GOOD_PER_BAD: usize = 20;

/// Malformed runs reported one by one; the rest are summed up.
pub const MAX_RUN_DIAGNOSTICS: usize = 20;

/// Share of replacement characters above which the encoding is said to be
/// probably wrong.
pub const HIGH_ERROR_RATE: f64 = 0.01;

/// Replacement characters needed before the error rate is judged at all.
pub const HIGH_ERROR_MIN: usize = 8;

/// Decodes `bytes` read from `path` (used only in diagnostics).
pub fn decode(bytes: &[u8], path: &str) -> Decoded {
    let (encoding, bom_len, detected) = choose(bytes);
    let body = &bytes[bom_len..];
    let mut segments = if bom_len == 0 {
        mixed::segments(body, encoding)
    } else {
        vec![Segment::whole(body, encoding)]
    };
    let (raw, runs, replaced) = decode_segments(&mut segments, body);
    let census = Census::of(&raw);
    let how = if bom_len > 0 {
        ", by its byte-order mark"
    } else if detected {
        ", guessed"
    } else {
        ""
    };
    if let Some(error) = refusal(&census, &raw, path, encoding, how) {
        return Decoded {
            text: String::new(),
            encoding: encoding.name().to_string(),
            bom: bom_len > 0,
            detected,
            refused: true,
            diagnostics: vec![error],
        };
    }

    let mut diagnostics = Vec::new();
    let mut positions: Vec<usize> = runs.iter().map(|r| r.out_offset).collect();
    let others: Vec<&Segment> = segments.iter().filter(|s| s.encoding != encoding).collect();
    positions.extend(others.iter().map(|s| s.out.start));
    positions.extend(others.iter().map(|s| s.out.end.saturating_sub(1)));
    positions.sort_unstable();
    let line_cols = line_cols_raw(&raw, &positions);
    let at = |offset: usize| line_cols[positions.partition_point(|&p| p < offset)];
    diagnostics.extend(mixed::diagnostics(path, encoding, &others, at));
    for run in runs.iter().take(MAX_RUN_DIAGNOSTICS) {
        let start = run.in_offset + bom_len;
        let (line, col) = at(run.out_offset);
        diagnostics.push(Diagnostic::warning(
            path,
            line,
            col,
            format!(
                "undecodable bytes as {} at byte offset {} ({}) replaced with U+FFFD",
                run.encoding.name(),
                start,
                hex_bytes(&body[run.in_offset..run.in_offset + run.len]),
            ),
        ));
    }
    if runs.len() > MAX_RUN_DIAGNOSTICS {
        let rest = &runs[MAX_RUN_DIAGNOSTICS..];
        let bytes_rest: usize = rest.iter().map(|r| r.len).sum();
        let (line, col) = at(rest[0].out_offset);
        diagnostics.push(Diagnostic::warning(
            path,
            line,
            col,
            format!(
                "{} more runs of undecodable bytes ({} bytes, first at byte offset {}) replaced with U+FFFD",
                rest.len(),
                bytes_rest,
                rest[0].in_offset + bom_len,
            ),
        ));
    }
    let chars = census.chars.max(1);
    if replaced >= HIGH_ERROR_MIN && replaced as f64 / chars as f64 > HIGH_ERROR_RATE {
        diagnostics.push(Diagnostic::warning(
            path,
            0,
            0,
            format!(
                "{} of {} characters could not be decoded as {}{}: the encoding may be wrong",
                replaced,
                chars,
                encoding.name(),
                if detected { " (guessed)" } else { "" },
            ),
        ));
    }

    Decoded {
        text: normalize_newlines(&raw),
        encoding: encoding.name().to_string(),
        bom: bom_len > 0,
        detected,
        refused: false,
        diagnostics,
    }
}

/// The encoding of `bytes`, the length of its byte-order mark, and
/// whether it was guessed (steps 1–6 above).
fn choose(bytes: &[u8]) -> (&'static Encoding, usize, bool) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (enc, len, false);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return (enc, 0, true);
    }
    let lines = mixed::Utf8Lines::of(bytes);
    if lines.bad == 0 && lines.other_bad == 0 {
        (UTF_8, 0, false)
    } else if lines.good >= lines.bad.saturating_mul(UTF8_MIN_GOOD_PER_BAD)
        && lines.good > lines.other_bad
    {
        (UTF_8, 0, true)
    } else if let Some(enc) = utf16_chinese(bytes) {
        (enc, 0, true)
    } else {
        (guess_legacy(bytes), 0, true)
    }
}

/// The error refusing a text whose characters say it is not one (see
/// [`super::plausible`]), or `None`; `how` says how the encoding was
/// chosen.
fn refusal(
    census: &Census,
    raw: &str,
    path: &str,
    encoding: &'static Encoding,
    how: &str,
) -> Option<Diagnostic> {
    let percent = |n: usize| (n * 100).div_ceil(census.chars.max(1));
    let (first, message) = match census.verdict() {
        Verdict::Text => return None,
        Verdict::NotText { first } => (
            first,
            format!(
                "not a text file: {} of its {} characters ({}%) are control characters, NUL bytes or undecodable bytes (read as {}{}), the first one here; nothing from it is imported. If it is a text, save it as UTF-8; if not, move it out of the seeds folder (or rename it to start with `_`)",
                census.bad,
                census.chars,
                percent(census.bad),
                encoding.name(),
                how
            ),
        ),
        Verdict::WrongScripts { first } => (
            first,
            format!(
                "does not read as a policy text: {} of its {} characters ({}%) are letters of scripts other than Chinese and Latin (read as {}{}), the first one here: the encoding is probably wrong; nothing from it is imported. Save it as UTF-8 (or UTF-16 with a byte-order mark)",
                census.foreign,
                census.chars,
                percent(census.foreign),
                encoding.name(),
                how
            ),
        ),
    };
    let (line, col) = line_cols_raw(raw, &[first])[0];
    Some(Diagnostic::error(path, line, col, message))
}

/// UTF-16LE or BE with no BOM and too few ASCII characters for their
/// zero bytes to tell: the one that reads as clean Chinese, if one does.
/// Judged on the first [`UTF16_SAMPLE`] bytes.
fn utf16_chinese(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|enc| {
            let (text, _, errors) = decode_tracking(enc, sample);
            errors == 0 && Census::of(&text).clean_chinese()
        })
}

/// Bytes judged when trying UTF-16 on a file with no BOM.
const UTF16_SAMPLE: usize = 1 << 16;

/// UTF-16 with no BOM, recognised by its zero bytes: text files have no
/// NUL characters, but UTF-16 of ASCII has a zero in every other byte.
/// LE when at least a quarter of the odd bytes are zero and almost none of
/// the even ones (BE the other way round).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 4 >= pairs && even * 20 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 4 >= pairs && odd * 20 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The legacy encoding of `bytes` (not valid UTF-8): chardetng's guess,
/// unless that is not a CJK encoding while GBK (gb18030) or Big5 reads the
/// bytes as mostly Han characters with few errors. chardetng rules out an
/// encoding at its first malformed sequence, so a GBK file cut in the
/// middle of a character would otherwise come out as windows-1252.
pub(super) fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, Utf8Detection::Allow);
    let cjk = [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ];
    if cjk.contains(&guess) {
        return guess;
    }
    let mut best: Option<(&'static Encoding, usize)> = None;
    for enc in [encoding_rs::GBK, encoding_rs::BIG5] {
        let (text, _, errors) = decode_tracking(enc, bytes);
        let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
        let han = text
            .chars()
            .filter(|&c| crate::parse::text::is_han(c))
            .count();
        let plausible =
            han > 0 && han * 2 >= non_ascii && han >= errors.saturating_mul(UTF8_MIN_GOOD_PER_BAD);
        if plausible && best.is_none_or(|(_, e)| errors < e) {
            best = Some((enc, errors));
        }
    }
    best.map_or(guess, |(enc, _)| enc)
}

/// One run of malformed input: adjacent malformed sequences with no
/// decoded character between them.
#[derive(Debug, Clone, Copy)]
pub(super) struct BadRun {
    /// Byte offset in the input (after any BOM).
    in_offset: usize,
    /// Number of bytes.
    len: usize,
    /// Byte offset of its first U+FFFD in the decoded (not yet normalised) text.
    out_offset: usize,
    /// The encoding the bytes were read in.
    encoding: &'static Encoding,
}

/// Decodes the segments of `body`, each in its encoding, into one text;
/// fills in each segment's range in the text.
fn decode_segments(segments: &mut [Segment], body: &[u8]) -> (String, Vec<BadRun>, usize) {
    let mut out = String::new();
    let mut runs = Vec::new();
    let mut replaced = 0;
    for seg in segments.iter_mut() {
        let (text, seg_runs, n) = decode_tracking(seg.encoding, &body[seg.range.clone()]);
        let base = out.len();
        runs.extend(seg_runs.into_iter().map(|r| BadRun {
            in_offset: r.in_offset + seg.range.start,
            out_offset: r.out_offset + base,
            ..r
        }));
        replaced += n;
        if out.is_empty() {
            out = text;
        } else {
            out.push_str(&text);
        }
        seg.out = base..out.len();
    }
    (out, runs, replaced)
}

/// Decodes `input` with replacement, returning the text, the malformed
/// runs and the number of U+FFFD inserted.
pub(super) fn decode_tracking(
    encoding: &'static Encoding,
    input: &[u8],
) -> (String, Vec<BadRun>, usize) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(input.len())
            .unwrap_or(input.len().saturating_mul(3))
            .saturating_add(16),
    );
    let mut runs: Vec<BadRun> = Vec::new();
    let mut replaced = 0;
    let mut pos = 0;
    let mut last_out_end = usize::MAX;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&input[pos..], &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(input.len() - pos)
                    .unwrap_or(1024)
                    .max(16);
                out.reserve(more);
            }
            DecoderResult::Malformed(bad, after) => {
                let end = pos - after as usize;
                let start = end.saturating_sub(bad as usize);
                let out_offset = out.len();
                match runs.last_mut() {
                    // Nothing decoded since the previous run: extend it.
                    Some(last)
                        if last.in_offset + last.len == start && out_offset == last_out_end =>
                    {
                        last.len = end - last.in_offset;
                    }
                    _ => runs.push(BadRun {
                        in_offset: start,
                        len: end - start,
                        out_offset,
                        encoding,
                    }),
                }
                out.push('\u{FFFD}');
                last_out_end = out.len();
                replaced += 1;
            }
        }
    }
    (out, runs, replaced)
}

/// Counts valid multi-byte UTF-8 sequences and malformed sequences.
pub(super) fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let mut good = 0;
    let mut bad = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                return (good, bad);
            }
            Err(e) => {
                let valid = e.valid_up_to();
                good += std::str::from_utf8(&bytes[..valid])
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(bytes.len() - valid);
                bytes = &bytes[valid + skip.max(1)..];
                if bytes.is_empty() {
                    return (good, bad);
                }
            }
        }
    }
}

/// 1-based (line, column) of each byte offset in `text`, counting `\r\n`,
/// `\r` and `\n` as one line break each (as after normalisation), columns
/// in characters. `offsets` must be ascending.
fn line_cols_raw(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut result = Vec::with_capacity(offsets.len());
    let mut line = 1;
    let mut col = 1;
    let mut next = offsets.iter().peekable();
    let mut prev_cr = false;
    for (i, c) in text.char_indices() {
        while let Some(&&o) = next.peek() {
            if o <= i {
                result.push((line, col));
                next.next();
            } else {
                break;
            }
        }
        if next.peek().is_none() {
            break;
        }
        match c {
            '\n' if prev_cr => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
        prev_cr = c == '\r';
    }
    while result.len() < offsets.len() {
        result.push((line, col));
    }
    result
}

/// CRLF and lone CR become LF.
fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// `0xFF 0xFE`, at most 8 bytes then `…`.
fn hex_bytes(bytes: &[u8]) -> String {
    let mut parts: Vec<String> = bytes.iter().take(8).map(|b| format!("0x{b:02X}")).collect();
    if bytes.len() > 8 {
        parts.push(format!("… {} bytes", bytes.len()));
    }
    parts.join(" ")
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
