//! The seeds site, built end to end: what the issue names must hold on
//! the real seeds.

mod common;

use serde_json::Value;
use std::sync::OnceLock;

fn site() -> &'static Value {
    static SITE: OnceLock<(tempfile::TempDir, Value)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = common::seeds_site();
            let v = common::build_json(dir.path());
            (dir, v)
        })
        .1
}

fn all<'a>(kind: &str) -> &'a Vec<Value> {
    site()[kind].as_array().unwrap()
}

fn find<'a>(kind: &str, key: &str, value: &str) -> Vec<&'a Value> {
    all(kind)
        .iter()
        .filter(|x| x[key].as_str() == Some(value))
        .collect()
}

#[test]
fn fourteen_documents_ten_of_them_from_the_listing_page() {
    assert_eq!(all("documents").len(), 14);
    let from_listing = all("documents")
        .iter()
        .filter(|d| d["source"]["file"].as_str().unwrap().contains("002_"))
        .count();
    assert_eq!(from_listing, 10);
    let numbers: Vec<&str> = all("documents")
        .iter()
        .filter_map(|d| d["doc_number"].as_str())
        .collect();
    for n in [
        "国办发〔2024〕21号",
        "鲁政办字〔2022〕28号",
        "鲁政发〔2024〕4号",
        "金发〔2024〕5号",
        "财政部 税务总局公告2024年第3号",
    ] {
        assert!(numbers.contains(&n), "{n} missing from {numbers:?}");
    }
    // The title-only entry of the listing is a document too.
    assert!(all("documents").iter().any(|d| {
        d["title"]
            .as_str()
            .unwrap()
            .contains("关于促进个体工商户发展的意见")
    }));
}

#[test]
fn the_stripped_plans_of_seed_000_are_recovered_and_named() {
    let doc = all("documents")
        .iter()
        .find(|d| d["source"]["file"].as_str().unwrap().contains("000_"))
        .unwrap();
    let plans: Vec<&Value> = doc["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| find("plans", "id", id.as_str().unwrap())[0])
        .collect();
    let mut names: Vec<&str> = plans.iter().map(|p| p["name"].as_str().unwrap()).collect();
    names.sort();
    let mut want = vec![
        "人才引育创新",
        "产业生态创新",
        "数字变革创新",
        "科技研发创新",
        "营商环境创新",
        "要素保障创新",
    ];
    want.sort();
    assert_eq!(names, want);
    for p in &plans {
        assert_eq!(p["family"], "十大创新");
        assert_eq!(p["edition"], "2024—2025");
        assert!(
            !p["tasks"].as_array().unwrap().is_empty(),
            "{} has no tasks",
            p["title"]
        );
    }
}

#[test]
fn seed_001_families_containers_and_sub_plans() {
    let water = find("plans", "name", "现代水网");
    assert_eq!(water.len(), 1);
    let parent = find("plans", "id", water[0]["parent"].as_str().unwrap())[0];
    assert_eq!(parent["name"], "基础设施“七网”");
    assert_eq!(parent["family"], "十大扩需求");
    let culture = find("plans", "name", "精品旅游产业");
    assert_eq!(
        find("plans", "id", culture[0]["parent"].as_str().unwrap())[0]["name"],
        "文旅产业"
    );
    let tech2022 = find("plans", "id", "keji-yanfa-chuangxin-2022")[0];
    assert_eq!(tech2022["family"], "十大创新");
    assert_eq!(
        tech2022["tasks"].as_array().unwrap().len(),
        17,
        "14 tasks and 3 measures"
    );
    // The same plan across editions.
    assert_eq!(
        tech2022["editions"],
        serde_json::json!(["keji-yanfa-chuangxin-2024-2025"])
    );
}

#[test]
fn departments_are_clean_and_resolved() {
    for d in all("departments") {
        let name = d["name"].as_str().unwrap();
        assert!(
            !name.contains("KU") && !name.contains("游体育"),
            "spam in {name}"
        );
        assert!(
            !name.contains(['。', ',', ':', ';', '(', ')', '、', ' ']),
            "noise in {name}"
        );
        assert!(name.chars().count() <= 30, "{name}");
    }
    let kj = find("departments", "name", "省科技厅")[0];
    let task1 = "keji-yanfa-chuangxin-2024-2025-item-1";
    assert!(
        kj["lead"].as_array().unwrap().iter().any(|t| t == task1),
        "省科技厅 leads (一)强化组织领导"
    );
    // Aliases map to one body; related bodies stay apart.
    assert!(find("departments", "name", "省住房和城乡建设厅").is_empty());
    assert_eq!(find("departments", "name", "省发展改革委").len(), 1);
    assert_eq!(find("departments", "name", "省能源局").len(), 1);
    // A renamed body points at its successor.
    let old = find("departments", "name", "人民银行济南分行");
    assert_eq!(old.len(), 1, "seed 001 names 人民银行济南分行");
    let succ = find("departments", "id", old[0]["successor"].as_str().unwrap())[0];
    assert_eq!(succ["name"], "人民银行山东省分行");
}

#[test]
fn the_spam_task_keeps_its_real_department() {
    let hit = all("tasks")
        .iter()
        .find(|t| {
            t["title"]
                .as_str()
                .unwrap()
                .contains("强化营商环境制度支撑")
        })
        .unwrap();
    let leads: Vec<&str> = hit["lead"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    let names: Vec<&str> = leads
        .iter()
        .map(|id| find("departments", "id", id)[0]["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"省科技厅"), "{names:?}");
    assert_eq!(names.len(), 7);
}

#[test]
fn the_traditional_twin_is_linked() {
    let hant: Vec<&Value> = find("documents", "script", "zh-Hant");
    assert_eq!(hant.len(), 1);
    let twin = find("documents", "id", hant[0]["twin"].as_str().unwrap())[0];
    assert_eq!(twin["script"], "zh-Hans");
    assert_eq!(twin["twin"], hant[0]["id"]);
    assert!(twin["source"]["file"].as_str().unwrap().contains("002_"));
}

#[test]
fn targets_of_high_tech_enterprises_across_editions() {
    let ind = find("indicators", "name", "高新技术企业")[0];
    let targets: Vec<&Value> = ind["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| find("targets", "id", t.as_str().unwrap())[0])
        .collect();
    let has = |v: f64, year: Option<i64>, plan: &str| {
        targets.iter().any(|t| {
            t["value"].as_f64() == Some(v)
                && t["year"].as_i64() == year
                && t["plan"] == plan
                && t["unit"] == "万家"
        })
    };
    assert!(has(2.3, None, "keji-yanfa-chuangxin-2022"));
    assert!(has(3.5, Some(2024), "keji-yanfa-chuangxin-2024-2025"));
    assert!(has(3.8, Some(2025), "keji-yanfa-chuangxin-2024-2025"));
}

#[test]
fn the_outline_indicator_table_becomes_uncertain_targets() {
    let plan = all("plans")
        .iter()
        .find(|p| p["source"]["file"].as_str().unwrap().contains("003_"))
        .unwrap();
    let table_targets: Vec<&Value> = all("targets")
        .iter()
        .filter(|t| {
            t["plan"] == plan["id"] && t["year"].as_i64() == Some(2025) && t["uncertain"] == true
        })
        .collect();
    assert!(table_targets.len() >= 15, "{}", table_targets.len());
    let urban = table_targets
        .iter()
        .find(|t| t["text"].as_str().unwrap().contains("65"))
        .unwrap();
    assert_eq!(
        urban["comparator"].as_str().map(|c| c.contains("左右")),
        Some(true)
    );
}

#[test]
fn deadlines_are_due_dates_tied_to_tasks() {
    let d = all("deadlines")
        .iter()
        .find(|d| d["text"] == "2024年10月底前")
        .unwrap();
    assert_eq!(d["date"], "2024-10-31");
    assert!(d["task"].is_string());
}

#[test]
fn every_item_names_its_content_file_and_seed_span() {
    for kind in ["documents", "plans"] {
        for x in all(kind) {
            let c = x["content"].as_str().unwrap();
            assert!(c.starts_with("content/") && c.ends_with(".md"), "{c}");
        }
    }
    for kind in ["documents", "plans", "tasks", "targets"] {
        for x in all(kind) {
            assert!(x["source"]["file"].as_str().unwrap().starts_with("seeds/"));
            assert!(x["source"]["line_start"].as_u64().unwrap() >= 1);
        }
    }
}

#[test]
fn site_json_conforms_to_the_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("schema/site.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(site())
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Ids are unique within their kind.
    for kind in [
        "documents",
        "plans",
        "tasks",
        "departments",
        "indicators",
        "targets",
        "deadlines",
    ] {
        let ids: std::collections::BTreeSet<&str> = all(kind)
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), all(kind).len(), "duplicate ids in {kind}");
    }
}
