//! Decoding raw seed bytes: UTF-8 with or without BOM, UTF-16 with BOM,
//! GB18030/GBK and other legacy encodings (detected with chardetng,
//! decoded with encoding_rs), CRLF and CR line ends normalised to LF.
//! Undecodable bytes become U+FFFD and a diagnostic naming the file and
//! the byte offset: never a panic, never silent loss.
//!
//! How the encoding is chosen:
//!
//! 1. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides, and is removed.
//! 2. Many zero bytes at odd (even) positions only: UTF-16LE (BE) with
//!    no BOM, marked as detected.
//! 3. Bytes that are valid UTF-8 are UTF-8.
//! 4. Bytes that are *mostly* UTF-8 (at least [`UTF8_MIN_GOOD_PER_BAD`]
//!    valid multi-byte sequences per malformed one) are UTF-8 with a few
//!    damaged places, e.g. a file cut in the middle of a character: legacy
//!    CJK bytes almost never form valid UTF-8 sequences by chance.
//! 5. Otherwise chardetng guesses (UTF-8 allowed, no TLD hint); when it
//!    names a non-CJK encoding but GBK or Big5 reads the bytes as mostly
//!    Han characters with few errors, that one is used instead.
//!
//! Each run of undecodable bytes gives one warning with its line:col in the
//! decoded text and its byte offset in the original file. After
//! [`MAX_RUN_DIAGNOSTICS`] runs the rest are summed up in one more
//! warning, so that a binary file does not flood the report. When more
//! than [`HIGH_ERROR_RATE`] of the characters are replacements the guess
//! is probably wrong and a further warning says so.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_8};

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
    let (encoding, bom_len, detected) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len, false),
        None => {
            let (good, bad) = utf8_sequences(bytes);
            if let Some(enc) = utf16_without_bom(bytes) {
                (enc, 0, true)
            } else if bad == 0 {
                (UTF_8, 0, false)
            } else if good >= bad.saturating_mul(UTF8_MIN_GOOD_PER_BAD) {
                (UTF_8, 0, true)
            } else {
                (guess_legacy(bytes), 0, true)
            }
        }
    };
    let body = &bytes[bom_len..];
    let (raw, runs, replaced) = decode_tracking(encoding, body);

    let mut diagnostics = Vec::new();
    let positions: Vec<usize> = runs.iter().map(|r| r.out_offset).collect();
    let line_cols = line_cols_raw(&raw, &positions);
    for (run, (line, col)) in runs.iter().zip(&line_cols).take(MAX_RUN_DIAGNOSTICS) {
        let start = run.in_offset + bom_len;
        diagnostics.push(Diagnostic::warning(
            path,
            *line,
            *col,
            format!(
                "undecodable bytes as {} at byte offset {} ({}) replaced with U+FFFD",
                encoding.name(),
                start,
                hex_bytes(&body[run.in_offset..run.in_offset + run.len]),
            ),
        ));
    }
    if runs.len() > MAX_RUN_DIAGNOSTICS {
        let rest = &runs[MAX_RUN_DIAGNOSTICS..];
        let bytes_rest: usize = rest.iter().map(|r| r.len).sum();
        let (line, col) = line_cols[MAX_RUN_DIAGNOSTICS];
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
    let chars = raw.chars().count().max(1);
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
        diagnostics,
    }
}

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
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
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
struct BadRun {
    /// Byte offset in the input (after any BOM).
    in_offset: usize,
    /// Number of bytes.
    len: usize,
    /// Byte offset of its first U+FFFD in the decoded (not yet normalised) text.
    out_offset: usize,
}

/// Decodes `input` with replacement, returning the text, the malformed
/// runs and the number of U+FFFD inserted.
fn decode_tracking(encoding: &'static Encoding, input: &[u8]) -> (String, Vec<BadRun>, usize) {
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
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
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
