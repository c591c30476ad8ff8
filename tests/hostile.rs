//! The hostile corpus of `tests/hostile/`: seeds in odd encodings, damaged,
//! empty, or shaped to trip the parser, each built with the `gazette`
//! binary next to a sound seed. Every case checks the exact diagnostic
//! (file, line where it applies, what to do), what is and is not
//! published, that the sound seed is published all the same, and the exit
//! status. The big cases, generated at test time, are in
//! `tests/hostile_big.rs`.

mod hostile_support;

use hostile_support::{CONTROL_TITLE, build, corpus, documents, site, tasks_of};

/// Builds `control.txt` and the corpus file `name`; checks the build
/// succeeded and published both documents; returns the lines printed
/// about `seeds/{name}`.
fn builds_with(name: &str, title: &str) -> (tempfile::TempDir, Vec<String>) {
    let dir = site(&[(name, corpus(name))]);
    let run = build(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.errors().is_empty(), "{}", run.stderr);
    let seed = format!("seeds/{name}");
    let mut want = vec![
        (CONTROL_TITLE.to_string(), "seeds/control.txt".to_string()),
        (title.to_string(), seed.clone()),
    ];
    want.sort();
    assert_eq!(documents(dir.path()), want);
    let about = run.about(&seed);
    (dir, about)
}

#[test]
fn gb18030_with_four_byte_characters() {
    let (dir, about) = builds_with(
        "gb18030.txt",
        "江北省人民政府关于印发𠮷安县文旅融合发展实施方案的通知",
    );
    assert_eq!(
        about,
        ["seeds/gb18030.txt:1:1: warning: decoded as GBK (detected: true)"]
    );
    let tasks = tasks_of(dir.path(), "seeds/gb18030.txt");
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["title"], "打造䶮山文化品牌。");
}

#[test]
fn big5() {
    let (dir, about) = builds_with(
        "big5.txt",
        "江北省人民政府關於印發智慧農業發展實施方案的通知",
    );
    assert_eq!(
        about,
        ["seeds/big5.txt:1:1: warning: decoded as Big5 (detected: true)"]
    );
    assert_eq!(tasks_of(dir.path(), "seeds/big5.txt").len(), 2);
}

#[test]
fn utf16_with_and_without_byte_order_mark() {
    for (name, title, said) in [
        (
            "utf16le-bom.txt",
            "江北省人民政府办公厅关于印发城市更新行动方案的通知",
            "decoded as UTF-16LE (detected: false)",
        ),
        (
            "utf16be-bom.txt",
            "江北省人民政府办公厅关于印发县域商业体系建设方案的通知",
            "decoded as UTF-16BE (detected: false)",
        ),
        (
            "utf16le.txt",
            "江北省人民政府办公厅关于印发湿地保护修复方案的通知",
            "decoded as UTF-16LE (detected: true)",
        ),
        (
            "utf16be.txt",
            "江北省人民政府办公厅关于印发职业技能提升行动方案的通知",
            "decoded as UTF-16BE (detected: true)",
        ),
    ] {
        let (dir, about) = builds_with(name, title);
        assert_eq!(about, [format!("seeds/{name}:1:1: warning: {said}")]);
        assert_eq!(tasks_of(dir.path(), &format!("seeds/{name}")).len(), 1);
    }
}

#[test]
fn utf8_with_a_few_bad_bytes_is_kept_with_a_warning_for_each() {
    let (dir, about) = builds_with(
        "invalid-utf8.txt",
        "江北省人民政府办公厅关于印发托育服务体系建设方案的通知",
    );
    assert_eq!(
        about,
        [
            "seeds/invalid-utf8.txt:9:7: warning: undecodable bytes as UTF-8 at byte offset 375 (0xE6 0xAF) replaced with U+FFFD",
            "seeds/invalid-utf8.txt:11:1: warning: undecodable bytes as UTF-8 at byte offset 461 (0xFF) replaced with U+FFFD",
        ]
    );
    // The damaged character stays visible where it was: before 1. here,
    // which no longer opens the line, so the task reads it as its text.
    let titles: Vec<String> = tasks_of(dir.path(), "seeds/invalid-utf8.txt")
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        ["\u{FFFD}1.扩大普惠托育供给。", "加强托育人才培养。"]
    );
}

#[test]
fn lines_in_another_encoding_are_read_in_it() {
    let (dir, about) = builds_with(
        "mixed-encodings.txt",
        "江北省人民政府办公厅关于印发养老服务提质行动方案的通知",
    );
    assert_eq!(
        about,
        [
            "seeds/mixed-encodings.txt:12:1: warning: lines 12–13 are in GBK, the rest of the file in UTF-8: read as GBK; save the whole file in one encoding (UTF-8)"
        ]
    );
    let titles: Vec<String> = tasks_of(dir.path(), "seeds/mixed-encodings.txt")
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "发展社区嵌入式养老。",
            "推进医养结合。",
            "加强养老护理员队伍建设。",
            "完善养老服务补贴制度。"
        ]
    );
}

#[test]
fn an_empty_seed_is_said_and_skipped() {
    let dir = site(&[("empty.txt", corpus("empty.txt"))]);
    let run = build(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.about("seeds/empty.txt"),
        ["seeds/empty.txt:1:1: warning: empty file: nothing to import"]
    );
    assert_eq!(
        documents(dir.path()),
        [(CONTROL_TITLE.to_string(), "seeds/control.txt".to_string())]
    );
}

#[test]
fn a_file_that_reads_as_gibberish_is_refused_and_the_rest_published() {
    let dir = site(&[(
        "utf8-behind-utf16-bom.txt",
        corpus("utf8-behind-utf16-bom.txt"),
    )]);
    let run = build(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.about("seeds/utf8-behind-utf16-bom.txt"),
        [
            "seeds/utf8-behind-utf16-bom.txt:1:2: error: not a text file: 77 of its 249 characters (31%) are control characters, NUL bytes or undecodable bytes (read as UTF-16LE, by its byte-order mark), the first one here; nothing from it is imported. If it is a text, save it as UTF-8; if not, move it out of the seeds folder (or rename it to start with `_`)"
        ]
    );
    assert!(
        run.stderr.ends_with(
            "1 seed could not be imported (see the errors above); public/ was built from the others\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        documents(dir.path()),
        [(CONTROL_TITLE.to_string(), "seeds/control.txt".to_string())]
    );
    assert!(!dir.path().join("content").read_dir().unwrap().any(|e| {
        std::fs::read_to_string(e.unwrap().path().join("index.md"))
            .is_ok_and(|t| t.contains("utf8-behind-utf16-bom"))
    }));
}

#[test]
fn unbalanced_brackets_in_clauses() {
    let (dir, about) = builds_with(
        "unbalanced-brackets.txt",
        "江北省人民政府办公厅关于印发科技成果转化行动方案的通知",
    );
    assert!(about.is_empty(), "{about:?}");
    let tasks = tasks_of(dir.path(), "seeds/unbalanced-brackets.txt");
    let read: Vec<(String, String, String)> = tasks
        .iter()
        .map(|t| {
            let names = |k: &str| {
                t[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            (
                t["number"].as_str().unwrap().to_string(),
                names("lead"),
                names("support"),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        read,
        [
            // An unclosed clause is read to the end of its task.
            s("1", "sheng-kejiting", "sheng-caizhengting"),
            // Labels with stray closing brackets.
            s(
                "2",
                "sheng-kejiting",
                "sheng-renliziyuan-shehuibaozhang-ting"
            ),
            s("3", "sheng-kejiting,sheng-jiaoyuting", ""),
            s("4", "sheng-shichang-jianguanju", "sheng-kejiting"),
            // Brackets and nothing else.
            s("5", "", ""),
            s("6", "sheng-difang-jinrong-jianguanju", ""),
            s("7", "sheng-kejiting", "sheng-jiaoyuting"),
        ]
    );
}

#[test]
fn deeply_nested_numbering() {
    let (dir, about) = builds_with(
        "deep-numbering.txt",
        "江北省人民政府关于印发江北省现代化产业体系规划纲要的通知",
    );
    assert!(about.is_empty(), "{about:?}");
    let mut tasks: Vec<(u64, String, String)> = tasks_of(dir.path(), "seeds/deep-numbering.txt")
        .iter()
        .map(|t| {
            (
                t["source"]["line_start"].as_u64().unwrap(),
                t["number"].as_str().unwrap().to_string(),
                t["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    tasks.sort();
    let t = |l: u64, n: &str, title: &str| (l, n.to_string(), title.to_string());
    assert_eq!(
        tasks,
        [
            t(13, "1", "装备制造"),
            t(15, "①", "数控机床。"),
            t(16, "②", "工业机器人。"),
            t(18, "①", "新能源汽车。"),
            t(19, "2", "原材料"),
            t(29, "1", "强化龙头带动。"),
            t(30, "2", "促进融通发展。"),
        ]
    );
}
