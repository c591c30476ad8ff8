//! Model steps 8 and 9: links between documents. Input: the model with
//! its documents and plans. Output: each Traditional-script document
//! linked to its Simplified twin, and the citations found in every text
//! (by document number or title) with the document each one names, when
//! the site holds it.

use crate::model::{Citation, Document, Model};
use crate::parse::{Script, citations, script};
use std::collections::{BTreeMap, BTreeSet};

fn compact_title(s: &str) -> String {
    script::to_simplified(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '“' | '”'))
        .collect()
}

pub(super) fn link_twins(m: &mut Model) {
    let keys: Vec<(String, String, Script)> = m
        .documents
        .values()
        .map(|d| (d.id.clone(), compact_title(&d.title), d.script))
        .collect();
    for (id, key, s) in &keys {
        if *s != Script::Traditional {
            continue;
        }
        if let Some((other, _, _)) = keys
            .iter()
            .find(|(o, k, os)| o != id && k == key && *os != Script::Traditional)
        {
            m.documents.get_mut(id).unwrap().twin = Some(other.clone());
            m.documents.get_mut(other).unwrap().twin = Some(id.clone());
        }
    }
}

fn normalized_number(n: &str) -> String {
    citations::doc_numbers(n)
        .first()
        .map(|(_, s)| s.clone())
        .unwrap_or_else(|| n.to_string())
}

pub(super) fn link_citations(m: &mut Model) {
    let by_number: BTreeMap<String, String> = m
        .documents
        .values()
        .filter_map(|d| {
            d.doc_number
                .as_ref()
                .map(|n| (normalized_number(n), d.id.clone()))
        })
        .collect();
    let by_title: BTreeMap<String, String> = m
        .documents
        .values()
        .map(|d| (compact_title(&d.title), d.id.clone()))
        .collect();
    // What each document's texts cite, found in parallel (in document and
    // text order).
    use rayon::prelude::*;
    let docs: Vec<&Document> = m.documents.values().collect();
    let found: Vec<Vec<(&str, Vec<citations::CitationMatch>)>> = docs
        .par_iter()
        .map(|d| {
            let mut texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
            for pid in &d.plans {
                texts.extend(m.plans[pid].blocks.iter().map(|b| b.text.as_str()));
            }
            texts
                .into_iter()
                .map(|text| (text, citations::extract(text)))
                .collect()
        })
        .collect();
    let mut out = BTreeSet::new();
    let mut printed = BTreeMap::new();
    for (d, found) in docs.into_iter().zip(found) {
        let own = d.doc_number.as_deref().map(normalized_number);
        for (text, cited) in found {
            for c in cited {
                printed
                    .entry(text[c.range.clone()].to_string())
                    .or_insert_with(|| (c.doc_number.clone(), c.title.clone()));
                if c.doc_number.is_some() && c.doc_number == own {
                    continue;
                }
                let to = c
                    .doc_number
                    .as_ref()
                    .and_then(|n| by_number.get(n))
                    .or_else(|| {
                        c.title
                            .as_ref()
                            .and_then(|t| by_title.get(&compact_title(t)))
                    })
                    .filter(|to| **to != d.id)
                    .cloned();
                out.insert(Citation {
                    from: d.id.clone(),
                    title: c.title,
                    doc_number: c.doc_number,
                    to,
                });
            }
        }
    }
    m.citations = out.into_iter().collect();
    m.citations_printed = printed;
}
