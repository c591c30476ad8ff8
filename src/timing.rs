//! Time spent: the step timings printed with `GAZETTE_TIMINGS`, and
//! frees moved off the critical path.

use std::time::Instant;

/// Frees `value` on another thread: a large model or set of views takes
/// seconds to free, which the caller need not wait for.
pub fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Prints how long a step took when `GAZETTE_TIMINGS` is set, with the
/// memory the process holds and the most it has held (where the system
/// says: Linux).
pub fn timing(step: &str, since: Instant) {
    if std::env::var_os("GAZETTE_TIMINGS").is_some() {
        eprintln!(
            "{step}: {:.1} ms{}",
            since.elapsed().as_secs_f64() * 1000.0,
            memory()
        );
    }
}

/// `", 812 MB resident (peak 1,204 MB)"` from `/proc/self/status`, empty
/// where there is no such file.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let mb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb >> 10)
    };
    match (mb("VmRSS:"), mb("VmHWM:")) {
        (Some(now), Some(peak)) => format!(", {now} MB resident (peak {peak} MB)"),
        _ => String::new(),
    }
}
