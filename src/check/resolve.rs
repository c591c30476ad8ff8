//! Resolution of a link found in a page to a file path of the output.

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A URL with a scheme, or starting with `//`: not checked.
    External,
    /// Only a fragment or a query (or nothing): the page itself.
    SamePage { fragment: Option<String> },
    /// A file path relative to the output root, without leading `/`;
    /// `outside` when `..` climbed above the root (the path is then clamped
    /// to the root, as a browser would). The fragment is still encoded.
    Path {
        path: String,
        outside: bool,
        fragment: Option<String>,
    },
}

/// Resolves `href` found in a page of folder `dir` (`plans/x/`, or empty
/// for the root). A leading `/` means the output root.
pub fn resolve(dir: &str, href: &str) -> Resolved {
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace());
    if href.starts_with("//") || has_scheme(href) {
        return Resolved::External;
    }
    let (before, fragment) = match href.split_once('#') {
        Some((b, f)) => (b, Some(f.to_string())),
        None => (href, None),
    };
    let path = before.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Resolved::SamePage { fragment };
    }
    let mut segments: Vec<String> = if path.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut outside = false;
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts {
        match *part {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    outside = true;
                }
            }
            p => segments.push(percent_decode(p)),
        }
    }
    if matches!(parts.last(), Some(&"" | &"." | &"..")) {
        segments.push("index.html".to_string());
    }
    Resolved::Path {
        path: segments.join("/"),
        outside,
        fragment,
    }
}

/// Whether `href` starts with a URL scheme such as `https:` or `mailto:`.
fn has_scheme(href: &str) -> bool {
    let Some(colon) = href.find(':') else {
        return false;
    };
    let scheme = &href[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Decodes `%XX` escapes as UTF-8 (invalid sequences become U+FFFD);
/// a `%` not followed by two hex digits is kept as is.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Path {
            path: p.to_string(),
            outside: false,
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        assert_eq!(
            resolve("plans/x/", "../../departments/y/"),
            path("departments/y/index.html", None)
        );
        assert_eq!(
            resolve("plans/x/", "../y/index.html?v=2#task-3"),
            path("plans/y/index.html", Some("task-3"))
        );
        assert_eq!(resolve("plans/x/", "../../"), path("index.html", None));
        assert_eq!(
            resolve("", "assets/style.css"),
            path("assets/style.css", None)
        );
        assert_eq!(resolve("plans/x/", "./"), path("plans/x/index.html", None));
    }

    #[test]
    fn root_absolute_links_resolve_against_the_output_root() {
        assert_eq!(resolve("plans/x/", "/"), path("index.html", None));
        assert_eq!(
            resolve("plans/x/", "/indicators/%E7%A2%B3/#t"),
            path("indicators/碳/index.html", Some("t"))
        );
    }

    #[test]
    fn climbing_above_the_root_is_flagged() {
        assert_eq!(
            resolve("plans/", "../../x/"),
            Resolved::Path {
                path: "x/index.html".to_string(),
                outside: true,
                fragment: None
            }
        );
    }

    #[test]
    fn external_and_same_page_links() {
        for href in [
            "https://example.org/",
            "http://x",
            "mailto:a@b.c",
            "data:text/plain,hi",
            "javascript:void(0)",
            "//cdn.example.org/x.js",
            "tel:+86-10-1234",
        ] {
            assert_eq!(resolve("a/", href), Resolved::External, "{href}");
        }
        assert_eq!(
            resolve("a/", "#任务"),
            Resolved::SamePage {
                fragment: Some("任务".to_string())
            }
        );
        assert_eq!(resolve("a/", "?q=1"), Resolved::SamePage { fragment: None });
        // A colon after a slash is no scheme.
        assert_eq!(resolve("", "a/b:c"), path("a/b:c", None));
    }

    #[test]
    fn percent_decoding_reads_utf8_and_keeps_stray_percent_signs() {
        assert_eq!(percent_decode("%E4%BB%BB%E5%8A%A1-3"), "任务-3");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
