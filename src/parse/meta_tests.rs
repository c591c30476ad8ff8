//! Tests of `meta`: heads and signatures of invented and seed documents.
use super::*;

fn piece(t: &str) -> Piece {
    Piece {
        text: t.into(),
        line: 1,
        marker: None,
    }
}

#[test]
fn dates_and_doc_types() {
    assert_eq!(
        iso_date("山东省人民政府2024年4月28日"),
        Some("2024-04-28".into())
    );
    assert_eq!(iso_date("二〇〇五年六月十一日"), Some("2005-06-11".into()));
    assert_eq!(
        iso_date("二〇二四年十二月三十一日"),
        Some("2024-12-31".into())
    );
    assert!(ends_with_doc_type("“十大扩需求”2022年行动计划的通知"));
    assert!(ends_with_doc_type("政策清单(第一批)"));
    assert!(!ends_with_doc_type("山东省人民政府办公厅"));
}

#[test]
fn addressee_lines() {
    let (a, end) = addressee_of("各市人民政府,各县(市、区)人民政府,省政府各部门:现将…").unwrap();
    assert_eq!(a, "各市人民政府,各县(市、区)人民政府,省政府各部门");
    assert_eq!(
        &"各市人民政府,各县(市、区)人民政府,省政府各部门:现将…"[end..],
        "现将…"
    );
    assert!(addressee_of("主要包括目标、任务:责任人").is_none());
}

#[test]
fn signatures_inline_and_alone() {
    let t = "请认真贯彻执行。山东省人民政府2024年4月28日(此件主动公开)山东省深化若干措施为全面贯彻";
    let (r, who, date) = find_signature(t).unwrap();
    assert_eq!(&t[r.clone()], "山东省人民政府2024年4月28日(此件主动公开)");
    assert_eq!(who, vec!["山东省人民政府".to_string()]);
    assert_eq!(date, "2024-04-28");
    let (_, who, date) = find_signature("2022年3月27日").unwrap();
    assert!(who.is_empty());
    assert_eq!(date, "2022-03-27");
    let (_, who, date) = find_signature("某某县人民政府二〇二五年六月三日").unwrap();
    assert_eq!(who, vec!["某某县人民政府".to_string()]);
    assert_eq!(date, "2025-06-03");
    // A date inside a sentence is not a signature.
    assert!(find_signature("本公告自2024年1月1日起执行。").is_none());
}

#[test]
fn title_of_a_notice_without_one() {
    let text = "《“十大创新”行动计划(2024—2025年)》《“十强产业”行动计划(2024—2025年)》已经省委、省政府同意,现印发给你们";
    let issued = issued_titles(text);
    assert_eq!(issued.len(), 2);
    assert_eq!(
        infer_notice_title(&issued).unwrap(),
        "关于印发“十大创新”行动计划(2024—2025年)、“十强产业”行动计划(2024—2025年)的通知"
    );
}

#[test]
fn multi_line_title_with_issuer_line() {
    let pieces: Vec<Piece> = [
        "山东省人民政府办公厅",
        "关于印发某某2022年行动计划的通知",
        "省政府有关部门:",
        "正文。",
    ]
    .iter()
    .map(|t| piece(t))
    .collect();
    let h = read_header(&pieces);
    assert_eq!(
        h.title,
        "山东省人民政府办公厅关于印发某某2022年行动计划的通知"
    );
    assert_eq!(h.issuers, vec!["山东省人民政府办公厅".to_string()]);
    assert_eq!(h.addressee.as_deref(), Some("省政府有关部门"));
    assert_eq!(h.body_start, 3);
}
