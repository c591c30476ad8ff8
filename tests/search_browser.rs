//! End to end: a small site indexed with `gazette::search::index_pages`,
//! served over HTTP under a sub-path, searched in headless Chromium through
//! `theme/static/search.js`.

mod browser_support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use browser_support::{Browser, search_for, searches_started, serve_dir, wait_for_search};

const SEARCH_JS: &str = include_str!("../theme/static/search.js");

/// The site is served under this sub-path, as on a project page.
const SUB_PATH: &str = "gazette/";

struct Doc {
    path: &'static str,
    lang: &'static str,
    title: &'static str,
    body: &'static str,
    filters: &'static [(&'static str, &'static str)],
}

const DOCS: &[Doc] = &[
    Doc {
        path: "documents/support-hte/index.html",
        lang: "zh-CN",
        title: "关于支持高新技术企业高质量发展的若干措施",
        body: "为加快培育高新技术企业，省财政厅会同省科学技术厅对首次认定的高新技术企业给予奖励。\
               各市要落实研发费用加计扣除政策。",
        filters: &[
            ("document", "关于支持高新技术企业高质量发展的若干措施"),
            ("department", "省财政厅"),
            ("department", "省科学技术厅"),
            ("year", "2023"),
        ],
    },
    Doc {
        path: "documents/innovation-hant/index.html",
        lang: "zh-Hant",
        title: "推動科技創新發展實施方案",
        body: "為推動科技創新，完善產學研合作機制，加速科技成果轉化，提升區域競爭力。",
        filters: &[("document", "推動科技創新發展實施方案"), ("year", "2022")],
    },
    Doc {
        path: "plans/digital-economy/index.html",
        lang: "zh-CN",
        title: "数字经济发展规划",
        body: "推进数字经济和实体经济深度融合，培育一批数字领域高新技术企业，建设算力基础设施。",
        filters: &[
            ("plan", "数字经济发展规划"),
            ("department", "省工业和信息化厅"),
            ("year", "2024"),
        ],
    },
];

fn head(lang: &str, root: &str, title: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="gazette-root" content="{root}"><link rel="icon" href="data:,"></head>"#
    )
}

fn search_form(root: &str) -> String {
    format!(
        r#"<form role="search" action="{root}search/"><input type="search" name="q" aria-label="搜索"></form>"#
    )
}

fn entity_page(doc: &Doc) -> String {
    let spans: String = doc
        .filters
        .iter()
        .map(|(facet, value)| {
            format!(r#"<span hidden data-pagefind-filter="{facet}">{value}</span>"#)
        })
        .collect();
    let root = "../../";
    format!(
        r#"{head}<body><header>{form}</header><nav><a href="{root}">首页</a></nav>
<main data-pagefind-body><h1 data-pagefind-meta="title">{title}</h1><p>{body}</p>{spans}</main>
<footer>政策文件库</footer></body></html>"#,
        head = head(doc.lang, root, doc.title),
        form = search_form(root),
        title = doc.title,
        body = doc.body,
    )
}

/// The home page is not searchable (no data-pagefind-body), though it
/// mentions a query word.
fn home_page() -> String {
    format!(
        r#"{head}<body><header>{form}</header><nav>首页</nav>
<main><h1>政策文件库</h1><p>收录高新技术企业相关政策。</p></main><footer>政策文件库</footer></body></html>"#,
        head = head("zh-CN", "./", "政策文件库"),
        form = search_form("./"),
    )
}

fn search_page() -> String {
    let root = "../";
    format!(
        r#"{head}<body><header>{form}</header><nav><a href="{root}">首页</a></nav>
<main><h1>搜索</h1><div id="search-app"><input id="search-input" type="search" aria-label="搜索">
<div id="search-filters"></div><p id="search-status"></p><ol id="search-results"></ol></div></main>
<footer>政策文件库</footer><script src="{root}assets/search.js" defer></script></body></html>"#,
        head = head("zh-CN", root, "搜索"),
        form = search_form(root),
    )
}

/// Writes the site (pages, script, search bundle) into `site`.
fn build_site(site: &Path) -> Result<()> {
    build_site_in_parts(
        site,
        gazette::config::SiteConfig::default().search_part_bytes(),
    )
}

/// [`build_site`] with an index in parts of `budget` bytes of searched HTML.
fn build_site_in_parts(site: &Path, budget: usize) -> Result<()> {
    let mut pages: BTreeMap<String, Vec<u8>> = DOCS
        .iter()
        .map(|doc| (doc.path.to_string(), entity_page(doc).into_bytes()))
        .collect();
    pages.insert("index.html".into(), home_page().into_bytes());
    pages.insert("search/index.html".into(), search_page().into_bytes());
    pages.insert(
        "search/fold.json".into(),
        gazette::render::names::fold_json(),
    );
    let mut indexer = gazette::search::ShardedIndexer::new(budget);
    for (path, html) in &pages {
        indexer.add(path, html)?;
    }
    let bundle = indexer.finish()?;
    pages.insert("assets/search.js".into(), SEARCH_JS.as_bytes().to_vec());
    // The direct-hit list gazette writes beside the search page.
    pages.insert("search/names/index.json".into(), br#"{"parts":1}"#.to_vec());
    pages.insert(
        "search/names/departments.json".into(),
        r#"[{"kind":"部门","name":"省财政厅","aliases":[],"url":"/departments/czt/"}]"#
            .as_bytes()
            .to_vec(),
    );
    pages.insert("search/names/part-0.json".into(), b"[]".to_vec());
    for (path, bytes) in pages.iter().chain(&bundle) {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().unwrap())?;
        std::fs::write(file, bytes)?;
    }
    Ok(())
}

fn url_of(base: &str, page: &str) -> String {
    format!("{base}{SUB_PATH}{}", page.trim_end_matches("index.html"))
}

#[test]
fn chinese_search_finds_pages_filters_and_links_in_a_browser() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    let www = tempfile::tempdir()?;
    build_site(&www.path().join(SUB_PATH))?;
    let server = serve_dir(www.path());
    let base = server.url();
    let hte = url_of(base, DOCS[0].path);
    let hant = url_of(base, DOCS[1].path);
    let plan = url_of(base, DOCS[2].path);

    // Opened with ?q=: searches on load.
    browser.goto(&format!("{base}{SUB_PATH}search/?q=高新技术企业"))?;
    let found = wait_for_search(&browser, "高新技术企业", 0)?;
    assert_eq!(found.status, "找到 2 条结果", "{found:?}");
    assert_eq!(
        found.links[0], hte,
        "the page about it ranks first: {found:?}"
    );
    assert!(found.links.contains(&plan), "{found:?}");
    assert_eq!(found.titles[0], DOCS[0].title);
    // The excerpt marks the parts of the query it holds, and nothing else.
    let excerpt = browser.find("#search-results li p")?.html()?;
    let marks = browser.find_all("#search-results li:first-child p mark")?;
    assert!(!marks.is_empty(), "{excerpt}");
    for mark in marks {
        let text = mark.text()?;
        assert!(
            !text.is_empty() && "高新技术企业".contains(&text),
            "{excerpt}"
        );
    }

    // Typed queries; the address keeps ?q=.
    let found = search_for(&browser, "省财政厅")?;
    assert_eq!(found.links, vec![hte.clone()], "{found:?}");
    assert!(
        browser
            .current_url()?
            .contains("q=%E7%9C%81%E8%B4%A2%E6%94%BF%E5%8E%85")
    );

    let found = search_for(&browser, "科技創新")?;
    assert_eq!(found.links, vec![hant.clone()], "{found:?}");

    let found = search_for(&browser, "量子纠缠")?;
    assert_eq!(found.status, "没有找到结果");
    assert!(found.links.is_empty());

    // A facet narrows the results.
    let found = search_for(&browser, "高新技术企业")?;
    assert_eq!(found.links.len(), 2, "{found:?}");
    let facets = browser.find_all("#search-filters select")?;
    let names: Vec<_> = facets
        .iter()
        .map(|s| s.attribute("name"))
        .collect::<Result<_>>()?;
    assert_eq!(
        names.into_iter().flatten().collect::<Vec<_>>(),
        ["document", "plan", "department", "year"]
    );
    let before = searches_started(&browser)?;
    browser
        .find(r#"#search-filter-year option[value="2024"]"#)?
        .click()?;
    let found = wait_for_search(&browser, "高新技术企业", before)?;
    assert_eq!(found.links, vec![plan.clone()], "{found:?}");
    let before = searches_started(&browser)?;
    browser
        .find(r#"#search-filter-year option[value=""]"#)?
        .click()?;
    assert_eq!(
        wait_for_search(&browser, "高新技术企业", before)?
            .links
            .len(),
        2
    );
    let before = searches_started(&browser)?;
    browser
        .find(r#"#search-filter-department option[value="省财政厅"]"#)?
        .click()?;
    let found = wait_for_search(&browser, "高新技术企业", before)?;
    assert_eq!(found.links, vec![hte.clone()], "{found:?}");

    // Following a result loads that page.
    browser.find("#search-results li a")?.click()?;
    browser.wait_until(Duration::from_secs(10), "the result page", |b| {
        Ok((b.current_url()? == hte).then_some(()))
    })?;
    assert_eq!(browser.find("h1")?.text()?, DOCS[0].title);

    let severe = browser.severe_console_entries()?;
    assert!(severe.is_empty(), "console errors: {severe:#?}");
    assert!(
        server.failed_requests().is_empty(),
        "{:?}",
        server.failed_requests()
    );
    browser.quit()
}

/// A large site's index comes in parts (here one page each): the search
/// page merges them, so results, counts and facets span every part.
#[test]
fn an_index_in_parts_is_searched_as_one() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    let www = tempfile::tempdir()?;
    let site = www.path().join(SUB_PATH);
    build_site_in_parts(&site, 1)?;
    assert!(site.join("pagefind/part-3/pagefind-entry.json").is_file());
    let server = serve_dir(www.path());
    let base = server.url();
    let hte = url_of(base, DOCS[0].path);
    let plan = url_of(base, DOCS[2].path);

    browser.goto(&format!("{base}{SUB_PATH}search/?q=高新技术企业"))?;
    let found = wait_for_search(&browser, "高新技术企业", 0)?;
    // A part is its own Pagefind index: one that holds none of the query's
    // words answers with its closest page, so the count may be larger
    // than with one index (parts hold hundreds of pages on a real site),
    // but the two pages that hold the phrase come first.
    let mut top: Vec<_> = found.links.iter().take(2).cloned().collect();
    top.sort();
    let mut expected = vec![hte.clone(), plan.clone()];
    expected.sort();
    assert_eq!(top, expected, "{found:?}");
    let found = search_for(&browser, "科技創新")?;
    assert_eq!(found.links[0], url_of(base, DOCS[1].path), "{found:?}");

    // The facets of every part are offered, and narrow across parts.
    search_for(&browser, "高新技术企业")?;
    let before = searches_started(&browser)?;
    browser
        .find(r#"#search-filter-year option[value="2024"]"#)?
        .click()?;
    let found = wait_for_search(&browser, "高新技术企业", before)?;
    assert_eq!(found.links, vec![plan], "{found:?}");

    let severe = browser.severe_console_entries()?;
    assert!(severe.is_empty(), "console errors: {severe:#?}");
    assert!(
        server.failed_requests().is_empty(),
        "{:?}",
        server.failed_requests()
    );
    browser.quit()
}

#[test]
fn search_page_opened_from_a_file_says_it_needs_a_server() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    let site = tempfile::tempdir()?;
    build_site(site.path())?;
    let page = site.path().join("search/index.html");
    browser.goto(&format!("file://{}?q=高新技术企业", page.display()))?;
    let status = browser.wait_until(Duration::from_secs(10), "the status line", |b| {
        let text = b.find("#search-status")?.text()?;
        Ok((!text.is_empty()).then_some(text))
    })?;
    assert!(
        status.contains("网页服务器") && status.contains("gazette serve"),
        "{status}"
    );
    assert_eq!(browser.find("#search-input")?.property("disabled")?, true);
    let severe = browser.severe_console_entries()?;
    assert!(severe.is_empty(), "console errors: {severe:#?}");
    browser.quit()
}
