//! Stage 4, model (derived view): two editions of the same plan compared,
//! for the "editions compared" page.
//!
//! Input: the built [`Model`] and the ids of an older and a newer edition
//! of one plan (see [`edition_pairs`]). Output: an [`EditionDiff`] of plain
//! ids — which indicators were raised, lowered, kept, dropped or are new,
//! which tasks carry over, and which departments lead tasks on either side.
//! Pure: nothing is read or written.
//!
//! # Rules
//!
//! * **Scope.** Each side is the plan *with its sub-plans, recursively*
//!   (own targets and tasks first, then each child's in order). A container
//!   plan such as 基础设施“七网” keeps its commitments in sub-plans, and one
//!   edition may split into sub-plans what another prints flat; comparing
//!   whole subtrees keeps such editions comparable. (Sub-plans with their
//!   own editions are also compared on their own.)
//! * **Targets** are matched by indicator id. Absent in the new side →
//!   [`ChangeKind::Dropped`]; absent in the old side → [`ChangeKind::New`].
//!   For an indicator on both sides, only units shared by both sides are
//!   considered; none shared → [`ChangeKind::Changed`]. Otherwise the
//!   *latest* new target with a shared unit is compared with the latest old
//!   target of that same unit. "Latest" means the highest year, where a
//!   target without a printed year counts as its plan's edition end year
//!   (2.3万家 in the 2022 edition is a 2022 target); ties go to the target
//!   printed last. The number compared is the high end of a range if there
//!   is one, else the value. Equal numbers are [`ChangeKind::Kept`] — so
//!   达到2万家 and 突破2万家 are both lower bounds of 2万 and count as kept —
//!   larger is [`ChangeKind::Raised`], smaller [`ChangeKind::Lowered`].
//!   Raised and lowered describe the printed number, not ambition (for an
//!   upper bound such as 控制在…以内 a raised number is a looser target).
//!   Also [`ChangeKind::Changed`]: one side states a change (增长、提高、
//!   下降、新增 … by X) and the other a level (达到、突破 X or no word), or a
//!   compared target has no number. Units are compared as printed (万家 ≠ 家).
//! * **Uncertain** targets take part like any other; [`TargetChange::uncertain`]
//!   is set when any target listed on either side is uncertain.
//! * **Tasks** are matched by title: titles are converted to Simplified
//!   characters and stripped of everything but letters and digits (so
//!   punctuation and spaces do not count), then scored by the Dice
//!   coefficient of their character bigrams (as multisets; a one-character
//!   title is its own single bigram). Pairs scoring at least
//!   [`TASK_MATCH_THRESHOLD`] (0.5) are matched greedily, best score first,
//!   ties by old task id then new task id; each task is matched at most once.
//! * **Leading departments**: the departments leading at least one task of
//!   a side. A department and its recorded successors (山东银保监局 →
//!   金融监管总局山东监管局) count as one body: a lead whose body leads on
//!   both sides is kept (listed under its new-side id), otherwise lost or
//!   gained.

use crate::model::{Id, Model, Plan, Target, Task};
use crate::parse::script;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Two titles match when the Dice coefficient of their bigrams is at least this.
pub const TASK_MATCH_THRESHOLD: f64 = 0.5;

/// How two editions of one plan differ.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditionDiff {
    /// The older plan id.
    pub old: String,
    /// The newer plan id.
    pub new: String,
    /// One entry per indicator on either side, sorted by indicator id.
    pub targets: Vec<TargetChange>,
    /// New-side task ids without a match in the old side, in printed order.
    pub tasks_gained: Vec<Id>,
    /// Old-side task ids without a match in the new side, in printed order.
    pub tasks_lost: Vec<Id>,
    /// Matched (old task id, new task id), in the old side's printed order.
    pub tasks_kept: Vec<(Id, Id)>,
    /// Department ids leading tasks only in the new side, sorted.
    pub leads_gained: Vec<Id>,
    /// Department ids leading tasks only in the old side, sorted.
    pub leads_lost: Vec<Id>,
    /// New-side ids of departments leading tasks on both sides, sorted.
    pub leads_kept: Vec<Id>,
}

/// What happened to one indicator between two editions.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetChange {
    pub indicator: Id,
    pub kind: ChangeKind,
    /// Old-side target ids of this indicator, by year (as in the rules) then printed order.
    pub old: Vec<Id>,
    /// New-side target ids, ordered the same way.
    pub new: Vec<Id>,
    /// The (old, new) targets that decided `kind`; `None` for dropped and new.
    pub compared: Option<(Id, Id)>,
    /// Any listed target is uncertain.
    pub uncertain: bool,
}

/// The kind of an indicator's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Kept,
    Raised,
    Lowered,
    Dropped,
    New,
    /// Not comparable: different units, a change against a level, no number.
    Changed,
}

/// The first and last year of an edition such as `2022`, `2024—2025` or
/// `2024-2025年` (ASCII or full-width digits); `None` without a year.
pub fn edition_years(edition: &str) -> Option<(i32, i32)> {
    let digits: String = edition
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let mut years = Vec::new();
    let mut run = String::new();
    for c in digits.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() == 4 {
                years.extend(run.parse::<i32>().ok());
            }
            run.clear();
        }
    }
    Some((*years.first()?, *years.last()?))
}

fn years_of(plan: &Plan) -> Option<(i32, i32)> {
    plan.edition.as_deref().and_then(edition_years)
}

/// Pairs (older, newer) of consecutive editions of every plan that has
/// editions. Editions are ordered by their first then last year; a plan
/// whose edition has no year cannot be placed and is left out. Plans that
/// share an edition's years (copies of one edition, or same-named plans of
/// several issuers) are each paired with one plan of the next edition (its
/// first by id), and each plan of the next edition with one of theirs: every
/// plan gets a comparison with its neighbours, and the pages stay linear in
/// the number of plans (all pairs of k and k copies would make k² pages).
/// Sorted by (older id, newer id).
pub fn edition_pairs(model: &Model) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut out = BTreeSet::new();
    for start in model.plans.values() {
        if seen.contains(start.id.as_str()) || model.editions_of(start).next().is_none() {
            continue;
        }
        // Its group of editions (every plan of the name: one with another
        // edition than its own links them all), bucketed by years.
        let mut buckets: BTreeMap<(i32, i32), Vec<&str>> = BTreeMap::new();
        for id in start.edition_group.iter() {
            if !seen.insert(id.as_str()) {
                continue;
            }
            let Some(p) = model.plans.get(id) else {
                continue;
            };
            if let Some(y) = years_of(p) {
                buckets.entry(y).or_default().push(id);
            }
        }
        let mut buckets: Vec<Vec<&str>> = buckets.into_values().collect();
        for b in &mut buckets {
            b.sort_unstable();
        }
        for w in buckets.windows(2) {
            let (older, newer) = (&w[0], &w[1]);
            for old in older {
                out.insert((old.to_string(), newer[0].to_string()));
            }
            for new in newer {
                out.insert((older[0].to_string(), new.to_string()));
            }
        }
    }
    out.into_iter().collect()
}

/// Compares two editions of a plan (see the module rules). Unknown plan
/// ids count as empty sides.
pub fn compare(model: &Model, old_plan: &str, new_plan: &str) -> EditionDiff {
    let old = Side::of(model, old_plan);
    let new = Side::of(model, new_plan);
    let (tasks_kept, tasks_lost, tasks_gained) = match_tasks(&old.tasks, &new.tasks);
    let (leads_kept, leads_lost, leads_gained) = compare_leads(model, &old.tasks, &new.tasks);
    EditionDiff {
        old: old_plan.to_string(),
        new: new_plan.to_string(),
        targets: compare_targets(&old, &new),
        tasks_gained,
        tasks_lost,
        tasks_kept,
        leads_gained,
        leads_lost,
        leads_kept,
    }
}

/// One side: targets (with their effective year) and tasks of a subtree.
struct Side<'a> {
    targets: Vec<(Option<i32>, &'a Target)>,
    tasks: Vec<&'a Task>,
}

impl<'a> Side<'a> {
    fn of(model: &'a Model, root: &str) -> Self {
        let mut side = Side {
            targets: Vec::new(),
            tasks: Vec::new(),
        };
        let mut visited = BTreeSet::new();
        side.collect(model, root, None, &mut visited);
        side
    }

    fn collect(
        &mut self,
        model: &'a Model,
        id: &str,
        inherited: Option<i32>,
        visited: &mut BTreeSet<String>,
    ) {
        let Some(plan) = model.plans.get(id) else {
            return;
        };
        if !visited.insert(id.to_string()) {
            return;
        }
        let end = years_of(plan).map(|(_, e)| e).or(inherited);
        for t in plan.targets.iter().filter_map(|t| model.targets.get(t)) {
            self.targets.push((t.year.or(end), t));
        }
        self.tasks
            .extend(plan.tasks.iter().filter_map(|t| model.tasks.get(t)));
        for child in &plan.children {
            self.collect(model, child, end, visited);
        }
    }

    /// Targets by indicator, each list by (year, printed order).
    fn by_indicator(&self) -> BTreeMap<&'a str, Vec<(Option<i32>, &'a Target)>> {
        let mut map: BTreeMap<&str, Vec<_>> = BTreeMap::new();
        for &(y, t) in &self.targets {
            map.entry(t.indicator.as_str()).or_default().push((y, t));
        }
        for list in map.values_mut() {
            list.sort_by_key(|(y, _)| *y);
        }
        map
    }
}

fn compare_targets(old: &Side, new: &Side) -> Vec<TargetChange> {
    let old_map = old.by_indicator();
    let new_map = new.by_indicator();
    let indicators: BTreeSet<&str> = old_map.keys().chain(new_map.keys()).copied().collect();
    let empty = Vec::new();
    indicators
        .into_iter()
        .map(|ind| {
            let o = old_map.get(ind).unwrap_or(&empty);
            let n = new_map.get(ind).unwrap_or(&empty);
            let (kind, compared) = match (o.is_empty(), n.is_empty()) {
                (false, true) => (ChangeKind::Dropped, None),
                (true, false) => (ChangeKind::New, None),
                _ => {
                    let (kind, a, b) = judge(o, n);
                    (kind, Some((a.id.clone(), b.id.clone())))
                }
            };
            TargetChange {
                indicator: ind.to_string().into(),
                kind,
                old: o.iter().map(|(_, t)| t.id.clone()).collect(),
                new: n.iter().map(|(_, t)| t.id.clone()).collect(),
                compared,
                uncertain: o.iter().chain(n).any(|(_, t)| t.uncertain),
            }
        })
        .collect()
}

/// The kind of change between two non-empty lists sorted by year, and the
/// two targets that decided it.
fn judge<'a>(
    old: &[(Option<i32>, &'a Target)],
    new: &[(Option<i32>, &'a Target)],
) -> (ChangeKind, &'a Target, &'a Target) {
    // Lists are sorted by year with printed order kept, so the last one is the latest.
    let latest = |list: &[(Option<i32>, &'a Target)], unit: Option<&Option<Id>>| {
        list.iter()
            .rev()
            .find(|(_, t)| unit.is_none_or(|u| t.unit == *u))
            .map(|(_, t)| *t)
    };
    let old_units: BTreeSet<&Option<Id>> = old.iter().map(|(_, t)| &t.unit).collect();
    let shared: Vec<&(Option<i32>, &Target)> = new
        .iter()
        .filter(|(_, t)| old_units.contains(&t.unit))
        .collect();
    let Some(&&(_, b)) = shared.last() else {
        let (a, b) = (old[old.len() - 1].1, new[new.len() - 1].1);
        return (ChangeKind::Changed, a, b);
    };
    let a = latest(old, Some(&b.unit)).expect("a shared unit has an old target");
    if is_change(a) != is_change(b) {
        return (ChangeKind::Changed, a, b);
    }
    let number = |t: &Target| t.value_high.or(t.value);
    let kind = match (number(a), number(b)) {
        (Some(x), Some(y)) if (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0) => {
            ChangeKind::Kept
        }
        (Some(x), Some(y)) => match y.partial_cmp(&x) {
            Some(Ordering::Greater) => ChangeKind::Raised,
            Some(Ordering::Less) => ChangeKind::Lowered,
            _ => ChangeKind::Changed,
        },
        _ => ChangeKind::Changed,
    };
    (kind, a, b)
}

/// Comparator words that state a change by an amount rather than a level.
/// Words ending in 到/至 (提高到) name a level and are not listed.
const CHANGE_WORDS: &[&str] = &[
    "同比增长",
    "比上年增长",
    "年均增长",
    "年均提高",
    "年均下降",
    "增长",
    "增加",
    "提高",
    "提升",
    "降低",
    "下降",
    "减少",
    "新增",
];

fn is_change(t: &Target) -> bool {
    t.comparator
        .as_deref()
        .is_some_and(|c| c.split(' ').any(|w| CHANGE_WORDS.contains(&w)))
}

/// A title reduced to its letters and digits, in Simplified characters.
fn normalize_title(title: &str) -> Vec<char> {
    script::to_simplified(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The sorted multiset of character bigrams; a one-character text is its own bigram.
fn bigrams(chars: &[char]) -> Vec<(char, char)> {
    let mut out: Vec<(char, char)> = match chars {
        [c] => vec![(*c, '\0')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    out.sort_unstable();
    out
}

/// The Dice coefficient of two sorted bigram multisets (0 when both are empty).
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

/// Title similarity of two task titles (see the module rules).
pub fn title_similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(&normalize_title(a)), &bigrams(&normalize_title(b)))
}

type TaskMatch = (Vec<(Id, Id)>, Vec<Id>, Vec<Id>);

/// (kept pairs, lost old ids, gained new ids).
fn match_tasks(old: &[&Task], new: &[&Task]) -> TaskMatch {
    let ob: Vec<_> = old
        .iter()
        .map(|t| bigrams(&normalize_title(&t.title)))
        .collect();
    let nb: Vec<_> = new
        .iter()
        .map(|t| bigrams(&normalize_title(&t.title)))
        .collect();
    let mut candidates = Vec::new();
    for (i, a) in ob.iter().enumerate() {
        for (j, b) in nb.iter().enumerate() {
            let s = dice(a, b);
            if s >= TASK_MATCH_THRESHOLD {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| old[x.1].id.cmp(&old[y.1].id))
            .then_with(|| new[x.2].id.cmp(&new[y.2].id))
    });
    let mut old_match: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_used = vec![false; new.len()];
    for (_, i, j) in candidates {
        if old_match[i].is_none() && !new_used[j] {
            old_match[i] = Some(j);
            new_used[j] = true;
        }
    }
    let mut kept = Vec::new();
    let mut lost = Vec::new();
    for (i, m) in old_match.iter().enumerate() {
        match m {
            Some(j) => kept.push((old[i].id.clone(), new[*j].id.clone())),
            None => lost.push(old[i].id.clone()),
        }
    }
    let gained = new
        .iter()
        .zip(&new_used)
        .filter(|(_, used)| !**used)
        .map(|(t, _)| t.id.clone())
        .collect();
    (kept, lost, gained)
}

/// The last successor of a department (itself without one).
fn body_of<'a>(model: &'a Model, id: &'a str) -> &'a str {
    let mut cur = id;
    let mut seen = BTreeSet::new();
    while seen.insert(cur) {
        match model
            .departments
            .get(cur)
            .and_then(|d| d.successor.as_deref())
        {
            Some(next) => cur = next,
            None => break,
        }
    }
    cur
}

type LeadDiff = (Vec<Id>, Vec<Id>, Vec<Id>);

/// (kept new-side ids, lost old ids, gained new ids), each sorted.
fn compare_leads(model: &Model, old: &[&Task], new: &[&Task]) -> LeadDiff {
    let leads = |tasks: &[&Task]| -> BTreeSet<Id> {
        tasks.iter().flat_map(|t| t.lead.iter().cloned()).collect()
    };
    let (old, new) = (leads(old), leads(new));
    let bodies = |set: &BTreeSet<Id>| -> BTreeSet<String> {
        set.iter().map(|d| body_of(model, d).to_string()).collect()
    };
    let (old_bodies, new_bodies) = (bodies(&old), bodies(&new));
    let (mut kept, mut gained) = (Vec::new(), Vec::new());
    for d in &new {
        if old_bodies.contains(body_of(model, d)) {
            kept.push(d.clone());
        } else {
            gained.push(d.clone());
        }
    }
    let lost = old
        .iter()
        .filter(|d| !new_bodies.contains(body_of(model, d)))
        .cloned()
        .collect();
    (kept, lost, gained)
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
