//! End to end on the real seeds site: built with `gazette::build::build`,
//! served over HTTP under a sub-path, and used in headless Chromium as a
//! reader would — search from the home page's box, follow a result, search
//! again from a page's header, search a Traditional word.

mod browser_support;
mod common;

use std::path::Path;
use std::time::Duration;

use anyhow::{Result, ensure};
use browser_support::{Browser, SearchOutcome, search_for, serve_dir, wait_for_search};
use gazette::build::{BuildOptions, build};
use gazette::site::Site;

/// The site is served under this sub-path, as on a project page.
const SUB_PATH: &str = "gazette/";

/// Builds the seeds site and moves its output to `www/{SUB_PATH}`.
fn build_seeds(root: &Path, www: &Path) -> Result<()> {
    let r = build(&Site::new(root), &BuildOptions::default())?;
    ensure!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    std::fs::create_dir_all(www)?;
    std::fs::rename(
        root.join("public"),
        www.join(SUB_PATH.trim_end_matches('/')),
    )?;
    Ok(())
}

/// Waits until the browser shows `url`.
fn wait_for_url(browser: &Browser, what: &str, check: impl Fn(&str) -> bool) -> Result<String> {
    browser.wait_until(Duration::from_secs(15), what, |b| {
        let url = b.current_url()?;
        Ok(check(&url).then_some(url))
    })
}

/// The browser console's errors, each named with the step after which it
/// was seen. They are asserted at the end, so that one does not hide the
/// steps after it.
#[derive(Default)]
struct ConsoleErrors {
    found: Vec<String>,
    seen: usize,
}

impl ConsoleErrors {
    fn after(&mut self, browser: &Browser, step: &str) -> Result<()> {
        let severe = browser.severe_console_entries()?;
        for e in &severe[self.seen..] {
            self.found.push(format!("{step}: {}", e.message));
        }
        self.seen = severe.len();
        Ok(())
    }
}

/// Submits `term` with the search form of the page shown (the home page's
/// big box or the header's), then waits for the search page's results.
fn submit_search(browser: &Browser, input: &str, term: &str) -> Result<SearchOutcome> {
    let field = browser.find(input)?;
    field.clear()?;
    field.send_keys(term)?;
    // Enter submits the form, as a reader does.
    field.send_keys("\u{E007}")?;
    wait_for_url(browser, "the search page", |u| u.contains("/search/?q="))?;
    wait_for_search(browser, term, 0)
}

#[test]
fn readers_search_the_real_site_and_follow_results() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    let site = common::seeds_site();
    let www = site.path().join("www");
    build_seeds(site.path(), &www)?;
    let public = www.join(SUB_PATH);
    let server = serve_dir(&www);
    let home = format!("{}{SUB_PATH}", server.url());

    browser.goto(&home)?;
    ensure!(browser.find("h1")?.text()? == "政策文件库");
    let mut console = ConsoleErrors::default();
    console.after(&browser, "loading the home page")?;

    // The home page's search box leads to results; a plan page among them.
    let word = "高新技术企业";
    let found = submit_search(&browser, "main form[role=search] input[name=q]", word)?;
    ensure!(found.status.starts_with("找到 "), "{found:?}");
    let plans = format!("{home}plans/");
    let plan = found
        .links
        .iter()
        .find(|l| l.starts_with(&plans))
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no plan page among the results: {found:?}"))?;
    console.after(&browser, "searching from the home page")?;
    let results = browser.find_all("#search-results li > a")?;
    let mut clicked = false;
    for a in &results {
        if a.property("href")?.as_str() == Some(plan.as_str()) {
            a.click()?;
            clicked = true;
            break;
        }
    }
    ensure!(clicked, "the result link {plan} is not on the page");
    wait_for_url(&browser, &plan, |u| u == plan)?;
    let main = browser.find("main")?.text()?;
    ensure!(main.contains(word), "{plan} does not say {word}");
    ensure!(!browser.find("h1")?.text()?.is_empty());
    console.after(&browser, "opening a plan page from the results")?;

    // The header's search box of any page works too.
    let dept = "省财政厅";
    let found = submit_search(&browser, "header form[role=search] input[name=q]", dept)?;
    let dept_page = format!("{home}departments/sheng-caizhengting/");
    // The department itself is a direct hit by name, listed above the full-text results.
    let direct: Vec<String> = browser
        .find_all("#search-names a")?
        .iter()
        .map(|a| Ok(a.property("href")?.as_str().unwrap_or_default().to_string()))
        .collect::<Result<_>>()?;
    ensure!(
        direct.first() == Some(&dept_page),
        "the department's page is not the first direct hit for {dept}: {direct:?}"
    );
    let other_plans: Vec<&String> = found
        .links
        .iter()
        .filter(|l| l.starts_with(&plans))
        .collect();
    ensure!(
        !other_plans.is_empty(),
        "no plan mentions {dept}: {found:?}"
    );
    for link in other_plans.iter().take(3) {
        let rel = link.trim_start_matches(&home);
        let html = std::fs::read_to_string(public.join(rel).join("index.html"))?;
        ensure!(html.contains(dept), "{link} does not mention {dept}");
    }

    // A Traditional word finds the Traditional document.
    let hant = std::fs::read_dir(public.join("documents"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with("-hant"))
        .ok_or_else(|| anyhow::anyhow!("no Traditional document"))?;
    let traditional = "數字經濟";
    let simplified_twin = hant.trim_end_matches("-hant");
    let page =
        |id: &str| std::fs::read_to_string(public.join(format!("documents/{id}/index.html")));
    ensure!(page(&hant)?.contains(traditional));
    // The Simplified twin writes it otherwise.
    ensure!(page(simplified_twin)?.contains("数字经济"));
    let found = search_for(&browser, traditional)?;
    let hant_url = format!("{home}documents/{hant}/");
    ensure!(
        found.links.contains(&hant_url),
        "{hant_url} not found: {found:?}"
    );
    console.after(&browser, "searching a Traditional word")?;

    let requests = server.requests();
    ensure!(
        requests.iter().any(|(_, p)| p.contains("/pagefind/")),
        "the search index was not loaded: {requests:?}"
    );
    let failed = server.failed_requests();
    ensure!(
        failed.is_empty() && console.found.is_empty(),
        "failed requests: {failed:?}; console errors: {:#?}",
        console.found
    );
    browser.quit()
}
