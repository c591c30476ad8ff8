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

/// The theme last loaded, with what it was loaded from: `serve` keeps one
/// so that a rebuild whose settings and templates are unchanged does not
/// compile the templates again.
#[derive(Default)]
pub struct ThemeCache {
    kept: Option<(u64, std::sync::Arc<Theme>, Diagnostics)>,
}

impl ThemeCache {
    /// [`load_theme`], or the theme kept when `site.toml` and every file
    /// of `templates/` have the bytes they had then (its diagnostics are
    /// said again).
    pub fn load(&mut self, site: &Site, diags: &mut Diagnostics) -> Option<std::sync::Arc<Theme>> {
        let key = theme_inputs(site);
        if let Some((kept, theme, found)) = &self.kept
            && *kept == key
        {
            diags.extend(found.iter().cloned());
            return Some(theme.clone());
        }
        let mut found = Diagnostics::new();
        let theme = load_theme(site, &mut found).map(std::sync::Arc::new);
        diags.extend(found.iter().cloned());
        self.kept = theme.as_ref().map(|t| (key, t.clone(), found));
        theme
    }
}

/// A hash of what a theme is loaded from: `site.toml` and the files of
/// `templates/` (names and bytes; absent and unreadable files count too).
fn theme_inputs(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    std::fs::read(site.config_file()).ok().hash(&mut h);
    let level = crate::load::walk::Walk {
        folders: false,
        ..crate::load::walk::Walk::LEVEL
    };
    for e in crate::load::walk::walk(&site.templates(), level).entries {
        e.path.hash(&mut h);
        std::fs::read(&e.path).ok().hash(&mut h);
    }
    h.finish()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_theme_is_used_until_a_template_or_the_settings_change() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::new(dir.path());
        let mut cache = ThemeCache::default();
        let mut diags = Diagnostics::new();
        let first = cache.load(&site, &mut diags).expect("the built-in theme");
        let again = cache.load(&site, &mut diags).unwrap();
        assert!(std::sync::Arc::ptr_eq(&first, &again), "nothing changed");

        std::fs::create_dir_all(site.templates()).unwrap();
        std::fs::write(site.templates().join("extra.html"), "<p>{{ 1 }}</p>").unwrap();
        let with_template = cache.load(&site, &mut diags).unwrap();
        assert!(!std::sync::Arc::ptr_eq(&again, &with_template));
        assert!(
            with_template
                .templates
                .tera
                .get_template_names()
                .any(|n| n == "extra.html")
        );

        std::fs::write(site.config_file(), "title = \"新标题\"\n").unwrap();
        let with_settings = cache.load(&site, &mut diags).unwrap();
        assert!(!std::sync::Arc::ptr_eq(&with_template, &with_settings));
        assert_eq!(with_settings.cfg.title, "新标题");

        // A broken template: no theme, and its error said every time.
        std::fs::write(site.templates().join("extra.html"), "{% if %}").unwrap();
        let mut first_errors = Diagnostics::new();
        assert!(cache.load(&site, &mut first_errors).is_none());
        let mut second_errors = Diagnostics::new();
        assert!(cache.load(&site, &mut second_errors).is_none());
        assert!(first_errors.has_errors() && second_errors.has_errors());
    }
}
