//! Small sites written here, built and read page by page: markup in
//! titles and bodies is shown as text or dropped, and a base URL with a
//! sub-path roots the absolute links while page links stay relative.

mod common;
#[path = "common/pages.rs"]
mod pages;

use gazette::build::{BuildOptions, build};
use gazette::site::Site;
use pages::{read_pages, sel, text};
use scraper::Html;
use std::path::Path;

/// Writes `content/{id}/index.md` (and plan files) of a small site.
fn write_doc(root: &Path, id: &str, front: &str, body: &str, plans: &[(&str, &str)]) {
    let dir = root.join("content").join(id);
    std::fs::create_dir_all(&dir).unwrap();
    let names: Vec<String> = plans.iter().map(|(n, _)| format!("{n:?}")).collect();
    std::fs::write(
        dir.join("index.md"),
        format!(
            "+++\nid = \"{id}\"\n{front}\nplans = [{}]\n\n[source]\nfile = \"seeds/x.txt\"\nlines = \"1\"\n+++\n\n{body}\n",
            names.join(", ")
        ),
    )
    .unwrap();
    for (name, text) in plans {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn build_content(root: &Path) {
    common::fixed_build_date();
    let r = build(&Site::new(root), &BuildOptions { no_import: true }).unwrap();
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
}

const EVIL_PLAN: &str = r#"+++
id = "evil-plan"
title = "\"><script>alert(5)</script>计划"
name = "'><svg onload=alert(6)>"

[source]
file = "seeds/x.txt"
lines = "2"
+++

<!-- lines 2 -->
目标:<script>alert(7)</script>

## 一、任务 {lines=2}

##### 1. <img src=x onerror=alert(8)>落实任务。 {.task lines=2}

<script>alert(9)</script>省财政厅负责。(牵头单位:省财政厅)
"#;

#[test]
fn markup_in_titles_and_bodies_is_shown_as_text_or_dropped() {
    let dir = tempfile::tempdir().unwrap();
    write_doc(
        dir.path(),
        "evil",
        "title = \"<script>alert(1)</script>\"\ndate = \"2024-01-02\"",
        "<!-- lines 1 -->\n正文<script>alert(2)</script>第一段。\n\n<img src=\"x\" onerror=\"alert(3)\">\n\n<a href=\"javascript:alert(4)\" onclick=\"alert(10)\">链接</a>\n",
        &[("evil-plan.md", EVIL_PLAN)],
    );
    build_content(dir.path());
    let public = dir.path().join("public");
    let page = std::fs::read_to_string(public.join("documents/evil/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "<script>alert(1)</script>"
    );
    assert!(text(doc.select(&sel("title")).next().unwrap()).contains("<script>alert(1)</script>"));
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script>alert"), "{page}");
    assert!(!lower.contains("onerror"), "{page}");
    let plan = Html::parse_document(
        &std::fs::read_to_string(public.join("plans/evil-plan/index.html")).unwrap(),
    );
    assert_eq!(
        text(plan.select(&sel("h1")).next().unwrap()),
        "\"><script>alert(5)</script>计划"
    );

    // No page or feed of the site runs the markup.
    let mut files = Vec::new();
    pages::walk(&public, "", &mut files);
    let mut checked = 0;
    for rel in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".xml"))
    {
        if rel.starts_with("pagefind/") {
            continue;
        }
        checked += 1;
        let raw = std::fs::read_to_string(public.join(rel)).unwrap();
        assert!(!raw.to_lowercase().contains("<script>alert"), "{rel}");
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&raw);
        for el in doc.select(&sel("*")) {
            for (name, value) in el.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{rel}: <{} {name}={value:?}>",
                    el.value().name()
                );
                assert!(
                    !value.trim().to_lowercase().starts_with("javascript:"),
                    "{rel}: <{} {name}={value:?}>",
                    el.value().name()
                );
            }
        }
        for script in doc.select(&sel("script")) {
            assert!(
                script.value().attr("src").is_some() && text(script).is_empty(),
                "{rel}: inline script {:?}",
                script.html()
            );
        }
    }
    assert!(checked > 10, "{checked} files");
}

#[test]
fn a_base_url_with_a_sub_path_roots_absolute_links_and_keeps_page_links_relative() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "base_url = \"https://example.org/policy/\"\n",
    )
    .unwrap();
    write_doc(
        dir.path(),
        "a-doc",
        "title = \"关于支持科技创新的通知\"\ndate = \"2024-01-02\"",
        "<!-- lines 1 -->\n现将有关事项通知如下。\n",
        &[],
    );
    build_content(dir.path());
    let public = dir.path().join("public");
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();

    let sitemap = read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert!(locs.len() > 5, "{sitemap}");
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/policy/")),
        "{locs:#?}"
    );
    assert!(
        locs.contains(&"https://example.org/policy/documents/a-doc/"),
        "{locs:#?}"
    );
    assert!(read("robots.txt").contains("Sitemap: https://example.org/policy/sitemap.xml"));

    let attrs = |html: &str| -> Vec<(String, String)> {
        let doc = Html::parse_document(html);
        doc.select(&sel(
            "a[href], link[href], script[src], form[action], img[src]",
        ))
        .flat_map(|e| {
            let name = e.value().name().to_string();
            ["href", "src", "action"]
                .into_iter()
                .filter_map(|k| e.value().attr(k))
                .map(move |v| (name.clone(), v.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
    };
    let not_found = attrs(&read("404.html"));
    let rooted: Vec<_> = not_found
        .iter()
        .filter(|(_, v)| v.starts_with('/'))
        .collect();
    assert!(rooted.len() > 3, "{not_found:#?}");
    for (tag, v) in &not_found {
        assert!(
            v.starts_with('#')
                || v == "data:,"
                || v.starts_with("/policy/")
                || v.starts_with("https://example.org/policy/"),
            "404.html: <{tag}> {v}"
        );
    }

    let pages = read_pages(&public);
    for (rel, page) in pages.iter().filter(|(r, _)| *r != "404.html") {
        let doc = page.doc();
        let canonical = doc
            .select(&sel(r#"link[rel="canonical"]"#))
            .next()
            .and_then(|l| l.value().attr("href"));
        let path = rel.trim_end_matches("index.html");
        assert_eq!(
            canonical,
            Some(format!("https://example.org/policy/{path}").as_str()),
            "{rel}"
        );
        for (tag, v) in attrs(&page.html) {
            if tag == "link" && v == canonical.unwrap_or_default() {
                continue;
            }
            assert!(
                !v.starts_with('/') && !v.contains("example.org"),
                "{rel}: <{tag}> {v} is not relative"
            );
        }
    }
}
