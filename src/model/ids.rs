//! Stable, readable ASCII ids: from document numbers (国办发〔2024〕21号 →
//! guobanfa-2024-21) or word-aware pinyin of a name (科技研发创新 →
//! keji-yanfa-chuangxin), unique within their kind.
//!
//! Every id matches `^[a-z0-9][a-z0-9-]*$` with no doubled or trailing
//! hyphen. Chinese is segmented into words with jieba (its built-in
//! dictionary, no HMM, so the result depends only on the text) and each
//! word's syllables are written together in toneless pinyin (ü as `v`);
//! words, ASCII runs and numbers are separated by single hyphens.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use pinyin::ToPinyin;
use regex::Regex;

use crate::parse::text::{fold_width, is_han};

/// Longest slug, in ASCII characters.
pub const MAX_SLUG: usize = 60;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Loads the word segmenter's dictionary now (a tenth of a second), so
/// that a caller can do it on another thread while it does other work.
pub fn load_segmenter() {
    LazyLock::force(&JIEBA);
}

/// 国办发〔2024〕21号 and its bracket variants (after width folding).
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<issuer>.*?)\s*[\[〔【(]\s*(?P<year>[0-9]{4})\s*[\]〕】)]\s*第?\s*(?P<num>[0-9]+)\s*号$",
    )
    .expect("valid regex")
});

/// 财政部 税务总局公告2024年第3号, 国务院令第732号.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<issuer>.*?)\s*(?P<kind>公告|通告|令)\s*(?:(?P<year>[0-9]{4})\s*年\s*)?第\s*(?P<num>[0-9]+)\s*号$",
    )
    .expect("valid regex")
});

/// A slug of `text`: lowercase ASCII letters, digits and single hyphens,
/// Chinese romanised as pinyin word by word; never empty (`x` at worst).
/// Cut at a word boundary to at most [`MAX_SLUG`] characters.
pub fn slug(text: &str) -> String {
    let folded = fold_width(text);
    let mut words: Vec<String> = Vec::new();
    for token in JIEBA.cut(&folded, false) {
        let mut word = String::new();
        for c in token.word.chars() {
            if han_like(c) {
                // A Han character inside a word: its syllable, no separator.
                if word.chars().last().is_some_and(|l| l.is_ascii_digit()) {
                    flush(&mut word, &mut words);
                }
                romanise(c, &mut word);
            } else if c.is_ascii_alphanumeric() {
                if word
                    .chars()
                    .last()
                    .is_some_and(|l| l.is_ascii_digit() != c.is_ascii_digit())
                    && token.word.chars().any(han_like)
                {
                    // 2024年 → 2024-nian: numbers stay apart from syllables.
                    flush(&mut word, &mut words);
                }
                word.push(c.to_ascii_lowercase());
            } else {
                flush(&mut word, &mut words);
            }
        }
        flush(&mut word, &mut words);
    }
    join_limited(&words)
}

/// The id of a document number, e.g. 国办发〔2024〕21号 → guobanfa-2024-21,
/// 财政部 税务总局公告2024年第3号 → caizhengbu-shuiwuzongju-gonggao-2024-3.
/// The issuer abbreviation is one word (its syllables joined); several
/// issuers separated by spaces or 、 are several words. The number loses
/// leading zeros. A string that is not a document number gets its [`slug`].
pub fn doc_number_id(doc_number: &str) -> String {
    let folded = fold_width(doc_number.trim());
    let folded = folded.trim();
    if let Some(m) = BRACKETED.captures(folded) {
        let mut words = issuer_words(&m["issuer"]);
        words.push(m["year"].to_string());
        words.push(number(&m["num"]));
        return join_limited(&words);
    }
    if let Some(m) = NUMBERED.captures(folded) {
        let mut words = issuer_words(&m["issuer"]);
        words.push(one_word(&m["kind"]));
        if let Some(year) = m.name("year") {
            words.push(year.as_str().to_string());
        }
        words.push(number(&m["num"]));
        return join_limited(&words);
    }
    slug(doc_number)
}

/// `base`, or `base-2`, `base-3` … whichever is not taken yet; records it.
/// Past the first few suffixes the next free one is found by doubling and
/// halving (the suffixes `unique` hands out run on without gaps), so that
/// ten thousand items with the same base take no quadratic time.
pub fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    const LINEAR: usize = 16;
    let with = |n: usize| format!("{base}-{n}");
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) && n <= LINEAR {
        id = with(n);
        n += 1;
    }
    if taken.contains(&id) {
        // `base-{lo}` is taken; find a free `base-{hi}`, then close in.
        let (mut lo, mut hi) = (LINEAR, LINEAR * 2);
        while taken.contains(&with(hi)) {
            lo = hi;
            hi *= 2;
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if taken.contains(&with(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        id = with(hi);
    }
    taken.insert(id.clone());
    id
}

/// Issuers separated by spaces, 、 or commas, each one word.
fn issuer_words(issuer: &str) -> Vec<String> {
    issuer
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | '/'))
        .map(one_word)
        .filter(|w| !w.is_empty())
        .collect()
}

/// All Han characters and ASCII alphanumerics of `s` as one word.
fn one_word(s: &str) -> String {
    let mut word = String::new();
    for c in s.chars() {
        if han_like(c) {
            romanise(c, &mut word);
        } else if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
    }
    word
}

/// `0021` → `21`.
fn number(digits: &str) -> String {
    let t = digits.trim_start_matches('0');
    if t.is_empty() { "0".into() } else { t.into() }
}

/// Appends the toneless pinyin of `c` (ü as v), or `u` and its code point
/// in hex when the character has no reading.
fn romanise(c: char, out: &mut String) {
    match c.to_pinyin() {
        Some(p) => {
            for ch in p.plain().chars() {
                match ch {
                    'ü' => out.push('v'),
                    ch if ch.is_ascii_alphanumeric() => out.push(ch.to_ascii_lowercase()),
                    _ => {}
                }
            }
        }
        None => out.push_str(&format!("u{:x}", c as u32)),
    }
}

/// A Han character, including the supplementary-plane extensions.
fn han_like(c: char) -> bool {
    is_han(c) || ('\u{20000}'..='\u{3FFFF}').contains(&c) || c == '〇'
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// Joins words with hyphens, stopping before the word that would pass
/// [`MAX_SLUG`]; a first word longer than that is cut. `x` when empty.
fn join_limited(words: &[String]) -> String {
    let mut out = String::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        if out.is_empty() {
            out.push_str(&w[..w.len().min(MAX_SLUG)]);
        } else if out.len() + 1 + w.len() <= MAX_SLUG {
            out.push('-');
            out.push_str(w);
        } else {
            break;
        }
    }
    if out.is_empty() { "x".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn valid(id: &str) -> bool {
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9][a-z0-9-]*$").unwrap());
        RE.is_match(id) && !id.contains("--") && !id.ends_with('-')
    }

    #[test]
    fn slugs_are_word_aware_pinyin() {
        assert_eq!(slug("科技研发创新"), "keji-yanfa-chuangxin");
        assert_eq!(slug("数字经济"), "shuzi-jingji");
        assert_eq!(slug("山东省"), "shandongsheng");
    }

    #[test]
    fn slugs_keep_ascii_and_digits() {
        assert_eq!(slug("2024—2025"), "2024-2025");
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("ＥＤＡ设计工具"), "eda-sheji-gongju");
        let s = slug("“十大创新”行动计划(2024—2025年)");
        assert!(s.contains("2024-2025"), "{s}");
        assert!(
            s.starts_with("shida-chuangxin") || s.starts_with("shi-da-chuangxin"),
            "{s}"
        );
    }

    #[test]
    fn slugs_drop_punctuation() {
        assert_eq!(slug("《数字经济》、“创新”，"), slug("数字经济 创新"));
        assert_eq!(slug("———"), "x");
        assert_eq!(slug(""), "x");
        assert_eq!(slug("  "), "x");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word_boundary() {
        let s = slug("国务院办公厅关于创新完善体制机制推动招标投标市场规范健康发展的意见");
        assert!(s.len() <= MAX_SLUG, "{s}");
        assert!(valid(&s), "{s}");
        let full = {
            let mut w = Vec::new();
            for t in JIEBA.cut(
                "国务院办公厅关于创新完善体制机制推动招标投标市场规范健康发展的意见",
                false,
            ) {
                w.push(one_word(t.word));
            }
            w.join("-")
        };
        assert!(full.starts_with(&s), "{s} / {full}");
        assert_eq!(full.as_bytes()[s.len()], b'-');
        // One enormous ASCII word is cut inside.
        assert_eq!(slug(&"a".repeat(100)).len(), MAX_SLUG);
    }

    #[test]
    fn doc_number_ids() {
        assert_eq!(doc_number_id("国办发〔2024〕21号"), "guobanfa-2024-21");
        assert_eq!(
            doc_number_id("鲁政办字〔2022〕28号"),
            "luzhengbanzi-2022-28"
        );
        assert_eq!(doc_number_id("鲁政字〔2023〕226号"), "luzhengzi-2023-226");
        assert_eq!(doc_number_id("金发〔2024〕5号"), "jinfa-2024-5");
        assert_eq!(doc_number_id("国发〔2024〕3号"), "guofa-2024-3");
        assert_eq!(
            doc_number_id("财政部 税务总局公告2024年第3号"),
            "caizhengbu-shuiwuzongju-gonggao-2024-3"
        );
        assert_eq!(
            doc_number_id("国家税务总局公告2024年第3号"),
            "guojiashuiwuzongju-gonggao-2024-3"
        );
        assert_eq!(doc_number_id("国务院令第732号"), "guowuyuan-ling-732");
    }

    #[test]
    fn doc_number_bracket_variants_agree() {
        for s in [
            "鲁政办字〔2022〕28号",
            "鲁政办字[2022]28号",
            "鲁政办字［2022］28号",
            "鲁政办字(2022)28号",
            "鲁政办字（2022）28号",
            "鲁政办字【2022】28号",
            " 鲁政办字 〔2022〕 028号 ",
        ] {
            assert_eq!(doc_number_id(s), "luzhengbanzi-2022-28", "{s}");
        }
    }

    #[test]
    fn not_a_doc_number_falls_back_to_slug() {
        assert_eq!(doc_number_id("无"), "wu");
        assert_eq!(doc_number_id(""), "x");
    }

    #[test]
    fn unique_numbers_repeats() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("a", &mut taken), "a");
        assert_eq!(unique("a", &mut taken), "a-2");
        assert_eq!(unique("a", &mut taken), "a-3");
        for n in 4..=20_000 {
            assert_eq!(unique("a", &mut taken), format!("a-{n}"));
        }
    }

    proptest! {
        #[test]
        fn slug_is_valid_and_deterministic(s in any::<String>()) {
            let a = slug(&s);
            prop_assert!(valid(&a), "{:?} -> {:?}", s, a);
            prop_assert!(a.len() <= MAX_SLUG);
            prop_assert_eq!(&a, &slug(&s));
        }

        #[test]
        fn slug_of_chinese_is_valid(s in "[\\p{Han}a-zA-Z0-9 “”《》、，。—〔〕-]{0,80}") {
            let a = slug(&s);
            prop_assert!(valid(&a), "{:?} -> {:?}", s, a);
            prop_assert!(a.len() <= MAX_SLUG);
        }

        #[test]
        fn doc_number_id_is_valid(s in "[\\p{Han} 〔〕\\[\\]()0-9号第年]{0,30}") {
            let a = doc_number_id(&s);
            prop_assert!(valid(&a), "{:?} -> {:?}", s, a);
        }
    }
}
