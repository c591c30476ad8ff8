//! Prints where rendering time goes, per kind of page: building the views
//! and rendering them with tera. Usage: `cargo run --release --example
//! render_profile -- SITE_DIR`.

use gazette::build::{self, BuildOptions};
use gazette::diag::Diagnostics;
use gazette::render::{self, context::Ctx, page::PageOut};
use gazette::site::Site;
use std::time::Instant;

/// The views of one kind of page.
type Views = dyn Fn(&Ctx) -> Vec<PageOut> + Sync;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let site = Site::new(std::path::PathBuf::from(dir));
    let opts = BuildOptions { no_import: true };
    let (_, model, mut diags) = build::model(&site, &opts)?;
    let theme = build::load_theme(&site, &mut diags).expect("theme");
    let (cfg, tera) = (&theme.cfg, &theme.templates.tera);
    let ctx = Ctx::new(&model, cfg, build::today());
    let mut kinds: Vec<(&str, Box<Views>)> = Vec::new();
    kinds.push((
        "documents",
        Box::new(|c: &Ctx| {
            c.model
                .documents
                .keys()
                .map(|id| render::docs::document(c, id))
                .collect()
        }),
    ));
    kinds.push((
        "plans",
        Box::new(|c: &Ctx| {
            c.model
                .plans
                .keys()
                .map(|id| render::docs::plan(c, id))
                .collect()
        }),
    ));
    kinds.push((
        "departments",
        Box::new(|c: &Ctx| {
            c.model
                .departments
                .keys()
                .map(|id| render::people::department(c, id))
                .collect()
        }),
    ));
    kinds.push((
        "indicators",
        Box::new(|c: &Ctx| {
            c.model
                .indicators
                .keys()
                .map(|id| render::people::indicator(c, id))
                .collect()
        }),
    ));
    kinds.push((
        "comparisons",
        Box::new(|c: &Ctx| {
            c.edition_pairs
                .iter()
                .map(|(old, new)| render::compare_page::compare_page(c, old, new))
                .collect()
        }),
    ));
    for (name, f) in [
        ("index", render::overview::index as fn(&Ctx) -> PageOut),
        ("documents list", render::overview::documents),
        ("plans list", render::overview::plans),
        ("departments list", render::overview::departments),
        ("indicators list", render::overview::indicators),
        ("deadlines", render::overview::deadlines),
        ("matrix", render::overview::matrix),
        ("cited", render::overview::cited),
    ] {
        kinds.push((name, Box::new(move |c: &Ctx| vec![f(c)])));
    }
    println!(
        "{:<18} {:>6} {:>10} {:>10} {:>12}",
        "pages", "count", "view ms", "tera ms", "bytes"
    );
    for (name, f) in &kinds {
        let t = Instant::now();
        let views = f(&ctx);
        let v = t.elapsed();
        let t = Instant::now();
        let mut d = Diagnostics::new();
        let out = render::render_pages(tera, &views, &mut d);
        let r = t.elapsed();
        let bytes: usize = out.values().map(|b| b.len()).sum();
        println!(
            "{:<18} {:>6} {:>10.0} {:>10.0} {:>12}",
            name,
            views.len(),
            v.as_secs_f64() * 1e3,
            r.as_secs_f64() * 1e3,
            bytes
        );
    }
    let t = Instant::now();
    let pages: Vec<String> = Vec::new();
    let files = render::site_files(&model, cfg, &pages);
    let bytes: usize = files.values().map(|b| b.len()).sum();
    println!(
        "{:<18} {:>6} {:>10.0} {:>10} {:>12}",
        "feeds etc",
        files.len(),
        t.elapsed().as_secs_f64() * 1e3,
        "",
        bytes
    );
    Ok(())
}
