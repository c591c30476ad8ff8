//! axe-core itself on the seeds site's pages, in headless Chromium, at a
//! desktop and a phone width: no violation of any rule it runs by
//! default (WCAG 2 A and AA, best practices). Opt-in, as axe-core comes
//! from npm: set `GAZETTE_AXE` to its `axe.min.js` (`npm install
//! axe-core@4` puts it in `node_modules/axe-core/`); without it the test
//! says loudly that it skipped. `pages_browser.rs` makes the checks that
//! matter most without axe.

mod browser_support;
mod common;

use std::io::Write;

use anyhow::{Result, ensure};
use browser_support::{Browser, serve_dir, wait_for_search};
use gazette::build::{BuildOptions, build};
use gazette::site::Site;

const PAGES: &[&str] = &[
    "",
    "documents/zhonggongshandongshengwei-shandongshengrenminzhengfu-guanyu-hant/",
    "documents/guobanfa-2024-21/",
    "plans/keji-yanfa-chuangxin-2024-2025/",
    "departments/sheng-caizhengting/",
    "indicators/gaoxinjishu-qiye/",
    "compare/keji-yanfa-chuangxin-2022--keji-yanfa-chuangxin-2024-2025/",
    "matrix/",
    "deadlines/",
    "review/",
    "documents/",
    "plans/",
    "departments/",
    "indicators/",
    "cited/",
    "404.html",
    "search/?q=省财政厅",
];

#[test]
fn axe_finds_no_violation() -> Result<()> {
    let Ok(axe_path) = std::env::var("GAZETTE_AXE") else {
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!!!!!! SKIPPED axe test: set GAZETTE_AXE to axe-core's axe.min.js !!!!!!!!\n"
        );
        return Ok(());
    };
    let axe = std::fs::read_to_string(&axe_path)?;
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    common::fixed_build_date();
    let site = common::seeds_site();
    // Small pages, so that every list, the timeline's years, the matrix's
    // families, departments and indicators have a pager.
    std::fs::write(site.path().join("site.toml"), "page_size = 3\n")?;
    let r = build(&Site::new(site.path()), &BuildOptions::default())?;
    ensure!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    let public = site.path().join("public");
    let mut pages: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    for (dir, want) in [
        ("documents/page", "2/"),
        ("indicators/page", "2/"),
        ("deadlines", ""),
        ("matrix", ""),
        ("indicators/gaoxinjishu-qiye/page", "2/"),
        ("departments/sheng-caizhengting/page", "2/"),
    ] {
        let found = first_folder(&public.join(dir), want);
        ensure!(found.is_some(), "no page under {dir}/ (page_size = 3)");
        pages.extend(found.map(|f| format!("{dir}/{f}")));
    }
    // A year of the timeline past its first page.
    let year = std::fs::read_dir(public.join("deadlines"))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("page/2/index.html").is_file())
        .min();
    ensure!(year.is_some(), "no year of the timeline has two pages");
    pages.extend(year.and_then(|y| {
        let name = y.file_name()?.to_string_lossy().to_string();
        Some(format!("deadlines/{name}/page/2/"))
    }));
    let server = serve_dir(public);
    let mut found = Vec::new();
    for width in [1280, 390] {
        browser.narrow(width)?;
        for page in &pages {
            browser.goto(&format!("{}{page}", server.url()))?;
            if let Some(q) = page.strip_prefix("search/?q=") {
                wait_for_search(&browser, q, 0)?;
            }
            browser.execute(&axe, vec![])?;
            let v = browser.execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ["violations"] }).then((r) => done(
                  r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes[0].html.slice(0, 160)}`)));"#,
                vec![],
            )?;
            for x in v.as_array().into_iter().flatten() {
                found.push(format!(
                    "{width}px /{page}: {}",
                    x.as_str().unwrap_or_default()
                ));
            }
        }
    }
    ensure!(found.is_empty(), "{found:#?}");
    browser.quit()
}

/// The first sub-folder (by name) of `dir` holding an index.html, as
/// `name/`; `want` picks that very name instead.
fn first_folder(dir: &std::path::Path, want: &str) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| format!("{}/", e.file_name().to_string_lossy()))
        .filter(|n| want.is_empty() || n == want)
        .collect();
    names.sort();
    names.into_iter().find(|n| n != "page/")
}
