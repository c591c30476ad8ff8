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
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encoding");
    const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
    }

    #[test]
    fn plain_utf8_is_utf8() {
        let d = decode("鲁政发〔2024〕4号\n".as_bytes(), "a.txt");
        assert_eq!(d.text, "鲁政发〔2024〕4号\n");
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.bom && !d.detected);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn empty_and_ascii() {
        let d = decode(b"", "e.txt");
        assert_eq!(d.text, "");
        assert!(d.diagnostics.is_empty());
        let d = decode(b"abc\r\ndef\rghi", "e.txt");
        assert_eq!(d.text, "abc\ndef\nghi");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("国办发〔2024〕21号\r\n".as_bytes());
        let d = decode(&bytes, "bom.txt");
        assert_eq!(d.text, "国办发〔2024〕21号\n");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.bom && !d.detected);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn utf16le_and_be_with_bom() {
        let text = "关于加快数字经济高质量发展的意见\r\n一、总体要求\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le, "le.txt");
        assert_eq!(d.text, "关于加快数字经济高质量发展的意见\n一、总体要求\n");
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.bom && d.diagnostics.is_empty());
        let d = decode(&be, "be.txt");
        assert_eq!(d.text, "关于加快数字经济高质量发展的意见\n一、总体要求\n");
        assert_eq!(d.encoding, "UTF-16BE");
        // A dangling odd byte is reported, offset counted from the file start.
        le.push(0x41);
        let d = decode(&le, "le.txt");
        assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
        let offset = le.len() - 1;
        assert!(
            d.diagnostics[0]
                .message
                .contains(&format!("byte offset {offset} (0x41)")),
            "{}",
            d.diagnostics[0].message
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let text = "Policy 2024: 数字经济 (digital economy)\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&le, "le.txt");
        assert_eq!(
            (d.encoding.as_str(), d.detected, d.bom),
            ("UTF-16LE", true, false)
        );
        assert_eq!(d.text, text);
        let d = decode(&be, "be.txt");
        assert_eq!(d.encoding, "UTF-16BE");
        assert_eq!(d.text, text);
    }

    #[test]
    fn gbk_fixture_with_crlf_is_detected() {
        let d = decode(&fixture("gbk_crlf.txt"), "gbk_crlf.txt");
        assert!(d.detected);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        assert!(!d.text.contains('\r'));
        assert!(d.text.starts_with(
            "山东省人民政府关于印发“十大创新”行动计划(2024—2025年)的通知\n各市人民政府，"
        ));
        assert!(d.text.contains("\n鲁政发〔2024〕4号\n"));
    }

    #[test]
    fn gbk_written_by_encoding_rs_round_trips() {
        let text = "山东省人民政府办公厅关于印发“十大创新”“十强产业”“十大扩需求”2022年行动计划的通知\n\
                    鲁政办字〔2022〕28号\n各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：";
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        let d = decode(&bytes, "g.txt");
        assert_eq!(d.text, text);
        assert!(d.detected);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn gb18030_fixture_with_four_byte_characters() {
        let d = decode(&fixture("gb18030.txt"), "gb18030.txt");
        assert!(d.detected);
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        assert!(d.text.contains("䶮、𠮷、㐀"), "{}", d.text);
        assert!(d.text.contains("国办发〔2024〕21号"));
        assert!(d.text.contains('€'));
    }

    #[test]
    fn big5_fixture() {
        let d = decode(&fixture("big5.txt"), "big5.txt");
        assert_eq!(d.encoding, "Big5");
        assert!(d.detected);
        assert!(
            d.text
                .starts_with("中共山東省委 山東省人民政府關於加快數字經濟")
        );
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn truncated_utf8_sequence_is_reported_with_offset() {
        let good = "第一行\r\n第二行内容";
        let mut bytes = good.as_bytes().to_vec();
        // Cut 经 (E7 BB 8F) after two bytes, then go on.
        bytes.extend_from_slice(&[0xE7, 0xBB]);
        let offset = bytes.len() - 2;
        bytes.extend_from_slice("济发展。".repeat(10).as_bytes());
        let d = decode(&bytes, "cut.txt");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.detected);
        assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
        let diag = &d.diagnostics[0];
        assert_eq!((diag.path.as_str(), diag.line, diag.col), ("cut.txt", 2, 6));
        assert!(
            diag.message
                .contains(&format!("byte offset {offset} (0xE7 0xBB)")),
            "{}",
            diag.message
        );
        assert!(d.text.starts_with("第一行\n第二行内容\u{FFFD}济发展。"));
    }

    #[test]
    fn truncated_at_end_of_file() {
        let mut bytes = "数字经济".repeat(30).into_bytes();
        bytes.push(0xE6);
        let d = decode(&bytes, "end.txt");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.diagnostics.len(), 1);
        assert!(d.text.ends_with('\u{FFFD}'));
        assert!(
            d.diagnostics[0]
                .message
                .contains(&format!("byte offset {} (0xE6)", bytes.len() - 1))
        );
    }

    #[test]
    fn truncated_gbk_pair_is_reported() {
        let text = "各市人民政府，各县人民政府。".repeat(5);
        let mut bytes = encoding_rs::GBK.encode(&text).0.into_owned();
        let bytes_len = bytes.len();
        bytes.push(0xB8); // lead byte with nothing after it
        let d = decode(&bytes, "gbk.txt");
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
        assert!(
            d.diagnostics[0]
                .message
                .contains(&format!("byte offset {bytes_len} (0xB8)"))
        );
    }

    #[test]
    fn gbk_with_a_bad_byte_in_the_middle_stays_gbk() {
        let text = "省政府各部门、各直属机构：现将行动计划印发给你们。".repeat(4);
        let mut bytes = encoding_rs::GBK.encode(&text).0.into_owned();
        let at = 20;
        bytes.insert(at, 0xFF);
        let d = decode(&bytes, "gbk.txt");
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
        assert!(
            d.diagnostics[0]
                .message
                .contains(&format!("byte offset {at} (0xFF)"))
        );
        assert_eq!((d.diagnostics[0].line, d.diagnostics[0].col), (1, 11));
    }

    #[test]
    fn latin1_is_not_taken_for_gbk() {
        let bytes = encoding_rs::WINDOWS_1252
            .encode("Café crème à la française, déjà vu, naïve façade. Très élégant.")
            .0
            .into_owned();
        let d = decode(&bytes, "fr.txt");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.starts_with("Café crème"));
    }

    #[test]
    fn adjacent_bad_bytes_are_one_run() {
        let mut bytes = "政策文件".repeat(30).into_bytes();
        let at = bytes.len();
        bytes.extend_from_slice(&[0xFF, 0xFE, 0xFF]);
        bytes.extend_from_slice("正文".as_bytes());
        let d = decode(&bytes, "x.txt");
        assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
        assert!(
            d.diagnostics[0]
                .message
                .contains(&format!("byte offset {at} (0xFF 0xFE 0xFF)"))
        );
        // One U+FFFD per malformed sequence, as WHATWG decoders do.
        assert!(d.text.contains("\u{FFFD}\u{FFFD}\u{FFFD}正文"));
    }

    #[test]
    fn random_bytes_never_panic_and_are_reported() {
        // A small deterministic generator (xorshift) for reproducible noise.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..200 {
            let len = (round * 37) % 700;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                })
                .collect();
            let d = decode(&bytes, "noise.bin");
            assert!(!d.text.contains('\r'));
            let replaced = d.text.chars().filter(|&c| c == '\u{FFFD}').count();
            if replaced > 0 {
                assert!(!d.diagnostics.is_empty());
            }
            assert!(d.diagnostics.len() <= MAX_RUN_DIAGNOSTICS + 2);
        }
    }

    #[test]
    fn many_runs_are_summed_up() {
        let mut bytes = Vec::new();
        for _ in 0..100 {
            bytes.extend_from_slice("数字经济高质量发展，".repeat(5).as_bytes());
            bytes.push(0xFF);
        }
        let d = decode(&bytes, "many.txt");
        assert_eq!(d.encoding, "UTF-8");
        // The runs, their summary, and the error rate (100 of 5100 characters).
        assert_eq!(d.diagnostics.len(), MAX_RUN_DIAGNOSTICS + 2);
        assert!(
            d.diagnostics[MAX_RUN_DIAGNOSTICS]
                .message
                .starts_with("80 more runs")
        );
        assert!(
            d.diagnostics[MAX_RUN_DIAGNOSTICS + 1]
                .message
                .contains("may be wrong")
        );
    }

    #[test]
    fn real_seeds_are_clean_utf8() {
        let mut n = 0;
        for entry in std::fs::read_dir(SEEDS).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let d = decode(&bytes, &path.display().to_string());
            assert_eq!(d.encoding, "UTF-8", "{}", path.display());
            assert!(!d.detected, "{}", path.display());
            assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
            assert!(!d.text.contains('\r'));
            n += 1;
        }
        assert!(n >= 5);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let d = decode(&bytes, "p.bin");
            proptest::prop_assert!(!d.text.contains('\r'));
            let replaced = d.text.matches('\u{FFFD}').count();
            let literal = bytes.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]);
            if !literal {
                proptest::prop_assert_eq!(replaced > 0, !d.diagnostics.is_empty());
            }
        }
    }
}
