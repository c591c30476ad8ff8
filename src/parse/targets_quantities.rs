//! Quantities of `targets`: an Arabic number with a unit of [`UNITS`] and
//! an optional trailing comparator, a range (3—5家, 7.5%—8%), or the
//! special form 过千亿. Numbers that are parts of tokens (5G, IPv6),
//! ordinals (第3, 前4项), stocks (现有157家), names in quotes or titles and
//! durations (15个工作日) are no quantities.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

use super::marks::Marks;
use super::rules;
use super::words::{SUFFIX_COMPARATORS, UNITS};

pub(super) struct Quantity {
    /// Folded byte range of number, unit and trailing comparator.
    pub range: Range<usize>,
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: String,
    pub suffix: Option<String>,
}

/// ASCII digits only (`\d` also matches other scripts' digits, which do
/// not parse as a number).
static QTY: LazyLock<Regex> = LazyLock::new(|| {
    let mut units: Vec<&str> = UNITS.to_vec();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    let units: Vec<String> = units.iter().map(|u| regex::escape(u)).collect();
    let mut suffixes: Vec<&str> = SUFFIX_COMPARATORS.to_vec();
    suffixes.sort_by_key(|u| std::cmp::Reverse(u.len()));
    Regex::new(&format!(
        r"(?P<v>[0-9]+(?:\.[0-9]+)?)(?:\s*[—\-~～至到]\s*(?P<h>[0-9]+(?:\.[0-9]+)?))?\s*(?P<u>{})(?P<s>{})?",
        units.join("|"),
        suffixes.join("|")
    ))
    .unwrap()
});

static KILO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<c>过|破|超)(?P<n>千|百|万)亿(?:元)?").unwrap());

pub(super) fn quantities(f: &str, marks: &Marks) -> Vec<Quantity> {
    let mut out = Vec::new();
    for c in QTY.captures_iter(f) {
        let m = c.get(0).unwrap();
        let before = &f[..m.start()];
        let prev = before.chars().next_back();
        // Part of a longer token: 5G, IPv6, “2115”, 1.5 split by a dot …
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '-') {
            continue;
        }
        let unit = c["u"].to_string();
        let after = &f[m.end()..];
        // An ASCII unit must end the token (GW in GWh is caught by
        // longest-first; 5G-PON and the like have no unit).
        if unit.is_ascii()
            && after
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphanumeric())
        {
            continue;
        }
        if before.ends_with('第') || before.ends_with('前') {
            continue;
        }
        if ["现有", "已有", "目前"].iter().any(|w| before.ends_with(w)) {
            continue;
        }
        if rules::is_name_or_duration(f, marks, m.start()..m.end(), &unit) {
            continue;
        }
        let Ok(value) = c["v"].parse::<f64>() else {
            continue;
        };
        let value_high = match c.name("h").map(|h| h.as_str().parse::<f64>()) {
            Some(Ok(h)) => Some(h),
            Some(Err(_)) => continue,
            None => None,
        };
        // A year is never a value: 2024年 has no unit, but 2025年1月 → no.
        out.push(Quantity {
            range: m.start()..m.end(),
            value,
            value_high,
            unit,
            suffix: c.name("s").map(|s| s.as_str().to_string()),
        });
    }
    for c in KILO.captures_iter(f) {
        let m = c.get(0).unwrap();
        let v = match &c["n"] {
            "百" => 100.0,
            "千" => 1000.0,
            _ => 10000.0,
        };
        // The comparator 过 is part of the match; keep the quantity range on
        // the number words only and let the backward reader find 过.
        let start = m.start() + c["c"].len();
        out.push(Quantity {
            range: start..m.end(),
            value: v,
            value_high: None,
            unit: "亿".to_string(),
            suffix: None,
        });
    }
    out.sort_by_key(|q| q.range.start);
    // 7.5%—8%: a range whose low end carries the unit too.
    let mut merged: Vec<Quantity> = Vec::with_capacity(out.len());
    for q in out {
        if let Some(p) = merged.last_mut()
            && p.unit == q.unit
            && p.value_high.is_none()
            && p.suffix.is_none()
            && matches!(
                f[p.range.end..q.range.start].trim(),
                "—" | "-" | "~" | "～" | "–"
            )
        {
            p.value_high = Some(q.value);
            p.range.end = q.range.end;
            p.suffix = q.suffix;
            continue;
        }
        merged.push(q);
    }
    merged
}
