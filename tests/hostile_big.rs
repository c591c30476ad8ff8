//! The big hostile inputs, generated at test time (deterministically) and
//! never committed: a binary file, a copy of a seed in another encoding,
//! a seed that turns into garbage after it was published, a 20 MB
//! document on one line and a plan of ten thousand tasks. Each is built
//! with the `gazette` binary next to the sound seed of `tests/hostile/`;
//! the big ones print how long they took (no timing is asserted).

mod hostile_support;

use hostile_support::{CONTROL_TITLE, Noise, build, corpus, documents, site, site_json};

fn control_only() -> Vec<(String, String)> {
    vec![(CONTROL_TITLE.to_string(), "seeds/control.txt".to_string())]
}

#[test]
fn a_binary_file_is_refused_with_one_error_and_nothing_else() {
    let blob = Noise::new(200).bytes(200_000);
    let dir = site(&[("blob.txt", blob)]);
    let run = build(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.about("seeds/blob.txt"),
        [
            "seeds/blob.txt:1:14: error: not a text file: 25842 of its 194377 characters (14%) are control characters, NUL bytes or undecodable bytes (read as windows-1252, guessed), the first one here; nothing from it is imported. If it is a text, save it as UTF-8; if not, move it out of the seeds folder (or rename it to start with `_`)"
        ]
    );
    assert_eq!(documents(dir.path()), control_only());
    // The error is said again by the next build: an import with errors is
    // never taken as done.
    let again = build(dir.path());
    assert_eq!(again.code, 1);
    assert_eq!(again.about("seeds/blob.txt"), run.about("seeds/blob.txt"));
    // Renamed out of the way, it is left alone.
    std::fs::rename(
        dir.path().join("seeds/blob.txt"),
        dir.path().join("seeds/_blob.txt"),
    )
    .unwrap();
    let fixed = build(dir.path());
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(fixed.errors().is_empty());
}

#[test]
fn the_same_text_in_two_encodings_is_published_once() {
    let text = String::from_utf8(corpus("control.txt")).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let dir = site(&[("control-gb18030.txt", gb.into_owned())]);
    let run = build(dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.about("seeds/control-gb18030.txt"),
        [
            "seeds/control-gb18030.txt:1:1: warning: decoded as GBK (detected: true)",
            "seeds/control-gb18030.txt:1:1: warning: same text as seeds/control.txt (GBK here, UTF-8 there): not imported twice; delete one of the two files",
        ]
    );
    assert_eq!(documents(dir.path()), control_only());
    assert!(
        !dir.path()
            .join("content/jiangbeizhengbanfa-2025-7-2")
            .exists()
    );
}

#[test]
fn a_seed_damaged_after_it_was_published_keeps_what_it_published() {
    let good = corpus("unbalanced-brackets.txt");
    let dir = site(&[("plan.txt", good)]);
    assert_eq!(build(dir.path()).code, 0);
    let before = documents(dir.path());
    assert_eq!(before.len(), 2);
    // The file is overwritten with zeros (a crash, a bad copy).
    std::fs::write(dir.path().join("seeds/plan.txt"), vec![0u8; 4096]).unwrap();
    let run = build(dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.about("seeds/plan.txt"),
        [
            "seeds/plan.txt:1:1: error: not a text file: 4096 of its 4096 characters (100%) are control characters, NUL bytes or undecodable bytes (read as UTF-8), the first one here; nothing from it is imported. If it is a text, save it as UTF-8; if not, move it out of the seeds folder (or rename it to start with `_`)"
        ]
    );
    // Its documents are still there, from the content imported before.
    assert_eq!(documents(dir.path()), before);
}

#[test]
fn a_twenty_megabyte_document_on_one_line() {
    let text = hostile_support::one_line(20_000_000);
    let bytes = text.len();
    let dir = site(&[("one-line.txt", text.into_bytes())]);
    let run = build(dir.path());
    eprintln!(
        "20 MB on one line ({bytes} bytes): built in {:.1} s",
        run.elapsed.as_secs_f64()
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs = documents(dir.path());
    assert_eq!(docs.len(), 2, "{docs:?}");
    let tasks = site_json(dir.path())["tasks"].as_array().unwrap().len();
    assert!(tasks > 9_000, "{tasks} tasks");
}

#[test]
fn a_plan_of_ten_thousand_tasks() {
    let dir = site(&[(
        "tasks.txt",
        hostile_support::many_tasks(10_000).into_bytes(),
    )]);
    let run = build(dir.path());
    eprintln!("10,000 tasks: built in {:.1} s", run.elapsed.as_secs_f64());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = site_json(dir.path());
    let tasks: Vec<&serde_json::Value> = j["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["source"]["file"] == "seeds/tasks.txt")
        .collect();
    assert_eq!(tasks.len(), 10_000);
    let last = tasks
        .iter()
        .find(|t| t["number"] == "10000")
        .expect("task 10000");
    assert_eq!(
        last["url"].as_str().unwrap().rsplit('#').next(),
        Some("task-10000")
    );
    assert_eq!(last["lead"][0], "sheng-jiaoyuting");
}
