//! Walking `content/`: one folder per document, its `index.md` and the
//! plan files its front matter lists. Nothing is walked deeper than that,
//! so no link can make the walk loop.
//!
//! One broken file never hides the others: every file is read and every
//! problem collected. A document whose `index.md` cannot be used still has
//! its other Markdown files read, for their problems. Symbolic links are
//! followed when they resolve (with a warning); one that does not (a loop,
//! a missing target) or that names a folder already read is skipped with
//! a warning. A Markdown file that nothing reads (beside the folders, in a
//! folder without `index.md`, or not listed in `plans`) is a warning; two
//! documents or two plans with the same id (their URL) are an error at the
//! second one's `id`, naming the first.

use crate::content::front::{DocFront, PlanFront};
use crate::content::read::{self, ContentFile, DocFile, PlanFile, Read};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::build::DocInput;
use crate::site::Site;
use anyhow::Result;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Content files read before, by path: their bytes and what they gave.
/// `serve` keeps one across rebuilds so that unchanged files are not
/// parsed again.
#[derive(Debug, Default)]
pub struct FileCache {
    /// Whether the files read are kept for the next read (`serve`); a
    /// build reads each once, and keeping them held every file's bytes
    /// and parse through the model's making (0.5 GB at 10,000 documents).
    keep: bool,
    docs: HashMap<String, Cached<DocFront>>,
    plans: HashMap<String, Cached<PlanFront>>,
    /// The files parsed (not taken from the cache) by the last read,
    /// relative to the site root, in reading order.
    pub parsed_paths: Vec<String>,
    /// A hash of the paths and bytes (a hash of them) of the content
    /// files of the last read, in reading order.
    pub inputs: u64,
    /// The length and modification time of each file when it was read,
    /// with a hash of its bytes.
    stamps: HashMap<String, (Stamp, u64)>,
    /// The files said to have changed since the last read (by the
    /// preview's watcher), for the next read only: the others whose length
    /// and modification time are unchanged are taken as they were read,
    /// without reading them. `None`: every file is read.
    pub changed: Option<BTreeSet<String>>,
}

/// A file's length and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

impl FileCache {
    /// A cache that keeps the files read for the next read.
    pub fn kept() -> FileCache {
        FileCache {
            keep: true,
            ..Default::default()
        }
    }

    /// Whether the last read read the content file `rel` (relative to the
    /// site root).
    pub fn was_read(&self, rel: &str) -> bool {
        self.docs.contains_key(rel) || self.plans.contains_key(rel)
    }

    /// Whether the content file `rel` (relative to the site root) is on
    /// disk as the last read found it: the same bytes, or absent both times.
    pub fn matches_disk(&self, site: &Site, rel: &str) -> bool {
        let doc = self.docs.get(rel).map(|x| &x.0);
        let bytes = doc.or_else(|| self.plans.get(rel).map(|x| &x.0));
        match (bytes, std::fs::read(site.root.join(rel))) {
            (Some(old), Ok(now)) => *old == now,
            (None, Err(e)) => e.kind() == std::io::ErrorKind::NotFound,
            _ => false,
        }
    }
}

/// A content file as read: its bytes, the diagnostics of reading it and
/// what it gave (shared, so that a rebuild takes it without a copy).
type Cached<F> = (Vec<u8>, Vec<Diagnostic>, Option<Arc<ContentFile<F>>>);

/// Reads `bytes` unless the cache holds the same bytes for `path`.
fn cached<F>(
    cache: &mut HashMap<String, Cached<F>>,
    parsed: &mut Vec<String>,
    path: &str,
    bytes: Vec<u8>,
    parse: impl Fn(&str, &[u8]) -> Read<F>,
    keep: bool,
) -> (Vec<Diagnostic>, Option<Arc<ContentFile<F>>>) {
    if let Some((old, diagnostics, file)) = cache.get(path)
        && *old == bytes
    {
        return (diagnostics.clone(), file.clone());
    }
    parsed.push(path.to_string());
    let Read { file, diagnostics } = parse(path, &bytes);
    let file = file.map(Arc::new);
    if keep {
        cache.insert(path.to_string(), (bytes, diagnostics.clone(), file.clone()));
    }
    (diagnostics, file)
}

/// The state of one walk.
struct Walk<'a> {
    site: &'a Site,
    diags: &'a mut Diagnostics,
    cache: &'a mut FileCache,
    seen: BTreeSet<String>,
    inputs: std::hash::DefaultHasher,
    /// The cache's `changed`, taken for this read.
    changed: Option<BTreeSet<String>>,
}

impl Walk<'_> {
    /// The bytes of a file, recorded as read; `None` with an error when
    /// it cannot be read.
    fn bytes(&mut self, path: &Path, rel: &str) -> Option<Vec<u8>> {
        // Stamped before reading: a change while reading shows next time.
        let stamp = stamp_of(path);
        match crate::site::read_file(path) {
            Ok(b) => {
                let hash = {
                    let mut h = std::hash::DefaultHasher::new();
                    b.hash(&mut h);
                    std::hash::Hasher::finish(&h)
                };
                match stamp {
                    Some(stamp) => self.cache.stamps.insert(rel.to_string(), (stamp, hash)),
                    None => self.cache.stamps.remove(rel),
                };
                self.note_read(rel, hash);
                Some(b)
            }
            Err(e) => {
                self.cache.stamps.remove(rel);
                self.diags.error(rel, 0, 0, format!("cannot read: {e}"));
                None
            }
        }
    }

    fn note_read(&mut self, rel: &str, hash: u64) {
        self.seen.insert(rel.to_string());
        (rel, hash).hash(&mut self.inputs);
    }

    /// Whether the file is known not to have changed since it was read
    /// (see [`FileCache::changed`]); it is then noted as read.
    fn unchanged(&mut self, path: &Path, rel: &str, cached: bool) -> bool {
        let Some(changed) = &self.changed else {
            return false;
        };
        if !cached || changed.contains(rel) {
            return false;
        }
        match self.cache.stamps.get(rel) {
            Some((stamp, hash)) if stamp_of(path).as_ref() == Some(stamp) => {
                let hash = *hash;
                self.note_read(rel, hash);
                true
            }
            _ => false,
        }
    }

    fn plan(&mut self, path: &Path, rel: &str) -> Option<Arc<PlanFile>> {
        if self.unchanged(path, rel, self.cache.plans.contains_key(rel)) {
            let (_, diagnostics, file) = &self.cache.plans[rel];
            self.diags.extend(diagnostics.iter().cloned());
            return file.clone();
        }
        let bytes = self.bytes(path, rel)?;
        let (parsed, keep) = (&mut self.cache.parsed_paths, self.cache.keep);
        let plans = &mut self.cache.plans;
        let (diagnostics, file) = cached(plans, parsed, rel, bytes, read::read_plan, keep);
        self.diags.extend(diagnostics);
        file
    }

    fn read_doc(&mut self, path: &Path, rel: &str) -> Option<Arc<DocFile>> {
        let bytes = self.bytes(path, rel)?;
        let (parsed, keep) = (&mut self.cache.parsed_paths, self.cache.keep);
        let docs = &mut self.cache.docs;
        let (diagnostics, file) = cached(docs, parsed, rel, bytes, read::read_doc, keep);
        self.diags.extend(diagnostics);
        file
    }

    /// Reads one document folder.
    fn folder(&mut self, folder: &Path) -> Option<DocInput> {
        let mut md = markdown_files(folder);
        let index = folder.join("index.md");
        let rel = self.site.rel(&index);
        if !md.remove("index.md") {
            if let Some(name) = md.first() {
                let shown = self.site.rel(&folder.join(name));
                self.diags.warn(
                    &shown,
                    0,
                    0,
                    "not read: its folder has no index.md (a document folder needs one)",
                );
            }
            return None;
        }
        let known = self.unchanged(&index, &rel, self.cache.docs.contains_key(&rel));
        let doc = if known {
            let (_, diagnostics, file) = &self.cache.docs[&rel];
            self.diags.extend(diagnostics.iter().cloned());
            file.clone()
        } else {
            self.read_doc(&index, &rel)
        };
        let Some(doc) = doc else {
            // Its plans are unknown: every other Markdown file is read for
            // its problems, none is used.
            for name in md {
                let p = folder.join(&name);
                self.plan(&p, &self.site.rel(&p));
            }
            return None;
        };
        let mut plans = Vec::new();
        let mut listed = BTreeSet::new();
        let (line, col) = doc.key_at("plans");
        for name in &doc.front.plans {
            let name = name.as_str();
            if !listed.insert(name.to_string()) {
                let m = format!("plan file {name} is listed twice in `plans`: list it once");
                self.diags.error(&rel, line, col, m);
                continue;
            }
            let p = folder.join(name);
            if !md.contains(name) {
                let m = format!(
                    "plan file {name} listed in `plans` is not in the document's folder: add the file or take it out of the list"
                );
                self.diags.error(&rel, line, col, m);
                continue;
            }
            if let Some(pf) = self.plan(&p, &self.site.rel(&p)) {
                plans.push(pf);
            }
        }
        for name in md.difference(&listed) {
            let shown = self.site.rel(&folder.join(name));
            let m = "not read: it is not listed in `plans` of its folder's index.md; add it there or remove the file";
            self.diags.warn(&shown, 0, 0, m);
        }
        Some(DocInput { doc, plans })
    }
}

/// The names of the Markdown files of a folder (not hidden), links
/// included, sorted.
fn markdown_files(folder: &Path) -> BTreeSet<String> {
    let files = load::walk::Walk {
        folders: false,
        ..load::walk::Walk::LEVEL
    };
    let found = load::walk::walk(folder, files);
    // A link that does not resolve is still a file the editor put there.
    let skipped = found
        .skipped
        .into_iter()
        .filter_map(|s| s.path.file_name().map(|n| n.to_string_lossy().to_string()));
    found
        .entries
        .into_iter()
        .map(|e| e.rel)
        .chain(skipped)
        .filter(|n| n.ends_with(".md"))
        .collect()
}

/// Reads every content file of the site, parsing only the files whose
/// bytes are not in `cache`; the cache is left holding exactly the files read.
pub fn read_content(
    site: &Site,
    diags: &mut Diagnostics,
    cache: &mut FileCache,
) -> Result<Vec<DocInput>> {
    cache.parsed_paths.clear();
    let changed = cache.changed.take();
    let mut walk = Walk {
        site,
        diags,
        cache,
        seen: BTreeSet::new(),
        inputs: std::hash::DefaultHasher::new(),
        changed,
    };
    let mut out = Vec::new();
    for folder in document_folders(site, walk.diags)? {
        if let Some(input) = walk.folder(&folder) {
            out.push(input);
        }
    }
    let Walk {
        seen,
        inputs,
        cache,
        diags,
        ..
    } = walk;
    cache.inputs = std::hash::Hasher::finish(&inputs);
    cache.docs.retain(|p, _| seen.contains(p));
    cache.plans.retain(|p, _| seen.contains(p));
    cache.stamps.retain(|p, _| seen.contains(p));
    unique_ids(&mut out, diags);
    Ok(out)
}

/// The document folders of `content/`, sorted, links followed once.
fn document_folders(site: &Site, diags: &mut Diagnostics) -> Result<Vec<PathBuf>> {
    let dir = site.content();
    if !dir.is_dir() {
        if std::fs::symlink_metadata(&dir).is_ok() {
            diags.warn(
                &site.rel(&dir),
                0,
                0,
                "not a folder (or a link that does not resolve): no content read",
            );
        }
        return Ok(Vec::new());
    }
    let found = load::walk::walk(&dir, load::walk::Walk::LEVEL);
    for skipped in &found.skipped {
        diags.warn(&site.rel(&skipped.path), 0, 0, skipped.reason.clone());
    }
    let mut folders = Vec::new();
    let mut real: BTreeMap<PathBuf, String> = BTreeMap::new();
    for e in found.entries {
        let path = e.path;
        let rel = site.rel(&path);
        let link = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if !e.is_dir {
            if e.rel.ends_with(".md") {
                let m = "not read: a document is a folder with an index.md (content/<id>/index.md); move the file into one";
                diags.warn(&rel, 0, 0, m);
            }
            continue;
        }
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some(first) = real.get(&canonical) {
            let m = format!("the same folder as {first} (a link): skipped");
            diags.warn(&rel, 0, 0, m);
            continue;
        }
        if link {
            let m = format!(
                "a symbolic link (to {}): followed",
                std::fs::read_link(&path)
                    .map(|t| t.display().to_string())
                    .unwrap_or_default()
            );
            diags.warn(&rel, 0, 0, m);
        }
        real.insert(canonical, rel);
        folders.push(path);
    }
    Ok(folders)
}

/// Drops the second and later documents (and plans) that use an id
/// already taken, with an error at their `id` naming the first.
fn unique_ids(inputs: &mut Vec<DocInput>, diags: &mut Diagnostics) {
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    let mut plans: BTreeMap<String, String> = BTreeMap::new();
    let clash = |kind: &str, id: &str, first: &str, path: &str, at: (usize, usize)| {
        Diagnostic::error(
            path,
            at.0,
            at.1,
            format!(
                "{kind} id `{id}` is already the id of {first}: two {kind}s cannot share an id (it is their URL, {kind}s/{id}/); change one of them"
            ),
        )
    };
    inputs.retain_mut(|input| {
        let doc = &input.doc;
        let id = doc.front.id.to_string();
        if let Some(first) = docs.get(&id) {
            diags.push(clash("document", &id, first, &doc.path, doc.key_at("id")));
            return false;
        }
        docs.insert(id, doc.path.clone());
        input.plans.retain(|p| {
            let id = p.front.id.to_string();
            if let Some(first) = plans.get(&id) {
                diags.push(clash("plan", &id, first, &p.path, p.key_at("id")));
                return false;
            }
            plans.insert(id, p.path.clone());
            true
        });
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "+++\nid = \"doc\"\ntitle = \"文件甲\"\n\n[source]\nfile = \"seeds/x.txt\"\nlines = \"1-1\"\n+++\n正文。\n";

    fn titles(site: &Site, cache: &mut FileCache) -> Vec<String> {
        let mut diags = Diagnostics::new();
        let read = read_content(site, &mut diags, cache).unwrap();
        assert!(!diags.has_errors(), "{diags:?}");
        read.iter()
            .map(|d| d.doc.front.title.as_str().to_string())
            .collect()
    }

    /// Writes `text` and gives the file the modification time `stamp`.
    fn write_stamped(path: &Path, text: &str, stamp: std::time::SystemTime) {
        std::fs::write(path, text).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(stamp).unwrap();
    }

    #[test]
    fn files_said_unchanged_are_taken_as_read_unless_their_stamp_changed() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::new(dir.path());
        let index = dir.path().join("content/doc/index.md");
        std::fs::create_dir_all(index.parent().unwrap()).unwrap();
        std::fs::write(&index, DOC).unwrap();
        let mut cache = FileCache::kept();
        assert_eq!(titles(&site, &mut cache), ["文件甲"]);
        let first = cache.inputs;

        // The same length and modification time, other bytes: a file said
        // unchanged is taken as it was read (not read again) ...
        let stamp = std::fs::metadata(&index).unwrap().modified().unwrap();
        write_stamped(&index, &DOC.replace("文件甲", "文件乙"), stamp);
        cache.changed = Some(BTreeSet::new());
        assert_eq!(titles(&site, &mut cache), ["文件甲"]);
        assert_eq!(cache.inputs, first, "the same inputs as read then");
        assert!(cache.parsed_paths.is_empty());
        // ... and read when named, or when nothing is said.
        cache.changed = Some(["content/doc/index.md".to_string()].into());
        assert_eq!(titles(&site, &mut cache), ["文件乙"]);
        assert_eq!(cache.parsed_paths.len(), 1);
        write_stamped(&index, DOC, stamp);
        assert_eq!(titles(&site, &mut cache), ["文件甲"], "nothing said: read");
        assert_eq!(cache.inputs, first);

        // Not named, but with another length: read again.
        cache.changed = Some(BTreeSet::new());
        std::fs::write(&index, DOC.replace("文件甲", "另一个文件")).unwrap();
        assert_eq!(titles(&site, &mut cache), ["另一个文件"]);
    }

    #[test]
    fn a_cache_not_kept_holds_no_file_after_the_read() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::new(dir.path());
        let index = dir.path().join("content/doc/index.md");
        std::fs::create_dir_all(index.parent().unwrap()).unwrap();
        std::fs::write(&index, DOC).unwrap();
        let mut cache = FileCache::default();
        assert_eq!(titles(&site, &mut cache), ["文件甲"]);
        assert!(cache.docs.is_empty() && cache.plans.is_empty());
        assert!(!cache.was_read("content/doc/index.md"));
        let mut kept = FileCache::kept();
        assert_eq!(titles(&site, &mut kept), ["文件甲"]);
        assert!(kept.was_read("content/doc/index.md"));
        assert_eq!(cache.inputs, kept.inputs, "the same read either way");
    }
}
