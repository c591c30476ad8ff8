//! Pagination of long lists (stage 5), shared by every list page.
//!
//! A list whose first page is at a site folder (`documents/`) keeps its
//! first page there, so existing links still work; page `n` ≥ 2 is at
//! `documents/page/n/`. Each page gets a [`Pager`]: previous and next
//! links (`rel="prev"`, `rel="next"`) and a page-number nav that shows the
//! first and last pages and a window around the current one.

use crate::render::links::Links;
use serde::Serialize;

/// Items per page when `site.toml` does not say (`page_size`).
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// Pages listed on each side of the current one in the page-number nav.
const WINDOW: usize = 3;

/// The output path of page `n` (1-based) of the list at site folder `base`
/// (`documents/` → `documents/index.html`, `documents/page/2/index.html`).
pub fn page_path(base: &str, n: usize) -> String {
    let base = base.trim_start_matches('/');
    if n <= 1 {
        format!("{base}index.html")
    } else {
        format!("{base}page/{n}/index.html")
    }
}

/// The site path of page `n` of the list at `base` (`/documents/page/2/`).
pub fn page_url(base: &str, n: usize) -> String {
    let base = base.trim_start_matches('/');
    if n <= 1 {
        format!("/{base}")
    } else {
        format!("/{base}page/{n}/")
    }
}

/// The page (1-based) on which the item at `index` (0-based) stands.
pub fn page_of(index: usize, size: usize) -> usize {
    index / size.max(1) + 1
}

/// Splits `items` into pages of `size` (at least one page, maybe empty).
pub fn split<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let size = size.max(1);
    let mut pages: Vec<Vec<T>> = Vec::new();
    let mut it = items.into_iter().peekable();
    while it.peek().is_some() {
        pages.push(it.by_ref().take(size).collect());
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages
}

/// Splits groups into pages of about `size` items: groups stay whole, a
/// page takes groups until it holds `size` items or more (a group larger
/// than `size` is a page of its own). `weight` counts a group's items.
pub fn split_groups<T>(groups: Vec<T>, size: usize, weight: impl Fn(&T) -> usize) -> Vec<Vec<T>> {
    let size = size.max(1);
    let mut pages: Vec<Vec<T>> = vec![Vec::new()];
    let mut filled = 0;
    for g in groups {
        let w = weight(&g);
        if filled > 0 && filled + w > size {
            pages.push(Vec::new());
            filled = 0;
        }
        filled += w;
        pages.last_mut().expect("one page").push(g);
    }
    pages
}

/// One entry of the page-number nav: a page, or a gap (`…`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageLink {
    /// 0 for a gap.
    pub number: usize,
    pub href: String,
    pub current: bool,
}

/// The navigation of one page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page (1-based) and how many there are.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

impl Pager {
    /// The pager of page `n` of `total` of the list at `base`, with links
    /// relative to the page (`l`). `None` when the list has one page.
    pub fn new(l: &Links, base: &str, n: usize, total: usize) -> Option<Pager> {
        if total <= 1 {
            return None;
        }
        let href = |k: usize| l.to(&page_url(base, k));
        let mut pages = Vec::new();
        let mut last_shown = 0;
        for k in 1..=total {
            let shown = k == 1 || k == total || k.abs_diff(n) <= WINDOW;
            if !shown {
                continue;
            }
            if k > last_shown + 1 {
                pages.push(PageLink {
                    number: 0,
                    href: String::new(),
                    current: false,
                });
            }
            pages.push(PageLink {
                number: k,
                href: href(k),
                current: k == n,
            });
            last_shown = k;
        }
        Some(Pager {
            current: n,
            total,
            prev: (n > 1).then(|| href(n - 1)),
            next: (n < total).then(|| href(n + 1)),
            pages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_page_stays_at_the_list_url() {
        assert_eq!(page_path("documents/", 1), "documents/index.html");
        assert_eq!(page_path("documents/", 2), "documents/page/2/index.html");
        assert_eq!(page_url("/deadlines/2025/", 3), "/deadlines/2025/page/3/");
        assert_eq!(page_url("deadlines/", 1), "/deadlines/");
        assert_eq!(page_of(0, 10), 1);
        assert_eq!(page_of(10, 10), 2);
    }

    #[test]
    fn splits_cover_every_item_once() {
        let pages = split((0..25).collect(), 10);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages.concat(), (0..25).collect::<Vec<_>>());
        assert_eq!(split(Vec::<u8>::new(), 10).len(), 1);
        let groups = split_groups(vec![4, 4, 4, 30, 1], 10, |g| *g);
        assert_eq!(groups, vec![vec![4, 4], vec![4], vec![30], vec![1]]);
    }

    #[test]
    fn pager_links_are_relative_with_gaps() {
        let l = Links::new("documents/page/5/index.html", false);
        let p = Pager::new(&l, "documents/", 5, 20).unwrap();
        assert_eq!(p.prev.as_deref(), Some("../../../documents/page/4/"));
        assert_eq!(p.next.as_deref(), Some("../../../documents/page/6/"));
        let numbers: Vec<usize> = p.pages.iter().map(|x| x.number).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5, 6, 7, 8, 0, 20]);
        assert_eq!(p.pages[0].href, "../../../documents/");
        assert!(p.pages[4].current);
        assert!(Pager::new(&l, "documents/", 1, 1).is_none());
    }
}
