//! Reading one seed file: cleaning, splitting it into documents (a listing
//! page holds one document per bullet), recovering each document's head,
//! signature, sections, plans and tasks from lines or inline numbering.
//!
//! Input: the decoded text of one seed and the boilerplate and spam
//! tables. Output: [`ParsedSeed`], the documents with every block's seed
//! line span, and diagnostics. Pure: no I/O.

use crate::diag::Diagnostic;
use crate::parse::assign;
use crate::parse::clean::{self, Boilerplate, Line};
use crate::parse::labels::{self, LabelBlock};
use crate::parse::meta::{self, Header};
use crate::parse::outline::{self, Piece};
use crate::parse::spam::SpamTable;
use crate::parse::structure::Structurer;
use crate::parse::text::without_spaces;
use crate::parse::{Block, BlockKind, LineSpan, SeedDoc, citations, plans, responsibility, script};

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
        doc.published = published.or(doc.published);
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
    // A portal's labelled metadata block (标题, 发文字号, 成文日期 …) is read
    // and left out of the text.
    let block = labels::read(lines);
    let kept: Vec<Line>;
    let lines = if block.taken.is_empty() {
        lines
    } else {
        kept = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !block.taken.contains(i))
            .map(|(_, l)| l.clone())
            .collect();
        &kept[..]
    };
    let pieces = outline::split_pieces(lines);
    let mut header = meta::read_header(&pieces);
    apply_label_block(&mut header, &block, &pieces);
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
    doc.published = block.published.clone();
    let body = assign::join_label_lines(body_pieces(&pieces, &header, &mut doc));
    if block.date.is_some() {
        doc.date = block.date.clone();
    }
    // A notice that lost its title is named by what it issues.
    let issued: Vec<String> = body
        .iter()
        .take(4)
        .flat_map(|p| meta::issued_titles(&p.text))
        .collect();
    if doc.title.is_empty() {
        doc.title = meta::infer_notice_title(&issued)
            .or_else(|| {
                body.first().map(|p| {
                    // A short first line is a heading the scrape kept whole.
                    if p.marker.is_none()
                        && p.text.chars().count() <= 40
                        && !p.text.contains(['。', ';', '；'])
                    {
                        p.text.clone()
                    } else {
                        format!("{}…", p.text.chars().take(24).collect::<String>())
                    }
                })
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

/// What a portal's label block says wins over what was read from the
/// head of the text: its title, number and issuers are the publisher's own.
/// When the text's head was not recognized, the title lines it repeats
/// (broken over lines, or with spaced characters) and the number line
/// after them are skipped.
fn apply_label_block(h: &mut Header, block: &LabelBlock, pieces: &[Piece]) {
    if let Some(number) = &block.doc_number {
        h.doc_number = Some(number.clone());
    }
    if !block.issuers.is_empty() {
        h.issuers = block.issuers.clone();
    }
    let Some(title) = &block.title else {
        return;
    };
    let want = without_spaces(title);
    if h.title_inferred && h.body_lead.is_none() {
        let mut seen = String::new();
        let mut k = h.body_start;
        while k < pieces.len().min(h.body_start + 8) && seen.len() < want.len() {
            let p = &pieces[k];
            let full = match &p.marker {
                Some(m) => format!("{}{}", m.printed, p.text),
                None => p.text.clone(),
            };
            let next = format!("{seen}{}", without_spaces(&full));
            if !want.starts_with(&next) {
                break;
            }
            seen = next;
            k += 1;
        }
        if seen == want {
            h.body_start = k;
            if let Some(p) = pieces.get(k)
                && p.marker.is_none()
                && let Some((r, _)) = citations::doc_numbers(&p.text).first()
                && r.start == 0
                && p.text.chars().count() <= 30
            {
                h.body_start += 1;
            }
            if let Some(p) = pieces.get(h.body_start)
                && p.marker.is_none()
                && let Some((a, end)) = meta::addressee_of(&p.text)
            {
                h.addressee = Some(a);
                let rest = p.text[end..].trim();
                if !rest.is_empty() {
                    h.body_lead = Some(Piece {
                        text: rest.to_string(),
                        line: p.line,
                        marker: None,
                    });
                }
                h.body_start += 1;
            }
        }
    }
    h.title = title.clone();
    h.title_inferred = false;
    if h.issuers.is_empty() {
        h.issuers = meta::issuers_of_title(title);
    }
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
