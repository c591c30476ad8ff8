//! The per-text parsers on arbitrary Unicode, where the property tests
//! use mostly Han text and ASCII: `targets::extract`,
//! `deadlines::extract_with_year`, `table::detect` and `table::targets`
//! (rows: one per line, cells split at `|` or a tab), the responsibility
//! parser (`responsibility::extract`, `detect_convention`) and
//! `citations::extract`. Nothing panics or hangs, and every byte range
//! returned lies inside the text on character boundaries, over the text
//! it claims to cover.

#![no_main]

use gazette::parse::responsibility::{self, Convention};
use gazette::parse::{citations, deadlines, table, targets};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;

fn span<'a>(text: &'a str, r: &Range<usize>, what: &str) -> &'a str {
    text.get(r.clone()).unwrap_or_else(|| {
        panic!(
            "{what}: range {r:?} is not a slice of the {} byte text",
            text.len()
        )
    })
}

fuzz_target!(|text: &str| {
    for t in targets::extract(text) {
        assert_eq!(
            span(text, &t.range, "target"),
            t.text,
            "target text and range"
        );
    }
    for year in [None, Some(2024)] {
        for d in deadlines::extract_with_year(text, year) {
            assert_eq!(
                span(text, &d.range, "deadline"),
                d.text,
                "deadline text and range"
            );
        }
    }
    let convention = responsibility::detect_convention(text);
    for c in [None, Some(Convention::FirstListedLeads), convention] {
        for r in responsibility::extract(text, c).clauses {
            span(text, &r, "responsibility clause");
        }
    }
    for c in citations::extract(text) {
        span(text, &c.range, "citation");
    }
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    if let Some(t) = table::detect(&lines) {
        let _ = table::targets(&t.rows);
    }
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(['|', '\t']).map(str::to_string).collect())
        .collect();
    let _ = table::targets(&rows);
});
