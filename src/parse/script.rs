//! Script detection and conversion between Simplified and Traditional
//! Chinese, so twins can be linked and search and matching work across
//! scripts.
//!
//! Conversion uses OpenCC's built-in `t2s` and `s2t` configurations
//! (ferrous-opencc, phrase-aware), built once on first use.
//!
//! Detection counts the characters each conversion changes: `t2s` changes
//! only characters specific to Traditional writing, `s2t` only characters
//! specific to Simplified writing (plus a few shared ones it normalises,
//! such as 于 → 於). A text is Traditional when it has at least
//! [`MIN_TRADITIONAL`] Traditional-specific characters and they outnumber
//! the Simplified-specific ones [`DOMINANCE`] to one. A text written in
//! one script has almost none of the other's specific characters, so the
//! ratio is far from the threshold on real documents; short or mixed texts
//! fall back to Simplified, the script of the site.

use std::collections::HashMap;
use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use crate::parse::Script;

/// Traditional-specific characters needed before a text can be Traditional.
pub const MIN_TRADITIONAL: usize = 2;

/// How many times the Traditional-specific characters must outnumber the
/// Simplified-specific ones.
pub const DOMINANCE: usize = 3;

static T2S: LazyLock<Option<OpenCC>> =
    LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());
static S2T: LazyLock<Option<OpenCC>> =
    LazyLock::new(|| OpenCC::from_config(BuiltinConfig::S2t).ok());

/// Bytes of a long text read to detect its script: [`SAMPLE_STRETCHES`]
/// stretches spread evenly over it, which say as much as the whole (and a
/// 20 MB document is not converted twice for it).
pub const DETECT_SAMPLE: usize = 256 * 1024;

/// Stretches a sample is made of.
pub const SAMPLE_STRETCHES: usize = 16;

/// Which script `text` is written in (see the module documentation).
pub fn detect(text: &str) -> Script {
    let counts = script_counts(&sample(text));
    if counts.traditional >= MIN_TRADITIONAL
        && counts.traditional > counts.simplified.saturating_mul(DOMINANCE)
    {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

/// `text`, or for a text longer than [`DETECT_SAMPLE`] bytes, stretches of
/// it spread evenly, one line each.
fn sample(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= DETECT_SAMPLE {
        return std::borrow::Cow::Borrowed(text);
    }
    let stretch = DETECT_SAMPLE / SAMPLE_STRETCHES;
    let step = text.len() / SAMPLE_STRETCHES;
    let mut out = String::with_capacity(DETECT_SAMPLE + SAMPLE_STRETCHES);
    for k in 0..SAMPLE_STRETCHES {
        let start = crate::diag::floor_char_boundary(text, k * step);
        let end = crate::diag::floor_char_boundary(text, start + stretch);
        out.push_str(&text[start..end]);
        out.push('\n');
    }
    std::borrow::Cow::Owned(out)
}

/// Characters of a text specific to each script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScriptCounts {
    /// Characters that Traditional → Simplified conversion changes.
    pub traditional: usize,
    /// Characters that Simplified → Traditional conversion changes.
    pub simplified: usize,
}

/// Counts the characters of `text` that each conversion changes. Counted
/// as the part of the text's character multiset missing from the
/// converted text, so a conversion that changes the length does no harm.
pub fn script_counts(text: &str) -> ScriptCounts {
    if !text.chars().any(crate::parse::text::is_han) {
        return ScriptCounts::default();
    }
    ScriptCounts {
        traditional: changed(text, &to_simplified(text)),
        simplified: changed(text, &to_traditional(text)),
    }
}

/// How many characters of `a` are not matched by a character of `b`.
fn changed(a: &str, b: &str) -> usize {
    if a == b {
        return 0;
    }
    let mut have: HashMap<char, isize> = HashMap::new();
    for c in b.chars() {
        *have.entry(c).or_default() += 1;
    }
    let mut missing = 0;
    for c in a.chars() {
        let n = have.entry(c).or_default();
        if *n > 0 {
            *n -= 1;
        } else {
            missing += 1;
        }
    }
    missing
}

/// `text` converted to Simplified characters (OpenCC t2s).
pub fn to_simplified(text: &str) -> String {
    match T2S.as_ref() {
        Some(cc) => cc.convert(text),
        None => text.to_string(),
    }
}

/// `text` converted to Traditional characters (OpenCC s2t).
pub fn to_traditional(text: &str) -> String {
    match S2T.as_ref() {
        Some(cc) => cc.convert(text),
        None => text.to_string(),
    }
}

/// Blocks of characters whose Traditional forms the search folds:
/// CJK Unified Ideographs with Extension A, and the compatibility
/// ideographs.
const FOLDED_BLOCKS: &[(u32, u32)] = &[(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// Each Traditional character's Simplified form, one character for one
/// (OpenCC t2s read character by character), as (from, to) in code point
/// order: the table search folds both the index and the query with, so
/// that either script finds the other. Characters whose Simplified form is
/// not one character are left as they are.
static FOLD: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let chars: Vec<char> = FOLDED_BLOCKS
        .iter()
        .flat_map(|(a, b)| (*a..=*b).filter_map(char::from_u32))
        .collect();
    // One conversion of every character, each on its own line so that no
    // phrase spans two.
    let text: String = chars.iter().flat_map(|c| [*c, '\n']).collect();
    let converted = to_simplified(&text);
    let lines: Vec<&str> = converted.split('\n').collect();
    if lines.len() < chars.len() {
        return Vec::new();
    }
    let pairs: HashMap<char, char> = chars
        .iter()
        .zip(lines)
        .filter_map(|(c, line)| {
            let mut it = line.chars();
            match (it.next(), it.next()) {
                (Some(s), None) if s != *c => Some((*c, s)),
                _ => None,
            }
        })
        .collect();
    // A form that is itself folded is followed to its end, so folding
    // twice changes nothing more.
    let mut table: Vec<(char, char)> = pairs
        .iter()
        .map(|(from, to)| {
            let mut to = *to;
            for _ in 0..4 {
                match pairs.get(&to) {
                    Some(next) if next != from => to = *next,
                    _ => break,
                }
            }
            (*from, to)
        })
        .filter(|(from, to)| from != to)
        .collect();
    table.sort_unstable();
    table
});

/// The search's Traditional → Simplified table (see [`fold_for_search`]).
pub fn fold_table() -> &'static [(char, char)] {
    &FOLD
}

/// One character as search compares it: full-width ASCII as ASCII, the
/// ideographic space as a space, Latin letters in lower case, a
/// Traditional character as its Simplified form.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => match FOLD.binary_search_by_key(&c, |(from, _)| *from) {
            Ok(i) => FOLD[i].1,
            Err(_) => c,
        },
    }
}

/// `text` folded character by character (see [`fold_char`]): the form
/// both the search index (for a Traditional page) and the reader's query
/// are compared in, so 數字經濟 and 数字经济 meet. One character for one,
/// so a place in the folded text is the same place in the text.
pub fn fold_for_search(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Marks a reader does not type, left out when search compares texts:
/// quotation and title marks.
pub const UNTYPED_MARKS: &str = "“”‘’\"'《》〈〉「」『』";

/// The zero-width spaces (Pagefind puts them between the words it
/// segments), left out when search compares texts.
pub const ZERO_WIDTH: &str = "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}";

/// `text` as search compares it: folded (see [`fold_for_search`]), without
/// whitespace, zero-width spaces and [`UNTYPED_MARKS`]. `theme/static/search.js`
/// compacts the same way.
pub fn compact_for_search(text: &str) -> String {
    fold_for_search(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !ZERO_WIDTH.contains(*c) && !UNTYPED_MARKS.contains(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_compacts_without_spaces_and_quotation_marks() {
        assert_eq!(
            compact_for_search("山東“十四五” 規劃\u{200b}《綱要》"),
            "山东十四五规划纲要"
        );
    }

    #[test]
    fn search_folds_scripts_and_widths_one_character_for_one() {
        assert_eq!(fold_for_search("數字經濟"), "数字经济");
        assert_eq!(fold_for_search("数字经济"), "数字经济");
        assert_eq!(fold_for_search("國發〔２０２４〕５號"), "国发〔2024〕5号");
        assert_eq!(fold_for_search("ＡＢＣ　xY"), "abc xy");
        let table = fold_table();
        assert!(table.len() > 2000, "{} characters", table.len());
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert!(table.iter().all(|(from, to)| from != to));
        // Folding twice changes nothing more.
        let text = "為推動科技創新，完善產學研合作機制";
        assert_eq!(
            fold_for_search(&fold_for_search(text)),
            fold_for_search(text)
        );
        assert_eq!(fold_for_search(text).chars().count(), text.chars().count());
    }

    #[test]
    fn a_long_text_is_judged_on_a_sample() {
        let simp = "各市人民政府，省政府各部门：现将行动计划印发给你们，请认真贯彻执行。";
        let trad = to_traditional(simp);
        assert_eq!(detect(&simp.repeat(20_000)), Script::Simplified);
        assert_eq!(detect(&trad.repeat(20_000)), Script::Traditional);
        let long = trad.repeat(20_000);
        assert!(sample(&long).len() <= DETECT_SAMPLE + SAMPLE_STRETCHES);
    }

    const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

    fn seed(prefix: &str) -> String {
        for entry in std::fs::read_dir(SEEDS).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with(prefix) && name.ends_with(".txt") {
                return std::fs::read_to_string(path).unwrap();
            }
        }
        panic!("no seed {prefix}");
    }

    fn strip_spaces(s: &str) -> Vec<char> {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn converts_words_both_ways() {
        assert_eq!(to_simplified("數字經濟"), "数字经济");
        assert_eq!(to_traditional("高新技术企业"), "高新技術企業");
        assert_eq!(to_simplified("國務院辦公廳"), "国务院办公厅");
        assert_eq!(to_traditional("国务院办公厅"), "國務院辦公廳");
        // Non-Chinese text is untouched.
        assert_eq!(to_simplified("EDA 2024-2025"), "EDA 2024-2025");
    }

    #[test]
    fn detects_short_texts() {
        assert_eq!(detect("數字經濟高質量發展"), Script::Traditional);
        assert_eq!(detect("数字经济高质量发展"), Script::Simplified);
        // Too short or no Chinese: Simplified.
        assert_eq!(detect("國"), Script::Simplified);
        assert_eq!(detect(""), Script::Simplified);
        assert_eq!(detect("abc 123"), Script::Simplified);
        // Characters shared by both scripts: Simplified.
        assert_eq!(detect("山东省人民政府"), Script::Simplified);
        // Mixed half and half: Simplified.
        assert_eq!(detect("数字经济 數字經濟"), Script::Simplified);
    }

    #[test]
    fn seed_004_is_traditional_and_matches_its_twin_in_seed_002() {
        let trad = seed("004_");
        assert_eq!(detect(&trad), Script::Traditional);
        let counts = script_counts(&trad);
        assert!(counts.traditional > 10 * counts.simplified, "{counts:?}");

        let simp = to_simplified(&trad);
        assert_eq!(detect(&simp), Script::Simplified);

        let line9 = seed("002_").lines().nth(8).unwrap().to_string();
        let title = "中共山东省委 山东省人民政府关于加快数字经济高质量发展的意见(2023年12月28日)";
        let start = line9.find(title).expect("twin in seed 002 line 9");
        let twin = strip_spaces(&line9[start..]);
        let ours = strip_spaces(&simp[simp.find("中共山东省委").unwrap()..]);
        let n = 500;
        let equal = ours
            .iter()
            .zip(twin.iter())
            .take(n)
            .filter(|(a, b)| a == b)
            .count();
        assert!(
            equal * 100 > n * 95,
            "{equal} of {n} equal:\n{}\n{}",
            ours.iter().take(n).collect::<String>(),
            twin.iter().take(n).collect::<String>()
        );
    }

    #[test]
    fn other_seeds_are_simplified() {
        for prefix in ["000_", "001_", "002_", "003_"] {
            let text = seed(prefix);
            assert_eq!(detect(&text), Script::Simplified, "seed {prefix}");
            for line in text.lines().filter(|l| l.chars().count() > 40) {
                assert_eq!(detect(line), Script::Simplified, "seed {prefix}: {line}");
            }
        }
    }
}
