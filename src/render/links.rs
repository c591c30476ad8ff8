//! Relative links between pages. Every page knows its own output path
//! (`plans/x/index.html`); a link to a site path (`departments/y/`,
//! `plans/x/#task-3`) becomes relative to it (`../../departments/y/`),
//! so the output works under any sub-path and from disk.

/// Links as seen from one page.
#[derive(Debug, Clone)]
pub struct Links {
    root: String,
    file_links: bool,
    /// The site folder of the page itself (`plans/x/`), whose anchors are
    /// linked as `#a`.
    own: Option<String>,
}

impl Links {
    /// `page` is the output path of the page (`plans/x/index.html`, `404.html`).
    pub fn new(page: &str, file_links: bool) -> Links {
        let depth = page.matches('/').count();
        Links {
            root: "../".repeat(depth),
            file_links,
            own: page.strip_suffix("index.html").map(str::to_string),
        }
    }

    /// Links from a page served at any depth (the 404 page): rooted at the
    /// path of the site's base URL (`/policy/`).
    pub fn rooted(base_path: &str, file_links: bool) -> Links {
        let mut root = base_path.to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Links {
            root,
            file_links,
            own: None,
        }
    }

    /// The relative path to the site root (`../../`, or empty at the root).
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The relative link to a site path (with or without a leading `/`).
    pub fn to(&self, site_path: &str) -> String {
        let p = site_path.trim_start_matches('/');
        let (path, frag) = match p.find('#') {
            Some(i) => (&p[..i], &p[i..]),
            None => (p, ""),
        };
        if !frag.is_empty() && self.own.as_deref() == Some(path) {
            return frag.to_string();
        }
        let mut out = String::with_capacity(self.root.len() + p.len() + 10);
        out.push_str(&self.root);
        out.push_str(path);
        if self.file_links && (path.is_empty() || path.ends_with('/')) {
            out.push_str("index.html");
        }
        if out.is_empty() {
            out.push_str("./");
        }
        out.push_str(frag);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_from_nested_pages() {
        let l = Links::new("plans/x/index.html", false);
        assert_eq!(l.to("/departments/y/"), "../../departments/y/");
        assert_eq!(l.to("/"), "../../");
        let top = Links::new("index.html", false);
        assert_eq!(top.to("/"), "./");
        assert_eq!(top.to("/plans/"), "plans/");
        assert_eq!(top.to("#x"), "#x");
        // An anchor of the page itself.
        assert_eq!(l.to("/plans/x/#task-3"), "#task-3");
        assert_eq!(l.to("/plans/x/"), "../../plans/x/");
    }

    #[test]
    fn file_links_name_the_index_file() {
        let l = Links::new("plans/x/index.html", true);
        assert_eq!(
            l.to("/departments/y/#a"),
            "../../departments/y/index.html#a"
        );
        assert_eq!(l.to("/assets/style.css"), "../../assets/style.css");
        assert_eq!(Links::new("index.html", true).to("/"), "index.html");
    }
}
