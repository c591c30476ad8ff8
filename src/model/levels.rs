//! Administrative levels of departments (national, provincial, municipal,
//! county) and the division words (省, 自治区, 市, 州, 县, 区, 旗) names
//! start with.
//!
//! A department table entry may state its level (`level = "national"`);
//! when it does not, and for names not in the table, the level is read from
//! the name's shape ([`infer`]):
//! - a national prefix (国家, 国务院, 中共中央, 中央, 全国, 最高, 中华, 中国,
//!   团中央) is national, unless a province is named after it (国家税务总局
//!   河南省税务局, 国家开发银行云南省分行: a province's branch, provincial);
//! - a division word, alone or after a place name, gives the level of the
//!   innermost division: 省… / 自治区… / 河南省… / 团省委 provincial;
//!   市… / 州… / 盟… / 济南市… / 团市委 municipal; 县… / 区… / 旗… /
//!   某某县… / 某某区… county (北京市, 上海市, 天津市 and 重庆市 are
//!   provincial); a province's name with no division word (山东港口集团)
//!   is provincial;
//! - without any of these, the ending: …部 (but not a party committee's
//!   组织部, 宣传部 …), …总局 and …署 are national, …厅 (but not a bare
//!   办公厅) provincial;
//! - anything else has no level (发展改革委, 统计局: printed bare, they
//!   take the level of the clause or document they stand in; see
//!   `DepartmentTable::scope_of`).

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::parse::text::PROVINCES;

/// The level of government a department belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Provincial,
    Municipal,
    County,
}

impl Level {
    /// The key as written in `data/departments.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::Municipal => "municipal",
            Level::County => "county",
        }
    }

    /// The label shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            Level::National => "国家级",
            Level::Provincial => "省级",
            Level::Municipal => "市级",
            Level::County => "县级",
        }
    }

    /// The division word a bare name of this level is read with.
    pub fn default_word(self) -> Option<&'static str> {
        match self {
            Level::National => None,
            Level::Provincial => Some("省"),
            Level::Municipal => Some("市"),
            Level::County => Some("县"),
        }
    }
}

/// Prefixes of national bodies (and of their branches).
pub const NATIONAL_PREFIXES: &[&str] = &[
    "中共中央",
    "共青团中央",
    "团中央",
    "国务院",
    "国家",
    "中央",
    "全国",
    "最高",
    "中华",
    "中国",
];

/// Provincial-level municipalities: 北京市… is provincial.
const MUNICIPALITIES: &[&str] = &["北京", "天津", "上海", "重庆"];

/// A name split after its division: 县 + 发改局, 济南市 + 财政局.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division<'a> {
    pub level: Level,
    /// Everything before the body's own name (河南省, 济南市历城区, 市).
    pub prefix: &'a str,
    /// The division word that ends the prefix (省, 自治区, 市, 县, 区 …).
    pub word: &'static str,
    /// The body's own name (财政局).
    pub rest: &'a str,
}

fn word_level(word: &str) -> Level {
    match word {
        "省" | "自治区" => Level::Provincial,
        "市" | "州" | "自治州" | "盟" | "地区" => Level::Municipal,
        _ => Level::County,
    }
}

/// Division words, longest first.
const WORDS: &[&str] = &[
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
];

/// A division word at the start of `s`, unless it begins a common word
/// (市场, 区域, 县域) rather than a division.
fn leading_word(s: &str) -> Option<&'static str> {
    let w = WORDS.iter().find(|w| s.starts_with(**w))?;
    let after = &s[w.len()..];
    let blocked = match *w {
        "市" => after.starts_with('场'),
        "区" | "县" => after.starts_with('域'),
        "地区" => true,
        _ => false,
    };
    (!blocked && !after.is_empty()).then_some(*w)
}

fn place_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^\p{Han}{1,8}?(自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)")
            .expect("valid built-in regex")
    })
}

/// A place name and its division word at the start of `s` (济南市, 海盐县).
/// Words that merely contain a division character (城市, 战区, 库区,
/// 市场) are not places.
fn place_word(s: &str) -> Option<(&str, &'static str)> {
    let c = place_re().captures(s)?;
    let found = c.get(1)?.as_str();
    let mut word: &'static str = WORDS.iter().find(|w| **w == found)?;
    let mut end = c.get(0)?.end();
    // 兰州市, 通州区: the 州 belongs to the place's name.
    if let Some(w) = ["市", "县", "区", "旗", "盟"]
        .iter()
        .find(|w| s[end..].starts_with(**w))
    {
        end += w.len();
        word = w;
    }
    let after = &s[end..];
    let last = s[..end - word.len()].chars().last()?;
    let blocked = match word {
        "区" => "战军库灾社景山牧林片园".contains(last) || after.starts_with('域'),
        "市" => after.starts_with('场') || "城都超门".contains(last),
        "县" => after.starts_with('域'),
        "盟" => last == '联',
        "旗" => last == '红',
        _ => false,
    };
    (!blocked).then_some((&s[..end], word))
}

/// Splits `name` after its (innermost) division: 县发改局 → 县 + 发改局,
/// 河南省财政厅 → 河南省 + 财政厅, 济南市历城区财政局 → 济南市历城区 +
/// 财政局. None when the name starts with no division (发展改革委, 国家…).
pub fn split(name: &str) -> Option<Division<'_>> {
    let s = match name.strip_prefix("中共") {
        Some(r) if !r.starts_with("中央") => r,
        _ => name,
    };
    if NATIONAL_PREFIXES.iter().any(|p| s.starts_with(p)) {
        return None;
    }
    let offset = name.len() - s.len();
    let (mut end, mut word) = if let Some(w) = leading_word(s) {
        (w.len(), w)
    } else if let Some(p) = PROVINCES.iter().find(|p| s.starts_with(**p)) {
        let after = &s[p.len()..];
        let w = ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省"]
            .iter()
            .find(|w| after.starts_with(**w))
            .copied()
            .or_else(|| (MUNICIPALITIES.contains(p) && after.starts_with('市')).then_some("市"))?;
        let word = if w.ends_with("自治区") {
            "自治区"
        } else {
            w
        };
        (p.len() + w.len(), word)
    } else {
        let (prefix, w) = place_word(s)?;
        (prefix.len(), w)
    };
    let provincial_city = MUNICIPALITIES.iter().any(|m| s.starts_with(m)) && word == "市";
    // An inner division: 山东省济南市…, 济南市历城区….
    while let Some((inner, w)) = place_word(&s[end..]) {
        if s.len() == end + inner.len() {
            break;
        }
        end += inner.len();
        word = w;
    }
    if end >= s.len() {
        return None;
    }
    let level = if provincial_city && word == "市" {
        Level::Provincial
    } else {
        word_level(word)
    };
    Some(Division {
        level,
        prefix: &name[..offset + end],
        word,
        rest: &s[end..],
    })
}

/// Party committees' own departments: the ending …部 does not make them national.
pub const PARTY_DEPARTMENTS: &[&str] = &[
    "组织部",
    "宣传部",
    "统战部",
    "统一战线工作部",
    "社会工作部",
    "武装部",
    "政法委",
];

/// The level a name's shape shows (see the module documentation).
pub fn infer(name: &str) -> Option<Level> {
    let s = match name.strip_prefix("中共") {
        Some(r) if !r.starts_with("中央") => r,
        _ => name,
    };
    match s {
        "团省委" => return Some(Level::Provincial),
        "团市委" => return Some(Level::Municipal),
        "团县委" | "团区委" => return Some(Level::County),
        _ => {}
    }
    if let Some(p) = NATIONAL_PREFIXES.iter().find(|p| s.starts_with(**p)) {
        let rest = &s[p.len()..];
        // 国务院台办, 国务院港澳办: offices for, not branches in, 台湾/香港/澳门.
        let names_province = PROVINCES
            .iter()
            .filter(|p| !["台湾", "香港", "澳门"].contains(p))
            .any(|p| rest.contains(p));
        return Some(if names_province {
            Level::Provincial
        } else {
            Level::National
        });
    }
    if let Some(d) = split(s) {
        return Some(d.level);
    }
    // A place and its division with nothing after: 某某经济开发区.
    if let Some((prefix, w)) = place_word(s)
        && prefix.len() == s.len()
    {
        return Some(word_level(w));
    }
    if PROVINCES.iter().any(|p| s.starts_with(p)) {
        return Some(Level::Provincial);
    }
    if (s.ends_with('部') && !PARTY_DEPARTMENTS.iter().any(|p| s.ends_with(p)))
        || s.ends_with("总局")
        || s.ends_with('署')
    {
        return Some(Level::National);
    }
    if s.ends_with('厅') && !s.ends_with("办公厅") {
        return Some(Level::Provincial);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_the_shape_of_invented_names() {
        for (name, level) in [
            ("国家新设数据安全局", Some(Level::National)),
            ("国务院某某办", Some(Level::National)),
            ("中共中央某工作办公室", Some(Level::National)),
            ("海洋渔业部", Some(Level::National)),
            ("林草总局", Some(Level::National)),
            ("标准署", Some(Level::National)),
            ("国家统计局甘肃调查总队", Some(Level::Provincial)),
            ("省数字经济厅", Some(Level::Provincial)),
            ("自治区民宗委", Some(Level::Provincial)),
            ("宁夏回族自治区财政厅", Some(Level::Provincial)),
            ("中共甘肃省委宣传部", Some(Level::Provincial)),
            ("甘肃能源集团", Some(Level::Provincial)),
            ("海洋经济厅", Some(Level::Provincial)),
            ("上海市数据局", Some(Level::Provincial)),
            ("团省委", Some(Level::Provincial)),
            ("市数据局", Some(Level::Municipal)),
            ("兰州市农业农村局", Some(Level::Municipal)),
            ("甘肃省兰州市财政局", Some(Level::Municipal)),
            ("州民宗委", Some(Level::Municipal)),
            ("县数据局", Some(Level::County)),
            ("旗农牧局", Some(Level::County)),
            ("榆中县发改局", Some(Level::County)),
            ("兰州市城关区财政局", Some(Level::County)),
            ("上海市浦东新区财政局", Some(Level::County)),
            ("某某经济开发区", Some(Level::County)),
            // No shape: bare names take their level from where they stand.
            ("发展改革委", None),
            ("统计局", None),
            ("市场监督管理局", None),
            ("城市管理局", None),
            ("宣传部", None),
            ("办公厅", None),
            ("东部战区", None),
        ] {
            assert_eq!(infer(name), level, "{name}");
        }
    }

    #[test]
    fn divisions_split_off_the_body_name() {
        let d = split("县发改局").unwrap();
        assert_eq!((d.prefix, d.word, d.rest), ("县", "县", "发改局"));
        assert_eq!(d.level, Level::County);
        let d = split("甘肃省兰州市财政局").unwrap();
        assert_eq!((d.prefix, d.word, d.rest), ("甘肃省兰州市", "市", "财政局"));
        let d = split("中共榆中县委组织部").unwrap();
        assert_eq!((d.prefix, d.word, d.rest), ("中共榆中县", "县", "委组织部"));
        let d = split("广西壮族自治区数据局").unwrap();
        assert_eq!(
            (d.prefix, d.word, d.rest),
            ("广西壮族自治区", "自治区", "数据局")
        );
        assert_eq!(d.level, Level::Provincial);
        let d = split("天津市数据局").unwrap();
        assert_eq!((d.word, d.level), ("市", Level::Provincial));
        for none in [
            "市场监管总局",
            "国家发展改革委",
            "发展改革委",
            "县",
            "区域协调处",
        ] {
            assert_eq!(split(none), None, "{none}");
        }
    }

    #[test]
    fn level_keys_and_labels() {
        let l: Level = serde_json::from_str("\"municipal\"").unwrap();
        assert_eq!(l, Level::Municipal);
        assert_eq!(l.as_str(), "municipal");
        assert_eq!(Level::National.label(), "国家级");
        assert!(serde_json::from_str::<Level>("\"city\"").is_err());
    }
}
