//! The department table: canonical names with aliases, abbreviations and
//! typos, renamed bodies linked to their successors, and generic
//! placeholders (省有关部门, 各部门) kept apart from real departments.
//!
//! Input: the built-in table (`data/departments.toml`, embedded) extended
//! by a site's own `data/departments.toml`. Output: for a name as printed,
//! the canonical department it denotes. Bodies that are merely related
//! (省发展改革委 and 省能源局) are never merged.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;
use serde::Deserialize;

pub use crate::parse::responsibility::clean_name;
use crate::parse::responsibility::{is_generic, looks_like_department, without_parens};

const BUILTIN: &str = include_str!("../../data/departments.toml");

/// How a printed name resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A department in the table: its canonical name.
    Known(String),
    /// A generic placeholder such as 省有关部门: not a department.
    Placeholder(String),
    /// Not in the table: the cleaned name, to become a department with a warning.
    Unknown(String),
    /// Not a department name at all (empty after cleaning, punctuation, a sentence).
    Invalid,
}

/// One department of the table, as written in TOML.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DepartmentEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The canonical name of the body that took over this one's duties.
    #[serde(default)]
    pub successor: Option<String>,
}

/// A table file as a user writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    placeholders: Vec<String>,
    #[serde(default)]
    placeholder_patterns: Vec<String>,
    #[serde(default, rename = "department")]
    departments: Vec<DepartmentEntry>,
}

/// The whole table.
#[derive(Debug, Clone, Default)]
pub struct DepartmentTable {
    pub departments: Vec<DepartmentEntry>,
    pub placeholders: Vec<String>,
    /// Regular expressions matching whole generic names (各市党委人才工作领导小组).
    pub placeholder_patterns: Vec<String>,
}

/// Whether the placeholder pattern `pattern` matches `name`; compiled
/// patterns are kept for the life of the process (tables are small).
fn pattern_matches(pattern: &str, name: &str) -> bool {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Regex>>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    cache
        .entry(pattern.to_string())
        .or_insert_with(|| Regex::new(pattern).ok())
        .as_ref()
        .is_some_and(|re| re.is_match(name))
}

impl DepartmentTable {
    /// The table shipped with gazette.
    pub fn builtin() -> Self {
        let mut t = DepartmentTable::default();
        t.extend_from_toml(BUILTIN)
            .expect("built-in data/departments.toml is valid");
        t
    }

    /// Adds the entries of a user table (TOML text); an entry with an existing name extends it.
    pub fn extend_from_toml(&mut self, toml_text: &str) -> Result<(), String> {
        let file: TableFile = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        for p in &file.placeholder_patterns {
            Regex::new(p).map_err(|e| format!("placeholder pattern {p:?}: {e}"))?;
        }
        let mut next = self.clone();
        for p in file.placeholders {
            let p = clean_name(&p);
            if !p.is_empty() && !next.placeholders.contains(&p) {
                next.placeholders.push(p);
            }
        }
        for p in file.placeholder_patterns {
            if !next.placeholder_patterns.contains(&p) {
                next.placeholder_patterns.push(p);
            }
        }
        for mut e in file.departments {
            e.name = clean_name(&e.name);
            if e.name.is_empty() {
                return Err("a department with an empty name".to_string());
            }
            e.aliases = e.aliases.iter().map(|a| clean_name(a)).collect();
            e.successor = e.successor.map(|s| clean_name(&s));
            match next.departments.iter_mut().find(|d| d.name == e.name) {
                Some(d) => {
                    for a in e.aliases {
                        if !a.is_empty() && a != d.name && !d.aliases.contains(&a) {
                            d.aliases.push(a);
                        }
                    }
                    if e.successor.is_some() {
                        d.successor = e.successor;
                    }
                }
                None => {
                    e.aliases.retain(|a| !a.is_empty());
                    next.departments.push(e);
                }
            }
        }
        next.check()?;
        *self = next;
        Ok(())
    }

    /// Every name or alias denotes one department, and successors exist.
    fn check(&self) -> Result<(), String> {
        let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for d in &self.departments {
            for n in std::iter::once(&d.name).chain(&d.aliases) {
                if let Some(other) = seen.insert(n, &d.name)
                    && other != d.name
                {
                    return Err(format!(
                        "{n:?} names both {other:?} and {:?} in the department table",
                        d.name
                    ));
                }
            }
        }
        for d in &self.departments {
            if let Some(s) = &d.successor
                && !self.departments.iter().any(|x| &x.name == s)
            {
                return Err(format!(
                    "successor {s:?} of {:?} is not a department of the table",
                    d.name
                ));
            }
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> Option<&str> {
        self.departments
            .iter()
            .find(|d| d.name == name || d.aliases.iter().any(|a| a == name))
            .map(|d| d.name.as_str())
    }

    fn is_placeholder(&self, name: &str) -> bool {
        self.placeholders.iter().any(|p| p == name)
            || self
                .placeholder_patterns
                .iter()
                .any(|p| pattern_matches(p, name))
            || is_generic(name)
    }

    /// Resolves a name as printed.
    pub fn resolve(&self, printed: &str) -> Resolution {
        let name = clean_name(printed);
        if name.is_empty() {
            return Resolution::Invalid;
        }
        if let Some(c) = self.lookup(&name) {
            return Resolution::Known(c.to_string());
        }
        if self.is_placeholder(&name) {
            return Resolution::Placeholder(name);
        }
        let bare = without_parens(&name);
        let mut variants = vec![bare.clone()];
        for v in [&name, &bare] {
            if let Some(p) = crate::parse::text::without_province(v) {
                variants.push(p);
            }
        }
        for (from, to) in [("中国人民银行", "人民银行"), ("中共", "")] {
            for v in [&name, &bare] {
                if let Some(rest) = v.strip_prefix(from) {
                    variants.push(format!("{to}{rest}"));
                }
            }
        }
        for v in &variants {
            if let Some(c) = self.lookup(v) {
                return Resolution::Known(c.to_string());
            }
        }
        if looks_like_department(&name) {
            Resolution::Unknown(name)
        } else {
            Resolution::Invalid
        }
    }

    /// The successor of a canonical department, if it was renamed.
    pub fn successor(&self, canonical: &str) -> Option<&str> {
        self.departments
            .iter()
            .find(|d| d.name == canonical)
            .and_then(|d| d.successor.as_deref())
    }

    /// The last body in the successor chain of a canonical department
    /// (itself when it was never renamed).
    pub fn current(&self, canonical: &str) -> String {
        let mut at = canonical.to_string();
        for _ in 0..self.departments.len() {
            match self.successor(&at) {
                Some(s) if s != at => at = s.to_string(),
                _ => break,
            }
        }
        at
    }

    /// Every alias of a canonical name known to the table.
    pub fn aliases(&self, canonical: &str) -> Vec<String> {
        self.departments
            .iter()
            .find(|d| d.name == canonical)
            .map(|d| d.aliases.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(s: &str) -> Resolution {
        Resolution::Known(s.to_string())
    }

    #[test]
    fn aliases_and_abbreviations_map_to_canonical_names() {
        let t = DepartmentTable::builtin();
        for (printed, canonical) in [
            ("省住房和城乡建设厅", "省住房城乡建设厅"),
            ("省发改委", "省发展改革委"),
            ("省工信厅", "省工业和信息化厅"),
            ("省人社厅", "省人力资源社会保障厅"),
            ("省工信和信息化厅", "省工业和信息化厅"),
            ("中国人民银行山东省分行", "人民银行山东省分行"),
            ("国家金融监督管理总局青岛监管局", "金融监管总局青岛监管局"),
            ("山东省知识产权局", "省知识产权局"),
            ("省港口集团有限公司", "山东港口集团"),
            ("国家发改委", "国家发展改革委"),
            (
                "省委统筹疫情防控和经济运行工作领导小组(指挥部)办公室",
                "省委统筹疫情防控和经济运行工作领导小组办公室",
            ),
        ] {
            assert_eq!(t.resolve(printed), known(canonical), "{printed}");
        }
    }

    #[test]
    fn cleaning_folds_width_and_trims() {
        let t = DepartmentTable::builtin();
        assert_eq!(t.resolve(" 省财政厅等、"), known("省财政厅"));
        assert_eq!(t.resolve("由省科技厅"), known("省科技厅"));
        assert_eq!(t.resolve("请省教育厅"), known("省教育厅"));
        assert_eq!(t.resolve("省财政厅；"), known("省财政厅"));
        assert_eq!(t.resolve("省 财政厅"), known("省财政厅"));
        assert_eq!(t.resolve("山东省财政厅"), known("省财政厅"));
        assert_eq!(
            t.resolve("省委统筹疫情防控和经济运行工作领导小组（指挥部）办公室"),
            known("省委统筹疫情防控和经济运行工作领导小组办公室")
        );
        assert_eq!(clean_name("(省财政厅)"), "省财政厅");
        assert_eq!(clean_name("各县(市、区)"), "各县(市、区)");
    }

    #[test]
    fn related_bodies_stay_apart() {
        let t = DepartmentTable::builtin();
        for (a, b) in [
            ("省发展改革委", "省能源局"),
            ("省自然资源厅", "省海洋局"),
            ("省农业农村厅", "省畜牧局"),
            ("省委金融办", "省地方金融监管局"),
            ("省市场监管局", "省知识产权局"),
            ("人民银行山东省分行", "人民银行济南分行"),
        ] {
            assert_ne!(t.resolve(a), t.resolve(b));
            assert!(matches!(t.resolve(a), Resolution::Known(_)), "{a}");
            assert!(matches!(t.resolve(b), Resolution::Known(_)), "{b}");
        }
    }

    #[test]
    fn renamed_bodies_have_successors() {
        let t = DepartmentTable::builtin();
        assert_eq!(t.successor("山东银保监局"), Some("金融监管总局山东监管局"));
        assert_eq!(t.successor("人民银行济南分行"), Some("人民银行山东省分行"));
        assert_eq!(t.successor("省发展改革委"), None);
        assert_eq!(t.current("银监会"), "金融监管总局");
        assert_eq!(t.current("省财政厅"), "省财政厅");
        // Every successor is itself a department of the table.
        for d in &t.departments {
            if let Some(s) = &d.successor {
                assert_eq!(t.resolve(s), known(s));
            }
        }
    }

    #[test]
    fn placeholders_are_not_departments() {
        let t = DepartmentTable::builtin();
        for p in [
            "省有关部门",
            "省有关部门、单位",
            "有关部门、单位",
            "各部门",
            "各市",
            "各级各部门",
            "省级行政执法机关",
            "各市党委人才工作领导小组",
            "有关市政府",
            "相关数源部门",
            "省委科技创新委员会各成员单位",
            "省经济安全工作协调机制成员单位",
            "国务院有关部门",
        ] {
            assert_eq!(t.resolve(p), Resolution::Placeholder(p.to_string()), "{p}");
        }
    }

    #[test]
    fn unknown_and_invalid_names() {
        let t = DepartmentTable::builtin();
        assert_eq!(
            t.resolve("国家知识产权局运用促进司"),
            Resolution::Unknown("国家知识产权局运用促进司".to_string())
        );
        assert_eq!(
            t.resolve("省新设数字局"),
            Resolution::Unknown("省新设数字局".to_string())
        );
        for bad in [
            "",
            "、;",
            "等",
            "加快推进科技创新,提升产业链现代化水平,确保任务落实到位",
            "完善工作机制。",
            "省科技厅牵头负责科技研发创新行动计划落实",
            "5G",
        ] {
            assert_eq!(t.resolve(bad), Resolution::Invalid, "{bad}");
        }
    }

    #[test]
    fn aliases_lists_the_table_entries() {
        let t = DepartmentTable::builtin();
        let a = t.aliases("省发展改革委");
        assert!(a.contains(&"省发改委".to_string()));
        assert!(a.contains(&"山东省发展和改革委员会".to_string()));
        assert!(t.aliases("没有这个部门").is_empty());
    }

    #[test]
    fn builtin_table_is_consistent() {
        let t = DepartmentTable::builtin();
        assert!(t.departments.len() > 150);
        for d in &t.departments {
            // Every canonical name resolves to itself and every alias to it.
            assert_eq!(t.resolve(&d.name), known(&d.name));
            for a in &d.aliases {
                assert_eq!(t.resolve(a), known(&d.name), "alias {a}");
            }
            assert!(!t.is_placeholder(&d.name), "{} is a placeholder", d.name);
        }
        for p in &t.placeholders {
            assert!(t.lookup(p).is_none(), "{p} is both");
        }
    }

    #[test]
    fn user_table_extends_the_builtin_one() {
        let mut t = DepartmentTable::builtin();
        t.extend_from_toml(
            r#"
placeholders = ["各区县"]
[[department]]
name = "省发展改革委"
aliases = ["发改委(省)"]
[[department]]
name = "省新设数字局"
aliases = ["省数字局"]
successor = "省大数据局"
"#,
        )
        .unwrap();
        assert_eq!(t.resolve("发改委(省)"), known("省发展改革委"));
        assert_eq!(t.resolve("省数字局"), known("省新设数字局"));
        assert_eq!(t.successor("省新设数字局"), Some("省大数据局"));
        assert_eq!(
            t.resolve("各区县"),
            Resolution::Placeholder("各区县".to_string())
        );
        assert!(t.aliases("省发展改革委").contains(&"省发改委".to_string()));
        // Unknown keys, alias clashes and dangling successors are refused.
        assert!(
            t.extend_from_toml("[[department]]\nname = \"x局\"\nalias = []")
                .is_err()
        );
        assert!(
            t.extend_from_toml("[[department]]\nname = \"省财政厅\"\naliases = [\"省发改委\"]")
                .is_err()
        );
        assert!(
            t.extend_from_toml("[[department]]\nname = \"省甲局\"\nsuccessor = \"省乙局\"")
                .is_err()
        );
        assert!(t.extend_from_toml("placeholder_patterns = ['(']").is_err());
        // A refused table leaves the table unchanged.
        assert_eq!(
            t.resolve("省甲局"),
            Resolution::Unknown("省甲局".to_string())
        );
    }
}
