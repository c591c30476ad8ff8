//! The editors' review page on a small site written here, built under a
//! sub-path: `/review/` lists the items by document with their seed
//! places and working links, is linked from every footer, stays out of
//! the sitemap and the search index, caps its rows, and `gazette check`
//! prints the same counts as the page and `data/review.json`.

mod common;
#[path = "common/pages.rs"]
mod pages;

use gazette::build::{BuildOptions, build};
use gazette::site::Site;
use pages::{read_pages, resolve, sel, text};
use std::path::Path;

/// Tasks whose clause names no department (牵头单位:待定): more than the
/// page shows for one document.
const UNPARSED: usize = 60;

fn write_site(root: &Path) {
    std::fs::write(
        root.join("site.toml"),
        "base_url = \"https://example.org/policy/\"\n",
    )
    .unwrap();
    let dir = root.join("content/a-doc");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.md"),
        "+++\nid = \"a-doc\"\ntitle = \"关于推进城乡建设的通知\"\ntitle_inferred = true\nplans = [\"p.md\"]\n\n[source]\nfile = \"seeds/x.txt\"\nlines = \"1-400\"\n+++\n\n<!-- lines 2 -->\n现将有关事项通知如下。\n",
    )
    .unwrap();
    let mut plan = String::from(
        "+++\nid = \"build-plan\"\ntitle = \"城乡建设行动方案\"\nname = \"城乡建设\"\n\n[source]\nfile = \"seeds/x.txt\"\nlines = \"3-400\"\n+++\n\n## 一、重点任务 {lines=3}\n\n##### 1. 建设数字乡村服务站。 {.task lines=4}\n\n(牵头单位:省乡村数字服务促进局)\n",
    );
    for i in 0..UNPARSED {
        let n = i + 2;
        plan.push_str(&format!(
            "\n##### {n}. 完善第{n}批配套设施。 {{.task lines={}}}\n\n(牵头单位:待定)\n",
            n + 10
        ));
    }
    std::fs::write(dir.join("p.md"), plan).unwrap();
}

#[test]
fn the_review_page_lists_items_by_document_and_stays_out_of_search_and_sitemap() {
    common::fixed_build_date();
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let r = build(&Site::new(dir.path()), &BuildOptions { no_import: true }).unwrap();
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    let public = dir.path().join("public");
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();

    let pages = read_pages(&public);
    let review = &pages["review/index.html"];
    let doc = review.doc();
    assert!(
        review
            .html
            .contains(r#"<meta name="robots" content="noindex">"#)
    );
    assert!(!review.html.contains("data-pagefind-body"));

    // Counts at the top, by kind.
    let count = |kind: &str| -> usize {
        let row = doc
            .select(&sel(&format!(
                r#".review-counts tr[data-kind="{kind}"] td.num"#
            )))
            .next()
            .unwrap_or_else(|| panic!("no count row for {kind}"));
        text(row).parse().unwrap()
    };
    assert_eq!(count("unparsed-clause"), UNPARSED);
    assert_eq!(count("unknown-department"), 1);
    assert_eq!(count("inferred-title"), 1);
    assert_eq!(count("uncertain-target"), 0);

    // One document, its rows capped, the rest counted.
    let sections: Vec<_> = doc.select(&sel("section.review-doc")).collect();
    assert_eq!(sections.len(), 1);
    let rows: Vec<_> = sections[0].select(&sel("tbody tr")).collect();
    assert_eq!(rows.len(), 50);
    let total = UNPARSED + 2;
    assert!(
        text(sections[0]).contains(&format!("另有 {} 项未列出", total - 50)),
        "{}",
        text(sections[0])
    );
    // Rows give the seed place and link to the page showing the item.
    let unknown = rows
        .iter()
        .find(|r| r.value().attr("data-kind") == Some("unknown-department"))
        .expect("the unknown department is among the first rows");
    assert!(
        text(*unknown).contains("seeds/x.txt:4"),
        "{}",
        text(*unknown)
    );
    assert!(text(*unknown).contains("content/a-doc/p.md"));
    let clause = rows
        .iter()
        .find(|r| r.value().attr("data-kind") == Some("unparsed-clause"))
        .unwrap();
    assert!(
        text(*clause).contains("seeds/x.txt:12"),
        "{}",
        text(*clause)
    );
    let href = clause
        .select(&sel("a"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap();
    assert_eq!(href, "../plans/build-plan/#task-2");
    let (target, fragment) = resolve("review/index.html", href).unwrap();
    assert!(pages[&target].ids.contains(&fragment.unwrap()));

    // Linked from every footer (relative, so it works under /policy/).
    for (rel, page) in pages.iter().filter(|(r, _)| *r != "404.html") {
        let footer = page
            .doc()
            .select(&sel("footer a"))
            .filter_map(|a| a.value().attr("href").map(String::from))
            .filter_map(|h| resolve(rel, &h))
            .any(|(t, _)| t == "review/index.html");
        assert!(footer, "{rel} has no footer link to the review page");
    }
    assert!(read("404.html").contains(r#"href="/policy/review/""#));

    // Neither in the sitemap nor in the search index.
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("https://example.org/policy/documents/a-doc/"));
    assert!(!sitemap.contains("review"), "{sitemap}");
    let entry: serde_json::Value =
        serde_json::from_str(&read("pagefind/pagefind-entry.json")).unwrap();
    let indexed: u64 = entry["languages"]
        .as_object()
        .unwrap()
        .values()
        .map(|l| l["page_count"].as_u64().unwrap())
        .sum();
    assert_eq!(indexed, 2, "the document and the plan only");

    // The full list.
    let json: serde_json::Value = serde_json::from_str(&read("data/review.json")).unwrap();
    assert_eq!(json["total"], total);
    assert_eq!(json["items"].as_array().unwrap().len(), total);
    assert_eq!(json["counts"]["unparsed-clause"], UNPARSED);
    assert_eq!(json["items"][0]["file"], "seeds/x.txt");

    // The links check (but the 404 page's, rooted at /policy/, which the
    // check cannot know); `gazette check` prints the same counts.
    let opts = gazette::check::CheckOptions {
        skip: vec!["pagefind/".into(), "404.html".into()],
    };
    let report = gazette::check::check_output_with(&public, &opts).unwrap();
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["check", "--root", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in [
        format!("review:    {UNPARSED} unparsed-clause"),
        "review:     1 unknown-department".to_string(),
        "review:     1 inferred-title".to_string(),
        "review:     0 other-warning".to_string(),
        format!("review:    {total} total"),
    ] {
        assert!(stdout.contains(&line), "{line:?} not in\n{stdout}");
    }
}
