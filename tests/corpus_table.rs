//! The development corpora (`../shared/corpus/`: State Council pages and
//! provincial task lists), built as sites and compared with committed
//! tables, one row per document: title, 文号, dates, sections, plans,
//! tasks, lead and support mentions, targets and review items. Any change
//! of what gazette extracts from them shows up as a diff of
//! `tests/corpus/*.tsv` in review.
//!
//! The corpora are third-party texts and are never committed: where
//! `../shared/corpus/` is absent (a fresh clone) these tests say that they
//! were skipped and pass. `GAZETTE_BLESS=1 cargo test --test corpus_table`
//! rewrites the tables after a deliberate change.

mod common;

use gazette::model::Model;
use std::path::{Path, PathBuf};

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = common::repo().join("../shared/corpus").join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: the corpus {} is absent (it lives beside the checkout in ../shared/corpus/, not in the repository)",
            dir.display()
        );
        None
    }
}

/// Builds a site from every `.txt` of a corpus folder.
fn build(dir: &Path) -> (tempfile::TempDir, Model, Vec<gazette::diag::Diagnostic>) {
    common::fixed_build_date();
    let site_dir = tempfile::tempdir().unwrap();
    let seeds = site_dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, seeds.join(p.file_name().unwrap())).unwrap();
        }
    }
    let site = gazette::site::Site::new(site_dir.path());
    let report = gazette::build::build(&site, &Default::default()).unwrap();
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);
    (site_dir, report.model, report.diagnostics.0)
}

fn cell(s: Option<&str>) -> String {
    s.unwrap_or("-").replace(['\t', '\n'], " ")
}

/// One row per document, sorted by seed file.
fn table(m: &Model, diagnostics: &[gazette::diag::Diagnostic]) -> String {
    let review = gazette::model::review::review(m, diagnostics, 100);
    let mut rows: Vec<(String, String)> = Vec::new();
    for d in m.documents.values() {
        let plans: Vec<&gazette::model::Plan> =
            d.plans.iter().filter_map(|p| m.plans.get(p)).collect();
        let headings = |blocks: &[gazette::parse::Block]| {
            blocks
                .iter()
                .filter(|b| matches!(b.kind, gazette::parse::BlockKind::Heading { .. }))
                .count()
        };
        let sections =
            headings(&d.blocks) + plans.iter().map(|p| headings(&p.blocks)).sum::<usize>();
        let tasks: Vec<&gazette::model::Task> = m
            .tasks
            .values()
            .filter(|t| d.plans.contains(&t.plan))
            .collect();
        let lead: usize = tasks.iter().map(|t| t.lead.len()).sum();
        let support: usize = tasks.iter().map(|t| t.support.len()).sum();
        let targets = m
            .targets
            .values()
            .filter(|t| d.plans.contains(&t.plan))
            .count();
        let file = d
            .source
            .file
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let row = [
            file.clone(),
            cell(Some(&d.title)),
            cell(d.doc_number.as_deref()),
            cell(d.date.as_deref()),
            cell(d.published.as_deref()),
            sections.to_string(),
            plans.len().to_string(),
            tasks.len().to_string(),
            lead.to_string(),
            support.to_string(),
            targets.to_string(),
            review
                .iter()
                .filter(|r| r.document.as_deref() == Some(d.id.as_str()))
                .count()
                .to_string(),
        ]
        .join("\t");
        rows.push((format!("{file}\t{}", d.source.span.start), row));
    }
    rows.sort();
    let mut out = String::from(
        "file\ttitle\tdoc_number\tdate\tpublished\tsections\tplans\ttasks\tlead\tsupport\ttargets\treview\n",
    );
    for (_, r) in rows {
        out.push_str(&r);
        out.push('\n');
    }
    out
}

/// Compares with the committed table (or rewrites it when blessing).
fn check_table(name: &str, got: &str) {
    let path = common::repo()
        .join("tests/corpus")
        .join(format!("{name}.tsv"));
    if std::env::var_os("GAZETTE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != got {
        let mut diff = String::new();
        let w: Vec<&str> = want.lines().collect();
        let g: Vec<&str> = got.lines().collect();
        for l in &w {
            if !g.contains(l) {
                diff.push_str(&format!("- {l}\n"));
            }
        }
        for l in &g {
            if !w.contains(l) {
                diff.push_str(&format!("+ {l}\n"));
            }
        }
        panic!(
            "{} differs from what gazette extracts now (GAZETTE_BLESS=1 rewrites it):\n{diff}",
            path.display()
        );
    }
}

/// `INDEX.tsv` rows: file → (文号, title).
fn index(dir: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (f, n, t) = (col("file"), col("doc_number"), col("title"));
    lines
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[f].to_string(), c[n].to_string(), c[t].to_string())
        })
        .collect()
}

#[test]
fn govcn_corpus_matches_its_table_and_index() {
    let Some(dir) = corpus("govcn") else { return };
    let (_site, m, diags) = build(&dir);
    // Every document has its 文号 and its title as the index gives them.
    let idx = index(&dir);
    assert_eq!(m.documents.len(), idx.len());
    for (file, number, title) in &idx {
        let d = m
            .documents
            .values()
            .find(|d| d.source.file.ends_with(file.as_str()))
            .unwrap_or_else(|| panic!("no document from {file}"));
        assert_eq!(d.doc_number.as_deref(), Some(number.as_str()), "{file}");
        assert_eq!(&d.title, title, "{file}");
        assert!(!d.title_inferred, "{file}");
        assert!(d.date.is_some() && d.published.is_some(), "{file}");
    }
    check_table("govcn", &table(&m, &diags));
}

#[test]
fn provincial_corpus_matches_its_table() {
    let Some(dir) = corpus("provincial") else {
        return;
    };
    let (_site, m, diags) = build(&dir);
    // Where the excerpt prints a 文号, the document has it.
    for (file, number, _) in index(&dir) {
        if number.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(&file)).unwrap();
        if !text.contains(&number) {
            continue;
        }
        let d = m
            .documents
            .values()
            .find(|d| d.source.file.ends_with(file.as_str()))
            .unwrap();
        assert_eq!(d.doc_number.as_deref(), Some(number.as_str()), "{file}");
    }
    check_table("provincial", &table(&m, &diags));
}
