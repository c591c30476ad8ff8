//! Editions compared on the real seeds: the 十大创新 plans of 2022 and of
//! 2024—2025 (facts checked against the content files).

mod common;

use gazette::model::Model;
use gazette::model::compare::{ChangeKind, EditionDiff, compare, edition_pairs};
use std::sync::OnceLock;

fn model() -> &'static Model {
    static MODEL: OnceLock<(tempfile::TempDir, Model)> = OnceLock::new();
    &MODEL
        .get_or_init(|| {
            let dir = common::seeds_site();
            let site = gazette::site::Site::new(dir.path());
            let (_, m, diags) = gazette::build::model(&site, &Default::default()).unwrap();
            assert!(!diags.has_errors(), "{diags:?}");
            (dir, m)
        })
        .1
}

const OLD: &str = "keji-yanfa-chuangxin-2022";
const NEW: &str = "keji-yanfa-chuangxin-2024-2025";

fn keji() -> EditionDiff {
    compare(model(), OLD, NEW)
}

fn kind(d: &EditionDiff, indicator: &str) -> ChangeKind {
    d.targets
        .iter()
        .find(|c| c.indicator == indicator)
        .unwrap_or_else(|| panic!("{indicator} not compared"))
        .kind
}

/// The printed text of the (old, new) targets that decided an indicator.
fn compared_texts(d: &EditionDiff, indicator: &str) -> (String, String) {
    let c = d.targets.iter().find(|c| c.indicator == indicator).unwrap();
    let (a, b) = c.compared.clone().unwrap();
    let m = model();
    (m.targets[&a].text.clone(), m.targets[&b].text.clone())
}

#[test]
fn the_four_innovation_plans_in_both_editions_are_paired_older_first() {
    let pairs = edition_pairs(model());
    for name in [
        "chanye-shengtai-chuangxin",
        "keji-yanfa-chuangxin",
        "shuzi-biange-chuangxin",
        "yaosu-baozhang-chuangxin",
    ] {
        let pair = (format!("{name}-2022"), format!("{name}-2024-2025"));
        assert!(pairs.contains(&pair), "{pair:?} missing from {pairs:?}");
    }
    assert!(
        pairs
            .iter()
            .all(|(a, b)| a.ends_with("2022") && b.ends_with("2025"))
    );
}

#[test]
fn high_tech_enterprises_are_raised_from_2_3_to_3_8_wan() {
    let d = keji();
    assert_eq!(kind(&d, "gaoxinjishu-qiye"), ChangeKind::Raised);
    let (a, b) = compared_texts(&d, "gaoxinjishu-qiye");
    assert!(a.contains("2.3万家"), "{a}");
    // The later of 2024 (3.5万家) and 2025 (3.8万家) is compared.
    assert!(b.contains("3.8万家"), "{b}");
}

#[test]
fn small_tech_firms_compare_in_wan_not_against_the_2000_supported_firms() {
    let d = keji();
    assert_eq!(kind(&d, "kejixing-zhongxiaoqiye"), ChangeKind::Raised);
    let (a, b) = compared_texts(&d, "kejixing-zhongxiaoqiye");
    assert!(a.contains("3万家") && b.contains("5.5万家"), "{a} / {b}");
}

#[test]
fn research_spending_growth_of_10_percent_is_kept() {
    // 全社会研发经费投入增长10%以上 → 年均增长10%左右
    assert_eq!(
        kind(&keji(), "quan-shehui-yanfa-jingfei-touru"),
        ChangeKind::Kept
    );
}

#[test]
fn the_high_tech_output_share_changes_from_points_to_a_percentage() {
    // 提高2个百分点左右 → 2025年达到53%: different units.
    assert_eq!(
        kind(
            &keji(),
            "guimo-yishang-gaoxinjishu-chanye-chanzhi-zhan-guimo-yishang"
        ),
        ChangeKind::Changed
    );
}

#[test]
fn provincial_labs_fall_from_6_to_3_4_and_other_indicators_come_and_go() {
    let d = keji();
    // 高标准建设6家省实验室 → 新组建3—4家省实验室
    assert_eq!(kind(&d, "sheng-shiyanshi"), ChangeKind::Lowered);
    // 技术合同交易额达到3000亿元 is not in the later edition.
    assert_eq!(kind(&d, "jishu-hetong-jiaoyie"), ChangeKind::Dropped);
    // 两年新建3—5家省高新区 is new.
    assert_eq!(kind(&d, "sheng-gaoxinqu"), ChangeKind::New);
}

#[test]
fn five_g_base_stations_are_raised_from_16_to_27_wan() {
    let d = compare(
        model(),
        "shuzi-biange-chuangxin-2022",
        "shuzi-biange-chuangxin-2024-2025",
    );
    assert_eq!(kind(&d, "5g-jizhan"), ChangeKind::Raised);
    let (a, b) = compared_texts(&d, "5g-jizhan");
    assert!(a.contains("16万个") && b.contains("27万个"), "{a} / {b}");
}

#[test]
fn tasks_carry_over_by_title() {
    let d = keji();
    let m = model();
    let titles: Vec<(&str, &str)> = d
        .tasks_kept
        .iter()
        .map(|(a, b)| (m.tasks[a].title.as_str(), m.tasks[b].title.as_str()))
        .collect();
    assert!(titles.contains(&("提升企业技术创新能力。", "提升企业技术创新能力。")));
    assert!(titles.contains(&("持续推进科技体制改革。", "推进科技成果转化体制机制改革。")));
    let lost: Vec<&str> = d
        .tasks_lost
        .iter()
        .map(|t| m.tasks[t].title.as_str())
        .collect();
    assert!(lost.contains(&"强化开放合作。"), "{lost:?}");
    let gained: Vec<&str> = d
        .tasks_gained
        .iter()
        .map(|t| m.tasks[t].title.as_str())
        .collect();
    assert!(gained.contains(&"完善四级实验室体系。"), "{gained:?}");
    // Every task is accounted for exactly once.
    assert_eq!(
        d.tasks_kept.len() + d.tasks_lost.len(),
        m.plans[OLD].tasks.len()
    );
    assert_eq!(
        d.tasks_kept.len() + d.tasks_gained.len(),
        m.plans[NEW].tasks.len()
    );
}

#[test]
fn leading_departments_follow_the_financial_reform() {
    let d = keji();
    assert!(d.leads_kept.iter().any(|d| d == "sheng-kejiting"));
    // 山东银保监局 (2022) became 金融监管总局山东监管局 (2024—2025).
    assert!(
        d.leads_kept
            .iter()
            .any(|d| d == "jinrongjianguan-zongju-shandong-jianguanju")
    );
    assert!(!d.leads_lost.iter().any(|d| d == "shandong-yin-baojianju"));
    // 省国资委 led 提升企业技术创新能力 in 2022 only.
    assert!(d.leads_lost.iter().any(|d| d == "sheng-guoziwei"));
    assert!(
        d.leads_lost
            .iter()
            .any(|d| d == "sheng-difang-jinrong-jianguanju")
    );
    for gained in [
        "shengwei-jinrong-ban",
        "renminyinxing-shandongsheng-fenxing",
    ] {
        assert!(d.leads_gained.iter().any(|d| d == gained), "{gained}");
    }
}
