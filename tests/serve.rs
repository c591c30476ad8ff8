//! `gazette serve` over HTTP on the real seeds site: changes to content,
//! templates and seeds show up; a broken template keeps the last good site
//! and reports the error; deleted documents answer 404; the served site
//! equals what `build` writes; the HTTP rules hold; Ctrl-C stops it.

mod common;
mod serve_support;

use serve_support::{Serve, save};
use std::path::Path;
use std::time::Duration;

const DOC: &str = "/documents/guofa-2024-5/";
const TITLE: &str = "国务院关于进一步规范和监督罚款设定与实施的指导意见";

const NEW_SEED: &str = "山东省人民政府办公厅关于开展预览测试工作的通知
鲁政办字〔2025〕99号
各市人民政府，省政府各部门、各直属机构：
为做好预览测试工作，现将有关事项通知如下。
一、工作目标
到2025年，测试覆盖率达到95%以上。
山东省人民政府办公厅
2025年3月1日
";
const NEW_DOC: &str = "/documents/luzhengbanzi-2025-99/";

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from}", path.display());
    save(path, &text.replacen(from, to, 1));
}

#[test]
fn serve_follows_every_kind_of_change_and_equals_a_build() {
    let dir = common::seeds_site();
    let root = dir.path();
    let serve = Serve::start(root, &[]);
    serve.wait_settled();
    let home = serve.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains("/__gazette/live.js"),
        "live reload script"
    );
    assert!(serve.get(DOC).text().contains(TITLE));

    // A content file.
    edit(
        &root.join("content/guofa-2024-5/index.md"),
        &format!("title = \"{TITLE}\""),
        "title = \"罚款设定指导意见(预览修订)\"",
    );
    serve.wait_for(DOC, "the edited title", |r| {
        r.text().contains("罚款设定指导意见(预览修订)")
    });

    // A template of the site's own, overriding the default.
    let base = std::fs::read_to_string(common::repo().join("theme/templates/base.html")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let marked = base.replace(
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer\"><p>预览标记一</p>",
    );
    save(&root.join("templates/base.html"), &marked);
    serve.wait_for("/", "the template change", |r| {
        r.text().contains("预览标记一")
    });

    // A new seed is imported; then edited, it is imported again.
    save(&root.join("seeds/900_preview.txt"), NEW_SEED);
    let page = serve.wait_for(NEW_DOC, "the new seed's document", |r| r.status == 200);
    assert!(page.text().contains("关于开展预览测试工作的通知"));
    save(
        &root.join("seeds/900_preview.txt"),
        &NEW_SEED.replace("预览测试工作", "预览联调工作"),
    );
    serve.wait_for(NEW_DOC, "the edited seed", |r| {
        r.text().contains("关于开展预览联调工作的通知")
    });

    // A broken template: the error shows (file and line), the last good site stays.
    let version = serve.state()["version"].as_u64().unwrap();
    save(
        &root.join("templates/base.html"),
        &marked.replace("<p>预览标记一</p>", "<p>{% if %}预览标记二</p>"),
    );
    let state = wait_state(&serve, |s| !s["errors"].as_array().unwrap().is_empty());
    let errors = state["errors"].to_string();
    assert!(errors.contains("templates/base.html:"), "{errors}");
    assert!(state["version"].as_u64().unwrap() > version);
    let still = serve.get("/");
    assert_eq!(still.status, 200);
    assert!(
        still.text().contains("预览标记一"),
        "the last good page is served"
    );
    // Fixing it clears the error.
    save(
        &root.join("templates/base.html"),
        &marked.replace("预览标记一", "预览标记三"),
    );
    serve.wait_for("/", "the fixed template", |r| {
        r.text().contains("预览标记三")
    });
    assert_eq!(serve.state()["errors"], serde_json::json!([]));

    // The settings: every page shows the new site title (no content
    // changed, so this checks that the settings count among the views'
    // inputs).
    save(&root.join("site.toml"), "title = \"预览站点名\"\n");
    serve.wait_for(DOC, "the new site title", |r| {
        r.text().contains("预览站点名")
    });
    // The department table: a department added to it is no longer marked
    // as outside the table (the model must be built again).
    let csv = serve.get("/data/departments.csv").text();
    let id = csv
        .lines()
        .find_map(|l| l.split_once(",联席办,").map(|(id, _)| id))
        .expect("联席办 is named in the seeds")
        .to_string();
    let page = format!("/departments/{id}/");
    assert!(serve.get(&page).text().contains("不在部门表中"));
    let table = root.join("data/departments.toml");
    let text = std::fs::read_to_string(&table).unwrap();
    save(
        &table,
        &format!("{text}\n[[department]]\nname = \"联席办\"\n"),
    );
    serve.wait_for(&page, "the department now in the table", |r| {
        r.status == 200 && !r.text().contains("不在部门表中")
    });

    // A deleted seed: its document is gone.
    std::fs::remove_file(root.join("seeds/900_preview.txt")).unwrap();
    let gone = serve.wait_for(NEW_DOC, "the deleted document's 404", |r| r.status == 404);
    assert!(gone.text().contains("404"), "the site's 404 page");

    // The preview after all these changes is exactly a fresh build.
    serve.wait_settled();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("--root")
        .arg(root)
        .arg("build")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = root.join("public");
    let mut compared = 0;
    for (rel, bytes) in files_under(&public) {
        let served = serve.get(&format!("/{rel}"));
        assert_eq!(served.status, 200, "{rel}");
        let body = if rel.ends_with(".html") {
            gazette::serve::strip_live_script(&served.body)
        } else {
            served.body
        };
        if body != bytes {
            let (a, b) = (
                String::from_utf8_lossy(&body),
                String::from_utf8_lossy(&bytes),
            );
            let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            panic!("{rel} differs between serve and build: first differing line {line:?}");
        }
        compared += 1;
    }
    assert!(compared > 1000, "{compared} files");
}

fn wait_state(serve: &Serve, check: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let s = serve.state();
        if check(&s) {
            return s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "state never came: {s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn files_under(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn serve_is_safe_to_leave_running_and_stops_on_ctrl_c() {
    let dir = common::seeds_site();
    let serve = Serve::start(dir.path(), &["--poll"]);
    serve.wait_settled();
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/seeds/000_71a2fd0bf5b143a7.txt",
        "/documents/..%2f..%2fseeds%2f000_71a2fd0bf5b143a7.txt",
        "/%5c..%5csite.toml",
    ] {
        assert_eq!(serve.get(target).status, 400, "{target}");
    }
    assert_eq!(serve.request("POST", "/").status, 405);
    assert_eq!(serve.request("DELETE", "/index.html").status, 405);
    let head = serve.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let missing = serve.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html"), "the 404 page");
    for (path, ty) in [
        ("/assets/style.css", "text/css"),
        ("/data/site.json", "application/json"),
        ("/pagefind/pagefind.js", "text/javascript"),
        ("/pagefind/wasm.unknown.pagefind", "application/wasm"),
    ] {
        let r = serve.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("Content-Type").unwrap().starts_with(ty), "{path}");
    }
    // With --poll, changes are still seen.
    edit(
        &dir.path().join("content/guofa-2024-5/index.md"),
        &format!("title = \"{TITLE}\""),
        "title = \"轮询模式下的修订标题\"",
    );
    serve.wait_for(DOC, "the edit seen by polling", |r| {
        r.text().contains("轮询模式下的修订标题")
    });

    let pid = serve.pid();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut said_stopped = false;
    while std::time::Instant::now() < deadline {
        match serve.lines.recv_timeout(Duration::from_millis(200)) {
            Ok(line) if line == "stopped" => {
                said_stopped = true;
                break;
            }
            _ => {}
        }
    }
    assert!(said_stopped, "serve says it stopped after Ctrl-C");
    assert!(
        std::net::TcpStream::connect(&serve.addr).is_err() || {
            std::thread::sleep(Duration::from_millis(500));
            std::net::TcpStream::connect(&serve.addr).is_err()
        },
        "the port is closed"
    );
    assert!(
        !dir.path().join("public").exists(),
        "serve writes nothing to public/"
    );
}

/// Rebuilds parse only the content files that changed, and reuse the
/// search index while the document and plan pages stay the same.
#[test]
fn rebuilds_parse_only_changed_files_and_reuse_the_index() {
    use gazette::serve::{Outcome, Preview};
    let dir = common::seeds_site();
    let mut preview = Preview::new(gazette::site::Site::new(dir.path()));
    let Outcome::Built {
        index_job, files, ..
    } = preview.rebuild().unwrap()
    else {
        panic!("the seeds site builds");
    };
    let total = preview.parsed_last();
    assert!(total > 50, "{total} content files parsed at first");
    assert!(preview.blocks_read_last() > 100);
    let (pages, reused) = preview.rendered_last();
    assert!(
        pages > 100 && reused == 0,
        "{pages} pages rendered at first"
    );
    // Import's own writes (content files as the build read them) and files
    // that are still absent are no change; anything else is.
    let doc = "content/guofa-2024-5/index.md".to_string();
    assert!(preview.is_unchanged(&[doc.clone(), "content/nothing/index.md".into()]));
    assert!(!preview.is_unchanged(&["templates/plan.html".into()]));
    assert!(!preview.is_unchanged(&["seeds/x.txt".into()]));
    preview
        .index(index_job.expect("a first index is needed"))
        .unwrap();

    let Outcome::Built {
        index_job,
        files: again,
        ..
    } = preview.rebuild().unwrap()
    else {
        panic!()
    };
    assert_eq!(preview.parsed_last(), 0, "nothing changed, nothing parsed");
    assert_eq!(preview.blocks_read_last(), 0, "nor any block read");
    assert_eq!(
        preview.rendered_last(),
        (0, pages),
        "nothing rendered again"
    );
    assert_eq!(preview.unbuilt_last(), pages, "nor any view built");
    assert!(preview.model_reused_last(), "nor the model");
    assert!(index_job.is_none(), "same pages, same index");
    assert_eq!(again, with_index(&files, &again), "same site");

    // A template change that touches no document or plan page.
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let depts =
        std::fs::read_to_string(common::repo().join("theme/templates/departments.html")).unwrap();
    save(
        &dir.path().join("templates/departments.html"),
        &depts.replacen("{% block main %}", "{% block main %}<p>部门列表说明</p>", 1),
    );
    let Outcome::Built {
        index_job,
        files: t,
        ..
    } = preview.rebuild().unwrap()
    else {
        panic!()
    };
    assert_eq!(preview.parsed_last(), 0);
    assert_eq!(
        preview.rendered_last(),
        (1, pages - 1),
        "only the page of the changed template is rendered"
    );
    assert_eq!(
        preview.unbuilt_last(),
        pages - 1,
        "nor the other views built"
    );
    assert!(index_job.is_none(), "the index is reused");
    assert!(String::from_utf8_lossy(&t["departments/index.html"]).contains("部门列表说明"));

    // One plan edited: one file parsed, the index redone.
    edit(
        &dir.path().join("content/guofa-2024-5/index.md"),
        &format!("title = \"{TITLE}\""),
        "title = \"只改一个文件\"",
    );
    assert!(
        !preview.is_unchanged(std::slice::from_ref(&doc)),
        "an edit is a change"
    );
    let Outcome::Built { index_job, .. } = preview.rebuild().unwrap() else {
        panic!()
    };
    assert!(preview.is_unchanged(&[doc]));
    assert_eq!(preview.parsed_last(), 1);
    assert!(index_job.is_some());
    // The document's pages and the pages listing or citing it are
    // rendered again, not the others.
    let (rendered, reused) = preview.rendered_last();
    assert_eq!(rendered + reused, pages);
    assert_eq!(
        preview.unbuilt_last(),
        0,
        "the content changed: every view is built"
    );
    assert!(!preview.model_reused_last());
    assert!(
        rendered >= 3 && rendered < pages / 2,
        "{rendered} of {pages} pages rendered"
    );

    // A template every page extends: every page is rendered.
    let base = std::fs::read_to_string(common::repo().join("theme/templates/base.html")).unwrap();
    save(
        &dir.path().join("templates/base.html"),
        &base.replacen("</footer>", "<p>页脚说明</p></footer>", 1),
    );
    let Outcome::Built { files, .. } = preview.rebuild().unwrap() else {
        panic!()
    };
    assert_eq!(preview.rendered_last(), (pages, 0));
    assert!(String::from_utf8_lossy(&files["matrix/index.html"]).contains("页脚说明"));
}

/// After a content edit, the pages of the edited document (its page and
/// its plans' pages) are handed on ahead of the rest of the site, with the
/// bytes the whole rebuild then gives them; nothing goes ahead on the
/// first build or for a template edit.
#[test]
fn edited_documents_are_served_ahead_with_their_final_bytes() {
    use gazette::serve::{Outcome, Preview};
    let dir = common::seeds_site();
    let root = dir.path();
    let mut preview = Preview::new(gazette::site::Site::new(root));
    let mut ahead = Vec::new();
    let Outcome::Built { .. } = preview.rebuild_with(&mut |p| ahead.push(p)).unwrap() else {
        panic!("the seeds site builds");
    };
    assert!(ahead.is_empty(), "the first build sends nothing ahead");

    // A plan file of a document: the document's pages go ahead.
    let plan = root
        .join("content/luzhengfa-2024-4/shandongsheng-shenhua-gaoxiao-bancheng-yijian-shi-dali.md");
    assert!(preview.imported_last(), "the first build imports");
    edit(
        &plan,
        "推进线下办事“只进一门”。",
        "推进线下办事“只进一扇门”。",
    );
    let rel = |p: &Path| p.strip_prefix(root).unwrap().to_string_lossy().to_string();
    // (with an editor's temp file that came and went)
    preview.note_changes(&[rel(&plan), "content/luzhengfa-2024-4/sedX1b2c3".into()]);
    let Outcome::Built { files, .. } = preview.rebuild_with(&mut |p| ahead.push(p)).unwrap() else {
        panic!("the edited site builds");
    };
    assert!(
        !preview.imported_last(),
        "an edited content file needs no import"
    );
    assert_eq!(ahead.len(), 1, "one hand-on");
    let pages = ahead.pop().unwrap();
    let paths: Vec<&str> = pages.keys().map(String::as_str).collect();
    assert!(
        paths.contains(&"documents/luzhengfa-2024-4/index.html"),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"plans/shandongsheng-shenhua-gaoxiao-bancheng-yijian-shi-dali/index.html"),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("documents/luzhengfa-2024-4/") || p.starts_with("plans/")),
        "only the edited document's pages: {paths:?}"
    );
    for (path, bytes) in &pages {
        assert!(
            files.get(path) == Some(bytes),
            "{path}: served ahead as the whole rebuild makes it"
        );
    }
    let plan_page = String::from_utf8_lossy(
        &pages["plans/shandongsheng-shenhua-gaoxiao-bancheng-yijian-shi-dali/index.html"],
    )
    .to_string();
    assert!(
        plan_page.contains("只进一扇门"),
        "the edit is on the page ahead"
    );

    // A document's own file.
    edit(
        &root.join("content/guofa-2024-5/index.md"),
        &format!("title = \"{TITLE}\""),
        "title = \"先行送达的标题\"",
    );
    let Outcome::Built { files, .. } = preview.rebuild_with(&mut |p| ahead.push(p)).unwrap() else {
        panic!()
    };
    let pages = ahead.pop().expect("the edited document goes ahead");
    let page = &pages["documents/guofa-2024-5/index.html"];
    assert!(String::from_utf8_lossy(page).contains("先行送达的标题"));
    assert_eq!(files.get("documents/guofa-2024-5/index.html"), Some(page));

    // A deleted document: the import runs (its seed comes back).
    let index = root.join("content/luzhengfa-2024-4/index.md");
    let kept = std::fs::read(&index).unwrap();
    std::fs::remove_file(&index).unwrap();
    preview.note_changes(&[rel(&index)]);
    let Outcome::Built { .. } = preview.rebuild().unwrap() else {
        panic!()
    };
    assert!(
        preview.imported_last(),
        "a deleted content file: the import runs"
    );
    std::fs::write(&index, kept).unwrap();
    // A seed: the import runs.
    preview.note_changes(&["seeds/x.txt".to_string()]);
    let Outcome::Built { .. } = preview.rebuild().unwrap() else {
        panic!()
    };
    assert!(preview.imported_last());

    // A template: nothing ahead.
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let depts =
        std::fs::read_to_string(common::repo().join("theme/templates/departments.html")).unwrap();
    save(
        &root.join("templates/departments.html"),
        &depts.replacen("{% block main %}", "{% block main %}<p>说明</p>", 1),
    );
    let Outcome::Built { .. } = preview.rebuild_with(&mut |p| ahead.push(p)).unwrap() else {
        panic!()
    };
    assert!(ahead.is_empty(), "a template edit sends nothing ahead");
}

/// The live reload asks with its page's path: a new version reloads the
/// page only when its own file changed, and the page of an edited document,
/// served ahead of the rest, does not reload again when the rest comes.
#[test]
fn the_poll_says_whether_the_asking_page_changed() {
    let dir = common::seeds_site();
    let root = dir.path();
    let serve = Serve::start(root, &[]);
    let before = serve.wait_settled()["version"].as_u64().unwrap();
    let poll = |seen: u64, page: &str| -> serde_json::Value {
        let r = serve.get(&format!("/__gazette/poll?v={seen}&p={page}"));
        serde_json::from_slice(&r.body).unwrap()
    };
    edit(
        &root.join("content/guofa-2024-5/index.md"),
        &format!("title = \"{TITLE}\""),
        "title = \"只刷新变了的页面\"",
    );
    // Waits for the first version after the edit.
    let first = poll(before, "%2Fdocuments%2Fguofa-2024-5%2F");
    let seen = first["version"].as_u64().unwrap();
    assert!(seen > before, "{first}");
    assert_eq!(first["reload"], true, "the edited page reloads: {first}");
    assert_eq!(
        poll(before, "%2Fassets%2Fstyle.css")["reload"],
        false,
        "an unchanged file does not"
    );
    let settled = serve.wait_settled();
    assert!(serve.get(DOC).text().contains("只刷新变了的页面"));
    let last = settled["version"].as_u64().unwrap();
    if last > seen {
        let after = poll(seen, "%2Fdocuments%2Fguofa-2024-5%2F");
        assert_eq!(
            after["reload"], false,
            "the page served ahead is not reloaded again: {after}"
        );
    }
    // A page that does not say which it is reloads on every version.
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(
            &serve.get(&format!("/__gazette/poll?v={before}")).body
        )
        .unwrap()["reload"],
        true
    );
}

/// `files` with the search bundle of `other` (to compare sites whose index
/// was made at different moments).
fn with_index(
    files: &std::collections::BTreeMap<String, Vec<u8>>,
    other: &std::collections::BTreeMap<String, Vec<u8>>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out: std::collections::BTreeMap<String, Vec<u8>> = files
        .iter()
        .filter(|(k, _)| !k.starts_with("pagefind/"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.extend(
        other
            .iter()
            .filter(|(k, _)| k.starts_with("pagefind/"))
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    out
}

/// `build` indexes pages while rendering them; `serve` indexes the map of
/// rendered pages afterwards. Both must give the same bundle.
#[test]
fn build_indexes_pages_in_the_order_serve_does() {
    let dir = common::seeds_site();
    common::build_json(dir.path());
    let public = dir.path().join("public");
    let pages: std::collections::BTreeMap<String, Vec<u8>> = files_under(&public)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("documents/") || rel.starts_with("plans/"))
        .collect();
    let budget = gazette::config::SiteConfig::default().search_part_bytes();
    let bundle = gazette::search::index_pages(&pages, budget).unwrap();
    let built: std::collections::BTreeMap<String, Vec<u8>> = files_under(&public)
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("pagefind/"))
        .collect();
    assert_eq!(
        bundle.keys().collect::<Vec<_>>(),
        built.keys().collect::<Vec<_>>()
    );
    assert!(bundle == built, "same bundle bytes");
}

/// A site that does not build at start: every page answers 500 with the
/// errors, and the site appears once the error is fixed.
#[test]
fn a_site_that_does_not_build_yet_shows_its_errors_until_fixed() {
    let dir = common::seeds_site();
    std::fs::write(dir.path().join("site.toml"), "titel = \"拼错的键\"\n").unwrap();
    let serve = Serve::start(dir.path(), &[]);
    let r = serve.get("/");
    assert_eq!(r.status, 500);
    assert!(r.text().contains("site.toml"), "{}", r.text());
    assert!(
        r.text().contains("/__gazette/live.js"),
        "it reloads when fixed"
    );
    save(&dir.path().join("site.toml"), "title = \"改好的站点\"\n");
    let home = serve.wait_for("/", "the site once fixed", |r| r.status == 200);
    assert!(home.text().contains("改好的站点"));
}

/// A renamed seed keeps its document, now credited to the new file.
#[test]
fn a_renamed_seed_moves_its_document() {
    let dir = common::seeds_site();
    let serve = Serve::start(dir.path(), &[]);
    save(&dir.path().join("seeds/900_preview.txt"), NEW_SEED);
    let page = serve.wait_for(NEW_DOC, "the new document", |r| r.status == 200);
    assert!(
        page.text().contains("900_preview.txt"),
        "the source is shown"
    );
    std::fs::rename(
        dir.path().join("seeds/900_preview.txt"),
        dir.path().join("seeds/901_renamed.txt"),
    )
    .unwrap();
    let moved = serve.wait_for(NEW_DOC, "the document credited to the renamed seed", |r| {
        r.text().contains("901_renamed.txt")
    });
    assert_eq!(moved.status, 200);
    assert!(!moved.text().contains("900_preview.txt"));
}
