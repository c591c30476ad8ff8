//! Inputs on which a fuzz target (fuzz/, run by `scripts/fuzz`) found a
//! panic or a hang, minimized with `cargo fuzz tmin`, each with what the
//! fixed code gives for it. Every case names its target.

use gazette::content::read::{read_doc, read_plan};
use gazette::diag::{Diagnostics, Severity};
use gazette::import::{ParsedFile, render_content, resolve_corpus};
use gazette::load::decode::decode;
use gazette::model::Model;
use gazette::model::build::{DocInput, build};
use gazette::model::departments::DepartmentTable;
use gazette::model::facts::FactsCache;
use gazette::parse::segment::{ParseTables, parse_seed};
use gazette::parse::{BlockKind, deadlines, table, targets};

/// The model built from one plan file under a fixed document, as the
/// content target builds it.
fn model_of_plan(plan: &str) -> Model {
    let doc = "+++\nid = \"doc\"\ntitle = \"文件\"\nplans = [\"plan.md\"]\n\n[source]\nfile = \"seeds/fuzz.txt\"\nlines = \"1-1\"\n+++\n";
    let input = DocInput {
        doc: std::sync::Arc::new(
            read_doc("content/doc/index.md", doc.as_bytes())
                .file
                .unwrap(),
        ),
        plans: vec![{
            let r = read_plan("content/doc/plan.md", plan.as_bytes());
            std::sync::Arc::new(
                r.file
                    .unwrap_or_else(|| panic!("{plan:?}: {:?}", r.diagnostics)),
            )
        }],
    };
    let mut diags = Diagnostics::default();
    build(
        &[input],
        &DepartmentTable::builtin(),
        &mut FactsCache::disabled(),
        &mut diags,
    )
}

/// text: a year printed in Arabic-Indic digits (matched by `\d`, not
/// parsed by `i32::from_str`) panicked in `targets::year_marks`. Such a
/// year is not read; the target still is.
#[test]
fn year_in_arabic_indic_digits_is_no_year() {
    let found = targets::extract("٠٢٤5年");
    assert!(found.iter().all(|t| t.year.is_none()), "{found:?}");
    let found = targets::extract("高新技术企业٢٠٢٥年突破3.8万家");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].value, found[0].year), (Some(3.8), None));
    let ascii = targets::extract("高新技术企业2025年突破3.8万家");
    assert_eq!(ascii[0].year, Some(2025), "{ascii:?}");
}

/// text: a quantity in Bengali digits (৩名) panicked in
/// `targets_quantities::quantities`; digits of other scripts are not
/// numbers.
#[test]
fn quantity_in_bengali_digits_is_no_target() {
    assert_eq!(targets::extract("৩名"), Vec::new());
    assert_eq!(targets::extract("科技型中小企业突破৩万家"), Vec::new());
    let ascii = targets::extract("科技型中小企业突破3万家");
    assert_eq!(ascii.len(), 1, "{ascii:?}");
}

/// content: a plan whose body prints a year in Arabic-Indic or Devanagari
/// digits before 年底 panicked in `deadlines::extract_with_year` (the
/// year matched `\d{4}`). Such a year is not read: the plan has no
/// deadline (it has no year of its own to default to).
#[test]
fn deadline_year_in_other_digits_is_no_deadline() {
    for plan in [
        // (The fuzzer's front matter had empty ids and titles, which the
        // typed front matter now refuses; the bodies are as it found them.)
        "+++\nid=\"p\"\ntitle=\"计划\"\nname =\"计划\"\n[source]\nfile = \"seeds/fuzz.txt\"\nlines= \"1\"\n+++\n2٠٢٤年底",
        "+++\nid= \"p\"\ntitle = \"计划\"\nname= \"计划\"\n[source]\nfile= \"seeds/fuzz.txt\"\nlines= \"1\"\n+++\n०२४2年底",
    ] {
        let m = model_of_plan(plan);
        assert_eq!(m.plans.len(), 1, "{plan:?}");
        assert!(m.deadlines.is_empty(), "{:?}", m.deadlines);
    }
    assert_eq!(deadlines::extract_with_year("٢٠٢٤年底前", None), vec![]);
    assert_eq!(deadlines::extract_with_year("到٢٠٢٥年", None), vec![]);
    // The same in ASCII digits is a deadline.
    let ascii = model_of_plan(
        "+++\nid = \"p\"\ntitle = \"计划\"\nname = \"计划\"\n[source]\nfile = \"seeds/fuzz.txt\"\nlines = \"1\"\n+++\n2024年底前完成。\n",
    );
    let dates: Vec<&str> = ascii.deadlines.values().map(|d| d.date.as_str()).collect();
    assert_eq!(dates, ["2024-12-31"]);
}

/// text: an indicator table header with 属性 before its year columns
/// panicked in `table::detect` (slicing from after the last year to the
/// 属性 column). That 属性 is not the attribute column: the header still
/// reads, with its one year; so does a seed with it.
#[test]
fn table_header_with_attribute_before_the_years() {
    for header in ["指标属性\r2022年", "指标属性\t2020年"] {
        assert_eq!(table::detect(&[(1, header)]), None, "{header:?}");
    }
    let t = table::detect(&[
        (1, "指标属性 单位 2020年"),
        (2, "1 地区生产总值 (亿元) 100"),
    ])
    .expect("a table");
    assert_eq!(
        t.rows[0],
        ["分组", "序号", "指标", "单位", "2020年", "属性"]
    );
    assert_eq!(t.rows.len(), 2);
    let seed =
        "关于印发某某规划的通知\n指标 属性 单位 2020年 2025年\n1 地区生产总值 (亿元) 100 120\n";
    let parsed = parse_seed("seeds/x.txt", seed, &ParseTables::builtin());
    let tables: Vec<_> = parsed
        .docs
        .iter()
        .flat_map(|d| {
            d.blocks
                .iter()
                .chain(d.plans.iter().flat_map(|p| &p.blocks))
        })
        .filter_map(|b| match &b.kind {
            BlockKind::Table { rows } => Some(rows),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1, "{parsed:?}");
    assert_eq!(tables[0][1][2], "地区生产总值");
}

/// text: a generic indicator (比重) whose clause follows nothing but
/// clause marks in its sentence panicked in `targets::extract` (the
/// previous clause it reads its subject from started after its end).
/// There is no subject: the indicator stays as printed.
#[test]
fn generic_indicator_after_bare_clause_marks() {
    let found = targets::extract("。))比重4%");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].indicator.as_str(), found[0].value),
        ("比重", Some(4.0))
    );
    // With a previous clause, its subject is prefixed.
    let found = targets::extract("。研发投入增长,比重达到4%");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].indicator, "研发投入比重");
}

/// text: a table header cell of a year in Arabic-Indic digits (٢٠٢٤年,
/// matched by `\d{4}年`) panicked in `table::targets` (`h[..4]` parsed
/// as a year; fixed with the loader's `[0-9]{4}年`). It is no year
/// column, so the table states no target.
#[test]
fn table_year_column_in_other_digits_is_no_column() {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(table::targets(&[row(&["٢٠٢٤年"])]), Vec::new());
    // A header with ASCII year columns states targets.
    let body = ["", "1", "地区生产总值", "亿元", "100", "120", "预期性"];
    let head = ["分组", "序号", "指标", "单位", "2020年", "2025年", "属性"];
    let found = table::targets(&[row(&head), row(&body)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].value, found[0].year), (Some(120.0), Some(2025)));
}

/// The content files import writes for the seed `bytes` (decoded as import
/// decodes them), each read back as build reads it: `Err` with the
/// diagnostics of the first that does not read.
fn import_and_read_back(bytes: &[u8]) -> Result<usize, String> {
    let path = "seeds/x.txt";
    let decoded = decode(bytes, path);
    assert!(!decoded.refused, "{:?}", decoded.diagnostics);
    let parsed = parse_seed(path, &decoded.text, &ParseTables::builtin());
    let mut files = vec![ParsedFile {
        path: path.to_string(),
        encoding: decoded.encoding,
        docs: parsed.docs,
    }];
    resolve_corpus(&mut files, &mut Diagnostics::default());
    let rendered = render_content(&files);
    for r in &rendered {
        let diagnostics = if r.path.ends_with("/index.md") {
            read_doc(&r.path, r.text.as_bytes()).diagnostics
        } else {
            read_plan(&r.path, r.text.as_bytes()).diagnostics
        };
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return Err(format!("{}: {diagnostics:?}\n{}", r.path, r.text));
        }
    }
    Ok(rendered.len())
}

/// import: a seed with a few control characters (a form feed between
/// pages, a stray ESC or NUL of a damaged scrape: too few for the seed to
/// be refused as binary) was imported into content files that build then
/// refused as damaged. Cleaning turns each into a space, with a warning.
#[test]
fn control_characters_of_a_seed_do_not_reach_the_content() {
    let seed = "关于印发某某行动计划的通知\n各市人民政府:\n现将行动计划\x0c印发给你们。\n一、总体要求\n(一)加快\x1b发展。\x00\n";
    assert_eq!(import_and_read_back(seed.as_bytes()), Ok(1));
    // The input cargo fuzz tmin left (the fuzz target then parsed what
    // decode refuses): a line of one control character is blank.
    assert!(
        parse_seed("seeds/x.txt", "\x0e", &ParseTables::builtin())
            .docs
            .is_empty()
    );
    let parsed = parse_seed("seeds/x.txt", seed, &ParseTables::builtin());
    let warnings: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings.contains(
            &"seeds/x.txt:3:7: warning: control character U+000C replaced by a space".to_string()
        ),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(
            &"seeds/x.txt:5:6: warning: control character U+001B (and 1 more) replaced by a space"
                .to_string()
        ),
        "{warnings:?}"
    );
}
