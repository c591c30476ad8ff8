use super::*;

/// A part size that no test site reaches: the index is one part.
const BIG: usize = 1 << 30;

fn page(lang: &str, body: bool, title: &str, text: &str, filters: &[(&str, &str)]) -> Vec<u8> {
    let spans: String = filters
        .iter()
        .map(|(name, value)| {
            format!(r#"<span hidden data-pagefind-filter="{name}">{value}</span>"#)
        })
        .collect();
    let body_attr = if body { " data-pagefind-body" } else { "" };
    format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header>站点</header><nav>导航</nav><main{body_attr}><h1 data-pagefind-meta="title">{title}</h1>
<p>{text}</p>{spans}</main><footer>页脚</footer></body></html>"#
    )
    .into_bytes()
}

fn sample_site() -> BTreeMap<String, Vec<u8>> {
    let mut pages = BTreeMap::new();
    pages.insert(
        "documents/a/index.html".to_string(),
        page(
            "zh-CN",
            true,
            "关于支持高新技术企业发展的通知",
            "省财政厅会同省科技厅支持高新技术企业加大研发投入。",
            &[
                ("document", "关于支持高新技术企业发展的通知"),
                ("year", "2023"),
                ("department", "省财政厅"),
            ],
        ),
    );
    pages.insert(
        "documents/b/index.html".to_string(),
        page(
            "zh-Hant",
            true,
            "推動科技創新行動方案",
            "加強科技創新，完善產學研合作機制。",
            &[("document", "推動科技創新行動方案"), ("year", "2024")],
        ),
    );
    pages.insert(
        "plans/c/index.html".to_string(),
        page(
            "zh-CN",
            true,
            "数字经济发展规划",
            "推进数字经济和实体经济深度融合。",
            &[
                ("plan", "数字经济发展规划"),
                ("year", "2024"),
                ("department", "省发展改革委"),
            ],
        ),
    );
    pages.insert(
        "index.html".to_string(),
        page("zh-CN", false, "首页", "欢迎", &[]),
    );
    pages.insert(
        "search/index.html".to_string(),
        page("zh-CN", false, "搜索", "", &[]),
    );
    pages.insert("assets/style.css".to_string(), b"body{}".to_vec());
    pages
}

fn entry(bundle: &BTreeMap<String, Vec<u8>>) -> serde_json::Value {
    let bytes = bundle
        .get("pagefind/pagefind-entry.json")
        .expect("entry file");
    serde_json::from_slice(bytes).expect("entry is JSON")
}

fn count_ending(bundle: &BTreeMap<String, Vec<u8>>, suffix: &str) -> usize {
    bundle.keys().filter(|k| k.ends_with(suffix)).count()
}

#[test]
fn page_urls_name_directories_from_the_site_root() {
    assert_eq!(page_url("index.html"), "/");
    assert_eq!(page_url("plans/x/index.html"), "/plans/x/");
    assert_eq!(
        page_url("documents/2023-01/index.html"),
        "/documents/2023-01/"
    );
    assert_eq!(page_url("404.html"), "/404.html");
    assert_eq!(page_url("a b/index.html"), "/a%20b/");
    assert_eq!(page_url("部门/index.html"), "/部门/");
}

#[test]
fn bundle_holds_the_engine_and_one_chinese_index_without_the_ui() {
    let bundle = index_pages(&sample_site(), BIG).unwrap();
    assert!(
        bundle.keys().all(|k| k.starts_with(BUNDLE_DIR)),
        "{:?}",
        bundle.keys()
    );
    for needed in ["pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind"] {
        let path = format!("{BUNDLE_DIR}{needed}");
        assert!(
            bundle.get(&path).is_some_and(|b| !b.is_empty()),
            "missing {path}"
        );
    }
    for unused in UNUSED_FILES {
        assert!(!bundle.contains_key(&format!("{BUNDLE_DIR}{unused}")));
    }

    // One language, holding the Simplified and the Traditional pages, and
    // only the pages that opted in with data-pagefind-body.
    let entry = entry(&bundle);
    let languages = entry["languages"].as_object().unwrap();
    assert_eq!(languages.keys().collect::<Vec<_>>(), vec![INDEX_LANGUAGE]);
    assert_eq!(languages[INDEX_LANGUAGE]["page_count"], 3);
    let meta_hash = languages[INDEX_LANGUAGE]["hash"].as_str().unwrap();
    assert!(bundle.contains_key(&format!("{BUNDLE_DIR}pagefind.{meta_hash}.pf_meta")));

    assert_eq!(count_ending(&bundle, ".pf_fragment"), 3);
    assert!(count_ending(&bundle, ".pf_index") >= 1);
    // document, plan, department, year
    assert_eq!(count_ending(&bundle, ".pf_filter"), 4);
}

#[test]
fn indexing_is_deterministic() {
    let site = sample_site();
    let first = index_pages(&site, BIG).unwrap();
    let second = index_pages(&site, BIG).unwrap();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two runs");
    }
}

/// `site` with the text of its page `plans/c` changed.
fn with_plan_c_edited(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut edited = site.clone();
    edited.insert(
        "plans/c/index.html".to_string(),
        page(
            "zh-CN",
            true,
            "数字经济发展规划",
            "推进数据要素市场化配置。",
            &[("plan", "数字经济发展规划")],
        ),
    );
    edited
}

#[test]
fn changed_text_changes_the_hashed_files() {
    let site = sample_site();
    let edited = with_plan_c_edited(&site);
    let before = index_pages(&site, BIG).unwrap();
    let after = index_pages(&edited, BIG).unwrap();
    assert_ne!(entry(&before), entry(&after));
    assert_eq!(
        before[&format!("{BUNDLE_DIR}pagefind.js")],
        after[&format!("{BUNDLE_DIR}pagefind.js")]
    );
}

#[test]
fn a_page_that_is_not_utf8_is_an_error_naming_it() {
    let mut site = sample_site();
    site.insert(
        "documents/bad/index.html".to_string(),
        vec![0xff, 0xfe, b'<'],
    );
    let error = format!("{:#}", index_pages(&site, BIG).unwrap_err());
    assert!(error.contains("documents/bad/index.html"), "{error}");
}

#[test]
fn no_pages_give_an_engine_without_indexes() {
    let bundle = index_pages(&BTreeMap::new(), BIG).unwrap();
    assert!(bundle.contains_key(&format!("{BUNDLE_DIR}pagefind.js")));
    assert!(entry(&bundle)["languages"].as_object().unwrap().is_empty());
    assert_eq!(count_ending(&bundle, ".pf_fragment"), 0);
}

#[test]
fn ignored_blocks_are_left_out_before_indexing_but_filters_stay() {
    let html = concat!(
        "<main data-pagefind-body><p>正文</p>",
        "<section data-pagefind-ignore><section><p>内层</p></section><p>外层</p></section>",
        "<a href=\"#x\" data-pagefind-ignore>#</a><abbr>简称</abbr>",
        "<span hidden data-pagefind-ignore data-pagefind-filter=\"year\">2024</span>",
        "<dl data-pagefind-ignore><dt><span data-pagefind-meta=\"x\">m</span></dt></dl>",
        "<p>结尾</p></main>"
    );
    let out = without_ignored(html);
    assert_eq!(
        out,
        concat!(
            "<main data-pagefind-body><p>正文</p><abbr>简称</abbr>",
            "<span hidden data-pagefind-ignore data-pagefind-filter=\"year\">2024</span>",
            "<dl data-pagefind-ignore><dt><span data-pagefind-meta=\"x\">m</span></dt></dl>",
            "<p>结尾</p></main>"
        )
    );
    // An element whose end is missing is kept as it is.
    let broken = "<p>a</p><div data-pagefind-ignore><p>b</p>";
    assert_eq!(without_ignored(broken), broken);
}

#[test]
fn a_small_budget_splits_the_index_into_parts_listed_in_parts_json() {
    let site = sample_site();
    let mut indexer = ShardedIndexer::new(1);
    for (path, html) in &site {
        indexer.add(path, html).unwrap();
    }
    let bundle = indexer.finish().unwrap();
    // Three searchable pages, one per part; the home page is not searched.
    let parts: Vec<String> =
        serde_json::from_slice(&bundle[&format!("{BUNDLE_DIR}{PARTS_FILE}")]).unwrap();
    assert_eq!(parts, ["part-2/", "part-3/"]);
    for dir in ["", "part-2/", "part-3/"] {
        let entry: serde_json::Value =
            serde_json::from_slice(&bundle[&format!("{BUNDLE_DIR}{dir}pagefind-entry.json")])
                .unwrap();
        assert_eq!(entry["languages"][INDEX_LANGUAGE]["page_count"], 1, "{dir}");
        assert!(bundle.contains_key(&format!("{BUNDLE_DIR}{dir}pagefind.js")));
    }
    assert_eq!(count_ending(&bundle, ".pf_fragment"), 3);

    // Under the budget, one part and an empty list: the bundle of before.
    let whole = index_pages(&site, BIG).unwrap();
    assert_eq!(whole[&format!("{BUNDLE_DIR}{PARTS_FILE}")], b"[]\n");
    assert!(!whole.keys().any(|k| k.contains("part-")));
}

#[test]
fn pages_given_whole_are_cut_into_the_parts_a_build_makes() {
    let site = sample_site();
    // A budget that two of the three searched pages pass: parts of 1 and 2 pages.
    let sizes: Vec<usize> = site
        .iter()
        .filter_map(|(p, h)| searchable_html(p, h).unwrap())
        .map(|s| s.len())
        .collect();
    assert_eq!(sizes.len(), 3);
    let budget = sizes[0] + 1;
    let mut indexer = ShardedIndexer::new(budget);
    for (path, html) in &site {
        indexer.add(path, html).unwrap();
    }
    let streamed = indexer.finish().unwrap();
    let whole = index_pages(&site, budget).unwrap();
    assert_eq!(
        streamed.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>()
    );
    assert!(streamed == whole, "the same files, byte for byte");
    // Handed on part by part (as a build writes them), the same files,
    // and nothing of the parts is held to the end.
    let mut handed: Vec<Bundle> = Vec::new();
    let mut indexer = ShardedIndexer::handing_on(
        budget,
        Box::new(|files: Bundle| {
            handed.push(files);
            Ok(())
        }),
    );
    for (path, html) in &site {
        indexer.add(path, html).unwrap();
    }
    let rest = indexer.finish().unwrap();
    assert_eq!(
        rest.keys().collect::<Vec<_>>(),
        [&format!("{BUNDLE_DIR}{PARTS_FILE}")]
    );
    assert_eq!(handed.len(), 2, "one hand-over per part");
    let mut together = rest;
    for part in handed {
        together.extend(part);
    }
    assert!(together == whole, "the same files, byte for byte");
    let parts: Vec<String> =
        serde_json::from_slice(&whole[&format!("{BUNDLE_DIR}{PARTS_FILE}")]).unwrap();
    assert_eq!(parts, ["part-2/"]);
}

#[test]
fn after_an_edit_only_the_part_holding_the_changed_page_is_indexed_again() {
    let site = sample_site();
    let mut cache = PartCache::default();
    // One page per part.
    let first = index_pages_reusing(&site, 1, &mut cache).unwrap();
    assert_eq!((cache.indexed, cache.total), (3, 3));
    let again = index_pages_reusing(&site, 1, &mut cache).unwrap();
    assert_eq!((cache.indexed, cache.total), (0, 3));
    assert!(again == first);

    // The last page (plans/c) changes: part 3 alone is made again, and the
    // whole is what a fresh index of the edited pages gives.
    let edited = with_plan_c_edited(&site);
    let after = index_pages_reusing(&edited, 1, &mut cache).unwrap();
    assert_eq!((cache.indexed, cache.total), (1, 3));
    let fresh = index_pages(&edited, 1).unwrap();
    assert!(
        after == fresh,
        "reused parts give the bundle a fresh index gives"
    );
    assert_ne!(
        after[&format!("{BUNDLE_DIR}part-3/pagefind-entry.json")],
        first[&format!("{BUNDLE_DIR}part-3/pagefind-entry.json")]
    );
    assert_eq!(
        after[&format!("{BUNDLE_DIR}pagefind-entry.json")],
        first[&format!("{BUNDLE_DIR}pagefind-entry.json")]
    );

    // A different part size is a different index: nothing is reused.
    index_pages_reusing(&edited, BIG, &mut cache).unwrap();
    assert_eq!((cache.indexed, cache.total), (1, 1));
}

#[test]
fn a_traditional_page_is_also_indexed_folded_to_simplified() {
    let html = concat!(
        r#"<!doctype html><html lang="zh-Hant"><head><title>推動數字經濟發展</title></head><body>"#,
        r#"<main data-pagefind-body><h1 data-pagefind-meta="title">推動數字經濟發展</h1>"#,
        r#"<span hidden data-pagefind-ignore data-pagefind-filter="year">2024年</span>"#,
        r#"<p>加快數字經濟&amp;實體經濟融合。</p></main></body></html>"#
    );
    let part = searchable_part(html).unwrap();
    // The text as printed, then the folded copy after the mark, inside the body.
    let copy_at = part.find(FOLDED_MARK).expect("a folded copy");
    assert!(
        part[..copy_at].contains("加快數字經濟&amp;實體經濟融合"),
        "{part}"
    );
    let copy = &part[copy_at..];
    assert!(copy.contains("推动数字经济发展"), "{copy}");
    assert!(copy.contains("加快数字经济&amp;实体经济融合"), "{copy}");
    // Facets are not copied: the year is a filter, not text.
    assert!(!copy.contains("2024"), "{copy}");
    assert!(
        copy.find("</p>").unwrap() < copy.find("</main>").unwrap(),
        "{copy}"
    );
    // What a reader is shown of it is the text as printed.
    let text = searched_text(html).unwrap();
    assert!(text.contains("加快數字經濟&實體經濟融合"), "{text}");
    assert!(!text.contains("数字经济"), "{text}");

    // A Simplified page has no copy.
    let simplified = String::from_utf8(page("zh-CN", true, "数字经济", "正文。", &[])).unwrap();
    assert!(!searchable_part(&simplified).unwrap().contains(FOLDED_MARK));
    assert!(is_traditional(r#"<html lang="zh-TW">"#));
    assert!(!is_traditional(r#"<html lang="zh-CN">"#));
}

#[test]
fn the_index_holds_a_traditional_pages_text_as_printed_and_folded() {
    let mut site = BTreeMap::new();
    site.insert(
        "documents/t/index.html".to_string(),
        page(
            "zh-Hant",
            true,
            "推動數字經濟發展",
            "加快數字經濟和實體經濟融合。",
            &[],
        ),
    );
    let bundle = index_pages(&site, BIG).unwrap();
    // The page's text, as printed and folded, is what the index holds.
    let entry = entry(&bundle);
    assert_eq!(entry["languages"][INDEX_LANGUAGE]["page_count"], 1);
    let fragment = bundle
        .iter()
        .find(|(k, _)| k.ends_with(".pf_fragment"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let mut json = String::new();
    use std::io::Read;
    flate2::read::GzDecoder::new(&fragment[..])
        .read_to_string(&mut json)
        .unwrap();
    // Pagefind puts a zero-width space between the words it segments.
    let json = json.replace('\u{200b}', "");
    assert!(json.contains("数字经济"), "{json}");
    assert!(json.contains("數字經濟"), "{json}");
}
