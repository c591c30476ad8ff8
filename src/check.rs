//! `gazette check`: verifies a built output folder (`public/`) without
//! rebuilding it. Input: the folder on disk. Output: a [`CheckReport`]
//! with counts and diagnostics, sorted by path, line and column.
//!
//! Checks, in order: every HTML page parses without html5ever errors
//! (default options; positions are found as described in `locate`);
//! every internal `href`/`src`/`action` names a file of the output and,
//! when it carries a `#fragment` into an HTML page, an `id` (or
//! `<a name>`) of that page; every `<loc>` of `sitemap.xml` is a page; and
//! every entity of `data/site.json` (documents, plans, departments,
//! indicators, tasks, targets) has its page, and its anchor for tasks and
//! targets.
//!
//! Links are resolved as a static server would: relative to the page's
//! folder (`plans/x/index.html` is served as `plans/x/`), query dropped,
//! fragment and path percent-decoded, a path ending in `/` naming the
//! `index.html` inside. A link starting with `/` is taken relative to the
//! output root: the check knows no base path, so a site meant to be served
//! under a sub-path should keep its links relative (as `gazette build`
//! does). `<base href>` is not honoured. Links with a scheme (`https:`,
//! `mailto:`, `data:`, …) or starting with `//` are external and skipped.
//! An empty fragment and `#top` always resolve, as in browsers. A link to
//! a folder without its final `/` is a warning (it works only where the
//! server redirects). Not followed: `srcset`, CSS `url()`, JavaScript
//! imports, links inside XML feeds.

mod locate;
mod resolve;

use crate::diag::{Diagnostic, Diagnostics, line_col};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use resolve::{Resolved, percent_decode, resolve};
use scraper::Html;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// What to leave out of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Path prefixes under the output folder (no leading slash, e.g.
    /// `pagefind/`) whose HTML pages are not parsed nor their links
    /// followed. Files there still count as link targets.
    pub skip: Vec<String>,
}

/// The outcome of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// HTML pages parsed.
    pub pages: usize,
    /// Internal links followed (including same-page `#fragment` links).
    pub links: usize,
    /// Fragments looked up among a page's ids.
    pub anchors_checked: usize,
    /// Every problem found, sorted by path, line and column.
    pub diagnostics: Diagnostics,
    /// Entities of `data/site.json` whose page was looked up.
    pub entities: usize,
    /// `<loc>` entries of `sitemap.xml` looked up.
    pub sitemap_entries: usize,
}

/// Checks the output folder `public` with default options.
pub fn check_output(public: &Path) -> Result<CheckReport> {
    check_output_with(public, &CheckOptions::default())
}

/// An internal link as found in a page.
struct Link {
    value: String,
    line: usize,
    col: usize,
}

/// What one page yields: its ids, its links, its parse errors (with the
/// text, kept only then, to locate them), or the reason it was unreadable.
struct PageScan {
    rel: String,
    ids: HashSet<String>,
    links: Vec<Link>,
    errors: Vec<String>,
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

/// Parse errors are located in at most this many pages (the first with
/// errors, in path order): each costs a few dozen re-parses, and a broken
/// template repeats the same errors on every page.
const LOCATE_PAGES: usize = 16;

/// Everything the link checks need to know about the output.
struct Output {
    /// Prefix for diagnostic paths: the output folder's name and `/`.
    shown: String,
    files: BTreeSet<String>,
    dirs: BTreeSet<String>,
    ids: HashMap<String, HashSet<String>>,
}

/// A link target, found or not.
enum Lookup {
    Found,
    /// The path is a folder with an `index.html`, named without the final `/`.
    Folder,
    Missing,
    Outside,
}

impl Output {
    fn shown(&self, rel: &str) -> String {
        format!("{}{rel}", self.shown)
    }

    fn lookup(&self, path: &str, outside: bool) -> Lookup {
        if outside {
            Lookup::Outside
        } else if self.files.contains(path) {
            Lookup::Found
        } else if self.dirs.contains(path) && self.files.contains(&format!("{path}/index.html")) {
            Lookup::Folder
        } else {
            Lookup::Missing
        }
    }

    /// Whether `fragment` names an element of page `rel`; `None` when the
    /// page's ids are unknown (not HTML, or skipped).
    fn has_anchor(&self, rel: &str, fragment: &str) -> Option<bool> {
        let ids = self.ids.get(rel)?;
        let decoded = percent_decode(fragment);
        Some(
            ids.contains(fragment) || ids.contains(&decoded) || decoded.eq_ignore_ascii_case("top"),
        )
    }
}

/// Checks the output folder `public`.
pub fn check_output_with(public: &Path, options: &CheckOptions) -> Result<CheckReport> {
    if !public.is_dir() {
        bail!("{} is not a folder", public.display());
    }
    let mut files = BTreeSet::new();
    let mut dirs = BTreeSet::new();
    walk(public, "", &mut files, &mut dirs)?;
    let shown = public
        .file_name()
        .map(|n| n.to_owned())
        .or_else(|| {
            public
                .canonicalize()
                .ok()?
                .file_name()
                .map(|n| n.to_owned())
        })
        .map(|n| format!("{}/", n.to_string_lossy()))
        .unwrap_or_default();

    let pages: Vec<String> = files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".htm"))
        .filter(|f| !options.skip.iter().any(|s| f.starts_with(s.as_str())))
        .cloned()
        .collect();
    let mut scans: Vec<PageScan> = pages
        .par_iter()
        .map(|rel| scan_page(public, rel, &shown))
        .collect();
    let mut report = CheckReport {
        pages: scans.len(),
        ..CheckReport::default()
    };
    report_parse_errors(&mut scans, &shown, &mut report.diagnostics);

    let mut out = Output {
        shown,
        files,
        dirs,
        ids: HashMap::new(),
    };
    let mut page_links = Vec::with_capacity(scans.len());
    for scan in scans {
        report.diagnostics.extend(scan.diagnostics);
        out.ids.insert(scan.rel.clone(), scan.ids);
        page_links.push((scan.rel, scan.links));
    }
    for (rel, links) in &page_links {
        check_links(&out, rel, links, &mut report);
    }
    check_sitemap(public, &out, &mut report)?;
    check_site_json(public, &out, &mut report)?;
    report.diagnostics.0.sort();
    Ok(report)
}

/// Collects every file and folder under `dir`, paths relative to it.
fn walk(
    dir: &Path,
    prefix: &str,
    files: &mut BTreeSet<String>,
    dirs: &mut BTreeSet<String>,
) -> Result<()> {
    let everything = crate::load::walk::Walk {
        everything: true,
        folders: true,
        ..crate::load::walk::Walk::TREE
    };
    let found = crate::load::walk::walk(dir, everything);
    if let Some(s) = found.skipped.first() {
        anyhow::bail!("reading {}: {}", s.path.display(), s.reason);
    }
    for e in found.entries {
        let rel = format!("{prefix}{}", e.rel);
        if e.is_dir {
            dirs.insert(rel);
        } else {
            files.insert(rel);
        }
    }
    Ok(())
}

/// Element names and the attribute that holds their link.
const LINK_ATTRS: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("form", "action"),
];

/// Reads and parses one page: its parse errors, ids and links.
fn scan_page(public: &Path, rel: &str, shown: &str) -> PageScan {
    let mut scan = PageScan {
        rel: rel.to_string(),
        ids: HashSet::new(),
        links: Vec::new(),
        errors: Vec::new(),
        text: None,
        diagnostics: Vec::new(),
    };
    let path = format!("{shown}{rel}");
    let bytes = match std::fs::read(public.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            scan.diagnostics
                .push(Diagnostic::error(path, 0, 0, format!("cannot read: {e}")));
            return scan;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, col) = line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            scan.diagnostics
                .push(Diagnostic::error(path, line, col, "page is not UTF-8"));
            return scan;
        }
    };
    let html = Html::parse_document(&text);
    scan.errors = html.errors.iter().map(|e| e.to_string()).collect();
    let mut finder = locate::AttrFinder::new(&text);
    for node in html.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if let Some(id) = el.attr("id") {
            scan.ids.insert(id.to_string());
        }
        if el.name() == "a"
            && let Some(name) = el.attr("name")
        {
            scan.ids.insert(name.to_string());
        }
        for &(tag, attr) in LINK_ATTRS {
            if el.name() == tag
                && let Some(value) = el.attr(attr)
            {
                let (line, col) = finder.find(value);
                scan.links.push(Link {
                    value: value.to_string(),
                    line,
                    col,
                });
            }
        }
    }
    if !scan.errors.is_empty() {
        scan.text = Some(text);
    }
    scan
}

/// Turns the pages' parse errors into diagnostics, located in the first
/// [`LOCATE_PAGES`] pages that have any.
fn report_parse_errors(scans: &mut [PageScan], shown: &str, diagnostics: &mut Diagnostics) {
    let mut with_errors: Vec<&mut PageScan> =
        scans.iter_mut().filter(|s| !s.errors.is_empty()).collect();
    let located: Vec<Vec<locate::Located>> = with_errors
        .par_iter()
        .take(LOCATE_PAGES)
        .map(|s| locate::locate_errors(s.text.as_deref().unwrap_or(""), &s.errors))
        .collect();
    for (i, scan) in with_errors.iter_mut().enumerate() {
        scan.text = None;
        let path = format!("{shown}{}", scan.rel);
        for (k, message) in scan.errors.iter().enumerate() {
            let (line, col, message) = match located.get(i).map(|l| &l[k]) {
                Some(at) if at.line == 0 => (
                    0,
                    0,
                    format!("HTML parse error: {message} (position not looked up)"),
                ),
                Some(at) if at.excerpt.is_empty() => {
                    (at.line, at.col, format!("HTML parse error: {message}"))
                }
                Some(at) => (
                    at.line,
                    at.col,
                    format!("HTML parse error: {message} at `{}`", at.excerpt),
                ),
                None => (
                    0,
                    0,
                    format!("HTML parse error: {message} (position not looked up)"),
                ),
            };
            diagnostics.error(&path, line, col, message);
        }
    }
}

/// Follows the links of page `rel`.
fn check_links(out: &Output, rel: &str, links: &[Link], report: &mut CheckReport) {
    let path = out.shown(rel);
    let dir = match rel.rfind('/') {
        Some(i) => &rel[..=i],
        None => "",
    };
    for link in links {
        let (target, fragment) = match resolve(dir, &link.value) {
            Resolved::External => continue,
            Resolved::SamePage { fragment } => {
                report.links += 1;
                (rel.to_string(), fragment)
            }
            Resolved::Path {
                path: target,
                outside,
                fragment,
            } => {
                report.links += 1;
                match out.lookup(&target, outside) {
                    Lookup::Found => (target, fragment),
                    Lookup::Folder => {
                        report.diagnostics.warn(
                            &path,
                            link.line,
                            link.col,
                            format!("link {} names a folder; end it with `/`", link.value),
                        );
                        (format!("{target}/index.html"), fragment)
                    }
                    Lookup::Missing => {
                        let m = format!("broken link {} (no such page)", link.value);
                        report.diagnostics.error(&path, link.line, link.col, m);
                        continue;
                    }
                    Lookup::Outside => {
                        let m = format!("broken link {} (leaves the site root)", link.value);
                        report.diagnostics.error(&path, link.line, link.col, m);
                        continue;
                    }
                }
            }
        };
        let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
            continue;
        };
        if let Some(found) = out.has_anchor(&target, &fragment) {
            report.anchors_checked += 1;
            if !found {
                let m = format!("missing anchor #{} in {target}", percent_decode(&fragment));
                report.diagnostics.error(&path, link.line, link.col, m);
            }
        }
    }
}

/// Checks `sitemap.xml`, and when it is a sitemap index, each sitemap
/// file it lists (that file must exist in the output; its `<loc>`s must
/// be pages).
fn check_sitemap(public: &Path, out: &Output, report: &mut CheckReport) -> Result<()> {
    let file = public.join("sitemap.xml");
    if !file.is_file() {
        return Ok(());
    }
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    if !text.contains("<sitemapindex") {
        return check_sitemap_file(public, "sitemap.xml", out, report);
    }
    let shown = out.shown("sitemap.xml");
    let re = regex::Regex::new(r"<loc>\s*([^<]*?)\s*</loc>").expect("valid regex");
    for c in re.captures_iter(&text) {
        let m = c.get(1).expect("group 1");
        let loc = xml_unescape(m.as_str());
        // A sitemap file of the index is at the root of the site.
        let name = loc.rsplit('/').next().unwrap_or_default().to_string();
        if name.is_empty() || name.contains("..") || !public.join(&name).is_file() {
            let (line, col) = line_col(&text, m.start());
            report.diagnostics.error(
                &shown,
                line,
                col,
                format!("sitemap index entry {loc} has no sitemap file"),
            );
            continue;
        }
        check_sitemap_file(public, &name, out, report)?;
    }
    Ok(())
}

/// Checks that every `<loc>` of a sitemap file is a page. The locs are
/// absolute URLs with the site's base, unknown here: their paths lose the
/// same number of leading segments, the number under which most of them
/// name a page (the smallest on a tie), so a base path like `/gazette/`
/// is found whatever it is.
fn check_sitemap_file(
    public: &Path,
    name: &str,
    out: &Output,
    report: &mut CheckReport,
) -> Result<()> {
    let file = public.join(name);
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let shown = out.shown(name);
    let re = regex::Regex::new(r"<loc>\s*([^<]*?)\s*</loc>").expect("valid regex");
    let locs: Vec<(usize, String)> = re
        .captures_iter(&text)
        .map(|c| {
            let m = c.get(1).expect("group 1");
            (m.start(), xml_unescape(m.as_str()))
        })
        .collect();
    report.sitemap_entries += locs.len();
    let paths: Vec<String> = locs.iter().map(|(_, l)| url_path(l)).collect();
    let most_segments = paths
        .iter()
        .map(|p| p.matches('/').count())
        .max()
        .unwrap_or(0);
    let resolves = |p: &str, k: usize| -> bool {
        let Some(stripped) = drop_segments(p, k) else {
            return false;
        };
        match resolve("", &stripped) {
            Resolved::Path { path, outside, .. } => {
                matches!(out.lookup(&path, outside), Lookup::Found)
            }
            _ => false,
        }
    };
    let best = (0..=most_segments)
        .map(|k| (paths.iter().filter(|p| resolves(p, k)).count(), k))
        .max_by_key(|&(n, k)| (n, std::cmp::Reverse(k)))
        .map(|(_, k)| k)
        .unwrap_or(0);
    for ((at, loc), p) in locs.iter().zip(&paths) {
        if !resolves(p, best) {
            let (line, col) = line_col(&text, *at);
            report.diagnostics.error(
                &shown,
                line,
                col,
                format!("sitemap entry {loc} has no page"),
            );
        }
    }
    Ok(())
}

/// The path of a URL, from its first `/` after the host; `/` if none.
fn url_path(url: &str) -> String {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            match rest.find('/') {
                Some(j) => rest[j..].to_string(),
                None => "/".to_string(),
            }
        }
        None if url.starts_with('/') => url.to_string(),
        None => format!("/{url}"),
    }
}

/// `/a/b/c/` without its first `k` segments: `/c/` for k = 2; `None`
/// when the path has fewer than `k` segments.
fn drop_segments(path: &str, k: usize) -> Option<String> {
    let mut rest = path.trim_start_matches('/');
    for _ in 0..k {
        match rest.find('/') {
            Some(i) => rest = &rest[i + 1..],
            None if !rest.is_empty() => rest = "",
            None => return None,
        }
    }
    Some(format!("/{rest}"))
}

fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The arrays of `site.json` whose objects have pages, with the singular
/// used in messages and whether their URL must carry an anchor.
const ENTITY_KINDS: &[(&str, &str, bool)] = &[
    ("documents", "document", false),
    ("plans", "plan", false),
    ("departments", "department", false),
    ("indicators", "indicator", false),
    ("tasks", "task", true),
    ("targets", "target", true),
];

/// Checks that every entity of `data/site.json` has its page (and anchor).
fn check_site_json(public: &Path, out: &Output, report: &mut CheckReport) -> Result<()> {
    let file = public.join("data/site.json");
    if !file.is_file() {
        return Ok(());
    }
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let shown = out.shown("data/site.json");
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            report
                .diagnostics
                .error(&shown, e.line(), e.column(), format!("invalid JSON: {e}"));
            return Ok(());
        }
    };
    let mut finder = locate::AttrFinder::new(&text);
    for &(key, kind, anchored) in ENTITY_KINDS {
        let Some(items) = value.get(key).and_then(|v| v.as_array()) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            report.entities += 1;
            let id = item
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{}", i + 1));
            let url = item.get("url").and_then(|v| v.as_str());
            // The entity's url in the source, else its id.
            let literal = serde_json::to_string(url.unwrap_or(&id)).expect("a string serializes");
            let (line, col) = finder.find(&literal[1..literal.len() - 1]);
            let Some(url) = url else {
                let m = format!("{kind} {id} has no url");
                report.diagnostics.error(&shown, line, col, m);
                continue;
            };
            let problem =
                entity_problem(out, kind, &id, url, anchored, &mut report.anchors_checked);
            if let Some(m) = problem {
                report.diagnostics.error(&shown, line, col, m);
            }
        }
    }
    Ok(())
}

/// What is wrong with the page of entity `id` at `url`, if anything.
fn entity_problem(
    out: &Output,
    kind: &str,
    id: &str,
    url: &str,
    anchored: bool,
    anchors_checked: &mut usize,
) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return Some(format!("{kind} {id}: url {url} is not site-root-absolute"));
    }
    let Resolved::Path {
        path,
        outside,
        fragment,
    } = resolve("", url)
    else {
        return Some(format!("{kind} {id}: url {url} names no page"));
    };
    let page = match out.lookup(&path, outside) {
        Lookup::Found => path,
        Lookup::Folder => format!("{path}/index.html"),
        Lookup::Missing | Lookup::Outside => {
            return Some(format!("{kind} {id}: no page for {url}"));
        }
    };
    match fragment.filter(|f| !f.is_empty()) {
        None if anchored => Some(format!("{kind} {id}: url {url} has no #anchor")),
        None => None,
        Some(fragment) => {
            let found = out.has_anchor(&page, &fragment)?;
            *anchors_checked += 1;
            (!found).then(|| {
                let fragment = percent_decode(&fragment);
                format!("{kind} {id}: missing anchor #{fragment} in {page}")
            })
        }
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
