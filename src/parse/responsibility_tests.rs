//! Tests of `responsibility`: real excerpts of the seeds and invented inputs of the genre.

#[test]
fn unlabelled_lists_of_any_province_are_read() {
    // Invented, another province: no label, a plain list of bodies.
    let r = extract("推动口岸通关便利化。(江苏省商务厅、南京海关)", None);
    assert_eq!(
        r.lead,
        vec!["江苏省商务厅".to_string(), "南京海关".to_string()]
    );
    // A bracketed aside that is not a list of bodies stays out.
    assert!(extract("建设智慧农业示范基地(试点园区、重点村)。", None).is_empty());
}

use super::*;
use crate::model::departments::{DepartmentTable, Resolution};

fn v(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn check(text: &str, lead: &[&str], support: &[&str], generic: &[&str]) {
    let r = extract(text, None);
    assert_eq!(r.lead, v(lead), "lead of {text}");
    assert_eq!(r.support, v(support), "support of {text}");
    assert_eq!(r.generic, v(generic), "generic of {text}");
    assert!(!r.clauses.is_empty(), "no clause in {text}");
}

// ---- real excerpts from the seeds

#[test]
fn seed_lead_and_support_labels() {
    check(
        "加快培育创新型企业。(牵头单位:省科技厅;配合单位:省有关部门、单位)",
        &["省科技厅"],
        &[],
        &["省有关部门、单位"],
    );
    check(
        "(牵头单位:省科技厅、省发展改革委、省财政厅、省自然资源厅)",
        &["省科技厅", "省发展改革委", "省财政厅", "省自然资源厅"],
        &[],
        &[],
    );
    check(
        "(牵头部门:省税务局;配合单位:省市场监管局)",
        &["省税务局"],
        &["省市场监管局"],
        &[],
    );
    check(
        "(牵头部门:省能源局、国网山东省电力公司)",
        &["省能源局", "国网山东省电力公司"],
        &[],
        &[],
    );
    check(
        "(牵头单位:省自然资源厅、省司法厅,配合单位:省大数据局)",
        &["省自然资源厅", "省司法厅"],
        &["省大数据局"],
        &[],
    );
}

#[test]
fn seed_division_of_duties_brackets() {
    check(
        "(省委金融办、省财政厅、人民银行山东省分行、山东证监局、青岛证监局按职能分工负责)",
        &[
            "省委金融办",
            "省财政厅",
            "人民银行山东省分行",
            "山东证监局",
            "青岛证监局",
        ],
        &[],
        &[],
    );
    check(
        "(省有关部门、单位按照职能分工负责)",
        &[],
        &[],
        &["省有关部门、单位"],
    );
    check(
        "(省有关部门、单位按照职责分工负责)",
        &[],
        &[],
        &["省有关部门、单位"],
    );
    check("(各部门按职责分工负责)", &[], &[], &["各部门"]);
    check(
        "(牵头单位:省应急厅;省能源局、省工业和信息化厅、山东海事局按照职责分工负责)",
        &["省应急厅"],
        &["省能源局", "省工业和信息化厅", "山东海事局"],
        &[],
    );
    check(
        "(国家知识产权局保护司、运用促进司等按职责分工负责;山东省知识产权局牵头,省农业农村厅等按职责分工负责)",
        &["国家知识产权局保护司", "运用促进司", "山东省知识产权局"],
        &["省农业农村厅"],
        &[],
    );
    check(
        "(国家知识产权局运用促进司负责;山东省知识产权局负责)",
        &["国家知识产权局运用促进司", "山东省知识产权局"],
        &[],
        &[],
    );
}

#[test]
fn seed_responsible_units() {
    check(
        "(牵头单位:省司法厅、省委组织部、省人力资源社会保障厅,责任单位:省级行政执法机关)",
        &["省司法厅", "省委组织部", "省人力资源社会保障厅"],
        &[],
        &["省级行政执法机关"],
    );
    check(
        "(责任单位:省级行政执法机关)",
        &[],
        &[],
        &["省级行政执法机关"],
    );
}

#[test]
fn seed_tortoise_shell_brackets_with_inner_parens() {
    let t = "〔牵头单位:省委统筹疫情防控和经济运行工作领导小组(指挥部)办公室;配合单位:省卫生健康委、省委宣传部〕";
    let r = extract(t, None);
    assert_eq!(r.lead, v(&["省委统筹疫情防控和经济运行工作领导小组办公室"]));
    assert_eq!(r.support, v(&["省卫生健康委", "省委宣传部"]));
    assert_eq!(r.clauses, vec![0..t.len()]);
}

#[test]
fn seed_spam_is_cut_from_names() {
    let r = extract(
        "(牵头单位:省政府办公厅、省发展改革委、省工业和信息化厅、省商务厅、省科技厅KU游体育、省邮政管理局、省司法厅)",
        None,
    );
    assert_eq!(
        r.lead,
        v(&[
            "省政府办公厅",
            "省发展改革委",
            "省工业和信息化厅",
            "省商务厅",
            "省科技厅",
            "省邮政管理局",
            "省司法厅"
        ])
    );
}

#[test]
fn seed_generic_after_a_name_and_trailing_deng() {
    check(
        "(牵头单位:省发展改革委,配合单位:省科技厅、省工业和信息化厅等省有关部门、单位)",
        &["省发展改革委"],
        &["省科技厅", "省工业和信息化厅"],
        &["省有关部门、单位"],
    );
    check(
        "(牵头单位:省科技厅;配合单位:省发展改革委、省工业和信息化厅等)",
        &["省科技厅"],
        &["省发展改革委", "省工业和信息化厅"],
        &[],
    );
    check(
        "(牵头单位:省大数据局;配合单位:人民银行济南分行以及相关数源部门)",
        &["省大数据局"],
        &["人民银行济南分行"],
        &["相关数源部门"],
    );
    check(
        "(牵头单位:省委组织部;配合单位:省委金融办、省国资委,各市党委人才工作领导小组)",
        &["省委组织部"],
        &["省委金融办", "省国资委"],
        &["各市党委人才工作领导小组"],
    );
}

#[test]
fn running_text_is_not_a_clause() {
    let r = extract(
        "省科技厅牵头负责科技研发创新行动计划落实,省有关部门配合。",
        None,
    );
    assert!(r.is_empty() && r.clauses.is_empty(), "{r:?}");
    let r = extract("各县(市、区)人民政府要加强组织领导(2024年底前完成)。", None);
    assert!(r.is_empty(), "{r:?}");
    let r = extract("(省科技厅牵头负责科技研发创新行动计划落实)", None);
    assert!(r.is_empty(), "{r:?}");
}

// ---- invented inputs of the genre

#[test]
fn full_width_punctuation_and_byte_ranges() {
    let t = "推进产教融合。（牵头单位：省财政厅；配合单位：省教育厅）";
    let r = extract(t, None);
    assert_eq!(r.lead, v(&["省财政厅"]));
    assert_eq!(r.support, v(&["省教育厅"]));
    assert_eq!(r.clauses.len(), 1);
    assert_eq!(
        &t[r.clauses[0].clone()],
        "（牵头单位：省财政厅；配合单位：省教育厅）"
    );
}

#[test]
fn other_labels_and_separators() {
    check(
        "(主责单位:省商务厅;参与单位:省财政厅和省税务局)",
        &["省商务厅"],
        &["省财政厅", "省税务局"],
        &[],
    );
    check(
        "(责任部门:省水利厅以及省自然资源厅;协同单位:省应急厅，省气象局)",
        &["省水利厅", "省自然资源厅"],
        &["省应急厅", "省气象局"],
        &[],
    );
    check(
        "(牵头部门:省文化和旅游厅及省体育局;配合部门:省住房和城乡建设厅)",
        &["省文化和旅游厅", "省体育局"],
        &["省住房和城乡建设厅"],
        &[],
    );
    check(
        "(省教育厅、省人力资源社会保障厅分别负责)",
        &["省教育厅", "省人力资源社会保障厅"],
        &[],
        &[],
    );
    check(
        "(牵头单位:省科技厅;配合单位:省财政厅、省教育厅等部门)",
        &["省科技厅"],
        &["省财政厅", "省教育厅"],
        &[],
    );
    check(
        "(省民政厅等省有关部门按照职责分工负责)",
        &["省民政厅"],
        &[],
        &["省有关部门"],
    );
}

#[test]
fn clauses_spread_over_sentences_are_collected() {
    let t = "完善基础设施。(牵头单位:省交通运输厅)强化资金保障,落实财政政策。(牵头单位:省财政厅;配合单位:省发展改革委)";
    let r = extract(t, None);
    assert_eq!(r.lead, v(&["省交通运输厅", "省财政厅"]));
    assert_eq!(r.support, v(&["省发展改革委"]));
    assert_eq!(r.clauses.len(), 2);
    for c in &r.clauses {
        assert!(t[c.clone()].starts_with('(') && t[c.clone()].ends_with(')'));
    }
    // A lead repeated as support stays a lead.
    let r = extract("(牵头单位:省财政厅)。(配合单位:省财政厅、省审计厅)", None);
    assert_eq!(r.lead, v(&["省财政厅"]));
    assert_eq!(r.support, v(&["省审计厅"]));
}

#[test]
fn unbracketed_labelled_clause() {
    let t = "加强统筹调度。牵头单位：省发展改革委；配合单位：省统计局。";
    let r = extract(t, None);
    assert_eq!(r.lead, v(&["省发展改革委"]));
    assert_eq!(r.support, v(&["省统计局"]));
    assert_eq!(
        &t[r.clauses[0].clone()],
        "牵头单位：省发展改革委；配合单位：省统计局"
    );
}

#[test]
fn first_listed_leads_convention() {
    let doc = "各项任务中,排在第一位的部门为牵头部门,其他部门按职责分工负责。";
    let c = detect_convention(doc);
    assert_eq!(c, Some(Convention::FirstListedLeads));
    assert_eq!(
        detect_convention("(列在首位的为牵头单位)"),
        Some(Convention::FirstListedLeads)
    );
    assert_eq!(detect_convention("全省综合实力排在第一位的城市。"), None);
    assert_eq!(
        detect_convention("各任务列在首位的单位为牵头单位。"),
        Some(Convention::FirstListedLeads)
    );
    assert_eq!(detect_convention("(牵头单位:省科技厅)"), None);

    let task = "提升城市更新水平。(省住房城乡建设厅、省自然资源厅、省财政厅)";
    let r = extract(task, c);
    assert_eq!(r.lead, v(&["省住房城乡建设厅"]));
    assert_eq!(r.support, v(&["省自然资源厅", "省财政厅"]));
    let r = extract(task, None);
    assert_eq!(r.lead, v(&["省住房城乡建设厅", "省自然资源厅", "省财政厅"]));
    assert!(r.support.is_empty());
    // Labels win over the convention.
    let r = extract("(牵头单位:省财政厅、省税务局)", c);
    assert_eq!(r.lead, v(&["省财政厅", "省税务局"]));
    // A bare list in the middle of a sentence is not a clause.
    assert!(extract("会同(省财政厅、省税务局)研究制定办法。", c).is_empty());
}

#[test]
fn names_helpers() {
    assert!(looks_like_department("省工业和信息化厅"));
    assert!(looks_like_department("国网山东省电力公司"));
    assert!(!looks_like_department("省科技厅KU游体育"));
    assert!(!looks_like_department("完善工作机制。"));
    assert!(!looks_like_department(
        "加快推进科技创新提升产业链供应链现代化水平确保任务落实到位局"
    ));
    assert!(is_generic("省有关部门、单位"));
    assert!(is_generic("各市"));
    assert!(!is_generic("省有关部门配合省财政厅") || is_generic("省有关部门"));
    assert!(!is_generic("省财政厅"));
    assert_eq!(clean_name("由省财政厅等;"), "省财政厅");
}

/// Every clause of every seed line yields clean names that resolve.
#[test]
fn all_seed_lines_yield_clean_resolvable_names() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let table = DepartmentTable::builtin();
    let spam_table = SpamTable::builtin();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5);
    let (mut clauses, mut names, mut known) = (0usize, 0usize, 0usize);
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap();
        let conv = detect_convention(&text);
        for (no, line) in text.lines().enumerate() {
            for input in [line.to_string(), spam::remove(line, &spam_table)] {
                let r = extract(&input, conv);
                clauses += r.clauses.len();
                for c in &r.clauses {
                    assert!(input.get(c.clone()).is_some(), "range off char boundary");
                }
                for n in r.lead.iter().chain(&r.support).chain(&r.generic) {
                    names += 1;
                    let at = format!("{}:{} {n:?}", p.display(), no + 1);
                    assert!(
                        !n.contains([
                            '。', ',', '，', ':', '：', ';', '；', '(', ')', '（', '）', '、'
                        ]) || table.resolve(n) == Resolution::Placeholder(n.clone()),
                        "punctuation in {at}"
                    );
                    assert!(n.chars().count() <= 25, "too long: {at}");
                    assert!(spam::find(n, &spam_table).is_empty(), "spam in {at}");
                    match table.resolve(n) {
                        Resolution::Invalid => panic!("invalid name {at}"),
                        Resolution::Known(_) => known += 1,
                        Resolution::Placeholder(_) | Resolution::Unknown(_) => {}
                    }
                }
                for n in &r.generic {
                    assert!(
                        matches!(table.resolve(n), Resolution::Placeholder(_)),
                        "generic {n} is no placeholder"
                    );
                }
                for n in r.lead.iter().chain(&r.support) {
                    assert!(
                        !matches!(table.resolve(n), Resolution::Placeholder(_)),
                        "placeholder {n} as a department"
                    );
                }
            }
        }
    }
    // The seeds hold over 900 clauses; nearly all names are in the table.
    assert!(clauses > 1800, "{clauses} clauses");
    assert!(known * 10 > names * 9, "{known} of {names} known");
}
