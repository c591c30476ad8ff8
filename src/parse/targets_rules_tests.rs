//! Tests of the rules that tell commitments from parameters of a policy
//! and of indicator naming: invented sentences of the genre.

use super::tests::{r, rows};
use super::*;

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
fn digits_inside_a_noun_are_part_of_it() {
    assert_eq!(
        rows("新建20座以上220千伏变电站、1.5万台以上10千伏配电变压器。"),
        vec![
            r("220千伏变电站", 20.0, "座", None, Some("以上")),
            r("10千伏配电变压器", 1.5, "万台", None, Some("以上")),
        ]
    );
    // 确定性网络 is no rule word (最高100万元确定 is).
    assert_eq!(
        rows("建成3000公里的确定性网络,"),
        vec![r("确定性网络", 3000.0, "公里", None, None)]
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
