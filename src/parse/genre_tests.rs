//! Whole documents of the genre, invented for these tests in forms that
//! are in neither the seeds nor the development corpora: each goes through
//! `parse_seed`, and its plans, tasks and clauses are checked.

use crate::parse::responsibility::{Convention, extract};
use crate::parse::segment::{ParseTables, parse_seed};
use crate::parse::{BlockKind, SeedDoc};

fn parse(text: &str) -> SeedDoc {
    let mut docs = parse_seed("seeds/x.txt", text, &ParseTables::builtin()).docs;
    assert_eq!(docs.len(), 1, "one document in {text}");
    docs.remove(0)
}

/// (number, text) of every task of every plan.
fn tasks(doc: &SeedDoc) -> Vec<(String, String)> {
    doc.plans
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match &b.kind {
            BlockKind::Task { number } => Some((number.clone(), b.text.clone())),
            _ => None,
        })
        .collect()
}

fn leads(text: &str, convention: Option<Convention>) -> (Vec<String>, Vec<String>, Vec<String>) {
    let r = extract(text, convention);
    (r.lead, r.support, r.generic)
}

fn v(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_plain_notice_with_labelled_clauses_is_a_plan() {
    let doc = parse(
        "关于做好2026年春耕备耕工作的通知\n各县（市、区）农业农村局：\n为做好春耕备耕，现就有关事项通知如下。\n一、工作目标\n全市粮食播种面积稳定在500万亩以上。\n二、主要任务\n1.保障农资供应。加强化肥、种子调运储备。（牵头单位：市农业农村局；配合单位：市供销社）\n2.强化技术指导。组织农技人员下乡服务。（牵头单位：市农业农村局）\n三、工作要求\n各地要高度重视。\n某某市农业农村局\n2026年2月3日",
    );
    assert_eq!(doc.title, "关于做好2026年春耕备耕工作的通知");
    assert_eq!(doc.date.as_deref(), Some("2026-02-03"));
    assert_eq!(doc.plans.len(), 1);
    assert_eq!(doc.plans[0].title, doc.title);
    let t = tasks(&doc);
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(t[0].0, "1");
    assert_eq!(
        leads(&t[0].1, None),
        (v(&["市农业农村局"]), v(&["市供销社"]), v(&[]))
    );
}

#[test]
fn an_opinion_whose_paragraph_items_carry_clauses() {
    let doc = parse(
        "某某省人民政府办公厅关于促进民营经济发展壮大的意见\n各市人民政府：\n为促进民营经济发展，提出如下意见。\n一、总体要求\n（一）指导思想。坚持两个毫不动摇。\n（二）主要目标。到2027年，民营经济增加值占比达到55%。\n二、优化发展环境\n（三）破除市场准入壁垒。全面落实市场准入负面清单制度。（省发展改革委、省商务厅负责）\n（四）完善融资支持。扩大信用贷款投放。（省地方金融管理局会同省财政厅负责）\n三、强化组织保障\n（五）加强统筹协调。建立工作专班。（省工业和信息化厅牵头，省有关部门参与）\n某某省人民政府办公厅\n2026年5月6日",
    );
    assert_eq!(doc.plans.len(), 1);
    let t = tasks(&doc);
    let numbers: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
    // 指导思想 and 主要目标 are text: their section assigns nothing.
    assert_eq!(numbers, ["(三)", "(四)", "(五)"]);
    assert_eq!(
        leads(&t[0].1, None),
        (v(&["省发展改革委", "省商务厅"]), v(&[]), v(&[]))
    );
    assert_eq!(
        leads(&t[1].1, None),
        (v(&["省地方金融管理局"]), v(&["省财政厅"]), v(&[]))
    );
    assert_eq!(
        leads(&t[2].1, None),
        (v(&["省工业和信息化厅"]), v(&[]), v(&["省有关部门"]))
    );
}

#[test]
fn top_level_measures_closed_by_a_clause_are_tasks() {
    let doc = parse(
        "某市人民政府关于进一步激励基层干事创业的通知\n各区人民政府：\n现将有关激励措施通知如下：\n一、对稳就业成效明显的区，优先安排就业补助资金。（市人力资源社会保障局、市财政局负责）\n二、对营商环境评价靠前的区，在用地指标上给予倾斜。（市自然资源局负责）\n三、对招商引资成效突出的区，给予通报表扬。由市商务局会同市发展改革委负责。\n各有关部门要抓好落实。\n某市人民政府\n二〇二六年三月九日",
    );
    let t = tasks(&doc);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(t[0].0, "一、");
    assert_eq!(
        leads(&t[2].1, None),
        (v(&["市商务局"]), v(&["市发展改革委"]), v(&[]))
    );
}

#[test]
fn a_county_list_with_labelled_lines_and_a_leader() {
    let doc = parse(
        "某县2026年重点工作任务分解表\n一、扩大有效投资\n1.完成固定资产投资120亿元。\n牵头负责领导：李某某\n牵头责任单位：县发展改革局\n协同责任单位：县财政局、县自然资源局、各乡镇人民政府\n2.新开工重点项目40个。\n牵头责任单位：县发展改革局\n二、提升民生保障\n3.新增城镇就业2000人。\n责任单位：县人力社保局",
    );
    let t = tasks(&doc);
    assert_eq!(t.len(), 3, "{t:?}");
    // The leader is a person: never a department.
    assert_eq!(
        leads(&t[0].1, None),
        (
            v(&["县发展改革局"]),
            v(&["县财政局", "县自然资源局"]),
            v(&["各乡镇人民政府"])
        )
    );
    assert_eq!(leads(&t[2].1, None).0, v(&["县人力社保局"]));
}

#[test]
fn a_convention_stated_once_holds_for_the_document() {
    let doc = parse(
        "某市2026年民生实事任务分工方案\n（列第一位者为牵头单位，下同）\n1.改造老旧小区80个。（市住房城乡建设局、市财政局、各区政府）\n2.新建托育机构20家。（市卫生健康委、市教育局）",
    );
    assert_eq!(doc.convention, Some(Convention::FirstListedLeads));
    let t = tasks(&doc);
    assert_eq!(t.len(), 2);
    assert_eq!(
        leads(&t[0].1, doc.convention),
        (v(&["市住房城乡建设局"]), v(&["市财政局"]), v(&["各区政府"]))
    );
}

#[test]
fn unnumbered_paragraphs_closed_by_a_clause_are_tasks() {
    let doc = parse(
        "某州人民政府关于稳增长的若干措施\n一、扩大投资\n加快重大项目前期工作，确保全年开工项目100个以上。（州发展改革委牵头，州自然资源局、各县市人民政府配合）\n二、促进消费\n开展汽车家电促消费活动。（州商务局负责）\n全州上下要形成合力。",
    );
    let t = tasks(&doc);
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(
        leads(&t[0].1, None),
        (
            v(&["州发展改革委"]),
            v(&["州自然资源局"]),
            v(&["各县市人民政府"])
        )
    );
}

#[test]
fn supporting_lists_separated_by_commas_before_the_marker() {
    assert_eq!(
        leads(
            "加快项目建设。（省发展改革委、省财政厅牵头；省自然资源厅、省水利厅，国家开发银行某某省分行，各州、市人民政府配合）",
            None
        ),
        (
            v(&["省发展改革委", "省财政厅"]),
            v(&["省自然资源厅", "省水利厅", "国家开发银行某某省分行"]),
            v(&["各州、市人民政府"])
        )
    );
}

#[test]
fn a_marker_before_a_comma_of_names_and_an_inline_lead_mark() {
    assert_eq!(
        leads(
            "推进老旧管网改造。（市住房城乡建设局负责、市财政局配合）",
            None
        ),
        (v(&["市住房城乡建设局"]), v(&["市财政局"]), v(&[]))
    );
    assert_eq!(
        leads(
            "建设城市大脑。责任单位：市大数据局（牵头）、市公安局、各区人民政府",
            None
        ),
        (v(&["市大数据局"]), v(&["市公安局"]), v(&["各区人民政府"]))
    );
}

#[test]
fn a_portal_page_with_its_label_block() {
    let doc = parse(
        "索 引 号：\n11000/2026-00012\n发文机关：\n某某省人民政府\n成文日期：\n2026年01月20日\n标　　题：\n某某省人民政府关于表彰2025年度科技进步奖的决定\n发文字号：\n某政发〔2026〕2号\n发布日期：\n2026年01月25日\n主 题 词：\n某 某 省 人 民 政 府 关 于 表 彰\n2025年度科技进步奖的决定\n某政发〔2026〕2号\n各市人民政府：\n经评审，决定授予10项成果科技进步奖。\n某某省人民政府\n2026年1月20日\n扫一扫在手机打开当前页",
    );
    assert_eq!(doc.title, "某某省人民政府关于表彰2025年度科技进步奖的决定");
    assert!(!doc.title_inferred);
    assert_eq!(doc.doc_number.as_deref(), Some("某政发〔2026〕2号"));
    assert_eq!(doc.date.as_deref(), Some("2026-01-20"));
    assert_eq!(doc.published.as_deref(), Some("2026-01-25"));
    assert_eq!(doc.addressee.as_deref(), Some("各市人民政府"));
    // A decision assigns nothing: no plan, and the head is not in the text.
    assert!(doc.plans.is_empty());
    let text: String = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(!text.contains("索"), "{text}");
    assert!(!text.contains("扫一扫"), "{text}");
    assert!(text.contains("经评审"), "{text}");
}

#[test]
fn a_news_repost_whose_lede_is_not_the_title() {
    let doc = parse(
        "某市出台若干措施支持民营经济发展\n【字体：大 中 小】 【打印】 【关闭】\n记者3月1日从市政府获悉，市政府办公室日前印发《关于支持民营经济高质量发展的若干措施》。全文如下：\n关于支持民营经济高质量发展的若干措施\n为激发民营经济活力，提出如下措施。\n一、降低经营成本\n1.落实减税降费政策。（市税务局、市财政局负责）\n2.降低用能成本。（市发展改革委牵头，国网某市供电公司配合）\n抄送：市委各部门。\n责任编辑：王某\n扫一扫在手机打开当前页",
    );
    assert_eq!(doc.title, "关于支持民营经济高质量发展的若干措施");
    let t = tasks(&doc);
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(
        leads(&t[1].1, None),
        (v(&["市发展改革委"]), v(&["国网某市供电公司"]), v(&[]))
    );
    let mut text: String = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    for p in &doc.plans {
        text.extend(p.blocks.iter().map(|b| b.text.as_str()));
    }
    for furniture in ["字体", "打印", "责任编辑", "扫一扫"] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}
