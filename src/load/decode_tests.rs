//! Tests of `decode`: real excerpts of the seeds and invented inputs of the genre.

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
        assert!(
            d.refused || len < 100,
            "{len} bytes of noise read as a text"
        );
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
        if d.refused {
            // One error, nothing else, no text.
            proptest::prop_assert!(d.text.is_empty());
            proptest::prop_assert_eq!(d.diagnostics.len(), 1);
            proptest::prop_assert_eq!(d.diagnostics[0].severity, crate::diag::Severity::Error);
        } else {
            let replaced = d.text.matches('\u{FFFD}').count();
            let literal = bytes.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]);
            if !literal {
                proptest::prop_assert_eq!(replaced > 0, !d.diagnostics.is_empty());
            }
        }
    }
}

/// Deterministic noise (xorshift).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

const NOTICE: &str = "山东省人民政府关于印发数字经济行动计划的通知\n鲁政发〔2024〕4号\n各市人民政府,省政府各部门:\n现将《数字经济行动计划》印发给你们,请认真贯彻落实。\n一、总体要求\n到2025年,数字经济核心产业增加值占比达到10%。\n";

#[test]
fn random_bytes_are_refused_with_one_error() {
    let d = decode(&noise(200_000, 7), "seeds/blob.txt");
    assert!(d.refused);
    assert!(d.text.is_empty());
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    let e = &d.diagnostics[0];
    assert_eq!(e.severity, crate::diag::Severity::Error);
    assert!(e.line >= 1 && e.col >= 1);
    assert!(
        e.message.starts_with("not a text file: ") && e.message.contains("save it as UTF-8"),
        "{}",
        e.message
    );
}

#[test]
fn nul_bytes_refuse_a_text_and_point_at_the_first() {
    let mut bytes = NOTICE.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 4096)); // a crash's zero-filled tail
    let d = decode(&bytes, "seeds/cut.txt");
    assert!(d.refused);
    let e = &d.diagnostics[0];
    assert_eq!((e.line, e.col), (7, 1), "{e}");
    // A single NUL in a long text is a damaged place, not a binary file.
    let mut one = NOTICE.repeat(3).into_bytes();
    one.insert(10, 0);
    assert!(!decode(&one, "seeds/one.txt").refused);
}

#[test]
fn utf8_read_as_utf16_is_refused() {
    // A UTF-16LE byte-order mark in front of UTF-8 bytes: the mark
    // decides, and what it reads is not a text.
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend_from_slice(NOTICE.as_bytes());
    let d = decode(&bytes, "seeds/bom.txt");
    assert!(d.refused, "{:?}", d.text);
    assert_eq!(d.encoding, "UTF-16LE");
    assert!(
        d.diagnostics[0]
            .message
            .contains("(read as UTF-16LE, by its byte-order mark)"),
        "{}",
        d.diagnostics[0].message
    );
}

#[test]
fn mojibake_in_latin_letters_is_refused() {
    // GBK bytes read as KOI8-R, a single-byte encoding that decodes any byte.
    let gbk = encoding_rs::GBK.encode(NOTICE).0.into_owned();
    let text = encoding_rs::KOI8_R.decode_without_bom_handling(&gbk).0;
    let census = Census::of(&text);
    assert!(
        matches!(census.verdict(), Verdict::WrongScripts { .. }),
        "{census:?}"
    );
}

#[test]
fn utf16_without_bom_and_hardly_any_ascii() {
    let text = NOTICE.repeat(3);
    for (le, enc) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
        let d = decode(&bytes, "seeds/u16.txt");
        assert_eq!(
            (d.encoding.as_str(), d.detected, d.refused),
            (enc, true, false)
        );
        assert_eq!(d.text, text);
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    }
}

#[test]
fn a_gbk_paragraph_in_a_utf8_file_is_read_as_gbk() {
    let mut bytes = NOTICE.repeat(4).into_bytes();
    let pasted = "二、重点任务\n(一)加快建设数字基础设施。\n";
    bytes.extend_from_slice(&encoding_rs::GBK.encode(pasted).0);
    bytes.extend_from_slice("三、保障措施\n".as_bytes());
    let d = decode(&bytes, "seeds/mixed.txt");
    assert_eq!(d.encoding, "UTF-8");
    assert!(!d.refused);
    assert_eq!(
        d.text,
        format!("{}{pasted}三、保障措施\n", NOTICE.repeat(4))
    );
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    let w = &d.diagnostics[0];
    assert_eq!((w.line, w.col), (25, 1));
    assert_eq!(
        w.message,
        "lines 25–26 are in GBK, the rest of the file in UTF-8: read as GBK; save the whole file in one encoding (UTF-8)"
    );
}

#[test]
fn utf8_lines_in_a_gbk_file_are_read_as_utf8() {
    let mut bytes = encoding_rs::GBK.encode(&NOTICE.repeat(2)).0.into_owned();
    bytes.extend_from_slice("二、重点任务\n".as_bytes());
    bytes.extend_from_slice(&encoding_rs::GBK.encode("三、保障措施\n").0);
    let d = decode(&bytes, "seeds/mixed.txt");
    assert_eq!(d.encoding, "GBK");
    assert_eq!(
        d.text,
        format!("{}二、重点任务\n三、保障措施\n", NOTICE.repeat(2))
    );
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].line, 13);
    assert!(
        d.diagnostics[0]
            .message
            .starts_with("line 13 is in UTF-8, the rest of the file in GBK")
    );
}

#[test]
fn a_damaged_utf8_line_stays_utf8() {
    // Many valid characters and one cut one: damaged UTF-8, not GBK.
    let mut bytes = NOTICE.as_bytes().to_vec();
    bytes.extend_from_slice(&"数字经济".as_bytes()[..4]);
    bytes.extend_from_slice("核心产业发展。\n".as_bytes());
    let d = decode(&bytes, "seeds/cut.txt");
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.ends_with("数\u{FFFD}核心产业发展。\n"), "{}", d.text);
    assert_eq!(d.diagnostics.len(), 1);
}
