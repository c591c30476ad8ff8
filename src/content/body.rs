//! The body of a content file: Markdown parsed with pulldown-cmark into
//! blocks with their seed lines. A task is a heading with the class
//! `.task` together with the paragraphs that follow it up to the next
//! heading. An article is a paragraph that opens with its number in bold
//! (`**第三条**`, `**4.2.1**`) together with the paragraphs after it that
//! have no lines comment of their own.
//!
//! What the body says about itself is checked on the way: a `lines=`
//! attribute or `<!-- lines … -->` comment that is not a line span is an
//! error at its place; raw HTML (shown on the page after sanitizing, but
//! not read for tasks, targets or departments) is a warning, and so is an
//! HTML block that swallows the Markdown after it.

use crate::content::values::parse_lines;
use crate::diag::Diagnostic;
use crate::parse::outline::{self, Scheme};
use crate::parse::{Block, BlockKind, LineSpan};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Parses a Markdown body into blocks (what it says about itself unchecked).
pub fn blocks(body: &str) -> Vec<Block> {
    read("", body, 1).0
}

/// Places in a body, as lines and columns of the file it is in.
struct Places<'a> {
    body: &'a str,
    /// Byte offsets where the body's lines start.
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> Places<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Places {
            body,
            starts,
            first_line,
        }
    }

    /// The file line and column (in characters) of byte `at` of the body.
    fn at(&self, at: usize) -> (usize, usize) {
        let at = crate::diag::floor_char_boundary(self.body, at);
        let i = self.starts.partition_point(|&s| s <= at) - 1;
        let col = self.body[self.starts[i]..at].chars().count() + 1;
        (self.first_line + i, col)
    }
}

/// Raw HTML met in a body: where first, how many places.
#[derive(Default)]
struct RawHtml {
    first: Option<usize>,
    places: usize,
}

/// Parses the body of the file `path`, which starts on line `first_line`
/// of the file, into blocks, with the problems found in it.
pub fn read(path: &str, body: &str, first_line: usize) -> (Vec<Block>, Vec<Diagnostic>) {
    let places = Places::new(body, first_line);
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut error = |at: usize, message: String| {
        let (line, col) = places.at(at);
        found.push(Diagnostic::error(path, line, col, message));
    };
    let mut raw = RawHtml::default();
    let mut swallowed: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Block> = Vec::new();
    let mut pending_span: Option<LineSpan> = None;
    let mut text = String::new();
    let mut heading: Option<(u8, bool, bool, Option<LineSpan>)> = None; // level, task, inferred, span
    let mut in_para = false;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_table = false;
    // The open task or article, to which following paragraphs belong.
    let mut open_task: Option<usize> = None;
    let mut open_article: Option<usize> = None;
    // The bold text a paragraph opens with (an article's number).
    let mut strong_at_start = false;
    let mut lead: Option<String> = None;
    for (ev, range) in crate::markdown::parser(body).into_offset_iter() {
        let inline_html = matches!(ev, Event::InlineHtml(_));
        match ev {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                open_task = None;
                open_article = None;
                text.clear();
                let task = classes.iter().any(|c| c.as_ref() == "task");
                let inferred = classes.iter().any(|c| c.as_ref() == "inferred");
                let span = match attrs.iter().find(|(k, _)| k.as_ref() == "lines") {
                    None => None,
                    Some((_, v)) => {
                        let src = &body[range.clone()];
                        let at = range.start + src.rfind("lines").unwrap_or(0);
                        match v.as_deref().map(parse_lines) {
                            Some(Ok(s)) => Some(s),
                            Some(Err(m)) => {
                                error(at, format!("heading attribute `lines`: {m}"));
                                None
                            }
                            None => {
                                error(at, "heading attribute `lines` has no value: write `lines=12` or `lines=12-40`".into());
                                None
                            }
                        }
                    }
                };
                heading = Some((heading_level(level), task, inferred, span));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, task, inferred, span)) = heading.take() else {
                    continue;
                };
                let span = span.or(pending_span.take()).unwrap_or_default();
                let t = text.trim().to_string();
                if task {
                    let (number, rest) = match outline::marker_at(&t) {
                        Some((m, len))
                            if matches!(
                                m.scheme,
                                Scheme::Han
                                    | Scheme::Arabic
                                    | Scheme::ParenHan
                                    | Scheme::ParenArabic
                                    | Scheme::Circled
                            ) =>
                        {
                            (m.number, t[len..].trim().to_string())
                        }
                        _ => (String::new(), t.clone()),
                    };
                    out.push(Block::new(BlockKind::Task { number }, rest, span));
                    open_task = Some(out.len() - 1);
                } else {
                    let number = outline::marker_at(&t).map(|(m, _)| m.number);
                    let mut b = Block::new(
                        BlockKind::Heading {
                            level: level.saturating_sub(1).max(1),
                            number,
                        },
                        t,
                        span,
                    );
                    b.inferred = inferred;
                    out.push(b);
                }
            }
            Event::Start(Tag::Paragraph) => {
                in_para = true;
                text.clear();
                lead = None;
            }
            Event::Start(Tag::Strong) if in_para && text.trim().is_empty() => {
                strong_at_start = true;
            }
            Event::End(TagEnd::Strong) if strong_at_start => {
                strong_at_start = false;
                lead = Some(text.trim().to_string());
            }
            Event::End(TagEnd::Paragraph) => {
                in_para = false;
                let t = text.trim().to_string();
                let span = pending_span.take();
                if let Some(number) = lead.take().filter(|n| outline::article_anchor(n).is_some()) {
                    let rest = t[t.find(&number).map_or(0, |i| i + number.len())..].trim();
                    out.push(Block::new(
                        BlockKind::Article { number },
                        rest,
                        span.unwrap_or_default(),
                    ));
                    open_task = None;
                    open_article = Some(out.len() - 1);
                    continue;
                }
                if let Some(i) = open_article.filter(|_| span.is_none()) {
                    let article = &mut out[i];
                    article.text.push('\n');
                    article.text.push_str(&t);
                    continue;
                }
                open_article = None;
                // A paragraph with its own lines comment is a block of its own.
                match open_task.filter(|_| span.is_none()) {
                    Some(i) => {
                        let task = &mut out[i];
                        task.text.push_str(&t);
                        if let Some(s) = span {
                            task.span = task.span.join(s);
                        }
                    }
                    None => {
                        open_task = None;
                        out.push(Block::new(
                            BlockKind::Paragraph,
                            t,
                            span.unwrap_or_default(),
                        ));
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                rows.clear();
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => {
                text.clear();
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(r) = rows.last_mut() {
                    r.push(text.trim().to_string());
                }
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                open_task = None;
                open_article = None;
                let span = pending_span.take().unwrap_or_default();
                out.push(Block::new(
                    BlockKind::Table {
                        rows: std::mem::take(&mut rows),
                    },
                    String::new(),
                    span,
                ));
            }
            Event::Start(Tag::HtmlBlock) => {
                let src = &body[range.clone()];
                if !src.trim_start().starts_with("<!--") {
                    raw.places += 1;
                    raw.first.get_or_insert(range.start);
                }
                if let Some(at) = swallowed_markdown(src) {
                    swallowed.push((range.start, range.start + at));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => match lines_comment(&h) {
                Some(Ok(s)) => pending_span = Some(s),
                Some(Err(m)) => {
                    let at = range.start + body[range.clone()].find("lines").unwrap_or(0);
                    error(at, format!("lines comment: {m}"));
                }
                None => {
                    if inline_html && !h.trim_start().starts_with("<!--") {
                        raw.places += 1;
                        raw.first.get_or_insert(range.start);
                    }
                    if in_para || heading.is_some() {
                        text.push_str(&h);
                    }
                }
            },
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_para || heading.is_some() || in_table => {
                text.push(' ')
            }
            _ => {}
        }
    }
    for (open, inside) in swallowed {
        let (line, col) = places.at(open);
        let (inner, _) = places.at(inside);
        found.push(Diagnostic::warning(
            path,
            line,
            col,
            format!(
                "this raw HTML block runs on past the Markdown at line {inner}, which is read as HTML, not as headings, tasks or lines comments: close the tag (or the `<!--` comment) and leave a blank line after the HTML"
            ),
        ));
    }
    if let Some(first) = raw.first {
        let (line, col) = places.at(first);
        let more = match raw.places {
            0 | 1 => String::new(),
            n => format!(" (and {} more places in this file)", n - 1),
        };
        found.push(Diagnostic::warning(
            path,
            line,
            col,
            format!(
                "raw HTML{more}: it is shown on the page sanitized (scripts, styles and event handlers removed) but not read for tasks, targets or departments; write Markdown instead where that matters"
            ),
        ));
    }
    found.sort();
    (out, found)
}

/// The offset, in the source of an HTML block, of the first line after
/// its first that looks like Markdown gazette reads (a heading or a
/// lines comment), if any.
fn swallowed_markdown(src: &str) -> Option<usize> {
    let first_end = src.find('\n')? + 1;
    let mut at = first_end;
    for line in src[first_end..].split_inclusive('\n') {
        let t = line.trim_start();
        let heading = t.starts_with('#') && t.trim_start_matches('#').starts_with([' ', '\t']);
        if heading || lines_comment(t).is_some() {
            return Some(at + (line.len() - t.len()));
        }
        at += line.len();
    }
    None
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `<!-- lines 12-40 -->` → the span; `None` when the HTML is not a
/// lines comment, an error when it is one with no line span in it.
fn lines_comment(html: &str) -> Option<Result<LineSpan, String>> {
    let t = html.trim().strip_prefix("<!--")?.trim_start();
    let rest = t.strip_prefix("lines")?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '=', ':', '-'])) {
        return None;
    }
    let Some(inner) = rest.trim_end().strip_suffix("-->") else {
        return Some(Err(
            "the comment is not closed: end it with `-->` on the same line".into(),
        ));
    };
    Some(parse_lines(inner.trim_start_matches([' ', '\t', '=', ':'])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown;

    fn round_trip(blocks: &[Block]) -> Vec<Block> {
        let md: String = blocks
            .iter()
            .map(markdown::block)
            .collect::<Vec<_>>()
            .join("\n");
        super::blocks(&md)
    }

    #[test]
    fn blocks_survive_a_round_trip() {
        let mut inferred = Block::new(
            BlockKind::Heading {
                level: 1,
                number: None,
            },
            "主要任务",
            LineSpan::line(4),
        );
        inferred.inferred = true;
        let blocks = vec![
            Block::new(
                BlockKind::Heading {
                    level: 1,
                    number: Some("一".into()),
                },
                "一、工作目标",
                LineSpan::line(53),
            ),
            Block::new(
                BlockKind::Paragraph,
                "全社会研发经费投入年均增长10%左右,高新技术企业*突破*3.8万家。",
                LineSpan::line(55),
            ),
            inferred,
            Block::new(
                BlockKind::Task {
                    number: "12".into(),
                },
                "开展高水平科技交流合作。发挥黄河科创联盟作用。(牵头单位:省科技厅;配合单位:省财政厅)",
                LineSpan::new(15, 16),
            ),
            Block::new(
                BlockKind::Task {
                    number: "(一)".into(),
                },
                "强化组织领导。",
                LineSpan::line(16),
            ),
            Block::new(
                BlockKind::Paragraph,
                "1. 不是列表 # 也不是标题",
                LineSpan::line(17),
            ),
            Block::new(
                BlockKind::Table {
                    rows: vec![
                        vec!["指标".into(), "2025年".into()],
                        vec!["a|b".into(), "55".into()],
                    ],
                },
                "",
                LineSpan::new(91, 120),
            ),
        ];
        assert_eq!(round_trip(&blocks), blocks);
    }

    #[test]
    fn articles_survive_a_round_trip_with_their_later_paragraphs() {
        let article = |number: &str, text: &str, a: usize, b: usize| {
            Block::new(
                BlockKind::Article {
                    number: number.into(),
                },
                text,
                LineSpan::new(a, b),
            )
        };
        let blocks = vec![
            Block::new(
                BlockKind::Heading {
                    level: 2,
                    number: Some("第一章".into()),
                },
                "第一章 总则",
                LineSpan::line(3),
            ),
            article(
                "第三条",
                "经营所得，是指：\n1.个体工商户从事生产、经营活动取得的所得；\n（二）依照本条例*第五条*规定执行。\n# 不是标题",
                4,
                7,
            ),
            article("三十六、", "会议由市长召集。", 8, 8),
            Block::new(BlockKind::Paragraph, "前款所称单位。", LineSpan::line(9)),
            article(
                "4.2.1",
                "出现应急状态时，立即报告。\n（1）核实情况。",
                10,
                11,
            ),
        ];
        assert_eq!(round_trip(&blocks), blocks);
        let md = markdown::block(&blocks[1]);
        assert!(
            md.starts_with("<!-- lines 4-7 -->\n**第三条**\u{3000}经营所得"),
            "{md}"
        );
    }

    #[test]
    fn an_article_written_by_hand_is_read_as_one() {
        // A bold article number opens an article; paragraphs without lines
        // of their own follow it, one with lines starts a block of its own.
        let md = "<!-- lines 5 -->\n**第十二条** 本办法自公布之日起施行。\n\n原办法同时废止。\n\n<!-- lines 7 -->\n附件：标准。\n\n**重要**提示不是条文。\n";
        let b = blocks(md);
        assert_eq!(b.len(), 3, "{b:?}");
        assert_eq!(
            b[0].kind,
            BlockKind::Article {
                number: "第十二条".into()
            }
        );
        assert_eq!(b[0].text, "本办法自公布之日起施行。\n原办法同时废止。");
        assert_eq!(b[1].kind, BlockKind::Paragraph);
        assert_eq!(b[2].text, "重要提示不是条文。");
        assert_eq!(b[2].kind, BlockKind::Paragraph);
    }

    /// Inputs that make naive Markdown parsers slow read at once (each
    /// took well under a second in a debug build).
    #[test]
    fn pathological_bodies_read_in_about_linear_time() {
        let cases: Vec<String> = vec![
            "*a _b ".repeat(100_000),
            "[".repeat(200_000),
            "[a](".repeat(100_000),
            ">".repeat(100_000),
            "<a ".repeat(200_000),
            "`a``".repeat(100_000),
            "##### 1. x {.task lines=1}\n".repeat(50_000),
            format!("# x {{{}}}\n", "a=b ".repeat(100_000)),
            format!("|a|b|\n|-|-|\n{}", "|x|y|\n".repeat(100_000)),
            "建立工作机制。".repeat(1_000_000),
        ];
        for text in cases {
            let t = std::time::Instant::now();
            read("p.md", &text, 1);
            let spent = t.elapsed();
            assert!(spent.as_secs() < 10, "{spent:?} for {:?}…", &text[..20]);
        }
    }
}
