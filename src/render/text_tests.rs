use super::*;

fn dept(path: &str) -> Target {
    Target {
        path: path.into(),
        class: "dept",
        title: None,
    }
}

#[test]
fn linkify_escapes_and_prefers_longest_and_earlier_sets() {
    let depts = Mentions::new([
        ("省科技厅".to_string(), dept("/departments/kjt/")),
        ("省财政厅".to_string(), dept("/departments/czt/")),
    ]);
    let targets = Mentions::new([(
        "高新技术企业2024年突破3.5万家".to_string(),
        Target {
            path: "/indicators/gx/#t1".into(),
            class: "target",
            title: Some("3.5万家".into()),
        },
    )]);
    let links = Links::new("plans/p/index.html", false);
    let html = linkify(
        "<b>高新技术企业2024年突破3.5万家(牵头单位:省科技厅、省财政厅)",
        &[&targets, &depts],
        &links,
        Some("/departments/czt/"),
        &[],
    );
    assert_eq!(
        html,
        "&lt;b&gt;<a class=\"target\" href=\"../../indicators/gx/#t1\" title=\"3.5万家\">高新技术企业2024年突破3.5万家</a>(牵头单位:<a class=\"dept\" href=\"../../departments/kjt/\">省科技厅</a>、省财政厅)"
    );
    // A path left plain (a task's department, linked under the task) stays text.
    let html = linkify(
        "牵头单位:省科技厅",
        &[&targets, &depts],
        &links,
        None,
        &["/departments/kjt/".to_string()],
    );
    assert_eq!(html, "牵头单位:省科技厅");
}

fn render(md: &str, anchors: &[&str]) -> String {
    let links = Links::new("plans/p/index.html", false);
    let depts = Mentions::new([("省科技厅".to_string(), dept("/departments/kjt/"))]);
    let mut taken = BTreeSet::new();
    let meta = |i: usize| format!("<p class=\"meta\">meta {i}</p>");
    let link = |_: usize| None;
    let mut body = Body {
        links: &links,
        mentions: vec![&depts],
        self_path: Some("/plans/p/"),
        top_level: 2,
        anchor_prefix: String::new(),
        taken: &mut taken,
        task_anchors: anchors.iter().map(|s| s.to_string()).collect(),
        task_meta: &meta,
        task_link: &link,
        task_plain: &|_| Vec::new(),
        plain: Vec::new(),
        outline: Vec::new(),
    };
    markdown(md, &mut body)
}

#[test]
fn tasks_become_sections_with_stable_anchors_and_levels_close_gaps() {
    let md = "## 主要任务 {lines=4 .inferred}\n\n##### 1. 强化攻关。 {.task lines=4}\n\n聚焦需求。(牵头单位:省科技厅)\n\n##### 2. 强化创新。 {.task lines=5}\n\n二。\n";
    let html = render(md, &["task-1", "task-2"]);
    assert!(html.contains("<h2 id=\"zhuyao-renwu\">主要任务"), "{html}");
    assert!(
        html.contains(
            "<section class=\"task\" id=\"task-1\">\n<h3 class=\"task-title\">1. 强化攻关。"
        ),
        "{html}"
    );
    assert!(html.contains("<a class=\"dept\" href=\"../../departments/kjt/\">省科技厅</a>"));
    assert!(
        html.contains("<p class=\"meta\">meta 0</p></section>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"meta\">meta 1</p></section>"),
        "{html}"
    );
    assert!(!html.contains("lines"), "{html}");
}

#[test]
fn raw_html_is_sanitized_and_comments_dropped() {
    let md = "<!-- lines 3 -->\n段落<script>alert(1)</script>文字 <img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">块</div>\n";
    let html = render(md, &[]);
    assert!(!html.contains("script"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(html.contains("段落"), "{html}");
    assert!(html.contains("块"), "{html}");
}

#[test]
fn duplicate_headings_get_unique_anchors() {
    let html = render("## 工作目标\n\n## 工作目标\n", &[]);
    assert!(html.contains("id=\"gongzuo-mubiao\""), "{html}");
    assert!(html.contains("id=\"gongzuo-mubiao-2\""), "{html}");
}

#[test]
fn paragraphs_and_tables_are_anchored_at_their_source_lines() {
    let md = "<!-- lines 12-14 -->\n段落。\n\n<!-- lines 20 -->\n| 指标 | 2025年 |\n|---|---|\n| 研发投入 | 3% |\n";
    let html = render(md, &[]);
    assert!(html.contains("<p id=\"l12\">段落。</p>"), "{html}");
    assert!(
        html.contains("<table id=\"l20\"><thead><tr><th scope=\"col\">指标</th>"),
        "{html}"
    );
    assert!(html.contains("<td>研发投入</td>"), "{html}");
}

#[test]
fn a_task_right_under_a_section_is_one_level_below_it() {
    // (四) sub-sections exist elsewhere, but 三、 has its tasks directly under it.
    let md = "## 二、主要任务\n\n#### (四)强化攻关\n\n##### 1. 甲。 {.task}\n\n## 三、推进措施\n\n##### (一)加强统筹。 {.task}\n";
    let html = render(md, &["task-1", "item-1"]);
    assert!(html.contains("<h4 class=\"task-title\">1. 甲。"), "{html}");
    assert!(
        html.contains("<h3 class=\"task-title\">(一)加强统筹。"),
        "{html}"
    );
}

#[test]
fn search_hints_survive_sanitizing() {
    // Raw HTML in the body: it goes through ammonia, which must keep the hints.
    let md = "## 一、目标\n\n##### 1. 甲。 {.task}\n\n正文<b>加粗</b>。\n";
    let links = Links::new("plans/p/index.html", false);
    let mut taken = BTreeSet::new();
    let meta =
        |_: usize| "<dl class=\"task-meta\" data-pagefind-ignore><dt>来源</dt></dl>".to_string();
    // A document page's task heading links to the task on its plan page.
    let link = |_: usize| Some("../../plans/p/#task-1".to_string());
    let mut body = Body {
        links: &links,
        mentions: vec![],
        self_path: None,
        top_level: 2,
        anchor_prefix: String::new(),
        taken: &mut taken,
        task_anchors: vec!["task-1".into()],
        task_meta: &meta,
        task_link: &link,
        task_plain: &|_| Vec::new(),
        plain: Vec::new(),
        outline: Vec::new(),
    };
    let html = markdown(md, &mut body);
    assert!(
        html.contains("<dl class=\"task-meta\" data-pagefind-ignore"),
        "{html}"
    );
    assert!(html.contains("data-pagefind-ignore=\"\">#</a>"), "{html}");
}

#[test]
fn links_to_unsafe_schemes_are_sanitized() {
    for md in [
        "[点此](javascript:alert(1))",
        "[点此](JavaScript:alert(1))",
        "[点此](< javascript:alert(1)>)",
        "[点此](data:text/html,x)",
        "![图](vbscript:x)",
    ] {
        let html = render(md, &[]);
        let lower = html.to_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:"] {
            assert!(!lower.contains(&format!("=\"{scheme}")), "{md} → {html}");
        }
        assert!(
            html.contains("点此") || html.contains("图") || html.contains("<img"),
            "{md} → {html}"
        );
    }
    for md in [
        "[a](https://www.gov.cn/x)",
        "[a](../plans/p/)",
        "[a](#l3)",
        "[a](mailto:x@example.org)",
    ] {
        let html = render(md, &[]);
        let url = md.split('(').nth(1).unwrap().trim_end_matches(')');
        assert!(html.contains(&format!("href=\"{url}\"")), "{md} → {html}");
    }
}

#[test]
fn unsafe_links_and_images_are_dropped_and_their_text_kept() {
    for md in [
        "前[点此](javascript:alert(1))后",
        "前[点此](&#106;avascript:alert(1))后",
        "前[点此](VBScript:msgbox(1))后",
        "前[点此](data:text/html;base64,PHNjcmlwdD4=)后",
        "前[点此][r]后\n\n[r]: javascript:alert(1)",
        "前[点此](file:///etc/passwd)后",
    ] {
        let html = render(md, &[]);
        assert!(html.contains("<p>前点此后</p>"), "{md} → {html}");
        assert!(!html.contains("<a"), "{md} → {html}");
    }
    // An autolink to a script is text.
    let html = render("见<javascript:alert(1)>。", &[]);
    assert!(!html.contains("<a"), "{html}");
    assert!(html.contains("javascript:alert(1)"), "{html}");
    for md in [
        "![示意图](data:image/svg+xml;base64,PHN2Zz4=)",
        "![示意图](javascript:alert(1))",
        "![示意图](https://tracker.example/x.png)",
        "![示意图](//tracker.example/x.png)",
        "![示意图](/\\tracker.example/x.png)",
        "![*示意*图](vbscript:x)",
    ] {
        let html = render(md, &[]);
        assert!(!html.contains("<img"), "{md} → {html}");
        assert!(html.contains("示意"), "{md} → {html}");
    }
    // Raw HTML too: an image from elsewhere loses its source.
    let html = render(
        "<img src=\"https://tracker.example/x.png\" alt=\"甲\"><img srcset=\"//t.example/y.png 2x\" src=\"../a.png\" alt=\"乙\">",
        &[],
    );
    assert!(
        !html.contains("tracker") && !html.contains("t.example"),
        "{html}"
    );
    assert!(html.contains("src=\"../a.png\""), "{html}");
    let html = render("![示意\"图](../img/a.png \"标题\")", &[]);
    assert!(
        html.contains(r#"<img src="../img/a.png" alt="示意&quot;图" title="标题">"#),
        "{html}"
    );
    // A link kept keeps its text and title.
    let html = render("[国务院](https://www.gov.cn/ \"官网\")", &[]);
    assert!(
        html.contains(r#"<a href="https://www.gov.cn/" title="官网">国务院</a>"#),
        "{html}"
    );
}

/// Without raw HTML, the body skips ammonia: on every real content body,
/// what ammonia would make of the output is the same document.
#[test]
fn bodies_without_raw_html_are_what_sanitizing_would_give() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut checked = 0;
    for dir in std::fs::read_dir(&content).unwrap().flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let text = std::fs::read_to_string(f.path()).unwrap();
            let body = text.splitn(3, "+++").nth(2).unwrap_or(&text);
            let html = render(body, &["t1", "t2", "t3"]);
            let parse = |h: &str| scraper::Html::parse_fragment(h).root_element().html();
            assert_eq!(
                parse(&html),
                parse(&sanitize(&html)),
                "{}",
                f.path().display()
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} content files");
}

#[test]
fn escape_replaces_only_the_markup_characters() {
    assert_eq!(
        escape("省<科技>厅 & \"牵头\" '配合'"),
        "省&lt;科技&gt;厅 &amp; &quot;牵头&quot; &#39;配合&#39;"
    );
    assert_eq!(escape("&&"), "&amp;&amp;");
    assert_eq!(escape("无需转义"), "无需转义");
    assert_eq!(escape(""), "");
}

/// Renders and returns the outline too.
fn render_outline(md: &str) -> (String, Vec<OutlineItem>) {
    let links = Links::new("documents/d/index.html", false);
    let mut taken = BTreeSet::new();
    let meta = |_: usize| String::new();
    let link = |_: usize| None;
    let mut body = Body {
        links: &links,
        mentions: vec![],
        self_path: Some("/documents/d/"),
        top_level: 3,
        anchor_prefix: String::new(),
        taken: &mut taken,
        task_anchors: vec![],
        task_meta: &meta,
        task_link: &link,
        task_plain: &|_| Vec::new(),
        plain: Vec::new(),
        outline: Vec::new(),
    };
    let html = markdown(md, &mut body);
    (html, body.outline)
}

#[test]
fn articles_become_anchored_sections_with_their_later_paragraphs() {
    let md = "### 第一章 总则 {lines=3}\n\n<!-- lines 4-5 -->\n**第一条**\u{3000}为规范管理，制定本办法。\n\n前款所称单位。\n\n<!-- lines 6 -->\n附注。\n\n<!-- lines 7 -->\n**三十六、** 会议由市长召集。\n\n### 第二章 附则 {lines=8}\n\n<!-- lines 9 -->\n**4.2.1** 立即报告。\n";
    let (html, outline) = render_outline(md);
    assert!(
        html.contains("<section class=\"article\" id=\"art-1\">\n<p id=\"l4\"><strong class=\"article-number\">第一条</strong>\u{3000}为规范管理，制定本办法。</p>\n<p>前款所称单位。</p>\n</section>\n<p id=\"l6\">附注。</p>"),
        "{html}"
    );
    // The space that only closed the bold number is dropped after 、.
    assert!(
        html.contains("<strong class=\"article-number\">三十六、</strong>会议由市长召集。</p>\n</section>\n<h3"),
        "{html}"
    );
    assert!(html.contains("id=\"art-4-2-1\""), "{html}");
    assert!(html.trim_end().ends_with("</section>"), "{html}");
    let kinds: Vec<(u8, &str, bool)> = outline
        .iter()
        .map(|o| (o.level, o.text.as_str(), o.article))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (3, "第一章 总则", false),
            (0, "第一条", true),
            (0, "三十六、", true),
            (3, "第二章 附则", false),
            (0, "4.2.1", true),
        ]
    );
    assert_eq!(outline[1].anchor, "art-1");
}

#[test]
fn stripped_heading_text_decodes_each_entity_once() {
    assert_eq!(strip_tags("<b>A&amp;lt;B</b> &lt;C&gt;"), "A&lt;B <C>");
}
