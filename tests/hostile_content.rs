//! Hostile content, through the command line: broken front matter,
//! duplicate ids, a template naming a missing variable, symbolic link
//! loops, a malformed site.toml, damaged Markdown. Every test checks the
//! message (file, line, column, what to do), the exit status, and that the
//! last good `public/` survives a failed build. Sites are written by hand
//! in temporary folders (no seeds: builds run with `--no-import`).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small site: two documents with a plan each.
struct Site {
    dir: tempfile::TempDir,
}

fn doc_text(id: &str, title: &str, plans: &[&str]) -> String {
    let plans: Vec<String> = plans.iter().map(|p| format!("\"{p}.md\"")).collect();
    format!(
        "+++\nid = \"{id}\"\ntitle = \"{title}\"\nissuers = [\"省人民政府办公厅\"]\ndate = \"2024-05-02\"\nscript = \"zh-Hans\"\nplans = [{}]\n\n[source]\nfile = \"seeds/{id}.txt\"\nlines = \"1-20\"\n+++\n\n<!-- lines 2 -->\n为做好有关工作，现通知如下。\n",
        plans.join(", ")
    )
}

fn plan_text(id: &str, title: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\ntitle = \"{title}\"\nname = \"{title}\"\n\n[source]\nfile = \"seeds/x.txt\"\nlines = \"3-20\"\n+++\n\n## 一、主要任务 {{lines=3}}\n\n##### 1. 加强统筹。 {{.task lines=4}}\n\n建立工作机制。(牵头单位:省发展改革委;配合单位:省财政厅)\n"
    )
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "content/doc-a/index.md",
            &doc_text("doc-a", "关于甲的通知", &["plan-a"]),
        );
        site.write(
            "content/doc-a/plan-a.md",
            &plan_text("plan-a", "甲工作方案"),
        );
        site.write(
            "content/doc-b/index.md",
            &doc_text("doc-b", "关于乙的通知", &["plan-b"]),
        );
        site.write(
            "content/doc-b/plan-b.md",
            &plan_text("plan-b", "乙工作方案"),
        );
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs gazette on the site (builds without import), failing the test
    /// when it takes more than a minute (a hang).
    fn run(&self, command: &str, extra: &[&str]) -> (i32, String, String) {
        let mut args = vec![command, "--root", self.dir.path().to_str().unwrap()];
        if command == "build" {
            args.push("--no-import");
        }
        args.extend(extra);
        run_with_timeout(&args, Duration::from_secs(60))
    }

    /// Builds, expecting success; returns the bytes of `public/index.html`.
    fn good_build(&self) -> Vec<u8> {
        let (code, out, err) = self.run("build", &[]);
        assert_eq!(code, 0, "{out}\n{err}");
        std::fs::read(self.path("public/index.html")).unwrap()
    }

    /// Builds, expecting failure with `public/` as it was; returns stderr.
    fn failed_build(&self, before: &[u8]) -> String {
        let (code, _, err) = self.run("build", &[]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("public/ was left as it was"), "{err}");
        assert_eq!(
            std::fs::read(self.path("public/index.html")).unwrap(),
            before,
            "the last good site is still there"
        );
        assert!(!self.path(".public.new").exists());
        err
    }
}

fn run_with_timeout(args: &[&str], limit: Duration) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("gazette {args:?} hung (killed after {limit:?})");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// The error and warning lines of a run's stderr.
fn lines_with<'a>(err: &'a str, kind: &str) -> Vec<&'a str> {
    err.lines()
        .filter(|l| l.contains(&format!(": {kind}: ")))
        .collect()
}

#[test]
fn stringly_typed_front_matter_is_refused_at_each_value() {
    let site = Site::new();
    let before = site.good_build();
    let index = "content/doc-a/index.md";
    site.edit(index, "script = \"zh-Hans\"", "script = \"zh-TW\"");
    site.edit(
        index,
        "date = \"2024-05-02\"",
        "date = \"2024-02-30\"\nconvention = \"first\"",
    );
    site.edit(index, "lines = \"1-20\"", "lines = \"twenty\"");
    site.edit(index, "id = \"doc-a\"", "id = \"Doc A\"");
    let err = site.failed_build(&before);
    let errors = lines_with(&err, "error");
    assert_eq!(
        errors,
        [
            "content/doc-a/index.md:2:6: error: front matter: \"Doc A\" is not an id: write lowercase ASCII letters and digits in words joined by single hyphens, such as \"guobanfa-2024-21\"",
            "content/doc-a/index.md:5:8: error: front matter: \"2024-02-30\" is not a date: write a real calendar date as YYYY-MM-DD, such as \"2024-05-16\"",
            "content/doc-a/index.md:6:14: error: front matter: unknown value `first`: write `first-listed-leads`",
            "content/doc-a/index.md:7:10: error: front matter: unknown value `zh-TW`: write `zh-Hans` or `zh-Hant`",
            "content/doc-a/index.md:12:9: error: front matter: \"twenty\" is not a line span: write a seed line number or range, such as \"12\" or \"12-40\"",
        ],
        "{err}"
    );
    assert!(err.contains("build failed with 5 errors"), "{err}");
}

#[test]
fn unknown_keys_wrong_types_and_bad_lines_attributes_are_each_reported() {
    let site = Site::new();
    let before = site.good_build();
    site.edit(
        "content/doc-b/index.md",
        "issuers = [",
        "colour = \"red\"\nissuers = [",
    );
    site.edit(
        "content/doc-b/plan-b.md",
        "name = ",
        "title_inferred = \"yes\"\nname = ",
    );
    site.edit("content/doc-b/plan-b.md", "{lines=3}", "{lines=three}");
    site.edit(
        "content/doc-b/plan-b.md",
        ".task lines=4",
        ".task lines=9-4",
    );
    let err = site.failed_build(&before);
    let errors = lines_with(&err, "error");
    assert_eq!(errors.len(), 4, "{err}");
    assert!(errors[0].starts_with("content/doc-b/index.md:4:1: error: front matter: unknown key `colour`: remove it or correct its spelling (known keys: `id`, `title`"), "{err}");
    assert!(errors[1].starts_with("content/doc-b/plan-b.md:4:18: error: front matter: invalid type: string \"yes\", expected a boolean"), "{err}");
    assert!(
        errors[2].starts_with("content/doc-b/plan-b.md:12:"),
        "{err}"
    );
    assert!(errors[2].contains("\"three\" is not a line span"), "{err}");
    assert!(
        errors[3].starts_with("content/doc-b/plan-b.md:14:"),
        "{err}"
    );
    assert!(errors[3].contains("\"9-4\" ends before it starts"), "{err}");
}

#[test]
fn one_broken_document_never_hides_the_others_in_build_and_check() {
    let site = Site::new();
    let before = site.good_build();
    site.write(
        "content/doc-c/index.md",
        &doc_text("doc-c", "关于丙的通知", &["plan-c"]),
    );
    site.write(
        "content/doc-c/plan-c.md",
        &plan_text("plan-c", "丙工作方案"),
    );
    // doc-a: its index is unreadable TOML; its plan is broken too.
    site.edit(
        "content/doc-a/index.md",
        "title = \"关于甲的通知\"",
        "title = \"关于甲的通知",
    );
    site.edit("content/doc-a/plan-a.md", "name = ", "nmae = ");
    // doc-c's plan file is missing.
    std::fs::remove_file(site.path("content/doc-c/plan-c.md")).unwrap();
    let err = site.failed_build(&before);
    let errors = lines_with(&err, "error");
    assert_eq!(errors.len(), 4, "{err}");
    assert!(errors[0].starts_with("content/doc-a/index.md:3:"), "{err}");
    assert!(errors[0].contains("not valid TOML"), "{err}");
    assert!(
        errors.iter().any(|e| e
            .starts_with("content/doc-a/plan-a.md:1:1: error: front matter: missing key `name`")),
        "{err}"
    );
    assert!(
        errors.iter().any(|e| e
            .starts_with("content/doc-a/plan-a.md:4:1: error: front matter: unknown key `nmae`")),
        "{err}"
    );
    assert!(errors.iter().any(|e| e.starts_with("content/doc-c/index.md:7:1: error: plan file plan-c.md listed in `plans` is not in the document's folder")), "{err}");
    // check lists the same errors and fails too (it checks the last good output).
    let (code, _, check_err) = site.run("check", &[]);
    assert_eq!(code, 1, "{check_err}");
    assert_eq!(lines_with(&check_err, "error"), errors, "{check_err}");
}

#[test]
fn two_documents_or_plans_with_one_id_are_refused_at_the_second() {
    let site = Site::new();
    let before = site.good_build();
    site.write(
        "content/doc-c/index.md",
        &doc_text("doc-a", "另一个甲", &["plan-c"]),
    );
    site.write(
        "content/doc-c/plan-c.md",
        &plan_text("plan-c", "丙工作方案"),
    );
    site.edit(
        "content/doc-b/plan-b.md",
        "id = \"plan-b\"",
        "id = \"plan-a\"",
    );
    let err = site.failed_build(&before);
    assert_eq!(
        lines_with(&err, "error"),
        [
            "content/doc-b/plan-b.md:2:1: error: plan id `plan-a` is already the id of content/doc-a/plan-a.md: two plans cannot share an id (it is their URL, plans/plan-a/); change one of them",
            "content/doc-c/index.md:2:1: error: document id `doc-a` is already the id of content/doc-a/index.md: two documents cannot share an id (it is their URL, documents/doc-a/); change one of them",
        ],
        "{err}"
    );
}

#[test]
fn a_template_naming_a_missing_variable_fails_at_its_line_with_the_content_errors() {
    let site = Site::new();
    let before = site.good_build();
    site.write(
        "templates/plan.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.subtitle | upper }}</p>\n{% endblock main %}\n",
    );
    let err = site.failed_build(&before);
    assert_eq!(
        lines_with(&err, "error"),
        [
            "templates/plan.html:4:7: error: template: `page.subtitle` is not defined when rendering plan.html: correct its name, or test it first ({% if page.subtitle is defined %}); the README lists what each template gets (Customizing templates)"
        ],
        "{err}"
    );
    // With a content error as well, one run lists both.
    site.edit(
        "content/doc-b/index.md",
        "script = \"zh-Hans\"",
        "script = \"hans\"",
    );
    let err = site.failed_build(&before);
    let errors = lines_with(&err, "error");
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0]
            .starts_with("content/doc-b/index.md:6:10: error: front matter: unknown value `hans`"),
        "{err}"
    );
    assert!(
        errors[1].starts_with("templates/plan.html:4:7: error: template: `page.subtitle`"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_content_and_static_never_loop_and_are_reported() {
    use std::os::unix::fs::symlink;
    let site = Site::new();
    let content = site.path("content");
    symlink("loop", content.join("loop")).unwrap();
    symlink("..", content.join("up")).unwrap();
    symlink("doc-a", content.join("doc-a-again")).unwrap();
    symlink("missing", content.join("dangling")).unwrap();
    symlink("plan-b.md", content.join("doc-b/self.md")).unwrap();
    symlink("cycle.md", content.join("doc-b/cycle.md")).unwrap();
    site.write("static/css/extra.css", "body{}");
    symlink("..", site.path("static/css/parent")).unwrap();
    symlink("knot", site.path("static/knot")).unwrap();
    let (code, out, err) = site.run("build", &["--verbose"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("2 documents, 2 plans, 2 tasks"), "{out}");
    let warnings = lines_with(&err, "warning");
    for expected in [
        "content/dangling:1:1: warning: a link that does not resolve",
        "content/doc-a-again:1:1: warning: the same folder as content/doc-a (a link): skipped",
        "content/loop:1:1: warning: a link that does not resolve",
        "content/up:1:1: warning: a symbolic link (to ..): followed",
        "content/doc-b/cycle.md:1:1: warning: not read: it is not listed in `plans`",
        "content/doc-b/self.md:1:1: warning: not read: it is not listed in `plans`",
        "static/css/parent:1:1: warning: a link back to a folder it is in (a loop): not followed",
        "static/knot:1:1: warning: a link that does not resolve",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "missing {expected:?} in {err}"
        );
    }
    assert!(site.path("public/css/extra.css").exists());
}

#[test]
fn site_toml_missing_gives_defaults_and_malformed_says_where_and_what_to_do() {
    let site = Site::new();
    let before = site.good_build();
    site.write(
        "site.toml",
        "title = \"我的站点\"\nbase_url = \"example.org\"\nindex_limit = \"ten\"\nlanguage = \"zh-CN\"\nfeed = 20\n",
    );
    let err = site.failed_build(&before);
    assert_eq!(
        lines_with(&err, "error"),
        [
            "site.toml:3:15: error: invalid type: string \"ten\", expected usize: write a value of that type",
            "site.toml:5:1: error: unknown key `feed`: remove it or correct its spelling (known keys: `title`, `description`, `base_url`, `language`, `file_links`, `index_limit`, `feed_limit`, `page_size`, `search_part_mb`)",
        ],
        "{err}"
    );
    site.write(
        "site.toml",
        "title = \"我的站点\"\nbase_url = \"example.org\"\n",
    );
    let err = site.failed_build(&before);
    assert_eq!(
        lines_with(&err, "error"),
        [
            "site.toml:2:1: error: base_url must be an absolute http(s) address such as https://example.org/policy/, not \"example.org\""
        ],
        "{err}"
    );
    site.write("site.toml", "title = \"我的站点\ntitle = 3\n");
    let err = site.failed_build(&before);
    let errors = lines_with(&err, "error");
    assert!(
        errors[0].starts_with("site.toml:1:14: error: invalid basic string"),
        "{err}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.contains("(this is not valid TOML)")),
        "{err}"
    );
    std::fs::remove_file(site.path("site.toml")).unwrap();
    site.good_build();
}

#[test]
fn damaged_markdown_is_refused_with_its_place_and_raw_html_is_a_warning() {
    let site = Site::new();
    let before = site.good_build();
    let text = plan_text("plan-a", "甲工作方案").replace("建立工作", "建立X工作");
    let mut bytes = text.clone().into_bytes();
    bytes[text.find('X').unwrap()] = 0xff; // never in UTF-8
    std::fs::write(site.path("content/doc-a/plan-a.md"), bytes).unwrap();
    site.edit("content/doc-b/plan-b.md", "建立工作机制", "建立\0工作机制");
    let err = site.failed_build(&before);
    assert_eq!(
        lines_with(&err, "error"),
        [
            "content/doc-a/plan-a.md:15:3: error: the file is not UTF-8 text (byte 0xff here): save it as UTF-8",
            "content/doc-b/plan-b.md:15:3: error: control character U+0000 (NUL): the file looks damaged or binary; remove them or restore the file",
        ],
        "{err}"
    );
    site.write(
        "content/doc-a/plan-a.md",
        &plan_text("plan-a", "甲工作方案"),
    );
    site.write(
        "content/doc-b/plan-b.md",
        &plan_text("plan-b", "乙工作方案"),
    );
    site.edit(
        "content/doc-b/plan-b.md",
        "## 一、主要任务",
        "<script>alert(1)</script>\n\n<pre>\n\n## 一、主要任务",
    );
    let (code, out, err) = site.run("build", &["--verbose"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("2 documents, 2 plans, 1 tasks"),
        "the swallowed task is not read: {out}"
    );
    let warnings = lines_with(&err, "warning");
    assert!(warnings.contains(&"content/doc-b/plan-b.md:11:1: warning: raw HTML (and 1 more places in this file): it is shown on the page sanitized (scripts, styles and event handlers removed) but not read for tasks, targets or departments; write Markdown instead where that matters"), "{err}");
    assert!(warnings.iter().any(|w| w.starts_with("content/doc-b/plan-b.md:13:1: warning: this raw HTML block runs on past the Markdown at line 15")), "{err}");
    let page = std::fs::read_to_string(site.path("public/plans/plan-b/index.html")).unwrap();
    assert!(!page.contains("<script>alert"), "raw HTML is sanitized");
}

#[test]
fn an_extremely_long_line_builds_in_reasonable_time() {
    let site = Site::new();
    let long: String = "建立工作机制，加强统筹协调，".repeat(25_000); // 1 MB on one line
    site.edit(
        "content/doc-a/plan-a.md",
        "建立工作机制。",
        &format!("{long}(牵头单位:省发展改革委)。"),
    );
    let t = Instant::now();
    let (code, out, err) = site.run("build", &[]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.starts_with("2 documents, 2 plans, 2 tasks"), "{out}");
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

#[test]
fn markdown_files_nothing_reads_are_warned_about() {
    let site = Site::new();
    site.write("content/stray.md", "# 不在文件夹里\n");
    site.write("content/no-index/plan.md", &plan_text("plan-x", "孤立方案"));
    site.write(
        "content/doc-a/forgotten.md",
        &plan_text("plan-y", "未列出的方案"),
    );
    let (code, _, err) = site.run("build", &["--verbose"]);
    assert_eq!(code, 0, "{err}");
    let warnings = lines_with(&err, "warning");
    for expected in [
        "content/stray.md:1:1: warning: not read: a document is a folder with an index.md",
        "content/no-index/plan.md:1:1: warning: not read: its folder has no index.md",
        "content/doc-a/forgotten.md:1:1: warning: not read: it is not listed in `plans`",
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(expected)),
            "missing {expected:?} in {err}"
        );
    }
}

#[test]
fn parents_that_loop_or_name_no_plan_are_warned_about_and_dropped() {
    let site = Site::new();
    site.edit(
        "content/doc-a/plan-a.md",
        "name = ",
        "parent = \"plan-b\"\nname = ",
    );
    site.edit(
        "content/doc-b/plan-b.md",
        "name = ",
        "parent = \"plan-a\"\nname = ",
    );
    site.write(
        "content/doc-c/index.md",
        &doc_text("doc-c", "关于丙的通知", &["plan-c"]),
    );
    site.write(
        "content/doc-c/plan-c.md",
        &plan_text("plan-c", "丙工作方案"),
    );
    site.edit(
        "content/doc-c/plan-c.md",
        "name = ",
        "parent = \"plan-z\"\nname = ",
    );
    let (code, out, err) = site.run("build", &["--verbose"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("3 documents, 3 plans"), "{out}");
    let warnings = lines_with(&err, "warning");
    for expected in [
        "content/doc-a/plan-a.md:4:1: warning: the parents of plan plan-a lead back to it (plan-a → plan-b → plan-a): remove one `parent`",
        "content/doc-c/plan-c.md:4:1: warning: parent plan plan-z does not exist: write the id of a plan, or remove `parent`",
    ] {
        assert!(
            warnings.contains(&expected),
            "missing {expected:?} in {err}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path("public/data/site.json")).unwrap())
            .unwrap();
    let plans = json["plans"].as_array().unwrap();
    let parent = |id: &str| plans.iter().find(|p| p["id"] == id).unwrap()["parent"].clone();
    assert_eq!(parent("plan-a"), serde_json::Value::Null);
    assert_eq!(parent("plan-b"), "plan-a");
    assert_eq!(parent("plan-c"), serde_json::Value::Null);
}
