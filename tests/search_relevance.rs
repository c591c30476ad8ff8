//! Search relevance on the seeds site, as a reader meets it: every query of
//! `tests/fixtures/search_relevance/queries.toml` is typed into the search
//! page in headless Chromium, and what the page shows first is compared
//! with the pages a reader expects.
//!
//! Prints, per query and in all: the first page shown (a direct hit above
//! the full-text results comes first, as the reader sees it), precision at
//! 1 and at 5, the share of top-5 excerpts that show the whole query where
//! the page states it, the time from the keystroke to the results, and
//! what the page downloads for one query. Asserts precision at 1 of at
//! least 0.9 and that every top-5 excerpt of a page stating the query
//! shows it. Times and bytes are reported, not asserted (a benchmark's
//! business).
//!
//! A top-5 result is relevant when it is an expected page or its text
//! states the whole query (after folding scripts and widths, whitespace
//! aside, as the search page compares them).

mod browser_support;
mod common;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, ensure};
use browser_support::{Browser, StaticServer, search_for, serve_dir, wait_for_search};
use gazette::build::{BuildOptions, build};
use gazette::parse::script::compact_for_search;
use gazette::site::Site;
use serde::Deserialize;
use serde_json::json;

/// The site is served under this sub-path, as on a project page.
const SUB_PATH: &str = "gazette/";

const QUERIES: &str = include_str!("fixtures/search_relevance/queries.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuerySet {
    query: Vec<Query>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Query {
    /// What the reader types.
    q: String,
    /// The kind of query (department, indicator, phrase, number, …), for
    /// the report.
    kind: String,
    /// Site paths (from the site root, `plans/x/`) of the pages a reader
    /// accepts as the first result.
    expect: Vec<String>,
}

/// What the search page shows for one query.
#[derive(Debug)]
struct Shown {
    /// Direct hits, then full-text results: absolute URLs, each once.
    links: Vec<String>,
    /// The full-text results: URL, excerpt text and the marked parts of
    /// the excerpt.
    results: Vec<(String, String, Vec<String>)>,
    latency_ms: f64,
    bytes: f64,
    requests: usize,
}

/// The text as the search page compares it (folded, without whitespace
/// and quotation marks): the library's definition, which `search.js`
/// follows.
fn compact(text: &str) -> String {
    compact_for_search(text)
}

/// Text of the `<main>` of a page that is not searched (a department or
/// an indicator page): tags dropped.
fn main_text(html: &str) -> String {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").unwrap_or(html.len());
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Bytes of the files the server answered after its first `from`
/// requests, and how many requests that is.
fn served_since(server: &StaticServer, www: &Path, from: usize) -> (f64, usize) {
    let requests = server.requests();
    let new = &requests[from.min(requests.len())..];
    let bytes = new
        .iter()
        .filter(|(status, _)| *status == 200)
        .map(|(_, path)| {
            let path = path.split('?').next().unwrap_or("").trim_start_matches('/');
            let file = www.join(path);
            let file = if file.is_dir() {
                file.join("index.html")
            } else {
                file
            };
            std::fs::metadata(file).map_or(0, |m| m.len())
        })
        .sum::<u64>();
    (bytes as f64, new.len())
}

fn show(browser: &Browser, server: &StaticServer, www: &Path, term: &str) -> Result<Shown> {
    let before = server.requests().len();
    search_for(browser, term)?;
    let value = browser.execute(
        r##"
        const names = document.getElementById("search-direct").hidden ? [] :
            [...document.querySelectorAll("#search-names a")].map(a => a.href);
        const results = [...document.querySelectorAll("#search-results li")].map(li =>
            [li.querySelector("a").href, (li.querySelector("p") || {}).textContent || "",
             [...li.querySelectorAll("p mark")].map(m => m.textContent)]);
        return {
            names, results,
            latency: Number(document.getElementById("search-app").dataset.latency || -1),
        };
        "##,
        vec![json!(term)],
    )?;
    let strings = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let names: Vec<String> = value["names"]
        .as_array()
        .into_iter()
        .flatten()
        .map(strings)
        .collect();
    let results: Vec<(String, String, Vec<String>)> = value["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let marks = r[2].as_array().into_iter().flatten().map(strings).collect();
            (strings(&r[0]), strings(&r[1]), marks)
        })
        .collect();
    let mut links: Vec<String> = Vec::new();
    for l in names.iter().chain(results.iter().map(|(u, _, _)| u)) {
        if !links.contains(l) {
            links.push(l.clone());
        }
    }
    // Results are shown once their fragments are loaded: every request of
    // this search is in.
    let (bytes, requests) = served_since(server, www, before);
    Ok(Shown {
        links,
        results,
        latency_ms: value["latency"].as_f64().unwrap_or(-1.0),
        bytes,
        requests,
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// A site built and served under [`SUB_PATH`], its search page open and
/// its index loaded.
struct Served {
    www: std::path::PathBuf,
    public: std::path::PathBuf,
    server: StaticServer,
    home: String,
    model: gazette::model::Model,
}

impl Served {
    fn build(root: &Path, browser: &Browser) -> Result<Served> {
        let www = root.join("www");
        let r = build(&Site::new(root), &BuildOptions::default())?;
        ensure!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
        std::fs::create_dir_all(&www)?;
        std::fs::rename(
            root.join("public"),
            www.join(SUB_PATH.trim_end_matches('/')),
        )?;
        let public = www.join(SUB_PATH);
        let server = serve_dir(&www);
        let home = format!("{}{SUB_PATH}", server.url());
        browser.goto(&format!("{home}search/"))?;
        // The index is loaded (the page has run its first, empty, search).
        wait_for_search(browser, "", 0)?;
        Ok(Served {
            www,
            public,
            server,
            home,
            model: r.model,
        })
    }
}

#[test]
fn readers_queries_find_the_expected_pages_first_with_the_phrase_in_the_excerpt() -> Result<()> {
    let set: QuerySet = toml::from_str(QUERIES).context("queries.toml")?;
    ensure!(
        set.query.len() >= 40,
        "the set holds {} queries",
        set.query.len()
    );
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    let site = common::seeds_site();
    let served = Served::build(site.path(), &browser)?;
    let (www, public, server, home) = (&served.www, &served.public, &served.server, &served.home);
    let (load_bytes, load_requests) = served_since(server, www, 0);

    // Every expected page exists: a typo in the set must not pass as a miss.
    for q in &set.query {
        for e in &q.expect {
            ensure!(
                public.join(e).join("index.html").is_file(),
                "{}: expected page {e} is not in the site",
                q.q
            );
        }
    }

    // The text of each page, as a reader reads it (cached by URL).
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut text_of = |url: &str| -> Result<String> {
        if let Some(t) = texts.get(url) {
            return Ok(t.clone());
        }
        let rel = url
            .strip_prefix(home.as_str())
            .with_context(|| format!("{url} is not on the site"))?;
        let file = public.join(rel).join("index.html");
        let html = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
        let text = gazette::search::searched_text(&html).unwrap_or_else(|| main_text(&html));
        texts.insert(url.to_string(), text.clone());
        Ok(text)
    };

    let (mut at1, mut p5_sum) = (0usize, 0.0f64);
    let (mut excerpts_stating, mut excerpts_showing) = (0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    let mut excerpt_misses: Vec<String> = Vec::new();
    let (mut latencies, mut bytes, mut requests) = (Vec::new(), Vec::new(), Vec::new());
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    println!("query | kind | first shown | ok");
    for q in &set.query {
        let shown = show(&browser, server, www, &q.q)?;
        let phrase = compact(&q.q);
        let expected: Vec<String> = q.expect.iter().map(|e| format!("{home}{e}")).collect();
        let first = shown.links.first().cloned().unwrap_or_default();
        let ok = expected.contains(&first);
        at1 += ok as usize;
        let kind = by_kind.entry(q.kind.as_str()).or_default();
        kind.0 += ok as usize;
        kind.1 += 1;
        if !ok {
            misses.push(format!(
                "{} ({}): first {first}, expected {:?}; shown {:?}",
                q.q,
                q.kind,
                q.expect,
                shown.links.iter().take(5).collect::<Vec<_>>()
            ));
        }
        println!(
            "{} | {} | {} | {}",
            q.q,
            q.kind,
            first.strip_prefix(home.as_str()).unwrap_or(&first),
            if ok { "yes" } else { "NO" }
        );
        let top5: Vec<&String> = shown.links.iter().take(5).collect();
        if !top5.is_empty() {
            let mut relevant = 0;
            for l in &top5 {
                if expected.contains(l) || compact(&text_of(l)?).contains(&phrase) {
                    relevant += 1;
                }
            }
            p5_sum += relevant as f64 / top5.len() as f64;
        }
        for (url, excerpt, marks) in shown.results.iter().take(5) {
            if compact(&text_of(url)?).contains(&phrase) {
                excerpts_stating += 1;
                // The whole phrase, marked as one, never single characters.
                let marked_whole = marks.len() == 1 && compact(&marks[0]) == phrase;
                if compact(excerpt).contains(&phrase) && marked_whole {
                    excerpts_showing += 1;
                } else {
                    excerpt_misses.push(format!("{}: {url}: {excerpt} (marked {marks:?})", q.q));
                }
            }
        }
        latencies.push(shown.latency_ms);
        bytes.push(shown.bytes);
        requests.push(shown.requests as f64);
    }
    let n = set.query.len() as f64;
    let p1 = at1 as f64 / n;
    let p5 = p5_sum / n;
    let share = if excerpts_stating == 0 {
        1.0
    } else {
        excerpts_showing as f64 / excerpts_stating as f64
    };
    println!("\n{} queries on the seeds site", set.query.len());
    for (kind, (ok, all)) in &by_kind {
        println!("  {kind}: {ok} of {all} first");
    }
    println!("precision at 1: {p1:.3} ({at1} of {})", set.query.len());
    println!("precision at 5: {p5:.3}");
    println!(
        "top-5 excerpts that show the query, of those whose page states it: {excerpts_showing} of {excerpts_stating} ({share:.3})"
    );
    let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
    let slowest = latencies
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(i, _)| i);
    println!(
        "keystroke → results: median {:.0} ms, max {:.0} ms ({}, query {} of {}) (60 ms of it the typing pause)",
        median(latencies.clone()),
        max(&latencies),
        set.query[slowest].q,
        slowest + 1,
        set.query.len()
    );
    println!(
        "the search page with its index loaded: {:.1} KB in {load_requests} requests",
        load_bytes / 1024.0
    );
    println!(
        "downloaded by the first query: {:.1} KB in {:.0} requests; by each later one (what the queries before it left loaded aside): median {:.1} KB in {:.0} requests, max {:.1} KB",
        bytes[0] / 1024.0,
        requests[0],
        median(bytes[1..].to_vec()) / 1024.0,
        median(requests[1..].to_vec()),
        max(&bytes[1..]) / 1024.0
    );
    for m in &misses {
        println!("miss: {m}");
    }
    for m in &excerpt_misses {
        println!("excerpt without the query: {m}");
    }
    // Both scripts, both ways: a Simplified query finds the Traditional
    // document, whose excerpt shows its text as printed; a Traditional
    // query finds the Simplified one.
    let hant = format!(
        "{home}documents/zhonggongshandongshengwei-shandongshengrenminzhengfu-guanyu-hant/"
    );
    let hans =
        format!("{home}documents/zhonggongshandongshengwei-shandongshengrenminzhengfu-guanyu/");
    let shown = show(&browser, server, www, "数字经济高质量发展")?;
    let excerpt = shown
        .results
        .iter()
        .find(|(u, _, _)| *u == hant)
        .map(|(_, e, _)| e.clone())
        .with_context(|| format!("the Traditional document is not found: {:?}", shown.links))?;
    ensure!(excerpt.contains("數字經濟高質量發展"), "{excerpt}");
    let shown = show(&browser, server, www, "數字經濟高質量發展")?;
    ensure!(
        shown.results.iter().any(|(u, _, _)| *u == hans),
        "the Simplified document is not found: {:?}",
        shown.links
    );
    ensure!(p1 >= 0.9, "precision at 1 is {p1:.3}: {misses:#?}");
    ensure!(
        excerpt_misses.is_empty(),
        "excerpts without the query: {excerpt_misses:#?}"
    );
    drop(served);
    browser.quit()?;
    Ok(())
}

/// `len` Chinese characters in a row from the middle of `text`, if it has
/// that many in a row after its first quarter.
fn middle_phrase(text: &str, len: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 40 {
        return None;
    }
    let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    (chars.len() / 2..chars.len().saturating_sub(len))
        .chain(chars.len() / 4..chars.len() / 2)
        .find(|&i| chars[i..i + len].iter().all(han))
        .map(|i| chars[i..i + len].iter().collect())
}

/// A 文号 as readers also type it: ASCII brackets, and the short form
/// `国发2019-5` (`None` when the number is not of the form X〔YYYY〕N号).
fn number_spellings(number: &str) -> Vec<String> {
    let Some((prefix, rest)) = number.split_once('〔') else {
        return Vec::new();
    };
    let Some((year, n)) = rest.split_once('〕') else {
        return Vec::new();
    };
    let n = n.trim_end_matches('号');
    vec![
        number.to_string(),
        format!("{prefix}[{year}]{n}号"),
        format!("{prefix}{year}-{n}"),
    ]
}

/// The development corpora (`../shared/corpus/govcn`, State Council
/// documents, and `provincial`, task lists; never committed): every
/// document found first by its 文号 in three spellings and by its title,
/// as each corpus's `INDEX.tsv` gives them (not as gazette read them).
#[test]
fn corpus_documents_are_found_first_by_number_and_title() -> Result<()> {
    let Some(browser) = Browser::start() else {
        return Ok(());
    };
    for name in ["govcn", "provincial"] {
        let corpus = common::repo().join("../shared/corpus").join(name);
        if !corpus.is_dir() {
            eprintln!(
                "\n!!!!!!!! SKIPPED: {} is absent (a development corpus) !!!!!!!!\n",
                corpus.display()
            );
            continue;
        }
        corpus_queries(&browser, name, &corpus)?;
    }
    browser.quit()?;
    Ok(())
}

fn corpus_queries(browser: &Browser, name: &str, corpus: &Path) -> Result<()> {
    let site = tempfile::tempdir()?;
    let seeds = site.path().join("seeds");
    std::fs::create_dir_all(&seeds)?;
    for e in std::fs::read_dir(corpus)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, seeds.join(p.file_name().unwrap()))?;
        }
    }
    common::copy_dir(&common::repo().join("data"), &site.path().join("data"));
    let served = Served::build(site.path(), browser)?;
    let index = std::fs::read_to_string(corpus.join("INDEX.tsv"))?;
    let mut rows = index.lines();
    let header: Vec<&str> = rows.next().unwrap_or_default().split('\t').collect();
    let column = |key: &str| header.iter().position(|h| *h == key);
    let (Some(file_at), Some(number_at), Some(title_at)) =
        (column("file"), column("doc_number"), column("title"))
    else {
        anyhow::bail!("{name}/INDEX.tsv: no file, doc_number or title column");
    };
    let (mut asked, mut first, mut misses) = (0usize, 0usize, Vec::new());
    for row in rows {
        let cols: Vec<&str> = row.split('\t').collect();
        let get = |i: usize| cols.get(i).copied().unwrap_or("").trim();
        let (file, number, title) = (get(file_at), get(number_at), get(title_at));
        // The documents made from that file; the one with that 文号 if
        // several, else the first.
        let docs: Vec<&gazette::model::Document> = served
            .model
            .documents
            .values()
            .filter(|d| d.source.file.ends_with(file))
            .collect();
        let Some(doc) = docs
            .iter()
            .find(|d| !number.is_empty() && d.doc_number.as_deref() == Some(number))
            .or(docs.first())
        else {
            misses.push(format!("{file}: no document"));
            continue;
        };
        let expected = format!("{}documents/{}/", served.home, doc.id);
        let mut queries = number_spellings(number);
        if !title.is_empty() {
            queries.push(title.to_string());
        }
        for q in queries {
            let shown = show(browser, &served.server, &served.www, &q)?;
            asked += 1;
            if shown.links.first() == Some(&expected) {
                first += 1;
            } else {
                misses.push(format!(
                    "{q}: expected {expected}, shown {:?}",
                    shown.links.iter().take(3).collect::<Vec<_>>()
                ));
            }
        }
    }
    // A phrase from the text of each document (eight Chinese characters
    // from the middle of its first long paragraph, a plan's if the
    // document has none): the first full-text result states it, and every
    // top-5 excerpt of a page stating it shows it, marked as one.
    let (mut phrases, mut stated_first, mut excerpt_misses) = (0usize, 0usize, Vec::new());
    for d in served.model.documents.values() {
        let blocks = d.blocks.iter().chain(
            d.plans
                .iter()
                .filter_map(|p| served.model.plans.get(p))
                .flat_map(|p| p.blocks.iter()),
        );
        let Some(phrase) = blocks
            .filter(|b| matches!(b.kind, gazette::parse::BlockKind::Paragraph))
            .find_map(|b| middle_phrase(&b.text, 8))
        else {
            continue;
        };
        let shown = show(browser, &served.server, &served.www, &phrase)?;
        phrases += 1;
        let wanted = compact(&phrase);
        let states = |url: &str| -> bool {
            url.strip_prefix(served.home.as_str())
                .and_then(|rel| {
                    std::fs::read_to_string(served.public.join(rel).join("index.html")).ok()
                })
                .and_then(|html| gazette::search::searched_text(&html))
                .is_some_and(|t| compact(&t).contains(&wanted))
        };
        if shown.results.first().is_some_and(|(u, _, _)| states(u)) {
            stated_first += 1;
        } else {
            excerpt_misses.push(format!(
                "{phrase}: first result does not state it: {:?}",
                shown.links.first()
            ));
        }
        for (url, excerpt, marks) in shown.results.iter().take(5) {
            if states(url) && !(compact(excerpt).contains(&wanted) && marks.len() == 1) {
                excerpt_misses.push(format!("{phrase}: {url}: {excerpt} (marked {marks:?})"));
            }
        }
    }
    println!(
        "{name}: a phrase from each of {phrases} documents: the first result states it for {stated_first}"
    );
    for m in &excerpt_misses {
        println!("{name} phrase miss: {m}");
    }
    ensure!(phrases >= 5, "{name}: only {phrases} phrases");
    ensure!(excerpt_misses.is_empty(), "{name}: {excerpt_misses:#?}");
    let p1 = first as f64 / asked.max(1) as f64;
    println!(
        "{name}: {first} of {asked} queries (文号 in three spellings, titles) show their document first: precision at 1 {p1:.3}"
    );
    for m in &misses {
        println!("{name} miss: {m}");
    }
    ensure!(
        asked >= 10,
        "{name}: only {asked} queries asked: {misses:#?}"
    );
    ensure!(p1 >= 0.9, "{name}: precision at 1 is {p1:.3}: {misses:#?}");
    Ok(())
}
