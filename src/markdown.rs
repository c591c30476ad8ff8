//! Below every stage: the one configuration of pulldown-cmark, with which
//! every Markdown text of a site is read, when content is checked
//! (`content::body`) and when it is rendered (`render::text`), so that
//! both see the same document.

use pulldown_cmark::{Options, Parser};

/// The Markdown extensions gazette reads: heading attributes
/// (`## 一、总体要求 {#goals}`, the anchors import writes) and tables (the
/// indicator tables of outlines).
pub const OPTIONS: Options = Options::ENABLE_HEADING_ATTRIBUTES.union(Options::ENABLE_TABLES);

/// A parser of `text` with [`OPTIONS`].
pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, OPTIONS)
}
