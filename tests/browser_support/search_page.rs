//! Helpers for gazette's search page (`search/index.html` with
//! `assets/search.js`): type a query or pick a facet, wait for the results.

use std::time::Duration;

use anyhow::Result;
use serde_json::json;

use super::Browser;

/// The result of one search on a gazette search page.
#[derive(Debug, Clone)]
pub struct SearchOutcome {
    pub status: String,
    /// Absolute URLs of the result links, in order.
    pub links: Vec<String>,
    pub titles: Vec<String>,
}

/// The number of the latest search the page has begun (0 before any).
pub fn searches_started(browser: &Browser) -> Result<u64> {
    let value = browser.execute(
        r#"return Number(document.getElementById("search-app").dataset.started || 0);"#,
        vec![],
    )?;
    Ok(value.as_u64().unwrap_or(0))
}

/// Types `term` into `#search-input` (replacing its text) and waits until
/// the search page has shown the results for it.
pub fn search_for(browser: &Browser, term: &str) -> Result<SearchOutcome> {
    let before = searches_started(browser)?;
    let input = browser.find("#search-input")?;
    input.clear()?;
    input.send_keys(term)?;
    wait_for_search(browser, term, before)
}

/// Waits until the page has finished a search begun after search number
/// `after`, for `term` (as kept in `?q=`), with no later one pending, and
/// returns what it shows.
pub fn wait_for_search(browser: &Browser, term: &str, after: u64) -> Result<SearchOutcome> {
    let script = r##"
        const app = document.getElementById("search-app");
        const started = Number(app.dataset.started || 0), done = Number(app.dataset.done || 0);
        const q = new URL(location.href).searchParams.get("q") || "";
        if (started <= arguments[1] || done !== started || q !== arguments[0]) return null;
        const links = [...document.querySelectorAll("#search-results li > a")];
        return {
            status: document.getElementById("search-status").textContent,
            links: links.map(a => a.href),
            titles: links.map(a => a.textContent),
        };
    "##;
    let found = browser.wait_until(
        Duration::from_secs(15),
        &format!("results for {term:?}"),
        |b| {
            let value = b.execute(script, vec![json!(term), json!(after)])?;
            Ok((!value.is_null()).then_some(value))
        },
    )?;
    let strings = |key: &str| -> Vec<String> {
        found[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(String::from))
            .collect()
    };
    Ok(SearchOutcome {
        status: found["status"].as_str().unwrap_or_default().to_string(),
        links: strings("links"),
        titles: strings("titles"),
    })
}
