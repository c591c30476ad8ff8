//! Reading content files back, from their bytes: the text must be UTF-8
//! without control characters (NUL and the like mean a damaged or binary
//! file); the front matter (TOML between `+++` lines) is read into typed
//! values with every problem reported at its line and column (see
//! `content::strict` and `content::values`); the Markdown body is parsed
//! into blocks (`content::body`). A file whose text or front matter
//! cannot be used gives no [`ContentFile`], only its diagnostics.

use crate::content::body;
use crate::content::front::{self, DocFront, PlanFront};
use crate::content::strict;
use crate::diag::{Diagnostic, line_col};
use crate::parse::Block;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// At most this many problems of one body are reported (a file made
/// by a broken tool can have one on every line).
pub const MAX_BODY_PROBLEMS: usize = 50;

/// A content file read back.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentFile<F> {
    /// Path relative to the site root, e.g. `content/luzhengbanzi-2022-28/index.md`.
    pub path: String,
    pub front: F,
    /// The Markdown body (after the front matter), as written; shared
    /// with the model (a site's text is held once).
    pub body: std::sync::Arc<str>,
    pub blocks: std::sync::Arc<[Block]>,
    /// Line and column in the file of each top-level front matter key.
    pub keys: BTreeMap<String, (usize, usize)>,
}

impl<F> ContentFile<F> {
    /// Line and column of a front matter key (1:1 when it is not there).
    pub fn key_at(&self, key: &str) -> (usize, usize) {
        self.keys.get(key).copied().unwrap_or((1, 1))
    }
}

pub type DocFile = ContentFile<DocFront>;
pub type PlanFile = ContentFile<PlanFront>;

/// What reading one content file gave: the file, unless a problem made
/// it unusable, and every problem found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Read<F> {
    pub file: Option<ContentFile<F>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a document's `index.md`.
pub fn read_doc(path: &str, bytes: &[u8]) -> Read<DocFront> {
    read(path, bytes)
}

/// Reads a plan file.
pub fn read_plan(path: &str, bytes: &[u8]) -> Read<PlanFront> {
    read(path, bytes)
}

fn read<F: DeserializeOwned>(path: &str, bytes: &[u8]) -> Read<F> {
    let mut diagnostics = Vec::new();
    let Some(text) = text_of(path, bytes, &mut diagnostics) else {
        return Read {
            file: None,
            diagnostics,
        };
    };
    let (front_text, body_text) = match front::split(text) {
        Ok(parts) => parts,
        Err(m) => {
            diagnostics.push(Diagnostic::error(path, 1, 1, m));
            return Read {
                file: None,
                diagnostics,
            };
        }
    };
    let front_at = offset_in(text, front_text);
    let place = |at: usize| line_col(text, front_at + at);
    let front: Option<F> = match strict::from_str(front_text) {
        Ok(f) => Some(f),
        Err(problems) => {
            for p in problems {
                let (line, col) = p.span.map_or((1, 1), |s| place(s.start));
                diagnostics.push(Diagnostic::error(
                    path,
                    line,
                    col,
                    format!("front matter: {}", p.message),
                ));
            }
            None
        }
    };
    let (first_line, _) = line_col(text, offset_in(text, body_text));
    let (blocks, mut found) = body::read(path, body_text, first_line);
    if found.len() > MAX_BODY_PROBLEMS {
        let more = found.len() - MAX_BODY_PROBLEMS;
        found.truncate(MAX_BODY_PROBLEMS);
        let last = found.last_mut().expect("not empty");
        last.message.push_str(&format!(
            "; {more} more problems in the body after this one not shown"
        ));
    }
    diagnostics.extend(found);
    let file = front.map(|front| ContentFile {
        path: path.to_string(),
        front,
        body: body_text.into(),
        blocks: blocks.into(),
        keys: strict::key_spans(front_text)
            .into_iter()
            .map(|(k, s)| (k, place(s.start)))
            .collect(),
    });
    Read { file, diagnostics }
}

/// The byte offset of `part` (a slice of `text`) in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// The text of a content file: UTF-8 without control characters but
/// tab and line ends; `None` (with an error) otherwise.
fn text_of<'a>(path: &str, bytes: &'a [u8], diags: &mut Vec<Diagnostic>) -> Option<&'a str> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        diags.push(Diagnostic::error(
            path,
            1,
            1,
            "the file is UTF-16 text: save it as UTF-8",
        ));
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let (line, col) = line_col(valid, good);
            diags.push(Diagnostic::error(
                path,
                line,
                col,
                format!(
                    "the file is not UTF-8 text (byte 0x{:02x} here): save it as UTF-8",
                    bytes[good]
                ),
            ));
            return None;
        }
    };
    let mut bad = text
        .char_indices()
        .filter(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    if let Some((at, c)) = bad.next() {
        let more = bad.count();
        let (line, col) = line_col(text, at);
        let more = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        let name = if c == '\0' { " (NUL)" } else { "" };
        diags.push(Diagnostic::error(
            path,
            line,
            col,
            format!(
                "control character U+{:04X}{name}{more}: the file looks damaged or binary; remove them or restore the file",
                c as u32
            ),
        ));
        return None;
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "+++\nid = \"x\"\ntitle = \"t\"\nname = \"n\"\nsource = { file = \"a\", lines = \"1\" }\n+++\n\n<!-- lines 2 -->\nbody\n";

    fn errors<F>(r: &Read<F>) -> Vec<String> {
        r.diagnostics.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_good_file_reads_with_its_key_places() {
        let r = read_plan("content/x/p.md", PLAN.as_bytes());
        assert!(r.diagnostics.is_empty(), "{:?}", errors(&r));
        let f = r.file.unwrap();
        assert_eq!(f.front.id.as_str(), "x");
        assert_eq!(f.key_at("title"), (3, 1));
        assert_eq!(f.blocks.len(), 1);
        assert_eq!(f.blocks[0].span.start, 2);
    }

    #[test]
    fn front_matter_errors_carry_line_and_column() {
        let text = PLAN.replace("+++\n\n", "colour = 1\n+++\n\n");
        let r = read_plan("content/x/p.md", text.as_bytes());
        assert!(r.file.is_none());
        assert_eq!(r.diagnostics.len(), 1, "{:?}", errors(&r));
        assert_eq!(r.diagnostics[0].line, 6);
        assert!(r.diagnostics[0].message.contains("colour"));
        let r = read_plan("content/x/p.md", b"no front matter");
        assert!(errors(&r)[0].starts_with("content/x/p.md:1:1: error: missing front matter"));
    }

    #[test]
    fn every_front_matter_problem_is_reported() {
        let text = "+++\nid = \"Bad Id\"\ntitle = \"\"\ndate = \"2024-02-30\"\nscript = \"zh-TW\"\nconvention = \"most-listed\"\nplans = [\"../x.md\"]\n[source]\nfile = \"seeds/a.txt\"\nlines = \"abc\"\n+++\n";
        let r = read_doc("content/d/index.md", text.as_bytes());
        let e = errors(&r);
        let at: Vec<String> = e
            .iter()
            .map(|s| s.split(": error").next().unwrap().to_string())
            .collect();
        assert_eq!(
            at,
            [
                "content/d/index.md:2:6",
                "content/d/index.md:3:9",
                "content/d/index.md:4:8",
                "content/d/index.md:5:10",
                "content/d/index.md:6:14",
                "content/d/index.md:7:9",
                "content/d/index.md:10:9",
            ],
            "{e:#?}"
        );
        assert!(e[3].contains("write `zh-Hans` or `zh-Hant`"), "{}", e[3]);
        assert!(e[4].contains("`first-listed-leads`"), "{}", e[4]);
        assert!(e[2].contains("YYYY-MM-DD"), "{}", e[2]);
    }

    #[test]
    fn bytes_that_are_not_clean_text_are_refused_with_their_place() {
        let mut bad = PLAN.as_bytes().to_vec();
        let at = PLAN.find("body").unwrap();
        bad[at] = 0xff;
        let r = read_plan("p.md", &bad);
        assert!(r.file.is_none());
        assert_eq!(
            errors(&r),
            ["p.md:9:1: error: the file is not UTF-8 text (byte 0xff here): save it as UTF-8"]
        );
        let nul = PLAN.replace("body", "bo\0dy\0");
        let r = read_plan("p.md", nul.as_bytes());
        assert_eq!(r.diagnostics.len(), 1);
        assert!(
            errors(&r)[0]
                .starts_with("p.md:9:3: error: control character U+0000 (NUL) (and 1 more)"),
            "{:?}",
            errors(&r)
        );
        let r = read_plan("p.md", &[0xff, 0xfe, b'+', 0]);
        assert!(errors(&r)[0].contains("UTF-16"));
    }

    #[test]
    fn bad_lines_in_the_body_are_errors_at_their_place() {
        let text = PLAN.replace(
            "<!-- lines 2 -->\nbody\n",
            "## 一、总则 {lines=abc}\n\n<!-- lines 7-3 -->\ntext\n\n##### 1. 任务 {.task lines=}\n",
        );
        let r = read_plan("p.md", text.as_bytes());
        let e = errors(&r);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(e[0].starts_with("p.md:8:"), "{e:#?}");
        assert!(e[0].contains("\"abc\" is not a line span"), "{e:#?}");
        assert!(
            e[1].starts_with("p.md:10:6: error: lines comment: \"7-3\" ends before it starts"),
            "{e:#?}"
        );
        assert!(e[2].starts_with("p.md:13:"), "{e:#?}");
        // The file is still read: its other problems and blocks count.
        assert!(r.file.is_some());
    }

    #[test]
    fn a_flood_of_problems_in_one_body_is_cut_short() {
        let text = PLAN.replace(
            "<!-- lines 2 -->\nbody\n",
            &"## x {lines=y}\n\n".repeat(500),
        );
        let r = read_plan("p.md", text.as_bytes());
        assert_eq!(r.diagnostics.len(), MAX_BODY_PROBLEMS);
        assert!(
            r.diagnostics[MAX_BODY_PROBLEMS - 1]
                .message
                .ends_with("; 450 more problems in the body after this one not shown")
        );
    }

    #[test]
    fn raw_html_is_a_warning_and_a_swallowing_block_says_so() {
        let text = PLAN.replace(
            "<!-- lines 2 -->\nbody\n",
            "<div>\n\n<!-- lines 3 -->\ntext with <b>bold</b>\n\n<pre>\nunclosed\n\n##### 1. 任务 {.task lines=5}\n",
        );
        let r = read_plan("p.md", text.as_bytes());
        let e = errors(&r);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].starts_with("p.md:8:1: warning: raw HTML (and 3 more places in this file)"),
            "{e:#?}"
        );
        assert!(
            e[1].starts_with(
                "p.md:13:1: warning: this raw HTML block runs on past the Markdown at line 16"
            ),
            "{e:#?}"
        );
        let blocks = &r.file.unwrap().blocks;
        assert!(
            blocks
                .iter()
                .all(|b| !matches!(b.kind, crate::parse::BlockKind::Task { .. }))
        );
    }
}
