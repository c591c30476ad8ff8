//! Writing content files: front matter plus a Markdown body in which every
//! block keeps its seed lines. An article opens with its number in bold
//! (`**第三条**`) and its later paragraphs follow without lines of their
//! own. The reader (`content::read`) turns the same text back into blocks.

use crate::content::front::{DocFront, PlanFront};
use crate::parse::{Block, BlockKind};
use serde::Serialize;

/// The text of a document's `index.md`.
pub fn doc_file(front: &DocFront, blocks: &[Block]) -> String {
    file(front, blocks)
}

/// The text of a plan file.
pub fn plan_file(front: &PlanFront, blocks: &[Block]) -> String {
    file(front, blocks)
}

fn file<F: Serialize>(front: &F, blocks: &[Block]) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&toml::to_string(front).expect("front matter serializes"));
    out.push_str("+++\n");
    for b in blocks {
        out.push('\n');
        out.push_str(&block(b));
    }
    out
}

/// One block as Markdown.
pub fn block(b: &Block) -> String {
    let lines = b.span.to_attr();
    match &b.kind {
        BlockKind::Heading { level, .. } => {
            let hashes = "#".repeat((*level as usize + 1).min(6));
            let class = if b.inferred { " .inferred" } else { "" };
            format!(
                "{hashes} {} {{lines={lines}{class}}}\n",
                escape_inline(&b.text)
            )
        }
        BlockKind::Task { number } => {
            let (first, rest) = crate::parse::structure::first_sentence(&b.text);
            // 12. but (三), 三、, ① and 第三条 as they are.
            let circled = number.starts_with(|c: char| ('\u{2460}'..='\u{2473}').contains(&c));
            let shown =
                if number.starts_with(['(', '（', '第']) || number.ends_with('、') || circled {
                    number.clone()
                } else {
                    format!("{number}.")
                };
            let mut s = format!(
                "##### {shown} {} {{.task lines={lines}}}\n",
                escape_inline(&first)
            );
            if !rest.is_empty() {
                s.push('\n');
                s.push_str(&escape_paragraph(&rest));
                s.push('\n');
            }
            s
        }
        BlockKind::Paragraph => format!("<!-- lines {lines} -->\n{}\n", escape_paragraph(&b.text)),
        BlockKind::Article { number } => {
            // **第三条**　text, then its later paragraphs without lines of their own.
            let sep = if number.starts_with('第') {
                "\u{3000}"
            } else {
                " "
            };
            let mut s = format!("<!-- lines {lines} -->\n**{}**{sep}", escape_inline(number));
            for (i, para) in b.text.split('\n').enumerate() {
                if i > 0 {
                    s.push_str("\n\n");
                    s.push_str(&escape_paragraph(para));
                } else {
                    s.push_str(&escape_inline(para.trim()));
                }
            }
            s.push('\n');
            s
        }
        BlockKind::Table { rows } => {
            let mut s = format!("<!-- lines {lines} -->\n");
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            for (i, row) in rows.iter().enumerate() {
                s.push('|');
                for c in 0..width {
                    let cell = row.get(c).map(String::as_str).unwrap_or("");
                    s.push(' ');
                    s.push_str(&escape_inline(cell).replace('|', "\\|"));
                    s.push_str(" |");
                }
                s.push('\n');
                if i == 0 {
                    s.push('|');
                    for _ in 0..width {
                        s.push_str(" --- |");
                    }
                    s.push('\n');
                }
            }
            s
        }
    }
}

/// Escapes the characters Markdown would read as markup inside a line.
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '{' | '}' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a paragraph, including markup that only counts at a line start.
pub fn escape_paragraph(s: &str) -> String {
    let e = escape_inline(s.trim());
    let mut chars = e.chars();
    match chars.next() {
        Some(c @ ('-' | '+' | '=' | '|')) => format!("\\{c}{}", chars.as_str()),
        Some(c) if c.is_ascii_digit() => {
            let digits: String = e.chars().take_while(char::is_ascii_digit).collect();
            let rest = &e[digits.len()..];
            if rest.starts_with(['.', ')']) {
                format!("{digits}\\{rest}")
            } else {
                e
            }
        }
        _ => e,
    }
}
