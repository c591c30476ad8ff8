//! Departments of every level through the whole pipeline: an invented
//! State Council list in the older style (prefixes dropped) and a county's
//! list, built into a site; the departments, their levels and successor
//! chains as site.json and the department pages show them.

mod common;

use serde_json::Value;

const NATIONAL: &str = "国务院办公厅关于印发某项改革试点重点任务分工方案的通知
国办发〔2016〕99号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《某项改革试点重点任务分工方案》已经国务院同意，现印发给你们，请认真贯彻执行。
国务院办公厅
2016年5月1日
某项改革试点重点任务分工方案
一、完善体制机制
1.健全协调机制。建立部际联席会议制度。（发展改革委、财政部负责）
2.加强林地保护。落实保护制度。（林业局、国土资源部负责）
3.强化金融支持。加大信贷投放。（人民银行、银监会、证监会负责）
";

const COUNTY: &str = "某某县人民政府关于印发2024年重点工作任务分工方案的通知
某政发〔2024〕3号
各乡镇人民政府、街道办事处，县政府各部门：
现将《2024年重点工作任务分工方案》印发给你们，请认真贯彻落实。
某某县人民政府
2024年2月1日
2024年重点工作任务分工方案
一、稳定经济增长
1.扩大有效投资。谋划一批重大项目。（县发改局、财政局、人社局按职责分工负责）
2.提振消费需求。开展促消费活动。（商务局、县市场监管局负责）
";

fn department<'a>(site: &'a Value, name: &str) -> &'a Value {
    site["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("no department {name} in {}", site["departments"]))
}

#[test]
fn bare_names_resolve_at_their_level_and_successor_chains_are_linked() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("national.txt"), NATIONAL).unwrap();
    std::fs::write(seeds.join("county.txt"), COUNTY).unwrap();
    common::fixed_build_date();
    let site = common::build_json(dir.path());

    for (name, level) in [
        ("国家发展改革委", "national"),
        ("财政部", "national"),
        ("国家林业局", "national"),
        ("证监会", "national"),
        ("县发展改革局", "county"),
        ("县财政局", "county"),
        ("县人力资源社会保障局", "county"),
        ("县商务局", "county"),
        ("县市场监管局", "county"),
    ] {
        let d = department(&site, name);
        assert_eq!(d["level"], level, "{name}");
        assert_eq!(d["known"], true, "{name}");
    }
    assert!(
        department(&site, "国家发展改革委")["aliases"]
            .as_array()
            .unwrap()
            .contains(&Value::from("发展改革委"))
    );
    // Nothing was left as printed bare.
    for bare in ["发展改革委", "林业局", "财政局", "商务局"] {
        assert!(
            !site["departments"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["name"] == bare),
            "{bare}"
        );
    }
    // 银监会 → 银保监会 → 金融监管总局: each link of the chain is a department.
    let yjh = department(&site, "银监会");
    let ybjh = department(&site, "银保监会");
    assert_eq!(yjh["successor"], ybjh["id"]);
    assert_eq!(ybjh["successor"], department(&site, "金融监管总局")["id"]);
    assert_eq!(ybjh["level"], "national");

    // The department page shows the level.
    let id = department(&site, "县财政局")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let page = std::fs::read_to_string(
        dir.path()
            .join(format!("public/departments/{id}/index.html")),
    )
    .unwrap();
    assert!(page.contains("<dt>层级</dt><dd>县级</dd>"), "{page}");
    let list = std::fs::read_to_string(dir.path().join("public/departments/index.html")).unwrap();
    assert!(list.contains("<td>国家级</td>"));
}
