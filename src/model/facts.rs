//! Stage 4, model (facts): what each block of a plan states (the
//! responsibility clause of a task, targets, deadlines), read before the
//! model's ordered steps, in parallel. The facts of a block depend only on
//! its kind, its text and its document's convention, so they are kept by
//! those across rebuilds: `serve` reads again only the blocks whose text
//! changed. Input: the plans of the model; output: facts per plan, block
//! by block.

use crate::model::Model;
use crate::model::departments::Resolution;
use crate::parse::deadlines::{self, DeadlineMatch};
use crate::parse::responsibility::{self, Convention, Responsibility};
use crate::parse::targets::{self, TargetMatch};
use crate::parse::{Block, BlockKind, table};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What one block states.
#[derive(Debug, Default)]
pub struct BlockFacts {
    /// The departments of a task's responsibility clause (tasks only).
    pub responsibility: Option<Responsibility>,
    pub targets: Vec<TargetMatch>,
    pub deadlines: Vec<DeadlineMatch>,
}

impl BlockFacts {
    /// No clause, target or deadline: most headings and paragraphs.
    fn states_nothing(&self) -> bool {
        self.responsibility.is_none() && self.targets.is_empty() && self.deadlines.is_empty()
    }
}

/// Everything the facts of a block depend on: its kind, its document's
/// convention and a 128-bit hash of its text (a table's cells with their
/// places), so that the keys of a large site do not hold its text again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    kind: u8,
    convention: Option<Convention>,
    text: (u64, u64),
}

/// Two independent 64-bit hashes of what `feed` writes.
fn hash128(feed: impl Fn(&mut std::hash::DefaultHasher)) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut halves = [0u64; 2];
    for (seed, half) in halves.iter_mut().enumerate() {
        let mut h = std::hash::DefaultHasher::new();
        (seed as u64 ^ 0x9e37_79b9_7f4a_7c15).hash(&mut h);
        feed(&mut h);
        *half = h.finish();
    }
    (halves[0], halves[1])
}

fn key(b: &Block, convention: Option<Convention>) -> Key {
    use std::hash::Hash;
    let (kind, text) = match &b.kind {
        BlockKind::Heading { .. } => (0, (0, 0)),
        BlockKind::Paragraph | BlockKind::Article { .. } => (1, hash128(|h| b.text.hash(h))),
        BlockKind::Task { .. } => (2, hash128(|h| b.text.hash(h))),
        BlockKind::Table { rows } => (3, hash128(|h| rows.hash(h))),
    };
    Key {
        kind,
        convention,
        text,
    }
}

fn read(b: &Block, convention: Option<Convention>) -> BlockFacts {
    match &b.kind {
        BlockKind::Heading { .. } => BlockFacts::default(),
        BlockKind::Table { rows } => BlockFacts {
            targets: table::targets(rows),
            ..Default::default()
        },
        BlockKind::Paragraph | BlockKind::Article { .. } => BlockFacts {
            responsibility: None,
            targets: targets::extract(&b.text),
            deadlines: deadlines::extract(&b.text),
        },
        BlockKind::Task { .. } => BlockFacts {
            responsibility: Some(responsibility::extract(&b.text, convention)),
            targets: targets::extract(&b.text),
            deadlines: deadlines::extract(&b.text),
        },
    }
}

/// The facts of blocks read before, by what they depend on.
#[derive(Debug, Default)]
pub struct FactsCache {
    keep: bool,
    facts: HashMap<Key, Arc<BlockFacts>>,
    /// Blocks read (not taken from the cache) by the last call.
    pub read: usize,
    /// How the names of a responsibility clause resolved, by what that
    /// depends on (see [`NamesKey`]), under the department table whose
    /// hash is `names_table`.
    pub(crate) names: HashMap<NamesKey, (Vec<Resolution>, Vec<Resolution>)>,
    pub(crate) names_table: u64,
    /// The key and id of indicators by their name as stated (functions of
    /// the name alone).
    pub(crate) indicators: HashMap<String, (String, crate::model::Id)>,
    /// A hash of the department table the next call reads with (set by
    /// the caller; `names` is kept only under the same table).
    pub(crate) table_hash: u64,
    /// The keys of each plan's blocks, by plan id, with the blocks and
    /// convention they were made from: a plan whose blocks are the same
    /// (the content file was not read again) is not hashed again.
    plan_keys: HashMap<crate::model::Id, PlanKeys>,
    /// What each document's texts cite, by document id (see
    /// [`DocCitations`]).
    pub(crate) citations: HashMap<crate::model::Id, DocCitations>,
}

/// The citations found in a document's texts (its blocks, then each of
/// its plans' blocks): each as printed, in text order, with the blocks
/// they were found in.
#[derive(Debug, Clone)]
pub(crate) struct DocCitations {
    pub blocks: Vec<Arc<[Block]>>,
    pub found: Arc<[(String, crate::parse::citations::CitationMatch)]>,
}

/// The keys of a plan's blocks (see [`FactsCache`]).
#[derive(Debug)]
struct PlanKeys {
    blocks: Arc<[Block]>,
    convention: Option<Convention>,
    keys: Arc<[Key]>,
}

/// What the departments of a task's clause resolve from, besides the
/// department table: a 128-bit hash of the lead names, the support names
/// and the issuers of the document (see [`names_key`]).
pub type NamesKey = (u64, u64);

/// The [`NamesKey`] of a clause's names in a document of `issuers`.
pub fn names_key(lead: &[String], support: &[String], issuers: &[String]) -> NamesKey {
    use std::hash::Hash;
    hash128(|h| {
        lead.hash(h);
        support.hash(h);
        issuers.hash(h);
    })
}

impl FactsCache {
    /// A cache kept across rebuilds (for `serve`).
    pub fn new() -> FactsCache {
        FactsCache {
            keep: true,
            ..Default::default()
        }
    }

    /// A cache that keeps nothing (for `build`).
    pub fn disabled() -> FactsCache {
        FactsCache::default()
    }

    /// Whether what is read is kept for the next call.
    pub fn keeps(&self) -> bool {
        self.keep
    }
}

/// The facts of every block of every plan of `m` (by plan id, in block
/// order); `conventions` gives each document's convention. Blocks not in
/// `cache` are read in parallel; the cache is left holding exactly the
/// blocks of `m`.
pub fn plan_facts(
    m: &Model,
    conventions: &BTreeMap<crate::model::Id, Option<Convention>>,
    cache: &mut FactsCache,
) -> HashMap<crate::model::Id, Vec<Arc<BlockFacts>>> {
    let convention = |doc: &str| conventions.get(doc).copied().flatten();
    let memo = std::mem::take(&mut cache.plan_keys);
    let keys: Vec<(&crate::model::Id, Arc<[Key]>)> = m
        .plans
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|p| {
            let c = convention(&p.document);
            let same = memo.get(&p.id).filter(|k| {
                // Blocks shared with the content file read before: the
                // same text (a file read again has new blocks).
                Arc::ptr_eq(&k.blocks, &p.blocks) && k.convention == c
            });
            let keys = match same {
                Some(k) => k.keys.clone(),
                None => p.blocks.iter().map(|b| key(b, c)).collect(),
            };
            (&p.id, keys)
        })
        .collect();
    drop(memo);
    if cache.keep {
        cache.plan_keys = m
            .plans
            .values()
            .zip(&keys)
            .map(|(p, (_, keys))| {
                let k = PlanKeys {
                    blocks: p.blocks.clone(),
                    convention: convention(&p.document),
                    keys: keys.clone(),
                };
                (p.id.clone(), k)
            })
            .collect();
    }
    let missing: Vec<(&Block, Option<Convention>)> = m
        .plans
        .values()
        .zip(&keys)
        .flat_map(|(p, (_, ks))| {
            let c = convention(&p.document);
            p.blocks
                .iter()
                .zip(ks.iter())
                .filter(|(_, k)| !cache.facts.contains_key(*k))
                .map(move |(b, _)| (b, c))
        })
        .collect();
    // The blocks that state nothing share one value (a million of them
    // at 10,000 documents).
    let nothing = Arc::new(BlockFacts::default());
    let fresh: Vec<(Key, Arc<BlockFacts>)> = missing
        .par_iter()
        .map(|(b, c)| {
            let facts = read(b, *c);
            let facts = match facts.states_nothing() {
                true => nothing.clone(),
                false => Arc::new(facts),
            };
            (key(b, *c), facts)
        })
        .collect();
    cache.read = fresh.len();
    let mut known = std::mem::take(&mut cache.facts);
    known.extend(fresh);
    let mut out = HashMap::new();
    let mut kept = HashMap::new();
    for (id, ks) in keys {
        let facts: Vec<Arc<BlockFacts>> = ks
            .iter()
            .map(|k| known.get(k).unwrap_or(&nothing).clone())
            .collect();
        if cache.keep {
            for (k, f) in ks.iter().zip(&facts) {
                kept.insert(*k, f.clone());
            }
        }
        out.insert(id.clone(), facts);
    }
    cache.facts = kept;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plan;
    use crate::parse::LineSpan;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block::new(kind, text, LineSpan::default())
    }

    fn model(task_text: &str) -> Model {
        let mut m = Model::default();
        let blocks = vec![
            block(
                BlockKind::Heading {
                    level: 1,
                    number: None,
                },
                "一、主要目标",
            ),
            block(BlockKind::Paragraph, "高新技术企业2025年突破3.8万家。"),
            block(BlockKind::Task { number: "1".into() }, task_text),
        ];
        m.plans.insert(
            "p".into(),
            Plan {
                id: "p".into(),
                document: "d".into(),
                blocks: blocks.into(),
                ..Default::default()
            },
        );
        m
    }

    fn debug(f: &HashMap<crate::model::Id, Vec<Arc<BlockFacts>>>) -> String {
        format!("{:?}", f["p"])
    }

    #[test]
    fn blocks_are_read_once_and_read_again_when_their_text_changes() {
        let conventions = BTreeMap::new();
        let first = "加快科技成果转化。(牵头单位:省科技厅;配合单位:省财政厅)";
        let mut cache = FactsCache::new();
        let a = plan_facts(&model(first), &conventions, &mut cache);
        assert_eq!(cache.read, 3);
        let f = &a["p"];
        let r = f[2].responsibility.as_ref().expect("a task has a clause");
        assert_eq!(r.lead, ["省科技厅"]);
        assert_eq!(r.support, ["省财政厅"]);
        assert_eq!(f[1].targets.len(), 1);
        assert!(f[0].targets.is_empty() && f[0].responsibility.is_none());

        let again = plan_facts(&model(first), &conventions, &mut cache);
        assert_eq!(cache.read, 0, "nothing changed, nothing read");
        assert_eq!(debug(&again), debug(&a));

        let second = "加快科技成果转化。(牵头单位:省财政厅)";
        let changed = plan_facts(&model(second), &conventions, &mut cache);
        assert_eq!(cache.read, 1, "only the changed task is read");
        let fresh = plan_facts(&model(second), &conventions, &mut FactsCache::disabled());
        assert_eq!(
            debug(&changed),
            debug(&fresh),
            "the same as reading everything"
        );
        assert_eq!(
            changed["p"][2].responsibility.as_ref().unwrap().lead,
            ["省财政厅"]
        );
    }

    #[test]
    fn the_same_blocks_are_read_again_when_their_documents_convention_changes() {
        let m = model("加快科技成果转化。(省科技厅、省财政厅)");
        let mut cache = FactsCache::new();
        let plain = BTreeMap::new();
        plan_facts(&m, &plain, &mut cache);
        let again = plan_facts(&m, &plain, &mut cache);
        assert_eq!(cache.read, 0, "the same blocks, nothing read");

        let first_leads: BTreeMap<crate::model::Id, Option<Convention>> =
            [("d".into(), Some(Convention::FirstListedLeads))].into();
        let changed = plan_facts(&m, &first_leads, &mut cache);
        assert_eq!(cache.read, 3, "every block's key holds the convention");
        let fresh = plan_facts(&m, &first_leads, &mut FactsCache::disabled());
        assert_eq!(debug(&changed), debug(&fresh));
        assert_ne!(
            debug(&changed),
            debug(&again),
            "the convention tells who leads"
        );

        plan_facts(&m, &first_leads, &mut cache);
        assert_eq!(cache.read, 0);
    }
}
