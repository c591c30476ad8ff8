//! `site.toml`: the settings a site owner writes (title, base URL,
//! language, link style). Unknown keys are refused with their line and
//! column; a site without `site.toml` gets sensible defaults.

use crate::diag::Diagnostic;
use serde::Deserialize;

/// The settings of a site.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    /// Shown in every page header and in feeds.
    pub title: String,
    /// One sentence under the title on the index page and in feeds.
    pub description: String,
    /// The address the site is published at, e.g. `https://example.org/policy/`.
    /// Used for absolute URLs in sitemap.xml, feeds and canonical links; page
    /// links are relative, so the site also works under any other path.
    pub base_url: String,
    /// The language of the pages (`lang` attribute) unless a document is in
    /// Traditional script.
    pub language: String,
    /// End internal links in `index.html` so the site works opened from disk.
    pub file_links: bool,
    /// How many entries the index page lists per block (departments, targets, deadlines).
    pub index_limit: usize,
    /// How many entries each Atom feed holds, newest first (0: all).
    pub feed_limit: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "政策文件库".into(),
            description: "政策文件、行动计划、任务分工与目标指标".into(),
            base_url: "http://127.0.0.1:1111/".into(),
            language: "zh-CN".into(),
            file_links: false,
            index_limit: 10,
            feed_limit: 50,
        }
    }
}

impl SiteConfig {
    /// Parses `site.toml` text; `path` names the file in the error.
    pub fn from_toml(path: &str, text: &str) -> Result<SiteConfig, Diagnostic> {
        let mut cfg: SiteConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::diag::line_col(text, s.start))
                .unwrap_or((1, 1));
            Diagnostic::error(path, line, col, e.message().to_string())
        })?;
        if !cfg.base_url.ends_with('/') {
            cfg.base_url.push('/');
        }
        if !(cfg.base_url.starts_with("http://") || cfg.base_url.starts_with("https://")) {
            return Err(Diagnostic::error(
                path,
                1,
                1,
                format!(
                    "base_url must be an absolute http(s) address such as https://example.org/policy/, not {:?}",
                    cfg.base_url
                ),
            ));
        }
        Ok(cfg)
    }

    /// The path part of the base URL (`/policy/`).
    pub fn base_path(&self) -> String {
        let rest = self.base_url.split_once("://").map(|x| x.1).unwrap_or("");
        match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".into(),
        }
    }

    /// An absolute URL of a site path (`plans/x/`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let c = SiteConfig::from_toml(
            "site.toml",
            "title = \"X\"\nbase_url = \"https://a.org/policy\"",
        )
        .unwrap();
        assert_eq!(c.title, "X");
        assert_eq!(c.base_url, "https://a.org/policy/");
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.absolute("/plans/p/"), "https://a.org/policy/plans/p/");
        assert_eq!(c.base_path(), "/policy/");
        assert_eq!(SiteConfig::default().base_path(), "/");
    }

    #[test]
    fn unknown_keys_and_bad_urls_are_refused_with_positions() {
        let e = SiteConfig::from_toml("site.toml", "title = \"X\"\nbase = \"y\"\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 1), "{e}");
        assert!(e.message.contains("unknown field"), "{e}");
        let e = SiteConfig::from_toml("site.toml", "base_url = \"/policy/\"").unwrap_err();
        assert!(e.message.contains("absolute"), "{e}");
    }
}
