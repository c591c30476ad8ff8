//! Time spent: the step timings printed with `GAZETTE_TIMINGS`, and
//! frees moved off the critical path.

use std::time::Instant;

/// Frees `value` on another thread: a large model or set of views takes
/// seconds to free, which the caller need not wait for.
pub fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Prints how long a step took when `GAZETTE_TIMINGS` is set.
pub fn timing(step: &str, since: Instant) {
    if std::env::var_os("GAZETTE_TIMINGS").is_some() {
        eprintln!("{step}: {:.1} ms", since.elapsed().as_secs_f64() * 1000.0);
    }
}
