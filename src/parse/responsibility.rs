//! Responsibility clauses: who leads and who supports a task.
//!
//! Input: the text of one task or measure (as printed, possibly edited),
//! plus the document's stated convention if any. Output: the department
//! names as printed, split into lead and support, generic placeholders
//! (省有关部门, 各部门) kept apart, and where the clause stands in the text.
//! Names are not resolved here; `model::departments` maps them to
//! canonical departments.
//!
//! What counts as a clause:
//! - a bracket `(…)`, `〔…〕`, `【…】` (ASCII or full-width) holding a label
//!   such as `牵头单位:`, `牵头部门:`, `责任单位:`, `主责单位:`, `配合单位:`,
//!   `参与单位:`, `协同单位:`;
//! - a bracket whose parts end in `牵头`, `负责`, `按(照)职责/职能分工负责`,
//!   `分别负责`: `(A、B按照职责分工负责)`, `(A牵头,B等按职责分工负责)`;
//! - a bracket that is nothing but a list of department names, at the end
//!   of a sentence: `(省发展改革委、省财政厅)`;
//! - outside brackets, a labelled clause `牵头单位:…` up to the end of its
//!   sentence.
//!
//! Roles: labels 牵头/主责 lead and 配合/参与/协同/协办/支持 support; 责任 leads
//! unless the clause also has a 牵头 label (then it supports). `X牵头` leads.
//! `X负责` and `X按职责分工负责` lead unless a lead was named before them in
//! the same clause (`牵头单位:A;B按职责分工负责`: B supports). With
//! [`Convention::FirstListedLeads`], an unlabelled list's first name leads
//! and the rest support. Running text (省科技厅牵头负责…落实) is never a clause.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::spam::{self, SpamTable};
use super::text::{Folded, fold_width, is_han};

/// A convention a document states once about its clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// 排在第一位的部门为牵头部门: in an unlabelled list the first name leads, the rest support.
    FirstListedLeads,
}

/// The departments named by one task's clause(s).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Responsibility {
    /// Lead departments as printed, in order, trimmed of separators and 等.
    pub lead: Vec<String>,
    /// Supporting departments as printed.
    pub support: Vec<String>,
    /// Generic placeholders met (省有关部门, 各市, 省有关部门、单位 …), never departments.
    pub generic: Vec<String>,
    /// Byte ranges in the input text of each clause found (e.g. the parenthesised clause).
    pub clauses: Vec<std::ops::Range<usize>>,
}

impl Responsibility {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.support.is_empty() && self.generic.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Support,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid built-in regex"))
}

/// `牵头单位:` and its kin (simplified and traditional), on folded text.
const LABEL: &str = r"(?:牵头|牽頭|责任|責任|主责|主責|指导|指導|承办|承辦|配合|参与|參與|协同|協同|协办|協辦|支持)(?:责任|責任)?(?:单位|單位|部门|部門|处室|處室|主体|主體)(?:与协同单位|與協同單位)?\s*:|(?:部门|部門)?分工\s*:";

fn label_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, LABEL)
}

/// [`label_re`] at the start of the text only.
fn label_start_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(&format!("^(?:{LABEL})")).expect("valid built-in regex"))
}

/// The end of a part that says its names are responsible.
fn marker_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:(?:按照|按|根据|根據)?(?:各自)?(?:职责|职能|職責|職能)分工(?:负责|負責|落实|落實)|分别负责|分別負責|共同负责|共同負責|牵头负责|牽頭負責|负责落实|負責落實|负责|負責|牵头|牽頭|指导|指導)$",
    )
}

/// The end of a part that says its names support: `X配合`, `Y参与`.
fn support_marker_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:共同)?(?:配合|参与|參與|协助|協助|协同|協同|协办|協辦|支持)(?:落实|落實|实施|實施)?$",
    )
}

fn generic_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:各|有关|有關|相关|相關|省(?:直|级|級|政府)?(?:有关|有關|相关|相關|各)|省级行政|省級行政|国务院(?:有关|各)|國務院(?:有關|各))|成员单位$|成員單位$|(?:有关|相关|有關|相關)(?:部门|单位|部門|單位)(?:、(?:单位|單位))?$",
    )
}

fn convention_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:排在|排|列在|列|位于|位於|名列)(?:第一位|第一个|第一個|第一|首位|最前面|最前|前面)(?:的|者)?(?:部门|单位|部門|單位)?(?:为|為|爲|是|系)(?:牵头|牽頭|主责|主責)(?:或[^,;。]{1,4})?(?:部门|单位|部門|單位)|(?:第一个|第一個|首个|首個|首位|排名第一的?)(?:部门|单位|部門|單位)(?:为|為|爲|是)(?:牵头|牽頭)",
    )
}

/// Typical last characters (or words) of a department's name.
const ENDINGS: &[&str] = &[
    "厅", "廳", "委", "局", "办", "辦", "部", "院", "行", "会", "會", "司", "署", "所", "队", "隊",
    "联", "聯", "馆", "館", "站", "处", "處", "室", "组", "組", "团", "團", "社", "协", "協", "校",
    "台", "公司", "集团", "中心", "海关", "机关", "機關", "政府", "单位", "單位", "部门", "部門",
    "电网",
];

/// True when `name` (cleaned) is a generic placeholder: 省有关部门, 各市,
/// 省级行政执法机关, 各市党委人才工作领导小组, …各成员单位, 有关市政府.
pub fn is_generic(name: &str) -> bool {
    let name = fold_width(name);
    !name.is_empty() && name.chars().count() <= 30 && generic_re().is_match(&name)
}

/// True when `name` (cleaned) has the shape of a department's name: short,
/// Han characters only, a typical ending, no verb of responsibility.
pub fn looks_like_department(name: &str) -> bool {
    let n = name.chars().count();
    (2..=25).contains(&n)
        && name.chars().all(is_han)
        && ENDINGS.iter().any(|e| name.ends_with(e))
        && ![
            "负责", "負責", "牵头", "牽頭", "按照", "推进", "加强", "落实",
        ]
        .iter()
        .any(|v| name.contains(v))
}

/// Characters trimmed from both ends of a printed name.
fn is_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '、' | ','
                | '，'
                | ';'
                | '；'
                | ':'
                | '：'
                | '.'
                | '。'
                | '!'
                | '?'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '《'
                | '》'
                | '〔'
                | '〕'
                | '【'
                | '】'
                | '['
                | ']'
                | '-'
                | '—'
                | '·'
                | '*'
        )
}

/// Folds width, drops whitespace, trims punctuation, unbalanced brackets, a
/// trailing 等 and a leading 由/请. Inner brackets are kept.
pub fn clean_name(printed: &str) -> String {
    let mut s: String = fold_width(printed)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let before = s.len();
        s = s.trim_matches(is_trim).to_string();
        if let Some(r) = s.strip_suffix('等') {
            s = r.to_string();
        }
        for p in ["由", "请", "請"] {
            if let Some(r) = s.strip_prefix(p) {
                s = r.to_string();
            }
        }
        let opens = s.matches('(').count();
        let closes = s.matches(')').count();
        if s.ends_with(')') && closes > opens {
            s.pop();
        }
        if s.starts_with('(') && opens > closes {
            s.remove(0);
        }
        // (省财政厅): a bracket around the whole name.
        if s.starts_with('(') && s.ends_with(')') && without_parens(&s).is_empty() {
            s = s[1..s.len() - 1].to_string();
        }
        if s.len() == before {
            return s;
        }
    }
}

/// `s` without its parenthesised parts: 领导小组(指挥部)办公室 → 领导小组办公室.
pub fn without_parens(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn builtin_spam() -> &'static SpamTable {
    static T: OnceLock<SpamTable> = OnceLock::new();
    T.get_or_init(SpamTable::builtin)
}

/// Splits on separators outside inner brackets.
fn split_top(s: &str, seps: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && seps.contains(&c) {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

fn name_ok(n: &str) -> bool {
    looks_like_department(n) || is_generic(n)
}

/// Splits `A和B`, `A及B`, `A以及B`, `A与B` when both sides are names
/// (not 省工业和信息化厅, whose left side 省工业 is no name).
fn split_connectors(item: &str, out: &mut Vec<String>) {
    for conn in ["以及", "及", "和", "与", "與"] {
        for (i, _) in item.match_indices(conn) {
            let left = clean_name(&item[..i]);
            let right = &item[i + conn.len()..];
            let right_first = clean_name(&without_parens(right));
            if !left.is_empty()
                && name_ok(&without_parens(&left))
                && (name_ok(&right_first) || right_first.contains('等'))
            {
                out.push(item[..i].to_string());
                split_connectors(right, out);
                return;
            }
        }
    }
    out.push(item.to_string());
}

/// The names of a list as printed: `A、B和C等省有关部门、单位`.
fn split_names(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    for part in split_top(list, &['、', ',', ';']) {
        split_connectors(&part, &mut items);
    }
    let mut names: Vec<String> = Vec::new();
    for item in items {
        let item = spam::remove(&item, builtin_spam());
        let item = clean_name(&item);
        if item.is_empty() {
            continue;
        }
        // 省住房城乡建设厅等省有关部门: a name, then the generic rest.
        if let Some(i) = item.rfind('等') {
            let (a, b) = (&item[..i], &item[i + '等'.len_utf8()..]);
            let b = clean_name(b);
            if !a.is_empty() && is_generic(&b) {
                names.push(clean_name(a));
                names.push(b);
                continue;
            }
            // 省科技厅等部门: 等 and a bare class word.
            if !a.is_empty()
                && matches!(
                    b.as_str(),
                    "部门" | "单位" | "部门单位" | "机构" | "部門" | "單位"
                )
            {
                names.push(clean_name(a));
                continue;
            }
        }
        // 各州、市人民政府: the level words before a shared 人民政府 belong together.
        if let Some(last) = names.last_mut()
            && last.starts_with('各')
            && last.chars().count() <= 3
            && item.starts_with(['市', '县', '区', '州', '盟', '旗', '縣', '區'])
            && item.chars().count() <= 6
            && item.ends_with("政府")
        {
            last.push('、');
            last.push_str(&item);
            continue;
        }
        // 省有关部门、单位: the 单位 after a generic name belongs to it.
        if matches!(item.as_str(), "单位" | "單位") && names.last().is_some_and(|l| is_generic(l))
        {
            let last = names.last_mut().expect("checked");
            last.push('、');
            last.push_str(&item);
            continue;
        }
        names.push(item);
    }
    names
        .into_iter()
        .map(|n| clean_name(&without_parens(&n)))
        .filter(|n| !n.is_empty())
        .collect()
}

#[path = "responsibility_clause.rs"]
mod clause;
use clause::{Found, parse_clause};

fn is_open(c: char) -> bool {
    matches!(c, '(' | '〔' | '【' | '[' | '［')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '〕' | '】' | ']' | '］')
}

/// Top-level bracket spans of folded text: (start of the opening bracket,
/// end of the closing bracket), byte offsets.
fn bracket_spans(f: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in f.char_indices() {
        if is_open(c) {
            if depth == 0 {
                start = i;
            }
            depth += 1;
        } else if is_close(c) && depth > 0 {
            depth -= 1;
            if depth == 0 {
                spans.push((start, i + c.len_utf8()));
            }
        }
    }
    spans
}

/// True when only whitespace stands between `i` and the end of the text or
/// a sentence end.
fn ends_sentence(f: &str, i: usize) -> bool {
    match f[i..].chars().find(|c| !c.is_whitespace()) {
        None => true,
        Some(c) => matches!(c, '。' | ';' | '\n' | '.'),
    }
}

/// Byte range of the last sentence of folded text (after the last 。 or ;
/// that is not at the very end), trimmed of its closing stop.
fn last_sentence(f: &str) -> Option<(usize, usize)> {
    let body = f.trim_end().trim_end_matches(['。', ';', '.']);
    let end = body.len();
    let start = body.rfind(['。', ';', '\n']).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    (start < end).then_some((start, end))
}

/// True when every part of a sentence names bodies and says what they do
/// (`X负责`, `X会同Y负责`, `X牵头`, `Y配合`), with an optional leading 由:
/// running text (省科技厅牵头负责…落实) never is.
fn is_whole_clause(sentence: &str) -> bool {
    let s = sentence.trim_matches(is_trim);
    let s = s.strip_prefix('由').unwrap_or(s);
    let parts: Vec<String> = split_top(s, &[',', ';'])
        .into_iter()
        .map(|p| p.trim_matches(is_trim).to_string())
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty()
        && parts.iter().all(|part| {
            let m = marker_re()
                .find(part)
                .or_else(|| support_marker_re().find(part));
            let Some(m) = m else { return false };
            let head = &part[..m.start()];
            let names: Vec<String> = head
                .split("会同")
                .flat_map(|h| split_names(h.strip_prefix('由').unwrap_or(h)))
                .collect();
            // Names, not a phrase that starts with a preposition or runs on.
            !names.is_empty()
                && names.iter().any(|n| looks_like_department(n))
                && names.iter().all(|n| {
                    n.chars().count() <= 20
                        && !n.starts_with(['对', '向', '在', '把', '将', '从', '为', '经'])
                        && (looks_like_department(n) || (is_generic(n) && n.chars().count() <= 8))
                })
        })
}

/// Folded text with a line break in place of each space that stands
/// before a label other than a responsibility label (`… 牵头单位:A
/// 分管领导:张三`: labelled lines joined to their item), so a list ends
/// where the next label's line starts. Same
/// length, so offsets still map to the original.
fn break_before_labels(f: &str) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(&R, r" [^\s:;,。()]{2,10}:");
    let mut out = f.to_string();
    for m in r.find_iter(f) {
        // Responsibility labels stay in one clause (牵头单位:A 责任单位:B:
        // B supports); any other label (分管领导:张三) ends it.
        if label_start_re().is_match(&f[m.start() + 1..]) {
            continue;
        }
        out.replace_range(m.start()..m.start() + 1, "\n");
    }
    out
}

/// Finds the responsibility clause(s) in one task text.
pub fn extract(text: &str, convention: Option<Convention>) -> Responsibility {
    let folded = Folded::new(text);
    let broken = break_before_labels(&folded.text);
    let f = broken.as_str();
    let mut all = Found::default();
    let mut clauses: Vec<std::ops::Range<usize>> = Vec::new();
    let spans = bracket_spans(f);
    for &(s, e) in &spans {
        let open_len = f[s..].chars().next().map_or(1, char::len_utf8);
        let close_len = f[..e].chars().next_back().map_or(1, char::len_utf8);
        let content = &f[s + open_len..e - close_len];
        if content.chars().count() > 400 {
            continue;
        }
        if let Some(found) = parse_clause(content, ends_sentence(f, e), convention) {
            all.lead.extend(found.lead);
            all.support.extend(found.support);
            all.generic.extend(found.generic);
            clauses.push(folded.orig_offset(s)..folded.orig_offset(e));
        }
    }
    // Labelled clauses outside brackets, up to the end of their sentence.
    // Spans are in order and apart, and so are these clauses: whether a
    // label is inside one is a look at the last one starting before it.
    let mut last_labelled: Option<std::ops::Range<usize>> = None;
    for m in label_re().find_iter(f) {
        let in_span = spans
            .partition_point(|&(s, _)| s <= m.start())
            .checked_sub(1)
            .is_some_and(|k| m.start() < spans[k].1);
        if in_span
            || last_labelled
                .as_ref()
                .is_some_and(|r| r.contains(&folded.orig_offset(m.start())))
        {
            continue;
        }
        let end = f[m.start()..]
            .find(['。', '\n'])
            .map_or(f.len(), |i| m.start() + i);
        if let Some(found) = parse_clause(&f[m.start()..end], true, convention) {
            all.lead.extend(found.lead);
            all.support.extend(found.support);
            all.generic.extend(found.generic);
            let r = folded.orig_offset(m.start())..folded.orig_offset(end);
            clauses.push(r.clone());
            last_labelled = Some(r);
        }
    }
    // An unbracketed closing sentence that is nothing but a clause:
    // 由市商务局会同市财政局负责。 / 市发展改革委牵头,市财政局配合。
    if clauses.is_empty()
        && let Some((s, e)) = last_sentence(f)
        && is_whole_clause(&f[s..e])
        && let Some(found) = parse_clause(&f[s..e], true, convention)
    {
        all.lead.extend(found.lead);
        all.support.extend(found.support);
        all.generic.extend(found.generic);
        clauses.push(folded.orig_offset(s)..folded.orig_offset(e));
    }
    clauses.sort_by_key(|r| r.start);
    let mut r = Responsibility {
        clauses,
        ..Responsibility::default()
    };
    for n in all.lead {
        if !r.lead.contains(&n) {
            r.lead.push(n);
        }
    }
    for n in all.support {
        if !r.lead.contains(&n) && !r.support.contains(&n) {
            r.support.push(n);
        }
    }
    for n in all.generic {
        if !r.generic.contains(&n) {
            r.generic.push(n);
        }
    }
    r
}

/// Finds a convention stated in a document's text (e.g. 排在第一位的部门为牵头部门).
pub fn detect_convention(text: &str) -> Option<Convention> {
    let f: String = fold_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    convention_re()
        .is_match(&f)
        .then_some(Convention::FirstListedLeads)
}

#[cfg(test)]
#[path = "responsibility_tests.rs"]
mod tests;
