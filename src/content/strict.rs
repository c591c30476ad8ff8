//! TOML an editor writes (front matter, `site.toml`) read into typed values
//! with every problem found, not only the first: all syntax errors, every
//! unknown key, every value of the wrong type or form, a missing key. Each
//! problem carries the byte range it is about (the key for an unknown key,
//! the value for a wrong value) and a message that says what to do.
//!
//! serde stops at the first error, so the table is deserialized again
//! after each error with the offending key taken out, until it reads or
//! the error is a missing key (which no retry can get past).

use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// At most this many syntax errors of one text are reported.
pub const MAX_SYNTAX_ERRORS: usize = 10;

/// At most this many problems of keys and values are looked for.
pub const MAX_PROBLEMS: usize = 30;

/// One problem in a TOML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the text; `None` when the problem is about the whole text.
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Reads `text` as a `T`, or every problem found, sorted by position.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Vec<Problem>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        // Keys and values after a syntax error are guesses: only the
        // syntax errors are reported.
        let mut problems: Vec<Problem> = Vec::new();
        for e in &errors {
            let p = Problem {
                span: e.span(),
                message: format!("{} (this is not valid TOML)", e.message().trim()),
            };
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
        // The parser recovers and goes on: after a few errors, the rest
        // mostly follow from the first ones.
        if problems.len() > MAX_SYNTAX_ERRORS {
            let more = problems.len() - MAX_SYNTAX_ERRORS;
            problems.truncate(MAX_SYNTAX_ERRORS);
            let last = problems.last_mut().expect("not empty");
            last.message.push_str(&format!(
                "; {more} more TOML errors after this one not shown"
            ));
        }
        return Err(problems);
    }
    let mut table = table;
    let mut problems: Vec<Problem> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut cut = false;
    loop {
        if problems.len() >= MAX_PROBLEMS {
            // Each retry reads the whole table again: a text with a wrong
            // key on every line would take quadratic time.
            cut = true;
            break;
        }
        let de = toml::de::Deserializer::from(table.clone());
        match T::deserialize(de) {
            Ok(v) if problems.is_empty() => return Ok(v),
            Ok(_) => break,
            Err(e) => {
                let message = e.message().trim().to_string();
                let span = e.span().filter(|s| !s.is_empty());
                if let Some(key) = missing_field(&message) {
                    let key = key.to_string();
                    // A key taken out for its wrong value is reported already.
                    let reported = removed.contains(&key);
                    // A nested table (its span) lacks the key: it is taken
                    // out so that the keys after it are read too. The top
                    // table lacking one means every other key was read.
                    let table_key = span
                        .clone()
                        .and_then(|s| take_out(table.get_mut(), &s, &mut removed));
                    if !reported {
                        let name = match &table_key {
                            Some(_) => format!(" in `{}`", removed.last().expect("taken out")),
                            None => String::new(),
                        };
                        problems.push(Problem {
                            span: table_key.as_ref().map(|t| t.0.clone()),
                            message: format!("missing key `{key}`{name}: add it"),
                        });
                    }
                    if table_key.is_none() {
                        break;
                    }
                    continue;
                }
                let taken = span
                    .clone()
                    .and_then(|s| take_out(table.get_mut(), &s, &mut removed));
                problems.push(Problem {
                    span: span.or_else(|| taken.as_ref().map(|t| t.0.clone())),
                    message: explain(&message, taken.as_ref().map(|t| t.1)),
                });
                if taken.is_none() {
                    break;
                }
            }
        }
    }
    problems.sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
    if cut && let Some(last) = problems.last_mut() {
        last.message
            .push_str("; more problems after these are not looked for");
    }
    Err(problems)
}

/// The top-level keys of a TOML text with their byte ranges (none when
/// the text does not parse).
pub fn key_spans(text: &str) -> Vec<(String, Range<usize>)> {
    match DeTable::parse(text) {
        Ok(t) => t
            .get_ref()
            .iter()
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// `missing field `x`` → `x`.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")?
        .split('`')
        .next()
        .filter(|k| !k.is_empty())
}

/// Whether the error at `span` is about a key (an unknown key) rather than
/// its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Key,
    Value,
}

/// Takes out of `table` the innermost key whose name or value holds
/// `span`; returns the span to report (the key's or the value's) and
/// which it was. Its name goes into `removed`.
fn take_out(
    table: &mut DeTable<'_>,
    span: &Range<usize>,
    removed: &mut Vec<String>,
) -> Option<(Range<usize>, Part)> {
    let within = |r: Range<usize>| r.start <= span.start && span.end <= r.end.max(r.start + 1);
    let mut found: Option<(String, Range<usize>, Part)> = None;
    for (k, v) in table.iter_mut() {
        if within(k.span()) {
            found = Some((k.get_ref().to_string(), k.span(), Part::Key));
            break;
        }
        if within(v.span()) {
            let vspan = v.span();
            if let DeValue::Table(inner) = v.get_mut()
                && let Some(deeper) = take_out(inner, span, removed)
            {
                return Some(deeper);
            }
            found = Some((k.get_ref().to_string(), vspan, Part::Value));
            break;
        }
    }
    if found.is_none() {
        // A `[table]` header's value spans only the header: look inside
        // every table for a key at the span.
        for (_, v) in table.iter_mut() {
            if let DeValue::Table(inner) = v.get_mut()
                && let Some(deeper) = take_out(inner, span, removed)
            {
                return Some(deeper);
            }
        }
    }
    let (name, at, part) = found?;
    table.remove(name.as_str());
    removed.push(name);
    Some((at, part))
}

/// The edit distance (Levenshtein, in characters) of two names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// serde's message with what to do about it.
fn explain(message: &str, part: Option<Part>) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let known = expected
            .strip_prefix("one of ")
            .unwrap_or(expected)
            .to_string();
        let name = key.trim_matches('`');
        let nearest = known
            .split(", ")
            .map(|k| k.trim_matches('`'))
            .map(|k| (distance(name, k), k))
            .filter(|(d, k)| *d <= 2 && *d < k.chars().count())
            .min();
        if let Some((_, k)) = nearest {
            return format!("unknown key {key}: did you mean `{k}`? Correct it, or remove it");
        }
        return if known.is_empty() {
            format!("unknown key {key}: remove it")
        } else {
            format!("unknown key {key}: remove it or correct its spelling (known keys: {known})")
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("unknown value {value}: write {expected}");
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return format!("{message}: write a value of that type");
    }
    match part {
        Some(Part::Value) | None => message.to_string(),
        Some(Part::Key) => format!("{message}: remove or rename this key"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        file: String,
        lines: u32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        id: String,
        #[serde(default)]
        count: u32,
        #[serde(default)]
        mode: Option<Mode>,
        source: Inner,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Mode {
        Fast,
        Slow,
    }

    fn at(text: &str, p: &Problem) -> String {
        let s = p.span.clone().expect("a span");
        let (l, c) = crate::diag::line_col(text, s.start);
        format!("{l}:{c} {}", p.message)
    }

    #[test]
    fn a_key_on_every_line_wrong_is_cut_short_in_linear_time() {
        let mut text = String::from("id = \"a\"\n");
        for i in 0..100_000 {
            text.push_str(&format!("k{i} = 1\n"));
        }
        text.push_str("[source]\nfile = \"f\"\nlines = 1\n");
        let t = std::time::Instant::now();
        let problems = from_str::<Doc>(&text).unwrap_err();
        assert_eq!(problems.len(), MAX_PROBLEMS);
        assert!(
            problems
                .last()
                .unwrap()
                .message
                .ends_with("; more problems after these are not looked for")
        );
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }

    #[test]
    fn a_good_table_reads() {
        let d: Doc =
            from_str("id = \"a\"\nmode = \"slow\"\n[source]\nfile = \"f\"\nlines = 3\n").unwrap();
        assert_eq!(d.mode, Some(Mode::Slow));
        assert_eq!(d.source.lines, 3);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let text = "id = \"a\"\ncolour = 1\ncount = \"many\"\nmode = \"medium\"\n[source]\nfile = \"f\"\nlines = \"x\"\nextra = 2\n";
        let problems = from_str::<Doc>(text).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| at(text, p)).collect();
        assert_eq!(shown.len(), 5, "{shown:#?}");
        assert!(
            shown[0].starts_with("2:1 unknown key `colour`"),
            "{shown:#?}"
        );
        assert!(shown[0].contains("known keys: `id`"), "{shown:#?}");
        assert!(shown[1].starts_with("3:9 invalid type"), "{shown:#?}");
        assert!(
            shown[2].starts_with("4:8 unknown value `medium`: write `fast` or `slow`"),
            "{shown:#?}"
        );
        assert!(shown[3].starts_with("7:9 invalid type"), "{shown:#?}");
        assert!(
            shown[4].starts_with("8:1 unknown key `extra`"),
            "{shown:#?}"
        );
    }

    #[test]
    fn a_misspelt_key_is_named_with_the_key_meant() {
        let text = "idd = \"a\"\n[source]\nfile = \"f\"\nlines = 1\n";
        let problems = from_str::<Doc>(text).unwrap_err();
        assert_eq!(
            problems[0].message,
            "unknown key `idd`: did you mean `id`? Correct it, or remove it"
        );
        assert_eq!(distance("nmae", "name"), 2);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn a_missing_key_is_named_once() {
        let problems =
            from_str::<Doc>("count = 2\n[source]\nfile = \"f\"\nlines = 1\n").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "missing key `id`: add it");
        // A required key with a wrong value is reported for its value only.
        let text = "id = 3\n[source]\nfile = \"f\"\nlines = 1\n";
        let problems = from_str::<Doc>(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(at(text, &problems[0]).starts_with("1:6 invalid type"));
    }

    #[test]
    fn a_nested_table_with_a_problem_does_not_hide_the_keys_after_it() {
        let text = "id = 1\n[source]\nfile = \"f\"\nzzz = 1\n";
        let problems = from_str::<Doc>(text).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|p| at(text, p)).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(shown[0].starts_with("1:6 invalid type"), "{shown:#?}");
        assert_eq!(shown[1], "2:1 missing key `lines` in `source`: add it");
        assert!(shown[2].starts_with("4:1 unknown key `zzz`"), "{shown:#?}");
    }

    #[test]
    fn syntax_errors_are_all_reported() {
        let text = "id = \"a\nsource = { file = \"f\", lines = 1 }\nid = \"b\"\n";
        let problems = from_str::<Doc>(text).unwrap_err();
        assert!(!problems.is_empty());
        assert!(
            problems
                .iter()
                .all(|p| p.message.contains("not valid TOML")),
            "{problems:?}"
        );
        // Deep nesting is refused, the same error is said once, and a
        // flood of errors is cut short.
        let text = format!("id = {}", "[".repeat(100_000));
        let problems = from_str::<Doc>(&text).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("recursion"), "{problems:?}");
        let problems = from_str::<Doc>(&"= 1\n".repeat(100)).unwrap_err();
        assert_eq!(problems.len(), MAX_SYNTAX_ERRORS, "{problems:?}");
        assert!(
            problems[9]
                .message
                .contains("more TOML errors after this one not shown")
        );
        let text = "id = \"a\"\nid = \"b\"\nsource = { file = \"f\", lines = 1 }\n";
        let problems = from_str::<Doc>(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            at(text, &problems[0]).starts_with("2:1 duplicate key"),
            "{problems:?}"
        );
    }
}
