//! A static file server for a built site, for browser tests.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A static file server for one folder on a free port of 127.0.0.1, in a
/// background thread; stops when dropped.
pub struct StaticServer {
    url: String,
    stop: Arc<AtomicBool>,
    port: u16,
    requests: Arc<Mutex<Vec<(u16, String)>>>,
    thread: Option<JoinHandle<()>>,
}

/// Serves `dir` at `http://127.0.0.1:{free port}/`: GET and HEAD only, a
/// directory answers with its `index.html` (a directory named without its
/// final slash is redirected to it, as real servers do).
pub fn serve_dir(dir: impl Into<PathBuf>) -> StaticServer {
    let dir = dir.into();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port for the file server");
    let port = listener.local_addr().unwrap().port();
    let stop = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let thread = {
        let (stop, requests) = (stop.clone(), requests.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (dir, requests) = (dir.clone(), requests.clone());
                thread::spawn(move || {
                    if let Some(logged) = answer(stream, &dir) {
                        requests.lock().unwrap().push(logged);
                    }
                });
            }
        })
    };
    StaticServer {
        url: format!("http://127.0.0.1:{port}/"),
        stop,
        port,
        requests,
        thread: Some(thread),
    }
}

impl StaticServer {
    /// The server's root URL, with its final slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request answered so far, as (status, path).
    pub fn requests(&self) -> Vec<(u16, String)> {
        self.requests.lock().unwrap().clone()
    }

    /// The paths answered with an error status (404, 405, …).
    pub fn failed_requests(&self) -> Vec<(u16, String)> {
        self.requests()
            .into_iter()
            .filter(|(status, _)| *status >= 400)
            .collect()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(stream: TcpStream, root: &Path) -> Option<(u16, String)> {
    // Browsers open spare connections that may never send a request.
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let (status, content_type, body, location) = respond(method, &path, root);
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Bad Request",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(location) = location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes());
    if method == "GET" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    Some((status, path))
}

type Response = (u16, &'static str, Vec<u8>, Option<String>);

fn respond(method: &str, path: &str, root: &Path) -> Response {
    let text = "text/plain; charset=utf-8";
    if method != "GET" && method != "HEAD" {
        return (405, text, b"GET only".to_vec(), None);
    }
    let Some(decoded) = percent_decode(path) else {
        return (400, text, b"bad path".to_vec(), None);
    };
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return (400, text, b"bad path".to_vec(), None);
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            return (301, text, Vec::new(), Some(format!("{path}/")));
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => (200, content_type(&file), body, None),
        Err(_) => (404, text, b"not found".to_vec(), None),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        // Pagefind's bundle: gzip-compressed index files and the gzipped wasm.
        _ => "application/octet-stream",
    }
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
