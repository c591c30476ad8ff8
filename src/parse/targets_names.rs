//! Indicator names for `targets`: a name says what is measured, as the
//! longest noun phrase next to the number.
//!
//! * Years, comparison bases (比2015年), list numbering (`1.`, `(三)`) and
//!   punctuation are cut; a phrase opened by a preposition
//!   ([`PREPOSITIONS`]: 在前沿交叉学科新建省重点实验室) gives way to what
//!   follows its verb or localizer, and 将/把/使 are dropped; a modal inside
//!   (水利工程建设确保完成投资) and a trailing 工作/实施 are cut.
//! * After a number the noun runs to the end of its clause; a short
//!   parenthesis inside it is kept (30个县(市、区)建成区…), and a list of
//!   qualities before 的 gives way to its head (15个技术水平高、创新能力强
//!   的未来产业集群 → 未来产业集群). Words that are not the measured noun
//!   ([`NOT_NOUNS`]: 大关, 的目标) leave the name to the text before.
//! * A name that is a generic word alone or with a bare adjective
//!   ([`GENERIC_NAMES`], [`BARE_ADJECTIVES`]: 具体问题, 高水平服务, 县), a
//!   list of proper names ending in 等, or a single character does not name
//!   a measurable quantity: its target is dropped.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

use super::YEAR_EXPR;
use super::words::{
    BARE_ADJECTIVES, GENERIC, GENERIC_NAMES, LEAD_WORDS, LOCALIZERS, NOT_NOUNS, NOT_PREPOSITION,
    PREPOSITIONS, VERBS,
};
use crate::parse::text::is_han;

/// List numbering at the start of a text: `1.`, `12、`, `(三)`, `二、`.
pub(super) fn strip_numbering(s: &str) -> &str {
    static NUM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[0-9]{1,2}[.．、]|[(（][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
            .unwrap()
    });
    match NUM.find(s) {
        // 1.5万家 is a number, not numbering.
        Some(m) if !s[m.end()..].starts_with(|c: char| c.is_ascii_digit()) => &s[m.end()..],
        _ => s,
    }
}

/// The name left once an opening prepositional phrase is read past; `s`
/// itself when nothing but a generic word follows the phrase.
fn drop_preposition(s: &str) -> &str {
    for w in ["将", "把", "使", "让"] {
        if let Some(r) = s.strip_prefix(w) {
            return r;
        }
    }
    let Some(p) = PREPOSITIONS.iter().find(|p| s.starts_with(**p)) else {
        return s;
    };
    if NOT_PREPOSITION.iter().any(|w| s.starts_with(w)) {
        return s;
    }
    let body = &s[p.len()..];
    let after = |words: &[&str], min_chars: usize| {
        words
            .iter()
            .filter(|w| w.chars().count() >= min_chars)
            .filter_map(|w| body.rfind(*w).map(|i| i + w.len()))
            .filter(|&e| e < body.len())
            .max()
    };
    let verbs: Vec<&str> = VERBS.iter().chain(LEAD_WORDS).copied().collect();
    let cut = after(&verbs, 2)
        .or_else(|| after(LOCALIZERS, 2))
        .or_else(|| after(LOCALIZERS, 1).filter(|&e| body[e..].chars().count() >= 2));
    // Nothing or a generic word after the phrase: the phrase is part of
    // the name (依托企业建设比重).
    match cut {
        Some(e) if !is_generic(&body[e..]) && !GENERIC.contains(&&body[e..]) => &body[e..],
        _ => s,
    }
}

pub(super) fn clean_indicator(s: &str) -> String {
    static BASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:比|较)[0-9]{4}年(?:年底|年末|底|末)?(?:的)?").unwrap());
    // A modal inside a name: 水利工程建设确保完成投资.
    static MODAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:确保|力争|争取|努力)(?:完成|实现)?").unwrap());
    let trim = |s: &str| -> String {
        s.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '、' | ';' | ':' | '的' | '”' | '“')
        })
        .to_string()
    };
    let s = BASE.replace_all(s, "");
    let s = YEAR_EXPR.replace_all(&s, "");
    let s = trim(&s);
    let s = trim(drop_preposition(strip_numbering(&s)));
    let s = MODAL.replace_all(&s, "");
    // A list cut short by the number: 项目的入库管理和.
    let mut s = s.trim_end_matches(['和', '及', '或']).to_string();
    for tail in ["实施工作", "建设工作", "实施", "工作"] {
        if let Some(r) = s.strip_suffix(tail)
            && r.chars().count() >= 2
        {
            s = r.to_string();
            break;
        }
    }
    if s.ends_with("项目建设") {
        s.truncate(s.len() - "建设".len());
    }
    // Unbalanced quotes after trimming.
    let (open, close) = (s.find('“'), s.find('”'));
    if close.is_some() && open.is_none_or(|o| Some(o) > close) {
        s = format!("“{s}");
    }
    if s.rfind('“') > s.rfind('”') {
        s.push('”');
    }
    let n = s.chars().count();
    if n > 30 {
        // Keep the end, cut at a list or clause boundary when there is one.
        let chars: Vec<char> = s.chars().collect();
        let from = (n - 30..n)
            .find(|&k| {
                matches!(chars[k - 1], '、' | ',' | '和' | ' ')
                    || (chars[k - 1] == '及' && chars[k] != '以')
            })
            .unwrap_or(n - 30);
        s = chars[from..].iter().collect();
    }
    s
}

/// True when `name` does not say what is measured: a generic word alone or
/// with a bare adjective, or one character.
pub(super) fn is_generic(name: &str) -> bool {
    // 县(市、区): the parenthesis lists alternatives of the same word.
    let n = match name.strip_suffix(')').and_then(|s| s.rfind('(')) {
        Some(i) => &name[..i],
        None => name,
    };
    let n = BARE_ADJECTIVES
        .iter()
        .filter(|a| n.len() > a.len() && n.starts_with(**a))
        .max_by_key(|a| a.len())
        .map_or(n, |a| &n[a.len()..]);
    // 开工华电青岛、华能烟台等: proper names listed, the measure untold.
    n.chars().count() <= 1 || GENERIC_NAMES.contains(&n) || n.ends_with('等')
}

/// The noun phrase a quantity is followed by, if any: (folded range,
/// followed directly by another quantity). `whole` keeps the phrase to
/// the end of its clause (a share: 30%城市污水处理厂完成提标改造).
pub(super) fn following_noun(
    f: &str,
    from: usize,
    next_qty: Option<usize>,
    whole: bool,
) -> Option<(Range<usize>, bool)> {
    let rest = &f[from..];
    let rest_trim = rest.strip_prefix('的').unwrap_or(rest);
    let start = from + (rest.len() - rest_trim.len());
    let first = rest_trim.chars().next()?;
    if matches!(first, '和' | '及' | '与' | '或' | '至' | '到') {
        return None;
    }
    if !(is_han(first)
        || first == '“'
        || first.is_ascii_alphabetic()
        || digits_in_noun(rest_trim, next_qty == Some(start)))
    {
        return None;
    }
    if NOT_NOUNS.iter().any(|w| rest_trim.starts_with(w)) {
        return None;
    }
    let mut end = start;
    let mut depth = 0i32;
    let mut stop = None;
    let mut skip_to = 0;
    for (i, c) in rest_trim.char_indices() {
        if i < skip_to {
            continue;
        }
        if c == '“' {
            depth += 1;
        } else if c == '”' {
            depth -= 1;
        } else if depth <= 0 && c == '(' {
            // A short parenthesis inside the noun: 县(市、区)建成区.
            // Looked for within the ten characters a short one may hold.
            let close = rest_trim[i..]
                .char_indices()
                .take(12)
                .find(|&(_, c)| c == ')')
                .map(|(k, _)| i + k);
            let inner = close.map(|k| &rest_trim[i + 1..k]);
            if let (Some(k), Some(inner)) = (close, inner)
                && inner.chars().count() <= 10
                && !inner.contains([',', ';', '。', ':'])
                && rest_trim[k + 1..].chars().next().is_some_and(is_han)
            {
                skip_to = k + 1;
                end = start + k + 1;
                continue;
            }
            stop = Some(c);
            break;
        } else if depth <= 0
            && (matches!(
                c,
                ',' | ';' | '。' | ':' | '!' | '?' | '、' | ')' | '\n' | ' '
            ) || (c.is_ascii_digit()
                && !digits_in_noun(&rest_trim[i..], next_qty == Some(start + i))))
        {
            // Digits that are no quantity belong to the noun: 110千伏变电站.
            stop = Some(c);
            break;
        }
        end = start + i + c.len_utf8();
    }
    if end == start {
        return None;
    }
    let s = &f[start..end];
    // Qualities listed before the head noun: 15个技术水平高、创新能力强的未来
    // 产业集群; a phrase opened by a preposition: 5个在…方面具有…经验的县.
    let qualities = stop == Some('、') && s.chars().count() <= 8;
    if qualities
        || PREPOSITIONS
            .iter()
            .chain(&["对", "为", "与", "向", "以"])
            .any(|p| s.starts_with(p))
    {
        let clause_end = f[start..]
            .find(|c: char| {
                matches!(c, ',' | ';' | '。' | ':' | '!' | '?' | '\n') || c.is_ascii_digit()
            })
            .map_or(f.len(), |k| start + k);
        if let Some(k) = f[start..clause_end].rfind('的')
            && f[start + k + '的'.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|c| is_han(c) || c == '“')
        {
            return following_noun(f, start + k, next_qty, whole);
        }
    }
    let followed_by_qty = next_qty == Some(end);
    if whole {
        return Some((start..end, followed_by_qty));
    }
    // Cut at a verb that starts a new predicate.
    let mut cut = s.len();
    for w in [
        "加快",
        "全面",
        "全部",
        "达到",
        "实现",
        "开展",
        "完成",
        "成为",
        "等",
        "加速",
        "尽快",
        "协同",
        "高质量",
        "赋能",
        "年内",
        "具备",
        "率先",
        "加强",
        "推进",
        "作为",
        "正在",
    ] {
        for (i, _) in s.match_indices(w) {
            // 等 ends a list (100个社区等), but is part of 高等, 中等 ….
            let part_of_word = w == "等"
                && s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| "高中初同平对均相上优次超特".contains(p));
            if i > 0 && i < cut && !part_of_word {
                cut = i;
                break;
            }
        }
    }
    Some((start..start + cut, followed_by_qty))
}

/// Splits `A、B和C` into its members.
pub(super) fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let chars: Vec<char> = s.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        match c {
            '“' | '(' => depth += 1,
            '”' | ')' => depth -= 1,
            _ => {}
        }
        // 和 inside a word such as 和平 is rare in indicator lists; 及 of
        // 35千伏及以上 is not a list.
        let sep = depth <= 0
            && (c == '、'
                || c == '和'
                || c == '与'
                || (c == '及' && chars.get(k + 1) != Some(&'以')));
        if sep && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        } else if !sep {
            cur.push(c);
        }
        k += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True when the digits `s` starts with are part of a noun (110千伏变电站,
/// 110(35)千伏): no quantity starts there and a Han character or a
/// parenthesis follows them (not 9F级, 4K).
fn digits_in_noun(s: &str, quantity: bool) -> bool {
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
    !quantity && rest.len() < s.len() && rest.starts_with(|c: char| is_han(c) || c == '(')
}

/// True when `name` is a rate or share with a subject of its own
/// (项目开工率, 投资完成率; not a bare 联网率).
pub(super) fn is_rate(name: &str) -> bool {
    name.chars().count() >= 4
        && ["率", "比重", "占比", "比例"]
            .iter()
            .any(|r| name.ends_with(r))
}
