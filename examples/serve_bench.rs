//! Benchmark (not a test): the time from saving a content file to the
//! new page being served by `gazette serve`, over repeated edits.
//!
//!     cargo build --release
//!     cargo run --release --example serve_bench                 # the seeds site
//!     cargo run --release --example serve_bench -- --docs 1000  # a generated corpus
//!
//!     cargo run --release --example serve_bench -- --edit template  # edit a template
//!
//! The site is copied to (or generated in) a temporary folder; `serve` is
//! the release binary beside this example. Each edit changes one
//! document's title (saved as editors do: temp file, then rename) and
//! polls the document's page until the new title is served (the edited
//! document's pages are served ahead of the rest of the site); then it
//! waits for the whole site to be rebuilt and for the search index to
//! catch up before the next edit. With `--edit
//! template` each edit adds a line to the department page template
//! (`templates/department.html`) and polls a department page instead.
//! Prints each time, the median, and the times until the whole site was
//! rebuilt and the search index was ready.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let docs: Option<usize> = value("--docs").map(|v| v.parse()).transpose()?;
    let edits: usize = value("--edits")
        .map(|v| v.parse())
        .transpose()?
        .unwrap_or(10);
    let template = match value("--edit").as_deref() {
        None | Some("content") => false,
        Some("template") => true,
        Some(other) => anyhow::bail!("--edit takes content or template, not {other}"),
    };
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    copy_dir(&repo.join("data"), &root.join("data"))?;
    match docs {
        None => {
            copy_dir(&repo.join("seeds"), &root.join("seeds"))?;
            copy_dir(&repo.join("content"), &root.join("content"))?;
        }
        Some(n) => {
            let status = Command::new("python3")
                .arg(repo.join("bench/gen_corpus.py"))
                .args(["--docs", &n.to_string(), "--out"])
                .arg(root.join("seeds"))
                .stdout(Stdio::null())
                .status()?;
            anyhow::ensure!(status.success(), "gen_corpus.py failed");
        }
    }
    let exe = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("gazette"))
        .expect("target dir");
    let started = Instant::now();
    let mut child = Command::new(&exe)
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        // With GAZETTE_TIMINGS set, serve's timings of each rebuild show.
        .stderr(match std::env::var_os("GAZETTE_TIMINGS") {
            Some(_) => Stdio::inherit(),
            None => Stdio::null(),
        })
        .spawn()?;
    let out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = out.lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its URL")?;
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines.by_ref() {});
    wait_poll(&addr, "\"search\":\"ready\"");
    println!(
        "site ready (built and indexed) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let (index_md, page) = if template {
        std::fs::create_dir_all(root.join("templates"))?;
        (
            root.join("templates/department.html"),
            first_department(&addr),
        )
    } else {
        first_document(root)?
    };
    let default_template = std::fs::read_to_string(repo.join("theme/templates/department.html"))?;
    let mut served = Vec::new();
    let mut rebuilt = Vec::new();
    let mut indexed = Vec::new();
    for i in 0..edits {
        let token = format!("基准编辑{i}号");
        let edited = if template {
            let line = format!("{{% block main %}}<p>{token}</p>");
            default_template.replacen("{% block main %}", &line, 1)
        } else {
            replace_title(&std::fs::read_to_string(&index_md)?, &token)
        };
        let tmp = index_md.with_extension("tmp");
        let t = Instant::now();
        std::fs::write(&tmp, edited)?;
        std::fs::rename(&tmp, &index_md)?;
        loop {
            if get(&addr, &page).contains(&token) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        served.push(t.elapsed());
        wait_poll(&addr, "\"rebuilding\":false");
        rebuilt.push(t.elapsed());
        wait_poll(&addr, "\"search\":\"ready\"");
        indexed.push(t.elapsed());
        println!(
            "edit {}: served after {:.0} ms, whole site rebuilt after {:.0} ms, search index ready after {:.0} ms",
            i + 1,
            ms(served[i]),
            ms(rebuilt[i]),
            ms(indexed[i])
        );
    }
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "save → new page served: median {:.0} ms (min {:.0}, max {:.0}) over {} edits; whole site rebuilt: median {:.0} ms; search index ready: median {:.0} ms",
        ms(median(&served)),
        ms(*served.iter().min().unwrap()),
        ms(*served.iter().max().unwrap()),
        edits,
        ms(median(&rebuilt)),
        ms(median(&indexed))
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s[s.len() / 2]
}

/// The page of the first department of the served site.
fn first_department(addr: &str) -> String {
    let csv = get(addr, "/data/departments.csv");
    let row = csv
        .split("\r\n\r\n")
        .nth(1)
        .and_then(|body| body.lines().nth(1))
        .expect("a department");
    format!("/departments/{}/", row.split(',').next().unwrap())
}

/// The content file and page URL of the first document.
fn first_document(root: &Path) -> anyhow::Result<(PathBuf, String)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("content"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("index.md").exists())
        .collect();
    dirs.sort();
    let dir = dirs.first().expect("a document");
    let id = dir.file_name().unwrap().to_string_lossy().to_string();
    Ok((dir.join("index.md"), format!("/documents/{id}/")))
}

/// The front matter's title with `token` in front (replacing the token
/// of the previous edit).
fn replace_title(text: &str, token: &str) -> String {
    let mut done = false;
    let mut out = String::new();
    for line in text.lines() {
        match line.strip_prefix("title = \"") {
            Some(title) if !done => {
                done = true;
                let title = match (title.starts_with("基准编辑"), title.find('号')) {
                    (true, Some(i)) => &title[i + '号'.len_utf8()..],
                    _ => title,
                };
                out.push_str(&format!("title = \"{token}{title}"));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut body = Vec::new();
    let _ = s.read_to_end(&mut body);
    String::from_utf8_lossy(&body).to_string()
}

/// Waits until the preview's state (`/__gazette/poll`) says `what`.
fn wait_poll(addr: &str, what: &str) {
    loop {
        let state = get(addr, "/__gazette/poll");
        if state.contains(what) && state.contains("\"rebuilding\":false") {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()))?;
        } else {
            std::fs::copy(&p, to.join(e.file_name()))?;
        }
    }
    Ok(())
}
