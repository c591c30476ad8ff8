//! A site made of one sound seed (`tests/hostile/control.txt`) and hostile
//! ones, built with the `gazette` binary; what it printed and what it
//! published. And deterministic generators of the big hostile inputs,
//! which are not committed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub fn corpus(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A temporary site whose seeds are `control.txt` and `files`.
pub fn site(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("control.txt"), corpus("control.txt")).unwrap();
    for (name, bytes) in files {
        std::fs::write(seeds.join(name), bytes).unwrap();
    }
    dir
}

/// What a run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    /// The diagnostics printed about `path` (`seeds/x.txt`), in order.
    pub fn about(&self, path: &str) -> Vec<String> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with(&format!("{path}:")))
            .map(str::to_string)
            .collect()
    }

    /// The diagnostics printed about anything but `control.txt` content
    /// (the sound seed's own warnings, if any, are not the point).
    pub fn errors(&self) -> Vec<String> {
        self.stderr
            .lines()
            .filter(|l| l.contains(": error: "))
            .map(str::to_string)
            .collect()
    }
}

/// Runs `gazette --verbose <args> --root <root>`.
pub fn gazette(root: &Path, args: &[&str]) -> Run {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("--verbose")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
        elapsed: t.elapsed(),
    }
}

pub fn build(root: &Path) -> Run {
    gazette(root, &["build"])
}

/// The published open data.
pub fn site_json(root: &Path) -> serde_json::Value {
    let p = root.join("public/data/site.json");
    serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
}

/// Titles of the published documents with their seed file, sorted.
pub fn documents(root: &Path) -> Vec<(String, String)> {
    let j = site_json(root);
    let mut out: Vec<(String, String)> = j["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["title"].as_str().unwrap().to_string(),
                d["source"]["file"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The published tasks whose seed is `file` (`seeds/x.txt`).
pub fn tasks_of(root: &Path, file: &str) -> Vec<serde_json::Value> {
    site_json(root)["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["source"]["file"] == file)
        .cloned()
        .collect()
}

/// The title of the sound seed.
pub const CONTROL_TITLE: &str = "江北省人民政府办公厅关于印发数据要素市场培育行动方案的通知";

/// A small deterministic generator (xorshift64).
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Noise {
        Noise(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next() >> 24) as u8).collect()
    }

    /// `n` Han characters of the common range, as names and rare words
    /// are to the text around them.
    pub fn han(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from_u32(0x4E00 + self.below(0x4000) as u32).unwrap())
            .collect()
    }
}

const DEPARTMENTS: &[&str] = &[
    "省发展改革委",
    "省科技厅",
    "省工业和信息化厅",
    "省财政厅",
    "省教育厅",
    "省商务厅",
    "省农业农村厅",
];

const VERBS: &[&str] = &["强化", "完善", "推进", "加快", "深化", "实施", "培育"];

/// The head of a notice that hands down a plan, as one block of lines.
fn head(plan: &str) -> Vec<String> {
    [
        format!("江北省人民政府关于印发{plan}的通知"),
        "江北政发〔2025〕50号".to_string(),
        "各市、县人民政府，省政府各部门：".to_string(),
        format!("现将《{plan}》印发给你们，请认真贯彻落实。"),
        "江北省人民政府".to_string(),
        "2025年9月1日".to_string(),
        plan.to_string(),
        "一、工作目标".to_string(),
        "到2027年，全省研发经费投入年均增长10%左右。".to_string(),
        "二、重点任务".to_string(),
    ]
    .to_vec()
}

/// One task of a plan: numbered, with a target, a deadline, a clause of
/// responsibility and `filler` characters of running text (sentences of
/// random Han characters, as varied as real text is).
fn task(n: usize, noise: &mut Noise, filler: usize) -> String {
    let i = n as u64;
    let mut t = format!(
        "{n}.{}{}。到{}年，高新技术企业突破{}.{}万家，研发投入年均增长{}%左右。",
        VERBS[n % VERBS.len()],
        noise.han(6),
        2025 + i % 5,
        3 + i % 7,
        i % 10,
        1 + i % 15
    );
    let mut left = filler;
    while left > 0 {
        let k = left.min(8 + noise.below(24) as usize);
        t.push_str(&noise.han(k));
        t.push(if noise.below(3) == 0 { '。' } else { '，' });
        left -= k;
    }
    t.push_str(&format!(
        "（牵头单位：{}；配合单位：{}）",
        DEPARTMENTS[n % DEPARTMENTS.len()],
        DEPARTMENTS[(n * 3 + 1) % DEPARTMENTS.len()]
    ));
    t
}

/// A plan of `tasks` numbered tasks, one per line.
pub fn many_tasks(tasks: usize) -> String {
    let mut noise = Noise::new(10_000);
    let mut lines = head("科技创新行动计划");
    lines.extend((1..=tasks).map(|n| task(n, &mut noise, 40)));
    lines.join("\n") + "\n"
}

/// A plan flattened onto one line of at least `bytes` bytes: tasks of
/// about two thousand bytes each, run together as a scrape leaves them.
pub fn one_line(bytes: usize) -> String {
    let mut noise = Noise::new(20_000_000);
    let mut text = head("数字经济发展规划").join(" ");
    let mut n = 1;
    while text.len() < bytes {
        text.push_str(&task(n, &mut noise, 600));
        n += 1;
    }
    text
}
