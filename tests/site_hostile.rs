//! The hostile site (`common/hostile_site.rs`), built and read file by
//! file: no markup of its sources survives in a page, a feed, the open
//! data, the JSON-LD or the search names, and each of those still holds
//! the hostile texts themselves, as text. (`pages_browser.rs` loads the
//! same pages in Chromium and checks that no script runs.)

mod common;
#[path = "common/hostile_site.rs"]
mod hostile_site;
#[path = "common/pages.rs"]
mod pages;

use pages::{sel, text, walk};
use scraper::Html;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The hostile site, built once for the whole file.
fn public() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            common::fixed_build_date();
            let dir = tempfile::tempdir().unwrap();
            hostile_site::build(dir.path());
            let public = dir.path().join("public");
            (dir, public)
        })
        .1
}

fn files(ending: &str) -> Vec<String> {
    let mut all = Vec::new();
    walk(public(), "", &mut all);
    all.into_iter()
        .filter(|f| f.ends_with(ending) && !f.starts_with("pagefind/"))
        .collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The first page under `{kind}/` whose folder name satisfies `pick`.
fn page_of(kind: &str, pick: impl Fn(&str) -> bool) -> String {
    files("index.html")
        .into_iter()
        .find(|f| {
            f.strip_prefix(&format!("{kind}/"))
                .and_then(|r| r.strip_suffix("/index.html"))
                .is_some_and(|n| !n.contains('/') && pick(n))
        })
        .unwrap_or_else(|| panic!("no page under {kind}/"))
}

/// The scripts a page may have: the theme's, and JSON-LD.
fn allowed_script(el: &scraper::node::Element) -> bool {
    match (el.attr("type"), el.attr("src")) {
        (Some("application/ld+json"), None) => true,
        (None, Some(src)) => src.ends_with("assets/site.js") || src.ends_with("assets/search.js"),
        _ => false,
    }
}

/// A URL attribute that would run or embed something.
fn dangerous_url(value: &str) -> bool {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| v.starts_with(s))
}

#[test]
fn no_markup_from_the_sources_survives_in_a_page() {
    let pages = files(".html");
    assert!(pages.len() > 15, "{pages:?}");
    let mut problems = Vec::new();
    for rel in &pages {
        let html = read(rel);
        for raw in [
            "<script>window",
            "<img src=x",
            "<svg onload",
            "<b onmouseover",
        ] {
            if html.contains(raw) {
                problems.push(format!("{rel}: raw {raw:?}"));
            }
        }
        let doc = Html::parse_document(&html);
        for el in doc.select(&sel("*")) {
            let e = el.value();
            let name = e.name();
            if name == "script" && !allowed_script(e) {
                problems.push(format!("{rel}: script {}", el.html()));
            }
            if matches!(
                name,
                "iframe" | "object" | "embed" | "base" | "style" | "frame"
            ) {
                problems.push(format!("{rel}: <{name}>"));
            }
            for (attr, value) in e.attrs() {
                let attr = attr.to_ascii_lowercase();
                if attr.starts_with("on") || attr == "style" || attr == "srcdoc" {
                    problems.push(format!("{rel}: {attr}={value:?} on <{name}>"));
                }
                let url_attr = matches!(
                    attr.as_str(),
                    "href" | "src" | "action" | "formaction" | "xlink:href" | "srcset" | "poster"
                );
                if url_attr && dangerous_url(value) {
                    problems.push(format!("{rel}: {attr}={value:?} on <{name}>"));
                }
                if name == "img" && attr == "src" && pages::is_external(value) {
                    problems.push(format!("{rel}: an image from elsewhere: {value}"));
                }
            }
            if name == "meta"
                && e.attr("http-equiv")
                    .is_some_and(|h| h != "Content-Security-Policy")
            {
                problems.push(format!("{rel}: {}", el.html()));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_hostile_texts_are_shown_as_text() {
    let h1 = |rel: &str| {
        let doc = Html::parse_document(&read(rel));
        text(doc.select(&sel("h1")).next().unwrap())
    };
    assert_eq!(h1("documents/hand/index.html"), hostile_site::TITLE);
    assert_eq!(h1("plans/hand-plan/index.html"), hostile_site::PLAN_TITLE);
    let dept = page_of("departments", |n| n.contains("script"));
    assert_eq!(h1(&dept), hostile_site::DEPARTMENT);
    let doc = Html::parse_document(&read("documents/hand/index.html"));
    let meta: Vec<String> = doc.select(&sel("dl.meta dd")).map(text).collect();
    assert!(
        meta.iter().any(|m| m == hostile_site::DOC_NUMBER),
        "{meta:?}"
    );
    let description = doc
        .select(&sel(r#"meta[name="description"]"#))
        .next()
        .and_then(|m| m.value().attr("content"))
        .unwrap();
    assert!(
        description.contains(hostile_site::DOC_NUMBER),
        "{description}"
    );
    // The page title holds the site's title as text.
    let index = Html::parse_document(&read("index.html"));
    let title = text(index.select(&sel("title")).next().unwrap());
    assert_eq!(title, "政策<script>window.__pwned=6</script>库");
    // Template syntax in the sources is text, never evaluated.
    let plan = read(&page_of("plans", |n| n != "hand-plan"));
    assert!(
        plan.contains("{{ x }}") && plan.contains("{% raw %}"),
        "template syntax lost"
    );
}

#[test]
fn markdown_links_to_scripts_and_data_are_dropped_and_their_text_kept() {
    let doc = Html::parse_document(&read("documents/hand/index.html"));
    let body = doc.select(&sel("section.fulltext")).next().unwrap();
    let shown = text(body);
    for word in ["点此", "数据", "旧", "原始链接", "图一", "图二", "正常"] {
        assert!(shown.contains(word), "{word} lost: {shown}");
    }
    let hrefs: Vec<&str> = body
        .select(&sel("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"https://www.gov.cn/"), "{hrefs:?}");
    assert!(hrefs.iter().all(|h| !dangerous_url(h)), "{hrefs:?}");
    assert!(
        body.select(&sel("img[src^='data'], iframe"))
            .next()
            .is_none()
    );
}

/// Checks that `xml` is well-formed as gazette writes it: only the tags
/// of `tags`, balanced, every `&` an entity, and no `]]>`.
fn check_xml(rel: &str, xml: &str, tags: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    if xml.contains("]]>") {
        problems.push(format!("{rel}: ]]>"));
    }
    for (i, _) in xml.match_indices('&') {
        let rest = &xml[i..];
        let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| rest.starts_with(e));
        if !entity {
            problems.push(format!(
                "{rel}: a bare & at {}",
                &rest[..rest.len().min(20)]
            ));
        }
    }
    let mut open: Vec<&str> = Vec::new();
    let body = xml.split_once("?>").map_or(xml, |x| x.1);
    for piece in body.split('<').skip(1) {
        let Some((tag, _)) = piece.split_once('>') else {
            problems.push(format!("{rel}: an unclosed <{piece}"));
            continue;
        };
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        if !tags.contains(&name) {
            problems.push(format!("{rel}: <{tag}>"));
        }
        if closing {
            if open.pop() != Some(name) {
                problems.push(format!("{rel}: </{name}> closes nothing"));
            }
        } else if !tag.ends_with('/') {
            open.push(name);
        }
    }
    if !open.is_empty() {
        problems.push(format!("{rel}: unclosed {open:?}"));
    }
    problems
}

#[test]
fn feeds_and_the_sitemap_are_well_formed_with_every_text_escaped() {
    const ATOM: &[&str] = &[
        "feed", "title", "link", "id", "updated", "author", "name", "entry", "summary",
    ];
    let mut problems = Vec::new();
    let feeds = files("feed.xml");
    assert!(feeds.len() > 3, "{feeds:?}");
    for rel in &feeds {
        problems.extend(check_xml(rel, &read(rel), ATOM));
    }
    problems.extend(check_xml(
        "sitemap.xml",
        &read("sitemap.xml"),
        &["urlset", "url", "loc", "lastmod"],
    ));
    assert!(problems.is_empty(), "{problems:#?}");
    // The hostile texts are there, escaped.
    let site_feed = read("feed.xml");
    assert!(
        site_feed.contains("&lt;/title&gt;&lt;script&gt;window.__pwned=10&lt;/script&gt;"),
        "{site_feed}"
    );
    let dept = page_of("departments", |n| n.contains("script"));
    let dept_feed = read(&dept.replace("index.html", "feed.xml"));
    assert!(dept_feed.contains("市数据局&lt;/script&gt;"), "{dept_feed}");
}

/// The text of every JSON-LD block of a page.
fn json_ld(html: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&sel(r#"script[type="application/ld+json"]"#))
        .map(|s| s.inner_html())
        .collect()
}

#[test]
fn json_outputs_parse_and_keep_every_text() {
    let site: Value = serde_json::from_str(&read("data/site.json")).unwrap();
    let hand = site["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "hand")
        .unwrap();
    assert_eq!(hand["title"], hostile_site::TITLE);
    assert_eq!(hand["doc_number"], hostile_site::DOC_NUMBER);
    // Every file of the names parses; together they list the hostile names.
    let names: Vec<Value> = files(".json")
        .into_iter()
        .filter(|rel| rel.starts_with("search/names/") && !rel.ends_with("index.json"))
        .map(|rel| serde_json::from_str(&read(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
        .collect();
    let listed: Vec<&str> = names
        .iter()
        .flat_map(|list| list.as_array().unwrap())
        .filter_map(|e| e["name"].as_str())
        .collect();
    for want in [
        hostile_site::TITLE,
        hostile_site::PLAN_TITLE,
        hostile_site::DEPARTMENT,
    ] {
        assert!(listed.contains(&want), "{want} not in {listed:?}");
    }
    let _: Value = serde_json::from_str(&read("data/review.json")).unwrap();
    // JSON-LD: no `<` can close its block, and it parses to the texts.
    let mut blocks = 0;
    for rel in files(".html") {
        for block in json_ld(&read(&rel)) {
            blocks += 1;
            assert!(!block.contains('<'), "{rel}: {block}");
            let _: Value = serde_json::from_str(&block).unwrap_or_else(|e| panic!("{rel}: {e}"));
        }
    }
    assert!(blocks >= 3, "{blocks} JSON-LD blocks");
    let ld: Value = serde_json::from_str(&json_ld(&read("documents/hand/index.html"))[0]).unwrap();
    assert_eq!(ld["name"], hostile_site::TITLE);
    assert_eq!(ld["legislationIdentifier"], hostile_site::DOC_NUMBER);
    assert_eq!(ld["publisher"][0]["name"], hostile_site::DEPARTMENT);
    let dept = page_of("departments", |n| n.contains("script"));
    let ld: Value = serde_json::from_str(&json_ld(&read(&dept))[0]).unwrap();
    assert_eq!(ld["name"], hostile_site::DEPARTMENT);
    assert_eq!(ld["@type"], "GovernmentOrganization");
}
