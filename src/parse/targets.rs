//! Quantitative targets in running text: 高新技术企业2025年突破3.8万家.
//!
//! Input: one paragraph or task text. Output: each commitment with its
//! indicator, value (and high value of a range), unit, year, comparator as
//! printed and the exact source text. A target is a quantitative
//! commitment; numbers that are names (5G, “2115”机制, “1张图谱+N张清单”),
//! deadlines, and parameters of a policy (subsidy rates, caps, shares,
//! durations, amounts per person) are not targets.
//!
//! # Rules
//!
//! * A *quantity* is an Arabic number (`3.5`, a range `3—5`, `1-2`,
//!   `7.5%—8%`) directly followed by a unit from [`UNITS`] (`万家`, `%`,
//!   `个百分点` …), then optionally a trailing comparator (`左右`, `以上`,
//!   `及以上`, `以内`, `以下`). Numbers without a unit are never values:
//!   bare years, dates (`2024年10月底前`, `4月6日`), names (`5G`,
//!   `12345热线`, `IPv6`, `10G-PON`), numbering (`1.`) and document numbers
//!   (`〔2024〕21号`) are skipped by that rule alone. Quantities right after
//!   `第`/`前` (ordinals: 前4项) or `现有`/`已有` (a stock), inside quotes
//!   or a title, and durations (`15个工作日内`) are skipped
//!   (`targets_quantities.rs`). The special form `过千亿` / `破千亿` reads as
//!   value 1000, unit 亿.
//! * A quantity that is a *parameter* of a policy is skipped: in a clause
//!   that grants, penalizes or opens with a condition, in a sentence whose
//!   condition clause (对…) comes with a grant, after a cap or rate base
//!   (最高, 按), as a share or norm (财政承担30%, 一般不低于6米), as money
//!   per head or describing a noun, or as the size of a programme
//!   (`targets_rules.rs`, word lists in `targets_words.rs`).
//! * The *indicator* is read backwards from the quantity inside its clause
//!   (clauses end at `,;。:!?` and at the end of a previous quantity):
//!   comparator words ([`PREFIX_COMPARATORS`]), a year (`2024年`) and action
//!   verbs (新建, 培育 … in [`VERBS`]) are peeled off, then leading
//!   conjunctions, years, list numbering and verbs or adverbs are stripped
//!   (`targets_lead.rs`). When the quantity is directly followed by a noun
//!   (`新建3—5家省高新区`, `累计建成1500个左右的智慧社区`) that noun is the
//!   indicator. When the noun is itself followed by a quantity
//!   (`投资500万元以上技术改造项目1.2万个左右`) the first quantity is a
//!   modifier and not a target. An empty indicator (`…3.5万家、2025年突破
//!   3.8万家`) repeats the previous target's (or names the starting point's
//!   subject: `森林覆盖率由23%提高到25%`); a generic one (`总数`, `比重` …)
//!   is prefixed by the noun phrase of the previous clause
//!   (`全国重点实验室总数`). Names are cleaned and checked in
//!   `targets_names.rs`: a name must say what is measured, so a target named
//!   by a generic word (具体问题, 高水平服务, 县) is dropped.
//! * `A、B分别达到50个和30个` pairs the listed indicators with the listed
//!   quantities in order; if the counts differ, every quantity gets the
//!   whole list and is marked `uncertain`. Rates listed before one value
//!   (`项目开工率和投资完成率均达到100%`) are one target each.
//! * *Year*: a year printed right before the comparator (`2024年突破`) wins;
//!   otherwise the last year mentioned earlier in the same sentence (up to
//!   `。` or `;`): `到2025年,X达到…`, `2024年新培育…`. Edition ranges
//!   (`2024—2025年`) and comparison bases (`比2015年`) do not count. No year
//!   printed → `None`.
//! * *Comparator*: every comparator word printed around the quantity, in
//!   printed order, joined by one space: `年均增长10%左右` → `"年均增长 左右"`,
//!   `提高到60%以上` → `"提高到 以上"`, `力争到2025年总数达到30家` →
//!   `"力争 达到"`. `None` when nothing is printed.
//! * A text in Traditional script is read through a Simplified copy, char
//!   for char: its indicators come out in Simplified (as the model keys
//!   them), its `text` and `range` are the original's.
//!
//! The word lists are compiled in, not read from `data/`: `extract` is a
//! pure function of one block's text, called by the model for every block.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;

use crate::parse::script;
use crate::parse::text::Folded;

#[path = "targets_lead.rs"]
mod lead;
#[path = "targets_marks.rs"]
mod marks;
#[path = "targets_names.rs"]
mod names;
#[path = "targets_quantities.rs"]
mod quantities;
#[path = "targets_rules.rs"]
mod rules;
#[path = "targets_words.rs"]
mod words;

use lead::{read_lead, strip_prefix_any};
use marks::{Marks, Memo};
use names::{clean_indicator, following_noun, is_generic, split_list};
use quantities::{Quantity, quantities};
use words::GENERIC;
pub use words::{PREFIX_COMPARATORS, UNITS, VERBS};

/// One quantitative commitment found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetMatch {
    /// What is measured, e.g. 高新技术企业 (trimmed of verbs and years).
    pub indicator: String,
    /// The number as written (3.8 for 3.8万家); the low end of a range.
    pub value: Option<f64>,
    /// The high end of a range such as 3—5家.
    pub value_high: Option<f64>,
    /// e.g. 万家, %, 亿元, 个百分点
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// The comparator word(s) as printed: 达到, 突破, 以上, 左右, 年均增长 …
    /// Several words are joined by one space in printed order: `年均增长 左右`.
    pub comparator: Option<String>,
    /// The exact source span.
    pub text: String,
    /// Byte range of `text` in the input.
    pub range: std::ops::Range<usize>,
    /// True when the reading is doubtful (e.g. a table value whose decimal point may have been lost).
    pub uncertain: bool,
}

/// ASCII digits (full-width ones are folded first): `\d` also matches
/// other scripts' digits, which do not parse as a year.
pub(super) static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9]{4})年").unwrap());

/// Year expressions stripped from indicators.
pub(super) static YEAR_EXPR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:到|至|在|于)?[0-9]{4}年(?:年底|年末|底|末)?(?:前|内)?(?:[0-9]{1,2}月(?:底|末)?前?)?",
    )
    .unwrap()
});

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | '。' | ':' | '!' | '?' | '(' | ')' | '\n' | '《' | '》' | '…'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, ';' | '。' | '!' | '?' | '\n')
}

/// Years that set the context of a sentence: (folded byte offset of the
/// year's end, year).
fn year_marks(f: &str) -> Vec<(usize, usize, i32)> {
    let mut out = Vec::new();
    for c in YEAR.captures_iter(f) {
        let m = c.get(0).unwrap();
        let before = &f[..m.start()];
        let after = &f[m.end()..];
        if before
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit() || matches!(p, '—' | '-' | '~' | '–' | '比' | '较'))
        {
            continue;
        }
        if after.starts_with(['—', '-', '~', '–']) {
            continue;
        }
        // 是2015年的4.3倍, 2015年底的, 2015年以来: reference points.
        let after_end = after
            .strip_prefix("年底")
            .or_else(|| after.strip_prefix("年末"))
            .or_else(|| after.strip_prefix('底'))
            .or_else(|| after.strip_prefix('末'))
            .unwrap_or(after);
        if after_end.starts_with('的') || after.starts_with("以来") {
            continue;
        }
        let Ok(y) = c[1].parse::<i32>() else {
            continue;
        };
        if !(1949..=2100).contains(&y) {
            continue;
        }
        out.push((m.start(), m.end(), y));
    }
    out
}

/// The subject of a clause for a generic indicator: the clause with its
/// leading verbs stripped.
fn clause_subject(f: &str, clause: Range<usize>) -> Option<String> {
    let lead = read_lead(f, clause.start, clause.end);
    let s = clean_indicator(&f[lead.indicator]);
    if s.is_empty() || s.chars().count() > 20 {
        None
    } else {
        Some(s)
    }
}

/// Traditional-only characters frequent in the genre's targets (units,
/// comparators, common words): a text without any is read as it is.
const TRADITIONAL_HINTS: &[char] = &[
    '萬', '億', '個', '項', '戶', '張', '輛', '臺', '條', '處', '噸', '畝', '達', '過', '長', '與',
    '為', '實', '現', '總', '數', '業', '產', '區', '發', '標', '進', '開', '務', '經', '體', '設',
    '創', '資', '國', '們', '這', '會', '對', '點', '濟', '並', '廣', '網', '農', '縣', '鎮',
];

/// The text the rules read: full-width forms folded and, for a text in
/// Traditional script, a Simplified copy char for char (達到 → 达到, 萬家 →
/// 万家), with the way back to the original's offsets.
struct Reading {
    folded: Folded,
    /// The Simplified copy and, for each of its bytes (and its end), the
    /// offset in the folded text.
    simplified: Option<(String, Vec<usize>)>,
}

impl Reading {
    fn new(text: &str) -> Reading {
        let folded = Folded::new(text);
        // A cheap look for common Traditional-only characters first: the
        // conversion costs more than reading the block.
        static HINTS: LazyLock<Vec<char>> = LazyLock::new(|| {
            let mut h = TRADITIONAL_HINTS.to_vec();
            h.sort_unstable();
            h
        });
        let simplified = text
            .chars()
            .any(|c| !c.is_ascii() && HINTS.binary_search(&c).is_ok())
            .then(|| script::to_simplified(&folded.text))
            .filter(|s| *s != folded.text)
            // Only a conversion char for char keeps the offsets.
            .filter(|s| s.chars().count() == folded.text.chars().count())
            .map(|s| {
                let mut map = Vec::with_capacity(s.len() + 1);
                for ((_, c), (j, _)) in s.char_indices().zip(folded.text.char_indices()) {
                    map.extend(std::iter::repeat_n(j, c.len_utf8()));
                }
                map.push(folded.text.len());
                (s, map)
            });
        Reading { folded, simplified }
    }

    fn text(&self) -> &str {
        match &self.simplified {
            Some((s, _)) => s,
            None => &self.folded.text,
        }
    }

    /// The original byte range of a range of [`Reading::text`].
    fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        match &self.simplified {
            Some((_, map)) => self.folded.orig_range(map[r.start]..map[r.end]),
            None => self.folded.orig_range(r),
        }
    }
}

/// Finds the targets stated in `text`.
pub fn extract(text: &str) -> Vec<TargetMatch> {
    let folded = Reading::new(text);
    let f = folded.text();
    let marks = Marks::of(f);
    let qs = quantities(f, &marks);
    let years = year_marks(f);
    let mut out: Vec<TargetMatch> = Vec::new();
    // Folded end of the last quantity (or its noun), and the sentence
    // start it belongs to.
    let mut consumed = 0usize;
    let mut last_in_sentence: Option<usize> = None; // index into out
    let mut skip_until = 0usize;
    // The subject of a starting point skipped in a clause: (clause start, name).
    let mut start_point: Option<(usize, String)> = None;
    let mut clause_memo = Memo::new();
    let mut sentence_memo = Memo::new();
    let mut i = 0;
    while i < qs.len() {
        let q = &qs[i];
        if q.range.start < skip_until {
            i += 1;
            continue;
        }
        let clause_start = marks.clause_start(f, q.range.start);
        let sentence_start = marks.sentence_start(f, q.range.start);
        if consumed <= sentence_start {
            last_in_sentence = None;
        }
        let clause = clause_start..marks.clause_end(f, q.range.end);
        let sentence = sentence_start..marks.sentence_end(f, q.range.end);
        let clause_facts = clause_memo.get(clause.clone(), || rules::clause_facts(f, clause));
        let condition = sentence_memo.get(sentence.clone(), || {
            rules::sentence_condition(f, &marks, sentence)
        });
        let region_start = clause_start.max(consumed);
        let next_start = qs.get(i + 1).map(|n| n.range.start);
        let share = q.unit == "%";
        let noun = following_noun(f, q.range.end, next_start, share);
        let noun_text = noun.as_ref().map(|(r, _)| &f[r.clone()]);
        let lead = read_lead(f, region_start, q.range.start);
        if rules::in_rule(q, &clause_facts, condition)
            || rules::rule_after(f, q, noun_text)
            || rules::rule_lead_end(&f[lead.indicator.clone()])
            || matches!(noun, Some((_, true)))
        {
            // A parameter, or a modifier: 投资500万元以上技术改造项目1.2万个左右.
            // A starting point (森林覆盖率由23%提高到25%) names the next value.
            let ind = &f[lead.indicator.clone()];
            if let Some(from) = ind.strip_suffix('由').or_else(|| ind.strip_suffix('从')) {
                start_point = Some((clause_start, clean_indicator(from)));
            }
            consumed = q.range.end;
            i += 1;
            continue;
        }
        let mut comps = lead.comparators.clone();
        if let Some(s) = &q.suffix {
            comps.push(s.clone());
        }
        // The last year of the sentence before the quantity.
        let year = lead.year.or_else(|| {
            let k = years.partition_point(|(_, e, _)| *e <= q.range.start);
            k.checked_sub(1)
                .map(|k| years[k])
                .filter(|(s, _, _)| *s >= sentence_start)
                .map(|y| y.2)
        });

        // A、B分别达到50个和30个
        if lead.respectively {
            let mut group = vec![i];
            let mut j = i + 1;
            while j < qs.len() {
                let gap = &f[qs[group[group.len() - 1]].range.end..qs[j].range.start];
                let g = gap.trim();
                let g = strip_prefix_any(g, PREFIX_COMPARATORS)
                    .map(|(_, r)| r)
                    .unwrap_or(g);
                if matches!(g, "、" | "和" | "及" | "与" | "," | "以及") {
                    group.push(j);
                    j += 1;
                } else {
                    break;
                }
            }
            let whole = &f[lead.indicator.clone()];
            let names: Vec<String> = split_list(whole)
                .into_iter()
                .map(|n| clean_indicator(&n))
                .collect();
            if group.len() == 1 && names.len() > 1 {
                // 项目开工率、年度投资计划完成率分别达到100%及以上: one value each.
                let q = &qs[i];
                let r = lead.indicator.start..q.range.end;
                for n in &names {
                    out.push(make(
                        text,
                        &folded,
                        n.clone(),
                        q,
                        year,
                        comps.clone(),
                        r.clone(),
                        false,
                    ));
                }
                consumed = q.range.end;
                last_in_sentence = Some(out.len() - 1);
                i += 1;
                continue;
            }
            let paired = names.len() == group.len();
            let whole_clean = clean_indicator(whole);
            for (k, &qi) in group.iter().enumerate() {
                let q = &qs[qi];
                let mut comps = lead.comparators.clone();
                if let Some(s) = &q.suffix {
                    comps.push(s.clone());
                }
                // 分别达到100万辆和150GWh左右: a shared trailing 左右.
                let indicator = if paired {
                    names[k].clone()
                } else {
                    whole_clean.clone()
                };
                let r = lead.indicator.start..q.range.end;
                out.push(make(text, &folded, indicator, q, year, comps, r, !paired));
            }
            consumed = qs[group[group.len() - 1]].range.end;
            last_in_sentence = Some(out.len() - 1);
            i = j;
            continue;
        }

        let mut indicator = clean_indicator(&f[lead.indicator.clone()]);
        let mut end = q.range.end;
        let mut named_after = false;
        if let Some((nr, false)) = noun.clone() {
            let n = clean_indicator(&f[nr.clone()]);
            if !n.is_empty() {
                indicator = n;
                end = nr.end;
                named_after = true;
            }
        }
        let span_start = region_start
            + (f[region_start..q.range.start].len()
                - f[region_start..q.range.start]
                    .trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, '、' | ',' | ';' | '和' | '及' | '与')
                    })
                    .len());
        // 项目开工率和投资完成率均达到100%: one target per rate.
        let rates: Vec<String> = split_list(&f[lead.indicator.clone()])
            .iter()
            .map(|n| clean_indicator(n))
            .collect();
        if !named_after && rates.len() > 1 && rates.iter().all(|r| names::is_rate(r)) {
            for r in rates {
                let t = make(
                    text,
                    &folded,
                    r,
                    q,
                    year,
                    comps.clone(),
                    span_start..end,
                    false,
                );
                out.push(t);
            }
            last_in_sentence = Some(out.len() - 1);
            consumed = end;
            skip_until = end;
            i += 1;
            continue;
        }
        if named_after && is_generic(&indicator) {
            // 聚焦66项具体问题: the number counts nothing measurable.
            consumed = q.range.end;
            i += 1;
            continue;
        }
        if indicator.is_empty()
            && let Some((c, name)) = &start_point
            && *c == clause_start
        {
            indicator = name.clone();
        }
        if indicator.is_empty() {
            match last_in_sentence {
                Some(k) => indicator = out[k].indicator.clone(),
                None => {
                    consumed = q.range.end;
                    i += 1;
                    continue;
                }
            }
        } else if GENERIC.contains(&indicator.as_str()) {
            // Previous clause of the same sentence.
            let prev_end = clause_start.saturating_sub(1);
            if prev_end > sentence_start {
                let pb = &f[..clause_start];
                let pb = pb.trim_end_matches(is_clause_end);
                let pstart = marks
                    .clause_mark_before(pb.len())
                    .map(|j| j + f[j..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0)
                    .max(sentence_start);
                // Empty when only clause marks stand between the sentence
                // start and this clause (。))比重4%).
                let subj = match clause_subject(f, pstart..pb.len().max(pstart)) {
                    Some(s) if s.chars().any(|c| c.is_ascii_digit()) => {
                        last_in_sentence.map(|k| out[k].indicator.clone())
                    }
                    other => other,
                };
                if let Some(subj) = subj
                    && !GENERIC.contains(&subj.as_str())
                {
                    indicator = format!("{subj}{indicator}");
                }
            }
        }
        if is_generic(&indicator) {
            consumed = q.range.end;
            i += 1;
            continue;
        }
        out.push(make(
            text,
            &folded,
            indicator,
            q,
            year,
            comps,
            span_start..end,
            false,
        ));
        last_in_sentence = Some(out.len() - 1);
        consumed = end;
        skip_until = end;
        i += 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn make(
    text: &str,
    folded: &Reading,
    indicator: String,
    q: &Quantity,
    year: Option<i32>,
    comps: Vec<String>,
    span: Range<usize>,
    uncertain: bool,
) -> TargetMatch {
    let range = folded.orig_range(span);
    TargetMatch {
        indicator,
        value: Some(q.value),
        value_high: q.value_high,
        unit: Some(q.unit.clone()),
        year,
        comparator: if comps.is_empty() {
            None
        } else {
            Some(comps.join(" "))
        },
        text: text[range.clone()].to_string(),
        range,
        uncertain,
    }
}

#[cfg(test)]
#[path = "targets_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "targets_rules_tests.rs"]
mod rules_tests;
