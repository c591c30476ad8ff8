//! Tests of `targets`: real excerpts of the seeds and invented inputs of the genre.

use super::*;

/// (indicator, value, value_high, unit, year, comparator)
type Row = (
    String,
    Option<f64>,
    Option<f64>,
    String,
    Option<i32>,
    Option<String>,
);

fn rows(text: &str) -> Vec<Row> {
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

fn r(ind: &str, v: f64, unit: &str, year: Option<i32>, comp: Option<&str>) -> Row {
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

#[test]
fn commitments_of_the_genre_are_kept() {
    assert_eq!(
        rows("到2027年，全市新能源汽车保有量达到50万辆。"),
        vec![r(
            "全市新能源汽车保有量",
            50.0,
            "万辆",
            Some(2027),
            Some("达到")
        )]
    );
    assert_eq!(
        rows("城镇新增就业1100万人以上,"),
        vec![r("城镇新增就业", 1100.0, "万人", None, Some("以上"))]
    );
    assert_eq!(
        rows("森林覆盖率提高到25%。"),
        vec![r("森林覆盖率", 25.0, "%", None, Some("提高到"))]
    );
}

#[test]
fn parameters_of_a_policy_are_not_targets() {
    for t in [
        "对吸纳就业困难人员的企业,按每人每月500元给予补贴。",
        "个人创业担保贷款额度最高不超过300万元。",
        "年满60周岁的老年人免费乘车。",
        "在15个工作日内办结。",
        "依照第三十条规定处理,第30条另有规定的除外。",
        "补贴比例为30%。",
        "每户一次性发放安置费3000元。",
        "单个项目最高支持200万元。",
        "市级财政承担40%,县级财政承担60%。",
        "扶持资金按不超过项目总投资的20%安排。",
        "提供不少于40个课时的岗前培训,试用期一般不超过6个月。",
        "处5000元以上3万元以下的罚款。",
        "新建住宅小区停车位配建比例原则上不低于1.2%。",
        "对年纳税额超过500万元、研发投入占比达到5%以上的企业,省财政给予一次性支持。",
        "设立总规模不少于20亿元的市级产业引导基金。",
        "首台套产品销售价格应为50万元以上。",
        "以2020年常住人口500万人为基数。",
    ] {
        assert_eq!(rows(t), vec![], "{t}");
    }
}

#[test]
fn programme_names_are_not_targets() {
    for t in [
        "实施“千企百亿”工程。",
        "实施三年百万青年见习计划。",
        "深入开展“100个场景对接”行动。",
        "启动2000名乡村医生培训计划。",
        "落实《促进消费20条措施》。",
    ] {
        assert_eq!(rows(t), vec![], "{t}");
    }
}

#[test]
fn bad_names_are_fixed() {
    assert_eq!(
        rows("1.力争全县地区生产总值增长7%左右。"),
        vec![r(
            "全县地区生产总值",
            7.0,
            "%",
            None,
            Some("力争 增长 左右")
        )]
    );
    assert_eq!(
        rows("将农村自来水普及率提高到95%。"),
        vec![r("农村自来水普及率", 95.0, "%", None, Some("提高到"))]
    );
    assert_eq!(
        rows("在重点行业新建智能工厂30家。"),
        vec![r("智能工厂", 30.0, "家", None, None)]
    );
    assert_eq!(
        rows("各类养老机构床位达到2万张,再生资源回收率提高5个百分点。"),
        vec![
            r("养老机构床位", 2.0, "万张", None, Some("达到")),
            r("再生资源回收率", 5.0, "个百分点", None, Some("提高")),
        ]
    );
    assert_eq!(
        rows("打造8个创新活跃、配套完善的特色产业园,"),
        vec![r("特色产业园", 8.0, "个", None, None)]
    );
    assert_eq!(
        rows("争创6个在绿色转型方面走在前列的示范县。"),
        vec![r("示范县", 6.0, "个", None, None)]
    );
    assert_eq!(
        rows("全市生产总值突破7000亿元大关。确保实现税收收入增长5%的目标。"),
        vec![
            r("全市生产总值", 7000.0, "亿元", None, Some("突破")),
            r("税收收入", 5.0, "%", None, Some("增长")),
        ]
    );
    assert_eq!(
        rows("全年建设城市供水管网确保完成投资80亿元。")[0].0,
        "城市供水管网投资"
    );
}

#[test]
fn generic_names_are_dropped() {
    for t in [
        "聚焦12项具体问题,",
        "提供50项高水平服务,",
        "推进18个重大项目,",
        "确定5个县作为试点,",
    ] {
        assert_eq!(rows(t), vec![], "{t}");
    }
    // A short parenthesis inside the noun keeps the name going.
    assert_eq!(
        rows("完成15个县(市、区)农村生活污水治理。")[0].0,
        "县(市、区)农村生活污水治理"
    );
}

#[test]
fn rates_sharing_one_value_are_one_target_each() {
    let got = rows("城市生活垃圾回收利用率和无害化处理率均达到100%。");
    assert_eq!(
        got,
        vec![
            r("城市生活垃圾回收利用率", 100.0, "%", None, Some("达到")),
            r("无害化处理率", 100.0, "%", None, Some("达到")),
        ]
    );
    // A bare rate after the first keeps the list whole.
    assert_eq!(rows("设备覆盖率及联网率均达到90%。").len(), 1);
}

#[test]
fn a_starting_point_is_not_a_target_but_names_the_next() {
    assert_eq!(
        rows("森林覆盖率由23%提高到25%,"),
        vec![r("森林覆盖率", 25.0, "%", None, Some("提高到"))]
    );
}

#[test]
fn a_range_with_the_unit_on_both_ends() {
    assert_eq!(
        rows("全县生产总值增长6%—6.5%,"),
        vec![(
            "全县生产总值".to_string(),
            Some(6.0),
            Some(6.5),
            "%".to_string(),
            None,
            Some("增长".to_string())
        )]
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const SUBJECTS: &[&str] = &[
        "全市规模以上工业增加值",
        "农村生活污水治理率",
        "高新技术企业",
        "新能源汽车保有量",
        "县域医疗服务次中心",
    ];
    const COMMITMENTS: &[&str] = &["达到", "突破", "超过", "提高到", "稳定在"];
    const UNITS: &[&str] = &["%", "万家", "万辆", "亿元", "个"];
    /// Frames that make any amount a parameter: `{}` is the quantity.
    const RULES: &[&str] = &[
        "对符合条件的企业按{}给予补贴",
        "单户最高奖励{}",
        "财政承担{}",
        "实施“{}”工程",
        "“{}”计划",
        "原则上不低于{}",
        "按照不超过{}的比例给予支持",
    ];

    /// Frames of money rules: `{}` is the number, the unit is in the frame.
    const MONEY_RULES: &[&str] = &[
        "每人每月发放{}元",
        "每户一次性补助{}万元",
        "最高{}万元",
        "设立规模{}亿元的专项基金",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// 到YEAR年,SUBJECT COMPARATOR VALUE UNIT: one target named SUBJECT.
        #[test]
        fn commitments_are_read(
            s in 0..SUBJECTS.len(), c in 0..COMMITMENTS.len(), u in 0..UNITS.len(),
            v in 1u32..5000, year in 2024i32..2036,
        ) {
            let t = format!("到{year}年,{}{}{v}{}。", SUBJECTS[s], COMMITMENTS[c], UNITS[u]);
            let got = extract(&t);
            prop_assert_eq!(got.len(), 1, "{}", t);
            prop_assert_eq!(&got[0].indicator, SUBJECTS[s]);
            prop_assert_eq!(got[0].value, Some(v as f64));
            prop_assert_eq!(got[0].year, Some(year));
        }

        /// The same quantities inside the frame of a rule are no targets.
        #[test]
        fn rules_are_not_targets(
            f in 0..RULES.len(), u in 0..UNITS.len(), v in 1u32..5000,
        ) {
            let t = RULES[f].replace("{}", &format!("{v}{}", UNITS[u])) + "。";
            prop_assert_eq!(extract(&t), vec![], "{}", t);
        }

        #[test]
        fn money_rules_are_not_targets(f in 0..MONEY_RULES.len(), v in 1u32..5000) {
            let t = MONEY_RULES[f].replace("{}", &v.to_string()) + "。";
            prop_assert_eq!(extract(&t), vec![], "{}", t);
        }

        /// Any mix of pieces of the genre gives a result and never a panic,
        /// and every target's text is its range of the input.
        #[test]
        fn never_panics(pieces in prop::collection::vec(prop_oneof![
            Just("(市、区)"), Just("("), Just(")"), Just("“"), Just("”"), Just("、"),
            Just("的"), Just("在"), Just("对"), Just("30%"), Just("—"), Just("5个"),
            Just("万元"), Just("达到"), Just("县"), Just(","), Just("。"), Just("1."),
            Just("以上"), Just("及"), Just("和"), Just("最高"), Just("企业"),
        ], 0..30)) {
            let t: String = pieces.concat();
            for m in extract(&t) {
                prop_assert_eq!(&t[m.range.clone()], m.text.as_str());
            }
        }
    }
}

#[test]
fn traditional_script_reads_as_simplified() {
    let t = "到2026年，全縣規模以上工業企業達到1200家，單戶企業最高補助50萬元。";
    let m = extract(t);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].indicator, "全县规模以上工业企业");
    assert_eq!((m[0].value, m[0].year), (Some(1200.0), Some(2026)));
    assert_eq!(m[0].unit.as_deref(), Some("家"));
    assert_eq!(m[0].comparator.as_deref(), Some("达到"));
    // The text is the original's, in its script.
    assert_eq!(m[0].text, "全縣規模以上工業企業達到1200家");
    assert_eq!(&t[m[0].range.clone()], m[0].text);
}
