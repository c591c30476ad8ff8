//! Below every stage (read by load, used by render): `site.toml`: the settings a site owner writes (title, base URL,
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
    /// How many entries a page of a long list holds (documents, plans,
    /// indicators, deadlines of a year, a department's tasks …); at least 1.
    pub page_size: usize,
    /// How many megabytes of searched HTML one part of the search index
    /// holds; at least 1. The indexer holds a part's every word position
    /// in memory (tens of bytes per byte of Chinese HTML) until the part
    /// is written, so smaller parts build in less memory, while a search
    /// asks every part (a few small files each).
    pub search_part_mb: usize,
}

/// The default of `search_part_mb`: a site of a few hundred documents has
/// one part; 1,000 generated action plans (70 MB searched) have three.
pub const DEFAULT_SEARCH_PART_MB: usize = 24;

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
            page_size: crate::render::paginate::DEFAULT_PAGE_SIZE,
            search_part_mb: DEFAULT_SEARCH_PART_MB,
        }
    }
}

impl SiteConfig {
    /// Parses `site.toml` text; `path` names the file in the errors, each
    /// at its line and column, all of them reported.
    pub fn from_toml(path: &str, text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let place = |at: usize| crate::diag::line_col(text, at);
        let mut cfg: SiteConfig = crate::content::strict::from_str(text).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| {
                    let (line, col) = p.span.map_or((1, 1), |s| place(s.start));
                    Diagnostic::error(path, line, col, p.message)
                })
                .collect::<Vec<_>>()
        })?;
        let keys = crate::content::strict::key_spans(text);
        let at = |key: &str| {
            keys.iter()
                .find(|(k, _)| k == key)
                .map_or((1, 1), |(_, s)| place(s.start))
        };
        let mut errors = Vec::new();
        let scheme = cfg.base_url.split_once("://");
        if !scheme.is_some_and(|(s, rest)| matches!(s, "http" | "https") && !rest.is_empty())
            || cfg
                .base_url
                .contains(|c: char| c.is_whitespace() || c == '"' || c == '<')
        {
            let (line, col) = at("base_url");
            errors.push(Diagnostic::error(
                path,
                line,
                col,
                format!(
                    "base_url must be an absolute http(s) address such as https://example.org/policy/, not {:?}",
                    cfg.base_url
                ),
            ));
        }
        let tag_ok = !cfg.language.is_empty()
            && cfg.language.split('-').enumerate().all(|(i, part)| {
                (1..=8).contains(&part.len())
                    && part.bytes().all(|b| b.is_ascii_alphanumeric())
                    && (i > 0 || part.bytes().all(|b| b.is_ascii_alphabetic()))
            });
        if !tag_ok {
            let (line, col) = at("language");
            errors.push(Diagnostic::error(
                path,
                line,
                col,
                format!(
                    "language must be a language tag such as \"zh-CN\" or \"zh-Hant\", not {:?}",
                    cfg.language
                ),
            ));
        }
        if cfg.page_size == 0 {
            let (line, col) = at("page_size");
            errors.push(Diagnostic::error(
                path,
                line,
                col,
                "page_size must be at least 1 (entries per page of a long list)".to_string(),
            ));
        }
        if !(1..=4096).contains(&cfg.search_part_mb) {
            let (line, col) = at("search_part_mb");
            errors.push(Diagnostic::error(
                path,
                line,
                col,
                format!(
                    "search_part_mb must be between 1 and 4096 (megabytes of searched HTML per part of the search index), not {}",
                    cfg.search_part_mb
                ),
            ));
        }
        if !cfg.base_url.ends_with('/') {
            cfg.base_url.push('/');
        }
        if errors.is_empty() {
            Ok(cfg)
        } else {
            Err(errors)
        }
    }

    /// [`SiteConfig::search_part_mb`] in bytes.
    pub fn search_part_bytes(&self) -> usize {
        self.search_part_mb.max(1) << 20
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
        let text = "title = \"X\"\nbase = \"y\"\nfeed_limit = \"ten\"\nfile_links = 1\n";
        let e: Vec<String> = SiteConfig::from_toml("site.toml", text)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(
            e[0].starts_with("site.toml:2:1: error: unknown key `base`: remove it or correct its spelling (known keys: `title`"),
            "{e:#?}"
        );
        assert!(
            e[1].starts_with("site.toml:3:14: error: invalid type: string \"ten\""),
            "{e:#?}"
        );
        assert!(
            e[2].starts_with("site.toml:4:14: error: invalid type: integer `1`"),
            "{e:#?}"
        );
        let text = "title = \"X\"\nbase_url = \"/policy/\"\nlanguage = \"zh CN\"";
        let e = SiteConfig::from_toml("site.toml", text).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].line, e[0].col), (2, 1));
        assert!(e[0].message.contains("absolute"), "{}", e[0]);
        assert_eq!((e[1].line, e[1].col), (3, 1));
        let e = SiteConfig::from_toml("site.toml", "title = \"X\nlanguage = 'zh'").unwrap_err();
        assert_eq!(e[0].line, 1, "{e:?}");
        assert!(e[0].message.contains("not valid TOML"), "{e:?}");
    }

    #[test]
    fn the_search_part_size_is_in_megabytes_and_at_least_one() {
        let c = SiteConfig::from_toml("site.toml", "search_part_mb = 8").unwrap();
        assert_eq!(c.search_part_bytes(), 8 << 20);
        assert_eq!(
            SiteConfig::default().search_part_bytes(),
            DEFAULT_SEARCH_PART_MB << 20
        );
        let e =
            SiteConfig::from_toml("site.toml", "title = \"X\"\nsearch_part_mb = 0").unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].col), (2, 1));
        assert!(
            e[0].message
                .starts_with("search_part_mb must be between 1 and 4096"),
            "{e:?}"
        );
    }
}
