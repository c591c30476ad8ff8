//! Reading one seed file: cleaning, splitting it into documents (a listing
//! page holds one document per bullet), recovering each document's head,
//! signature, sections, plans and tasks from lines or inline numbering.
//!
//! Input: the decoded text of one seed and the boilerplate and spam
//! tables. Output: [`ParsedSeed`], the documents with every block's seed
//! line span, and diagnostics. Pure: no I/O.

use crate::diag::Diagnostic;
use crate::parse::clean::{self, Boilerplate, Line};
use crate::parse::meta::{self, Header};
use crate::parse::outline::{self, Piece};
use crate::parse::spam::SpamTable;
use crate::parse::structure::Structurer;
use crate::parse::{Block, BlockKind, LineSpan, SeedDoc, plans, responsibility, script};

/// The tables a seed is read with.
#[derive(Debug, Clone)]
pub struct ParseTables {
    pub boilerplate: Boilerplate,
    pub spam: SpamTable,
}

impl ParseTables {
    pub fn builtin() -> Self {
        ParseTables {
            boilerplate: Boilerplate::builtin(),
            spam: SpamTable::builtin(),
        }
    }
}

/// What one seed file holds.
#[derive(Debug, Clone, Default)]
pub struct ParsedSeed {
    pub docs: Vec<SeedDoc>,
    pub diagnostics: Vec<Diagnostic>,
    pub dropped_lines: usize,
}

/// Parses one decoded seed text read from `path`.
pub fn parse_seed(path: &str, text: &str, tables: &ParseTables) -> ParsedSeed {
    let cleaned = clean::clean(path, text, &tables.boilerplate, &tables.spam);
    let mut out = ParsedSeed {
        diagnostics: cleaned.diagnostics,
        dropped_lines: cleaned.dropped_lines,
        ..Default::default()
    };
    let (groups, furniture) = split_documents(cleaned.lines);
    out.dropped_lines += furniture;
    let single = groups.len() == 1;
    for lines in groups {
        let first = lines.first().map(|l| l.no).unwrap_or(1);
        let last = lines.last().map(|l| l.no).unwrap_or(first);
        let published = cleaned
            .published
            .iter()
            .find(|(no, _)| single || (*no >= first && *no <= last))
            .map(|(_, d)| d.clone());
        let mut doc = parse_document(&lines, &tables.boilerplate.section_titles);
        doc.published = published;
        if doc.title_inferred {
            out.diagnostics.push(Diagnostic::warning(
                path,
                first,
                1,
                format!("document has no title; inferred “{}”", doc.title),
            ));
        }
        out.docs.push(doc);
    }
    out
}

/// Splits a seed into documents: on a listing page (two or more lines that
/// start with a bullet) each bullet starts a document and the lines before
/// the first bullet are the listing's furniture. Returns the groups and
/// the number of furniture lines dropped.
fn split_documents(lines: Vec<Line>) -> (Vec<Vec<Line>>, usize) {
    let bullets = lines.iter().filter(|l| l.bullet).count();
    if bullets < 2 {
        return (
            if lines.is_empty() {
                Vec::new()
            } else {
                vec![lines]
            },
            0,
        );
    }
    let mut groups: Vec<Vec<Line>> = Vec::new();
    let mut furniture = 0;
    for line in lines {
        if line.bullet {
            groups.push(vec![line]);
        } else if let Some(g) = groups.last_mut() {
            g.push(line);
        } else {
            furniture += 1;
        }
    }
    (groups, furniture)
}

/// Reads one document from its lines.
pub fn parse_document(lines: &[Line], section_titles: &[String]) -> SeedDoc {
    let pieces = outline::split_pieces(lines);
    let header = meta::read_header(&pieces);
    let first = lines.first().map(|l| l.no).unwrap_or(1);
    let last = lines.last().map(|l| l.no).unwrap_or(first);
    let all_text: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut doc = SeedDoc {
        title: header.title.clone(),
        title_inferred: header.title_inferred,
        doc_number: header.doc_number.clone(),
        issuers: header.issuers.clone(),
        addressee: header.addressee.clone(),
        date: header.date.clone(),
        script: script::detect(&all_text),
        span: LineSpan::new(first, last),
        convention: responsibility::detect_convention(&all_text),
        family_members: plans::family_listings(&all_text),
        ..Default::default()
    };
    let body = body_pieces(&pieces, &header, &mut doc);
    // A notice that lost its title is named by what it issues.
    let issued: Vec<String> = body
        .iter()
        .take(4)
        .flat_map(|p| meta::issued_titles(&p.text))
        .collect();
    if doc.title.is_empty() {
        doc.title = meta::infer_notice_title(&issued)
            .or_else(|| {
                body.first()
                    .map(|p| format!("{}…", p.text.chars().take(24).collect::<String>()))
            })
            .unwrap_or_else(|| "无标题文件".into());
        doc.title_inferred = true;
    }
    for p in &header.preface {
        doc.blocks.push(Block::new(
            BlockKind::Paragraph,
            p.text.clone(),
            LineSpan::line(p.line),
        ));
    }
    let mut enclosed: Vec<String> = issued.clone();
    if let Some(x) = enclosed_in_title(&doc.title) {
        enclosed.push(x);
    }
    Structurer::new(&mut doc, &body, enclosed, section_titles).run();
    doc
}

/// The body pieces after the head, with signatures cut out (they set the
/// document's date and issuers).
fn body_pieces(pieces: &[Piece], header: &Header, doc: &mut SeedDoc) -> Vec<Piece> {
    let mut body: Vec<Piece> = header.body_lead.iter().cloned().collect();
    body.extend(
        pieces[header.body_start.min(pieces.len())..]
            .iter()
            .cloned(),
    );
    let mut out: Vec<Piece> = Vec::new();
    for p in body {
        let mut rest = p.clone();
        while let Some((range, who, date)) = meta::find_signature(&rest.text) {
            let before = rest.text[..range.start].trim().to_string();
            let sig = rest.text[range.clone()].trim().to_string();
            let after = rest.text[range.end..].trim().to_string();
            if !before.is_empty() {
                out.push(Piece {
                    text: before,
                    line: rest.line,
                    marker: rest.marker.take(),
                });
            }
            // A date alone follows a signature line: the issuer is the piece before.
            let issuers = if who.is_empty() {
                out.last()
                    .filter(|q| q.marker.is_none() && meta::issuers_of_signature(&q.text).is_some())
                    .and_then(|q| meta::issuers_of_signature(&q.text))
                    .unwrap_or_default()
            } else {
                who
            };
            if doc.date.is_none() {
                doc.date = Some(date);
            }
            if doc.issuers.is_empty() {
                doc.issuers = issuers;
            }
            out.push(Piece {
                text: sig,
                line: rest.line,
                marker: None,
            });
            rest = Piece {
                text: after,
                line: rest.line,
                marker: None,
            };
            if rest.text.is_empty() {
                break;
            }
        }
        if !rest.text.is_empty() || rest.marker.is_some() {
            out.push(rest);
        }
    }
    out
}

/// X of a title "…关于印发X的通知".
fn enclosed_in_title(title: &str) -> Option<String> {
    let i = title.find("印发")?;
    let rest = &title[i + "印发".len()..];
    let rest = rest.strip_suffix("的通知")?;
    let x = rest.trim().trim_start_matches('《').trim_end_matches('》');
    (plans::plan_ending(x).is_some()).then(|| x.to_string())
}
