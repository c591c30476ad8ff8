//! Render stage (search support files): the names the search page matches
//! a query against before its full-text results (direct hits), and the
//! character table it folds scripts with. Input: the model; output: files
//! under `search/`, made from the model alone.
//!
//! The names come in parts so that what a search downloads does not grow
//! with the site:
//! - `search/names/departments.json`: every department with its aliases
//!   (a bounded list: the bodies of a government), matched anywhere in a
//!   name;
//! - `search/names/part-N.json`: documents, plans and indicators, each in
//!   the part of the first two characters of each of its names (folded,
//!   see [`bucket`]); a query of two characters or more asks the one part
//!   of its own first two, so these match a name that is the query or
//!   begins with it;
//! - `search/names/numbers-YYYY.json`: documents by the year of their 文号,
//!   so a 文号 typed in any spelling is found by asking one file;
//! - `search/names/index.json`: `{"parts": N}`.
//!
//! `theme/static/search.js` computes [`bucket`] the same way.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::export::urls;
use crate::model::Model;
use crate::parse::script::{compact_for_search, fold_table};

/// About how many entries one part holds: the number of parts is the
/// entries divided by this, at least one.
pub const ENTRIES_PER_PART: usize = 400;

/// One name the search page can show as a direct hit.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub kind: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub url: String,
}

impl Entry {
    fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.aliases)
    }
}

/// The part (of `parts`) of a name: FNV-1a over the UTF-16 code units of
/// the first two characters of its compact form (see
/// [`compact_for_search`]); `None` for a name shorter than two.
pub fn bucket(name: &str, parts: usize) -> Option<usize> {
    let head: String = compact_for_search(name).chars().take(2).collect();
    if head.chars().count() < 2 {
        return None;
    }
    let mut h: u32 = 0x811c9dc5;
    for unit in head.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(0x01000193);
    }
    Some(h as usize % parts.max(1))
}

/// The year of a 文号 (`国发〔2024〕5号` → 2024): its first four digits in
/// a row that read as a year from 1949 on.
pub fn number_year(number: &str) -> Option<u32> {
    let folded = compact_for_search(number);
    let chars: Vec<char> = folded.chars().collect();
    chars.windows(4).find_map(|w| {
        let s: String = w.iter().collect();
        let year: u32 = s
            .parse()
            .ok()
            .filter(|_| w.iter().all(char::is_ascii_digit))?;
        (1949..=2100).contains(&year).then_some(year)
    })
}

fn entries(m: &Model) -> (Vec<Entry>, Vec<Entry>) {
    let mut departments = Vec::new();
    for d in m.departments.values() {
        let mut aliases = d.aliases.clone();
        for a in &d.table_aliases {
            if !aliases.contains(a) {
                aliases.push(a.clone());
            }
        }
        departments.push(Entry {
            kind: "部门",
            name: d.name.clone(),
            aliases,
            number: None,
            url: urls::department(&d.id),
        });
    }
    let mut others = Vec::new();
    for d in m.documents.values() {
        others.push(Entry {
            kind: "文件",
            name: d.title.clone(),
            aliases: Vec::new(),
            number: d.doc_number.clone(),
            url: urls::document(&d.id),
        });
    }
    for p in m.plans.values() {
        others.push(Entry {
            kind: "计划",
            name: p.title.clone(),
            aliases: if p.name != p.title {
                vec![p.name.clone()]
            } else {
                Vec::new()
            },
            number: None,
            url: urls::plan(&p.id),
        });
    }
    for i in m.indicators.values() {
        others.push(Entry {
            kind: "指标",
            name: i.name.clone(),
            aliases: Vec::new(),
            number: None,
            url: urls::indicator(&i.id),
        });
    }
    (departments, others)
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The files of the names (see the module documentation), by output path.
pub fn files(m: &Model) -> BTreeMap<String, Vec<u8>> {
    let (departments, others) = entries(m);
    let parts = others.len().div_ceil(ENTRIES_PER_PART).max(1);
    let mut by_part: Vec<Vec<&Entry>> = vec![Vec::new(); parts];
    let mut by_year: BTreeMap<u32, Vec<&Entry>> = BTreeMap::new();
    for e in &others {
        let mut seen = Vec::new();
        for b in e.names().filter_map(|n| bucket(n, parts)) {
            if !seen.contains(&b) {
                seen.push(b);
                by_part[b].push(e);
            }
        }
        if let Some(year) = e.number.as_deref().and_then(number_year) {
            by_year.entry(year).or_default().push(e);
        }
    }
    let mut out = BTreeMap::new();
    out.insert(
        "search/names/index.json".to_string(),
        json(&serde_json::json!({ "parts": parts })),
    );
    out.insert(
        "search/names/departments.json".to_string(),
        json(&departments),
    );
    for (i, list) in by_part.iter().enumerate() {
        out.insert(format!("search/names/part-{i}.json"), json(list));
    }
    for (year, list) in &by_year {
        out.insert(format!("search/names/numbers-{year}.json"), json(list));
    }
    out
}

/// `search/fold.json`: the Traditional → Simplified table the search page
/// folds queries and texts with, as two strings of the same length
/// (`{"from": "…", "to": "…"}`), the same table the index was folded with.
pub fn fold_json() -> Vec<u8> {
    let table = fold_table();
    let from: String = table.iter().map(|(f, _)| *f).collect();
    let to: String = table.iter().map(|(_, t)| *t).collect();
    json(&serde_json::json!({"from": from, "to": to}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Department, Document, Indicator, Plan};

    fn model(indicators: usize) -> Model {
        let mut m = Model::default();
        m.documents.insert(
            "d".into(),
            Document {
                id: "d".into(),
                title: "国务院关于进一步规范罚款设定的意见".into(),
                doc_number: Some("國發〔2024〕5號".into()),
                ..Default::default()
            },
        );
        m.plans.insert(
            "p".into(),
            Plan {
                id: "p".into(),
                title: "科技研发创新2022年行动计划".into(),
                name: "科技研发创新".into(),
                ..Default::default()
            },
        );
        m.departments.insert(
            "f".into(),
            Department {
                id: "f".into(),
                name: "省发展改革委".into(),
                table_aliases: vec!["省发改委".into()],
                ..Default::default()
            },
        );
        // Names beginning with many different pairs of characters, as
        // indicators do (产业…, 研发…, 高新…).
        let han: Vec<char> = "产业研发高新技术企业数字经济绿色低碳能源交通水利农业城乡教育卫生文化旅游金融财政税收就业社保住房生态环境海洋港口"
            .chars()
            .collect();
        for i in 0..indicators {
            let name = format!(
                "{}{}{i}项",
                han[i % han.len()],
                han[(i / han.len()) % han.len()]
            );
            m.indicators.insert(
                format!("i{i}").into(),
                Indicator {
                    id: format!("i{i}").into(),
                    name,
                    ..Default::default()
                },
            );
        }
        m
    }

    fn read(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
        serde_json::from_slice(&files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn names_come_in_parts_found_by_their_first_two_characters() {
        let files = files(&model(2000));
        let parts = read(&files, "search/names/index.json")["parts"]
            .as_u64()
            .unwrap() as usize;
        assert_eq!(parts, 2002usize.div_ceil(ENTRIES_PER_PART));
        // Each name is in the part of its first two characters, folded.
        for (name, kind) in [
            ("科技研发创新2022年行动计划", "计划"),
            ("國務院關於", "文件"),
            ("术产7项", "指标"),
        ] {
            let b = bucket(name, parts).unwrap();
            let part = read(&files, &format!("search/names/part-{b}.json"));
            assert!(
                part.as_array().unwrap().iter().any(|e| e["kind"] == kind
                    && compact_for_search(e["name"].as_str().unwrap())
                        .starts_with(&compact_for_search(name)[..6])),
                "{name} not in part {b}"
            );
        }
        // A plan is also found by its short name.
        let b = bucket("科技研发创新", parts).unwrap();
        assert!(files[&format!("search/names/part-{b}.json")].len() > 2);
        // No part holds all the names.
        let largest = (0..parts)
            .map(|i| files[&format!("search/names/part-{i}.json")].len())
            .max()
            .unwrap();
        let all: usize = (0..parts)
            .map(|i| files[&format!("search/names/part-{i}.json")].len())
            .sum();
        assert!(largest < all / 2, "{largest} of {all}");
        // Departments whole, with the table's aliases.
        let depts = read(&files, "search/names/departments.json");
        assert_eq!(depts[0]["aliases"][0], "省发改委");
        // Documents by the year of their 文号.
        let numbers = read(&files, "search/names/numbers-2024.json");
        assert_eq!(numbers[0]["number"], "國發〔2024〕5號");
        assert_eq!(numbers[0]["url"], "/documents/d/");
    }

    #[test]
    fn a_short_name_has_no_part_and_a_year_is_read_from_any_spelling() {
        assert_eq!(bucket("税", 4), None);
        assert_eq!(bucket("“十四五”规划", 7), bucket("十四五", 7));
        assert_eq!(bucket("數字經濟", 7), bucket("数字", 7));
        assert_eq!(number_year("国发〔2024〕5号"), Some(2024));
        assert_eq!(number_year("财政部 税务总局公告2024年第3号"), Some(2024));
        assert_eq!(number_year("国发[２０１９]５号"), Some(2019));
        assert_eq!(number_year("第12345号"), None);
    }

    #[test]
    fn the_fold_table_is_two_strings_of_the_same_length() {
        let v: serde_json::Value = serde_json::from_slice(&fold_json()).unwrap();
        let (from, to) = (v["from"].as_str().unwrap(), v["to"].as_str().unwrap());
        assert_eq!(from.chars().count(), to.chars().count());
        let at = from.chars().position(|c| c == '數').unwrap();
        assert_eq!(to.chars().nth(at), Some('数'));
    }
}
