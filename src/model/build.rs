//! Building the model from content files, in explicit ordered steps.
//!
//! Input: the content files read back (`content::read`) and the department
//! table. Output: the [`Model`] and diagnostics (unknown departments,
//! unreadable names, dangling references). Every step only adds to what
//! the steps before it made.

use crate::content::SourceRef;
use crate::content::read::{DocFile, PlanFile};
use crate::diag::Diagnostics;
use crate::model::departments::{DepartmentTable, Resolution};
use crate::model::entities::{IndicatorIds, PlanTargets, draft_tasks, targets_and_deadlines};
use crate::model::facts::{BlockFacts, FactsCache, NamesKey, names_key, plan_facts};
use crate::model::ids;
use crate::model::links::{link_citations, link_twins};
use crate::model::{Department, Document, Id, Indicator, Model, Plan, Source, Task};
use crate::parse::responsibility::Convention;
use crate::parse::{BlockKind, LineSpan, outline, script};
use crate::timing::timing;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A document with its plans, as read from `content/<doc>/`.
pub struct DocInput {
    pub doc: Arc<DocFile>,
    pub plans: Vec<Arc<PlanFile>>,
}

/// Builds the model, reading only the plan blocks whose facts are not in
/// `facts` (a disabled cache reads every block).
pub fn build(
    inputs: &[DocInput],
    table: &DepartmentTable,
    facts: &mut FactsCache,
    diags: &mut Diagnostics,
) -> Model {
    let t = std::time::Instant::now();
    let mut m = Model::default();
    let mut conventions: BTreeMap<Id, Option<Convention>> = BTreeMap::new();
    // 1. Documents and 2. plans.
    for input in inputs {
        let f = &input.doc.front;
        let doc_id: Id = f.id.as_str().into();
        // `content::walk` drops documents and plans whose id is taken; this
        // holds for inputs made otherwise.
        if m.documents.contains_key(&doc_id) {
            let (line, col) = input.doc.key_at("id");
            let m = format!("document id {doc_id} is used twice");
            diags.error(&input.doc.path, line, col, m);
            continue;
        }
        conventions.insert(doc_id.clone(), f.convention);
        let mut doc = Document {
            id: doc_id.clone(),
            title: f.title.as_str().to_string(),
            title_inferred: f.title_inferred,
            doc_number: f.doc_number.clone(),
            issuers: f.issuers.clone(),
            addressee: f.addressee.clone(),
            date: f.date.as_ref().map(|d| d.to_string()),
            published: f.published.as_ref().map(|d| d.to_string()),
            script: f.script,
            content: input.doc.path.clone(),
            body: input.doc.body.clone().into(),
            source: source_of(&f.source),
            blocks: input.doc.blocks.clone(),
            ..Default::default()
        };
        for p in &input.plans {
            let pf = &p.front;
            let plan_id: Id = pf.id.as_str().into();
            if m.plans.contains_key(&plan_id) {
                let (line, col) = p.key_at("id");
                diags.error(
                    &p.path,
                    line,
                    col,
                    format!("plan id {plan_id} is used twice"),
                );
                continue;
            }
            doc.plans.push(plan_id.clone());
            m.plans.insert(
                plan_id.clone(),
                Plan {
                    id: plan_id,
                    title: pf.title.as_str().to_string(),
                    name: pf.name.as_str().to_string(),
                    title_inferred: pf.title_inferred,
                    family: pf.family.clone(),
                    edition: pf.edition.clone(),
                    document: doc_id.clone(),
                    parent: pf.parent.as_ref().map(|p| p.as_str().into()),
                    content: p.path.clone(),
                    body: p.body.clone().into(),
                    source: source_of(&pf.source),
                    blocks: p.blocks.clone(),
                    ..Default::default()
                },
            );
        }
        m.documents.insert(doc_id, doc);
    }
    link_parents(&mut m, inputs, diags);
    timing("model: documents and plans", t);
    // What each block states, read in parallel (or kept from before).
    let cache = facts;
    let facts = plan_facts(&m, &conventions, cache);
    timing("model: facts", t);
    // 3. Tasks, with their departments (4).
    let plan_ids: Vec<Id> = m.plans.keys().cloned().collect();
    // Each task's names resolved against the table (the dear part: levels,
    // scripts, aliases), in parallel; the ordered steps below add them.
    let resolved = resolve_tasks(&m, table, &plan_ids, &facts, cache);
    timing("model: names resolved", t);
    // Each plan's tasks are drafted in parallel (ids, anchors, titles);
    // their departments are then added in plan order, as each name's
    // department is made by the first task that names it.
    let drafts: Vec<Vec<(Task, &BlockFacts)>> = {
        use rayon::prelude::*;
        plan_ids
            .par_iter()
            .map(|pid| draft_tasks(&m.plans[pid], &facts[pid]))
            .collect()
    };
    let mut slugs = std::collections::HashMap::new();
    let mut all_tasks = Vec::with_capacity(drafts.iter().map(Vec::len).sum());
    let no_names = crate::parse::responsibility::Responsibility::default();
    for ((pid, mut resolved), drafts) in plan_ids.iter().zip(resolved).zip(drafts) {
        let content = m.plans[pid].content.clone();
        let mut task_ids = Vec::with_capacity(drafts.len());
        for (mut task, f) in drafts {
            let (lead_resolved, support_resolved) = resolved.next().unwrap_or_default();
            let resp = f.responsibility.as_ref().unwrap_or(&no_names);
            let at = (content.as_str(), task.source.span);
            task.lead = resolve_all(
                &mut m,
                table,
                (&resp.lead, lead_resolved),
                at,
                &mut slugs,
                diags,
            );
            task.support = resolve_all(
                &mut m,
                table,
                (&resp.support, support_resolved),
                at,
                &mut slugs,
                diags,
            );
            task.support.retain(|d| !task.lead.contains(d));
            for d in &task.lead {
                m.departments.get_mut(d).unwrap().lead.push(task.id.clone());
            }
            for d in &task.support {
                m.departments
                    .get_mut(d)
                    .unwrap()
                    .support
                    .push(task.id.clone());
            }
            task_ids.push(task.id.clone());
            all_tasks.push((task.id.clone(), task));
        }
        m.plans.get_mut(pid).expect("a plan of the model").tasks = task_ids;
    }
    m.tasks = map_of(all_tasks);
    link_successors(&mut m, table);
    timing("model: tasks and departments", t);
    // 5. Targets and indicators; 6. deadlines.
    let indicators = indicator_ids(&plan_ids, &facts, cache);
    // Each plan's targets and deadlines are made in parallel, then added
    // in plan order (an indicator lists its targets in that order).
    let found: Vec<PlanTargets> = {
        use rayon::prelude::*;
        plan_ids
            .par_iter()
            .map(|pid| targets_and_deadlines(&m.plans[pid], &facts[pid], &indicators))
            .collect()
    };
    let mut all_targets = Vec::new();
    let mut all_deadlines = Vec::new();
    for (pid, found) in plan_ids.iter().zip(found) {
        let mut target_ids = Vec::with_capacity(found.targets.len());
        for (name, target) in found.targets {
            // Looked up before a key is made: most indicators recur.
            if !m.indicators.contains_key(&target.indicator) {
                let id = target.indicator.clone();
                let ind = Indicator {
                    id: id.clone(),
                    name: name.to_string(),
                    targets: Vec::new(),
                };
                m.indicators.insert(id, ind);
            }
            let ind = m.indicators.get_mut(&target.indicator).expect("just made");
            ind.targets.push(target.id.clone());
            target_ids.push(target.id.clone());
            all_targets.push((target.id.clone(), target));
        }
        m.plans.get_mut(pid).expect("a plan of the model").targets = target_ids;
        all_deadlines.extend(found.deadlines.into_iter().map(|d| (d.id.clone(), d)));
    }
    m.targets = map_of(all_targets);
    m.deadlines = map_of(all_deadlines);
    timing("model: targets and deadlines", t);
    // 7. Editions: the same plan name in other editions.
    let mut by_name: BTreeMap<String, Vec<Id>> = BTreeMap::new();
    for p in m.plans.values() {
        by_name
            .entry(script::to_simplified(&p.name))
            .or_default()
            .push(p.id.clone());
    }
    for group in by_name.into_values() {
        let group: Arc<[Id]> = group.into();
        for id in group.iter() {
            m.plans
                .get_mut(id)
                .expect("a plan of the model")
                .edition_group = group.clone();
        }
    }
    timing("model: editions", t);
    // 8. Twins: the same document in the other script (or another copy).
    link_twins(&mut m);
    // 9. Citations.
    link_citations(&mut m, cache);
    timing("model: twins and citations", t);
    m
}

fn source_of(s: &SourceRef) -> Source {
    Source {
        file: s.file.as_str().into(),
        span: s.lines.0,
    }
}

/// Gives each plan its children. A `parent` that names no plan, or that
/// leads back to the plan itself (directly or through other parents), is
/// a warning at that `parent` and dropped.
fn link_parents(m: &mut Model, inputs: &[DocInput], diags: &mut Diagnostics) {
    let mut warn = |m: &mut Model, child: &str, message: String| {
        let file = inputs
            .iter()
            .flat_map(|i| &i.plans)
            .find(|p| p.front.id.as_str() == child);
        let path = file.map(|p| p.path.clone()).unwrap_or_default();
        let (line, col) = file.map_or((1, 1), |p| p.key_at("parent"));
        diags.warn(&path, line, col, message);
        m.plans.get_mut(child).unwrap().parent = None;
    };
    let ids: Vec<Id> = m.plans.keys().cloned().collect();
    for id in &ids {
        // Up the parents until the top, a missing plan or a loop.
        let mut chain = vec![id.clone()];
        while let Some(up) = m.plans[chain.last().unwrap()].parent.clone() {
            if !m.plans.contains_key(&up) || chain.contains(&up) {
                chain.push(up);
                break;
            }
            chain.push(up);
        }
        let last = chain.last().unwrap();
        if chain.len() > 1 && last == id {
            let message = format!(
                "the parents of plan {id} lead back to it ({}): remove one `parent`",
                chain.join(" → ")
            );
            warn(m, id, message);
        }
    }
    let pairs: Vec<(Id, Id)> = m
        .plans
        .values()
        .filter_map(|p| p.parent.clone().map(|par| (p.id.clone(), par)))
        .collect();
    for (child, parent) in pairs {
        if let Some(p) = m.plans.get_mut(&parent) {
            p.children.push(child);
        } else {
            let message = format!(
                "parent plan {parent} does not exist: write the id of a plan, or remove `parent`"
            );
            warn(m, &child, message);
        }
    }
}

/// The anchor of a task number: 12 → task-12, (三) → item-3.
pub fn anchor_of(number: &str) -> String {
    if number.chars().all(|c| c.is_ascii_digit()) && !number.is_empty() {
        return format!("task-{number}");
    }
    let inner = number.trim_matches(['(', ')', '（', '）', '、']);
    match outline::han_value(inner) {
        Some(v) => format!("item-{v}"),
        None => format!("task-{}", ids::slug(inner)),
    }
}

/// How the lead and the support names of one task's clause resolve.
type Resolved = (Vec<Resolution>, Vec<Resolution>);

/// How the names of each task's clause resolve, per plan of `plan_ids`,
/// in task order. Bare names (财政厅, 发展改革委) read with the level of
/// the clause or of the issuer. Pure, so run in parallel.
fn resolve_tasks(
    m: &crate::model::Model,
    table: &DepartmentTable,
    plan_ids: &[Id],
    facts: &std::collections::HashMap<Id, Vec<std::sync::Arc<crate::model::facts::BlockFacts>>>,
    cache: &mut FactsCache,
) -> Vec<std::vec::IntoIter<Resolved>> {
    use rayon::prelude::*;
    // Kept across rebuilds (serve) under the same table only.
    if cache.keeps() && cache.names_table != cache.table_hash {
        cache.names.clear();
        cache.names_table = cache.table_hash;
    }
    let known = &cache.names;
    let keep = cache.keeps();
    let per_plan: Vec<Vec<(Option<NamesKey>, Resolved)>> = plan_ids
        .par_iter()
        .map(|pid| {
            let plan = &m.plans[pid];
            let issuers = &m.documents[&plan.document].issuers;
            plan.blocks
                .iter()
                .zip(&facts[pid])
                .filter(|(b, _)| matches!(b.kind, BlockKind::Task { .. }))
                .map(|(_, f)| match &f.responsibility {
                    Some(r) => {
                        let key = keep.then(|| names_key(&r.lead, &r.support, issuers));
                        if let Some(found) = key.as_ref().and_then(|k| known.get(k)) {
                            return (key, found.clone());
                        }
                        let scope = table
                            .scope_of(r.lead.iter().chain(&r.support).map(String::as_str), issuers);
                        let resolved = (
                            table.resolve_list(&r.lead, &scope),
                            table.resolve_list(&r.support, &scope),
                        );
                        (key, resolved)
                    }
                    None => (None, Default::default()),
                })
                .collect()
        })
        .collect();
    let mut kept = std::collections::HashMap::new();
    let out = per_plan
        .into_iter()
        .map(|tasks| {
            tasks
                .into_iter()
                .map(|(key, resolved)| {
                    if let Some(k) = key {
                        kept.entry(k).or_insert_with(|| resolved.clone());
                    }
                    resolved
                })
                .collect::<Vec<_>>()
                .into_iter()
        })
        .collect();
    if keep {
        cache.names = kept;
    }
    out
}

fn resolve_all(
    m: &mut crate::model::Model,
    table: &DepartmentTable,
    (names, resolutions): (&[String], Vec<Resolution>),
    (path, span): (&str, LineSpan),
    slugs: &mut std::collections::HashMap<String, Id>,
    diags: &mut Diagnostics,
) -> Vec<Id> {
    let mut out = Vec::new();
    for (printed, resolved) in names.iter().zip(resolutions) {
        let (canonical, known) = match resolved {
            Resolution::Known(c) => (c, true),
            Resolution::Unknown(c) => (c, false),
            Resolution::Placeholder(_) => continue,
            Resolution::Invalid => {
                diags.warn(
                    path,
                    span.start,
                    1,
                    format!("“{printed}” is not a department name; ignored"),
                );
                continue;
            }
        };
        // The same few hundred names recur in thousands of clauses, and a
        // slug (word segmentation, pinyin) is dear: each is made once.
        let id = match slugs.get(&canonical) {
            Some(id) => id.clone(),
            None => {
                let id: Id = ids::slug(&canonical).into();
                slugs.insert(canonical.clone(), id.clone());
                id
            }
        };
        if !m.departments.contains_key(&id) {
            if !known {
                diags.warn(
                    path,
                    span.start,
                    1,
                    format!("unknown department “{canonical}”: add it to data/departments.toml"),
                );
            }
            let dept = Department {
                id: id.clone(),
                name: canonical.clone(),
                known,
                level: table.level_of(&canonical),
                table_aliases: table.aliases(&canonical),
                ..Default::default()
            };
            m.departments.insert(id.clone(), dept);
        }
        let dept = m.departments.get_mut(&id).expect("just made");
        let printed = printed.trim();
        if printed != dept.name && !dept.aliases.iter().any(|a| a == printed) {
            dept.aliases.push(printed.to_string());
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn link_successors(m: &mut Model, table: &DepartmentTable) {
    // A successor added here is linked to its own successor in turn
    // (银监会 → 银保监会 → 金融监管总局).
    let mut names: Vec<(Id, String)> = m
        .departments
        .values()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    while let Some((id, name)) = names.pop() {
        if let Some(succ) = table.successor(&name) {
            let sid: Id = ids::slug(succ).into();
            if !m.departments.contains_key(&sid) {
                names.push((sid.clone(), succ.to_string()));
            }
            m.departments
                .entry(sid.clone())
                .or_insert_with(|| Department {
                    id: sid.clone(),
                    name: succ.to_string(),
                    known: true,
                    level: table.level_of(succ),
                    table_aliases: table.aliases(succ),
                    ..Default::default()
                });
            m.departments.get_mut(&id).unwrap().successor = Some(sid);
        }
    }
    for d in m.departments.values_mut() {
        d.aliases.sort();
    }
}

fn indicator_key(name: &str) -> String {
    script::to_simplified(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The key (name) and id of the indicator of every target stated in the
/// plans, by the indicator's name as stated: made in parallel, and kept
/// across rebuilds in `cache` (both are functions of the name alone).
fn indicator_ids(
    plan_ids: &[Id],
    facts: &std::collections::HashMap<Id, Vec<Arc<BlockFacts>>>,
    cache: &mut FactsCache,
) -> IndicatorIds {
    use rayon::prelude::*;
    let stated: BTreeSet<&str> = plan_ids
        .iter()
        .flat_map(|pid| &facts[pid])
        .flat_map(|f| &f.targets)
        .map(|t| t.indicator.as_str())
        .collect();
    let missing: Vec<&str> = stated
        .iter()
        .copied()
        .filter(|name| !cache.indicators.contains_key(*name))
        .collect();
    let fresh: Vec<(String, (String, Id))> = missing
        .par_iter()
        .map(|name| {
            let key = indicator_key(name);
            let id = ids::slug(&key).into();
            (name.to_string(), (key, id))
        })
        .collect();
    let mut out: IndicatorIds = stated
        .iter()
        .filter_map(|name| Some((name.to_string(), cache.indicators.get(*name)?.clone())))
        .collect();
    out.extend(fresh);
    if cache.keeps() {
        cache.indicators = out.clone();
    }
    out
}

/// A map of `entries` keyed as given, built at once: the keys are sorted
/// apart from the values (which are large), and of equal keys the last
/// is kept, as inserting them in turn would.
fn map_of<K: Ord, T>(entries: Vec<(K, T)>) -> BTreeMap<K, T> {
    let mut values: Vec<Option<T>> = Vec::with_capacity(entries.len());
    let mut keys: Vec<(K, usize)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        keys.push((key, values.len()));
        values.push(Some(value));
    }
    keys.sort_unstable();
    keys.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 = later.1;
            true
        } else {
            false
        }
    });
    keys.into_iter()
        .map(|(key, i)| (key, values[i].take().expect("each value taken once")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map_of;

    #[test]
    fn a_map_built_at_once_is_sorted_and_keeps_the_last_of_equal_keys() {
        let entries = vec![
            ("p-target-2".to_string(), 2),
            ("p-target-10".to_string(), 10),
            ("a-target-1".to_string(), 1),
            ("p-target-2".to_string(), 22),
        ];
        let mut inserted = std::collections::BTreeMap::new();
        for (k, v) in entries.clone() {
            inserted.insert(k, v);
        }
        let built = map_of(entries);
        assert_eq!(built, inserted);
        assert_eq!(built["p-target-2"], 22);
        assert_eq!(
            built.keys().collect::<Vec<_>>(),
            ["a-target-1", "p-target-10", "p-target-2"]
        );
    }
}
