//! Any input, however broken, gives a result and never a panic.

use gazette::parse::segment::{ParseTables, parse_seed};
use proptest::prelude::*;

fn genre_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("一、".to_string()),
        Just("(一)".to_string()),
        Just("1.".to_string()),
        Just("第一章 ".to_string()),
        Just("。".to_string()),
        Just("(牵头单位:省科技厅;配合单位:省财政厅)".to_string()),
        Just("国办发〔2024〕21号".to_string()),
        Just("2025年突破3.8万家".to_string()),
        Just("\n".to_string()),
        Just("  • ".to_string()),
        Just("指标 (单位) 2020年 2025年 属性\n".to_string()),
        Just("关于印发《某某行动计划》的通知".to_string()),
        "[\\p{Han}]{0,6}",
        // Digits of other scripts, which `\d` would match.
        "[٠-٩०-९０-９𝟎-𝟗]{1,4}(年|月|%|万家)?",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn parsing_never_panics(pieces in prop::collection::vec(genre_piece(), 0..40)) {
        let text: String = pieces.concat();
        let parsed = parse_seed("seeds/x.txt", &text, &ParseTables::builtin());
        for d in &parsed.docs {
            prop_assert!(!d.title.is_empty());
        }
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let d = gazette::load::decode::decode(&bytes, "seeds/x.txt");
        let _ = parse_seed("seeds/x.txt", &d.text, &ParseTables::builtin());
    }
}
