//! The per-item readers (targets, deadlines, indicator tables,
//! responsibility clauses) take any Unicode, however far from the genre,
//! and never panic: digits of other scripts (Arabic-Indic, Devanagari,
//! full-width, mathematical), unbalanced brackets and stray units are
//! read as text, not as numbers.

use gazette::parse::{deadlines, responsibility, table, targets};
use proptest::prelude::*;

/// Decimal digits of scripts other than ASCII: `\d` matches them all.
const OTHER_DIGITS: &[char] = &[
    '٣', '٠', '۴', '९', '১', '๕', '༣', '᠒', '５', '０', '𝟓', '𝟎', '𝟡', '߃', '꧕', '𑁦',
];

fn other_digits() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(OTHER_DIGITS), 1..6)
        .prop_map(|ds| ds.into_iter().collect())
}

/// Pieces of the genre and pieces that break it, to be concatenated.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("年".to_string()),
        Just("月".to_string()),
        Just("日前".to_string()),
        Just("底前".to_string()),
        Just("到".to_string()),
        Just("%".to_string()),
        Just("万家".to_string()),
        Just("亿元".to_string()),
        Just("—".to_string()),
        Just(".".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("（".to_string()),
        Just("）".to_string()),
        Just("〔".to_string()),
        Just("牵头单位:".to_string()),
        Just("配合单位：".to_string()),
        Just("省科技厅、省财政厅".to_string()),
        Just("按职责分工负责".to_string()),
        Just("2025".to_string()),
        Just("第三季度".to_string()),
        Just("。".to_string()),
        other_digits(),
        "[0-9]{1,12}",
        "\\PC{0,8}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..30).prop_map(|ps| ps.concat())
}

/// A table cell: a year column head, a number, a name, or anything.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        other_digits().prop_map(|d| format!("{d}年")),
        "[0-9]{4}年",
        "[0-9]{1,3}(\\.[0-9]{1,2})?",
        other_digits(),
        Just(String::new()),
        Just("预期性".to_string()),
        "\\PC{0,6}",
    ]
}

/// A line of a flattened indicator table: header words, values, names.
fn table_line() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("指标".to_string()),
        Just("属性".to_string()),
        Just("单位".to_string()),
        Just("(单位)".to_string()),
        Just("年均增长".to_string()),
        Just("[累计]".to_string()),
        "[0-9]{4}年",
        other_digits().prop_map(|d| format!("{d}年")),
        cell(),
    ];
    prop::collection::vec(token, 0..8).prop_map(|ts| ts.join(" "))
}

fn rows() -> impl Strategy<Value = Vec<Vec<String>>> {
    (1usize..6).prop_flat_map(|width| {
        prop::collection::vec(prop::collection::vec(cell(), width..=width), 0..6)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn targets_never_panic_and_point_into_the_text(t in text()) {
        for m in targets::extract(&t) {
            prop_assert!(t.get(m.range.clone()).is_some(), "{:?} in {:?}", m.range, t);
        }
    }

    #[test]
    fn deadlines_never_panic(t in text(), year in prop::option::of(1900i32..2200)) {
        for m in deadlines::extract_with_year(&t, year) {
            prop_assert!(t.get(m.range.clone()).is_some(), "{:?} in {:?}", m.range, t);
            prop_assert!(m.date.is_ascii() && m.date.len() == 10, "{}", m.date);
        }
    }

    #[test]
    fn table_targets_never_panic(rows in rows()) {
        let _ = table::targets(&rows);
    }

    #[test]
    fn table_detection_never_panics(lines in prop::collection::vec(table_line(), 1..6)) {
        let numbered: Vec<(usize, &str)> =
            lines.iter().enumerate().map(|(i, l)| (i + 1, l.as_str())).collect();
        if let Some(t) = table::detect(&numbered) {
            let _ = table::targets(&t.rows);
        }
    }

    #[test]
    fn responsibility_never_panics(t in text()) {
        let convention = responsibility::detect_convention(&t);
        let _ = responsibility::extract(&t, convention);
    }
}

/// Other-script digits are not numbers: a year or a value printed with
/// them is not read (and does not panic).
#[test]
fn other_script_digits_are_not_numbers() {
    for d in ["٢٠٢٥", "२०२५", "𝟐𝟎𝟐𝟓", "৲০২৫"] {
        let text = format!("到{d}年底前,高新技术企业突破{d}家,增长{d}%。");
        assert!(
            deadlines::extract_with_year(&text, None).is_empty(),
            "{text}"
        );
        assert!(targets::extract(&text).is_empty(), "{text}");
        let rows = vec![
            vec!["指标".to_string(), format!("{d}年"), "属性".to_string()],
            vec![
                "研发投入".to_string(),
                "3".to_string(),
                "预期性".to_string(),
            ],
        ];
        assert!(table::targets(&rows).is_empty(), "{text}");
    }
    // Full-width digits are folded and read.
    let text = "到２０２５年底前,高新技术企业突破３.８万家。";
    assert_eq!(deadlines::extract(text)[0].date, "2025-12-31");
    assert!(!targets::extract(text).is_empty());
}
