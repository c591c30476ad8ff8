//! Reading content files back: front matter (TOML, unknown keys refused)
//! and the Markdown body, parsed with pulldown-cmark into blocks with
//! their seed lines. A task is a heading with the class `.task` together
//! with the paragraphs that follow it up to the next heading. An article
//! is a paragraph that opens with its number in bold (`**第三条**`,
//! `**4.2.1**`) together with the paragraphs after it that have no lines
//! comment of their own.

use crate::content::front::{self, DocFront, PlanFront};
use crate::diag::Diagnostic;
use crate::parse::outline::{self, Scheme};
use crate::parse::{Block, BlockKind, LineSpan};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::de::DeserializeOwned;

/// A content file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentFile<F> {
    /// Path relative to the site root, e.g. `content/luzhengbanzi-2022-28/index.md`.
    pub path: String,
    pub front: F,
    /// The Markdown body (after the front matter), as written.
    pub body: String,
    pub blocks: Vec<Block>,
}

pub type DocFile = ContentFile<DocFront>;
pub type PlanFile = ContentFile<PlanFront>;

/// Reads a document's `index.md`.
pub fn read_doc(path: &str, text: &str) -> Result<DocFile, Diagnostic> {
    read(path, text)
}

/// Reads a plan file.
pub fn read_plan(path: &str, text: &str) -> Result<PlanFile, Diagnostic> {
    read(path, text)
}

fn read<F: DeserializeOwned>(path: &str, text: &str) -> Result<ContentFile<F>, Diagnostic> {
    let (front_text, body) = front::split(text).map_err(|m| Diagnostic::error(path, 1, 1, m))?;
    let front: F = toml::from_str(front_text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| crate::diag::line_col(front_text, s.start))
            .map(|(l, c)| (l + 1, c))
            .unwrap_or((1, 1));
        Diagnostic::error(path, line, col, format!("front matter: {}", e.message()))
    })?;
    Ok(ContentFile {
        path: path.to_string(),
        front,
        body: body.to_string(),
        blocks: blocks(body),
    })
}

/// Parses a Markdown body into blocks.
pub fn blocks(body: &str) -> Vec<Block> {
    let opts = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES;
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
    for ev in Parser::new_ext(body, opts) {
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
                let span = attrs
                    .iter()
                    .find(|(k, _)| k.as_ref() == "lines")
                    .and_then(|(_, v)| v.as_ref())
                    .and_then(|v| LineSpan::from_attr(v));
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
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(s) = lines_comment(&h) {
                    pending_span = Some(s);
                } else if in_para || heading.is_some() {
                    text.push_str(&h);
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_para || heading.is_some() || in_table => {
                text.push(' ')
            }
            _ => {}
        }
    }
    out
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

/// `<!-- lines 12-40 -->` → the span.
fn lines_comment(html: &str) -> Option<LineSpan> {
    let t = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    LineSpan::from_attr(t.strip_prefix("lines")?.trim_start_matches([' ', '=', ':']))
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

    #[test]
    fn front_matter_errors_carry_line_and_column() {
        let text = "+++\nid = \"x\"\ntitle = \"t\"\nname = \"n\"\nsource = { file = \"a\", lines = \"1\" }\ncolour = 1\n+++\nbody\n";
        let err = read_plan("content/x/p.md", text).unwrap_err();
        assert_eq!(err.line, 6);
        assert!(err.message.contains("colour"), "{}", err.message);
        let err = read_plan("content/x/p.md", "no front matter").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("content/x/p.md:1:1: error: missing front matter")
        );
    }
}
