//! What the pages of the real seeds site say about themselves, read from
//! the built files: a description of each page's own content, schema.org
//! JSON-LD on document and department pages that agrees with what the
//! page shows (and with `data/site.json`), and a Content-Security-Policy
//! that the pages' own markup satisfies (no inline script, style or
//! handler). Chromium checks the same policy at work in
//! `pages_browser.rs`.

mod common;
#[path = "common/pages.rs"]
mod pages;

use pages::{read_pages, sel, text};
use scraper::Html;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The built site: the text of every page, and `data/site.json`.
struct Raw {
    _dir: tempfile::TempDir,
    pages: BTreeMap<String, String>,
    site: Value,
}

/// The seeds site, imported and built once for the whole file.
fn raw() -> &'static Raw {
    static SITE: OnceLock<Raw> = OnceLock::new();
    SITE.get_or_init(|| {
        common::fixed_build_date();
        let dir = common::seeds_site();
        let site = common::build_json(dir.path());
        let pages = read_pages(&dir.path().join("public"))
            .into_iter()
            .map(|(k, p)| (k, p.html))
            .collect();
        Raw {
            _dir: dir,
            pages,
            site,
        }
    })
}

/// The pages parsed (a parsed page cannot be shared between the tests'
/// threads), with `site.json`.
struct Built {
    pages: BTreeMap<String, Html>,
    site: &'static Value,
}

fn built() -> Built {
    let r = raw();
    Built {
        pages: r
            .pages
            .iter()
            .map(|(k, v)| (k.clone(), Html::parse_document(v)))
            .collect(),
        site: &r.site,
    }
}

fn description(doc: &Html) -> Vec<String> {
    doc.select(&sel(r#"meta[name="description"]"#))
        .filter_map(|m| m.value().attr("content").map(String::from))
        .collect()
}

fn h1(doc: &Html) -> String {
    text(doc.select(&sel("h1")).next().unwrap())
}

fn canonical(doc: &Html) -> String {
    doc.select(&sel(r#"link[rel="canonical"]"#))
        .next()
        .and_then(|l| l.value().attr("href"))
        .unwrap()
        .to_string()
}

fn json_ld(doc: &Html) -> Vec<Value> {
    doc.select(&sel(r#"script[type="application/ld+json"]"#))
        .map(|s| serde_json::from_str(&s.inner_html()).unwrap())
        .collect()
}

/// The entries of `site.json` of one kind, by id.
fn by_id<'a>(site: &'a Value, kind: &str) -> BTreeMap<String, &'a Value> {
    site[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_string(), e))
        .collect()
}

#[test]
fn every_page_has_a_description_of_its_own_content() {
    let b = built();
    let mut seen_docs = BTreeSet::new();
    for (rel, doc) in &b.pages {
        let d = description(doc);
        assert_eq!(d.len(), 1, "{rel}: {d:?}");
        let d = &d[0];
        assert!(
            !d.trim().is_empty() && d.chars().count() <= 160,
            "{rel}: {d:?}"
        );
        assert!(
            !d.chars().any(|c| c.is_control() || c == '\u{2028}'),
            "{rel}"
        );
        if rel.starts_with("documents/") && rel != "documents/index.html" {
            assert!(
                seen_docs.insert(d.clone()),
                "{rel}: the same as another: {d}"
            );
        }
    }
    // A document: its 文号 and issuers, then its own words.
    for (id, d) in by_id(b.site, "documents") {
        let page = &b.pages[&format!("documents/{id}/index.html")];
        let desc = &description(page)[0];
        if let Some(n) = d["doc_number"].as_str() {
            assert!(desc.contains(n), "{id}: {desc}");
        }
        for issuer in d["issuers"].as_array().unwrap() {
            assert!(desc.contains(issuer.as_str().unwrap()), "{id}: {desc}");
        }
    }
    // A plan: a paragraph of its text.
    let keji = &b.pages["plans/keji-yanfa-chuangxin-2024-2025/index.html"];
    let desc = description(keji)[0].trim_end_matches('…').to_string();
    let body = text(keji.select(&sel("section.fulltext")).next().unwrap());
    assert!(
        desc.chars().count() > 40 && body.contains(&desc),
        "not from the text: {desc}"
    );
    // A department: what it leads and supports.
    let depts = by_id(b.site, "departments");
    let czt = depts["sheng-caizhengting"];
    let desc = &description(&b.pages["departments/sheng-caizhengting/index.html"])[0];
    let lead = czt["lead"].as_array().unwrap().len();
    let support = czt["support"].as_array().unwrap().len();
    assert!(
        desc.starts_with("省财政厅")
            && desc.contains(&format!("牵头 {lead} 项任务，配合 {support} 项")),
        "{desc}"
    );
    // An indicator: its latest target.
    let desc = &description(&b.pages["indicators/gaoxinjishu-qiye/index.html"])[0];
    assert!(
        desc.starts_with("高新技术企业：2025年目标 3.8万家"),
        "{desc}"
    );
    // A list: its count.
    let n = b.site["documents"].as_array().unwrap().len();
    let desc = &description(&b.pages["documents/index.html"])[0];
    assert!(desc.contains(&format!("{n} 份文件")), "{desc}");
}

#[test]
fn json_ld_describes_documents_as_legislation_and_departments_as_bodies() {
    let b = built();
    let docs = by_id(b.site, "documents");
    let url_of = |id: &str| canonical(&b.pages[&format!("documents/{id}/index.html")]);
    let mut twins = 0;
    for (id, d) in &docs {
        let page = &b.pages[&format!("documents/{id}/index.html")];
        let ld = json_ld(page);
        assert_eq!(ld.len(), 1, "{id}");
        let ld = &ld[0];
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "Legislation", "{id}");
        assert_eq!(ld["name"], h1(page), "{id}");
        assert_eq!(ld["url"], canonical(page), "{id}");
        assert_eq!(ld["legislationIdentifier"], d["doc_number"], "{id}");
        assert_eq!(ld["legislationDate"], d["date"], "{id}");
        let hant = d["script"] == "zh-Hant";
        assert_eq!(ld["inLanguage"], if hant { "zh-Hant" } else { "zh-Hans" });
        let issuers: Vec<&Value> = ld["legislationPassedBy"]
            .as_array()
            .map(|a| a.iter().map(|o| &o["name"]).collect())
            .unwrap_or_default();
        assert_eq!(
            issuers,
            d["issuers"].as_array().unwrap().iter().collect::<Vec<_>>(),
            "{id}"
        );
        assert_eq!(ld["publisher"], ld["legislationPassedBy"]);
        if let Some(twin) = d["twin"].as_str() {
            twins += 1;
            let key = if hant {
                "translationOfWork"
            } else {
                "workTranslation"
            };
            assert_eq!(ld[key]["url"], url_of(twin), "{id}");
            assert_eq!(ld[key]["name"], docs[twin]["title"], "{id}");
        }
    }
    assert_eq!(twins, 2, "the Traditional document and its twin");
    for (id, d) in by_id(b.site, "departments") {
        let page = &b.pages[&format!("departments/{id}/index.html")];
        let ld = json_ld(page);
        assert_eq!(ld.len(), 1, "{id}");
        assert_eq!(ld[0]["@type"], "GovernmentOrganization");
        assert_eq!(ld[0]["name"], h1(page));
        assert_eq!(ld[0]["url"], canonical(page));
        let aliases = d["aliases"].as_array().unwrap();
        if aliases.is_empty() {
            assert!(ld[0].get("alternateName").is_none(), "{id}");
        } else {
            assert_eq!(ld[0]["alternateName"].as_array().unwrap(), aliases, "{id}");
        }
    }
    for (rel, doc) in &b.pages {
        if !(rel.starts_with("documents/") || rel.starts_with("departments/"))
            || rel.matches('/').count() != 2
        {
            assert!(json_ld(doc).is_empty(), "{rel}");
        }
    }
}

#[test]
fn every_page_declares_a_csp_its_own_markup_satisfies() {
    let b = built();
    for (rel, doc) in &b.pages {
        let head: Vec<String> = doc
            .select(&sel("head > *"))
            .map(|e| e.value().name().to_string())
            .collect();
        let csp = doc
            .select(&sel(r#"head > meta[http-equiv="Content-Security-Policy"]"#))
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_else(|| panic!("{rel}: no CSP"));
        // Before anything it governs.
        let at = head.iter().position(|n| n == "link" || n == "script");
        assert!(
            head.iter()
                .take(at.unwrap_or(head.len()))
                .any(|n| n == "meta"),
            "{rel}: {head:?}"
        );
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self'",
            "object-src 'none'",
        ] {
            assert!(csp.contains(directive), "{rel}: {csp}");
        }
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("data:"),
            "{rel}: {csp}"
        );
        for script in doc.select(&sel("script")) {
            let s = script.value();
            assert!(
                s.attr("type") == Some("application/ld+json")
                    || (s.attr("src").is_some() && script.inner_html().is_empty()),
                "{rel}: an inline script {}",
                script.html()
            );
        }
        assert!(doc.select(&sel("style, [style]")).next().is_none(), "{rel}");
        for el in doc.select(&sel("*")) {
            for (name, value) in el.value().attrs() {
                assert!(!name.starts_with("on"), "{rel}: {name}={value}");
            }
        }
        for form in doc.select(&sel("form")) {
            let f = form.value();
            assert!(
                f.attr("action").is_none_or(|a| !a.trim().is_empty()),
                "{rel}"
            );
            assert!(f.attr("aria-label").is_some(), "{rel}: {}", form.html());
        }
    }
}
