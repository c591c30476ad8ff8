//! Indicator names for `targets`: what a quantity measures, cleaned of
//! years, verbs and punctuation.

use regex::Regex;
use std::sync::LazyLock;

use super::YEAR_EXPR;

pub(super) fn clean_indicator(s: &str) -> String {
    static BASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:比|较)\d{4}年(?:年底|年末|底|末)?(?:的)?").unwrap());
    let s = BASE.replace_all(s, "");
    let s = YEAR_EXPR.replace_all(&s, "");
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '、' | ';' | ':' | '的' | '”' | '“')
    });
    let mut s = s.to_string();
    // Unbalanced quotes after trimming.
    if s.contains('”') && !s.contains('“') {
        s = format!("“{s}");
    }
    if s.contains('“') && !s.contains('”') {
        s.push('”');
    }
    let n = s.chars().count();
    if n > 30 {
        s = s.chars().skip(n - 30).collect();
    }
    s
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
        let sep = depth <= 0
            && (c == '、' || c == '和' || c == '及' || c == '与')
            // 和 inside a word such as 和平 is rare in indicator lists.
            ;
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
