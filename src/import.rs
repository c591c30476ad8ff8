//! `gazette import`: seeds → content.
//!
//! Steps, in order: decode and parse every seed (in parallel, each pure);
//! resolve what needs the whole corpus (names and families of plans whose
//! headings were stripped, from the families and plan names other
//! documents list); give every document and plan its stable id; render
//! the content files; write them, unless an editor changed a file since
//! it was imported (then warn and keep it, or overwrite with `--force`).
//! What import wrote is recorded in `content/.import.toml` (file → seed
//! and hash), which is how an edit is detected.

use crate::content::front::{DocFront, PlanFront, SourceRef};
use crate::content::markdown;
use crate::content::values::{Id, IsoDate, PlanFileName, SeedLines, Text};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::ids;
use crate::parse::segment::{self, ParseTables};
use crate::parse::{Script, SeedDoc, plans, script, structure};
use crate::site::Site;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Options of `import`.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overwrite content files an editor changed.
    pub force: bool,
    /// Skip parsing when nothing import reads has changed since the last
    /// import (same seeds, same tables, same gazette version, every
    /// content file still there): `build` uses this; `gazette import`
    /// always parses.
    pub reuse_unchanged: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub seeds: usize,
    pub documents: usize,
    pub plans: usize,
    pub written: usize,
    pub unchanged: usize,
    pub kept_edited: usize,
    pub removed: usize,
    pub diagnostics: Diagnostics,
}

/// The record of what import wrote.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// What the last import read, to skip an import that would change nothing.
    #[serde(default)]
    pub inputs: Option<ImportInputs>,
    #[serde(default)]
    pub files: BTreeMap<String, ManifestEntry>,
}

/// The inputs of the last import and what it reported.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ImportInputs {
    /// gazette version that imported.
    pub version: String,
    /// Hash of the site's data tables (data/*.toml) used for parsing.
    pub tables: String,
    pub documents: usize,
    pub plans: usize,
    /// Seed path → hash of its bytes.
    pub seeds: BTreeMap<String, String>,
    /// The warnings the import gave, shown again when it is skipped.
    #[serde(default)]
    pub warnings: Vec<ManifestWarning>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ManifestWarning {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub seed: String,
    pub sha256: String,
}

pub const MANIFEST: &str = ".import.toml";

/// The files an import is about to write, removed when it has finished
/// (see `import`).
pub const PENDING: &str = ".import.pending.toml";

/// A seed read and parsed.
pub struct ParsedFile {
    pub path: String,
    pub encoding: String,
    pub docs: Vec<SeedDoc>,
}

/// The seeds of a site, parsed.
pub struct ParsedSeeds {
    pub files: Vec<ParsedFile>,
    /// Seeds that could not be read or are not texts (see
    /// [`crate::load::seeds`]): the content imported from them before is kept.
    pub refused: BTreeSet<String>,
    /// Seed files found, refused ones and copies included.
    pub found: usize,
}

/// Reads, decodes and parses every seed of the site (see
/// [`crate::load::seeds`] for what is set aside).
pub fn parse_seeds(
    site: &Site,
    tables: &ParseTables,
    diags: &mut Diagnostics,
) -> Result<ParsedSeeds> {
    let seeds = crate::load::seeds::read(site, diags)?;
    let results: Vec<(ParsedFile, Vec<Diagnostic>)> = seeds
        .texts
        .into_par_iter()
        .map(|seed| {
            let parsed = segment::parse_seed(&seed.path, &seed.text, tables);
            (
                ParsedFile {
                    path: seed.path,
                    encoding: seed.encoding,
                    docs: parsed.docs,
                },
                parsed.diagnostics,
            )
        })
        .collect();
    let mut files = Vec::new();
    for (f, d) in results {
        diags.extend(d);
        files.push(f);
    }
    Ok(ParsedSeeds {
        files,
        refused: seeds.refused,
        found: seeds.found,
    })
}

/// Names and families of plans whose headings were stripped, from what
/// the whole corpus says: families listed with their members
/// (“十大创新”包括…) and plan names of other editions.
pub fn resolve_corpus(files: &mut [ParsedFile], diags: &mut Diagnostics) {
    // Known members of each family, and every plan name with its family.
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut known: BTreeMap<String, Option<String>> = BTreeMap::new();
    for f in files.iter() {
        for d in &f.docs {
            for (fam, ms) in &d.family_members {
                let e = members.entry(fam.clone()).or_default();
                for m in ms {
                    if !e.contains(m) {
                        e.push(m.clone());
                    }
                    known.insert(m.clone(), Some(fam.clone()));
                }
            }
            for p in d
                .plans
                .iter()
                .filter(|p| !p.title_inferred && !p.name.is_empty())
            {
                known.entry(p.name.clone()).or_insert(p.family.clone());
            }
        }
    }
    for f in files.iter_mut() {
        for d in f.docs.iter_mut() {
            let families: Vec<String> = d.family_members.iter().map(|(f, _)| f.clone()).collect();
            let mut used: BTreeSet<String> = d
                .plans
                .iter()
                .filter(|p| !p.name.is_empty())
                .map(|p| p.name.clone())
                .collect();
            for i in 0..d.plans.len() {
                if !d.plans[i].title_inferred {
                    continue;
                }
                let text: String = d.plans[i]
                    .blocks
                    .iter()
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                // Candidate names: members of the document's families first, then every known name.
                let mut candidates: Vec<String> = families
                    .iter()
                    .flat_map(|f| members.get(f).cloned().unwrap_or_default())
                    .collect();
                if candidates.is_empty() {
                    candidates = known.keys().cloned().collect();
                }
                let current = d.plans[i].name.clone();
                let best = if !current.is_empty() {
                    candidates
                        .iter()
                        .find(|c| **c == current || c.contains(&current))
                        .cloned()
                        .or(Some(current.clone()))
                } else {
                    candidates
                        .iter()
                        .filter(|c| !used.contains(*c))
                        .map(|c| (score(&text, c), c))
                        .filter(|(s, _)| *s > 0)
                        .max_by_key(|(s, c)| (*s, std::cmp::Reverse((*c).clone())))
                        .map(|(_, c)| c.clone())
                };
                if let Some(name) = best {
                    used.insert(name.clone());
                    let plan = &mut d.plans[i];
                    if plan.family.is_none() {
                        plan.family = known.get(&name).cloned().flatten();
                    }
                    plan.title = structure::inferred_plan_title(&name, plan.edition.as_deref());
                    plan.name = name;
                    diags.warn(
                        &f.path,
                        plan.span.start,
                        1,
                        format!("plan heading missing: recovered the plan boundary and named it “{}” from its text", plan.title),
                    );
                } else {
                    diags.warn(&f.path, d.plans[i].span.start, 1, "could not infer the name of this plan; edit its title and name in its content file");
                }
            }
        }
    }
}

/// How strongly `text` speaks of the plan named `name`: whole-name
/// mentions count most, then mentions of its first four characters.
fn score(text: &str, name: &str) -> usize {
    let stem: String = name.chars().take(4).collect();
    text.matches(name).count() * 10
        + if stem.chars().count() == 4 {
            text.matches(stem.as_str()).count()
        } else {
            0
        }
}

/// One content file to write.
pub struct Rendered {
    pub path: String,
    pub seed: String,
    pub text: String,
}

/// Gives ids and renders every content file.
pub fn render_content(files: &[ParsedFile]) -> Vec<Rendered> {
    let mut doc_ids = BTreeSet::new();
    let mut plan_ids = BTreeSet::new();
    let mut out = Vec::new();
    for f in files {
        for d in &f.docs {
            let base = match &d.doc_number {
                Some(n) => ids::doc_number_id(n),
                None => {
                    let s = ids::slug(&script::to_simplified(&d.title));
                    if d.script == Script::Traditional {
                        format!("{s}-hant")
                    } else {
                        s
                    }
                }
            };
            let doc_id = ids::unique(&base, &mut doc_ids);
            let dir = format!("content/{doc_id}");
            let mut plan_files = Vec::new();
            let mut ids_of: Vec<String> = Vec::new();
            for p in &d.plans {
                let mut base = ids::slug(&p.name);
                if let Some(e) = &p.edition {
                    base = format!("{base}-{}", ids::slug(e));
                }
                let id = ids::unique(&base, &mut plan_ids);
                ids_of.push(id.clone());
                let front = PlanFront {
                    id: made_id(&id),
                    title: text_or(&p.title, &p.name),
                    name: text_or(&p.name, &p.title),
                    title_inferred: p.title_inferred,
                    family: p.family.clone(),
                    edition: p.edition.clone().or_else(|| plans::edition_of(&p.title)),
                    parent: p.parent.and_then(|i| ids_of.get(i)).map(|i| made_id(i)),
                    source: source_ref(&f.path, p.span),
                };
                let name = format!("{id}.md");
                out.push(Rendered {
                    path: format!("{dir}/{name}"),
                    seed: f.path.clone(),
                    text: markdown::plan_file(&front, &p.blocks),
                });
                plan_files.push(PlanFileName::new(name).expect("an id and .md"));
            }
            let front = DocFront {
                id: made_id(&doc_id),
                title: text_or(&d.title, &doc_id),
                title_inferred: d.title_inferred,
                doc_number: d.doc_number.clone(),
                issuers: d.issuers.clone(),
                addressee: d.addressee.clone(),
                date: d.date.as_deref().and_then(|s| IsoDate::new(s).ok()),
                published: d.published.as_deref().and_then(|s| IsoDate::new(s).ok()),
                script: d.script,
                convention: d.convention,
                plans: plan_files,
                source: source_ref(&f.path, d.span),
            };
            out.push(Rendered {
                path: format!("{dir}/index.md"),
                seed: f.path.clone(),
                text: markdown::doc_file(&front, &d.blocks),
            });
        }
    }
    out
}

/// An id made by `ids` (always well-formed).
fn made_id(id: &str) -> Id {
    Id::new(id).expect("ids::slug and ids::unique make well-formed ids")
}

/// `text`, or `fallback` when it is empty (a title the parse could not
/// find): front matter texts are never empty.
fn text_or(text: &str, fallback: &str) -> Text {
    Text::new(text)
        .or_else(|_| Text::new(fallback))
        .unwrap_or_else(|_| Text::new("(untitled)").expect("not empty"))
}

fn source_ref(seed: &str, span: crate::parse::LineSpan) -> SourceRef {
    SourceRef {
        file: text_or(seed, "(unknown seed)"),
        lines: SeedLines(span),
    }
}

pub fn sha256(text: &str) -> String {
    sha256_bytes(text.as_bytes())
}

pub fn sha256_bytes(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    h.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads the manifest of a site (empty when there is none).
pub fn read_manifest(site: &Site) -> Result<Manifest> {
    let p = site.content().join(MANIFEST);
    if !p.exists() {
        return Ok(Manifest::default());
    }
    let t = std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
    toml::from_str(&t).with_context(|| format!("{} is not a valid import record", site.rel(&p)))
}

/// The inputs import reads now: seed hashes and the tables' hash.
fn current_inputs(site: &Site) -> Result<ImportInputs> {
    let mut seeds = BTreeMap::new();
    for p in site.seed_files()? {
        // An unreadable seed is reported by the import itself.
        let hash =
            std::fs::read(&p).map_or_else(|e| format!("unreadable: {e}"), |b| sha256_bytes(&b));
        seeds.insert(site.rel(&p), hash);
    }
    let mut tables = String::new();
    for name in ["boilerplate.toml", "spam.toml", "departments.toml"] {
        tables.push_str(name);
        tables.push_str(&site.user_table(name)?.unwrap_or_default());
    }
    Ok(ImportInputs {
        version: env!("CARGO_PKG_VERSION").to_string(),
        tables: sha256(&tables),
        seeds,
        ..Default::default()
    })
}

/// The report of an import that can be skipped, if nothing it reads changed.
fn unchanged_import(site: &Site, now: &ImportInputs) -> Result<Option<ImportReport>> {
    let old = read_manifest(site)?;
    let Some(last) = &old.inputs else {
        return Ok(None);
    };
    if last.version != now.version || last.tables != now.tables || last.seeds != now.seeds {
        return Ok(None);
    }
    if old.files.keys().any(|f| !site.root.join(f).exists()) {
        return Ok(None);
    }
    let mut report = ImportReport {
        seeds: last.seeds.len(),
        documents: last.documents,
        plans: last.plans,
        unchanged: old.files.len(),
        ..Default::default()
    };
    for w in &last.warnings {
        report
            .diagnostics
            .warn(&w.path, w.line, w.col, w.message.clone());
    }
    for (path, entry) in &old.files {
        let cur = std::fs::read_to_string(site.root.join(path))
            .with_context(|| format!("cannot read {path}"))?;
        if sha256(&cur) != entry.sha256 {
            report.unchanged -= 1;
            report.kept_edited += 1;
            report.diagnostics.warn(
                path,
                0,
                0,
                format!("edited since it was imported from {}: kept as it is (use --force to overwrite)", entry.seed),
            );
        }
    }
    Ok(Some(report))
}

/// Runs `import` on a site.
pub fn import(site: &Site, opts: &ImportOptions) -> Result<ImportReport> {
    let inputs = current_inputs(site)?;
    if opts.reuse_unchanged
        && !opts.force
        && !site.content().join(PENDING).exists()
        && let Some(r) = unchanged_import(site, &inputs)?
    {
        return Ok(r);
    }
    let mut report = ImportReport::default();
    let tables = site.parse_tables()?;
    let ParsedSeeds {
        mut files,
        refused,
        found,
    } = parse_seeds(site, &tables, &mut report.diagnostics)?;
    resolve_corpus(&mut files, &mut report.diagnostics);
    report.seeds = found;
    report.documents = files.iter().map(|f| f.docs.len()).sum();
    report.plans = files
        .iter()
        .flat_map(|f| &f.docs)
        .map(|d| d.plans.len())
        .sum();
    let rendered = render_content(&files);
    let old = read_manifest(site)?;
    // What an interrupted import was writing: its files are import's own,
    // not edits.
    let pending = read_pending(site);
    let ours = |path: &str, text: &str| {
        let sha = sha256(text);
        [&old, &pending]
            .iter()
            .any(|m| m.files.get(path).is_some_and(|e| e.sha256 == sha))
    };
    let mut new = Manifest::default();
    let wanted: BTreeSet<&str> = rendered.iter().map(|r| r.path.as_str()).collect();
    let mut to_write = Vec::new();
    for r in &rendered {
        let path = site.root.join(&r.path);
        let sha = sha256(&r.text);
        let current = std::fs::read_to_string(&path).ok();
        let edited = match &current {
            Some(cur) if old.files.contains_key(&r.path) => !ours(&r.path, cur),
            Some(cur) => *cur != r.text && !ours(&r.path, cur),
            None => false,
        };
        if edited && !opts.force {
            report.kept_edited += 1;
            report.diagnostics.warn(
                &r.path,
                0,
                0,
                format!("edited since it was imported from {}: kept as it is (use --force to overwrite)", r.seed),
            );
            // Keep the old record so the edit stays detectable.
            if let Some(e) = old.files.get(&r.path) {
                new.files.insert(r.path.clone(), e.clone());
            }
            continue;
        }
        let entry = ManifestEntry {
            seed: r.seed.clone(),
            sha256: sha,
        };
        if current.as_deref() == Some(r.text.as_str()) {
            report.unchanged += 1;
        } else {
            to_write.push((path, r, entry.clone()));
        }
        new.files.insert(r.path.clone(), entry);
    }
    // The journal first, then each file in one step: a run killed
    // meanwhile leaves every file whole, and the next import knows which
    // of them it wrote.
    let journal = site.content().join(PENDING);
    if !to_write.is_empty() {
        let mut planned = Manifest::default();
        for (_, r, entry) in &to_write {
            planned.files.insert(r.path.clone(), entry.clone());
        }
        crate::write::write_file_atomically(&journal, toml::to_string(&planned)?.as_bytes())?;
    }
    for (path, r, _) in &to_write {
        crate::write::write_file_atomically(path, r.text.as_bytes())?;
        report.written += 1;
        if report.written == 1 {
            crate::pause::at("import");
        }
    }
    // Files of seeds that are gone or renamed: removed unless edited.
    // Those of a seed that is refused now stay as they are (a seed
    // damaged by accident must not take its documents with it).
    let unfinished = pending
        .files
        .iter()
        .filter(|(p, _)| !old.files.contains_key(*p));
    for (path, entry) in old.files.iter().chain(unfinished) {
        if wanted.contains(path.as_str()) {
            continue;
        }
        if refused.contains(&entry.seed) {
            if site.root.join(path).exists() {
                new.files.insert(path.clone(), entry.clone());
            }
            continue;
        }
        let full = site.root.join(path);
        match std::fs::read_to_string(&full) {
            Ok(cur) if !ours(path, &cur) && !opts.force => {
                report.kept_edited += 1;
                report.diagnostics.warn(
                    path,
                    0,
                    0,
                    format!(
                        "{} no longer produces this file, but it was edited: kept",
                        entry.seed
                    ),
                );
                new.files.insert(path.clone(), entry.clone());
            }
            Ok(_) => {
                std::fs::remove_file(&full).with_context(|| format!("cannot remove {path}"))?;
                if let Some(dir) = full.parent() {
                    let _ = std::fs::remove_dir(dir); // only when empty
                }
                report.removed += 1;
            }
            Err(_) => {}
        }
    }
    // An import with errors is not recorded as done: the next one runs
    // again and reports them again.
    new.inputs = (!report.diagnostics.has_errors()).then(|| ImportInputs {
        documents: report.documents,
        plans: report.plans,
        warnings: report
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .filter(|d| {
                !d.message.contains("edited since it was imported")
                    && !d.message.contains("but it was edited")
            })
            .map(|d| ManifestWarning {
                path: d.path.clone(),
                line: d.line,
                col: d.col,
                message: d.message.clone(),
            })
            .collect(),
        ..inputs
    });
    let manifest_text = format!(
        "# Written by `gazette import`: which seed each content file came from and the hash of what\n# import wrote, so that a file an editor changed is never overwritten silently.\n{}",
        toml::to_string(&new)?
    );
    let mp = site.content().join(MANIFEST);
    if std::fs::read_to_string(&mp).ok().as_deref() != Some(manifest_text.as_str()) {
        crate::write::write_file_atomically(&mp, manifest_text.as_bytes())?;
    }
    if journal.exists() {
        std::fs::remove_file(&journal)
            .with_context(|| format!("cannot remove {}", journal.display()))?;
    }
    Ok(report)
}

/// The journal of an import that was interrupted (empty when there is
/// none, or when it cannot be read: then edits are told apart from
/// import's own files by the manifest alone).
fn read_pending(site: &Site) -> Manifest {
    std::fs::read_to_string(site.content().join(PENDING))
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}
