//! Tests of `targets`: real excerpts of the seeds and invented inputs of the genre.

use super::*;

/// (indicator, value, value_high, unit, year, comparator)
pub(super) type Row = (
    String,
    Option<f64>,
    Option<f64>,
    String,
    Option<i32>,
    Option<String>,
);

pub(super) fn rows(text: &str) -> Vec<Row> {
    extract(text)
        .into_iter()
        .map(|m| {
            (
                m.indicator,
                m.value,
                m.value_high,
                m.unit.unwrap_or_default(),
                m.year,
                m.comparator,
            )
        })
        .collect()
}

pub(super) fn r(ind: &str, v: f64, unit: &str, year: Option<i32>, comp: Option<&str>) -> Row {
    (
        ind.to_string(),
        Some(v),
        None,
        unit.to_string(),
        year,
        comp.map(str::to_string),
    )
}

#[test]
fn two_years_two_targets() {
    let got =
        rows("高新技术企业2024年突破3.5万家、2025年突破3.8万家,科技型中小企业2024年突破5万家");
    assert_eq!(
        got,
        vec![
            r("高新技术企业", 3.5, "万家", Some(2024), Some("突破")),
            r("高新技术企业", 3.8, "万家", Some(2025), Some("突破")),
            r("科技型中小企业", 5.0, "万家", Some(2024), Some("突破")),
        ]
    );
}

#[test]
fn annual_growth_comparator_keeps_both_words() {
    assert_eq!(
        rows("全社会研发经费投入年均增长10%左右,高新"),
        vec![r(
            "全社会研发经费投入",
            10.0,
            "%",
            None,
            Some("年均增长 左右")
        )]
    );
}

#[test]
fn share_phrase_is_the_indicator() {
    let got = rows(
        "规模以上高新技术产业产值占规模以上工业总产值比重2024年达到52%、2025年达到53%,科技创新",
    );
    let ind = "规模以上高新技术产业产值占规模以上工业总产值比重";
    assert_eq!(
        got,
        vec![
            r(ind, 52.0, "%", Some(2024), Some("达到")),
            r(ind, 53.0, "%", Some(2025), Some("达到")),
        ]
    );
}

#[test]
fn generic_subject_looks_back() {
    let got = rows("全力争创全国重点实验室,力争到2025年总数达到30家。");
    assert_eq!(
        got,
        vec![r(
            "全国重点实验室总数",
            30.0,
            "家",
            Some(2025),
            Some("力争 达到")
        )]
    );
}

#[test]
fn following_noun_ranges_and_yearly() {
    let got = rows("6.推动科技园区质量提升。两年新建3—5家省高新区,力争国家高新区创建取得新突破。");
    assert_eq!(
        got,
        vec![(
            "省高新区".to_string(),
            Some(3.0),
            Some(5.0),
            "家".to_string(),
            None,
            None
        )]
    );
    assert_eq!(
        rows("等领域,每年组织实施20项左右前沿技术攻关项目,从创新源头"),
        vec![r("前沿技术攻关项目", 20.0, "项", None, Some("左右"))]
    );
    assert_eq!(
        rows("累计建成1500个左右的智慧社区,智慧社区覆盖率超过20%"),
        vec![
            r("智慧社区", 1500.0, "个", None, Some("累计 左右")),
            r("智慧社区覆盖率", 20.0, "%", None, Some("超过")),
        ]
    );
}

#[test]
fn talents_and_year_context() {
    let t = "聚焦服务高质量发展和支撑高水平科技自立自强,力争用2年时间,新增国家级、省级领军人才2300人左右,吸引集聚青年人才140万人以上;到2025年,全社会研发经费支出占生产总值比重超过全国平均水平,每万人口高价值发明专利拥有量突破10件,加快实现人才发展。";
    assert_eq!(
        rows(t),
        vec![
            r(
                "国家级、省级领军人才",
                2300.0,
                "人",
                None,
                Some("新增 左右")
            ),
            r("青年人才", 140.0, "万人", None, Some("以上")),
            r(
                "每万人口高价值发明专利拥有量",
                10.0,
                "件",
                Some(2025),
                Some("突破")
            ),
        ]
    );
}

#[test]
fn edition_2022_without_year() {
    assert_eq!(
        rows("力争科技型中小企业达到3万家,高新技术企业达到2.3万家,培育科技领军企业200家。"),
        vec![
            r("科技型中小企业", 3.0, "万家", None, Some("力争 达到")),
            r("高新技术企业", 2.3, "万家", None, Some("达到")),
            r("科技领军企业", 200.0, "家", None, None),
        ]
    );
}

#[test]
fn seed_001_digital_economy_sentence() {
    let t = "全省数字经济总量增幅超过11%,数字经济核心产业增加值占GDP比重达到7%;工业企业关键业务环节全面数字化率达到67%,信息技术产业营收突破1.4万亿元;";
    assert_eq!(
        rows(t),
        vec![
            r("全省数字经济总量增幅", 11.0, "%", None, Some("超过")),
            r(
                "数字经济核心产业增加值占GDP比重",
                7.0,
                "%",
                None,
                Some("达到")
            ),
            r(
                "工业企业关键业务环节全面数字化率",
                67.0,
                "%",
                None,
                Some("达到")
            ),
            r("信息技术产业营收", 1.4, "万亿元", None, Some("突破")),
        ]
    );
    assert_eq!(
        rows("规模以上工业总产值的比重提高2个百分点左右;")[0],
        r(
            "规模以上工业总产值的比重",
            2.0,
            "个百分点",
            None,
            Some("提高 左右")
        )
    );
}

#[test]
fn respectively_pairs_values() {
    let t = "“四新”经济增加值增长10%左右;到2025年,省级以上战略性新兴产业集群、先进制造业集群分别达到50个和30个,有效提升";
    assert_eq!(
        rows(t),
        vec![
            r("“四新”经济增加值", 10.0, "%", None, Some("增长 左右")),
            r(
                "省级以上战略性新兴产业集群",
                50.0,
                "个",
                Some(2025),
                Some("达到")
            ),
            r("先进制造业集群", 30.0, "个", Some(2025), Some("达到")),
        ]
    );
    let got = rows("到2025年新能源整车产量、锂电产能分别达到100万辆和150GWh左右。");
    assert_eq!(
        got,
        vec![
            r("新能源整车产量", 100.0, "万辆", Some(2025), Some("达到")),
            r("锂电产能", 150.0, "GWh", Some(2025), Some("达到 左右")),
        ]
    );
}

#[test]
fn year_context_from_leading_year() {
    let t = "2024年新培育省级战略性新兴产业集群10个左右、先进制造业集群10个左右,";
    assert_eq!(
        rows(t),
        vec![
            r(
                "省级战略性新兴产业集群",
                10.0,
                "个",
                Some(2024),
                Some("左右")
            ),
            r("先进制造业集群", 10.0, "个", Some(2024), Some("左右")),
        ]
    );
}

#[test]
fn limits_and_levels() {
    assert_eq!(
        rows("城镇新增就业110万人以上,城镇调查失业率控制在5.5%以内。")[1],
        r("城镇调查失业率", 5.5, "%", None, Some("控制在 以内"))
    );
    assert_eq!(
        rows("高等教育毛入学率提高到60%以上。"),
        vec![r("高等教育毛入学率", 60.0, "%", None, Some("提高到 以上"))]
    );
    assert_eq!(
        rows("单位产值能耗降至0.5吨标准煤以下"),
        vec![r("单位产值能耗", 0.5, "吨标准煤", None, Some("降至 以下"))]
    );
    // A norm of a rule, not a commitment.
    assert_eq!(rows("一般不低于6米"), vec![]);
    assert_eq!(
        rows("到2025年,集成电路产业规模过千亿。"),
        vec![r("集成电路产业规模", 1000.0, "亿", Some(2025), Some("过"))]
    );
}

#[test]
fn invented_inputs_of_the_genre() {
    assert_eq!(
        rows("到2026年,新能源汽车产量突破100万辆,充电桩保有量达到50万台以上。"),
        vec![
            r("新能源汽车产量", 100.0, "万辆", Some(2026), Some("突破")),
            r("充电桩保有量", 50.0, "万台", Some(2026), Some("达到 以上")),
        ]
    );
    assert_eq!(
        rows("森林覆盖率提高到20%以上"),
        vec![r("森林覆盖率", 20.0, "%", None, Some("提高到 以上"))]
    );
    assert_eq!(
        rows("2027年单位地区生产总值能耗降低13.5%,PM2.5平均浓度降至30微克"),
        vec![r(
            "单位地区生产总值能耗",
            13.5,
            "%",
            Some(2027),
            Some("降低")
        )]
    );
}

#[test]
fn names_dates_and_numbering_are_not_targets() {
    for t in [
        "建立“2115”机制",
        "推广“1234567”宣传工作法",
        "构建“1313”实验室体系",
        "优化12345热线",
        "“十四五”时期三年行动",
        "加快物联网IPv6改造",
        "5G网络",
        "2024年10月底前完成",
        "2025年年底前,实现政务服务事项全",
        "4月6日",
        "1.强化新兴产业“卡脖子”技术攻关。",
        "(一)强化组织领导。",
        "国办发〔2024〕21号",
        "《行动计划(2024—2025年)》",
        "推动现有157家重点“小巨人”企业全面达到考核目标",
        "绿色生态方面前4项约束性指标",
    ] {
        assert_eq!(extract(t), vec![], "{t}");
    }
}

#[test]
fn modifiers_and_grants_are_skipped() {
    let got = rows("2024年实施投资500万元以上技术改造项目1.2万个左右,新培育国家级智能工厂10家左右");
    assert_eq!(
        got,
        vec![
            r("技术改造项目", 1.2, "万个", Some(2024), Some("左右")),
            r("国家级智能工厂", 10.0, "家", Some(2024), Some("左右")),
        ]
    );
    assert_eq!(rows("择优给予每个最高200万元奖补"), vec![]);
    assert_eq!(rows("其中50%由省级统筹"), vec![]);
}

#[test]
fn comparison_base_year_is_not_the_year() {
    assert_eq!(
        rows("一般公共预算收入6560亿元,比2015年增长18.6%。"),
        vec![
            r("一般公共预算收入", 6560.0, "亿元", None, None),
            r("一般公共预算收入", 18.6, "%", None, Some("增长")),
        ]
    );
}

#[test]
fn ranges_index_the_original_text() {
    let t = "（二）到２０２５年，高新技术企业达到３．８万家。";
    let m = extract(t);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].value, Some(3.8));
    assert_eq!(m[0].year, Some(2025));
    assert_eq!(m[0].indicator, "高新技术企业");
    assert_eq!(&t[m[0].range.clone()], m[0].text);
    assert_eq!(m[0].text, "高新技术企业达到３．８万家");
}

#[test]
fn snapshot_seed_000_goal_paragraph() {
    let seed = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_71a2fd0bf5b143a7.txt"
    ));
    let line = seed.lines().nth(2).unwrap();
    insta::assert_yaml_snapshot!(extract(line));
}
