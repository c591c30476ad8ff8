//! Document metadata from the head and signature of a document: title,
//! document number (发文字号), issuers, addressees (主送), signing date
//! (成文日期), and for a notice whose title was stripped, a title inferred
//! from its 印发 sentence.
//!
//! Input: the pieces of one document. Output: a [`Header`] and the index
//! of the first body piece.

use crate::parse::outline::Piece;
use crate::parse::text::without_spaces;
use crate::parse::{citations, outline};
use regex::Regex;
use std::sync::LazyLock;

/// What the head of a document says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: String,
    pub title_inferred: bool,
    pub doc_number: Option<String>,
    pub issuers: Vec<String>,
    pub addressee: Option<String>,
    pub date: Option<String>,
    /// Pieces before the title (a news site's lead, a listing's furniture).
    pub preface: Vec<Piece>,
    /// Index of the first body piece.
    pub body_start: usize,
    /// Text left over from the title piece of a flattened document (the body's first words).
    pub body_lead: Option<Piece>,
}

/// Words a document title ends with (the genre's document types).
pub const DOC_TYPES: &[&str] = &[
    "通知",
    "意见",
    "决定",
    "办法",
    "方案",
    "规划",
    "纲要",
    "计划",
    "措施",
    "公告",
    "通告",
    "通报",
    "批复",
    "函",
    "条例",
    "规定",
    "细则",
    "清单",
    "要点",
    "指引",
    "指南",
    "决议",
    "预案",
    "规则",
    "责任分解",
    "任务分解",
    "责任分工",
    "任务分工",
    "分解表",
    "分工表",
];

/// A line that is a date and nothing else (the date of a signature).
fn is_date_line(s: &str) -> bool {
    let t = s.trim().trim_matches(['(', ')', '（', '）']);
    t.chars().count() <= 12 && (iso_date(t).is_some() || t.ends_with('日') && t.contains('年'))
}

/// A date in Arabic (2024年4月28日) or Chinese numerals (二〇〇五年六月十一日).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([0-9]{4}|[〇零○一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日",
    )
    .unwrap()
});
static ADDRESSEE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(人民政府|各部门|部门|直属机构|各省|各市|各级|各有关|单位|厅|局|委|机构|公司|院校)",
    )
    .unwrap()
});
static ORG_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(人民政府|政府|办公厅|办公室|委员会|省委|市委|党委|总局|局|部|厅|委|院|署|行|会|办)$",
    )
    .unwrap()
});
static PRINTED_TITLES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"《([^《》]{2,80})》").unwrap());

/// ISO date of the first `YYYY年M月D日` in `s`, in Arabic or Chinese numerals.
pub fn iso_date(s: &str) -> Option<String> {
    let c = DATE.captures(s)?;
    let year: String = c[1]
        .chars()
        .map(|ch| match ch {
            '〇' | '零' | '○' => '0',
            _ => outline::han_value(&ch.to_string())
                .and_then(|v| char::from_digit(v, 10))
                .unwrap_or(ch),
        })
        .collect();
    let number = |t: &str| t.parse().ok().or_else(|| outline::han_value(t));
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, number(&c[2])?, number(&c[3])?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// True when `s` ends with a document type word.
pub fn ends_with_doc_type(s: &str) -> bool {
    let s = strip_trailing_paren(s.trim_end().trim_end_matches('》'));
    DOC_TYPES.iter().any(|t| s.ends_with(t)) || {
        // A Traditional title (…責任分解, …的意見).
        let tail: String = s
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let simplified = crate::parse::script::to_simplified(&tail);
        simplified != tail && DOC_TYPES.iter().any(|t| simplified.ends_with(t))
    }
}

/// True when `s` ends with one of the given document type words.
pub fn ends_with_doc_type_any(s: &str, types: &[&str]) -> bool {
    let s = strip_trailing_paren(s.trim_end());
    types.iter().any(|t| s.ends_with(t))
}

/// The issuers of a signature line ("山东省人民政府办公厅"), if it is one.
pub fn issuers_of_signature(s: &str) -> Option<Vec<String>> {
    let t = s.trim();
    let n = t.chars().count();
    if !(2..=60).contains(&n)
        || !ORG_END.is_match(t)
        || !t
            .chars()
            .all(|c| crate::parse::text::is_han(c) || c.is_whitespace() || c == '、')
    {
        return None;
    }
    let v = split_issuers(t);
    (!v.is_empty()).then_some(v)
}

/// Removes a trailing parenthesised part such as (2024—2025年) or (第一批).
pub fn strip_trailing_paren(s: &str) -> &str {
    let t = s.trim_end();
    if (t.ends_with(')') || t.ends_with('）'))
        && let Some(i) = t.rfind(['(', '（'])
    {
        return t[..i].trim_end();
    }
    t
}

fn is_short_title_line(p: &Piece) -> bool {
    p.marker.is_none()
        && p.text.chars().count() <= 60
        && !p.text.contains('。')
        && !p.text.ends_with(':')
        && !p.text.ends_with('：')
}

/// An addressee line: `各市人民政府,…:`.
pub fn addressee_of(text: &str) -> Option<(String, usize)> {
    let end = text.find([':', '：'])?;
    let head = &text[..end];
    let n = head.chars().count();
    if n == 0 || n > 160 || head.contains('。') || !ADDRESSEE_WORDS.is_match(head) {
        return None;
    }
    let colon = text[end..].chars().next()?.len_utf8();
    Some((head.trim().to_string(), end + colon))
}

/// Issuers named before 关于 in a title ("财政部 国家税务总局关于…").
pub fn issuers_of_title(title: &str) -> Vec<String> {
    let Some(i) = title.find("关于") else {
        return Vec::new();
    };
    split_issuers(&title[..i])
}

fn split_issuers(s: &str) -> Vec<String> {
    s.split([' ', '\u{3000}', '、', ',', '，'])
        .map(str::trim)
        .filter(|p| p.chars().count() >= 2 && ORG_END.is_match(p))
        .map(str::to_string)
        .collect()
}

/// Reads the head of a document.
pub fn read_header(pieces: &[Piece]) -> Header {
    let mut h = read_header_raw(pieces);
    h.title = tidy_title(&h.title);
    h
}

fn read_header_raw(pieces: &[Piece]) -> Header {
    let mut h = Header::default();
    // 1. A flattened document: title, number, addressee and body in one piece.
    if let Some(first) = pieces.first()
        && first.marker.is_none()
        && first.text.chars().count() > 80
        && let Some(done) = flattened_header(first, &mut h)
    {
        h.body_start = 1;
        if !done.text.is_empty() {
            h.body_lead = Some(done);
        }
        return h;
    }
    // 2. A title of one or more short lines near the top, ending with a document type.
    let limit = pieces.len().min(20);
    let mut i = 0;
    while i < limit {
        if is_short_title_line(&pieces[i]) {
            let mut j = i;
            let mut title = String::new();
            while j < limit
                && is_short_title_line(&pieces[j])
                && citations::doc_numbers(&pieces[j].text).is_empty()
                && !is_date_line(&pieces[j].text)
            {
                title.push_str(&pieces[j].text);
                if ends_with_doc_type(&strip_site_suffix(&title)) {
                    break;
                }
                j += 1;
            }
            if j < limit && ends_with_doc_type(&strip_site_suffix(&title)) {
                h.preface = pieces[..i].to_vec();
                h.issuers = issuers_of_title(&title);
                if h.issuers.is_empty() && j > i && ORG_END.is_match(pieces[i].text.trim()) {
                    h.issuers = split_issuers(&pieces[i].text);
                }
                h.title = strip_site_suffix(&title);
                h.doc_number = bare_number(&pieces[..i]);
                let mut k = j + 1;
                loop {
                    let n = repeated_title_len(&pieces[k..], &h.title);
                    if n == 0 {
                        break;
                    }
                    k += n;
                }
                if k < pieces.len() && pieces[k].marker.is_none() {
                    let nums = citations::doc_numbers(&pieces[k].text);
                    if let Some((r, _)) = nums.first()
                        && r.start == 0
                        && pieces[k].text.chars().count() <= 30
                    {
                        h.doc_number = Some(pieces[k].text[r.clone()].trim().to_string());
                        k += 1;
                    }
                }
                if k < pieces.len()
                    && pieces[k].marker.is_none()
                    && let Some((a, end)) = addressee_of(&pieces[k].text)
                {
                    h.addressee = Some(a);
                    let rest = pieces[k].text[end..].trim();
                    if !rest.is_empty() {
                        h.body_lead = Some(Piece {
                            text: rest.to_string(),
                            line: pieces[k].line,
                            marker: None,
                        });
                    }
                    k += 1;
                }
                h.body_start = k;
                return h;
            }
        }
        i += 1;
    }
    // 3. No title: an addressee line first (after the 文号, if any), then a
    // notice (its title is inferred).
    let skip = match pieces.first() {
        Some(p) if bare_number(std::slice::from_ref(p)).is_some() => {
            h.doc_number = bare_number(std::slice::from_ref(p));
            1
        }
        _ => 0,
    };
    let pieces = &pieces[skip..];
    h.body_start = skip;
    if let Some(first) = pieces.first()
        && first.marker.is_none()
        && let Some((a, end)) = addressee_of(&first.text)
    {
        h.addressee = Some(a);
        let rest = first.text[end..].trim();
        if !rest.is_empty() {
            h.body_lead = Some(Piece {
                text: rest.to_string(),
                line: first.line,
                marker: None,
            });
        }
        h.body_start = skip + 1;
    }
    h.title_inferred = true;
    h
}

/// A title without the spaces a line break or a scrape left inside its
/// subject (关于印发 《某某方案》的通知): spaces after 关于 go; spaces
/// between the issuers before it stay (财政部 税务总局关于…).
pub fn tidy_title(title: &str) -> String {
    let at = ["关于", "關于", "關於"]
        .iter()
        .filter_map(|w| title.find(w))
        .min();
    let Some(at) = at else {
        return title.to_string();
    };
    let (head, subject) = title.split_at(at);
    // A space between two phrases of the subject is the title's own
    // (深化制造业金融服务 助力推进新型工业化); one next to a bracket or
    // before a word that cannot start a phrase (和, 的) is a line break.
    let chars: Vec<char> = subject.chars().collect();
    let mut out = String::from(head);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().next_back();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace()).copied();
            let glue = |c: Option<char>, set: &str| c.is_none_or(|c| set.contains(c));
            if glue(next, "《》“”()（）〈〉和及与的等") || glue(prev, "《“(（〈发于於")
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The 文号 printed alone on a line before the title (a red-head
/// document: issuer's 文件 line, then the number, then the title).
fn bare_number(pieces: &[Piece]) -> Option<String> {
    pieces.iter().rev().take(4).find_map(|p| {
        let nums = citations::doc_numbers(&p.text);
        let (r, _) = nums.first()?;
        (p.marker.is_none()
            && p.text[..r.start].trim().is_empty()
            && p.text[r.end..].trim().is_empty())
        .then(|| p.text[r.clone()].trim().to_string())
    })
}

/// Number of pieces at the start of `rest` that repeat `title` (a page
/// prints its headline, then the document prints its own title block,
/// often broken over lines); 0 when they do not. One short line between
/// (a 来源 or date line) is allowed.
fn repeated_title_len(rest: &[Piece], title: &str) -> usize {
    let want = without_spaces(title);
    for skip in 0..=1 {
        let mut seen = String::new();
        for (n, p) in rest.iter().enumerate().skip(skip).take(8) {
            // The 文号 may be glued before the repeated title.
            let text = match citations::doc_numbers(&p.text).first() {
                Some((r, _)) if r.start == 0 && n == skip => &p.text[r.end..],
                _ => p.text.as_str(),
            };
            if !is_short_title_line(p) && text.chars().count() > 80 {
                break;
            }
            seen.push_str(&without_spaces(text));
            if !want.starts_with(&seen) {
                break;
            }
            if seen == want {
                return n + 1;
            }
        }
    }
    0
}

/// A title without the site name a page title adds (…的意见-某省人民政府门户网站).
fn strip_site_suffix(title: &str) -> String {
    static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[-_|－—]+\s*[^-_|－—]{2,24}(门户网站|门户网|门户|政府网|网站|网)$").unwrap()
    });
    match SUFFIX.find(title) {
        Some(m) if ends_with_doc_type(&title[..m.start()]) => title[..m.start()].to_string(),
        _ => title.to_string(),
    }
}

/// Header of a flattened document; returns the body text left in the first piece.
fn flattened_header(first: &Piece, h: &mut Header) -> Option<Piece> {
    let text = first.text.as_str();
    let window: usize = text
        .char_indices()
        .nth(220)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let mut rest_at;
    // Title ends at the document number, or at a ",," the listing put after it.
    let nums = citations::doc_numbers(text);
    let num = nums.iter().find(|(r, _)| r.start < window && r.start > 0);
    let sep = text[..window]
        .find(",,")
        .or_else(|| text[..window].find("，，"));
    match (num, sep) {
        (Some((r, n)), s)
            if s.is_none_or(|s| r.start < s || ends_with_doc_type(text[..r.start].trim())) =>
        {
            let title = text[..r.start].trim();
            let title = after_sep(title);
            h.title = title.trim().to_string();
            h.doc_number = Some(text[r.clone()].trim().to_string());
            rest_at = r.end;
        }
        (_, Some(s)) => {
            h.title = text[..s].trim().to_string();
            rest_at = s;
            let after = text[s..].trim_start_matches([',', '，', ' ']);
            rest_at += text[s..].len() - after.len();
            // The listing may repeat the title (without its spaces), then the number or date.
            let compact = without_spaces(&h.title);
            let after_compact_len = prefix_len_ignoring_spaces(after, &compact);
            if let Some(l) = after_compact_len {
                rest_at += l;
            }
            let tail = &text[rest_at..];
            let nums = citations::doc_numbers(tail);
            if let Some((r, _)) = nums.first()
                && r.start == 0
            {
                h.doc_number = Some(tail[r.clone()].trim().to_string());
                rest_at += r.end;
            }
        }
        _ => {
            // A title that ends with a document type and is followed by a space or (date).
            let t = first_title_end(&text[..window])?;
            h.title = text[..t].trim().to_string();
            rest_at = t;
        }
    }
    h.title = clean_title(&h.title);
    h.issuers = issuers_of_title(&h.title);
    let mut rest = text[rest_at..].trim_start();
    // (2023年12月28日) right after the title: the signing date.
    if rest.starts_with(['(', '（'])
        && let Some(close) = rest.find([')', '）'])
        && let Some(d) = iso_date(&rest[..close])
    {
        h.date = Some(d);
        rest = rest[close..].trim_start_matches([')', '）']).trim_start();
    }
    if let Some((a, end)) = addressee_of(rest) {
        h.addressee = Some(a);
        rest = rest[end..].trim_start();
    }
    Some(Piece {
        text: rest.to_string(),
        line: first.line,
        marker: None,
    })
}

/// End of the earliest title-like prefix: a document type word followed by a space or a parenthesis.
fn first_title_end(original: &str) -> Option<usize> {
    // Match on Simplified characters so Traditional titles (…的意見) are found too.
    let simplified = crate::parse::script::to_simplified(original);
    let s = if simplified.chars().count() == original.chars().count() {
        simplified.as_str()
    } else {
        original
    };
    let mut best: Option<usize> = None;
    for t in DOC_TYPES {
        for (i, _) in s.match_indices(t) {
            let end = i + t.len();
            let next = s[end..].chars().next();
            if next.is_some_and(|c| c.is_whitespace() || c == '(' || c == '（')
                && s[..i].chars().count() >= 6
            {
                best = Some(best.map_or(end, |b: usize| b.min(end)));
            }
        }
    }
    // Back to a byte offset in the original text.
    let chars = s[..best?].chars().count();
    Some(
        original
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(original.len()),
    )
}

/// Length in bytes of the prefix of `s` that equals `compact` when spaces are ignored.
fn prefix_len_ignoring_spaces(s: &str, compact: &str) -> Option<usize> {
    let mut want = compact.chars().peekable();
    for (i, c) in s.char_indices() {
        if want.peek().is_none() {
            return Some(i);
        }
        if c.is_whitespace() {
            continue;
        }
        if Some(&c) != want.peek() {
            return None;
        }
        want.next();
    }
    want.peek().is_none().then_some(s.len())
}

fn after_sep(title: &str) -> &str {
    // "…的通知,,…的通知" listings: keep the last copy.
    match title.rfind(",,") {
        Some(i) => &title[i + 2..],
        None => title,
    }
}

fn clean_title(t: &str) -> String {
    let t = t.trim().trim_end_matches([',', '，']);
    // Collapse runs of spaces; keep single spaces that separate issuers.
    let mut out = String::new();
    let mut last_space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out.trim().to_string()
}

/// The 《titles》 a notice says it issues ("《A》《B》已经…同意,现印发给你们").
pub fn issued_titles(text: &str) -> Vec<String> {
    let Some(pos) = text.find("印发") else {
        return Vec::new();
    };
    let head = &text[..pos];
    PRINTED_TITLES
        .captures_iter(head)
        .map(|c| c[1].to_string())
        .collect()
}

/// A title for a notice that lost its own: 关于印发A、B的通知.
pub fn infer_notice_title(issued: &[String]) -> Option<String> {
    (!issued.is_empty()).then(|| format!("关于印发{}的通知", issued.join("、")))
}

/// A signature (issuer, then date) inside a piece: returns the byte range
/// of the signature, the issuers and the ISO date.
pub fn find_signature(text: &str) -> Option<(std::ops::Range<usize>, Vec<String>, String)> {
    for c in DATE.captures_iter(text) {
        let m = c.get(0).unwrap();
        // Text between the previous sentence end and the date.
        let before = &text[..m.start()];
        let start = before
            .rfind(['。', ':', '：', ')', '）'])
            .map(|i| i + before[i..].chars().next().unwrap().len_utf8())
            .unwrap_or(0);
        let who = before[start..].trim();
        let n = who.chars().count();
        if (2..=80).contains(&n)
            && ORG_END.is_match(who)
            && who
                .chars()
                .all(|c| crate::parse::text::is_han(c) || c.is_whitespace() || c == '、')
        {
            let date = iso_date(m.as_str())?;
            let mut end = m.end();
            // "(此件主动公开)" and "印发" notes belong to the signature.
            let tail = &text[end..];
            if tail.starts_with(['(', '（'])
                && let Some(close) = tail.find([')', '）'])
                && tail[..close].contains("公开")
            {
                end += close + tail[close..].chars().next().unwrap().len_utf8();
            }
            return Some((start..end, split_issuers(who), date));
        }
        if before.trim().is_empty() && n == 0 {
            // A date alone on its line (after a signature line).
            let date = iso_date(m.as_str())?;
            if text[m.end()..].trim().is_empty() {
                return Some((0..text.len(), Vec::new(), date));
            }
        }
    }
    None
}

#[cfg(test)]
#[path = "meta_tests.rs"]
mod tests;
