//! Search stage: builds the full-text search index of the rendered site.
//!
//! Runs after rendering and before writing. Input: the rendered pages, as
//! output path (`plans/x/index.html`) → HTML bytes. Output: the Pagefind
//! bundle (`pagefind.js`, its worker, the WebAssembly search engine, the entry
//! file, and the hashed meta, word-index, filter and fragment files), as
//! output paths under `pagefind/`, ready for the writer.
//!
//! Pagefind decides what is searchable from the markup (see DESIGN.md): once
//! any page carries `data-pagefind-body`, pages without it are left out;
//! `data-pagefind-meta="title"` gives a result its title and
//! `data-pagefind-filter` spans give its facets. Every page goes into one
//! index whatever its `lang`, so that a reader searching in Simplified
//! Chinese also finds the Traditional documents; the index is segmented
//! into Chinese words (Pagefind's `extended` feature) and also holds every
//! pair of adjacent characters, so a query need not match the segmenter's
//! word boundaries. The same pages give byte-identical files: pages are
//! added in path order and Pagefind names every file by a hash of its
//! content.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The folder of the bundle in the output, with its trailing slash.
pub const BUNDLE_DIR: &str = "pagefind/";

/// The one language every page is indexed under. Pagefind segments the
/// text of a `zh` index into words; the browser side picks this index
/// whatever the `lang` of the search page, as it is the only one.
const INDEX_LANGUAGE: &str = "zh-cn";

/// Files of the bundle that the site never loads: Pagefind's ready-made
/// search interfaces and its result-page highlighter (about 430 KB in all).
/// `assets/search.js` talks to `pagefind.js` directly instead.
const UNUSED_FILES: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Indexes the pages (output path → HTML bytes) and returns the Pagefind
/// bundle as output paths under `pagefind/` → file bytes. Entries whose path
/// does not end in `.html` are skipped. Result URLs are the pages' site-root
/// URLs with `index.html` dropped (`/plans/x/`); the search script rebases
/// them onto the site's real root in the browser.
pub fn index_pages(pages: &BTreeMap<String, Vec<u8>>) -> Result<BTreeMap<String, Vec<u8>>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime for the search indexer")?;
    runtime.block_on(index_pages_async(pages))
}

async fn index_pages_async(pages: &BTreeMap<String, Vec<u8>>) -> Result<BTreeMap<String, Vec<u8>>> {
    let config = PagefindServiceConfig::builder()
        .force_language(INDEX_LANGUAGE.to_string())
        .build();
    let mut index = PagefindIndex::new(Some(config)).context("cannot set up the search index")?;

    // BTreeMap order: the page numbers, hence the files, never depend on
    // the order in which the renderer produced the pages.
    for (path, html) in pages.iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = std::str::from_utf8(html)
            .with_context(|| format!("{path}: page is not UTF-8, cannot index it"))?;
        // Only pages marked searchable are indexed (Pagefind's own rule once
        // any page has `data-pagefind-body`); the indexer is handed just the
        // searchable part, which spares parsing headers and footers.
        let Some(html) = searchable_part(html) else {
            continue;
        };
        index
            .add_html_file(Some(path.clone()), Some(page_url(path)), html)
            .await
            .with_context(|| format!("{path}: cannot index the page for search"))?;
    }

    let added = std::time::Instant::now();
    let files = index
        .get_files()
        .await
        .context("cannot build the search index")?;
    crate::build::timing("search bundle", added);
    let mut bundle = BTreeMap::new();
    for file in files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        if UNUSED_FILES.contains(&name.as_str()) {
            continue;
        }
        bundle.insert(format!("{BUNDLE_DIR}{name}"), file.contents);
    }
    Ok(bundle)
}

/// The URL Pagefind records for a page: `/` plus its output path, with a
/// final `index.html` dropped so the URL names the directory, and the few
/// characters a URL path cannot carry percent-encoded.
/// The page reduced to its `<html>` tag, `<title>` and the element marked
/// `data-pagefind-body`; `None` when no element is marked.
fn searchable_part(html: &str) -> Option<String> {
    let mark = html.find("data-pagefind-body")?;
    let open = html[..mark].rfind('<')?;
    let name: String = html[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let close = format!("</{name}>");
    let end = html.rfind(&close)? + close.len();
    let head_end = html.find("<body").unwrap_or(0);
    let title = html
        .find("<title>")
        .zip(html.find("</title>"))
        .filter(|(a, b)| a < b && *b < head_end.max(1))
        .map(|(a, b)| &html[a..b + "</title>".len()])
        .unwrap_or("");
    let html_tag_end = html
        .find("<html")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1))?;
    let html_tag = &html[html.find("<html")?..html_tag_end];
    let body = &html[open..end];
    Some(format!(
        "<!DOCTYPE html>{html_tag}<head><meta charset=\"utf-8\">{title}</head><body>{body}</body></html>"
    ))
}

pub fn page_url(path: &str) -> String {
    let dir = if path == "index.html" {
        ""
    } else {
        path.strip_suffix("/index.html")
            .map_or(path, |dir| &path[..dir.len() + 1])
    };
    let mut url = String::from("/");
    for c in dir.chars() {
        match c {
            ' ' | '"' | '#' | '%' | '<' | '>' | '?' | '`' | '{' | '}' | '\u{0}'..='\u{1f}' => {
                url.push_str(&format!("%{:02X}", c as u32));
            }
            _ => url.push(c),
        }
    }
    url
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
