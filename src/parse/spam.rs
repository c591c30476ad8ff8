//! Injected advertisements: spam that scrapers leave inside policy text
//! (a gambling brand glued to a department name, 省科技厅KU游体育).
//!
//! Input: a text and the spam table (`data/spam.toml`, user-extendable,
//! with a built-in default). Output: the byte ranges to drop, with what
//! they were, so the importer can remove them and warn.

use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::text::{Folded, fold_char};

const BUILTIN: &str = include_str!("../../data/spam.toml");

/// The spam patterns: built in, extended by a site's `data/spam.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamTable {
    /// Regular expressions matching a whole spam token (on width-folded text).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Literal strings that are never spam: a hit overlapping one is dropped.
    #[serde(default)]
    pub allow: Vec<String>,
    /// The compiled patterns, with the pattern list they were built from.
    #[serde(skip)]
    compiled: OnceLock<Compiled>,
}

#[derive(Debug, Clone)]
struct Compiled {
    source: Vec<String>,
    regexes: Vec<Regex>,
}

fn compile(patterns: &[String]) -> Result<Vec<Regex>, String> {
    patterns
        .iter()
        .map(|p| Regex::new(p).map_err(|e| format!("spam pattern {p:?}: {e}")))
        .collect()
}

impl SpamTable {
    /// The table shipped with gazette.
    pub fn builtin() -> Self {
        let mut t = SpamTable::default();
        t.extend_from_toml(BUILTIN)
            .expect("built-in data/spam.toml is valid");
        t
    }

    /// Adds the entries of a user table (TOML text) to this one.
    pub fn extend_from_toml(&mut self, toml_text: &str) -> Result<(), String> {
        let other: SpamTable = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        compile(&other.patterns)?;
        for p in other.patterns {
            if !self.patterns.contains(&p) {
                self.patterns.push(p);
            }
        }
        for a in other.allow {
            if !a.is_empty() && !self.allow.contains(&a) {
                self.allow.push(a);
            }
        }
        self.compiled = OnceLock::new();
        Ok(())
    }

    /// The compiled patterns; patterns that do not compile are skipped
    /// (extend_from_toml rejects them, so only direct edits can add one).
    fn regexes(&self) -> std::borrow::Cow<'_, [Regex]> {
        let c = self.compiled.get_or_init(|| Compiled {
            source: self.patterns.clone(),
            regexes: self
                .patterns
                .iter()
                .filter_map(|p| Regex::new(p).ok())
                .collect(),
        });
        if c.source == self.patterns {
            std::borrow::Cow::Borrowed(&c.regexes)
        } else {
            // The public field was edited after compiling: compile afresh.
            std::borrow::Cow::Owned(
                self.patterns
                    .iter()
                    .filter_map(|p| Regex::new(p).ok())
                    .collect(),
            )
        }
    }
}

/// One piece of spam found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpamHit {
    pub range: std::ops::Range<usize>,
    pub text: String,
}

/// `ranges` sorted, overlapping and touching ones joined.
fn merge(mut ranges: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Finds spam tokens in `text`: byte ranges of `text`, sorted, not overlapping.
pub fn find(text: &str, table: &SpamTable) -> Vec<SpamHit> {
    let regexes = table.regexes();
    if regexes.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let folded_text = Folded::new(text);
    let folded = folded_text.text.as_str();
    // Allowed stretches, in order and apart, so that whether a hit
    // overlaps one is a look at its neighbour.
    let allowed = merge(
        table
            .allow
            .iter()
            .flat_map(|a| {
                let a: String = a.chars().map(fold_char).collect();
                folded
                    .match_indices(a.as_str())
                    .map(|(i, m)| i..i + m.len())
                    .collect::<Vec<_>>()
            })
            .collect(),
    );
    let is_allowed = |r: &std::ops::Range<usize>| {
        let k = allowed.partition_point(|a| a.start < r.end);
        k.checked_sub(1).is_some_and(|k| allowed[k].end > r.start)
    };
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for re in regexes.iter() {
        for m in re.find_iter(folded) {
            let r = m.range();
            if r.is_empty() || is_allowed(&r) {
                continue;
            }
            ranges.push(r);
        }
    }
    let merged = merge(ranges);
    merged
        .into_iter()
        .map(|r| {
            let range = folded_text.orig_offset(r.start)..folded_text.orig_offset(r.end);
            SpamHit {
                text: text[range.clone()].to_string(),
                range,
            }
        })
        .collect()
}

/// `text` with every spam hit removed.
pub fn remove(text: &str, table: &SpamTable) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in find(text, table) {
        out.push_str(&text[at..h.range.start]);
        at = h.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<String> {
        find(text, &SpamTable::builtin())
            .into_iter()
            .map(|h| h.text)
            .collect()
    }

    #[test]
    fn finds_the_seed_spam_glued_to_a_department() {
        let t = "(牵头单位:省政府办公厅、省发展改革委、省工业和信息化厅、省商务厅、省科技厅KU游体育、省邮政管理局、省司法厅)";
        let h = find(t, &SpamTable::builtin());
        assert_eq!(h.len(), 1);
        assert_eq!(&t[h[0].range.clone()], "KU游体育");
        assert_eq!(h[0].text, "KU游体育");
        assert!(remove(t, &SpamTable::builtin()).contains("省科技厅、省邮政管理局"));
    }

    #[test]
    fn finds_other_brands_of_the_genre() {
        for (text, spam) in [
            ("加快建设开云体育数字经济", "开云体育"),
            ("省财政厅BOB体育、省教育厅", "BOB体育"),
            ("推进华体会产业升级", "华体会"),
            ("省商务厅乐鱼体育", "乐鱼体育"),
            ("省水利厅半岛体育", "半岛体育"),
            ("OD体育省能源局", "OD体育"),
            ("省委宣传部亚博", "亚博"),
            ("访问kaiyun获取", "kaiyun"),
            ("省民政厅xyz娱乐官网", "xyz娱乐官网"),
            ("省统计局abcapp下载", "abcapp下载"),
            ("省科技厅雷竞技", "雷竞技"),
        ] {
            assert_eq!(hits(text), vec![spam.to_string()], "in {text}");
        }
    }

    #[test]
    fn full_width_spam_maps_back_to_original_bytes() {
        let t = "省科技厅ＫＵ游体育、省财政厅";
        let h = find(t, &SpamTable::builtin());
        assert_eq!(h.len(), 1);
        assert_eq!(&t[h[0].range.clone()], "ＫＵ游体育");
    }

    #[test]
    fn leaves_legit_terms_alone() {
        for t in [
            "建成5G基站20万个",
            "AEO高级认证企业",
            "推进IPv6规模部署",
            "10G-PON及以上端口",
            "NB-IoT网络",
            "DRG/DIP支付方式改革",
            "LNG接收站",
            "算力达到5EFLOPS",
            "储能规模达到10GWh左右",
            "用好RCEP规则",
            "发展体育产业,建设体育强省",
            "群众体育、竞技体育和体育产业",
            "推动文旅体育融合",
            "发挥山东半岛城市群龙头作用",
            "举办中国—亚欧博览会(亚博会)",
            "拨开云雾见天日",
            "在省政府官网公布",
            "政务服务APP下载量",
            "发展游戏电竞、数字演艺娱乐",
            "推广VR体育体验",
        ] {
            assert!(hits(t).is_empty(), "flagged {:?} in {t}", hits(t));
        }
    }

    #[test]
    fn user_table_extends_and_rejects_bad_input() {
        let mut t = SpamTable::builtin();
        let n = t.patterns.len();
        t.extend_from_toml("patterns = ['新锐(体育|娱乐)']\nallow = ['新锐体育馆']")
            .unwrap();
        assert_eq!(t.patterns.len(), n + 1);
        assert_eq!(
            find("省体育局新锐娱乐", &t)
                .into_iter()
                .map(|h| h.text)
                .collect::<Vec<_>>(),
            vec!["新锐娱乐".to_string()]
        );
        assert!(find("建设新锐体育馆", &t).is_empty());
        assert!(t.extend_from_toml("patterns = ['(']").is_err());
        assert!(t.extend_from_toml("pattern = ['x']").is_err());
    }

    #[test]
    fn exactly_one_spam_across_all_seeds() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let table = SpamTable::builtin();
        let mut found = Vec::new();
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("seeds directory")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        entries.sort();
        assert!(!entries.is_empty());
        for p in entries {
            let text = std::fs::read_to_string(&p).unwrap();
            for h in find(&text, &table) {
                found.push((
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    h.text,
                ));
            }
        }
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("000_"));
        assert_eq!(found[0].1, "KU游体育");
    }
}
