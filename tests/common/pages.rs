//! Reading a built output folder as a reader's browser would: its HTML
//! pages, their ids and links, and links resolved as a static server
//! resolves them (relative to the page's folder, `x/` naming `x/index.html`).
//!
//! Included with `#[path = "common/pages.rs"] mod pages;` by the tests
//! that read a built site.

#![allow(dead_code)]

use rayon::prelude::*;
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A CSS selector; panics on a typo in a test.
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// The text of an element, whitespace collapsed.
pub fn text(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One `<a href>` of a page.
#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub class: String,
    pub text: String,
}

/// What the whole-site tests need of one HTML page.
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    pub ids: HashSet<String>,
    pub links: Vec<Link>,
    pub lang: Option<String>,
    pub h1: usize,
    pub mains: usize,
    /// Heading levels (1–6) in document order, with their text.
    pub headings: Vec<(u8, String)>,
}

impl Page {
    pub fn parse(html: String) -> Page {
        let doc = Html::parse_document(&html);
        let ids = doc
            .select(&sel("[id], a[name]"))
            .filter_map(|e| e.value().attr("id").or_else(|| e.value().attr("name")))
            .map(String::from)
            .collect();
        let links = doc
            .select(&sel("a[href]"))
            .map(|a| Link {
                href: a.value().attr("href").unwrap_or_default().to_string(),
                class: a.value().attr("class").unwrap_or_default().to_string(),
                text: text(a),
            })
            .collect();
        let lang = doc
            .select(&sel("html"))
            .next()
            .and_then(|h| h.value().attr("lang"))
            .map(String::from);
        let headings = doc
            .select(&sel("h1, h2, h3, h4, h5, h6"))
            .map(|h| (h.value().name().as_bytes()[1] - b'0', text(h)))
            .collect();
        Page {
            ids,
            links,
            lang,
            h1: doc.select(&sel("h1")).count(),
            mains: doc.select(&sel("main")).count(),
            headings,
            html,
        }
    }

    pub fn doc(&self) -> Html {
        Html::parse_document(&self.html)
    }
}

/// Every HTML page of an output folder outside `pagefind/`, by path
/// relative to the folder (`plans/x/index.html`), parsed in parallel.
pub fn read_pages(public: &Path) -> BTreeMap<String, Page> {
    let mut files = Vec::new();
    walk(public, "", &mut files);
    files
        .into_par_iter()
        .filter(|rel| rel.ends_with(".html") && !rel.starts_with("pagefind/"))
        .map(|rel| {
            let html = std::fs::read_to_string(public.join(&rel)).unwrap();
            (rel, Page::parse(html))
        })
        .collect()
}

/// Every file under `dir`, relative, with `/` separators, sorted.
pub fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = format!("{prefix}{}", e.file_name().to_string_lossy());
        if e.file_type().unwrap().is_dir() {
            walk(&e.path(), &format!("{name}/"), out);
        } else {
            out.push(name);
        }
    }
}

/// Whether `href` leaves the site (has a scheme, or starts with `//`).
pub fn is_external(href: &str) -> bool {
    href.starts_with("//")
        || href
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|head| head.contains(':'))
}

/// Resolves `href` found on page `from` (`plans/x/index.html`) to the
/// output file it names and its fragment; `None` for external links. A
/// path ending in `/` names the `index.html` inside; a leading `/` is the
/// output root.
pub fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    if is_external(href) {
        return None;
    }
    let (rest, fragment) = match href.split_once('#') {
        Some((path, f)) => (path, Some(percent_decode(f))),
        None => (href, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    if rest.is_empty() {
        return Some((from.to_string(), fragment));
    }
    let mut parts: Vec<&str> = if rest.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from.split('/').collect();
        p.pop();
        p
    };
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if rest.ends_with('/') || rest == "." || rest == ".." || rest.ends_with("/.") {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some((percent_decode(&path), fragment))
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
