//! Tests of `compare` on small hand-made models.

use super::*;
use crate::model::Department;

fn plan(m: &mut Model, id: &str, edition: &str) {
    m.plans.insert(
        id.into(),
        Plan {
            id: id.into(),
            name: "科技研发创新".into(),
            edition: (!edition.is_empty()).then(|| edition.into()),
            ..Default::default()
        },
    );
}

fn link_editions(m: &mut Model, ids: &[&str]) {
    let group: std::sync::Arc<[Id]> = ids.iter().map(|o| Id::from(*o)).collect();
    for id in ids {
        m.plans.get_mut(*id).unwrap().edition_group = group.clone();
    }
}

/// Adds a target: (value, value_high, unit, year, comparator).
fn target(
    m: &mut Model,
    plan: &str,
    indicator: &str,
    (value, value_high, unit, year, comparator): (f64, Option<f64>, &str, Option<i32>, &str),
) -> Id {
    let id: Id = format!("{plan}-target-{}", m.plans[plan].targets.len() + 1).into();
    m.plans.get_mut(plan).unwrap().targets.push(id.clone());
    m.targets.insert(
        id.clone(),
        Target {
            id: id.clone(),
            indicator: indicator.into(),
            plan: plan.into(),
            value: Some(value),
            value_high,
            unit: Some(unit.into()),
            year,
            comparator: (!comparator.is_empty()).then(|| comparator.into()),
            ..Default::default()
        },
    );
    id
}

fn task(m: &mut Model, plan: &str, title: &str, lead: &[&str]) -> Id {
    let id: Id = format!("{plan}-task-{}", m.plans[plan].tasks.len() + 1).into();
    m.plans.get_mut(plan).unwrap().tasks.push(id.clone());
    m.tasks.insert(
        id.clone(),
        Task {
            id: id.clone(),
            plan: plan.into(),
            title: title.into(),
            lead: lead.iter().map(|d| Id::from(*d)).collect(),
            ..Default::default()
        },
    );
    id
}

fn two_editions() -> Model {
    let mut m = Model::default();
    plan(&mut m, "a-2022", "2022");
    plan(&mut m, "a-2024", "2024—2025");
    link_editions(&mut m, &["a-2022", "a-2024"]);
    m
}

fn change<'a>(d: &'a EditionDiff, indicator: &str) -> &'a TargetChange {
    d.targets.iter().find(|c| c.indicator == indicator).unwrap()
}

#[test]
fn edition_years_read_single_years_and_ranges() {
    assert_eq!(edition_years("2022"), Some((2022, 2022)));
    assert_eq!(edition_years("2024—2025"), Some((2024, 2025)));
    assert_eq!(edition_years("2024-2025年"), Some((2024, 2025)));
    assert_eq!(edition_years("２０２３"), Some((2023, 2023)));
    assert_eq!(edition_years("第二版"), None);
    assert_eq!(edition_years("12345"), None);
}

#[test]
fn pairs_are_consecutive_editions_older_first() {
    let mut m = Model::default();
    plan(&mut m, "z-2024", "2024—2025");
    plan(&mut m, "b-2022", "2022");
    plan(&mut m, "c-2023", "2023");
    plan(&mut m, "d-undated", "第二版");
    plan(&mut m, "alone", "2022");
    link_editions(&mut m, &["z-2024", "b-2022", "c-2023", "d-undated"]);
    assert_eq!(
        edition_pairs(&m),
        vec![
            ("b-2022".to_string(), "c-2023".to_string()),
            ("c-2023".to_string(), "z-2024".to_string()),
        ]
    );
}

/// Copies of an edition are each compared with one plan of the
/// neighbouring editions, not with every copy of them.
#[test]
fn copies_of_an_edition_are_paired_linearly() {
    let mut m = Model::default();
    let ids = ["a-2022", "b-2022", "c-2022", "d-2024", "e-2024", "f-2024"];
    for id in ids {
        let year = &id[2..];
        plan(&mut m, id, &format!("{year}年"));
    }
    link_editions(&mut m, &ids);
    let pairs = edition_pairs(&m);
    let strs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        strs,
        [
            ("a-2022", "d-2024"),
            ("a-2022", "e-2024"),
            ("a-2022", "f-2024"),
            ("b-2022", "d-2024"),
            ("c-2022", "d-2024"),
        ]
    );
}

#[test]
fn a_higher_latest_target_is_raised_and_yearless_targets_take_the_edition_year() {
    let mut m = two_editions();
    target(&mut m, "a-2022", "qiye", (2.3, None, "万家", None, "达到"));
    let late = target(&mut m, "a-2022", "qiye", (2.3, None, "万家", None, "达到"));
    let y24 = target(
        &mut m,
        "a-2024",
        "qiye",
        (3.5, None, "万家", Some(2024), "突破"),
    );
    // Printed before the 2024 target but for a later year: it is the latest.
    let y25 = target(
        &mut m,
        "a-2024",
        "qiye",
        (3.8, None, "万家", Some(2025), "突破"),
    );
    m.plans.get_mut("a-2024").unwrap().targets.swap(0, 1);
    let d = compare(&m, "a-2022", "a-2024");
    let c = change(&d, "qiye");
    assert_eq!(c.kind, ChangeKind::Raised);
    assert_eq!(c.compared, Some((late, y25.clone())));
    assert_eq!(c.new, vec![y24, y25]);
    assert!(!c.uncertain);
}

#[test]
fn equal_bounds_are_kept_and_ranges_compare_by_their_high_end() {
    let mut m = two_editions();
    target(&mut m, "a-2022", "x", (2.0, None, "万家", None, "达到"));
    target(&mut m, "a-2024", "x", (2.0, None, "万家", None, "突破"));
    target(&mut m, "a-2022", "lab", (6.0, None, "家", None, ""));
    target(&mut m, "a-2024", "lab", (3.0, Some(4.0), "家", None, ""));
    target(&mut m, "a-2022", "park", (3.0, Some(5.0), "家", None, ""));
    target(&mut m, "a-2024", "park", (5.0, None, "家", None, "超过"));
    let d = compare(&m, "a-2022", "a-2024");
    assert_eq!(change(&d, "x").kind, ChangeKind::Kept);
    assert_eq!(change(&d, "lab").kind, ChangeKind::Lowered);
    assert_eq!(change(&d, "park").kind, ChangeKind::Kept);
}

#[test]
fn units_and_change_against_level_are_not_comparable() {
    let mut m = two_editions();
    target(
        &mut m,
        "a-2022",
        "share",
        (2.0, None, "个百分点", None, "提高 左右"),
    );
    target(
        &mut m,
        "a-2024",
        "share",
        (53.0, None, "%", Some(2025), "达到"),
    );
    target(&mut m, "a-2022", "rd", (10.0, None, "%", None, "增长 以上"));
    target(&mut m, "a-2024", "rd", (2.6, None, "%", None, "达到"));
    target(
        &mut m,
        "a-2022",
        "growth",
        (10.0, None, "%", None, "增长 以上"),
    );
    target(
        &mut m,
        "a-2024",
        "growth",
        (10.0, None, "%", None, "年均增长 左右"),
    );
    let d = compare(&m, "a-2022", "a-2024");
    assert_eq!(change(&d, "share").kind, ChangeKind::Changed);
    assert!(change(&d, "share").compared.is_some());
    assert_eq!(change(&d, "rd").kind, ChangeKind::Changed);
    assert_eq!(change(&d, "growth").kind, ChangeKind::Kept);
}

#[test]
fn a_shared_unit_is_preferred_over_a_later_target_in_another_unit() {
    let mut m = two_editions();
    let wan = target(&mut m, "a-2022", "sme", (3.0, None, "万家", None, "达到"));
    target(&mut m, "a-2022", "sme", (2000.0, None, "家", None, "左右"));
    let new = target(
        &mut m,
        "a-2024",
        "sme",
        (5.5, None, "万家", Some(2025), "突破"),
    );
    target(&mut m, "a-2024", "sme", (4.0, None, "亿元", Some(2025), ""));
    let d = compare(&m, "a-2022", "a-2024");
    let c = change(&d, "sme");
    assert_eq!(c.kind, ChangeKind::Raised);
    assert_eq!(c.compared, Some((wan, new)));
}

#[test]
fn dropped_new_and_uncertain_flags() {
    let mut m = two_editions();
    let gone = target(
        &mut m,
        "a-2022",
        "gone",
        (3000.0, None, "亿元", None, "达到"),
    );
    let fresh = target(
        &mut m,
        "a-2024",
        "fresh",
        (30.0, None, "家", Some(2025), "达到"),
    );
    m.targets.get_mut(&fresh).unwrap().uncertain = true;
    let d = compare(&m, "a-2022", "a-2024");
    let g = change(&d, "gone");
    assert_eq!(
        (g.kind, &g.old, g.new.len()),
        (ChangeKind::Dropped, &vec![gone], 0)
    );
    assert_eq!(g.compared, None);
    let f = change(&d, "fresh");
    assert_eq!(f.kind, ChangeKind::New);
    assert!(f.uncertain && !g.uncertain);
    let order: Vec<&str> = d.targets.iter().map(|c| c.indicator.as_str()).collect();
    assert_eq!(order, ["fresh", "gone"]);
}

#[test]
fn sub_plans_count_as_part_of_their_plan() {
    let mut m = two_editions();
    plan(&mut m, "a-2024-sub", "");
    m.plans.get_mut("a-2024-sub").unwrap().parent = Some("a-2024".into());
    m.plans.get_mut("a-2024").unwrap().children = vec!["a-2024-sub".into()];
    target(&mut m, "a-2022", "net", (100.0, None, "公里", None, ""));
    // Yearless in a sub-plan without an edition: takes the parent's end year.
    target(&mut m, "a-2024-sub", "net", (90.0, None, "公里", None, ""));
    let sub_task = task(&mut m, "a-2024-sub", "建设新型基础设施网", &[]);
    let d = compare(&m, "a-2022", "a-2024");
    assert_eq!(change(&d, "net").kind, ChangeKind::Lowered);
    assert_eq!(d.tasks_gained, vec![sub_task]);
}

#[test]
fn tasks_match_by_title_bigrams_ignoring_punctuation() {
    assert_eq!(
        title_similarity("提升企业技术创新能力。", "提升企业技术创新能力"),
        1.0
    );
    assert_eq!(title_similarity("“强化”开放 合作", "强化开放合作。"), 1.0);
    // 强化政策保障 / 强化要素保障 share 2 of 5+5 bigrams: 0.4.
    assert!((title_similarity("强化政策保障。", "强化要素保障。") - 0.4).abs() < 1e-12);
    assert_eq!(title_similarity("。", "!"), 0.0);
    let mut m = two_editions();
    let o1 = task(&mut m, "a-2022", "强化政策保障。", &[]);
    let o2 = task(&mut m, "a-2022", "提升企业技术创新能力。", &[]);
    let o3 = task(&mut m, "a-2022", "提升企业创新能力。", &[]);
    let n1 = task(&mut m, "a-2024", "强化要素保障。", &[]);
    let n2 = task(&mut m, "a-2024", "提升企业技术创新能力", &[]);
    let d = compare(&m, "a-2022", "a-2024");
    // o2 and o3 both resemble n2; the exact title wins, o3 is lost.
    assert_eq!(d.tasks_kept, vec![(o2, n2)]);
    assert_eq!(d.tasks_lost, vec![o1, o3]);
    assert_eq!(d.tasks_gained, vec![n1]);
}

#[test]
fn equal_scores_are_broken_by_id() {
    let mut m = two_editions();
    let o1 = task(&mut m, "a-2022", "建设实验室", &[]);
    let o2 = task(&mut m, "a-2022", "建设实验室", &[]);
    let n1 = task(&mut m, "a-2024", "建设实验室。", &[]);
    let d = compare(&m, "a-2022", "a-2024");
    assert_eq!(d.tasks_kept, vec![(o1, n1)]);
    assert_eq!(d.tasks_lost, vec![o2]);
}

#[test]
fn leads_follow_successors() {
    let mut m = two_editions();
    for (id, succ) in [
        ("yinbaojian", Some("jinrong-jianguan")),
        ("jinrong-jianguan", None),
    ] {
        m.departments.insert(
            id.into(),
            Department {
                id: id.into(),
                successor: succ.map(Into::into),
                ..Default::default()
            },
        );
    }
    task(
        &mut m,
        "a-2022",
        "甲",
        &["kejiting", "guoziwei", "yinbaojian"],
    );
    task(&mut m, "a-2024", "乙", &["kejiting", "jinrong-jianguan"]);
    task(&mut m, "a-2024", "丙", &["shangwuting"]);
    let d = compare(&m, "a-2022", "a-2024");
    assert_eq!(d.leads_kept, ["jinrong-jianguan", "kejiting"]);
    assert_eq!(d.leads_lost, ["guoziwei"]);
    assert_eq!(d.leads_gained, ["shangwuting"]);
}

#[test]
fn unknown_plans_compare_as_empty() {
    let mut m = two_editions();
    let t = target(&mut m, "a-2024", "x", (1.0, None, "家", None, ""));
    let d = compare(&m, "nope", "a-2024");
    assert_eq!(d.old, "nope");
    assert_eq!(change(&d, "x").new, vec![t]);
    assert_eq!(change(&d, "x").kind, ChangeKind::New);
}
