use super::*;
use std::fs;
use std::path::PathBuf;

/// A page whose body starts on line 5.
fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>t</title></head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// Writes `files` under `<tmp>/public` and returns (tempdir, public).
fn site(files: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    for (rel, text) in files {
        let path = public.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    (tmp, public)
}

fn shown(report: &CheckReport) -> Vec<String> {
    report.diagnostics.iter().map(|d| d.to_string()).collect()
}

/// A small clean site: every link, anchor, sitemap entry and entity is good.
fn clean_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "index.html",
            page(
                "<a href=\"plans/\">plans</a>\n\
                 <a href=\"plans/x/\">x</a> <a href=\"plans/x/#task-1\">task</a>\n\
                 <link href=\"assets/style.css\" rel=\"stylesheet\">\n\
                 <a href=\"/departments/d/\">d</a> <a href=\"https://example.org/\">out</a>\n\
                 <a href=\"mailto:a@example.org\">mail</a> <a href=\"#top\">top</a>\n\
                 <form role=\"search\" action=\"search/\"><input type=\"search\" name=\"q\"></form>\n",
            ),
        ),
        ("plans/index.html", page("<a href=\"x/index.html\">x</a>\n")),
        (
            "plans/x/index.html",
            page(
                "<h2 id=\"task-1\">一</h2><h2 id=\"任务-2\">二</h2>\n\
                 <a href=\"#%E4%BB%BB%E5%8A%A1-2\">二</a> <a href=\"#task-1\">一</a>\n\
                 <a href=\"../../indicators/y/#%E7%9B%AE%E6%A0%87\">目标</a>\n\
                 <script src=\"../../assets/site.js\"></script>\n",
            ),
        ),
        (
            "departments/d/index.html",
            page("<a href=\"../../plans/x/#任务-2\">二</a>\n"),
        ),
        (
            "indicators/y/index.html",
            page("<p id=\"目标\">目标</p><a name=\"old\"></a>\n"),
        ),
        ("search/index.html", page("<div id=\"search-app\"></div>\n")),
        ("assets/style.css", "body{}\n".to_string()),
        ("assets/site.js", "\n".to_string()),
        (
            "sitemap.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset>\n\
             <url><loc>https://example.org/gazette/</loc></url>\n\
             <url><loc>https://example.org/gazette/plans/x/</loc></url>\n\
             <url><loc>https://example.org/gazette/indicators/y/</loc></url>\n\
             </urlset>\n"
                .to_string(),
        ),
        (
            "data/site.json",
            serde_json::to_string_pretty(&serde_json::json!({
                "documents": [],
                "plans": [{ "id": "x", "url": "/plans/x/" }],
                "tasks": [{ "id": "x-1", "url": "/plans/x/#task-1" }],
                "departments": [{ "id": "d", "url": "/departments/d/" }],
                "indicators": [{ "id": "y", "url": "/indicators/y/" }],
                "targets": [{ "id": "y-1", "url": "/indicators/y/#%E7%9B%AE%E6%A0%87" }],
            }))
            .unwrap(),
        ),
    ]
}

#[test]
fn a_clean_site_has_no_diagnostics_and_counts_what_it_checked() {
    let (_tmp, public) = site(&clean_files());
    let report = check_output(&public).unwrap();
    assert_eq!(shown(&report), Vec::<String>::new());
    assert_eq!(report.pages, 6);
    // index 7 internal (https and mailto skipped), plans 1, x 4, d 1.
    assert_eq!(report.links, 13);
    // #task-1 and #top from index; two same-page and one Chinese from x;
    // one from d; two from site.json.
    assert_eq!(report.anchors_checked, 8);
    assert_eq!(report.entities, 5);
    assert_eq!(report.sitemap_entries, 3);
}

#[test]
fn broken_links_missing_anchors_and_parse_errors_are_reported_with_positions() {
    let mut files = clean_files();
    files.push((
        "plans/y/index.html",
        page(
            "<h2 id=\"task-1\">一</h2>\n\
             <a href=\"../../departments/nope/\">nope</a>\n\
             <a href=\"#task-99\">99</a> <a href=\"../x/#%E4%BB%BB%E5%8A%A1-3\">三</a>\n\
             <a href=\"../x\">x</a> <a href=\"../../../up/\">up</a>\n\
             <img src=\"/assets/missing.png\" alt=\"\">\n",
        ),
    ));
    files.push((
        "bad/index.html",
        page("<div>\n<p <b>x</b></p>\n</div></div>\n"),
    ));
    let (_tmp, public) = site(&files);
    let report = check_output(&public).unwrap();
    assert_eq!(
        shown(&report),
        vec![
            "public/bad/index.html:6:1: error: HTML parse error: Saw < in state BeforeAttributeName at `<p <b>`",
            "public/bad/index.html:6:8: error: HTML parse error: Found special tag while closing generic tag at `</b>`",
            "public/bad/index.html:7:7: error: HTML parse error: Unexpected token at `</div>`",
            "public/plans/y/index.html:6:10: error: broken link ../../departments/nope/ (no such page)",
            "public/plans/y/index.html:7:10: error: missing anchor #task-99 in plans/y/index.html",
            "public/plans/y/index.html:7:36: error: missing anchor #任务-3 in plans/x/index.html",
            "public/plans/y/index.html:8:10: warning: link ../x names a folder; end it with `/`",
            "public/plans/y/index.html:8:31: error: broken link ../../../up/ (leaves the site root)",
            "public/plans/y/index.html:9:11: error: broken link /assets/missing.png (no such page)",
        ]
    );
    assert!(report.diagnostics.has_errors());
}

#[test]
fn sitemap_entries_and_site_json_entities_without_pages_are_errors() {
    let mut files = clean_files();
    for (rel, text) in &mut files {
        if *rel == "sitemap.xml" {
            *text = text.replace(
                "</urlset>",
                "<url><loc>https://example.org/gazette/nope/</loc></url>\n</urlset>",
            );
        }
        if *rel == "data/site.json" {
            *text = serde_json::to_string_pretty(&serde_json::json!({
                "plans": [{ "id": "x", "url": "/plans/x/" }],
                "tasks": [
                    { "id": "x-1", "url": "/plans/x/#task-1" },
                    { "id": "x-9", "url": "/plans/x/#task-9" },
                    { "id": "x-0", "url": "/plans/x/" }
                ],
                "departments": [
                    { "id": "d", "url": "/departments/d/" },
                    { "id": "gone", "url": "/departments/gone/" },
                    { "id": "nourl" }
                ],
            }))
            .unwrap();
        }
    }
    let (_tmp, public) = site(&files);
    let report = check_output(&public).unwrap();
    assert_eq!(
        shown(&report),
        vec![
            "public/data/site.json:9:15: error: department gone: no page for /departments/gone/",
            "public/data/site.json:12:14: error: department nourl has no url",
            "public/data/site.json:28:15: error: task x-9: missing anchor #task-9 in plans/x/index.html",
            "public/data/site.json:32:15: error: task x-0: url /plans/x/ has no #anchor",
            "public/sitemap.xml:6:11: error: sitemap entry https://example.org/gazette/nope/ has no page",
        ]
    );
    assert_eq!(report.entities, 7);
    assert_eq!(report.sitemap_entries, 4);
}

#[test]
fn sitemap_without_base_path_resolves_too() {
    let mut files = clean_files();
    for (rel, text) in &mut files {
        if *rel == "sitemap.xml" {
            *text = text.replace("/gazette/", "/");
        }
    }
    let (_tmp, public) = site(&files);
    assert_eq!(shown(&check_output(&public).unwrap()), Vec::<String>::new());
}

#[test]
fn skipped_prefixes_are_not_parsed_but_remain_link_targets() {
    let mut files = clean_files();
    files.push(("vendor/index.html", page("<p <b>x</b></p>\n")));
    files.push((
        "plans/z/index.html",
        page("<a href=\"../../vendor/\">v</a>\n"),
    ));
    let (_tmp, public) = site(&files);
    let options = CheckOptions {
        skip: vec!["vendor/".to_string()],
    };
    let report = check_output_with(&public, &options).unwrap();
    assert_eq!(shown(&report), Vec::<String>::new());
    assert_eq!(report.pages, 7);
    assert!(!check_output(&public).unwrap().diagnostics.is_empty());
}

#[test]
fn reports_are_deterministic() {
    let mut files = clean_files();
    for i in 0..40 {
        let rel: &'static str = Box::leak(format!("p{i}/index.html").into_boxed_str());
        files.push((rel, page(&format!("<a href=\"../q{i}/\">q</a>\n</div>\n"))));
    }
    let (_tmp, public) = site(&files);
    let a = check_output(&public).unwrap();
    let b = check_output(&public).unwrap();
    assert_eq!(a.diagnostics, b.diagnostics);
    assert_eq!(a.diagnostics.errors(), 80);
    // Parse errors are located in the first pages with errors only.
    let unlocated: Vec<&Diagnostic> = a
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("position not looked up"))
        .collect();
    assert_eq!(unlocated.len(), 40 - LOCATE_PAGES);
    assert!(unlocated.iter().all(|d| d.line == 0));
    let located = a
        .diagnostics
        .iter()
        .find(|d| d.path == "public/p0/index.html" && d.message.starts_with("HTML"))
        .unwrap();
    assert_eq!((located.line, located.col), (6, 1));
    let paths: Vec<&str> = a.diagnostics.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn a_missing_output_folder_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(check_output(&tmp.path().join("public")).is_err());
}

#[test]
fn unit_ends_never_cut_inside_raw_text() {
    let text = "<p>a\nb</p><script>if (a<b) {}\n</script><!-- c > d -->x";
    let ends = locate::unit_ends(text);
    let script_start = text.find("<script>").unwrap() + "<script>".len();
    let script_end = text.find("</script>").unwrap();
    assert!(ends.iter().all(|&e| e <= script_start || e >= script_end));
    assert!(ends.contains(&(text.find("b</p>").unwrap())));
    assert!(ends.contains(&(text.find("x").unwrap())));
    assert_eq!(ends.last(), Some(&text.len()));
}

#[test]
fn unclosed_elements_are_placed_at_the_end_of_the_page() {
    let text = page("<div>\n<section>\n");
    let errors = locate::parse_errors(&text);
    let located = locate::locate_errors(&text, &errors);
    assert_eq!(
        errors,
        vec!["Unexpected open tag at end of body".to_string()]
    );
    assert_eq!((located[0].line, located[0].col), (8, 7));
}

#[test]
fn errors_after_raw_text_and_on_one_line_are_located_at_their_tag() {
    let text =
        page("<script>if (a<b && c>d) {}\n</script><div><span>x</span></div></div><p>y</p>\n");
    let errors = locate::parse_errors(&text);
    assert_eq!(errors, vec!["Unexpected token".to_string()]);
    let at = &locate::locate_errors(&text, &errors)[0];
    assert_eq!((at.line, at.col, at.excerpt.as_str()), (6, 35, "</div>"));
}
