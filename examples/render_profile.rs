//! Prints where rendering time goes, per kind of page (by template):
//! building the views and rendering them with tera, and the bytes made.
//! Views of departments, indicators and comparisons are built in parallel,
//! as in a build. Usage: `cargo run --release --example render_profile --
//! SITE_DIR`.

use gazette::build::{self, BuildOptions};
use gazette::diag::Diagnostics;
use gazette::render::{self, Views, context::Ctx};
use gazette::site::Site;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let site = Site::new(std::path::PathBuf::from(dir));
    let opts = BuildOptions { no_import: true };
    let (_, model, mut diags) = build::model(&site, &opts)?;
    let theme = gazette::load::theme::load_theme(&site, &mut diags).expect("theme");
    let (cfg, templates) = (&theme.cfg, &theme.templates);
    let ctx = Ctx::new(&model, cfg, gazette::clock::today());
    let searchable: [(&str, Views); 2] = [
        (
            "document.html",
            Views::All(|c| {
                let ids = c.model.documents.keys();
                ids.map(|id| render::docs::document(c, id)).collect()
            }),
        ),
        (
            "plan.html",
            Views::All(|c| {
                let ids = c.model.plans.keys();
                ids.map(|id| render::docs::plan(c, id)).collect()
            }),
        ),
    ];
    println!(
        "{:<18} {:>6} {:>10} {:>10} {:>12}",
        "template", "pages", "view ms", "tera ms", "bytes"
    );
    for (name, views) in searchable.into_iter().chain(render::other_kinds()) {
        let t = Instant::now();
        let views = views.build_all(&ctx);
        let v = t.elapsed();
        let t = Instant::now();
        let out = render::render_pages(templates, &views, &mut Diagnostics::new());
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
    let files = render::site_files(&model, cfg, &[]);
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
