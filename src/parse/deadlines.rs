//! Deadlines: 2024年10月底前, 2025年年底前, 到2025年 → a due date.
//!
//! Input: one task or paragraph text. Output: each dated commitment with
//! its text as printed, the ISO date it falls due (the last day of the
//! month or year named) and where it stands.
//!
//! Recognised forms (full-width digits and punctuation are folded first):
//!
//! | printed | due |
//! | --- | --- |
//! | `2024年10月底前`, `2024年10月底`, `2024年10月末`, `2024年10月前` | last day of that month (leap years counted) |
//! | `2024年6月30日前` | that day (a day is a deadline only with 前) |
//! | `2025年年底前`, `2025年底前`, `到2025年底`, `2025年前` | 12-31 of that year |
//! | `到2025年`, `至2025年` | 12-31 of that year |
//! | `2024年上半年` / `2024年下半年` | 06-30 / 12-31 |
//! | `2024年第三季度末`, `2024年三季度` | last day of the quarter |
//! | `2024年内` | 12-31 |
//! | `10月底前`, `年底前`, `上半年`, `年内` (no year printed) | only with a default year, see [`extract_with_year`] |
//!
//! Not deadlines: dates without 前 (`2024年4月28日`, a signature), edition
//! ranges (`(2024—2025年)`), bare years (`2020年` baselines), `YYYY年底的`
//! (a reference point: 是2015年底的4.3倍), recurring `每年年底前`, and
//! durations (`3年内`).

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use crate::parse::text::Folded;

/// One deadline found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineMatch {
    /// As printed, e.g. 2024年10月底前
    pub text: String,
    /// ISO date the commitment falls due, e.g. 2024-10-31
    pub date: String,
    pub range: std::ops::Range<usize>,
}

/// Finds the deadlines in `text`; forms that print no year are skipped.
pub fn extract(text: &str) -> Vec<DeadlineMatch> {
    extract_with_year(text, None)
}

/// Like [`extract`], and forms that print no year (`3月底前`, `年底前`,
/// `上半年`, `年内`) fall due in `default_year` when it is given (e.g. the
/// year of an annual plan).
pub fn extract_with_year(text: &str, default_year: Option<i32>) -> Vec<DeadlineMatch> {
    // ASCII digits (full-width ones are folded first): `\d` also matches
    // other scripts' digits, which do not parse as numbers.
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?P<to>到|至)?(?:(?P<y>[0-9]{4})年)?",
            r"(?:",
            // month: 10月底前, 10月末, 10月前, 6月30日前
            r"(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日前|(?P<mend>底前|末前|底|末|前))",
            r"|(?P<yend>年底前|年末前|底前|末前|年底|年末|底|末)",
            r"|(?P<half>上半年|下半年)",
            r"|第?(?P<q>[一二三四1-4])季度(?:末|底)?前?",
            r"|(?P<within>内)",
            r"|(?P<before>前)",
            r")",
        ))
        .unwrap()
    });
    static TO_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:到|至)(?P<y>[0-9]{4})年").unwrap());

    let folded = Folded::new(text);
    let f = folded.text.as_str();
    let mut out: Vec<DeadlineMatch> = Vec::new();
    let mut taken = Taken::default();

    for c in RE.captures_iter(f) {
        let whole = c.get(0).unwrap();
        let (start, end) = (whole.start(), whole.end());
        let before = &f[..start];
        let after = &f[end..];
        let printed_year = match c.name("y").map(|y| y.as_str().parse::<i32>()) {
            Some(Ok(y)) => Some(y),
            Some(Err(_)) => continue,
            None => None,
        };
        if printed_year.is_some() && ends_with_digit(before) {
            continue;
        }
        // Edition ranges: 2024—2025年, 2024-2025年.
        if before.ends_with(['—', '-', '~', '–']) {
            continue;
        }
        let year_free_start = c.name("y").is_none();
        if year_free_start {
            // 3年内, 两年内, 每年年底前, 一季度 of 每季度 ...
            let prev = before.chars().next_back();
            if before.ends_with("每年")
                || prev.is_some_and(|p| {
                    p.is_ascii_digit() || "一二两三四五六七八九十每当今明去同该近".contains(p)
                })
            {
                continue;
            }
        }
        let year = printed_year.or(default_year);
        let date = if let Some(m) = c.name("m") {
            let Some(y) = year else { continue };
            let Ok(m) = m.as_str().parse::<u32>() else {
                continue;
            };
            if !(1..=12).contains(&m) {
                continue;
            }
            match c.name("d") {
                Some(d) => {
                    let Ok(d) = d.as_str().parse::<u32>() else {
                        continue;
                    };
                    if d == 0 || d > days_in_month(y, m) {
                        continue;
                    }
                    iso(y, m, d)
                }
                None => iso(y, m, days_in_month(y, m)),
            }
        } else if let Some(e) = c.name("yend") {
            // `YYYY年底` needs a year of its own or a default; 年底 alone
            // (no 年 before) is only meaningful as 年底前/年底 after a year.
            let e = e.as_str();
            let Some(y) = year else { continue };
            if printed_year.is_none() && !e.starts_with('年') {
                continue;
            }
            if !e.ends_with('前') && after.starts_with('的') {
                continue; // 是2015年底的4.3倍: a reference point
            }
            iso(y, 12, 31)
        } else if let Some(h) = c.name("half") {
            let Some(y) = year else { continue };
            if h.as_str() == "上半年" {
                iso(y, 6, 30)
            } else {
                iso(y, 12, 31)
            }
        } else if let Some(q) = c.name("q") {
            let Some(y) = year else { continue };
            let q = match q.as_str() {
                "一" | "1" => 1,
                "二" | "2" => 2,
                "三" | "3" => 3,
                _ => 4,
            };
            let m = q * 3;
            iso(y, m, days_in_month(y, m))
        } else if c.name("within").is_some() {
            // 2024年内 or 年内 (the latter written as 年 + 内 by the pattern
            // only when no year was printed: handled below).
            let Some(y) = printed_year else { continue };
            iso(y, 12, 31)
        } else if c.name("before").is_some() {
            // 2025年前
            let Some(y) = printed_year else { continue };
            iso(y, 12, 31)
        } else {
            continue;
        };
        // `到2025年` followed by something else is handled by TO_YEAR below.
        let _ = c.name("to");
        taken.insert(start..end);
        out.push(DeadlineMatch {
            text: folded.orig_slice(text, start..end).to_string(),
            date,
            range: folded.orig_range(start..end),
        });
    }

    // 年内 without a year (年 is not captured by the main pattern then).
    if let Some(y) = default_year {
        for (i, _) in f.match_indices("年内") {
            let prev = f[..i].chars().next_back();
            if prev.is_some_and(|p| {
                p.is_ascii_digit() || "一二两三四五六七八九十每当今明去同该近".contains(p)
            }) {
                continue;
            }
            let r = i..i + "年内".len();
            if taken.overlaps(&r) {
                continue;
            }
            taken.insert(r.clone());
            out.push(DeadlineMatch {
                text: folded.orig_slice(text, r.clone()).to_string(),
                date: iso(y, 12, 31),
                range: folded.orig_range(r),
            });
        }
        // 年底前 without a year.
        for (i, _) in f.match_indices("年底前") {
            let prev = f[..i].chars().next_back();
            if prev.is_some_and(|p| {
                p.is_ascii_digit()
                    || p == '年'
                    || "一二两三四五六七八九十每当今明去同该近".contains(p)
            }) {
                continue;
            }
            let r = i..i + "年底前".len();
            if taken.overlaps(&r) {
                continue;
            }
            taken.insert(r.clone());
            out.push(DeadlineMatch {
                text: folded.orig_slice(text, r.clone()).to_string(),
                date: iso(y, 12, 31),
                range: folded.orig_range(r),
            });
        }
    }

    // 到2025年 / 至2025年 not followed by a month, 底, half or quarter.
    for c in TO_YEAR.captures_iter(f) {
        let m = c.get(0).unwrap();
        let r = m.start()..m.end();
        if taken.overlaps(&r) {
            continue;
        }
        let Ok(y) = c["y"].parse::<i32>() else {
            continue;
        };
        taken.insert(r.clone());
        out.push(DeadlineMatch {
            text: folded.orig_slice(text, r.clone()).to_string(),
            date: iso(y, 12, 31),
            range: folded.orig_range(r),
        });
    }

    out.sort_by_key(|d| d.range.start);
    out
}

/// The ranges of the text already read as deadlines, which never overlap:
/// whether a new one overlaps one of them is a look at its neighbour.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn insert(&mut self, r: std::ops::Range<usize>) {
        self.0.insert(r.start, r.end);
    }

    /// Whether `r` overlaps a taken range: only the last one starting
    /// before `r` ends can (the ones before it end before it starts).
    fn overlaps(&self, r: &std::ops::Range<usize>) -> bool {
        self.0
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start)
    }
}

fn ends_with_digit(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| c.is_ascii_digit())
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1-12) of year `y`.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(String, String)> {
        extract(text)
            .into_iter()
            .map(|d| (d.text, d.date))
            .collect()
    }

    fn pair(t: &str, d: &str) -> (String, String) {
        (t.to_string(), d.to_string())
    }

    #[test]
    fn month_end_with_year() {
        // seed 002
        let t = "各级行政执法机关于2024年11月底前编制公布本部门行政";
        assert_eq!(dates(t), vec![pair("2024年11月底前", "2024-11-30")]);
        assert_eq!(
            dates("2024年10月底前完成"),
            vec![pair("2024年10月底前", "2024-10-31")]
        );
        assert_eq!(
            dates("2024年6月底前出台"),
            vec![pair("2024年6月底前", "2024-06-30")]
        );
        assert_eq!(
            dates("2025年10月底前完成终期评估"),
            vec![pair("2025年10月底前", "2025-10-31")]
        );
    }

    #[test]
    fn leap_years() {
        assert_eq!(dates("2024年2月底前")[0].1, "2024-02-29");
        assert_eq!(dates("2025年2月底前")[0].1, "2025-02-28");
        assert_eq!(dates("2100年2月底前")[0].1, "2100-02-28");
        assert_eq!(dates("2000年2月底前")[0].1, "2000-02-29");
    }

    #[test]
    fn year_end_forms() {
        assert_eq!(
            dates("申报一体化管理;2025年年底前,实现政务服务事项全"),
            vec![pair("2025年年底前", "2025-12-31")]
        );
        assert_eq!(
            dates("2025年底前建成"),
            vec![pair("2025年底前", "2025-12-31")]
        );
        assert_eq!(
            dates("到2022年年底,“两高”行业能"),
            vec![pair("到2022年年底", "2022-12-31")]
        );
        assert_eq!(dates("2024年年底前")[0].1, "2024-12-31");
    }

    #[test]
    fn to_year() {
        assert_eq!(
            dates("全力争创全国重点实验室,力争到2025年总数达到30家。"),
            vec![pair("到2025年", "2025-12-31")]
        );
        assert_eq!(
            dates("到2026年,新能源汽车产量突破100万辆"),
            vec![pair("到2026年", "2026-12-31")]
        );
    }

    #[test]
    fn halves_quarters_within() {
        assert_eq!(dates("支持2024年上半年纳入")[0].1, "2024-06-30");
        assert_eq!(dates("2023年第三季度末前完成")[0].1, "2023-09-30");
        assert_eq!(dates("2023年内完成")[0].1, "2023-12-31");
    }

    #[test]
    fn no_year_needs_default() {
        let t = "确保用于保障民生和非“两高”重大项目。6月底前,修订山东省能耗指标";
        assert!(extract(t).is_empty());
        let d = extract_with_year(t, Some(2022));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].text, "6月底前");
        assert_eq!(d[0].date, "2022-06-30");
        assert_eq!(&t[d[0].range.clone()], "6月底前");

        let t = "年内建设完成10座高速公路服务区;年底前累计建成并开通16万个";
        assert!(extract(t).is_empty());
        let d = extract_with_year(t, Some(2022));
        let got: Vec<_> = d
            .iter()
            .map(|d| (d.text.as_str(), d.date.as_str()))
            .collect();
        assert_eq!(got, vec![("年内", "2022-12-31"), ("年底前", "2022-12-31")]);
        assert!(extract_with_year("上半年完成", Some(2023))[0].date == "2023-06-30");
    }

    #[test]
    fn not_deadlines() {
        assert!(dates("2024年4月28日").is_empty());
        assert!(dates("《“十大创新”行动计划(2024—2025年)》").is_empty());
        assert!(dates("2020年 2025年").is_empty());
        assert!(dates("电装机量达到47912万千瓦,是2015年底的43倍").is_empty());
        assert!(dates("按规定在3年内根据实际招用人数").is_empty());
        assert!(extract_with_year("每年年底前报送", Some(2024)).is_empty());
        assert!(extract_with_year("在3年内", Some(2024)).is_empty());
        assert!(dates("4月6日").is_empty());
    }

    #[test]
    fn full_width_input_keeps_original_ranges() {
        let t = "（一）２０２４年１０月底前完成。";
        let d = extract(t);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].date, "2024-10-31");
        assert_eq!(&t[d[0].range.clone()], "２０２４年１０月底前");
        assert_eq!(d[0].text, "２０２４年１０月底前");
    }
}
