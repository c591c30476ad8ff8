//! The command line: clap-derived subcommands with one option struct each,
//! and the function that runs them. `main` only calls [`run`].

use crate::build::{self, BuildOptions};
use crate::diag::Diagnostics;
use crate::import::{self, ImportOptions};
use crate::site::Site;
use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// gazette: a static site generator for policy publications.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None)]
pub struct Cli {
    /// The site folder (holds seeds/, content/, data/, templates/).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Print every warning, not only a count.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Turn raw texts in seeds/ into editable Markdown in content/.
    Import(ImportArgs),
    /// Import new seeds, then build the site (open data) into public/.
    Build(BuildArgs),
    /// Check the site: content, site.toml and templates read without
    /// errors (every error listed), and the built output
    /// (public/) has no broken link or anchor, no HTML parse error, and a
    /// page for every entity of data/site.json.
    Check(CheckArgs),
    /// Preview the site at http://127.0.0.1:1111/, rebuilding in memory on
    /// every change to content/, templates/, static/, data/, seeds/ or
    /// site.toml and reloading open pages; public/ is not touched.
    Serve(ServeArgs),
    /// Create a new site skeleton (site.toml, content/, templates/, a sample seed) that builds at once.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Overwrite content files an editor changed since they were imported.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Build from content/ only; do not import seeds first.
    #[arg(long)]
    pub no_import: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port; the URL printed says which).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to bind. The default serves this machine only; use
    /// 0.0.0.0 to expose the preview to the network deliberately.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Poll the file system for changes instead of using native file
    /// events (for network and container file systems where events do
    /// not arrive; chosen automatically when native watching fails).
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new site.
    pub dir: PathBuf,
}

fn print_diagnostics(d: &Diagnostics, verbose: bool) {
    for x in d.iter() {
        if verbose || x.severity == crate::diag::Severity::Error {
            eprintln!("{x}");
        }
    }
    if !verbose && d.warnings() > 0 {
        eprintln!("{} warnings (run with --verbose to see them)", d.warnings());
    }
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let site = Site::new(&cli.root);
    match cli.command {
        Command::Import(a) => {
            if !site.seeds().exists() {
                anyhow::bail!(
                    "{} has no seeds/ folder: nothing to import",
                    site.root.display()
                );
            }
            let r = import::import(
                &site,
                &ImportOptions {
                    force: a.force,
                    reuse_unchanged: false,
                },
            )?;
            print_diagnostics(&r.diagnostics, cli.verbose);
            println!(
                "imported {} seeds: {} documents, {} plans; {} files written, {} unchanged, {} kept (edited), {} removed",
                r.seeds, r.documents, r.plans, r.written, r.unchanged, r.kept_edited, r.removed
            );
            Ok(if r.diagnostics.has_errors() { 1 } else { 0 })
        }
        Command::Build(a) => {
            let r = build::build(
                &site,
                &BuildOptions {
                    no_import: a.no_import,
                },
            )?;
            if let Some(i) = &r.import {
                print_diagnostics(&i.diagnostics, cli.verbose);
            }
            print_diagnostics(&r.diagnostics, cli.verbose);
            let errors = r.diagnostics.errors();
            if errors > 0 {
                eprintln!("build failed with {errors} errors; public/ was left as it was");
                return Ok(1);
            }
            println!("{}", r.summary());
            // A seed refused by the import does not stop the build of the
            // others, but the run fails.
            let import_errors = r.import.as_ref().map_or(0, |i| i.diagnostics.errors());
            if import_errors > 0 {
                let seeds = if import_errors == 1 { "seed" } else { "seeds" };
                eprintln!(
                    "{import_errors} {seeds} could not be imported (see the errors above); public/ was built from the others"
                );
                return Ok(1);
            }
            Ok(0)
        }
        Command::Check(_) => {
            let (_, model, mut diags) = build::model(&site, &BuildOptions { no_import: true })?;
            // The settings and templates are checked too (not rendered).
            let theme = crate::load::theme::load_theme(&site, &mut diags);
            let page_size = theme.map_or(crate::render::paginate::DEFAULT_PAGE_SIZE, |t| {
                t.cfg.page_size
            });
            print_diagnostics(&diags, cli.verbose);
            // What the review page lists, counted from the same model.
            let review = crate::model::review::review(&model, &diags.0, page_size);
            for line in crate::model::review::count_lines(&review) {
                println!("{line}");
            }
            let public = site.public();
            if !public.exists() {
                eprintln!(
                    "{}: error: no output to check; run `gazette build` first",
                    site.rel(&public)
                );
                return Ok(1);
            }
            let opts = crate::check::CheckOptions {
                skip: vec!["pagefind/".into()],
            };
            let r = crate::check::check_output_with(&public, &opts)?;
            for d in r.diagnostics.iter() {
                eprintln!("{d}");
            }
            println!(
                "checked {} pages: {} links, {} anchors, {} sitemap entries, {} entities; {} errors, {} warnings",
                r.pages,
                r.links,
                r.anchors_checked,
                r.sitemap_entries,
                r.entities,
                r.diagnostics.errors(),
                r.diagnostics.warnings()
            );
            Ok(if diags.has_errors() || r.diagnostics.has_errors() {
                1
            } else {
                0
            })
        }
        Command::Init(a) => {
            let r = crate::init::init(&a.dir)?;
            println!(
                "created a new site in {} ({} files). Next:\n  gazette --root {} build\n  gazette --root {} serve",
                a.dir.display(),
                r.files.len(),
                a.dir.display(),
                a.dir.display()
            );
            Ok(0)
        }
        Command::Serve(a) => crate::serve::run(
            &site,
            &crate::serve::ServeOptions {
                bind: a.bind,
                port: a.port,
                poll: a.poll,
                verbose: cli.verbose,
            },
        ),
    }
}
