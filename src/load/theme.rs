//! Stage 1, load (theme): the settings (`site.toml`), the templates
//! (the user's over the embedded defaults) and the files of `static/`, read
//! before rendering so that the render stage does no I/O.

use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::render::Output;
use crate::site::Site;
use anyhow::{Context, Result};

/// The settings and templates a site renders with.
pub struct Theme {
    pub cfg: SiteConfig,
    pub templates: crate::render::templates::Templates,
}

/// The settings and templates of a site, or `None` (with diagnostics).
pub fn load_theme(site: &Site, diags: &mut Diagnostics) -> Option<Theme> {
    // Both are read whatever the other gives, so that every error shows.
    let cfg = site.config().map_err(|d| diags.extend(d));
    let templates = crate::render::templates::load(&site.templates(), "templates", diags);
    Some(Theme {
        cfg: cfg.ok()?,
        templates: templates?,
    })
}

/// The files of the site's `static/`.
pub fn static_files(site: &Site, diags: &mut Diagnostics) -> Result<Output> {
    let mut files = Output::new();
    for (rel, p) in site.static_files(diags)? {
        let bytes = std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
        files.insert(rel, bytes);
    }
    Ok(files)
}
