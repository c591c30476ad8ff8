//! CLI transcripts: what users see, errors included.

mod common;

use std::process::Command;

fn gazette(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn build_prints_a_one_line_summary() {
    let dir = common::seeds_site();
    let (code, out, err) = gazette(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("14 documents, "), "{out}");
    assert!(
        out.contains(" plans, ")
            && out.contains(" tasks, ")
            && out.contains(" warnings; ")
            && out.contains(" ms"),
        "{out}"
    );
    assert!(
        err.contains("warnings (run with --verbose to see them)"),
        "{err}"
    );
}

#[test]
fn broken_front_matter_fails_with_path_line_col_and_keeps_public() {
    let dir = common::seeds_site();
    let root = dir.path().to_str().unwrap();
    assert_eq!(gazette(&["build", "--root", root]).0, 0);
    let file = dir.path().join("content/guobanfa-2024-21/index.md");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("title = ", "titel = ", 1);
    std::fs::write(&file, text).unwrap();
    let (code, _, err) = gazette(&["build", "--root", root]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "content/guobanfa-2024-21/index.md:3:1: error: front matter: unknown key `titel`"
        ),
        "{err}"
    );
    assert!(err.contains("public/ was left as it was"), "{err}");
    assert!(dir.path().join("public/data/site.json").exists());
}

#[test]
fn import_without_seeds_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = gazette(&["import", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("has no seeds/ folder"), "{err}");
}

#[test]
fn verbose_shows_the_spam_warning_with_its_place() {
    let dir = common::seeds_site();
    let (_, _, err) = gazette(&[
        "import",
        "--verbose",
        "--root",
        dir.path().to_str().unwrap(),
    ]);
    assert!(err.contains("seeds/000_71a2fd0bf5b143a7.txt:84:155: warning: dropped injected advertisement “KU游体育”"), "{err}");
}

#[test]
fn a_broken_template_fails_with_its_place_and_keeps_the_last_good_site() {
    let dir = common::seeds_site();
    let root = dir.path().to_str().unwrap();
    assert_eq!(gazette(&["build", "--root", root]).0, 0);
    let index = std::fs::read(dir.path().join("public/index.html")).unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/plan.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title }\n{% endblock main %}\n",
    )
    .unwrap();
    let (code, _, err) = gazette(&["build", "--root", root]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("templates/plan.html:3:"), "{err}");
    assert!(err.contains("public/ was left as it was"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("public/index.html")).unwrap(),
        index,
        "the last good site is still there"
    );
    assert!(!dir.path().join(".public.new").exists());
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mysite");
    let s = site.to_str().unwrap();
    let (code, out, err) = gazette(&["init", s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("gazette --root"), "{out}");
    for f in [
        "site.toml",
        "seeds/sample-plan.txt",
        "templates/base.html",
        "data/departments.toml",
    ] {
        assert!(site.join(f).exists(), "{f}");
    }
    let (code, out, err) = gazette(&["build", "--root", s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("1 documents, 1 plans, 3 tasks"), "{out}");
    assert!(
        !err.contains("warning"),
        "the sample names only known departments: {err}"
    );
    let (code, out, err) = gazette(&["check", "--root", s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    // A second init into a non-empty folder is refused.
    let (code, _, err) = gazette(&["init", s]);
    assert_eq!(code, 1);
    assert!(err.contains("is not empty"), "{err}");
}
