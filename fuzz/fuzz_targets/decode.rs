//! The loader: any bytes, as read from a seed file, decode to text
//! (`load::decode::decode`) without a panic or a hang, and every
//! diagnostic points inside the input (at most one line per line break,
//! at most one column per byte).

#![no_main]

use gazette::load::decode::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let d = decode(data, "seeds/fuzz.txt");
    let breaks = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    for diag in &d.diagnostics {
        assert!(diag.line <= breaks + 1, "{diag:?}: line past the input");
        assert!(
            diag.col <= data.len() + 1,
            "{diag:?}: column past the input"
        );
    }
});
