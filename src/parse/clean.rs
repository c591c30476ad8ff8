//! Cleaning a decoded seed before its structure is read: site furniture
//! lines are dropped (never a line too long to be one, see
//! [`MAX_FURNITURE_CHARS`]), inline furniture is stripped, injected
//! advertisements are removed (each with a warning), and publication dates
//! printed by the site (发文时间:2024-05-16) are taken out of the text and
//! kept.
//!
//! Input: the decoded text and the boilerplate and spam tables. Output:
//! the remaining lines with their 1-based seed line numbers, the
//! publication dates found, and diagnostics.

use crate::diag::Diagnostic;
use crate::parse::spam::{self, SpamTable};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// The boilerplate table (`data/boilerplate.toml`), as written by users.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateSpec {
    #[serde(default)]
    pub drop_lines: Vec<String>,
    #[serde(default)]
    pub strip: Vec<String>,
    #[serde(default)]
    pub section_titles: Vec<String>,
}

/// The compiled boilerplate table.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    drop_lines: Vec<Regex>,
    strip: Vec<Regex>,
    pub section_titles: Vec<String>,
}

const BUILTIN: &str = include_str!("../../data/boilerplate.toml");

impl Boilerplate {
    /// The table shipped with gazette.
    pub fn builtin() -> Self {
        Self::from_specs(&[BUILTIN]).expect("the built-in boilerplate table is valid")
    }

    /// The built-in table extended by the given TOML texts.
    pub fn from_specs(texts: &[&str]) -> Result<Self, String> {
        let mut all = BoilerplateSpec::default();
        for t in texts {
            let spec: BoilerplateSpec = toml::from_str(t).map_err(|e| e.to_string())?;
            all.drop_lines.extend(spec.drop_lines);
            all.strip.extend(spec.strip);
            all.section_titles.extend(spec.section_titles);
        }
        let compile = |v: &[String]| -> Result<Vec<Regex>, String> {
            v.iter()
                .map(|p| Regex::new(p).map_err(|e| format!("pattern {p:?}: {e}")))
                .collect()
        };
        Ok(Boilerplate {
            drop_lines: compile(&all.drop_lines)?,
            strip: compile(&all.strip)?,
            section_titles: all.section_titles,
        })
    }

    /// The built-in table extended by a user's table.
    pub fn with_user(user: Option<&str>) -> Result<Self, String> {
        match user {
            Some(u) => Self::from_specs(&[BUILTIN, u]),
            None => Ok(Self::builtin()),
        }
    }

    fn is_furniture(&self, line: &str) -> bool {
        let t = line.trim();
        self.drop_lines.iter().any(|r| r.is_match(t))
    }
}

/// One line kept after cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the seed.
    pub no: usize,
    pub text: String,
    /// True when the line began with a listing bullet (• ) before cleaning.
    pub bullet: bool,
}

/// Lines numbered from 1, as cleaning would keep them: for tests that
/// start after the cleaning stage.
#[cfg(test)]
pub(crate) fn test_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            text: t.to_string(),
            bullet: false,
        })
        .collect()
}

/// The result of cleaning one seed.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub lines: Vec<Line>,
    /// Publication dates printed by the site, with the line they stood on.
    pub published: Vec<(usize, String)>,
    pub dropped_lines: usize,
    pub diagnostics: Vec<Diagnostic>,
}

static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[•·●◆■]\s*").unwrap());
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(发文时间|发布时间|发布日期|发文日期|时间)\s*[:：]\s*([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?(\s*[0-9]{1,2}[:;：][0-9]{2}(:[0-9]{2})?)?\s*").unwrap()
});
static SOURCE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?\s+来源[:：]")
        .unwrap()
});

/// The longest line that can be site furniture (in characters): a longer
/// line that matches a `drop_lines` pattern is text holding some, kept
/// with a warning.
pub const MAX_FURNITURE_CHARS: usize = 200;

/// Cleans a decoded seed text read from `path`.
pub fn clean(path: &str, text: &str, boilerplate: &Boilerplate, spam_table: &SpamTable) -> Cleaned {
    let mut out = Cleaned::default();
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        // Publication dates of a page header ("2022-04-07 10:02 来源: …").
        if let Some(c) = SOURCE_DATE.captures(raw.trim()) {
            out.published
                .push((no, format!("{}-{}-{}", &c[1], &c[2], &c[3])));
        }
        let raw = &*without_controls(path, no, raw, &mut out.diagnostics);
        if raw.trim().is_empty() {
            continue;
        }
        if boilerplate.is_furniture(raw) {
            let n = raw.trim().chars().take(MAX_FURNITURE_CHARS + 1).count();
            if n <= MAX_FURNITURE_CHARS {
                out.dropped_lines += 1;
                continue;
            }
            // A page flattened onto one line that holds some furniture
            // (打开…APP, a breadcrumb): its text is not dropped with it.
            out.diagnostics.push(Diagnostic::warning(
                path,
                no,
                1,
                format!(
                    "this line of {} characters matches a furniture pattern (drop_lines of data/boilerplate.toml) but is too long to be furniture: kept",
                    raw.trim().chars().count()
                ),
            ));
        }
        let bullet = BULLET.is_match(raw);
        // Injected advertisements.
        let mut line = raw.to_string();
        let hits = spam::find(&line, spam_table);
        if !hits.is_empty() {
            // Hits are in order and apart: columns counted and the line
            // rebuilt in one pass; said last first, as they are removed.
            let mut cols = Vec::with_capacity(hits.len());
            let (mut col, mut at) = (1, 0);
            let mut kept = String::with_capacity(line.len());
            for hit in &hits {
                col += line[at..hit.range.start].chars().count();
                cols.push(col);
                kept.push_str(&line[at..hit.range.start]);
                col += line[hit.range.clone()].chars().count();
                at = hit.range.end;
            }
            kept.push_str(&line[at..]);
            for (hit, col) in hits.iter().zip(cols).rev() {
                out.diagnostics.push(Diagnostic::warning(
                    path,
                    no,
                    col,
                    format!("dropped injected advertisement “{}”", hit.text),
                ));
            }
            line = kept;
        }
        // Publication dates printed inline ("发文时间:2024-05-16"), each
        // replaced by a space in one pass.
        if PUBLISHED.is_match(&line) {
            let mut kept = String::with_capacity(line.len());
            let mut last = 0;
            for c in PUBLISHED.captures_iter(&line) {
                let m = c.get(0).unwrap();
                let (y, mo, d) = (
                    &c[2],
                    c[3].parse::<u32>().unwrap_or(1),
                    c[4].parse::<u32>().unwrap_or(1),
                );
                out.published.push((no, format!("{y}-{mo:02}-{d:02}")));
                kept.push_str(&line[last..m.start()]);
                kept.push(' ');
                last = m.end();
            }
            kept.push_str(&line[last..]);
            line = kept;
        }
        for r in &boilerplate.strip {
            line = r.replace_all(&line, "").into_owned();
        }
        let trimmed = line.trim().trim_end_matches([',', '，', '|', ' ']).trim();
        if trimmed.is_empty() {
            continue;
        }
        out.lines.push(Line {
            no,
            text: trimmed.to_string(),
            bullet,
        });
    }
    out
}

/// `line` with each control character but a tab (a form feed between
/// pages, a stray ESC or NUL of a damaged scrape; too few of them for
/// `decode` to refuse the seed) replaced by a space, with a warning: a
/// content file holding one would be refused as damaged.
fn without_controls<'a>(
    path: &str,
    no: usize,
    line: &'a str,
    diags: &mut Vec<Diagnostic>,
) -> std::borrow::Cow<'a, str> {
    let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\r');
    let Some((at, c)) = line.char_indices().find(|&(_, c)| is_control(c)) else {
        return line.into();
    };
    let more = line[at..].chars().filter(|&c| is_control(c)).count() - 1;
    let more = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    diags.push(Diagnostic::warning(
        path,
        no,
        line[..at].chars().count() + 1,
        format!(
            "control character U+{:04X}{more} replaced by a space",
            c as u32
        ),
    ));
    line.replace(is_control, " ").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Cleaned {
        clean(
            "t.txt",
            text,
            &Boilerplate::builtin(),
            &SpamTable::builtin(),
        )
    }

    #[test]
    fn a_flattened_page_holding_furniture_is_kept_with_a_warning() {
        let body = "各市人民政府，各县人民政府：现将行动计划印发给你们。".repeat(10);
        let page = format!("首页 > 政策 > 正文 {body} 打开北极星学社APP,阅读体验更佳");
        let c = run(&page);
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.diagnostics.len(), 1);
        assert_eq!(
            c.diagnostics[0].to_string(),
            format!(
                "t.txt:1:1: warning: this line of {} characters matches a furniture pattern (drop_lines of data/boilerplate.toml) but is too long to be furniture: kept",
                page.chars().count()
            )
        );
        // Short, it is furniture.
        assert!(run("打开北极星学社APP,阅读体验更佳").lines.is_empty());
    }

    #[test]
    fn drops_site_furniture_and_keeps_text() {
        let c = run(
            "首页 > 大气治理 > 政策 > 正文\n\n山东省人民政府办公厅\n打开北极星学社APP,阅读体验更佳\n收藏\n2\n今日",
        );
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].text, "山东省人民政府办公厅");
        assert_eq!(c.lines[0].no, 3);
    }

    #[test]
    fn keeps_publication_dates_out_of_the_text() {
        let c = run("  • 某某通知正文。 发文时间:2024-05-16\n2022-04-07 10:02 来源: 某某网");
        assert_eq!(
            c.published,
            vec![(1, "2024-05-16".to_string()), (2, "2022-04-07".to_string())]
        );
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].text, "某某通知正文。");
        assert!(c.lines[0].bullet);
    }

    #[test]
    fn strips_news_furniture_in_titles() {
        let c = run("山东“十四五”规划和二〇三五年远景目标纲要(附全文) 发布时间:2021-04-27 11;25");
        assert_eq!(c.lines[0].text, "山东“十四五”规划和二〇三五年远景目标纲要");
        assert_eq!(c.published, vec![(1, "2021-04-27".to_string())]);
    }

    #[test]
    fn user_tables_extend_the_builtin_one() {
        let b = Boilerplate::with_user(Some("drop_lines = ['^广告位$']")).unwrap();
        let c = clean("t.txt", "广告位\n正文。", &b, &SpamTable::builtin());
        assert_eq!(c.lines.len(), 1);
        assert!(Boilerplate::with_user(Some("unknown = 1")).is_err());
    }
}
