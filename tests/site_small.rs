//! Small sites written here, built and read page by page: markup in
//! titles and bodies is shown as text or dropped, a base URL with a
//! sub-path roots the absolute links while page links stay relative, and
//! a regulation imported from its seed gets anchored articles and a table
//! of contents.

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
        // Scripts are files; JSON-LD is data, not run.
        for script in doc.select(&sel("script:not([type='application/ld+json'])")) {
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

/// Invented, in the genre of a municipal 办法: chapters, a section,
/// articles with later paragraphs and items.
const MEASURE_SEED: &str = "某市公共停车场管理办法
第一章　总　　则
第一条　为规范本市公共停车场管理，制定本办法。
第二条　本办法适用于本市行政区域内的公共停车场。
第二章　建设与管理
第一节　建　　设
第三条　新建公共停车场应当符合专项规划：
（一）选址合理；
（二）配建充电设施。
专项规划由市自然资源部门编制。
第二节　管　　理
第四条　经营者应当依照本办法第三条的规定公示收费标准。
第三章　附　　则
第五条　本办法自2026年1月1日起施行。
";

#[test]
fn a_regulation_gets_anchored_articles_and_a_table_of_contents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::write(dir.path().join("seeds/measure.txt"), MEASURE_SEED).unwrap();
    std::fs::write(
        dir.path().join("seeds/notice.txt"),
        "某县人民政府关于做好秋季防火工作的通知\n各乡镇人民政府：\n一、加强巡查\n各乡镇要做好秋季防火工作。\n",
    )
    .unwrap();
    common::fixed_build_date();
    let r = build(&Site::new(dir.path()), &BuildOptions { no_import: false }).unwrap();
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    let pages = read_pages(&dir.path().join("public"));
    let (path, page) = pages
        .iter()
        .find(|(p, _)| p.starts_with("documents/") && p.as_str() != "documents/index.html")
        .expect("a document page");
    let doc = page.doc();
    // The contents lists chapters and sections, not articles, with their ranges.
    let toc: Vec<String> = doc.select(&sel("nav.toc li > a")).map(text).collect();
    assert_eq!(
        toc,
        vec![
            "第一章 总则",
            "第二章 建设与管理",
            "第一节 建设",
            "第二节 管理",
            "第三章 附则"
        ],
        "{path}"
    );
    let ranges: Vec<String> = doc
        .select(&sel("nav.toc > ol > li > .muted"))
        .map(text)
        .collect();
    assert_eq!(ranges, vec!["第一条至第二条", "第三条至第四条", "第五条"]);
    // Every entry leads to an anchor of the page.
    for a in doc.select(&sel("nav.toc a")) {
        let href = a.value().attr("href").unwrap();
        let id = href.strip_prefix('#').expect("same-page link");
        assert!(page.ids.contains(id), "{href} has no target on {path}");
    }
    // Article 3 is one section with its items and its later paragraph.
    let art = doc
        .select(&sel("section.article#art-3"))
        .next()
        .expect("art-3");
    let paras: Vec<String> = art.select(&sel("p")).map(text).collect();
    assert_eq!(paras.len(), 4, "{paras:?}");
    assert!(paras[0].starts_with("第三条"), "{paras:?}");
    assert_eq!(paras[3], "专项规划由市自然资源部门编制。");
    // A document with fewer than two headings gets no contents.
    let notice = pages
        .iter()
        .find(|(_, p)| p.html.contains("做好秋季防火工作"))
        .expect("the notice page");
    assert_eq!(
        notice.1.doc().select(&sel("nav.toc")).count(),
        0,
        "{}",
        notice.0
    );
}

fn plan_file(id: &str, edition: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\ntitle = \"数字经济{edition}年行动计划\"\nname = \"数字经济\"\nedition = \"{edition}\"\n\n[source]\nfile = \"seeds/x.txt\"\nlines = \"1\"\n+++\n\n## 一、主要任务 {{lines=1}}\n\n##### 1. 推进数字产业化。 {{.task lines=1}}\n"
    )
}

/// Plans of one name are each other's editions, except copies of the
/// same edition; the model holds the name's plans once, shared by them.
#[test]
fn editions_are_the_plans_of_a_name_in_another_edition() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (doc, plan, edition) in [
        ("a", "shuzi-2023", "2023"),
        ("b", "shuzi-2023-copy", "2023"),
        ("c", "shuzi-2024", "2024"),
        ("d", "shuzi-2025", "2025"),
    ] {
        write_doc(
            root,
            doc,
            &format!("title = \"关于印发数字经济{edition}年行动计划的通知\""),
            "正文。",
            &[("plan.md", &plan_file(plan, edition))],
        );
    }
    common::fixed_build_date();
    let r = build(&Site::new(root), &BuildOptions { no_import: true }).unwrap();
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    let m = &r.model;
    let editions = |id: &str| -> Vec<&str> { m.editions_of(&m.plans[id]).collect() };
    assert_eq!(editions("shuzi-2023"), ["shuzi-2024", "shuzi-2025"]);
    assert_eq!(editions("shuzi-2023-copy"), ["shuzi-2024", "shuzi-2025"]);
    assert_eq!(
        editions("shuzi-2024"),
        ["shuzi-2023", "shuzi-2023-copy", "shuzi-2025"]
    );
    let group = &m.plans["shuzi-2023"].edition_group;
    assert_eq!(group.len(), 4);
    for p in m.plans.values() {
        assert!(std::sync::Arc::ptr_eq(group, &p.edition_group), "{}", p.id);
    }
    // The open data lists them per plan.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("public/data/site.json")).unwrap())
            .unwrap();
    let plan = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "shuzi-2025")
        .unwrap();
    assert_eq!(
        plan["editions"],
        serde_json::json!(["shuzi-2023", "shuzi-2023-copy", "shuzi-2024"])
    );
    // Each copy of 2023 is compared with 2024, and 2024 with 2025.
    for page in [
        "compare/shuzi-2023--shuzi-2024/index.html",
        "compare/shuzi-2023-copy--shuzi-2024/index.html",
        "compare/shuzi-2024--shuzi-2025/index.html",
    ] {
        assert!(root.join("public").join(page).is_file(), "{page}");
    }
}
