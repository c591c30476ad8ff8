//! Support for end-to-end tests in a real browser: a static file server for
//! a built site (`serve_dir`) and headless Chromium driven over WebDriver
//! through chromedriver (`Browser::start`).
//!
//! Needs Debian's `chromium` and `chromium-driver` packages
//! (`/usr/bin/chromium`, `/usr/bin/chromedriver`). Without them
//! `Browser::start` panics with the command to install them, unless
//! `GAZETTE_SKIP_BROWSER=1` is set: then it prints a loud skip line and
//! returns `None`, and the test returns early.
//!
//! Include it from a test file with `mod browser_support;`.

#![allow(dead_code)]

use std::io::Write;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};

mod audit;
mod search_page;
mod server;

#[allow(unused_imports)]
pub use audit::{Guard, audit_page, guard_pages, guard_state};
#[allow(unused_imports)]
pub use search_page::{SearchOutcome, search_for, searches_started, wait_for_search};
#[allow(unused_imports)]
pub use server::{StaticServer, serve_dir};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C WebDriver key under which an element reference travels.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One entry of the browser's console log.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub level: String,
    pub message: String,
}

/// Headless Chromium in a fresh profile, driven through its own
/// chromedriver process. Quits and stops chromedriver when dropped.
pub struct Browser {
    driver: Child,
    endpoint: String,
    session: String,
    agent: ureq::Agent,
    log: Mutex<Vec<LogEntry>>,
    _profile: tempfile::TempDir,
    quit: bool,
}

/// A reference to an element of the current page.
pub struct Element<'a> {
    browser: &'a Browser,
    id: String,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session. Panics when
    /// either cannot start; returns `None` only when the binaries are
    /// missing and `GAZETTE_SKIP_BROWSER=1` asks to skip.
    pub fn start() -> Option<Browser> {
        let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
            .into_iter()
            .filter(|p| !Path::new(p).exists())
            .collect();
        if !missing.is_empty() {
            if std::env::var("GAZETTE_SKIP_BROWSER").as_deref() == Ok("1") {
                // Straight to stderr, past the test harness's capture.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n!!!!!!!! SKIPPED browser test: {} missing (GAZETTE_SKIP_BROWSER=1) !!!!!!!!\n",
                    missing.join(", ")
                );
                return None;
            }
            panic!(
                "browser test needs {}: install them with \
                 `apt-get update && apt-get install -y chromium chromium-driver`, \
                 or set GAZETTE_SKIP_BROWSER=1 to skip",
                missing.join(" and ")
            );
        }
        Some(Self::launch().expect("start headless Chromium through chromedriver"))
    }

    fn launch() -> Result<Browser> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("spawn chromedriver")?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let profile = tempfile::tempdir()?;
        let mut browser = Browser {
            driver,
            endpoint: format!("http://127.0.0.1:{port}"),
            session: String::new(),
            agent,
            log: Mutex::new(Vec::new()),
            _profile: profile,
            quit: false,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser
            .call("GET", "/status", None)
            .map(|v| v["ready"] == true)
            .ok()
            != Some(true)
        {
            if Instant::now() > deadline {
                bail!("chromedriver did not become ready on port {port}");
            }
            thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .map(String::from)
        .into_iter()
        .chain([format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        )])
        .collect::<Vec<_>>();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let created = browser.call("POST", "/session", Some(capabilities))?;
        browser.session = created["sessionId"]
            .as_str()
            .ok_or_else(|| anyhow!("no session id in {created}"))?
            .to_string();
        Ok(browser)
    }

    /// One WebDriver command; returns its `value`, or the WebDriver error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{path}", self.endpoint);
        let mut response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        }
        .with_context(|| format!("WebDriver {method} {path}"))?;
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string()?;
        let reply: Value = serde_json::from_str(&text)
            .with_context(|| format!("WebDriver {method} {path} answered {status}: {text}"))?;
        if status >= 400 {
            let value = &reply["value"];
            bail!(
                "WebDriver {method} {path}: {} — {}",
                value["error"],
                value["message"]
            );
        }
        Ok(reply["value"].clone())
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Loads `url` and waits for the page to load.
    pub fn goto(&self, url: &str) -> Result<()> {
        self.session_call("POST", "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    pub fn current_url(&self) -> Result<String> {
        Ok(self
            .session_call("GET", "/url", None)?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// The first element matching the CSS selector, or an error.
    pub fn find(&self, css: &str) -> Result<Element<'_>> {
        let found = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        )?;
        Ok(self.element(&found))
    }

    /// Every element matching the CSS selector.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element<'_>>> {
        let found = self.session_call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| self.element(v))
            .collect())
    }

    fn element(&self, reference: &Value) -> Element<'_> {
        Element {
            browser: self,
            id: reference[ELEMENT_KEY]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the
    /// page and returns what it returns.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// One Chrome DevTools Protocol command (through chromedriver).
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.session_call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    /// Shows the pages in a viewport `width` CSS pixels wide (a phone's),
    /// until the session ends. Not as a mobile browser, which would zoom
    /// out to show a page that is too wide whole: `innerWidth` stays
    /// `width`, and a page too wide scrolls sideways.
    pub fn narrow(&self, width: u32) -> Result<()> {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": false}),
        )
        .map(drop)
    }

    /// Runs `script` asynchronously: it ends by calling the function
    /// passed as its last argument with what it returns.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.session_call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": args})),
        )
    }

    /// Polls `check` every 100 ms until it gives `Some`, or fails after
    /// `timeout` with `what` and the last error seen.
    pub fn wait_until<T>(
        &self,
        timeout: Duration,
        what: &str,
        mut check: impl FnMut(&Browser) -> Result<Option<T>>,
    ) -> Result<T> {
        let deadline = Instant::now() + timeout;
        let mut last_error = None;
        loop {
            match check(self) {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => {}
                Err(error) => last_error = Some(error),
            }
            if Instant::now() > deadline {
                bail!(
                    "timed out after {timeout:?} waiting for {what} (last error: {last_error:?})"
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until an element matches the CSS selector.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element<'_>> {
        self.wait_until(timeout, css, |b| Ok(b.find(css).ok().map(|e| e.id)))
            .map(|id| Element { browser: self, id })
    }

    /// The browser console log since the session started (chromedriver
    /// hands out each entry once; they are kept here).
    pub fn console_log(&self) -> Result<Vec<LogEntry>> {
        let body = Some(json!({"type": "browser"}));
        let fresh = self
            .session_call("POST", "/se/log", body.clone())
            .or_else(|_| self.session_call("POST", "/log", body))?;
        let mut log = self.log.lock().unwrap();
        log.extend(
            fresh
                .as_array()
                .into_iter()
                .flatten()
                .map(|entry| LogEntry {
                    level: entry["level"].as_str().unwrap_or_default().to_string(),
                    message: entry["message"].as_str().unwrap_or_default().to_string(),
                }),
        );
        Ok(log.clone())
    }

    /// The console entries at level SEVERE (errors, failed loads).
    pub fn severe_console_entries(&self) -> Result<Vec<LogEntry>> {
        Ok(self
            .console_log()?
            .into_iter()
            .filter(|e| e.level == "SEVERE")
            .collect())
    }

    /// Ends the session and stops chromedriver.
    pub fn quit(mut self) -> Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<()> {
        if self.quit {
            return Ok(());
        }
        self.quit = true;
        let ended = if self.session.is_empty() {
            Ok(Value::Null)
        } else {
            self.session_call("DELETE", "", None)
        };
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        ended.map(drop)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

impl Element<'_> {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.browser
            .session_call(method, &format!("/element/{}{path}", self.id), body)
    }

    pub fn click(&self) -> Result<()> {
        self.call("POST", "/click", None).map(drop)
    }

    /// Types `text` into the element, as keystrokes.
    pub fn send_keys(&self, text: &str) -> Result<()> {
        self.call("POST", "/value", Some(json!({ "text": text })))
            .map(drop)
    }

    pub fn clear(&self) -> Result<()> {
        self.call("POST", "/clear", None).map(drop)
    }

    /// The rendered text of the element.
    pub fn text(&self) -> Result<String> {
        Ok(self
            .call("GET", "/text", None)?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// The attribute as written in the markup, if present.
    pub fn attribute(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .call("GET", &format!("/attribute/{name}"), None)?
            .as_str()
            .map(String::from))
    }

    /// The DOM property (e.g. `href` resolved to an absolute URL).
    pub fn property(&self, name: &str) -> Result<Value> {
        self.call("GET", &format!("/property/{name}"), None)
    }

    /// The inner HTML of the element.
    pub fn html(&self) -> Result<String> {
        Ok(self
            .property("innerHTML")?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }
}
