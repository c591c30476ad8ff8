//! Serve stage, HTTP: answers one request from the site held in memory.
//! Input: the method and the raw request target; output: a [`Reply`]
//! (status, headers, body). No I/O here, so every rule (methods, path
//! traversal, content types, directory URLs, the 404 page, the live
//! reload script) is tested without a network.

use std::collections::BTreeMap;

/// Where the preview's own files live; no site file can be there.
pub const PREFIX: &str = "/__gazette/";

/// The script every served HTML page loads in serve mode.
pub const LIVE_SCRIPT: &str = "<script src=\"/__gazette/live.js\"></script>";

const LIVE_JS: &str = include_str!("live.js");

/// An answer to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("Cache-Control", "no-store".to_string()),
                ("X-Content-Type-Options", "nosniff".to_string()),
            ],
            body,
        }
    }

    fn text(status: u16, message: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            format!("{message}\n").into_bytes(),
        )
    }

    /// The value of a header, if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The content type of an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        // Pagefind's search engine (WebAssembly, fetched and instantiated
        // by its script) and its gzipped index files.
        "pagefind" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The output path a URL path names, after percent-decoding; `Err` with a
/// reason for a path that tries to leave the site (`..`, encoded or not,
/// backslashes, NUL) or is not UTF-8.
pub fn decode_path(raw: &str) -> Result<String, &'static str> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err("the path must start with /");
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return Err("backslashes and NUL are not allowed in paths");
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err("path traversal refused");
    }
    Ok(decoded.trim_start_matches('/').to_string())
}

/// `s` with its `%XX` escapes decoded; `Err` when one is malformed or the
/// result is not UTF-8.
pub fn percent_decode(s: &str) -> Result<String, &'static str> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("bad percent-encoding")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the path is not UTF-8")
}

/// The file of the site served for a decoded path (see [`decode_path`]):
/// a folder's `index.html`, else the path itself.
pub fn file_key(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Adds the live reload script to an HTML page (before `</body>`, or at
/// the end when there is none).
pub fn with_live_script(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + LIVE_SCRIPT.len());
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Answers a request for a site file (`status` handles `/__gazette/poll`
/// elsewhere, as it waits). `files` is the site as built.
pub fn respond(files: &BTreeMap<String, Vec<u8>>, method: &str, target: &str) -> Reply {
    let mut reply = respond_get(files, method, target);
    if method == "HEAD" {
        reply
            .headers
            .push(("Content-Length", reply.body.len().to_string()));
        reply.body.clear();
    }
    reply
}

fn respond_get(files: &BTreeMap<String, Vec<u8>>, method: &str, target: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut r = Reply::text(
            405,
            "405 Method Not Allowed: the preview serves GET and HEAD",
        );
        r.headers.push(("Allow", "GET, HEAD".to_string()));
        return r;
    }
    let path = match decode_path(target) {
        Ok(p) => p,
        Err(why) => return Reply::text(400, &format!("400 Bad Request: {why}")),
    };
    if let Some(own) = format!("/{path}").strip_prefix(PREFIX) {
        return match own {
            "live.js" => Reply::new(200, content_type("live.js"), LIVE_JS.as_bytes().to_vec()),
            _ => Reply::text(404, "404 Not Found"),
        };
    }
    let file = file_key(&path);
    if let Some(bytes) = files.get(&file) {
        let ty = content_type(&file);
        let body = if ty.starts_with("text/html") {
            with_live_script(bytes)
        } else {
            bytes.clone()
        };
        return Reply::new(200, ty, body);
    }
    if !path.is_empty() && files.contains_key(&format!("{path}/index.html")) {
        let mut r = Reply::text(301, "301 Moved Permanently");
        let query = target.split_once('?').map(|(_, q)| q);
        let location = match query {
            Some(q) => format!("/{path}/?{q}"),
            None => format!("/{path}/"),
        };
        r.headers.push(("Location", encode_location(&location)));
        return r;
    }
    match files.get("404.html") {
        Some(page) => Reply::new(404, content_type("404.html"), with_live_script(page)),
        None => Reply::text(404, "404 Not Found"),
    }
}

/// A Location header value: non-ASCII characters percent-encoded.
fn encode_location(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
