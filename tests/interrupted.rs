//! Nothing is lost when a build is killed: `gazette build` is stopped with
//! SIGKILL at each step it can be paused at (`GAZETTE_PAUSE_AT`: during
//! import, render, index, and on either side of the swap of `public/`),
//! and after each kill the previous `public/` is whole and every content
//! file is either the one before or the one the import meant to write.
//! The next build then finishes as if nothing had happened.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Every file under `dir` (relative path → bytes), hidden files included.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn gazette(root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gazette"));
    c.args(["build", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", common::BUILD_EPOCH)
        .env_remove("GAZETTE_PAUSE_AT");
    c
}

fn build(root: &Path) -> String {
    let out = gazette(root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "build failed:\n{stderr}");
    stderr
}

/// Starts a build that pauses at `step`, waits until it says so, and kills
/// it with SIGKILL.
fn kill_at(root: &Path, step: &str) {
    let mut child = gazette(root)
        .env("GAZETTE_PAUSE_AT", step)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wanted = format!("gazette: paused at {step}");
    let mut said = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(300)) {
            Ok(line) if line == wanted => break,
            Ok(line) => said.push(line),
            Err(e) => {
                let _ = child.kill();
                panic!("the build never paused at {step} ({e:?}); it said:\n{said:#?}");
            }
        }
    }
    // Child::kill sends SIGKILL on Unix: no handler, no clean-up.
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_build_killed_at_any_step_loses_nothing() {
    // The reference: the whole seeds site built without interruption.
    let reference = common::seeds_site();
    build(reference.path());
    let want_public = tree(&reference.path().join("public"));
    let want_content = tree(&reference.path().join("content"));

    // The same site built once without its smallest seed and with a
    // closing line added to the others; then the seeds are put back as
    // they ship, so the next import has files to add and files to rewrite.
    let site = common::seeds_site();
    let seeds = site.path().join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
    let held_back = site.path().join("held-back.txt");
    std::fs::rename(&files[0], &held_back).unwrap();
    let shipped: Vec<(std::path::PathBuf, Vec<u8>)> = files[1..]
        .iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    for (p, bytes) in &shipped {
        let mut text = String::from_utf8_lossy(bytes).to_string();
        text.push_str("\n\n本文件自印发之日起施行。\n");
        std::fs::write(p, text).unwrap();
    }
    build(site.path());
    std::fs::rename(&held_back, &files[0]).unwrap();
    for (p, bytes) in &shipped {
        std::fs::write(p, bytes).unwrap();
    }
    let old_public = tree(&site.path().join("public"));
    let old_content = tree(&site.path().join("content"));
    assert_ne!(
        old_public, want_public,
        "the held-back seed changes the site"
    );

    for step in gazette::pause::STEPS {
        kill_at(site.path(), step);
        if *step == "import" {
            let content = tree(&site.path().join("content"));
            let rewritten = content
                .iter()
                .filter(|(p, b)| old_content.get(*p).is_some_and(|o| o != *b))
                .count();
            assert!(rewritten > 0, "the killed import rewrote a file");
        }
        let public = tree(&site.path().join("public"));
        if *step == "swapped" {
            assert!(
                public == want_public,
                "killed after the swap: the new output is whole"
            );
        } else {
            assert!(public == old_public, "killed at {step}: public/ changed");
        }
        for (path, bytes) in tree(&site.path().join("content")) {
            if path.ends_with(".gazette-tmp") || path == ".import.pending.toml" {
                continue; // import's own scratch files, hidden from readers
            }
            assert!(
                old_content.get(&path) == Some(&bytes) || want_content.get(&path) == Some(&bytes),
                "killed at {step}: content/{path} is neither the old file nor the new one"
            );
        }
    }

    // The next build finishes the job: no file is taken for an edit, and
    // the result is what an uninterrupted build gives.
    let said = build(site.path());
    assert!(!said.contains("edited"), "{said}");
    assert!(tree(&site.path().join("content")) == want_content);
    assert!(tree(&site.path().join("public")) == want_public);
}
