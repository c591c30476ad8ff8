//! Parameters of a policy for `targets`: numbers that state a rule, not a
//! commitment. A quantity is a parameter when
//!
//! * it is part of a name: inside quotes or a title (“1张图谱+N张清单”,
//!   “20项重点民生实事”, 《…》), or counts the people or bodies of a
//!   programme (1000名青年人才引进计划: [`PROGRAMME_ENDS`]);
//! * it is a duration (15个工作日内, 6个月: [`DURATION_WORDS`]);
//! * its clause grants, penalizes or deducts ([`GRANT_WORDS`]) or opens
//!   with a condition ([`CONDITION_OPENERS`]: 对…, 按…, 且…, 或…);
//! * its sentence has such a condition clause before it and grants or
//!   supports under it ([`SUPPORT_WORDS`]): 对年服务超过30万人次的边缘数据
//!   中心,省财政…给予1000元支持;
//! * the text before it in its clause makes it a cap, floor or rate base
//!   ([`RULE_LEAD_WORDS`]: 最高, 按, 符合条件 …), a share or norm
//!   ([`RULE_LEAD_ENDS`]: 财政承担30%, 一般不低于6米) or a modal rule
//!   ([`RULE_MODALS`]: 应为, 不得低于), or it is money per head or per item
//!   (每人每月500元, 每个最高200万元);
//! * what follows it makes it a share or rule ([`RULE_NOUNS`]: 50%由省级统筹,
//!   的部分, 的基础上), or the case of a rule (入围企业为2家的,…), or it is
//!   money describing a noun that is not money (总投资60亿元“两高”企业, 不低于
//!   50亿元的再贴现额度, 50亿元和80亿元的额度).

use std::ops::Range;

use super::Quantity;
use super::marks::Marks;
use super::words::{
    CONDITION_OPENERS, DURATION_WORDS, GRANT_WORDS, MONEY_NOUNS, MONEY_UNITS, NOT_CONDITION,
    PROGRAMME_ENDS, PROGRAMME_UNITS, RULE_LEAD_ENDS, RULE_LEAD_WORDS, RULE_MODALS, RULE_NOUNS,
    SUPPORT_WORDS,
};

/// True when the quantity at `at` is part of a name or a duration, whatever
/// its context: inside an open “…” or 《…》 of its sentence, or `个` before
/// a time word.
pub(super) fn is_name_or_duration(f: &str, marks: &Marks, at: Range<usize>, unit: &str) -> bool {
    if marks.open_quote(marks.sentence_start(f, at.start), at.start) {
        return true;
    }
    unit == "个" && DURATION_WORDS.iter().any(|w| f[at.end..].starts_with(w))
}

/// `s` opens with a condition word (after list numbering and a year).
fn opens_condition(s: &str) -> bool {
    let s = s.trim_start();
    let s = super::names::strip_numbering(s);
    let s = match super::YEAR_EXPR.find(s) {
        Some(m) if m.start() == 0 => &s[m.end()..],
        _ => s,
    };
    let s = s.trim_start_matches(',');
    CONDITION_OPENERS.iter().any(|w| s.starts_with(w))
        && !NOT_CONDITION.iter().any(|w| s.starts_with(w))
}

/// What makes the quantities of a clause parameters, read once per
/// clause (see [`clause_facts`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct ClauseFacts {
    /// The clause grants, penalizes or deducts, or opens with a condition.
    rule: bool,
    /// Where the first rule word or modal of the clause ends: a quantity
    /// after it is a cap, a floor or a rate base.
    rule_word_end: Option<usize>,
    /// Where the first 每 of a rate per head or item ends.
    per_end: Option<usize>,
}

/// The [`ClauseFacts`] of the clause `clause` of `f`.
pub(super) fn clause_facts(f: &str, clause: Range<usize>) -> ClauseFacts {
    let base = clause.start;
    let c = &f[clause];
    let rule = opens_condition(c) || GRANT_WORDS.iter().any(|w| c.contains(w));
    // Rule words count as such unless part of a longer word (按 but not 按期, 按时 …).
    let words = RULE_LEAD_WORDS.iter().filter_map(|w| {
        c.match_indices(w)
            .find(|(i, _)| !NOT_CONDITION.iter().any(|n| c[*i..].starts_with(n)))
            .map(|(i, w)| i + w.len())
    });
    let modals = RULE_MODALS
        .iter()
        .filter_map(|w| c.find(w).map(|i| i + w.len()));
    let rule_word_end = words.chain(modals).min().map(|e| base + e);
    let per_end = c
        .match_indices('每')
        .map(|(i, w)| i + w.len())
        .find(|&e| !c[e..].starts_with(['年', '万']))
        .map(|e| base + e);
    ClauseFacts {
        rule,
        rule_word_end,
        per_end,
    }
}

/// What makes the quantities of a sentence parameters: the mark ending
/// its first clause that opens with a condition, when the sentence grants
/// or supports anywhere (a quantity after that clause is a parameter).
pub(super) fn sentence_condition(f: &str, marks: &Marks, sentence: Range<usize>) -> Option<usize> {
    let text = &f[sentence.clone()];
    let granted = GRANT_WORDS
        .iter()
        .chain(SUPPORT_WORDS)
        .any(|w| text.contains(w));
    if !granted {
        return None;
    }
    let mut start = sentence.start;
    for &m in marks.clause_marks(sentence) {
        if opens_condition(&f[start..m]) {
            return Some(m);
        }
        start = m + f[m..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// True when the clause or sentence around `q` makes it a parameter,
/// given the facts of its clause and the condition of its sentence.
pub(super) fn in_rule(q: &Quantity, clause: &ClauseFacts, condition: Option<usize>) -> bool {
    let start = q.range.start;
    clause.rule
        || condition.is_some_and(|m| m < start)
        || clause.rule_word_end.is_some_and(|e| e <= start)
        // Money per head or per item: 每人每月500元 (每年 is a pace, not a rate).
        || (is_money(&q.unit) && clause.per_end.is_some_and(|e| e <= start))
}

/// True when the indicator read before a quantity ends as a share, a norm
/// or a starting point does (财政承担, 路面宽度一般, 比例由).
pub(super) fn rule_lead_end(indicator: &str) -> bool {
    RULE_LEAD_ENDS.iter().any(|w| indicator.ends_with(w))
}

/// True when what follows the quantity makes it a parameter: a rule noun,
/// money describing a noun, or the size of a programme.
pub(super) fn rule_after(f: &str, q: &Quantity, noun: Option<&str>) -> bool {
    let after = &f[q.range.end..];
    // 50亿元和80亿元的额度: both amounts describe the noun.
    if is_money(&q.unit)
        && let Some(next) = after.strip_prefix(['和', '、', '及', '与'])
        && let Some(rest) = next
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .strip_prefix(q.unit.as_str())
        && next.starts_with(|c: char| c.is_ascii_digit())
        && rest.starts_with('的')
    {
        return true;
    }
    let with_de = after.starts_with('的');
    let n = after.strip_prefix('的').unwrap_or(after);
    // 入围企业为2家的,…: the case of a rule.
    if with_de && n.starts_with([',', ':', ';']) {
        return true;
    }
    if RULE_NOUNS.iter().any(|w| n.starts_with(w)) {
        return true;
    }
    let Some(noun) = noun else {
        return false;
    };
    if is_money(&q.unit) && !MONEY_NOUNS.iter().any(|w| noun.ends_with(w)) {
        return true;
    }
    if with_de && is_money(&q.unit) {
        return true;
    }
    PROGRAMME_UNITS.contains(&q.unit.as_str()) && PROGRAMME_ENDS.iter().any(|w| noun.ends_with(w))
}

fn is_money(unit: &str) -> bool {
    MONEY_UNITS.contains(&unit)
}
