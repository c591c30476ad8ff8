//! Documents of the development corpora checked by hand against their
//! text: for each kind (a notice of measures closed by clauses, a task
//! table, 条例, 预案, a notice that issues a 方案, 批复, 意见, provincial and
//! county task lists, a Traditional news repost), the exact tasks with
//! their responsible bodies, the outline and the metadata.
//!
//! The corpora live beside the checkout in `../shared/corpus/` and are
//! never committed; without them these tests say so and pass.

mod common;

use gazette::model::{Document, Model, Task};
use gazette::parse::BlockKind;
use std::path::PathBuf;
use std::sync::OnceLock;

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = common::repo().join("../shared/corpus").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} is absent", dir.display());
        None
    }
}

fn build(name: &str) -> Option<Model> {
    let dir = corpus(name)?;
    common::fixed_build_date();
    let site = tempfile::tempdir().unwrap();
    let seeds = site.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, seeds.join(p.file_name().unwrap())).unwrap();
        }
    }
    let report =
        gazette::build::build(&gazette::site::Site::new(site.path()), &Default::default()).unwrap();
    Some(report.model)
}

fn govcn() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| build("govcn")).as_ref()
}

fn provincial() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| build("provincial")).as_ref()
}

fn doc<'a>(m: &'a Model, file: &str) -> &'a Document {
    m.documents
        .values()
        .find(|d| d.source.file.ends_with(file))
        .unwrap_or_else(|| panic!("no document from {file}"))
}

/// The document's tasks in text order.
fn tasks<'a>(m: &'a Model, d: &Document) -> Vec<&'a Task> {
    let mut t: Vec<&Task> = m
        .tasks
        .values()
        .filter(|t| d.plans.contains(&t.plan))
        .collect();
    t.sort_by_key(|t| (t.source.span.start, t.id.clone()));
    t
}

fn names(m: &Model, ids: &[gazette::model::Id]) -> Vec<String> {
    ids.iter().map(|i| m.departments[i].name.clone()).collect()
}

/// (number, lead, support, generic) of a task.
fn who(m: &Model, t: &Task) -> (String, Vec<String>, Vec<String>, Vec<String>) {
    (
        t.number.clone(),
        names(m, &t.lead),
        names(m, &t.support),
        t.generic.clone(),
    )
}

fn v(s: &[&str]) -> Vec<String> {
    s.iter().map(|x| x.to_string()).collect()
}

fn headings(m: &Model, d: &Document) -> Vec<String> {
    let mut blocks: Vec<&gazette::parse::Block> = d.blocks.iter().collect();
    for p in &d.plans {
        blocks.extend(m.plans[p].blocks.iter());
    }
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .map(|b| b.text.clone())
        .collect()
}

fn articles(m: &Model, d: &Document) -> usize {
    let mut n = d
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Article { .. }))
        .count();
    for p in &d.plans {
        n += m.plans[p]
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Article { .. }))
            .count();
    }
    n
}

#[test]
fn a_notice_of_thirty_measures_each_closed_by_its_bodies() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_37.txt");
    assert_eq!(d.doc_number.as_deref(), Some("国办发〔2018〕117号"));
    assert_eq!(d.date.as_deref(), Some("2018-12-06"));
    assert_eq!(d.published.as_deref(), Some("2018-12-10"));
    assert_eq!(d.issuers, v(&["国务院办公厅"]));
    assert_eq!(d.plans.len(), 1);
    let t = tasks(m, d);
    assert_eq!(t.len(), 30);
    assert_eq!(
        who(m, t[0]),
        ("一".into(), v(&["市场监管总局"]), v(&[]), v(&[]))
    );
    assert_eq!(who(m, t[5]).1, v(&["交通运输部", "财政部"]));
    assert_eq!(who(m, t[7]).1, v(&["人民银行", "银保监会", "证监会"]));
    // 国家发展改革委会同有关部门负责: the generic body is no department.
    assert_eq!(
        who(m, t[15]),
        (
            "十六".into(),
            v(&["国家发展改革委"]),
            v(&[]),
            v(&["有关部门"])
        )
    );
    assert_eq!(who(m, t[21]).1, v(&["财政部", "国务院扶贫办"]));
    assert_eq!(
        who(m, t[29]),
        ("三十".into(), v(&["国务院办公厅"]), v(&[]), v(&[]))
    );
    // No convention is stated: nobody is made a supporter.
    assert!(t.iter().all(|t| t.support.is_empty()));
}

#[test]
fn a_list_attached_as_a_table_with_its_guiding_bodies() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_10.txt");
    assert_eq!(d.doc_number.as_deref(), Some("国办发〔2018〕126号"));
    assert_eq!(
        m.plans[&d.plans[0]].title,
        "第二批支持创新相关改革举措推广清单"
    );
    let t = tasks(m, d);
    assert_eq!(t.len(), 17);
    assert_eq!(t[0].title, "知识产权民事、刑事、行政案件“三合一”审判。");
    assert_eq!(
        who(m, t[0]).1,
        v(&["最高人民法院", "最高人民检察院", "国家知识产权局"])
    );
    assert_eq!(
        who(m, t[16]).1,
        v(&["国家发展改革委", "国务院国资委", "审计署"])
    );
}

#[test]
fn a_plan_issued_by_a_notice_with_lead_and_participants() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_07.txt");
    assert_eq!(d.plans.len(), 1);
    assert_eq!(m.plans[&d.plans[0]].title, "“无废城市”建设试点工作方案");
    let t = tasks(m, d);
    let top = t
        .iter()
        .find(|t| t.title.starts_with("强化顶层设计引领"))
        .unwrap();
    assert_eq!(
        who(m, top),
        (
            "(一)".into(),
            v(&["生态环境部"]),
            v(&[
                "国家发展改革委",
                "工业和信息化部",
                "住房城乡建设部",
                "农业农村部",
                "国家统计局"
            ]),
            v(&[])
        )
    );
    let d = doc(m, "govcn_03.txt");
    assert_eq!(d.doc_number.as_deref(), Some("国发〔2019〕4号"));
    assert_eq!(m.plans[&d.plans[0]].title, "国家职业教育改革实施方案");
}

#[test]
fn regulations_keep_chapters_and_articles_and_assign_nothing() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_58.txt");
    assert_eq!(d.title, "专利代理条例");
    assert_eq!(d.doc_number.as_deref(), Some("国令第706号"));
    assert!(d.plans.is_empty());
    let h = headings(m, d);
    assert_eq!(h.first().map(String::as_str), Some("第一章 总则"));
    assert_eq!(h.iter().filter(|h| h.contains('章')).count(), 5, "{h:?}");
    assert_eq!(articles(m, d), 32);
    let d = doc(m, "govcn_33.txt");
    assert_eq!(d.doc_number.as_deref(), Some("国令第707号"));
    assert_eq!(articles(m, d), 36);
    assert!(tasks(m, d).is_empty());
}

#[test]
fn a_contingency_plan_with_its_table_of_contents_read_once() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_41.txt");
    assert_eq!(d.title, "国务院办公厅关于印发国家粮食应急预案的函");
    assert_eq!(d.date.as_deref(), Some("2005-06-11"));
    assert_eq!(d.plans.len(), 1);
    assert_eq!(m.plans[&d.plans[0]].title, "国家粮食应急预案");
    let h = headings(m, d);
    assert!(h[0].ends_with("总则"), "{h:?}");
    assert_eq!(h.iter().filter(|x| x.ends_with("总则")).count(), 1, "{h:?}");
    // The keywords block and the 目录 are not text.
    let text: String = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(!text.contains("应急预案△"), "{text}");
    assert!(!text.contains("目　　录"), "{text}");
}

#[test]
fn a_reply_is_a_clean_page_without_tasks() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_14.txt");
    assert_eq!(d.doc_number.as_deref(), Some("国函〔2018〕159号"));
    assert_eq!(d.date.as_deref(), Some("2018-12-25"));
    assert_eq!(d.published.as_deref(), Some("2019-01-02"));
    assert!(d.plans.is_empty());
    assert!(headings(m, d)[0].starts_with("一、原则同意"));
    let text: String = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(!text.contains("扫一扫"));
    assert!(!text.contains("索引号"));
}

#[test]
fn an_opinion_without_clauses_has_its_outline_and_no_tasks() {
    let Some(m) = govcn() else { return };
    let d = doc(m, "govcn_01.txt");
    assert_eq!(d.doc_number.as_deref(), Some("国发〔2019〕5号"));
    assert!(d.plans.is_empty());
    let h = headings(m, d);
    assert_eq!(
        &h[..2],
        &["一、总体要求".to_string(), "二、主要目标".to_string()]
    );
}

#[test]
fn a_provincial_notice_flattened_onto_one_line() {
    let Some(m) = provincial() else { return };
    let d = doc(m, "henan_2023_key_task_units.txt");
    assert_eq!(d.doc_number.as_deref(), Some("豫政〔2023〕5号"));
    let t = tasks(m, d);
    assert_eq!(t.len(), 5);
    // (A、B…等相关部门按职责分工负责): all responsible, the generic kept apart.
    assert_eq!(
        who(m, t[0]),
        (
            "1".into(),
            v(&[
                "省商务厅",
                "省财政厅",
                "省发展改革委",
                "省地方金融监管局",
                "人行郑州中心支行",
                "河南银保监局"
            ]),
            v(&[]),
            v(&["相关部门"])
        )
    );
    // (X牵头,A、B…等相关部门按职责分工负责): X leads, the others support.
    assert_eq!(
        who(m, t[1]),
        (
            "2".into(),
            v(&["省发展改革委"]),
            v(&[
                "省商务厅",
                "省财政厅",
                "省文化和旅游厅",
                "省工业和信息化厅",
                "省住房城乡建设厅"
            ]),
            v(&["相关部门"])
        )
    );
}

#[test]
fn a_traditional_news_repost_with_labelled_lines() {
    let Some(m) = provincial() else { return };
    let d = doc(m, "zhejiang_2024_key_tasks_hant.txt");
    // The news headline and lede are not the title.
    assert_eq!(d.title, "2024年政府工作報告重點工作責任分解");
    let t = tasks(m, d);
    assert_eq!(who(m, t[0]), ("1".into(), v(&["省财政厅"]), v(&[]), v(&[])));
    // A、B牽頭,C、D: the marked ones lead, the rest support.
    assert_eq!(
        who(m, t[1]),
        (
            "2".into(),
            v(&["省政府办公厅", "省财政厅"]),
            v(&["省商务厅", "省文化广电和旅游厅"]),
            v(&[])
        )
    );
}

#[test]
fn task_lists_with_labelled_lines_after_each_item() {
    let Some(m) = provincial() else { return };
    // 部门分工:X牵头,各地、各部门配合 after each goal, with the leader's line.
    let d = doc(m, "guangdong_2021_gwr_task_division.txt");
    assert_eq!(d.doc_number.as_deref(), Some("粤府〔2021〕22号"));
    assert_eq!(d.date.as_deref(), Some("2021-03-21"));
    let t = tasks(m, d);
    assert_eq!(
        who(m, t[0]),
        (
            "1".into(),
            v(&["省发展改革委"]),
            v(&[]),
            v(&["各地", "各部门"])
        )
    );
    assert_eq!(who(m, t[1]).1, v(&["省财政厅"]));
    // 牵头单位: / 责任单位: on lines of their own (a district).
    let d = doc(m, "liaoning_lishan_2023_key_tasks.txt");
    assert_eq!(d.doc_number.as_deref(), Some("鞍立政发〔2023〕2号"));
    let t = tasks(m, d);
    assert_eq!(t.len(), 6);
    assert_eq!(who(m, t[0]).1, v(&["区发展改革局"]));
    assert_eq!(
        who(m, t[3]),
        (
            "4".into(),
            v(&["区商务局"]),
            v(&["区市场局"]),
            v(&["各街道"])
        )
    );
}

#[test]
fn a_plan_attached_to_an_untitled_notice_and_a_rule_stated_once() {
    let Some(m) = provincial() else { return };
    let d = doc(m, "sichuan_2022_modern_circulation_plan.txt");
    assert_eq!(d.title, "四川省“十四五”现代流通体系建设实施方案");
    let t = tasks(m, d);
    // 〔责任单位:A、B…按职责分工负责。具体任务均涉及…,下同。〕: the remark
    // after the list names nobody.
    assert_eq!(
        who(m, t[0]).1,
        v(&["省发展改革委", "省市场监管局", "省商务厅", "省大数据中心"])
    );
    assert_eq!(who(m, t[1]).1, v(&["省市场监管局"]));
}

#[test]
fn an_opinion_of_unnumbered_paragraphs_closed_by_clauses() {
    let Some(m) = provincial() else { return };
    let d = doc(m, "yunnan_2017_stable_growth_opinions.txt");
    let t = tasks(m, d);
    assert_eq!(t.len(), 1);
    let (_, lead, support, generic) = who(m, t[0]);
    assert_eq!(lead, v(&["省发展改革委", "省财政厅"]));
    assert!(
        support.contains(&"国家开发银行云南省分行".to_string()),
        "{support:?}"
    );
    assert!(support.len() >= 7, "{support:?}");
    assert_eq!(generic, v(&["各州、市人民政府"]));
}
