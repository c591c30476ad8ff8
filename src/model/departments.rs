//! The department table: canonical names with aliases, abbreviations and
//! typos, renamed bodies linked to their successors, the level of
//! government of each body, and generic placeholders (省有关部门, 各部门)
//! kept apart from real departments.
//!
//! Input: the built-in table (`data/departments-national.toml`,
//! `data/departments-national-former.toml` and `data/departments.toml`,
//! embedded) extended by a site's own `data/departments.toml`. Output: for a name as printed, the canonical
//! department it denotes. Bodies that are merely related (省发展改革委 and
//! 省能源局, 省发展改革委 and 国家发展改革委) are never merged.
//!
//! Resolution reads a name in steps: the table (names and aliases, after
//! folding width, trimming and converting Traditional script); the name
//! without brackets, a province (河南省财政厅 → 省财政厅, 国家税务总局
//! 河南省税务局 → 省税务局) or 中国/中共;
//! a city's or county's body named like a province's (县发改局 → 县发展改革局
//! after 省发展改革委, kept with its place: 济南市发改委 → 济南市发展改革委);
//! and a bare name (财政厅, 发展改革委, 发改局) read with the prefix its
//! clause or document dropped ([`Scope`]). What stays unread is an unknown
//! department when it has a department's shape.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use regex::Regex;
use serde::Deserialize;

use crate::model::levels::{self, Level};
pub use crate::parse::responsibility::clean_name;
use crate::parse::responsibility::{is_generic, looks_like_department, without_parens};

/// The built-in tables, in load order (a successor must be loaded before
/// or with the bodies naming it).
const BUILTIN: &[(&str, &str)] = &[
    (
        "data/departments-national.toml",
        include_str!("../../data/departments-national.toml"),
    ),
    (
        "data/departments-national-former.toml",
        include_str!("../../data/departments-national-former.toml"),
    ),
    (
        "data/departments.toml",
        include_str!("../../data/departments.toml"),
    ),
];

/// How a printed name resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A department in the table, or a city's or county's body named like
    /// one of the table's provincial bodies: its canonical name.
    Known(String),
    /// A generic placeholder such as 省有关部门: not a department.
    Placeholder(String),
    /// Not in the table: the cleaned name (with the prefix its scope gives
    /// a bare name), to become a department with a warning.
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
    /// Its level of government; when absent, read from the name's shape
    /// ([`levels::infer`]).
    #[serde(default)]
    pub level: Option<Level>,
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
    /// Every name and alias → its entry's position in `departments` (a
    /// sorted map: the table's `Debug` text, which fingerprints it, must
    /// not vary between two loads).
    index: BTreeMap<String, usize>,
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

/// A printed name cleaned ([`clean_name`]) and in Simplified script.
fn normalise(printed: &str) -> String {
    crate::parse::script::to_simplified(&clean_name(printed))
}

/// True when `name` carries no prefix of its own: no national prefix, no
/// province, no division word (财政厅, 发展改革委, 发改局).
fn is_bare(name: &str) -> bool {
    levels::split(name).is_none()
        && !levels::NATIONAL_PREFIXES
            .iter()
            .any(|p| name.starts_with(p))
        && !crate::parse::text::PROVINCES
            .iter()
            .any(|p| name.starts_with(p))
        && !name.starts_with("中共")
}

/// A division prefix without 中共 and without its province's name, as the
/// table's 省… entries are (广西壮族自治区 → 自治区, 甘肃省兰州市 → 兰州市);
/// a provincial-level city keeps its name (北京市), which 市 alone would
/// make municipal.
fn without_own_province(prefix: &str) -> &str {
    let prefix = prefix.strip_prefix("中共").unwrap_or(prefix);
    let Some(p) = crate::parse::text::PROVINCES
        .iter()
        .find(|p| prefix.starts_with(**p))
    else {
        return prefix;
    };
    let rest = &prefix[p.len()..];
    for word in ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省"] {
        if let Some(inner) = rest.strip_prefix(word) {
            if !inner.is_empty() {
                return inner;
            }
            // 壮族自治区 → 自治区.
            let tail = if word.ends_with("自治区") {
                "自治区"
            } else {
                "省"
            };
            return &rest[rest.len() - tail.len()..];
        }
    }
    prefix
}

/// Prefixes a national body's name drops in older State Council lists
/// (林业局 for 国家林业局, 国资委 for 国务院国资委).
const NATIONAL_BARE_PREFIXES: &[&str] = &["国家", "国务院", "中国", "中央"];

/// Endings a city's or county's body may print instead of its province's
/// (省财政厅 / 县财政局, 省发展改革委 / 县发改局).
const BODY_ENDINGS: &[char] = &['厅', '局', '委'];

impl DepartmentTable {
    /// The table shipped with gazette.
    pub fn builtin() -> Self {
        let mut t = DepartmentTable::default();
        for (path, text) in BUILTIN {
            if let Err(e) = t.extend_from_toml(text) {
                panic!("built-in {path} is invalid: {e}");
            }
        }
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
                    if e.level.is_some() {
                        d.level = e.level;
                    }
                }
                None => {
                    e.aliases.retain(|a| !a.is_empty());
                    next.departments.push(e);
                }
            }
        }
        next.check()?;
        next.index = BTreeMap::new();
        for (i, d) in next.departments.iter().enumerate() {
            for n in std::iter::once(&d.name).chain(&d.aliases) {
                next.index.insert(n.clone(), i);
            }
        }
        *self = next;
        Ok(())
    }

    /// Every name or alias denotes one department, and successors exist.
    fn check(&self) -> Result<(), String> {
        let mut seen: HashMap<&str, &str> = HashMap::new();
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

    fn entry(&self, name: &str) -> Option<&DepartmentEntry> {
        self.index.get(name).map(|i| &self.departments[*i])
    }

    fn lookup(&self, name: &str) -> Option<&str> {
        self.entry(name).map(|d| d.name.as_str())
    }

    fn is_placeholder(&self, name: &str) -> bool {
        self.placeholders.iter().any(|p| p == name)
            || self
                .placeholder_patterns
                .iter()
                .any(|p| pattern_matches(p, name))
            || is_generic(name)
    }

    /// Resolves a name as printed, on its own (see [`Self::resolve_in`]).
    pub fn resolve(&self, printed: &str) -> Resolution {
        self.resolve_in(printed, &Scope::default())
    }

    /// Resolves a name as printed in a clause of scope `scope` (see the
    /// module documentation for the steps).
    pub fn resolve_in(&self, printed: &str, scope: &Scope) -> Resolution {
        let name = normalise(printed);
        if name.is_empty() {
            return Resolution::Invalid;
        }
        if let Some(c) = self.lookup(&name) {
            return Resolution::Known(c.to_string());
        }
        if self.is_placeholder(&name) {
            return Resolution::Placeholder(name);
        }
        if let Some(c) = self.read(&name) {
            return Resolution::Known(c);
        }
        if !looks_like_department(&name) {
            return Resolution::Invalid;
        }
        // A bare government (相关市人民政府), a class word (单位, 集团), a
        // body's internal unit (综合司, 办公处) or a long phrase is no body
        // to prefix.
        let class_word =
            ["单位", "部门", "机关", "机构", "集团", "公司", "中心"].contains(&name.as_str());
        if is_bare(&name)
            && !class_word
            && !scope::is_unit(&name)
            && !name.ends_with("政府")
            && name.chars().count() <= 16
        {
            if scope.level == Some(Level::National) {
                let found: Vec<&DepartmentEntry> = NATIONAL_BARE_PREFIXES
                    .iter()
                    .filter_map(|p| self.entry(&format!("{p}{name}")))
                    .collect();
                // 地震局: 中国地震局 (current) before 国家地震局 (renamed).
                if let Some(d) = found
                    .iter()
                    .find(|d| d.successor.is_none())
                    .or(found.first())
                {
                    return Resolution::Known(d.name.clone());
                }
            }
            let word = scope
                .word
                .or_else(|| (name.ends_with('厅') && !name.ends_with("办公厅")).then_some("省"));
            if let Some(w) = word {
                // A party committee's department drops 省委, not 省 (宣传部).
                let party = levels::PARTY_DEPARTMENTS.iter().any(|p| name.ends_with(p));
                let prefixed = format!("{w}{}{name}", if party { "委" } else { "" });
                if let Some(c) = self.lookup(&prefixed).map(str::to_string) {
                    return Resolution::Known(c);
                }
                if let Some(c) = self.read(&prefixed) {
                    return Resolution::Known(c);
                }
                return Resolution::Unknown(prefixed);
            }
        }
        // A unit of a known body under the body's canonical name:
        // 国家发改委地区司 → 国家发展改革委地区司.
        if scope::is_unit(&name)
            && let Some((body, unit)) = self.body_of(&name)
        {
            return Resolution::Unknown(format!("{body}{unit}"));
        }
        Resolution::Unknown(name)
    }

    /// A name not in the table read through its variants: without
    /// brackets, province, 中国/中共; then as a city's or county's body.
    fn read(&self, name: &str) -> Option<String> {
        let bare = without_parens(name);
        let mut variants = vec![bare.clone()];
        for v in [name, bare.as_str()] {
            if let Some(p) = crate::parse::text::without_province(v) {
                variants.push(p);
            }
        }
        for (from, to) in [
            ("中国人民银行", "人民银行"),
            ("人行", "人民银行"),
            ("中共", ""),
        ] {
            for v in [name, bare.as_str()] {
                if let Some(rest) = v.strip_prefix(from) {
                    variants.push(format!("{to}{rest}"));
                }
            }
        }
        // A national body's office in a province is that province's body:
        // 国家税务总局河南省税务局 → 省税务局.
        if let Some((_, rest)) = self.body_of(name)
            && let Some(p) = crate::parse::text::without_province(rest)
        {
            variants.push(p);
        }
        if let Some(c) = variants.iter().find_map(|v| self.lookup(v)) {
            return Some(c.to_string());
        }
        std::iter::once(name)
            .chain(variants.iter().map(String::as_str))
            .find_map(|v| self.derive(v))
    }

    /// A city's, county's or autonomous region's body named like one of
    /// the table's provincial bodies: 县发改局 → 县发展改革局 (after
    /// 省发展改革委 and its alias 省发改委), 市卫健委 → 市卫生健康委,
    /// 兰州市财政局 → 兰州市财政局. The body keeps its printed ending
    /// (局/厅/委) and its place; only the province's own names (省…) are
    /// left to the table.
    fn derive(&self, name: &str) -> Option<String> {
        let d = levels::split(name)?;
        if d.word == "省" || d.level == Level::National {
            return None;
        }
        let rest = d.rest;
        let last = rest.chars().last()?;
        let mut bases = vec![format!("省{rest}")];
        if BODY_ENDINGS.contains(&last) {
            let stem = &rest[..rest.len() - last.len_utf8()];
            for e in BODY_ENDINGS.iter().filter(|e| **e != last) {
                bases.push(format!("省{stem}{e}"));
            }
        }
        let canonical = bases.iter().find_map(|b| self.lookup(b))?;
        let body = canonical.strip_prefix('省')?;
        let body_last = body.chars().last()?;
        let body = if BODY_ENDINGS.contains(&body_last) && BODY_ENDINGS.contains(&last) {
            format!("{}{last}", &body[..body.len() - body_last.len_utf8()])
        } else {
            body.to_string()
        };
        Some(format!("{}{body}", without_own_province(d.prefix)))
    }

    /// The level of a canonical department: its entry's (stated, or read
    /// from the entry's name), else what its name shows.
    pub fn level_of(&self, canonical: &str) -> Option<Level> {
        match self.departments.iter().find(|d| d.name == canonical) {
            Some(d) => d.level.or_else(|| levels::infer(&d.name)),
            None => levels::infer(canonical),
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

#[path = "departments_scope.rs"]
mod scope;
pub use scope::Scope;

#[cfg(test)]
#[path = "departments_tests.rs"]
mod tests;
