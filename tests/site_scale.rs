//! Pages a reader can open (issue 12): a generated corpus built with a
//! small page size, so that every list is split. No HTML page is over
//! 1 MB; every pagination link leads to a page; `check` passes; the pages
//! of a list hold every item exactly once.

mod common;

use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Documents generated, and entries per page: small enough that the
/// lists, the timeline's years and the department pages have several pages.
const DOCS: usize = 60;
const PAGE_SIZE: usize = 10;

struct Built {
    _dir: tempfile::TempDir,
    public: PathBuf,
    json: Value,
}

/// The built site, or `None` (said loudly) without python3.
fn site() -> Option<&'static Built> {
    static SITE: OnceLock<Option<Built>> = OnceLock::new();
    SITE.get_or_init(|| {
        common::fixed_build_date();
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        let gen_corpus = common::repo().join("bench/gen_corpus.py");
        let status = std::process::Command::new("python3")
            .arg(&gen_corpus)
            .args(["--docs", &DOCS.to_string(), "--out"])
            .arg(&seeds)
            .stdout(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => {}
            other => {
                eprintln!(
                    "SKIPPED site_scale: python3 {} could not run ({other:?})",
                    gen_corpus.display()
                );
                return None;
            }
        }
        common::copy_dir(&common::repo().join("data"), &dir.path().join("data"));
        std::fs::write(
            dir.path().join("site.toml"),
            format!("page_size = {PAGE_SIZE}\n"),
        )
        .unwrap();
        let json = common::build_json(dir.path());
        Some(Built {
            public: dir.path().join("public"),
            _dir: dir,
            json,
        })
    })
    .as_ref()
}

fn html_files(public: &Path) -> Vec<String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().to_string();
            let r = format!("{rel}{name}");
            if e.file_type().unwrap().is_dir() {
                if r != "pagefind" {
                    walk(&e.path(), &format!("{r}/"), out);
                }
            } else if name.ends_with(".html") {
                out.push(r);
            }
        }
    }
    let mut out = Vec::new();
    walk(public, "", &mut out);
    out.sort();
    out
}

fn read(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel)).unwrap()
}

/// The output path a relative link of page `from` leads to (`index.html`
/// for a folder), without its fragment.
fn target(from: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut p = parts.join("/");
    if href.is_empty() || href.ends_with('/') {
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str("index.html");
    }
    p
}

/// The pagination links of a page: `rel="prev"`/`rel="next"` (in the head
/// and in the nav) and the page numbers.
fn pager_links(html: &str) -> Vec<String> {
    static NAV: OnceLock<Regex> = OnceLock::new();
    static REL: OnceLock<Regex> = OnceLock::new();
    static HREF: OnceLock<Regex> = OnceLock::new();
    let nav = NAV.get_or_init(|| Regex::new(r#"(?s)<nav class="pager"[^>]*>(.*?)</nav>"#).unwrap());
    let rel =
        REL.get_or_init(|| Regex::new(r#"<link rel="(?:prev|next)" href="([^"]*)">"#).unwrap());
    let href = HREF.get_or_init(|| Regex::new(r#"href="([^"]*)""#).unwrap());
    let mut out: Vec<String> = rel.captures_iter(html).map(|c| c[1].to_string()).collect();
    for n in nav.captures_iter(html) {
        out.extend(href.captures_iter(&n[1]).map(|c| c[1].to_string()));
    }
    out
}

/// Pages 1..n of the list whose first page is `first`, following `rel="next"`.
fn list_pages(public: &Path, first: &str) -> Vec<(String, String)> {
    let next = Regex::new(r#"<link rel="next" href="([^"]*)">"#).unwrap();
    let mut out = Vec::new();
    let mut at = first.to_string();
    loop {
        let html = read(public, &at);
        let following = next.captures(&html).map(|c| target(&at, &c[1]));
        out.push((at.clone(), html));
        match following {
            Some(n) => {
                assert!(out.len() < 10_000, "rel=next loops at {n}");
                at = n;
            }
            None => return out,
        }
    }
}

#[test]
fn no_html_page_is_over_one_megabyte() {
    let Some(b) = site() else { return };
    let files = html_files(&b.public);
    assert!(files.len() > 100, "{}", files.len());
    let mut big: Vec<(u64, &String)> = files
        .iter()
        .map(|f| (std::fs::metadata(b.public.join(f)).unwrap().len(), f))
        .filter(|(n, _)| *n > 1_000_000)
        .collect();
    big.sort();
    assert!(big.is_empty(), "pages over 1 MB: {big:?}");
}

#[test]
fn every_pagination_link_leads_to_a_page_and_lists_are_split() {
    let Some(b) = site() else { return };
    let files: BTreeSet<String> = html_files(&b.public).into_iter().collect();
    let mut paged = 0;
    for f in &files {
        let html = read(&b.public, f);
        let links = pager_links(&html);
        if !links.is_empty() {
            paged += 1;
        }
        for l in links {
            let t = target(f, &l);
            assert!(
                files.contains(&t),
                "{f}: pagination link {l} → {t}: no such page"
            );
        }
    }
    for first in [
        "documents/index.html",
        "plans/index.html",
        "indicators/index.html",
    ] {
        let pages = list_pages(&b.public, first);
        assert!(pages.len() > 1, "{first} is not split");
    }
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("departments/") && f.contains("/page/2/")),
        "no department page is split"
    );
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("matrix/") && f.matches('/').count() == 2)
    );
    assert!(paged > 20, "only {paged} pages have a pager");
}

#[test]
fn the_output_passes_check() {
    let Some(b) = site() else { return };
    // The 404 page's links are rooted at the base path, which check cannot know.
    let opts = gazette::check::CheckOptions {
        skip: vec!["pagefind/".into(), "404.html".into()],
    };
    let report = gazette::check::check_output_with(&b.public, &opts).unwrap();
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);
    assert!(report.sitemap_entries > 100);
    // Every split open-data file holds its kind whole.
    for kind in gazette::export::json::KINDS {
        let gz = std::fs::read(b.public.join(format!("data/{kind}.json.gz"))).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bytes).unwrap();
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v, b.json[kind], "data/{kind}.json.gz");
    }
    // The whole, gzip'd as it is made, is site.json byte for byte.
    let gz = std::fs::read(b.public.join("data/site.json.gz")).unwrap();
    let mut whole = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut whole).unwrap();
    assert!(whole == std::fs::read(b.public.join("data/site.json")).unwrap());
}

/// Counts of each link matching `re` (first group) over the pages.
fn count_links(pages: &[(String, String)], re: &Regex) -> BTreeMap<String, usize> {
    let mut n = BTreeMap::new();
    for (path, html) in pages {
        for c in re.captures_iter(html) {
            *n.entry(target(path, &c[1])).or_default() += 1;
        }
    }
    n
}

#[test]
fn the_pages_of_a_list_hold_every_item_exactly_once() {
    let Some(b) = site() else { return };
    let all = |kind: &str| b.json[kind].as_array().unwrap();
    // Documents: each row links its document once.
    let row = Regex::new(r#"<tr><td><a href="([^"]*)">"#).unwrap();
    let pages = list_pages(&b.public, "documents/index.html");
    let seen = count_links(&pages, &row);
    let want: BTreeSet<String> = all("documents")
        .iter()
        .map(|d| format!("documents/{}/index.html", d["id"].as_str().unwrap()))
        .collect();
    assert_eq!(seen.keys().cloned().collect::<BTreeSet<_>>(), want);
    assert!(seen.values().all(|n| *n == 1), "{seen:?}");
    // Plans and indicators likewise.
    for (first, kind, folder) in [
        ("plans/index.html", "plans", "plans"),
        ("indicators/index.html", "indicators", "indicators"),
    ] {
        let pages = list_pages(&b.public, first);
        let seen = count_links(&pages, &row);
        let want: BTreeSet<String> = all(kind)
            .iter()
            .map(|d| format!("{folder}/{}/index.html", d["id"].as_str().unwrap()))
            .collect();
        assert_eq!(
            seen.keys().cloned().collect::<BTreeSet<_>>(),
            want,
            "{first}"
        );
        assert!(seen.values().all(|n| *n == 1), "{first}: {seen:?}");
    }
    // The timeline: every deadline once over the pages of its year.
    let item = Regex::new(r#"<li data-departments="#).unwrap();
    let mut items = 0;
    let mut years: BTreeSet<&str> = BTreeSet::new();
    for d in all("deadlines") {
        years.insert(&d["date"].as_str().unwrap()[..4]);
    }
    let mut split_year = false;
    for y in years {
        let pages = list_pages(&b.public, &format!("deadlines/{y}/index.html"));
        split_year |= pages.len() > 1;
        items += pages
            .iter()
            .map(|(_, h)| item.find_iter(h).count())
            .sum::<usize>();
    }
    assert_eq!(items, all("deadlines").len());
    assert!(split_year, "no year of the timeline is split");
    // A department's tasks: each of its lead and support tasks once over its pages.
    let task = Regex::new(r#"<li><a href="([^"]*plans/[^"]*#[^"]*)">"#).unwrap();
    for d in all("departments") {
        let id = d["id"].as_str().unwrap();
        let pages = list_pages(&b.public, &format!("departments/{id}/index.html"));
        let listed: usize = pages.iter().map(|(_, h)| task.find_iter(h).count()).sum();
        let want = d["lead"].as_array().unwrap().len() + d["support"].as_array().unwrap().len();
        assert_eq!(listed, want, "department {id}: {} pages", pages.len());
    }
}

#[test]
fn every_target_url_is_the_indicator_page_that_holds_it() {
    let Some(b) = site() else { return };
    let mut split = 0;
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    for t in b.json["targets"].as_array().unwrap() {
        let url = t["url"].as_str().unwrap();
        let (path, anchor) = url.split_once('#').unwrap();
        assert_eq!(anchor, t["id"].as_str().unwrap());
        if path.contains("/page/") {
            split += 1;
        }
        let file = format!("{}index.html", path.trim_start_matches('/'));
        let html = pages
            .entry(file.clone())
            .or_insert_with(|| read(&b.public, &file));
        assert!(
            html.contains(&format!("<tr id=\"{anchor}\">")),
            "{url}: not on {file}"
        );
    }
    assert!(split > 0, "no indicator page is split");
    // Page 1 of a split indicator gives the counts by year, linking onward.
    let first = pages
        .keys()
        .find(|f| f.contains("/page/2/"))
        .map(|f| f.replace("page/2/", ""))
        .unwrap();
    let html = read(&b.public, &first);
    assert!(html.contains("id=\"h-years\""), "{first}");
    assert!(html.contains("page/2/\""), "{first}");
}

/// A plan page lists the editions nearest to it, not every plan of the
/// same name (which grows with the corpus): at most
/// `docs::EDITIONS_SHOWN`, with the total said when some are left out;
/// `/cited/` names at most `CITED_BY_SHOWN` citing documents an entry.
#[test]
fn lists_inside_a_page_stay_bounded() {
    let Some(site) = site() else { return };
    let shown = gazette::render::docs::EDITIONS_SHOWN;
    let editions = Regex::new(r"<dt>其他版本</dt><dd><ul[^>]*>(.*?)</ul>").unwrap();
    let total = Regex::new(r"共 ([0-9]+) 个其他版本").unwrap();
    let mut truncated = 0;
    for plan in site.json["plans"].as_array().unwrap() {
        let id = plan["id"].as_str().unwrap();
        let all = plan["editions"].as_array().unwrap().len();
        let html = read(&site.public, &format!("plans/{id}/index.html"));
        let listed = editions
            .captures(&html)
            .map_or(0, |c| c[1].matches("<li>").count());
        assert_eq!(listed, all.min(shown), "{id}");
        let said = total
            .captures(&html)
            .map(|c| c[1].parse::<usize>().unwrap());
        if all > shown {
            truncated += 1;
            assert_eq!(said, Some(all), "{id}");
        } else {
            assert_eq!(said, None, "{id}");
        }
    }
    if truncated == 0 {
        eprintln!("note: no plan of this corpus has more than {shown} editions");
    }
    let cited = read(&site.public, "cited/index.html");
    for dd in cited.split("被引用于").skip(1) {
        let dd = &dd[..dd.find("</dd>").unwrap()];
        assert!(dd.matches("<a ").count() <= gazette::render::overview::CITED_BY_SHOWN);
    }
}
