//! The real seeds site, built once and read page by page: each test asks
//! a reader's question (who leads this task? where does this number come
//! from? can I get there from the home page?) and follows the links of the
//! output to answer it; and two builds of it are byte-identical. Small
//! hand-written sites are in `site_small.rs`.

mod common;
#[path = "common/pages.rs"]
mod pages;

use gazette::build::{BuildOptions, build};
use gazette::check::{CheckOptions, check_output_with};
use gazette::site::Site;
use pages::{Page, read_pages, resolve, sel, text};
use scraper::{ElementRef, Html};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::BUILD_EPOCH as EPOCH;

const KEJI: &str = "plans/keji-yanfa-chuangxin-2024-2025/index.html";
const KEJI_2022: &str = "plans/keji-yanfa-chuangxin-2022/index.html";
const KEJI_COMPARE: &str =
    "compare/keji-yanfa-chuangxin-2022--keji-yanfa-chuangxin-2024-2025/index.html";
const KEJITING: &str = "departments/sheng-kejiting/index.html";
const HTE: &str = "indicators/gaoxinjishu-qiye/index.html";

struct Built {
    dir: tempfile::TempDir,
    pages: BTreeMap<String, Page>,
}

impl Built {
    fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn page(&self, rel: &str) -> &Page {
        self.pages
            .get(rel)
            .unwrap_or_else(|| panic!("no page {rel} in the output"))
    }

    /// Whether `path#fragment` names a file of the output (and, for a
    /// fragment into a page, an id of that page).
    fn exists(&self, path: &str, fragment: Option<&str>) -> bool {
        match (self.pages.get(path), fragment) {
            (Some(page), Some(f)) if !f.is_empty() => page.ids.contains(f),
            (Some(_), _) => true,
            (None, _) => self.public().join(path).is_file(),
        }
    }
}

/// The pages of a paginated list from its first page, following
/// `<link rel="next">`.
fn list_pages(s: &Built, first: &str) -> Vec<String> {
    let mut out = vec![first.to_string()];
    loop {
        let at = out.last().unwrap().clone();
        let next = s
            .page(&at)
            .doc()
            .select(&sel("link[rel=next]"))
            .next()
            .and_then(|l| l.value().attr("href").map(String::from));
        match next.and_then(|h| resolve(&at, &h)) {
            Some((p, _)) => out.push(p),
            None => return out,
        }
    }
}

/// The seeds site, imported and built once for the whole file.
fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        common::fixed_build_date();
        let dir = common::seeds_site();
        let r = build(&Site::new(dir.path()), &BuildOptions::default()).unwrap();
        assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
        let pages = read_pages(&dir.path().join("public"));
        Built { dir, pages }
    })
}

/// The links of `el` resolved from page `from`: (path, fragment, text).
fn links_in(from: &str, el: ElementRef) -> Vec<(String, Option<String>, String)> {
    el.select(&sel("a[href]"))
        .filter_map(|a| {
            let (path, frag) = resolve(from, a.value().attr("href")?)?;
            Some((path, frag, text(a)))
        })
        .collect()
}

/// The `<section>` whose `<h2>` starts with `heading`.
fn section<'a>(doc: &'a Html, heading: &str) -> Option<ElementRef<'a>> {
    doc.select(&sel("section")).find(|s| {
        s.select(&sel("h2"))
            .next()
            .is_some_and(|h| text(h).starts_with(heading))
    })
}

/// The id of the task of a plan page whose title starts with `number`.
fn task_anchor(plan: &Html, number: &str) -> String {
    plan.select(&sel("section.task"))
        .find(|s| {
            s.select(&sel(".task-title"))
                .next()
                .is_some_and(|t| text(t).starts_with(&format!("{number}.")))
        })
        .and_then(|s| s.value().attr("id").map(String::from))
        .unwrap_or_else(|| panic!("no task {number} on the plan page"))
}

#[test]
fn links_resolve_like_a_static_server() {
    let from = "plans/x/index.html";
    let r = |h| resolve(from, h);
    let page = |p: &str, f: Option<&str>| Some((p.to_string(), f.map(String::from)));
    assert_eq!(
        r("../../departments/y/#lead-x"),
        page("departments/y/index.html", Some("lead-x"))
    );
    assert_eq!(r("../../"), page("index.html", None));
    assert_eq!(r("#task-1"), page(from, Some("task-1")));
    assert_eq!(r("../../data/site.json?x=1"), page("data/site.json", None));
    assert_eq!(r("/policy/a/"), page("policy/a/index.html", None));
    assert_eq!(r("https://example.org/"), None);
    assert_eq!(r("mailto:a@b"), None);
    assert_eq!(
        resolve("index.html", "search/"),
        page("search/index.html", None)
    );
}

#[test]
fn the_science_department_leads_task_one_of_the_science_plan() {
    let s = site();
    let plan = s.page(KEJI).doc();
    let anchor = task_anchor(&plan, "1");
    // The plan names the department as a lead of that task.
    let task = plan
        .select(&sel(&format!("section.task#{anchor}")))
        .next()
        .unwrap();
    let meta = task.select(&sel("dl.task-meta")).next().unwrap();
    let leads_on_plan: Vec<_> = links_in(KEJI, meta)
        .into_iter()
        .map(|(p, _, _)| p)
        .collect();
    assert!(
        leads_on_plan.contains(&KEJITING.to_string()),
        "{leads_on_plan:?}"
    );

    // The department page is split by document: the task is on one of its pages.
    let (mut listed, mut as_support) = (Vec::new(), Vec::new());
    for rel in list_pages(s, KEJITING) {
        let dept = s.page(&rel).doc();
        let lead = section(&dept, "牵头").expect("a lead section on the department page");
        let support = section(&dept, "配合").expect("a support section");
        let names = |el| {
            links_in(&rel, el)
                .into_iter()
                .filter(|(p, f, _)| p == KEJI && f.as_deref() == Some(anchor.as_str()))
                .map(|(_, _, t)| t)
                .collect::<Vec<_>>()
        };
        listed.extend(names(lead));
        as_support.extend(names(support));
    }
    assert_eq!(
        listed.len(),
        1,
        "task {anchor} in the lead section: {listed:?}"
    );
    assert!(listed[0].contains("卡脖子"), "{listed:?}");
    assert!(as_support.is_empty(), "listed as support too");
    assert!(s.exists(KEJI, Some(&anchor)));
}

#[test]
fn the_high_tech_enterprise_indicator_shows_each_value_with_its_source() {
    let s = site();
    let doc = s.page(HTE).doc();
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), "高新技术企业");
    let svg = doc
        .select(&sel(r#"main svg[role="group"]"#))
        .next()
        .expect("an inline chart");
    // The chart is named and described for screen readers by elements of
    // its own.
    for attr in ["aria-labelledby", "aria-describedby"] {
        let label = svg.value().attr(attr).unwrap_or_default();
        assert!(
            !label.is_empty()
                && label
                    .split_whitespace()
                    .all(|id| s.page(HTE).ids.contains(id)),
            "{attr}={label:?}"
        );
    }

    let table = doc.select(&sel("main table")).next().unwrap();
    let heads: Vec<String> = table.select(&sel("thead th")).map(text).collect();
    let col = |name: &str| {
        heads
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {heads:?}"))
    };
    let (year, value, edition) = (col("年份"), col("目标值"), col("版本"));
    let rows: Vec<Vec<ElementRef>> = table
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&sel("td, th")).collect())
        .collect();
    for (want, column, label) in [
        ("2.3万家", edition, "2022"),
        ("3.5万家", year, "2024"),
        ("3.8万家", year, "2025"),
    ] {
        let row = rows
            .iter()
            .find(|r| text(r[value]) == want && text(r[column]) == label)
            .unwrap_or_else(|| {
                panic!("no row {want} with {} {label}", heads[column]);
            });
        let links = links_in(HTE, row[value]);
        assert_eq!(links.len(), 1, "{want}: {links:?}");
        let (path, frag, _) = &links[0];
        assert!(path.starts_with("plans/"), "{want} links to {path}");
        let frag = frag.as_deref().expect("a link to the sentence");
        assert!(
            s.exists(path, Some(frag)),
            "{want}: {path}#{frag} is missing"
        );
        // The anchor is the place that states the value.
        let source = s.page(path).doc();
        let stated = source
            .select(&sel(&format!("[id=\"{frag}\"]")))
            .next()
            .map(text)
            .unwrap_or_default();
        assert!(stated.contains(want), "{path}#{frag} says {stated:?}");
    }
}

#[test]
fn the_traditional_document_and_its_simplified_twin_link_each_other() {
    let s = site();
    let hant: Vec<&String> = s
        .pages
        .keys()
        .filter(|p| p.starts_with("documents/") && p.ends_with("-hant/index.html"))
        .collect();
    assert!(!hant.is_empty(), "no Traditional document page");
    for page in hant {
        assert_eq!(s.page(page).lang.as_deref(), Some("zh-Hant"), "{page}");
        let twin = page.replace("-hant/index.html", "/index.html");
        let twin_lang = s.page(&twin).lang.clone().unwrap_or_default();
        assert!(
            twin_lang == "zh-CN" || twin_lang == "zh-Hans",
            "{twin}: lang={twin_lang}"
        );
        for (from, to, lang) in [
            (page, &twin, &twin_lang),
            (&twin, page, &"zh-Hant".to_string()),
        ] {
            let doc = s.page(from).doc();
            let main = doc.select(&sel("main")).next().unwrap();
            let link = main
                .select(&sel("a[href]"))
                .find(|a| {
                    resolve(from, a.value().attr("href").unwrap()).map(|r| r.0) == Some(to.clone())
                })
                .unwrap_or_else(|| panic!("{from} does not link {to}"));
            assert_eq!(
                link.value().attr("hreflang"),
                Some(lang.as_str()),
                "{from} → {to}"
            );
        }
    }
}

#[test]
fn the_science_plan_links_its_earlier_edition_and_their_comparison() {
    let s = site();
    for (from, other) in [(KEJI, KEJI_2022), (KEJI_2022, KEJI)] {
        let targets: BTreeSet<String> = s
            .page(from)
            .links
            .iter()
            .filter_map(|l| resolve(from, &l.href).map(|r| r.0))
            .collect();
        assert!(targets.contains(other), "{from} does not link {other}");
        assert!(
            targets.contains(KEJI_COMPARE),
            "{from} does not link the comparison"
        );
    }
    let compare = s.page(KEJI_COMPARE).doc();
    let row = compare
        .select(&sel("table tbody tr"))
        .find(|tr| {
            tr.select(&sel(r#"th[scope="row"]"#))
                .next()
                .is_some_and(|th| text(th) == "高新技术企业")
        })
        .expect("高新技术企业 in the comparison");
    let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
    assert_eq!(cells.first().map(String::as_str), Some("提高"), "{cells:?}");
    // Both editions' values are there, linked to their targets on the
    // indicator's page (the row's name is not a link: its values are).
    let links = links_in(KEJI_COMPARE, row);
    assert!(
        links.len() >= 2 && links.iter().all(|(p, _, _)| p == HTE),
        "{links:?}"
    );
    for (path, frag, t) in links {
        assert!(s.exists(&path, frag.as_deref()), "{t}: {path}#{frag:?}");
    }
    let joined = cells.join(" | ");
    assert!(
        joined.contains("2.3万家") && joined.contains("3.8万家"),
        "{joined}"
    );
}

#[test]
fn departments_in_task_meta_and_goal_targets_resolve() {
    let s = site();
    let mut departments = 0;
    let mut broken = Vec::new();
    for (rel, page) in &s.pages {
        if !page.html.contains("task-meta") {
            continue;
        }
        let doc = page.doc();
        for a in doc.select(&sel("dl.task-meta a.dept")) {
            departments += 1;
            let href = a.value().attr("href").unwrap();
            match resolve(rel, href) {
                Some((p, _)) if p.starts_with("departments/") && s.exists(&p, None) => {}
                _ => broken.push(format!("{rel}: {} → {href}", text(a))),
            }
        }
    }
    assert!(departments > 900, "only {departments} department mentions");
    assert!(broken.is_empty(), "{} broken: {broken:#?}", broken.len());

    // The goal paragraph of the science plan marks each target it states.
    let plan = s.page(KEJI).doc();
    let heading = plan
        .select(&sel("h3"))
        .find(|h| text(*h).starts_with("工作目标"))
        .expect("a 工作目标 heading");
    let goal = heading
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .expect("the goal paragraph");
    assert_eq!(goal.value().name(), "p");
    let targets: Vec<String> = goal.select(&sel("a.target")).map(text).collect();
    for want in [
        "全社会研发经费投入年均增长10%左右",
        "高新技术企业2024年突破3.5万家",
        "2025年突破3.8万家",
        "规模以上高新技术产业产值占规模以上工业总产值比重2024年达到52%",
    ] {
        assert!(
            targets.iter().any(|t| t == want),
            "{want} not marked: {targets:?}"
        );
    }
    // Every target link of the site lands on its row of an indicator page.
    let mut count = 0;
    for (rel, page) in &s.pages {
        for l in page
            .links
            .iter()
            .filter(|l| l.class.split(' ').any(|c| c == "target"))
        {
            count += 1;
            let (path, frag) = resolve(rel, &l.href).unwrap();
            assert!(
                path.starts_with("indicators/")
                    && frag.is_some()
                    && s.exists(&path, frag.as_deref()),
                "{rel}: target {:?} → {}",
                l.text,
                l.href
            );
        }
    }
    assert!(count >= 1000, "{count} target links");
}

#[test]
fn every_page_is_within_three_clicks_of_the_home_page() {
    let s = site();
    let mut depth: HashMap<&str, usize> = HashMap::from([("index.html", 0)]);
    let mut queue = VecDeque::from(["index.html"]);
    while let Some(from) = queue.pop_front() {
        let d = depth[from];
        if d == 3 {
            continue;
        }
        for l in &s.page(from).links {
            let Some((path, _)) = resolve(from, &l.href) else {
                continue;
            };
            if let Some((key, _)) = s.pages.get_key_value(&path)
                && !depth.contains_key(key.as_str())
            {
                depth.insert(key, d + 1);
                queue.push_back(key);
            }
        }
    }
    // The error page is shown by the server for a missing address.
    let unreachable: Vec<&String> = s
        .pages
        .keys()
        .filter(|p| *p != "404.html" && !depth.contains_key(p.as_str()))
        .collect();
    assert!(s.pages.len() > 850, "{} pages", s.pages.len());
    assert!(
        unreachable.is_empty(),
        "{} pages are more than three clicks from index.html: {unreachable:#?}",
        unreachable.len()
    );
}

#[test]
fn deadlines_are_grouped_by_year_and_month_and_filterable_by_department() {
    let s = site();
    // /deadlines/ links each year; a year's pages hold its deadlines by month.
    let overview = s.page("deadlines/index.html").doc();
    let year_pages: Vec<String> = overview
        .select(&sel("main nav[aria-label=\"年份\"] a[href]"))
        .filter_map(|a| resolve("deadlines/index.html", a.value().attr("href")?))
        .map(|(p, _)| p)
        .collect();
    assert!(year_pages.len() > 2, "{year_pages:?}");
    let mut years = Vec::new();
    let mut items = 0;
    for first in &year_pages {
        let mut months = Vec::new();
        let mut y = String::new();
        for rel in list_pages(s, first) {
            let doc = s.page(&rel).doc();
            let options: BTreeSet<String> = doc
                .select(&sel("select#deadline-filter option"))
                .filter_map(|o| o.value().attr("value"))
                .filter(|v| !v.is_empty())
                .map(String::from)
                .collect();
            let sections: Vec<ElementRef> = doc.select(&sel("main section.year")).collect();
            assert_eq!(sections.len(), 1, "{rel}");
            let year = sections[0];
            let h2 = year.select(&sel("h2")).next().expect("a year heading");
            y = text(h2).chars().take(4).collect::<String>();
            assert!(y.parse::<u32>().is_ok(), "year heading {:?}", text(h2));
            for month in year.select(&sel("section.month")) {
                let h3 = month.select(&sel("h3")).next().expect("a month heading");
                let id = h3.value().attr("id").unwrap_or_default();
                let ym = id.trim_start_matches("d-").to_string();
                assert!(ym.starts_with(&format!("{y}-")), "{id} under {y}");
                assert!(text(h3).starts_with(&format!("{y}年")), "{}", text(h3));
                // A month that goes on from the page before is said once more.
                if months.last() != Some(&ym) {
                    months.push(ym.clone());
                }
                for li in month.select(&sel("ul.timeline > li")) {
                    items += 1;
                    let depts = li
                        .value()
                        .attr("data-departments")
                        .unwrap_or_else(|| panic!("an item of {ym} has no data-departments"));
                    for d in depts.split_whitespace() {
                        assert!(
                            s.exists(&format!("departments/{d}/index.html"), None),
                            "{ym}: no page for department {d}"
                        );
                        assert!(options.contains(d), "{d} cannot be chosen in the filter");
                    }
                    let date = li
                        .select(&sel("time[datetime]"))
                        .next()
                        .and_then(|t| t.value().attr("datetime"))
                        .unwrap_or_default();
                    assert!(date.starts_with(&ym), "{date} listed under {ym}");
                }
            }
        }
        assert!(!months.is_empty(), "{y} has no month");
        assert!(months.windows(2).all(|w| w[0] < w[1]), "{y}: {months:?}");
        years.push(y);
    }
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    let site_json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.public().join("data/site.json")).unwrap()).unwrap();
    assert_eq!(items, site_json["deadlines"].as_array().unwrap().len());
}

#[test]
fn the_matrix_is_a_table_whose_counts_match_the_department_pages() {
    let s = site();
    // /matrix/ lists the plan families; each family's matrix is in pages.
    let overview = s.page("matrix/index.html").doc();
    let families: Vec<String> = overview
        .select(&sel("main table tbody th a[href]"))
        .filter_map(|a| resolve("matrix/index.html", a.value().attr("href")?))
        .map(|(p, _)| p)
        .collect();
    assert!(families.len() > 1, "{families:?}");
    let mut columns = 0;
    let mut depts: BTreeSet<String> = BTreeSet::new();
    let mut dept_pages: HashMap<String, Html> = HashMap::new();
    for rel in families.iter().flat_map(|f| list_pages(s, f)) {
        let rel = rel.as_str();
        let doc = s.page(rel).doc();
        let table = doc
            .select(&sel("main table.matrix"))
            .next()
            .expect("a table");
        let heads: Vec<ElementRef> = table.select(&sel("thead th")).collect();
        assert!(heads.len() > 3, "{rel}");
        columns += heads.len() - 3;
        assert!(heads.iter().all(|h| h.value().attr("scope") == Some("col")));
        let plan_of: Vec<Option<String>> = heads
            .iter()
            .map(|h| {
                let a = h.select(&sel("a[href]")).next()?;
                let (p, _) = resolve(rel, a.value().attr("href")?)?;
                Some(
                    p.trim_start_matches("plans/")
                        .trim_end_matches("/index.html")
                        .to_string(),
                )
            })
            .collect();
        for tr in table.select(&sel("tbody tr")) {
            let cells: Vec<ElementRef> = tr.children().filter_map(ElementRef::wrap).collect();
            assert_eq!(cells.len(), heads.len(), "row {}", text(tr));
            assert_eq!(cells[0].value().name(), "th");
            assert_eq!(cells[0].value().attr("scope"), Some("row"));
            let dept_link = cells[0].select(&sel("a[href]")).next().unwrap();
            let (dept, _) = resolve(rel, dept_link.value().attr("href").unwrap()).unwrap();
            depts.insert(dept);
            let (mut lead_sum, mut support_sum) = (0, 0);
            for (i, cell) in cells.iter().enumerate() {
                let Some(plan) = &plan_of[i] else { continue };
                // The visible count; a visually hidden sentence follows it.
                let Some(a) = cell.select(&sel("a")).next() else {
                    continue;
                };
                let shown = a.text().next().unwrap_or_default().to_string();
                let (lead, support) = match shown.split_once('/') {
                    Some((l, s)) => (l.parse::<usize>().unwrap(), s.parse::<usize>().unwrap()),
                    None => (0, 0),
                };
                lead_sum += lead;
                support_sum += support;
                // The cell links to the page of the department page that lists the plan's tasks.
                let (page_rel, _) = resolve(rel, a.value().attr("href").unwrap()).unwrap();
                let page = dept_pages
                    .entry(page_rel.clone())
                    .or_insert_with(|| s.page(&page_rel).doc());
                let listed = |kind: &str| {
                    page.select(&sel(&format!("h4[id=\"{kind}-{plan}\"]")))
                        .next()
                        .and_then(|h| h.next_siblings().filter_map(ElementRef::wrap).next())
                        .map(|ul| ul.select(&sel("li")).count())
                        .unwrap_or(0)
                };
                assert_eq!(
                    (lead, support),
                    (listed("lead"), listed("support")),
                    "{} × {plan}: the matrix says {shown:?}",
                    text(cells[0])
                );
            }
            let totals = (
                text(cells[1]).parse().unwrap(),
                text(cells[2]).parse().unwrap(),
            );
            assert_eq!((lead_sum, support_sum), totals, "{}", text(cells[0]));
        }
    }
    assert!(columns > 10, "{columns} plans in the matrix");
    assert!(
        depts.len() > 50,
        "{} departments in the matrix",
        depts.len()
    );
}

#[test]
fn every_page_has_one_h1_a_main_a_language_and_no_skipped_heading_level() {
    let s = site();
    let mut problems = Vec::new();
    for (rel, page) in &s.pages {
        if page.h1 != 1 {
            problems.push(format!("{rel}: {} <h1>", page.h1));
        }
        if page.mains != 1 {
            problems.push(format!("{rel}: {} <main>", page.mains));
        }
        if page.lang.as_deref().is_none_or(str::is_empty) {
            problems.push(format!("{rel}: no lang on <html>"));
        }
        let mut previous = 0;
        for (level, title) in &page.headings {
            if *level > previous + 1 {
                problems.push(format!("{rel}: <h{level}> {title:?} follows <h{previous}>"));
            }
            previous = *level;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems: {problems:#?}",
        problems.len()
    );
}

/// Runs the gazette binary in `root` with the fixed build date.
fn gazette(root: &Path, command: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("--root")
        .arg(root)
        .arg(command)
        .output()
        .unwrap()
}

#[test]
fn two_builds_of_the_same_seeds_are_byte_identical() {
    let first = site();
    // Built again elsewhere, by another process.
    let again = common::seeds_site();
    let out = gazette(again.path(), "build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = |p: &Path| {
        let mut v = Vec::new();
        pages::walk(p, "", &mut v);
        v
    };
    let (a, b) = (first.public(), again.path().join("public"));
    let files = list(&a);
    assert_eq!(files, list(&b), "the two builds wrote different files");
    assert!(files.iter().any(|f| f.starts_with("pagefind/")));
    let differ: Vec<&String> = files
        .iter()
        .filter(|f| std::fs::read(a.join(f)).unwrap() != std::fs::read(b.join(f)).unwrap())
        .collect();
    assert!(
        differ.is_empty(),
        "{} files differ: {differ:#?}",
        differ.len()
    );
}

#[test]
fn gazette_check_passes_on_the_built_site() {
    let s = site();
    let report = check_output_with(
        &s.public(),
        &CheckOptions {
            skip: vec!["pagefind/".into()],
        },
    )
    .unwrap();
    let diags: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(report.pages, s.pages.len());
    assert!(
        report.links > 10_000 && report.anchors_checked > 1000,
        "{report:?}"
    );

    let out = gazette(s.dir.path(), "check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("checked "))
        .unwrap_or_else(|| panic!("no summary line in {stdout}"));
    assert!(
        summary.starts_with(&format!("checked {} pages: ", s.pages.len()))
            && summary.ends_with("; 0 errors, 0 warnings"),
        "{summary}"
    );
}
