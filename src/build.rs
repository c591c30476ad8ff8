//! `gazette build`: imports seeds that have no content yet (or whose
//! content is unchanged since import), reads `content/`, builds the
//! model, renders the open data and writes `public/` atomically.

use crate::content::read::{self, DocFile, PlanFile};
use crate::diag::Diagnostics;
use crate::import::{self, ImportOptions, ImportReport};
use crate::model::Model;
use crate::model::build::{DocInput, build as build_model};
use crate::site::Site;
use anyhow::{Context, Result};
use std::time::{Duration, Instant};

/// Options of `build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Skip the import step (build from content/ only).
    pub no_import: bool,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub import: Option<ImportReport>,
    pub model: Model,
    pub diagnostics: Diagnostics,
    pub files: usize,
    pub elapsed: Duration,
}

impl BuildReport {
    /// One line: documents, plans, tasks, departments, targets, warnings, time.
    pub fn summary(&self) -> String {
        let m = &self.model;
        let warnings = self.diagnostics.warnings()
            + self
                .import
                .as_ref()
                .map(|i| i.diagnostics.warnings())
                .unwrap_or(0);
        format!(
            "{} documents, {} plans, {} tasks, {} departments, {} indicators, {} targets, {} deadlines, {} citations; {} warnings; {} files in {:.0} ms",
            m.documents.len(),
            m.plans.len(),
            m.tasks.len(),
            m.departments.len(),
            m.indicators.len(),
            m.targets.len(),
            m.deadlines.len(),
            m.citations.len(),
            warnings,
            self.files,
            self.elapsed.as_secs_f64() * 1000.0
        )
    }
}

/// Reads every content file of the site.
pub fn read_content(site: &Site, diags: &mut Diagnostics) -> Result<Vec<DocInput>> {
    let dir = site.content();
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut folders: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let index = folder.join("index.md");
        if !index.exists() {
            continue;
        }
        let rel = site.rel(&index);
        let text = std::fs::read_to_string(&index).with_context(|| format!("cannot read {rel}"))?;
        let doc: DocFile = match read::read_doc(&rel, &text) {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut plans: Vec<PlanFile> = Vec::new();
        for name in &doc.front.plans {
            let p = folder.join(name);
            let prel = site.rel(&p);
            match std::fs::read_to_string(&p) {
                Ok(t) => match read::read_plan(&prel, &t) {
                    Ok(pf) => plans.push(pf),
                    Err(d) => diags.push(d),
                },
                Err(e) => diags.error(
                    &rel,
                    1,
                    1,
                    format!("plan file {name} listed in `plans` cannot be read: {e}"),
                ),
            }
        }
        out.push(DocInput { doc, plans });
    }
    Ok(out)
}

/// Builds the model of a site from its content (after importing new seeds).
pub fn model(
    site: &Site,
    opts: &BuildOptions,
) -> Result<(Option<ImportReport>, Model, Diagnostics)> {
    let import = if opts.no_import {
        None
    } else {
        Some(import::import(site, &ImportOptions::default())?)
    };
    let mut diags = Diagnostics::new();
    let inputs = read_content(site, &mut diags)?;
    let table = site.departments()?;
    let model = build_model(&inputs, &table, &mut diags);
    Ok((import, model, diags))
}

/// Runs `build`. Fails (leaving `public/` as it was) when an error was met.
pub fn build(site: &Site, opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let (import, model, diagnostics) = model(site, opts)?;
    let files = crate::export::open_data(&model);
    let mut report = BuildReport {
        import,
        model,
        diagnostics,
        files: files.len(),
        elapsed: Duration::ZERO,
    };
    if report.diagnostics.has_errors() {
        report.elapsed = start.elapsed();
        return Ok(report);
    }
    crate::write::write_atomically(&site.public(), &files)?;
    report.elapsed = start.elapsed();
    Ok(report)
}
