//! Tests of `structure`: invented documents of the genre, read whole.

use crate::parse::segment::{ParseTables, parse_seed};
use crate::parse::{Block, BlockKind, SeedDoc};

fn doc(text: &str) -> SeedDoc {
    let mut parsed = parse_seed("seeds/x.txt", text, &ParseTables::builtin());
    assert_eq!(parsed.docs.len(), 1);
    parsed.docs.remove(0)
}

/// `h2 第一章 总则`, `art 第一条 …`, `p …`, `task 1 …` with the first
/// characters, leaving out the title line if the body keeps it (a title
/// the header did not recognise is inferred from it, with an ellipsis).
fn shape(blocks: &[Block], title: &str) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| !title.starts_with(b.text.as_str()))
        .map(|b| {
            let head: String = b.text.chars().take(8).collect();
            match &b.kind {
                BlockKind::Heading { level, .. } => format!("h{level} {head}"),
                BlockKind::Article { number } => format!("art {number} {head}"),
                BlockKind::Task { number } => format!("task {number} {head}"),
                BlockKind::Paragraph => format!("p {head}"),
                BlockKind::Table { .. } => "table".into(),
            }
        })
        .collect()
}

const MEASURE: &str = "某市停车场管理办法\n第一章　总　　则\n第一条　为规范本市停车场管理，制定本办法。\n第二条　本办法适用于本市行政区域。\n前款所称停车场，包括公共停车场和专用停车场。\n第二章　规划与建设\n第一节　规划\n第三条　市规划部门依照本办法第五条的规定编制专项规划。\n第二节　建设\n第四条　新建住宅应当配建停车位：\n（一）按照每户一个车位配建；\n（二）预留充电设施安装条件。\n具体标准由市住房城乡建设部门制定。\n第五条　本办法自2025年1月1日起施行。";

#[test]
fn articles_keep_their_later_paragraphs_and_items() {
    let d = doc(MEASURE);
    let s = shape(&d.blocks, &d.title);
    assert_eq!(
        s,
        vec![
            "h2 第一章 总则",
            "art 第一条 为规范本市停车场",
            "art 第二条 本办法适用于本市",
            "h2 第二章 规划与建",
            "h3 第一节 规划",
            "art 第三条 市规划部门依照本",
            "h3 第二节 建设",
            "art 第四条 新建住宅应当配建",
            "art 第五条 本办法自2025",
        ],
        "{s:#?}"
    );
    let second = &d.blocks[2];
    assert_eq!(
        second.text,
        "本办法适用于本市行政区域。\n前款所称停车场，包括公共停车场和专用停车场。"
    );
    assert_eq!((second.span.start, second.span.end), (4, 5));
    // The items of article 4 are its 项, neither headings nor tasks.
    assert_eq!(
        d.blocks[7].text.lines().collect::<Vec<_>>(),
        vec![
            "新建住宅应当配建停车位：",
            "（一）按照每户一个车位配建；",
            "（二）预留充电设施安装条件。",
            "具体标准由市住房城乡建设部门制定。"
        ]
    );
}

#[test]
fn a_contingency_plan_has_decimal_headings_and_clauses_and_no_printed_contents() {
    let text = "某县森林防火应急预案\n目　　录\n1　总则\n1.1　编制目的\n1.2　工作原则\n2　组织体系\n1　总则\n1.1　编制目的\n为有效应对森林火灾，制定本预案。\n1.2　工作原则\n（1）以人为本；\n（2）分级负责。\n2　组织体系\n2.1　指挥机构\n2.1.1　县森林防火指挥部负责全县森林火灾扑救工作：\n（1）组织指挥扑救；\n（2）调配救援力量。\n2.1.2　乡镇人民政府负责本辖区工作。";
    let d = doc(text);
    let s = shape(&d.blocks, &d.title);
    assert_eq!(
        s,
        vec![
            "h1 1 总则",
            "h2 1.1 编制目的",
            "p 为有效应对森林火",
            "h2 1.2 工作原则",
            "p （1）以人为本；",
            "p （2）分级负责。",
            "h1 2 组织体系",
            "h2 2.1 指挥机构",
            "art 2.1.1 县森林防火指挥部",
            "art 2.1.2 乡镇人民政府负责",
        ],
        "{s:#?}"
    );
    // Nothing of the printed contents is kept.
    assert!(d.blocks.iter().all(|b| !b.text.contains("目　　录")));
    assert_eq!(s.iter().filter(|x| x.contains("总则")).count(), 1);
    let clause = d
        .blocks
        .iter()
        .find(|b| b.text.starts_with("县森林"))
        .unwrap();
    assert_eq!(clause.text.lines().count(), 3);
    assert_eq!((clause.span.start, clause.span.end), (15, 17));
}

#[test]
fn rules_numbered_across_chapters_are_articles_and_plans_keep_their_tasks() {
    // 一、 items that run on across chapters are the articles of rules.
    let text = "某市人民政府工作规则\n第一章　总则\n一、市政府坚持依法行政。\n二、市政府实行市长负责制。\n第二章　会议制度\n三、市政府实行全体会议和常务会议制度。常务会议的主要任务是：\n（一）讨论决定重要事项；\n（二）通报重要情况。\n四、会议纪要由市长签发。";
    let d = doc(text);
    let s = shape(&d.blocks, &d.title);
    assert_eq!(
        s,
        vec![
            "h2 第一章 总则",
            "art 一、 市政府坚持依法行",
            "art 二、 市政府实行市长负",
            "h2 第二章 会议制度",
            "art 三、 市政府实行全体会",
            "art 四、 会议纪要由市长签",
        ],
        "{s:#?}"
    );
    // A plan whose 一、 restart in each chapter keeps headings and tasks.
    let text = "某市数字经济发展规划\n第一章　发展基础\n一、主要成效\n1.产业规模持续扩大。(牵头单位:市工信局)\n第二章　重点任务\n一、建设数字设施\n1.加快5G网络建设。(牵头单位:市通信管理办)";
    let d = doc(text);
    let blocks: Vec<Block> = d.plans.iter().flat_map(|p| p.blocks.clone()).collect();
    let s = shape(&blocks, &d.title);
    assert!(s.contains(&"h3 一、建设数字设施".to_string()), "{s:#?}");
    assert!(
        s.iter().filter(|x| x.starts_with("task 1")).count() >= 2,
        "{s:#?}"
    );
}
