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
use std::time::Instant;

use crate::timing::timing;

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

/// Indexes the pages (output path → HTML bytes) in parts of about
/// `budget` bytes of searched HTML (see [`ShardedIndexer`]) and returns
/// the Pagefind bundle as output paths under `pagefind/` → file bytes.
/// Entries whose path does not end in `.html` are skipped. Result URLs are
/// the pages' site-root URLs with `index.html` dropped (`/plans/x/`); the
/// search script rebases them onto the site's real root in the browser.
pub fn index_pages(pages: &BTreeMap<String, Vec<u8>>, budget: usize) -> Result<Bundle> {
    index_pages_reusing(pages, budget, &mut PartCache::default())
}

/// The parts of an index made before, each by a hash of what it was made
/// from (its number and its pages' searched HTML): `serve` keeps them so
/// that after an edit only the parts holding a changed page are indexed
/// again.
#[derive(Debug, Default)]
pub struct PartCache {
    parts: std::collections::HashMap<u64, Bundle>,
    /// Parts indexed (not taken from the cache) by the last call.
    pub indexed: usize,
    /// Parts in the index made by the last call.
    pub total: usize,
}

/// Like [`index_pages`], taking again from `cache` every part whose pages
/// are the same as when it was made, and leaving in `cache` exactly the
/// parts of this index. The pages are cut into parts by the rule of
/// [`ShardedIndexer::add`], so the bundle is byte for byte the one a
/// build makes of the same pages.
pub fn index_pages_reusing(
    pages: &BTreeMap<String, Vec<u8>>,
    budget: usize,
    cache: &mut PartCache,
) -> Result<Bundle> {
    let budget = budget.max(1);
    // BTreeMap order: the page numbers, hence the files, never depend on
    // the order in which the renderer produced the pages.
    let mut parts: Vec<(Vec<(&str, String)>, usize)> = Vec::new();
    for (path, html) in pages {
        let Some(part) = searchable_html(path, html)? else {
            continue;
        };
        if starts_part(parts.last().map(|(_, size)| *size), budget) {
            parts.push((Vec::new(), 0));
        }
        if let Some((list, size)) = parts.last_mut() {
            *size += part.len();
            list.push((path, part));
        }
    }
    if parts.is_empty() {
        // No searchable page: an empty index, so the search page loads.
        parts.push((Vec::new(), 0));
    }
    let mut done = Bundle::new();
    let mut kept = std::collections::HashMap::new();
    cache.indexed = 0;
    cache.total = parts.len();
    for (i, (list, _)) in parts.iter().enumerate() {
        let n = i + 1;
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (n, list).hash(&mut h);
            h.finish()
        };
        let files = match cache.parts.remove(&key) {
            Some(files) => files,
            None => {
                cache.indexed += 1;
                let mut indexer = Indexer::new()?;
                for (path, part) in list {
                    indexer.add_part(path, part)?;
                }
                let dir = part_dir(n);
                indexer
                    .finish()?
                    .into_iter()
                    .map(|(name, bytes)| (format!("{dir}{name}"), bytes))
                    .collect()
            }
        };
        done.extend(files.iter().map(|(k, v)| (k.clone(), v.clone())));
        kept.insert(key, files);
    }
    cache.parts = kept;
    done.insert(
        format!("{BUNDLE_DIR}{PARTS_FILE}"),
        parts_json(parts.len())?,
    );
    Ok(done)
}

/// Whether the next page starts a new part, given the searched HTML of the
/// current part (`None` before the first).
fn starts_part(current: Option<usize>, budget: usize) -> bool {
    current.is_none_or(|size| size >= budget)
}

/// `pagefind/parts.json`: the folders of the parts after the first.
fn parts_json(parts: usize) -> Result<Vec<u8>> {
    let list: Vec<String> = (2..=parts)
        .map(|n| part_dir(n)[BUNDLE_DIR.len()..].to_string())
        .collect();
    let mut json = serde_json::to_vec(&list)?;
    json.push(b'\n');
    Ok(json)
}

/// Files of a search bundle: path → bytes.
pub type Bundle = BTreeMap<String, Vec<u8>>;

/// The file listing the parts of the index after the first (see
/// [`ShardedIndexer`]): a JSON array of folders relative to `pagefind/`,
/// empty when the index is one part.
pub const PARTS_FILE: &str = "parts.json";

/// An index made of parts: pages are added in order to the current part
/// until its searchable HTML passes the budget; the full part is then
/// written (on another thread, while the next fills) and dropped. The
/// first part is the bundle at `pagefind/`, part `n` (from 2) is a bundle
/// at `pagefind/part-n/`, and `pagefind/parts.json` lists them; the search
/// page merges them all (Pagefind's `mergeIndex`). The same pages added in
/// the same order with the same budget give byte-identical files.
pub struct ShardedIndexer<'a> {
    budget: usize,
    current: Option<(Indexer, usize)>,
    parts: usize,
    /// The part being written, on its thread.
    writing: Option<std::thread::JoinHandle<Result<Bundle>>>,
    done: BTreeMap<String, Vec<u8>>,
    /// Where each written part goes; `None`: kept for [`ShardedIndexer::finish`].
    on_part: Option<PartSink<'a>>,
}

/// Takes the files of each part of an index as soon as it is written.
pub type PartSink<'a> = Box<dyn FnMut(Bundle) -> Result<()> + Send + 'a>;

impl<'a> ShardedIndexer<'a> {
    /// An empty index whose parts hold about `budget` bytes of searchable HTML.
    pub fn new(budget: usize) -> ShardedIndexer<'a> {
        ShardedIndexer {
            budget: budget.max(1),
            current: None,
            parts: 0,
            writing: None,
            done: BTreeMap::new(),
            on_part: None,
        }
    }

    /// An empty index that hands each part's files to `on_part` as soon as
    /// they are written, instead of holding them to the end (the index of
    /// a big site is hundreds of megabytes).
    pub fn handing_on(budget: usize, on_part: PartSink<'a>) -> ShardedIndexer<'a> {
        ShardedIndexer {
            on_part: Some(on_part),
            ..ShardedIndexer::new(budget)
        }
    }

    /// Adds one page (output path, HTML bytes). Paths not ending in
    /// `.html` and pages with no element marked `data-pagefind-body` are
    /// skipped (Pagefind's own rule once any page has that mark); the
    /// indexer is handed just the searchable part, which spares parsing
    /// headers, footers and ignored blocks.
    pub fn add(&mut self, path: &str, html: &[u8]) -> Result<()> {
        let Some(part) = searchable_html(path, html)? else {
            return Ok(());
        };
        if starts_part(self.current.as_ref().map(|(_, size)| *size), self.budget) {
            self.seal()?;
        }
        if self.current.is_none() {
            self.current = Some((Indexer::new()?, 0));
            self.parts += 1;
        }
        if let Some((indexer, size)) = self.current.as_mut() {
            indexer.add_part(path, part.as_str())?;
            *size += part.len();
        }
        Ok(())
    }

    /// Writes the current part on another thread, once the part before
    /// it is written.
    fn seal(&mut self) -> Result<()> {
        self.join_writing()?;
        if let Some((indexer, size)) = self.current.take() {
            let (n, dir) = (self.parts, part_dir(self.parts));
            self.writing = Some(std::thread::spawn(move || {
                let t = std::time::Instant::now();
                let files = indexer.finish()?;
                crate::timing::timing(&format!("search part {n} ({} KB searched)", size >> 10), t);
                Ok(files
                    .into_iter()
                    .map(|(name, bytes)| (format!("{dir}{name}"), bytes))
                    .collect())
            }));
        }
        Ok(())
    }

    fn join_writing(&mut self) -> Result<()> {
        if let Some(handle) = self.writing.take() {
            let files = handle
                .join()
                .map_err(|_| anyhow::anyhow!("the search indexer panicked"))??;
            match self.on_part.as_mut() {
                Some(on_part) => on_part(files)?,
                None => self.done.extend(files),
            }
        }
        Ok(())
    }

    /// The bundle of every part (the parts not handed on): output paths
    /// under `pagefind/` → bytes.
    pub fn finish(mut self) -> Result<BTreeMap<String, Vec<u8>>> {
        if self.current.is_none() && self.parts == 0 {
            // No searchable page: an empty index, so the search page loads.
            self.current = Some((Indexer::new()?, 0));
            self.parts = 1;
        }
        self.seal()?;
        self.join_writing()?;
        // Written even when empty, so the search page never asks in vain.
        self.done
            .insert(format!("{BUNDLE_DIR}{PARTS_FILE}"), parts_json(self.parts)?);
        Ok(self.done)
    }
}

/// The folder of part `n` (from 1) in the output, with its trailing slash.
fn part_dir(n: usize) -> String {
    if n <= 1 {
        BUNDLE_DIR.to_string()
    } else {
        format!("{BUNDLE_DIR}part-{n}/")
    }
}

/// The part of a page that is indexed (see [`searchable_part`]), `None`
/// for a file that is not an HTML page or a page with nothing searched.
fn searchable_html(path: &str, html: &[u8]) -> Result<Option<String>> {
    if !path.ends_with(".html") {
        return Ok(None);
    }
    let html = std::str::from_utf8(html)
        .with_context(|| format!("{path}: page is not UTF-8, cannot index it"))?;
    Ok(searchable_part(html))
}

/// The search index (Pagefind bundle under `pagefind/`) of the pages
/// received, in the order received, until the sender is dropped. Each
/// part's files go to `on_part` as soon as the part is written; the
/// result is the rest (`pagefind/parts.json`).
pub fn index_received<'a>(
    pages: std::sync::mpsc::Receiver<(String, Vec<u8>)>,
    budget: usize,
    on_part: PartSink<'a>,
) -> Result<Bundle> {
    let t = Instant::now();
    let mut indexer = ShardedIndexer::handing_on(budget, on_part);
    for (i, (path, html)) in pages.into_iter().enumerate() {
        indexer.add(&path, &html)?;
        if i == 0 {
            crate::pause::at("index");
        }
    }
    let index = indexer.finish()?;
    timing("search index", t);
    Ok(index)
}

/// One part of the index (see [`ShardedIndexer`]), built page by page.
/// The same pages added in the same order give byte-identical files.
struct Indexer {
    runtime: tokio::runtime::Runtime,
    index: PagefindIndex,
}

impl Indexer {
    /// An empty index.
    fn new() -> Result<Indexer> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the runtime for the search indexer")?;
        let config = PagefindServiceConfig::builder()
            .force_language(INDEX_LANGUAGE.to_string())
            .build();
        let index = PagefindIndex::new(Some(config)).context("cannot set up the search index")?;
        Ok(Indexer { runtime, index })
    }

    /// Adds the searchable part of a page (see [`searchable_part`]).
    fn add_part(&mut self, path: &str, html: &str) -> Result<()> {
        self.runtime
            .block_on(self.index.add_html_file(
                Some(path.to_string()),
                Some(page_url(path)),
                html.to_string(),
            ))
            .with_context(|| format!("{path}: cannot index the page for search"))?;
        Ok(())
    }

    /// The bundle: file names inside its folder → file bytes.
    fn finish(mut self) -> Result<BTreeMap<String, Vec<u8>>> {
        let added = std::time::Instant::now();
        let files = self
            .runtime
            .block_on(self.index.get_files())
            .context("cannot build the search index")?;
        crate::timing::timing("search bundle", added);
        let mut bundle = BTreeMap::new();
        for file in files {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            if UNUSED_FILES.contains(&name.as_str()) {
                continue;
            }
            bundle.insert(name, file.contents);
        }
        Ok(bundle)
    }
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
    let mut body = without_ignored(&html[open..end]);
    if is_traditional(html_tag) {
        // Indexed after the text as printed: the text folded to Simplified
        // characters, so a Simplified query finds a Traditional page (the
        // search page folds the query the same way, and cuts this copy off
        // the text it shows).
        let close = body.rfind("</").unwrap_or(body.len());
        let copy = format!(
            "<p>{FOLDED_MARK}{}</p>",
            crate::render::text::escape(&crate::parse::script::fold_for_search(&text_of(&body)))
        );
        body.insert_str(close, &copy);
    }
    Some(format!(
        "<!DOCTYPE html>{html_tag}<head><meta charset=\"utf-8\">{title}</head><body>{body}</body></html>"
    ))
}

/// What starts the folded copy of a Traditional page's text in the index
/// (the text folded to Simplified, indexed after the text as printed);
/// the search page shows the text before it.
pub const FOLDED_MARK: &str = "\u{2042}\u{2042}\u{2042}";

/// Whether the `<html …>` tag gives a Traditional Chinese language
/// (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`).
fn is_traditional(html_tag: &str) -> bool {
    let Some(at) = html_tag.find("lang=\"") else {
        return false;
    };
    let lang = html_tag[at + 6..]
        .split('"')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    ["zh-hant", "zh-tw", "zh-hk", "zh-mo"]
        .iter()
        .any(|t| lang.starts_with(t))
}

/// The text of searched HTML: tags dropped, the elements still marked
/// `data-pagefind-ignore` (facets and metadata) left out, entities of the
/// renderer's escaping decoded, and a space where a tag was.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        let Some(gt) = tail.find('>') else {
            break;
        };
        let tag = &tail[..=gt];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let skip = if tag.contains("data-pagefind-ignore") && !name.is_empty() {
            element_end(tail, &name).unwrap_or(gt + 1)
        } else {
            gt + 1
        };
        out.push(' ');
        rest = &tail[skip..];
    }
    if !rest.starts_with('<') {
        out.push_str(rest);
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text a page is found by (its title and the element marked
/// `data-pagefind-body`, without the elements marked
/// `data-pagefind-ignore`, without tags), as printed; `None` for a page
/// that is not searched.
pub fn searched_text(html: &str) -> Option<String> {
    let part = searchable_part(html)?;
    let body = &part[part.find("<body>")? + 6..part.rfind("</body>")?];
    let text = text_of(body);
    Some(match text.find(FOLDED_MARK) {
        Some(at) => text[..at].to_string(),
        None => text,
    })
}

/// `html` without the elements marked `data-pagefind-ignore`, which
/// Pagefind would parse only to leave out; an ignored element that holds
/// a filter or metadata mark stays, as Pagefind still reads those. The
/// HTML is the renderer's own (well formed); an element whose end cannot
/// be found is kept.
fn without_ignored(html: &str) -> String {
    const MARK: &str = " data-pagefind-ignore";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(mark) = rest.find(MARK) {
        let Some(open) = rest[..mark].rfind('<') else {
            break;
        };
        let name: String = rest[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match element_end(&rest[open..], &name) {
            Some(len)
                if !name.is_empty()
                    && !rest[open..open + len].contains("data-pagefind-filter")
                    && !rest[open..open + len].contains("data-pagefind-meta") =>
            {
                out.push_str(&rest[..open]);
                rest = &rest[open + len..];
            }
            _ => {
                let through = mark + MARK.len();
                out.push_str(&rest[..through]);
                rest = &rest[through..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where `<name` opens a tag in `html` (followed by `>` or a space, so
/// that `<a` does not match `<abbr`).
fn tag_starts<'a>(html: &'a str, open: &'a str) -> impl Iterator<Item = usize> + 'a {
    html.match_indices(open).map(|(i, _)| i).filter(move |&i| {
        html[i + open.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
    })
}

/// The length of the element `<name …>…</name>` that starts `html`,
/// counting nested elements of the same name.
fn element_end(html: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let next_close = html[at..].find(&close)? + at;
        let next_open = tag_starts(&html[at..next_close], &open)
            .next()
            .map(|i| i + at);
        match next_open {
            Some(i) => {
                depth += 1;
                at = i + open.len();
            }
            None => {
                depth = depth.checked_sub(1)?;
                at = next_close + close.len();
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
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
