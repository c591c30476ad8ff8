//! Model steps 8 and 9: links between documents. Input: the model with
//! its documents and plans. Output: each Traditional-script document
//! linked to its Simplified twin, and the citations found in every text
//! (by document number or title) with the document each one names, when
//! the site holds it.

use crate::model::facts::{DocCitations, FactsCache};
use crate::model::{Citation, Document, Id, Model};
use crate::parse::{Script, citations, script};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

fn compact_title(s: &str) -> String {
    script::to_simplified(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '“' | '”'))
        .collect()
}

pub(super) fn link_twins(m: &mut Model) {
    let keys: Vec<(Id, String, Script)> = m
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

pub(super) fn link_citations(m: &mut Model, cache: &mut FactsCache) {
    let by_number: BTreeMap<String, Id> = m
        .documents
        .values()
        .filter_map(|d| {
            d.doc_number
                .as_ref()
                .map(|n| (normalized_number(n), d.id.clone()))
        })
        .collect();
    let by_title: BTreeMap<String, Id> = m
        .documents
        .values()
        .map(|d| (compact_title(&d.title), d.id.clone()))
        .collect();
    // What each document's texts cite, found in parallel (in document and
    // text order), or kept from before for a document whose blocks are
    // those read then.
    use rayon::prelude::*;
    let docs: Vec<&Document> = m.documents.values().collect();
    let memo = std::mem::take(&mut cache.citations);
    let found: Vec<DocCitations> = docs
        .par_iter()
        .map(|d| {
            let mut blocks = vec![d.blocks.clone()];
            blocks.extend(d.plans.iter().map(|pid| m.plans[pid].blocks.clone()));
            if let Some(before) = memo.get(&d.id)
                && before.blocks.len() == blocks.len()
                && before
                    .blocks
                    .iter()
                    .zip(&blocks)
                    .all(|(a, b)| Arc::ptr_eq(a, b))
            {
                return before.clone();
            }
            let found = blocks
                .iter()
                .flat_map(|bs| bs.iter())
                .flat_map(|b| {
                    citations::extract(&b.text)
                        .into_iter()
                        .map(|c| (b.text[c.range.clone()].to_string(), c))
                })
                .collect();
            DocCitations { blocks, found }
        })
        .collect();
    drop(memo);
    let mut out = BTreeSet::new();
    let mut printed = BTreeMap::new();
    for (d, found) in docs.iter().zip(&found) {
        let own = d.doc_number.as_deref().map(normalized_number);
        for (text, c) in found.found.iter() {
            printed
                .entry(text.clone())
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
                title: c.title.clone(),
                doc_number: c.doc_number.clone(),
                to,
            });
        }
    }
    m.citations = out.into_iter().collect();
    m.citations_printed = printed;
    if cache.keeps() {
        cache.citations = docs.iter().map(|d| d.id.clone()).zip(found).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Block, BlockKind, LineSpan};

    fn doc(id: &str, text: &str) -> Document {
        let blocks: Arc<[Block]> =
            vec![Block::new(BlockKind::Paragraph, text, LineSpan::default())].into();
        Document {
            id: id.into(),
            title: format!("{id}的通知"),
            blocks,
            ..Default::default()
        }
    }

    #[test]
    fn citations_are_found_again_only_in_documents_whose_blocks_changed() {
        let mut m = Model::default();
        let cites_a = "根据《国务院关于加快发展的意见》（国发〔2024〕3号）制定。";
        m.documents.insert("a".into(), doc("a", cites_a));
        m.documents
            .insert("b".into(), doc("b", "按照《甲的通知》要求。"));
        let mut cache = FactsCache::new();
        link_citations(&mut m, &mut cache);
        let first = m.citations.clone();
        assert_eq!(first.len(), 2, "{first:?}");
        assert!(first.iter().any(|c| c.from == "b" && c.to.is_none()));
        let kept_a = cache.citations["a"].found.clone();

        // b's text changes: it now cites a by its title; a is not read again.
        m.documents
            .insert("b".into(), doc("b", "按照《a的通知》要求。"));
        link_citations(&mut m, &mut cache);
        assert!(Arc::ptr_eq(&cache.citations["a"].found, &kept_a));
        let b: Vec<_> = m.citations.iter().filter(|c| c.from == "b").collect();
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].to.as_deref(), Some("a"));

        // The same as finding everything afresh.
        let kept = m.citations.clone();
        link_citations(&mut m, &mut FactsCache::disabled());
        assert_eq!(m.citations, kept);
    }
}
