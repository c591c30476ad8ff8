//! The pages in headless Chromium, as outside checkers see them: the
//! real seeds site on a 390-pixel phone (no page scrolls sideways, every
//! form, control, link and landmark is named as axe wants, the
//! Content-Security-Policy refuses nothing and search still works under
//! it), and the hostile site (`common/hostile_site.rs`), whose pages run
//! none of the scripts their sources carry.

mod browser_support;
mod common;
#[path = "common/hostile_site.rs"]
mod hostile_site;

use std::path::Path;

use anyhow::{Result, ensure};
use browser_support::{
    Browser, audit_page, guard_pages, guard_state, search_for, serve_dir, wait_for_search,
};
use gazette::build::{BuildOptions, build};
use gazette::site::Site;

/// The first folder under `public/{kind}/` whose name satisfies `pick`.
fn first_page(public: &Path, kind: &str, pick: impl Fn(&str) -> bool) -> Result<String> {
    let mut names: Vec<String> = std::fs::read_dir(public.join(kind))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .find(|n| pick(n))
        .map(|n| format!("{kind}/{n}/"))
        .ok_or_else(|| anyhow::anyhow!("no page under {kind}/"))
}

/// Console errors but the failed loads of `allowed` paths.
fn console_errors(browser: &Browser, allowed: &[&str]) -> Result<Vec<String>> {
    Ok(browser
        .severe_console_entries()?
        .into_iter()
        .map(|e| e.message)
        .filter(|m| !allowed.iter().any(|a| m.contains(a)))
        .collect())
}

#[test]
fn pages_fit_a_phone_and_name_every_form_link_and_landmark() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    common::fixed_build_date();
    let site = common::seeds_site();
    let r = build(&Site::new(site.path()), &BuildOptions::default())?;
    ensure!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    let public = site.path().join("public");
    let server = serve_dir(&public);
    browser.narrow(390)?;
    guard_pages(&browser)?;
    let pages = [
        String::new(),
        first_page(&public, "documents", |n| n.ends_with("-hant"))?,
        first_page(&public, "documents", |n| n.starts_with("guobanfa"))?,
        "plans/keji-yanfa-chuangxin-2024-2025/".into(),
        "departments/sheng-caizhengting/".into(),
        "indicators/gaoxinjishu-qiye/".into(),
        first_page(&public, "compare", |_| true)?,
        "matrix/".into(),
        "deadlines/".into(),
        "review/".into(),
        "documents/".into(),
        "plans/".into(),
        "departments/".into(),
        "indicators/".into(),
        "cited/".into(),
        "404.html".into(),
    ];
    let mut problems = Vec::new();
    for page in &pages {
        browser.goto(&format!("{}{page}", server.url()))?;
        for p in audit_page(&browser)? {
            problems.push(format!("/{page}: {p}"));
        }
        let guard = guard_state(&browser)?;
        ensure!(
            guard.violations.is_empty(),
            "/{page}: CSP violations {:?}",
            guard.violations
        );
    }
    // The search page, with its results shown, under the CSP.
    let word = "高新技术企业";
    browser.goto(&format!("{}search/?q={word}", server.url()))?;
    let found = wait_for_search(&browser, word, 0)?;
    ensure!(found.status.starts_with("找到 "), "{found:?}");
    ensure!(!found.links.is_empty(), "{found:?}");
    let more = search_for(&browser, "省财政厅")?;
    ensure!(!more.links.is_empty(), "{more:?}");
    for p in audit_page(&browser)? {
        problems.push(format!("/search/?q=省财政厅: {p}"));
    }
    let guard = guard_state(&browser)?;
    ensure!(
        guard.violations.is_empty(),
        "search: CSP violations {:?}",
        guard.violations
    );
    ensure!(problems.is_empty(), "{problems:#?}");
    let errors = console_errors(&browser, &[])?;
    ensure!(errors.is_empty(), "console errors: {errors:#?}");
    ensure!(
        server.failed_requests().is_empty(),
        "failed requests: {:?}",
        server.failed_requests()
    );
    browser.quit()
}

#[test]
fn hostile_sources_run_no_script_in_any_page() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    common::fixed_build_date();
    let site = tempfile::tempdir()?;
    hostile_site::build(site.path());
    let public = site.path().join("public");
    let server = serve_dir(&public);
    guard_pages(&browser)?;
    let mut pages = vec![
        String::new(),
        "documents/hand/".into(),
        "plans/hand-plan/".into(),
        first_page(&public, "documents", |n| n != "hand")?,
        first_page(&public, "plans", |n| n != "hand-plan")?,
        first_page(&public, "departments", |n| n.contains("script"))?,
        "matrix/".into(),
        "deadlines/".into(),
        "review/".into(),
        "documents/".into(),
        "departments/".into(),
        "indicators/".into(),
        "404.html".into(),
    ];
    pages.push(first_page(&public, "indicators", |_| true)?);
    let mut seen = Vec::new();
    for page in &pages {
        browser.goto(&format!("{}{page}", server.url()))?;
        seen.push((page.clone(), guard_state(&browser)?));
    }
    // Search: the hostile texts are found and shown as text.
    browser.goto(&format!("{}search/", server.url()))?;
    let found = search_for(&browser, hostile_site::SEARCH_WORD)?;
    ensure!(!found.links.is_empty(), "{found:?}");
    let found = search_for(&browser, "推进平台建设")?;
    ensure!(
        found
            .titles
            .iter()
            .any(|t| t.contains(hostile_site::PLAN_TITLE)),
        "the plan's title is not shown as text: {found:?}"
    );
    seen.push(("search/".into(), guard_state(&browser)?));
    for (page, guard) in &seen {
        ensure!(
            guard.pwned.is_none() && guard.title != "pwned" && guard.dialogs == 0,
            "a script ran on /{page}: {guard:?}"
        );
        ensure!(
            guard.violations.is_empty(),
            "/{page}: the CSP refused {:?}",
            guard.violations
        );
    }
    // The one failed load: the image the hand-written body names (`x`),
    // kept without its handler.
    let errors = console_errors(&browser, &["/documents/hand/x "])?;
    ensure!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit()
}
