//! Live reload in a real browser: a page open in headless Chromium, served
//! by `gazette serve`, reloads by itself after its content file is edited,
//! shows the error overlay when a template breaks (keeping the last good
//! page) and drops it when the template is fixed.

mod browser_support;
mod common;
mod serve_support;

use anyhow::Result;
use browser_support::Browser;
use serde_json::Value;
use serve_support::{Serve, save};
use std::time::Duration;

const TITLE: &str = "国务院关于进一步规范和监督罚款设定与实施的指导意见";

fn heading(b: &Browser) -> Result<String> {
    Ok(
        b.execute("return document.querySelector('h1').textContent", vec![])?
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[test]
fn an_open_page_reloads_itself_and_shows_build_errors() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    let dir = common::seeds_site();
    let root = dir.path();
    let serve = Serve::start(root, &[]);
    serve.wait_settled();
    browser.goto(&format!("http://{}/documents/guofa-2024-5/", serve.addr))?;
    browser.wait_until(Duration::from_secs(15), "the page", |b| {
        Ok(heading(b)?.contains(TITLE).then_some(()))
    })?;
    // A mark that only survives as long as the page is not reloaded.
    browser.execute("window.__notReloaded = true", vec![])?;
    // Let the live script's first poll arrive before the edit.
    std::thread::sleep(Duration::from_millis(500));

    let index = root.join("content/guofa-2024-5/index.md");
    let text = std::fs::read_to_string(&index)?;
    save(&index, &text.replacen(TITLE, "自动刷新后的新标题", 1));
    browser.wait_until(
        Duration::from_secs(30),
        "the page to reload with the edit",
        |b| {
            let reloaded = b.execute("return window.__notReloaded === undefined", vec![])?;
            Ok(
                (reloaded == Value::Bool(true) && heading(b)?.contains("自动刷新后的新标题"))
                    .then_some(()),
            )
        },
    )?;

    // The rest of the site follows the page served ahead: the page, the
    // same bytes, is not reloaded again.
    browser.execute("window.__notReloaded = true", vec![])?;
    serve.wait_settled();
    std::thread::sleep(Duration::from_millis(1000));
    assert_eq!(
        browser.execute("return window.__notReloaded === true", vec![])?,
        Value::Bool(true),
        "the page served ahead is not reloaded when the rest comes"
    );

    // A broken template: the overlay names the file, the page stays.
    browser.execute("window.__notReloaded = true", vec![])?;
    let base = std::fs::read_to_string(common::repo().join("theme/templates/base.html"))?;
    std::fs::create_dir_all(root.join("templates"))?;
    save(
        &root.join("templates/base.html"),
        &base.replacen("</footer>", "{% if %}</footer>", 1),
    );
    let overlay = browser.wait_until(Duration::from_secs(30), "the error overlay", |b| {
        let t = b.execute(
            "var o = document.getElementById('gazette-error-overlay'); return o ? o.textContent : null",
            vec![],
        )?;
        Ok(t.as_str().map(str::to_string))
    })?;
    assert!(overlay.contains("templates/base.html:"), "{overlay}");
    assert!(
        heading(&browser)?.contains("自动刷新后的新标题"),
        "the last good page stays"
    );
    let not_reloaded = browser.execute("return window.__notReloaded === true", vec![])?;
    assert_eq!(
        not_reloaded,
        Value::Bool(true),
        "a failed build does not reload"
    );

    // Fixed, with a new footer: the page reloads and the overlay is gone.
    save(
        &root.join("templates/base.html"),
        &base.replacen("</footer>", "<p>页脚已修好</p></footer>", 1),
    );
    browser.wait_until(Duration::from_secs(30), "the reload after the fix", |b| {
        let state = b.execute(
            "return window.__notReloaded === undefined && !document.getElementById('gazette-error-overlay')",
            vec![],
        )?;
        Ok((state == Value::Bool(true)).then_some(()))
    })?;
    assert!(
        browser.execute(
            "return document.body.textContent.includes('页脚已修好')",
            vec![]
        )? == Value::Bool(true)
    );

    // A change that leaves this page as it is (another kind of page's
    // template) does not reload it.
    browser.execute("window.__notReloaded = true", vec![])?;
    let version = serve.state()["version"].as_u64().unwrap();
    let depts = std::fs::read_to_string(common::repo().join("theme/templates/departments.html"))?;
    save(
        &root.join("templates/departments.html"),
        &depts.replacen("{% block main %}", "{% block main %}<p>部门说明</p>", 1),
    );
    serve.wait_for("/departments/", "the changed list", |r| {
        r.text().contains("部门说明")
    });
    assert!(serve.state()["version"].as_u64().unwrap() > version);
    std::thread::sleep(Duration::from_millis(1500));
    let not_reloaded = browser.execute("return window.__notReloaded === true", vec![])?;
    assert_eq!(
        not_reloaded,
        Value::Bool(true),
        "a page whose file did not change is not reloaded"
    );
    let severe = browser.severe_console_entries()?;
    assert!(severe.is_empty(), "console errors: {severe:?}");
    browser.quit()
}
