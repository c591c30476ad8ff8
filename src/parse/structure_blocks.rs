//! The blocks of one piece of a document's body (part of `structure`):
//! 篇, 章 and 节 headings; 一、 and (一) headings or tasks; articles
//! (第三条, 一、 numbered across chapters, decimal clauses 4.2.1) that keep
//! their later paragraphs and items; decimal headings (1 总则, 1.1 编制目的);
//! (1) and ① items as paragraphs.

use super::{Structurer, Target, first_sentence};
use crate::parse::outline::{self, Marker, Piece, Scheme};
use crate::parse::{Block, BlockKind, LineSpan, meta};

impl Structurer<'_> {
    /// The last block where blocks are being put.
    pub(super) fn last_block(&self) -> Option<&Block> {
        match self.target {
            Target::Doc => self.doc.blocks.last(),
            Target::Plan(i) => self.doc.plans[i].blocks.last(),
        }
    }

    pub(super) fn in_article(&self) -> bool {
        matches!(
            self.last_block().map(|b| &b.kind),
            Some(BlockKind::Article { .. })
        )
    }

    /// An article's later paragraphs (款, 项) join it; returns whether `b` did.
    pub(super) fn absorb(&mut self, b: &Block) -> bool {
        if b.kind != BlockKind::Paragraph || b.inferred || !self.in_article() || is_trailer(&b.text)
        {
            return false;
        }
        let article = match self.target {
            Target::Doc => self.doc.blocks.last_mut(),
            Target::Plan(i) => {
                let plan = &mut self.doc.plans[i];
                plan.span = plan.span.join(b.span);
                plan.blocks.last_mut()
            }
        };
        if let Some(a) = article {
            a.text.push('\n');
            a.text.push_str(&b.text);
            a.span = a.span.join(b.span);
        }
        true
    }

    pub(super) fn has_scheme(&self, scheme: Scheme) -> bool {
        self.body
            .iter()
            .any(|p| p.marker.as_ref().is_some_and(|m| m.scheme == scheme))
    }

    /// 一、 items that run on across chapters (五、 opens the second
    /// chapter) are articles, as in rules and regulations, not headings.
    pub(super) fn han_articles(&self) -> bool {
        let mut chapters = 0;
        for m in self.body.iter().filter_map(|p| p.marker.as_ref()) {
            match m.scheme {
                Scheme::Chapter => chapters += 1,
                Scheme::Han if chapters >= 2 => return m.value > 1,
                _ => {}
            }
        }
        false
    }

    /// The level of 一、 headings: below 篇, 章 and 节 where the document has them.
    pub(super) fn han_level(&self) -> u8 {
        if self.has_parts {
            3 + u8::from(self.has_scheme(Scheme::Section))
        } else {
            1
        }
    }

    /// The block(s) of one piece.
    pub(super) fn to_block(&self, p: &Piece) -> Vec<Block> {
        let span = LineSpan::line(p.line);
        let Some(m) = &p.marker else {
            return vec![Block::new(BlockKind::Paragraph, p.text.clone(), span)];
        };
        let full = || format!("{}{}", m.printed, p.text);
        let heading = |level: u8, number: &str, text: String| {
            vec![Block::new(
                BlockKind::Heading {
                    level,
                    number: Some(number.to_string()),
                },
                text,
                span,
            )]
        };
        let article = || {
            vec![Block::new(
                BlockKind::Article {
                    number: m.printed.clone(),
                },
                p.text.clone(),
                span,
            )]
        };
        // The items of an article are its 项, not headings or tasks.
        if self.in_article()
            && matches!(
                m.scheme,
                Scheme::ParenHan | Scheme::Arabic | Scheme::ParenArabic | Scheme::Circled
            )
            && !names_assignment(&p.text)
        {
            return vec![Block::new(BlockKind::Paragraph, full(), span)];
        }
        match m.scheme {
            Scheme::Part => heading(1, &m.printed, titled(m, &p.text)),
            Scheme::Chapter => heading(2, &m.printed, titled(m, &p.text)),
            Scheme::Section => heading(3, &m.printed, titled(m, &p.text)),
            Scheme::Article => article(),
            Scheme::Han if self.has_parts && self.han_articles() => article(),
            Scheme::Han => {
                let level = self.han_level();
                let (title, rest) = split_heading(&p.text, self.section_titles);
                let mut v = heading(level, &m.printed, format!("{}{}", m.printed, title));
                if !rest.is_empty() {
                    v.push(Block::new(BlockKind::Paragraph, rest, span));
                }
                v
            }
            Scheme::Decimal(depth) if outline::is_short_title(&p.text) => {
                heading(depth, &m.number, format!("{} {}", m.printed, p.text))
            }
            Scheme::Decimal(_) => article(),
            Scheme::ParenHan | Scheme::Arabic => {
                let (first, rest) = first_sentence(&p.text);
                if m.scheme == Scheme::ParenHan
                    && rest.trim().is_empty()
                    && first.chars().count() <= 40
                {
                    let level = self.han_level() + 1;
                    return heading(level, &m.number, full());
                }
                if self.in_goal {
                    return vec![Block::new(BlockKind::Paragraph, full(), span)];
                }
                vec![Block::new(
                    BlockKind::Task {
                        number: m.number.clone(),
                    },
                    p.text.clone(),
                    span,
                )]
            }
            Scheme::ParenArabic | Scheme::Circled => {
                vec![Block::new(BlockKind::Paragraph, full(), span)]
            }
        }
    }
}

/// `第一章 总则` from the marker and the title printed after it, its
/// letter spacing (总　　则) closed up.
fn titled(m: &Marker, title: &str) -> String {
    let t = title.trim();
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let spaced = compact.chars().count() <= 6
        && compact.chars().all(crate::parse::text::is_han)
        && compact.len() < t.len();
    match (t.is_empty(), spaced) {
        (true, _) => m.printed.clone(),
        (false, true) => format!("{} {compact}", m.printed),
        (false, false) => format!("{} {t}", m.printed),
    }
}

/// Lines that follow a document's last article without belonging to it.
fn is_trailer(text: &str) -> bool {
    ["附件", "附表", "抄送", "（此件", "(此件"]
        .iter()
        .any(|p| text.starts_with(p))
        || meta::find_signature(text).is_some_and(|(r, _, _)| r.start == 0)
}

/// An item that names who leads it is a task even inside an article.
fn names_assignment(text: &str) -> bool {
    ["牵头单位", "责任单位", "配合单位", "牵头：", "牵头:"]
        .iter()
        .any(|k| text.contains(k))
}

/// Splits "总体要求创新完善体制机制,…" into the heading and the text glued to it.
fn split_heading(text: &str, known: &[String]) -> (String, String) {
    let t = text.trim();
    if !t.contains(['。', ';', '；']) && t.chars().count() <= 40 {
        return (t.to_string(), String::new());
    }
    if let Some(k) = known
        .iter()
        .filter(|k| t.starts_with(k.as_str()))
        .max_by_key(|k| k.len())
    {
        return (k.clone(), t[k.len()..].trim().to_string());
    }
    // A space separates heading and text in some scrapes.
    if let Some((i, _)) = t.char_indices().take(40).find(|(_, c)| c.is_whitespace()) {
        return (t[..i].to_string(), t[i..].trim().to_string());
    }
    let (first, rest) = first_sentence(t);
    if first.chars().count() <= 30 {
        return (first.trim_end_matches('。').to_string(), rest);
    }
    (t.to_string(), String::new())
}
