//! A small site whose every source text is hostile: markup that would
//! run a script if it reached a page unescaped (`<script>`, attribute
//! breakouts `"><img onerror>`, `</script>` to close a JSON-LD block),
//! `]]>` for XML, template syntax (`{{ x }}`, `{% raw %}`), line and
//! paragraph separators (U+2028, U+2029), and `javascript:`, `vbscript:`
//! and `data:` links and images, placed in the site's title, a seed's
//! text and tasks, a document's title, 文号, issuers and addressee, a
//! plan's title, a department's name and a Markdown body.
//!
//! Every script payload sets `window.__pwned` (or `document.title`), so
//! that a browser test can tell whether one ran.
//!
//! Included with `#[path = "common/hostile_site.rs"] mod hostile_site;`.

#![allow(dead_code)]

use std::path::Path;

/// The seed: a notice with a plan whose paragraphs and tasks carry payloads.
const SEED: &str = "示例市人民政府办公室关于印发示例市数字经济提升行动计划的通知
示政办发〔2025〕7号
各区人民政府,市政府各部门:
《示例市数字经济提升行动计划(2025—2026年)》已经市政府同意,现印发给你们,请认真贯彻落实。]]> {{ x }} {% raw %} </script><script>document.title='pwned'</script>
示例市人民政府办公室
2025年3月10日
示例市数字经济提升行动计划(2025—2026年)
一、工作目标
到2026年,数字经济核心产业增加值占地区生产总值比重达到12%,新建5G基站3000个\"><img src=x onerror=window.__pwned=2>,培育数字化转型示范企业100家。
二、重点任务
1.推进网络设施建设<script>window.__pwned=3</script>。加快5G网络和千兆光网覆盖,2025年底前实现城区5G网络全覆盖。'><svg onload=window.__pwned=4> (牵头单位:市大数据局;配合单位:市发展改革委)
2.促进企业数字化转型]]>{{ x }}{% raw %}。实施中小企业数字化改造\u{2028}行\u{2029}段,每年遴选一批转型示范企业。(牵头单位:市工业和信息化局、市科技局)
3.加强数据资源开发利用。建设公共数据开放平台,2026年6月底前完成重点领域数据开放。[点此](javascript:window.__pwned=5) (牵头单位:市大数据局;配合单位:市有关部门)
三、保障措施
各有关部门要加强协同配合,市财政局统筹安排资金支持。
";

/// The site's settings.
const SITE_TOML: &str = r#"title = "政策<script>window.__pwned=6</script>库"
description = "\"><img src=x onerror=window.__pwned=7>说明]]>"
"#;

/// The department the seed's 市大数据局 resolves to.
pub const DEPARTMENT: &str = "市数据局</script><script>window.__pwned=8</script>";

const DEPARTMENTS_TOML: &str = r#"[[department]]
name = "市数据局</script><script>window.__pwned=8</script>"
aliases = ["市大数据局"]
level = "municipal"
"#;

/// A document written by hand: its title, 文号, issuers and addressee.
pub const TITLE: &str =
    "</title><script>window.__pwned=10</script>关于\"><img src=x onerror=window.__pwned=11>的通知";
pub const DOC_NUMBER: &str = "示政发〔2025〕8号</script><script>window.__pwned=12</script>";

const HAND_DOC: &str = r#"+++
id = "hand"
title = "</title><script>window.__pwned=10</script>关于\"><img src=x onerror=window.__pwned=11>的通知"
doc_number = "示政发〔2025〕8号</script><script>window.__pwned=12</script>"
issuers = ["市数据局</script><script>window.__pwned=8</script>", "'><svg onload=window.__pwned=13>"]
addressee = "<b onmouseover=window.__pwned=14>各部门</b>"
date = "2025-04-01"
plans = ["hand-plan.md"]

[source]
file = "seeds/hand.txt"
lines = "1-3"
+++

<!-- lines 1 -->
为落实</script><script>window.__pwned=15</script>要求，现通知如下{{ x }}{% raw %}]]>。

<!-- lines 2 -->
[点此](javascript:window.__pwned=16)、[数据](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xNzwvc2NyaXB0Pg==)、[旧](vbscript:msgbox)、<a href="javascript:window.__pwned=18">原始链接</a>、[正常](https://www.gov.cn/)。

<!-- lines 3 -->
![图一](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![图二](javascript:window.__pwned=19) <img src=x onerror=window.__pwned=20> <script>window.__pwned=21</script> <iframe src="javascript:window.__pwned=22"></iframe>
"#;

/// The plan title of the hand-written document.
pub const PLAN_TITLE: &str = "\"><script>window.__pwned=23</script>专项计划";

const HAND_PLAN: &str = r#"+++
id = "hand-plan"
title = "\"><script>window.__pwned=23</script>专项计划"
name = "'><svg onload=window.__pwned=24>"
edition = "2025"

[source]
file = "seeds/hand.txt"
lines = "4-6"
+++

<!-- lines 4 -->
目标:<script>window.__pwned=25</script>到2025年,培育示范企业50家。

## 一、任务 {lines=5}

##### 1. <img src=x onerror=window.__pwned=26>落实任务。 {.task lines=6}

<script>window.__pwned=27</script>推进平台建设{{ x }}。(牵头单位:市大数据局)
"#;

/// Words of the seed's tasks that the full-text search finds.
pub const SEARCH_WORD: &str = "数字化转型";

/// Writes the hostile site into `root`.
pub fn write(root: &Path) {
    let put = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    put("seeds/hostile.txt", SEED);
    put("site.toml", SITE_TOML);
    put("data/departments.toml", DEPARTMENTS_TOML);
    put("content/hand/index.md", HAND_DOC);
    put("content/hand/hand-plan.md", HAND_PLAN);
}

/// Writes and builds the hostile site in `root` (import, then render);
/// panics on an error.
pub fn build(root: &Path) {
    write(root);
    let r = gazette::build::build(&gazette::site::Site::new(root), &Default::default()).unwrap();
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
}
