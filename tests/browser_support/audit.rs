//! Checks of a loaded page that outside checkers (axe, Lighthouse, the Nu
//! HTML checker) make, done in the page itself: that it does not scroll
//! sideways, that every form and form control is labelled, that every
//! link has a name that contains its visible text (WCAG's label in name),
//! that nothing interactive is nested in a link or an image, that
//! landmarks of one role have unique labels, that the page has a
//! description and a Content-Security-Policy.
//!
//! And a guard, installed before any script of each page runs: it counts
//! dialogs (`alert`, `confirm`, `prompt` do nothing but count) and keeps
//! every `securitypolicyviolation` event, so that a test can tell whether
//! a script ran or the CSP refused something.

use anyhow::{Result, anyhow};
use serde_json::{Value, json};

use super::Browser;

/// What the guard saw on the page shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Guard {
    /// `window.__pwned`, which the hostile payloads set, if set.
    pub pwned: Option<String>,
    pub title: String,
    pub dialogs: u64,
    /// The CSP violations reported: directive, blocked URI, source.
    pub violations: Vec<String>,
}

const GUARD: &str = r#"
window.__dialogs = 0;
window.__violations = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function () { window.__dialogs += 1; };
}
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
}, true);
"#;

/// Installs the guard in every page the session loads from now on.
pub fn guard_pages(browser: &Browser) -> Result<()> {
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": GUARD }),
        )
        .map(drop)
}

/// What the guard saw on the page shown.
pub fn guard_state(browser: &Browser) -> Result<Guard> {
    let v = browser.execute(
        r#"return {
            pwned: window.__pwned === undefined ? null : String(window.__pwned),
            title: document.title,
            dialogs: window.__dialogs,
            violations: window.__violations,
        };"#,
        vec![],
    )?;
    if v["dialogs"].is_null() {
        return Err(anyhow!(
            "the guard is not installed on {}",
            browser.current_url()?
        ));
    }
    Ok(Guard {
        pwned: v["pwned"].as_str().map(String::from),
        title: v["title"].as_str().unwrap_or_default().to_string(),
        dialogs: v["dialogs"].as_u64().unwrap_or(0),
        violations: v["violations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| x.as_str().unwrap_or_default().to_string())
            .collect(),
    })
}

const AUDIT: &str = r#"
const problems = [];
const norm = (s) => (s || "").replace(/\s+/g, " ").trim().toLowerCase();
const short = (el) => el.outerHTML.slice(0, 160);
const byId = (id) => { const e = document.getElementById(id); return e ? e.textContent : ""; };
// The accessible name given explicitly (aria-labelledby, aria-label), or null.
const explicitName = (el) => {
  const by = el.getAttribute("aria-labelledby");
  if (by) return by.split(/\s+/).map(byId).join(" ");
  const label = el.getAttribute("aria-label");
  return label === null ? null : label;
};
const shown = (el) => !el.closest("[hidden]") && getComputedStyle(el).display !== "none";

// Sideways scrolling.
const root = document.scrollingElement;
if (root.scrollWidth > window.innerWidth) {
  const wide = [...document.querySelectorAll("body *")].filter((el) => {
    const r = el.getBoundingClientRect();
    const parent = el.parentElement.getBoundingClientRect();
    return r.right > window.innerWidth + 1 && parent.right <= window.innerWidth + 1;
  }).slice(0, 5).map((el) => `${short(el)} (right ${Math.round(el.getBoundingClientRect().right)})`);
  problems.push(`scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}; widest: ${wide.join(" | ")}`);
}

// Forms and their controls.
for (const form of document.querySelectorAll("form")) {
  if (!norm(explicitName(form))) problems.push(`form without a label: ${short(form)}`);
  const action = form.getAttribute("action");
  if (action !== null && !action.trim()) problems.push(`form with an empty action: ${short(form)}`);
}
for (const c of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
  const labelled = norm(explicitName(c)) || [...(c.labels || [])].some((l) => norm(l.textContent))
    || (c.localName === "button" && norm(c.textContent));
  if (!labelled) problems.push(`control without a label: ${short(c)}`);
}

// Links: a name, and the visible text within it (label in name); a
// visible text without letters or digits (#, →) needs none.
for (const a of document.querySelectorAll("a[href]")) {
  const svg = a instanceof SVGElement;
  const visible = svg ? "" : norm(a.innerText);
  const given = explicitName(a);
  const content = norm(a.textContent)
    || norm([...a.querySelectorAll("img[alt]")].map((i) => i.alt).join(" "));
  if (given !== null) {
    if (!norm(given)) problems.push(`link with an empty label: ${short(a)}`);
    else if (/[\p{L}\p{N}]/u.test(visible) && !norm(given).includes(visible))
      problems.push(`link label "${given}" does not contain its visible text "${visible}": ${short(a)}`);
  } else if (!content && !norm(a.getAttribute("title"))) {
    problems.push(`link without a name: ${short(a)}`);
  }
}

// Nothing interactive inside a link, a button or an image.
for (const outer of document.querySelectorAll("a[href], button, [role=img], [role=button]")) {
  const inner = outer.querySelector("a[href], button, input, select, textarea, [tabindex]");
  if (inner) problems.push(`interactive ${inner.localName} inside ${short(outer)}`);
}

// Landmarks: of one role, each labelled, with labels unique.
const sectioning = "article, aside, main, nav, section";
const roleOf = (el) => {
  const r = el.getAttribute("role");
  if (r) return r;
  switch (el.localName) {
    case "nav": return "navigation";
    case "main": return "main";
    case "aside": return "complementary";
    case "header": return el.parentElement.closest(sectioning) ? null : "banner";
    case "footer": return el.parentElement.closest(sectioning) ? null : "contentinfo";
    case "section": return norm(explicitName(el)) ? "region" : null;
    case "form": return norm(explicitName(el)) ? "form" : null;
  }
  return null;
};
const LANDMARKS = ["banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"];
const byRole = {};
for (const el of document.querySelectorAll("header, footer, nav, main, aside, section, form, [role]")) {
  const role = roleOf(el);
  if (LANDMARKS.includes(role) && shown(el)) (byRole[role] = byRole[role] || []).push(el);
}
for (const [role, els] of Object.entries(byRole)) {
  if (els.length < 2) continue;
  const names = els.map((e) => norm(explicitName(e)));
  names.forEach((n, i) => {
    if (!n) problems.push(`${els.length} ${role} landmarks, one without a label: ${short(els[i])}`);
    else if (names.indexOf(n) !== i) problems.push(`two ${role} landmarks labelled "${n}"`);
  });
}

// What the head says.
const description = document.querySelectorAll('meta[name="description"]');
if (description.length !== 1 || !norm(description[0].content))
  problems.push(`${description.length} description(s), or an empty one`);
else if ([...description[0].content].length > 160)
  problems.push(`description longer than 160 characters: ${description[0].content}`);
if (!document.querySelector('meta[http-equiv="Content-Security-Policy"]'))
  problems.push("no Content-Security-Policy");
return problems;
"#;

/// The problems the audit finds on the page shown (see the module notes).
pub fn audit_page(browser: &Browser) -> Result<Vec<String>> {
    let v: Value = browser.execute(AUDIT, vec![])?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_str().unwrap_or_default().to_string())
        .collect())
}
