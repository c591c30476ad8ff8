//! Import: the committed content/ is what import makes of seeds/; edited
//! files are never overwritten silently; legacy encodings and flattened
//! notices of the genre import; builds are deterministic and a failed
//! build keeps the last good output.

mod common;

use gazette::import::{ImportOptions, import};
use gazette::site::Site;
use std::path::Path;

fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().to_string());
            }
        }
    }
    walk(root, root, &mut out);
    out.sort();
    out
}

#[test]
fn committed_content_is_what_import_produces_from_the_seeds() {
    let dir = common::seeds_site();
    import(&Site::new(dir.path()), &ImportOptions::default()).unwrap();
    let fresh = dir.path().join("content");
    let committed = common::repo().join("content");
    assert_eq!(
        files_under(&fresh),
        files_under(&committed),
        "run `cargo run -- import` and commit content/"
    );
    for f in files_under(&fresh) {
        let a = std::fs::read_to_string(fresh.join(&f)).unwrap();
        let b = std::fs::read_to_string(committed.join(&f)).unwrap();
        assert!(
            a == b,
            "content/{f} differs from what import produces: run `cargo run -- import` and commit"
        );
    }
}

#[test]
fn edited_files_are_kept_unless_forced() {
    let dir = common::seeds_site();
    let site = Site::new(dir.path());
    let first = import(&site, &ImportOptions::default()).unwrap();
    assert!(first.written > 0);
    let again = import(&site, &ImportOptions::default()).unwrap();
    assert_eq!(again.written, 0);
    assert_eq!(again.kept_edited, 0);
    let file = dir.path().join("content/guobanfa-2024-21/index.md");
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("国务院办公厅关于", "国务院办公厅(订正)关于");
    std::fs::write(&file, &edited).unwrap();
    let r = import(&site, &ImportOptions::default()).unwrap();
    assert_eq!(r.kept_edited, 1);
    assert!(r.diagnostics.iter().any(|d| d.path == "content/guobanfa-2024-21/index.md" && d.message.contains("--force")));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        edited,
        "the edit survives"
    );
    // build imports too, and keeps the edit as well.
    let b = gazette::build::build(&site, &Default::default()).unwrap();
    assert!(
        b.model.documents["guobanfa-2024-21"]
            .title
            .contains("(订正)")
    );
    let forced = import(
        &site,
        &ImportOptions {
            force: true,
            reuse_unchanged: false,
        },
    )
    .unwrap();
    assert_eq!(forced.written, 1);
    assert!(!std::fs::read_to_string(&file).unwrap().contains("(订正)"));
}

#[test]
fn a_deleted_seed_takes_its_content_with_it() {
    let dir = common::seeds_site();
    let site = Site::new(dir.path());
    import(&site, &ImportOptions::default()).unwrap();
    assert!(
        dir.path()
            .join("content/guobanfa-2024-21/index.md")
            .exists()
    );
    std::fs::remove_file(dir.path().join("seeds/002_cb80d8f1c9685a8d.txt")).unwrap();
    let r = import(&site, &ImportOptions::default()).unwrap();
    assert!(r.removed >= 10);
    assert!(!dir.path().join("content/guobanfa-2024-21").exists());
}

/// An invented provincial notice in the genre, flattened onto one line and
/// saved as GBK: a new clause form, a convention stated once, targets and
/// a deadline.
const GBK_NOTICE: &str = "  • 某某省人民政府办公厅关于印发某某省数字乡村建设行动方案的通知某政办发〔2025〕7号各市人民政府,省政府各部门:现将《某某省数字乡村建设行动方案》印发给你们,请认真贯彻执行。某某省人民政府办公厅2025年3月2日(此件公开发布)某某省数字乡村建设行动方案为加快建设数字乡村,制定本方案。一、工作目标到2026年,全省行政村5G通达率达到95%以上。二、重点任务1.推进乡村信息基础设施建设。2025年10月底前完成农村光纤网络改造。(省通信管理局、省农业农村厅按职责分工负责)2.发展智慧农业。建设智慧农业示范基地50个以上。(牵头部门:省农业农村厅;协同单位:省科技厅、省财政厅)";

#[test]
fn a_gbk_flattened_notice_imports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    let (bytes, _, _) = encoding_rs::GBK.encode(GBK_NOTICE);
    std::fs::write(dir.path().join("seeds/notice.txt"), &bytes).unwrap();
    let site = Site::new(dir.path());
    let r = gazette::build::build(&site, &Default::default()).unwrap();
    let import = r.import.as_ref().unwrap();
    assert!(
        import
            .diagnostics
            .iter()
            .any(|d| d.message.contains("GBK") || d.message.contains("gb18030")),
        "{:?}",
        import.diagnostics
    );
    let m = &r.model;
    let doc = m.documents.values().next().unwrap();
    assert_eq!(doc.doc_number.as_deref(), Some("某政办发〔2025〕7号"));
    assert_eq!(doc.date.as_deref(), Some("2025-03-02"));
    assert_eq!(doc.plans.len(), 1);
    let plan = &m.plans[&doc.plans[0]];
    assert_eq!(plan.title, "某某省数字乡村建设行动方案");
    assert_eq!(plan.tasks.len(), 2);
    let t1 = &m.tasks[&plan.tasks[0]];
    let names = |ids: &[gazette::model::Id]| {
        ids.iter()
            .map(|i| m.departments[i].name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&t1.lead), vec!["省通信管理局", "省农业农村厅"]);
    let t2 = &m.tasks[&plan.tasks[1]];
    assert_eq!(names(&t2.lead), vec!["省农业农村厅"]);
    assert_eq!(names(&t2.support), vec!["省科技厅", "省财政厅"]);
    assert!(
        m.deadlines
            .values()
            .any(|d| d.date == "2025-10-31" && d.task.as_deref() == Some(t1.id.as_str()))
    );
    assert!(
        m.targets
            .values()
            .any(|t| t.value == Some(95.0) && t.year == Some(2026))
    );
}

#[test]
fn builds_are_byte_identical() {
    let dir = common::seeds_site();
    common::build_json(dir.path());
    let a = std::fs::read(dir.path().join("public/data/site.json")).unwrap();
    let csv_a = std::fs::read(dir.path().join("public/data/tasks.csv")).unwrap();
    common::build_json(dir.path());
    assert_eq!(
        a,
        std::fs::read(dir.path().join("public/data/site.json")).unwrap()
    );
    assert_eq!(
        csv_a,
        std::fs::read(dir.path().join("public/data/tasks.csv")).unwrap()
    );
}
