//! Helpers shared by the integration tests: a site in a temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary site holding a copy of the real seeds and of the
/// repository site's data tables (as the shipped site has them).
pub fn seeds_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("seeds"), &dir.path().join("seeds"));
    copy_dir(&repo().join("data"), &dir.path().join("data"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Builds a site with the library and returns its site.json.
pub fn build_json(root: &Path) -> serde_json::Value {
    let site = gazette::site::Site::new(root);
    let r = gazette::build::build(&site, &Default::default()).unwrap();
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    serde_json::from_slice(&std::fs::read(root.join("public/data/site.json")).unwrap()).unwrap()
}

/// 2024-06-01T00:00:00Z: the build date of the builds of a test file that
/// calls [`fixed_build_date`].
pub const BUILD_EPOCH: &str = "1717200000";

/// Fixes the build date before any build of this process (tests run in
/// threads: every test calls this first, and the variable is set once).
#[allow(unsafe_code)]
pub fn fixed_build_date() {
    static SET: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once, before any build of this process reads it; the
    // tests that read the environment all pass through this `Once` first.
    SET.call_once(|| unsafe { std::env::set_var("SOURCE_DATE_EPOCH", BUILD_EPOCH) });
}
