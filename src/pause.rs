//! A hook for the interruption tests: with `GAZETTE_PAUSE_AT=<step>` set,
//! a run that reaches the named step prints `gazette: paused at <step>` on
//! standard error and waits there until it is killed. The tests kill it
//! with SIGKILL at each step (import, render, index, swap) and check that
//! the previous `public/` and `content/` are intact. Without the variable,
//! `at` costs one environment lookup.

/// The steps a run can be paused at, in the order a build meets them.
pub const STEPS: &[&str] = &["import", "render", "index", "swap", "swapped"];

/// Pauses here for good when `GAZETTE_PAUSE_AT` names `step`.
pub fn at(step: &str) {
    debug_assert!(STEPS.contains(&step), "unknown pause step {step}");
    if std::env::var("GAZETTE_PAUSE_AT").is_ok_and(|s| s == step) {
        eprintln!("gazette: paused at {step}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}
