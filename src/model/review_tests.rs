use super::*;
use crate::model::{Department, Indicator, Target, Task};
use crate::parse::LineSpan;

fn block(kind: BlockKind, text: &str, line: usize) -> Block {
    Block::new(kind, text, LineSpan::line(line))
}

fn para(text: &str, line: usize) -> Block {
    block(BlockKind::Paragraph, text, line)
}

fn task_block(n: &str, text: &str, line: usize) -> Block {
    block(BlockKind::Task { number: n.into() }, text, line)
}

fn source(file: &str, start: usize, end: usize) -> Source {
    Source {
        file: file.into(),
        span: LineSpan::new(start, end),
    }
}

fn add_doc(m: &mut Model, id: &str, seed: &str, span: (usize, usize), blocks: Vec<Block>) {
    m.documents.insert(
        id.into(),
        Document {
            id: id.into(),
            title: format!("{id}的通知"),
            content: format!("content/{id}/index.md"),
            source: source(seed, span.0, span.1),
            blocks: blocks.into(),
            ..Default::default()
        },
    );
}

/// Adds a plan to document `doc`, with a task for each task block.
fn add_plan(m: &mut Model, id: &str, doc: &str, blocks: Vec<Block>) {
    let seed = m.documents[doc].source.file.clone();
    let mut tasks = Vec::new();
    for (block, b) in blocks.iter().enumerate() {
        if let BlockKind::Task { number } = &b.kind {
            let tid: crate::model::Id = format!("{id}-task-{number}").into();
            m.tasks.insert(
                tid.clone(),
                Task {
                    id: tid.clone(),
                    plan: id.into(),
                    anchor: format!("task-{number}"),
                    number: number.clone(),
                    block,
                    source: Source {
                        file: seed.clone(),
                        span: b.span,
                    },
                    ..Default::default()
                },
            );
            tasks.push(tid);
        }
    }
    m.plans.insert(
        id.into(),
        Plan {
            id: id.into(),
            title: format!("{id}行动方案"),
            document: doc.into(),
            tasks,
            content: format!("content/{doc}/{id}.md"),
            source: source(&seed, blocks.first().map_or(1, |b| b.span.start), 99),
            blocks: blocks.into(),
            ..Default::default()
        },
    );
    m.documents.get_mut(doc).unwrap().plans.push(id.into());
}

fn of(items: &[ReviewItem], kind: ReviewKind) -> Vec<&ReviewItem> {
    items.iter().filter(|i| i.kind == kind).collect()
}

#[test]
fn clause_forms_are_labels_or_sentence_ending_brackets_with_responsibility_words() {
    let form = |t: &str| clause_form(t);
    assert_eq!(
        form("完善园区配套设施。(市住建局负责)").as_deref(),
        Some("(市住建局负责)")
    );
    // Full-width brackets fold; a sentence end may follow.
    assert_eq!(
        form("推进老旧小区改造（区城管委配合）；").as_deref(),
        Some("(区城管委配合)")
    );
    assert_eq!(
        form("【責任單位：市財政局】").as_deref(),
        Some("【責任單位:市財政局】")
    );
    // A labelled clause anywhere, up to its sentence end.
    assert_eq!(
        form("建成智慧停车平台。协同单位：市公安局交警支队。另行通知。").as_deref(),
        Some("协同单位:市公安局交警支队")
    );
    // Mid-sentence brackets, brackets without those words, 负责人: no form.
    assert_eq!(form("由区政府(区长负责)统筹推进各项工作。"), None);
    assert_eq!(form("推进数字乡村建设(2025年底前)。"), None);
    assert_eq!(form("明确项目联系人(负责人:张三)。"), None);
    assert_eq!(form("区商务局牵头负责组织实施。"), None);
}

#[test]
fn inferred_titles_of_documents_and_plans_point_at_their_source() {
    let mut m = Model::default();
    add_doc(&mut m, "d", "seeds/a.txt", (3, 40), vec![para("正文。", 4)]);
    m.documents.get_mut("d").unwrap().title_inferred = true;
    add_plan(&mut m, "p", "d", vec![task_block("1", "建设工程。", 12)]);
    add_plan(&mut m, "q", "d", vec![task_block("1", "推进工作。", 20)]);
    m.plans.get_mut("q").unwrap().title_inferred = true;
    let items = review(&m, &[], 100);
    let titles = of(&items, ReviewKind::InferredTitle);
    assert_eq!(titles.len(), 2, "{items:#?}");
    assert_eq!(
        (
            titles[0].file.as_str(),
            titles[0].line,
            titles[0].url.as_str()
        ),
        ("seeds/a.txt", 3, "/documents/d/")
    );
    assert_eq!(titles[0].content, "content/d/index.md");
    assert_eq!(
        (
            titles[1].line,
            titles[1].url.as_str(),
            titles[1].content.as_str()
        ),
        (20, "/plans/q/", "content/d/q.md")
    );
    assert!(titles[1].message.contains("q行动方案"));
}

#[test]
fn a_long_text_without_headings_or_tasks_is_a_structure_not_recognized() {
    let long = "各地区各部门要结合实际认真贯彻落实。".repeat(STRUCTURE_MIN_CHARS / 18 + 1);
    let mut m = Model::default();
    add_doc(&mut m, "flat", "seeds/f.txt", (1, 80), vec![para(&long, 5)]);
    add_doc(
        &mut m,
        "short",
        "seeds/s.txt",
        (1, 9),
        vec![para("请遵照执行。", 5)],
    );
    let heading = BlockKind::Heading {
        level: 1,
        number: Some("一、".into()),
    };
    add_doc(
        &mut m,
        "headed",
        "seeds/h.txt",
        (1, 80),
        vec![block(heading, "总体要求", 2), para(&long, 5)],
    );
    // Long, but its structure went to a plan.
    add_doc(
        &mut m,
        "planned",
        "seeds/p.txt",
        (1, 80),
        vec![para(&long, 5)],
    );
    add_plan(&mut m, "pp", "planned", vec![para("目标。", 9)]);
    let items = review(&m, &[], 100);
    let flat = of(&items, ReviewKind::UnrecognizedStructure);
    assert_eq!(flat.len(), 1, "{items:#?}");
    assert_eq!(flat[0].document.as_deref(), Some("flat"));
    assert_eq!((flat[0].file.as_str(), flat[0].line), ("seeds/f.txt", 1));
}

#[test]
fn clauses_the_extractor_reads_nothing_from_are_listed_where_they_stand() {
    let mut m = Model::default();
    add_doc(
        &mut m,
        "d",
        "seeds/a.txt",
        (1, 60),
        vec![para("加快推进城市更新。(牵头单位:待定)", 4)],
    );
    add_plan(
        &mut m,
        "p",
        "d",
        vec![
            task_block("1", "完善充电设施布局。(牵头单位:待定)", 10),
            task_block("2", "建设区域医疗中心。(牵头单位:省卫生健康委)", 11),
            para("统筹推进。(具体由有关方面按程序负责)", 12),
        ],
    );
    let items = review(&m, &[], 100);
    let unparsed = of(&items, ReviewKind::UnparsedClause);
    let at: Vec<(&str, usize, &str)> = unparsed
        .iter()
        .map(|i| (i.file.as_str(), i.line, i.url.as_str()))
        .collect();
    assert!(
        at.contains(&("seeds/a.txt", 4, "/documents/d/#l4")),
        "{at:?}"
    );
    assert!(
        at.contains(&("seeds/a.txt", 10, "/plans/p/#task-1")),
        "{at:?}"
    );
    assert!(
        !at.iter().any(|(_, line, _)| *line == 11),
        "the extractor read 省卫生健康委: {at:?}"
    );
    let task = unparsed.iter().find(|i| i.line == 10).unwrap();
    assert_eq!(task.content, "content/d/p.md");
    assert!(task.message.contains("牵头单位:待定"), "{}", task.message);
    // The plan has tasks: nothing is "without task".
    assert!(of(&items, ReviewKind::ResponsibilityWithoutTask).is_empty());
}

#[test]
fn responsibility_words_without_any_task_are_listed_once_per_document() {
    let mut m = Model::default();
    add_doc(&mut m, "d", "seeds/a.txt", (1, 60), vec![para("总则。", 2)]);
    add_plan(
        &mut m,
        "p",
        "d",
        vec![
            para("一是扩大有效投资。(市发展改革局牵头)", 7),
            para("二是稳定外贸。(市商务局负责)", 9),
        ],
    );
    add_doc(
        &mut m,
        "plain",
        "seeds/b.txt",
        (1, 5),
        vec![para("请遵照执行。", 2)],
    );
    let items = review(&m, &[], 100);
    let without = of(&items, ReviewKind::ResponsibilityWithoutTask);
    assert_eq!(without.len(), 1, "{items:#?}");
    assert_eq!(
        (without[0].document.as_deref(), without[0].line),
        (Some("d"), 7)
    );
    assert_eq!(without[0].url, "/plans/p/#l7");
}

#[test]
fn unknown_departments_are_listed_at_the_first_task_naming_them() {
    let mut m = Model::default();
    add_doc(&mut m, "d", "seeds/a.txt", (1, 60), vec![]);
    add_plan(
        &mut m,
        "b",
        "d",
        vec![task_block("1", "x", 30), task_block("2", "y", 31)],
    );
    add_plan(&mut m, "a", "d", vec![task_block("7", "z", 50)]);
    for (id, known, lead, support) in [
        ("xin-ban", false, vec!["b-task-2"], vec!["a-task-7"]),
        ("sheng-kjt", true, vec!["b-task-1"], vec![]),
    ] {
        m.departments.insert(
            id.into(),
            Department {
                id: id.into(),
                name: format!("{id}名"),
                known,
                lead: lead.into_iter().map(Into::into).collect(),
                support: support.into_iter().map(Into::into).collect(),
                ..Default::default()
            },
        );
    }
    let warning = Diagnostic::warning(
        "content/d/a.md",
        50,
        1,
        "unknown department “xin-ban名”: add it to data/departments.toml",
    );
    let items = review(&m, &[warning], 100);
    let unknown = of(&items, ReviewKind::UnknownDepartment);
    assert_eq!(unknown.len(), 1, "{items:#?}");
    // Plan a comes before plan b: its task 7 is the first to name it.
    let u = unknown[0];
    assert_eq!((u.file.as_str(), u.line), ("seeds/a.txt", 50));
    assert_eq!(
        (u.url.as_str(), u.content.as_str()),
        ("/departments/xin-ban/", "content/d/a.md")
    );
    assert!(u.message.contains("xin-ban名") && u.message.contains("任务 7"));
    assert!(
        of(&items, ReviewKind::OtherWarning).is_empty(),
        "the build's warning is the same finding"
    );
}

#[test]
fn doubtful_targets_are_marked_ones_and_cut_indicator_names() {
    assert_eq!(
        target_doubt(true, "高新技术企业"),
        Some("提取时已标为不确定")
    );
    assert!(target_doubt(false, "县").is_some());
    assert!(target_doubt(false, "的设区的市").is_some());
    assert_eq!(target_doubt(false, "学位"), None);
    assert_eq!(target_doubt(false, "在建燃气发电装机"), None);
    let mut m = Model::default();
    add_doc(&mut m, "d", "seeds/a.txt", (1, 60), vec![]);
    add_plan(&mut m, "p", "d", vec![para("目标。", 8)]);
    for (ind, name) in [("xian", "县"), ("qiye", "高新技术企业")] {
        m.indicators.insert(
            ind.into(),
            Indicator {
                id: ind.into(),
                name: name.into(),
                targets: vec![],
            },
        );
    }
    for (id, ind, uncertain) in [
        ("t1", "xian", false),
        ("t2", "qiye", false),
        ("t3", "qiye", true),
    ] {
        m.targets.insert(
            id.into(),
            Target {
                id: id.into(),
                indicator: ind.into(),
                plan: "p".into(),
                text: format!("{id}文本"),
                uncertain,
                source: source("seeds/a.txt", 8, 8),
                ..Default::default()
            },
        );
    }
    let items = review(&m, &[], 100);
    let doubtful: Vec<&str> = of(&items, ReviewKind::UncertainTarget)
        .iter()
        .map(|i| i.url.as_str())
        .collect();
    assert_eq!(doubtful, ["/indicators/xian/#t1", "/indicators/qiye/#t3"]);
}

#[test]
fn warnings_go_to_the_document_of_their_file() {
    let mut m = Model::default();
    add_doc(&mut m, "d", "seeds/a.txt", (1, 60), vec![]);
    add_doc(&mut m, "e", "seeds/a.txt", (61, 90), vec![]);
    add_plan(&mut m, "p", "d", vec![para("目标。", 8)]);
    let ws = [
        Diagnostic::warning(
            "content/d/p.md",
            8,
            1,
            "“某某”is not a department name; ignored",
        ),
        Diagnostic::warning("seeds/a.txt", 70, 1, "something about the seed"),
        Diagnostic::warning("data/departments.toml", 3, 1, "a table warning"),
        Diagnostic::error("content/e/index.md", 1, 1, "errors are not review items"),
    ];
    let items = review(&m, &ws, 100);
    let got: Vec<(Option<&str>, &str, &str)> = of(&items, ReviewKind::OtherWarning)
        .iter()
        .map(|i| (i.document.as_deref(), i.url.as_str(), i.content.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("d"), "/plans/p/", "content/d/p.md"),
            (Some("e"), "/documents/e/", ""),
            (None, "", ""),
        ]
    );
    // Items about no document come last.
    assert_eq!(items.last().unwrap().document, None);
}

#[test]
fn counts_give_every_kind_and_the_total() {
    let mut m = Model::default();
    add_doc(&mut m, "d", "seeds/a.txt", (1, 60), vec![]);
    m.documents.get_mut("d").unwrap().title_inferred = true;
    let items = review(&m, &[Diagnostic::warning("x.toml", 1, 1, "w")], 100);
    let lines = count_lines(&items);
    assert_eq!(lines.len(), ReviewKind::ALL.len() + 1);
    assert_eq!(lines[0], "review:     1 inferred-title");
    assert!(lines.contains(&"review:     1 other-warning".to_string()));
    assert!(lines.contains(&"review:     0 uncertain-target".to_string()));
    assert!(lines.last().unwrap().starts_with("review:     2 total"));
}
