//! Tests of `outline`: invented inputs in the forms of the genre.

use super::*;

fn lines(text: &str) -> Vec<Line> {
    crate::parse::clean::test_lines(text)
}

fn shape(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .map(|p| match &p.marker {
            Some(m) => format!(
                "{}|{}",
                m.printed,
                p.text.chars().take(6).collect::<String>()
            ),
            None => p.text.chars().take(6).collect(),
        })
        .collect()
}

#[test]
fn han_numerals() {
    assert_eq!(han_value("一"), Some(1));
    assert_eq!(han_value("十"), Some(10));
    assert_eq!(han_value("十二"), Some(12));
    assert_eq!(han_value("二十"), Some(20));
    assert_eq!(han_value("二十六"), Some(26));
    assert_eq!(han_value("百"), None);
}

#[test]
fn flattened_notice_is_cut_at_its_markers_only() {
    // Invented, in the genre: numbers inside sentences must stay put.
    let text = "现提出如下意见。一、总体要求(一)指导思想。坚持问题导向,力争突破3.5万家。(二)基本原则。坚持系统观念。二、重点任务1.推进改革。面积稳定在1.2亿亩以上。(牵头单位:省财政厅)2.强化保障。3.2024年1月1日起实施新政策。";
    let p = split_pieces(&lines(text));
    assert_eq!(
        shape(&p),
        vec![
            "现提出如下意",
            "一、|总体要求",
            "(一)|指导思想。坚",
            "(二)|基本原则。坚",
            "二、|重点任务",
            "1.|推进改革。面",
            "2.|强化保障。",
            "3.|2024年1"
        ]
    );
}

#[test]
fn line_markers_and_full_width_forms() {
    let p = split_pieces(&lines(
        "第一篇 总则\n第二章 目标\n（一）加强组织领导。\n1．强化基础研究。\n(1)地区生产总值增速 (%) 36 55",
    ));
    let schemes: Vec<_> = p
        .iter()
        .map(|p| p.marker.as_ref().unwrap().scheme)
        .collect();
    assert_eq!(
        schemes,
        vec![
            Scheme::Part,
            Scheme::Chapter,
            Scheme::ParenHan,
            Scheme::Arabic,
            Scheme::ParenArabic
        ]
    );
    assert_eq!(p[2].marker.as_ref().unwrap().number, "(一)");
    assert_eq!(p[3].marker.as_ref().unwrap().number, "1");
}

#[test]
fn out_of_sequence_numbers_inside_sentences_are_not_markers() {
    let p = split_pieces(&lines("1.推进工作。到2025年达到5.5万家。5.加强保障"));
    // "5." does not continue 1 → stays inside the text
    assert_eq!(p.len(), 1);
}

#[test]
fn hundreds_are_read_for_long_regulations() {
    assert_eq!(han_value("一百"), Some(100));
    assert_eq!(han_value("一百零一"), Some(101));
    assert_eq!(han_value("一百一十"), Some(110));
    assert_eq!(han_value("二百三十五"), Some(235));
    assert_eq!(han_value("百零一"), None);
}

fn schemes(p: &[Piece]) -> Vec<Option<Scheme>> {
    p.iter()
        .map(|p| p.marker.as_ref().map(|m| m.scheme))
        .collect()
}

#[test]
fn a_municipal_measure_has_chapters_sections_and_articles() {
    // Invented, in the genre of a 办法: chapters, sections, articles whose
    // later paragraphs carry no marker, and articles named inside sentences.
    let text = "第一章　总　　则\n第一条　为规范本市停车场管理，制定本办法。\n第二条　本办法适用于本市行政区域。\n前款所称停车场，包括公共停车场和专用停车场。\n第二章　规划与建设\n第一节　规划\n第三条　市规划部门依照本办法第五条的规定编制专项规划。\n第五条规定的标准由市交通部门另行制定。\n第二节　建设\n第四条　新建住宅应当配建停车位：\n（一）按照每户一个车位配建；\n（二）预留充电设施安装条件。\n第五条　违反本办法第四条、第六条规定的，依法处理。";
    let p = split_pieces(&lines(text));
    assert_eq!(
        schemes(&p),
        vec![
            Some(Scheme::Chapter),
            Some(Scheme::Article),
            Some(Scheme::Article),
            None,
            Some(Scheme::Chapter),
            Some(Scheme::Section),
            Some(Scheme::Article),
            None, // 第五条规定的… is a reference at a line start
            Some(Scheme::Section),
            Some(Scheme::Article),
            Some(Scheme::ParenHan),
            Some(Scheme::ParenHan),
            Some(Scheme::Article),
        ]
    );
    let numbers: Vec<u32> = p
        .iter()
        .filter_map(|p| p.marker.as_ref())
        .filter(|m| m.scheme == Scheme::Article)
        .map(|m| m.value)
        .collect();
    assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
    // The inline 第五条 stayed inside article 3's sentence.
    assert!(p[6].text.contains("依照本办法第五条的规定"), "{:?}", p[6]);
    assert_eq!(p[0].text, "总　　则");
}

#[test]
fn a_flattened_regulation_is_cut_at_its_articles_only() {
    let p = split_pieces(&lines(
        "第一条 为了加强管理，制定本条例。第二条 本条例所称单位，依照第一条执行。第三条规定的事项不在此列。第三条 本条例自公布之日起施行。",
    ));
    assert_eq!(
        shape(&p),
        vec![
            "第一条|为了加强管理",
            "第二条|本条例所称单",
            "第三条|本条例自公布"
        ]
    );
}

#[test]
fn a_contingency_plan_is_numbered_decimally() {
    // Invented 预案: a printed contents (dropped), decimal headings and
    // clauses, (1) items, a number inside text and 1. tasks left alone.
    let text = "某县森林防火应急预案\n目　　录\n1　总则\n1.1　编制目的\n2　应急响应\n1　总则\n1.1　编制目的\n为有效应对森林火灾，全县已建成3.5万亩防火隔离带。\n1.1.1　火灾等级分为四级：\n（1）特别重大火灾；\n1.1.2 县应急局负责日常工作。\n2　应急响应\n2．1　响应程序\n1.接报后立即核实。\n2.1.2024年起每年演练一次。";
    let p = split_pieces(&lines(text));
    assert_eq!(
        shape(&p),
        vec![
            "某县森林防火",
            "1|总则",
            "1.1|编制目的",
            "为有效应对森",
            "1.1.1|火灾等级分为",
            "（1）|特别重大火灾",
            "1.1.2|县应急局负责",
            "2|应急响应",
            "2．1|响应程序",
            "1.|接报后立即核",
            "2.|1.2024",
        ]
    );
    let m = p[8].marker.as_ref().unwrap();
    assert_eq!((m.scheme, m.number.as_str()), (Scheme::Decimal(2), "2.1"));
    assert!(p[3].text.contains("3.5万亩"));
}

#[test]
fn quantities_and_dates_are_not_decimal_numbers() {
    for s in [
        "3.5万家企业",
        "1.2亿亩",
        "2.5%",
        "2025 年",
        "1.5倍",
        "3.2024年1月",
    ] {
        assert!(decimal_at(s).is_none(), "{s} read as {:?}", decimal_at(s));
    }
    let (m, len) = decimal_at("2.1. 组织体系").unwrap();
    assert_eq!(
        (m.number.as_str(), m.printed.as_str(), len),
        ("2.1", "2.1", 4)
    );
    // A lone number is a heading only before a short title at a line start.
    let p = split_pieces(&lines("1 亿元以上的项目\n1 地区生产总值 亿元 5.5\n1 总则"));
    assert_eq!(schemes(&p), vec![None, None, Some(Scheme::Decimal(1))]);
}

#[test]
fn circled_items_are_a_level_below_paren_arabic() {
    let p = split_pieces(&lines(
        "（1）加强监测：\n①每日巡查；\n②每周报告。\n（2）强化处置。\n①及时上报。",
    ));
    assert_eq!(
        schemes(&p),
        vec![
            Some(Scheme::ParenArabic),
            Some(Scheme::Circled),
            Some(Scheme::Circled),
            Some(Scheme::ParenArabic),
            Some(Scheme::Circled),
        ]
    );
    assert_eq!(p[2].marker.as_ref().unwrap().value, 2);
}

#[test]
fn article_anchors_are_ascii_and_stable() {
    assert_eq!(article_anchor("第十二条").as_deref(), Some("art-12"));
    assert_eq!(article_anchor("第一百零一条").as_deref(), Some("art-101"));
    assert_eq!(article_anchor("三十六、").as_deref(), Some("art-36"));
    assert_eq!(article_anchor("4.2.1").as_deref(), Some("art-4-2-1"));
    assert_eq!(article_anchor("4．2").as_deref(), Some("art-4-2"));
    assert_eq!(article_anchor("2024"), None);
    assert_eq!(article_anchor("重要"), None);
}

#[test]
fn articles_may_open_with_words_that_also_start_references() {
    // 所得… is text, 所称… a reference; 中央… text, 中规定… a reference.
    let p = split_pieces(&lines(
        "第一条　所得为外币的，折合成人民币计算。\n第二条　中央财政给予补助。\n第三条所称单位，是指机关。\n第三条中规定的期限另行确定。\n第三条　及时公布名单。",
    ));
    assert_eq!(
        schemes(&p),
        vec![
            Some(Scheme::Article),
            Some(Scheme::Article),
            None,
            None,
            Some(Scheme::Article),
        ]
    );
}
