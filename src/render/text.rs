//! Stage 5, render (text): turns content Markdown and plain source text
//! into safe HTML. Mentions of departments, cited documents and targets
//! become links; headings get stable anchors; task headings become
//! `<section class="task" id="task-N">` blocks with their facts; articles
//! (a paragraph opening with its number in bold, `**第三条**`) become
//! `<section class="article" id="art-3">` with their later paragraphs;
//! headings and articles are collected as the page's outline. Raw HTML
//! from the content is sanitized with ammonia, everything else escaped.
//! Markdown links to any scheme but http, https and mailto (`javascript:`,
//! `vbscript:`, `data:` …) are dropped, their text kept; images show only
//! from the site's own files (a relative URL), else as their alt text.

use crate::model::ids;
use crate::parse::outline;
use crate::render::links::Links;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // The escaped characters are ASCII: copy the runs between them whole.
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// What a mention links to.
#[derive(Debug, Clone)]
pub struct Target {
    /// Site path, e.g. `/departments/sheng-caizheng-ting/`.
    pub path: String,
    /// CSS class of the link (`dept`, `cite`, `target`).
    pub class: &'static str,
    /// Tooltip.
    pub title: Option<String>,
}

/// A set of strings to link, matched longest first.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// All strings at once, leftmost-longest: linear in the text whatever
    /// the number of strings (a regex alternation of thousands of titles
    /// was not).
    matcher: Option<AhoCorasick>,
    targets: BTreeMap<String, Target>,
}

impl Mentions {
    /// Builds the set; an empty string is ignored, the first target given
    /// for a string wins.
    pub fn new(entries: impl IntoIterator<Item = (String, Target)>) -> Mentions {
        let mut targets = BTreeMap::new();
        for (k, t) in entries {
            if k.chars().count() >= 2 {
                targets.entry(k).or_insert(t);
            }
        }
        let matcher = if targets.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(targets.keys())
                .ok()
        };
        Mentions { matcher, targets }
    }

    fn find(&self, text: &str, priority: usize, out: &mut Vec<(usize, usize, usize, Target)>) {
        if let Some(matcher) = &self.matcher {
            for m in matcher.find_iter(text) {
                if let Some(t) = self.targets.get(&text[m.start()..m.end()]) {
                    out.push((m.start(), m.end(), priority, t.clone()));
                }
            }
        }
    }
}

/// Escapes `text` and turns mentions into links. Sets earlier in `sets`
/// win over later ones where matches overlap; a mention linking to the
/// page itself (`self_path`) stays text.
/// Mentions of a path in `plain` stay text too.
pub fn linkify(
    text: &str,
    sets: &[&Mentions],
    links: &Links,
    self_path: Option<&str>,
    plain: &[String],
) -> String {
    let mut found = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        s.find(text, i, &mut found);
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)).then(b.1.cmp(&a.1)));
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (start, end, _, t) in found {
        if start < at {
            continue;
        }
        let same_page = self_path.is_some_and(|p| t.path.split('#').next() == Some(p));
        if (same_page && !t.path.contains('#')) || plain.contains(&t.path) {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str(&format!(
            "<a class=\"{}\" href=\"{}\"{}>{}</a>",
            t.class,
            escape(&links.to(&t.path)),
            t.title
                .as_ref()
                .map(|x| format!(" title=\"{}\"", escape(x)))
                .unwrap_or_default(),
            escape(&text[start..end])
        ));
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// How to render one Markdown body.
pub struct Body<'a> {
    pub links: &'a Links,
    pub mentions: Vec<&'a Mentions>,
    /// The site path of the page (mentions of it are not linked).
    pub self_path: Option<&'a str>,
    /// The level the body's top headings take (2 below the page's h1).
    pub top_level: u8,
    /// Prefix of heading anchors (to keep them unique on pages that show several bodies).
    pub anchor_prefix: String,
    /// Anchors already taken on the page.
    pub taken: &'a mut BTreeSet<String>,
    /// Task anchors in order; a `.task` heading takes the next one.
    pub task_anchors: Vec<String>,
    /// HTML appended at the end of each task section (by task index).
    pub task_meta: &'a dyn Fn(usize) -> String,
    /// Link on each task heading (by task index), e.g. to the plan page.
    pub task_link: &'a dyn Fn(usize) -> Option<String>,
    /// Site paths left as text in each task's body (by task index): the
    /// plan page links a task's departments in the facts under it, not
    /// again in its text.
    pub task_plain: &'a dyn Fn(usize) -> Vec<String>,
    /// The paths left as text in the task being rendered.
    pub plain: Vec<String>,
    /// Filled while rendering: the headings (not tasks) and articles, in order.
    pub outline: Vec<OutlineItem>,
}

/// A heading or an article of a rendered body, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    /// The HTML heading level (0 for an article).
    pub level: u8,
    /// The heading's text, or the article's number (第三条).
    pub text: String,
    /// The id it carries on the page.
    pub anchor: String,
    pub article: bool,
}

/// The article number a paragraph opens with: `**第三条**` as the events
/// Start(Strong), Text, End(Strong).
fn article_lead(events: &[Event]) -> Option<(String, String)> {
    match events {
        [
            Event::Start(Tag::Strong),
            Event::Text(t),
            Event::End(TagEnd::Strong),
            ..,
        ] => {
            let n = t.trim();
            outline::article_anchor(n).map(|a| (n.to_string(), a))
        }
        _ => None,
    }
}

/// Renders a Markdown body to sanitized HTML.
pub fn markdown(md: &str, body: &mut Body) -> String {
    let mut events: Vec<Event> = crate::markdown::parser(md).collect();
    // Heading levels used, ranked so that they nest without gaps.
    let used: BTreeSet<u8> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .collect();
    let rank: BTreeMap<u8, u8> = used
        .iter()
        .enumerate()
        .map(|(i, l)| (*l, (body.top_level + i as u8).min(6)))
        .collect();
    let mut html = String::with_capacity(md.len() * 2);
    let mut text = String::new();
    let mut task_index: Option<usize> = None;
    let mut next_task = 0usize;
    let mut heading: Option<(u8, bool, String)> = None; // level, is task, text html
    let mut pending_line: Option<usize> = None;
    let mut previous_level = body.top_level.saturating_sub(1);
    let mut in_head = false;
    let mut in_article = false;
    // Raw HTML from the content: the body then goes through ammonia.
    // Everything else is escaped or our own markup, which ammonia would
    // let through unchanged.
    let mut untrusted = false;
    // Per open link, whether it was dropped (its text stays).
    let mut links_open: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let ev = &events[i];
        i += 1;
        if let Event::Text(t) = ev {
            text.push_str(t);
            continue;
        }
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) if !safe_link(dest_url) => {
                links_open.push(true);
                continue;
            }
            Event::Start(Tag::Link { .. }) => links_open.push(false),
            Event::End(TagEnd::Link) if links_open.pop().unwrap_or(false) => continue,
            _ => {}
        }
        flush_text(&mut text, &mut html, &mut heading, body);
        match ev {
            Event::Start(Tag::Heading { level, classes, .. }) => {
                let is_task = classes.iter().any(|c| c.as_ref() == "task");
                close_article(&mut html, &mut in_article);
                if let Some(t) = task_index.take() {
                    html.push_str(&(body.task_meta)(t));
                    html.push_str("</section>\n");
                    body.plain.clear();
                }
                // Never more than one level below the heading before it.
                let l = rank[&(*level as u8)].min(previous_level + 1);
                previous_level = l;
                heading = Some((l, is_task, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, is_task, inner) = heading.take().unwrap_or((2, false, String::new()));
                let plain = strip_tags(&inner);
                let anchor = if is_task && next_task < body.task_anchors.len() {
                    let a = format!("{}{}", body.anchor_prefix, body.task_anchors[next_task]);
                    body.taken.insert(a.clone());
                    a
                } else {
                    let base = format!("{}{}", body.anchor_prefix, ids::slug(&plain));
                    ids::unique(&base, body.taken)
                };
                if is_task && next_task < body.task_anchors.len() {
                    html.push_str(&format!(
                        "<section class=\"task\" id=\"{}\">\n",
                        escape(&anchor)
                    ));
                    let link = (body.task_link)(next_task);
                    html.push_str(&format!("<h{level} class=\"task-title\">{inner}"));
                    // A link to the task on its plan page (from a document
                    // page); the link to itself is added by site.js.
                    if let Some(link) = link {
                        html.push_str(&format!(
                            " <a class=\"anchor\" href=\"{}\" aria-label=\"本任务链接\" data-pagefind-ignore>#</a>",
                            escape(&link)
                        ));
                    }
                    html.push_str(&format!("</h{level}>\n"));
                    task_index = Some(next_task);
                    body.plain = (body.task_plain)(next_task);
                    next_task += 1;
                } else {
                    body.outline.push(OutlineItem {
                        level,
                        text: plain.trim().to_string(),
                        anchor: anchor.clone(),
                        article: false,
                    });
                    // Its link to itself (#) is added by site.js.
                    html.push_str(&format!(
                        "<h{level} id=\"{}\">{inner}</h{level}>\n",
                        escape(&anchor)
                    ));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let t = h.trim_start();
                if t.starts_with("<!--") {
                    // Provenance comments: the next paragraph or table is anchored at its line.
                    pending_line = lines_comment(t);
                    continue;
                }
                untrusted = true;
                push(&mut html, &mut heading, h);
            }
            Event::Start(Tag::Paragraph) => {
                let lead = article_lead(&events[i..]);
                // A paragraph with lines of its own ends the article before it.
                if lead.is_some() || pending_line.is_some() {
                    close_article(&mut html, &mut in_article);
                }
                if let Some((number, anchor)) = lead {
                    let id = ids::unique(&format!("{}{anchor}", body.anchor_prefix), body.taken);
                    html.push_str(&format!(
                        "<section class=\"article\" id=\"{}\">\n",
                        escape(&id)
                    ));
                    in_article = true;
                    html.push_str(&open_tag("p", pending_line.take(), body));
                    html.push_str(&format!(
                        "<strong class=\"article-number\">{}</strong>",
                        escape(&number)
                    ));
                    i += 3;
                    // **三十六、** 国务院…: the space only closed the bold.
                    if number.ends_with('、')
                        && let Some(Event::Text(t)) = events.get(i)
                        && let Some(rest) = t.strip_prefix(' ')
                    {
                        events[i] = Event::Text(CowStr::from(rest.to_string()));
                    }
                    body.outline.push(OutlineItem {
                        level: 0,
                        text: number,
                        anchor: id,
                        article: true,
                    });
                    continue;
                }
                html.push_str(&open_tag("p", pending_line.take(), body));
            }
            Event::Start(Tag::Table(_)) => {
                close_article(&mut html, &mut in_article);
                html.push_str("<div class=\"table-wrap\">");
                html.push_str(&open_tag("table", pending_line.take(), body));
            }
            Event::End(TagEnd::Table) => html.push_str("</tbody></table></div>\n"),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                html.push_str("<thead><tr>");
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                html.push_str("</tr></thead><tbody>\n");
            }
            Event::Start(Tag::TableRow) => html.push_str("<tr>"),
            Event::End(TagEnd::TableRow) => html.push_str("</tr>\n"),
            Event::Start(Tag::TableCell) => html.push_str(if in_head {
                "<th scope=\"col\">"
            } else {
                "<td>"
            }),
            Event::End(TagEnd::TableCell) => html.push_str(if in_head { "</th>" } else { "</td>" }),
            Event::Code(c) => {
                let s = format!("<code>{}</code>", escape(c));
                push(&mut html, &mut heading, &CowStr::from(s));
            }
            Event::SoftBreak => push(&mut html, &mut heading, &CowStr::from("\n")),
            Event::HardBreak => push(&mut html, &mut heading, &CowStr::from("<br>\n")),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // The alt text: every text inside, up to the image's end.
                let mut alt = String::new();
                let mut depth = 0;
                while let Some(e) = events.get(i) {
                    i += 1;
                    match e {
                        Event::Start(Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Image) if depth == 0 => break,
                        Event::End(TagEnd::Image) => depth -= 1,
                        Event::Text(t) | Event::Code(t) => alt.push_str(t),
                        _ => {}
                    }
                }
                let s = if safe_image(dest_url) {
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", escape(title))
                    };
                    format!(
                        "<img src=\"{}\" alt=\"{}\"{title}>",
                        escape(dest_url),
                        escape(&alt)
                    )
                } else {
                    // A dropped image leaves its alt text.
                    escape(&alt)
                };
                push(&mut html, &mut heading, &CowStr::from(s));
            }
            other => {
                let mut s = String::new();
                pulldown_cmark::html::push_html(&mut s, std::iter::once(other.clone()));
                push(&mut html, &mut heading, &CowStr::from(s));
            }
        }
    }
    flush_text(&mut text, &mut html, &mut heading, body);
    close_article(&mut html, &mut in_article);
    if let Some(t) = task_index.take() {
        html.push_str(&(body.task_meta)(t));
        html.push_str("</section>\n");
    }
    if untrusted { sanitize(&html) } else { html }
}

fn close_article(html: &mut String, in_article: &mut bool) {
    if std::mem::take(in_article) {
        html.push_str("</section>\n");
    }
}

/// The scheme of a URL (lowercased), `Some("")` for one that cannot be
/// trusted, `None` for a relative one. Whitespace or control characters
/// anywhere make it untrusted (browsers drop those inside a scheme:
/// `java\tscript:`).
fn scheme(url: &str) -> Option<String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(String::new());
    }
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    head.split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase())
}

/// A link the page may keep: relative (no scheme before the first `/`,
/// `?` or `#`), or http, https or mailto. Any other (`javascript:`,
/// `vbscript:`, `data:` …) is dropped and its text kept.
pub fn safe_link(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
    }
}

/// An image the page may show: a file of the site (relative, not `//host`);
/// the pages' Content-Security-Policy loads images from the site only.
/// Any other is dropped and its alt text kept.
pub fn safe_image(url: &str) -> bool {
    let starts_host = url
        .strip_prefix(['/', '\\'])
        .is_some_and(|r| r.starts_with(['/', '\\']));
    scheme(url).is_none() && !starts_host
}

/// `<!-- lines 12 -->` or `<!-- lines 12-40 -->` → 12.
fn lines_comment(t: &str) -> Option<usize> {
    let inner = t
        .strip_prefix("<!--")?
        .trim_end()
        .strip_suffix("-->")?
        .trim();
    let n = inner.strip_prefix("lines")?.trim();
    n.split('-').next()?.trim().parse().ok()
}

/// An opening tag anchored at a source line (`id="l12"`) when the line is known.
fn open_tag(tag: &str, line: Option<usize>, body: &mut Body) -> String {
    match line {
        Some(n) => {
            let id = format!("{}l{n}", body.anchor_prefix);
            if body.taken.insert(id.clone()) {
                format!("<{tag} id=\"{id}\">")
            } else {
                format!("<{tag}>")
            }
        }
        None => format!("<{tag}>"),
    }
}

fn push(html: &mut String, heading: &mut Option<(u8, bool, String)>, s: &str) {
    match heading {
        Some((_, _, inner)) => inner.push_str(s),
        None => html.push_str(s),
    }
}

fn flush_text(
    text: &mut String,
    html: &mut String,
    heading: &mut Option<(u8, bool, String)>,
    body: &Body,
) {
    if text.is_empty() {
        return;
    }
    let h = linkify(
        text,
        &body.mentions,
        body.links,
        body.self_path,
        &body.plain,
    );
    push(html, heading, &h);
    text.clear();
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    // `&amp;` last, so that an escaped entity (`&amp;lt;`) stays as printed.
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Sanitizes rendered HTML: our own markup (links, anchors, task
/// sections, tables) passes; scripts, styles, event handlers and unknown
/// tags from the content are removed, and so are links to schemes but
/// http, https and mailto, and image sources that are not the site's.
pub fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_tags(["section", "mark", "span", "div", "dl", "dt", "dd"])
        .url_schemes(["http", "https", "mailto"].into())
        .attribute_filter(|element, attribute, value| {
            let image = matches!(attribute, "src" | "srcset") && element == "img";
            (!image || (attribute == "src" && safe_image(value))).then_some(value.into())
        })
        .add_generic_attributes([
            "id",
            "class",
            "title",
            "lang",
            "aria-label",
            "scope",
            "data-pagefind-ignore",
        ])
        .link_rel(None);
    b.clean(html).to_string()
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
