//! Reading the seeds of a site: every `seeds/*.txt` file read and decoded
//! (in parallel), with what import must not parse set aside, each with
//! its diagnostic:
//!
//! * a file that cannot be read, or is not a text (see
//!   [`super::decode`]): an error; nothing from it is imported, and the
//!   content imported from it before is kept (see [`SeedTexts::refused`]);
//! * an empty file (nothing but whitespace): a warning;
//! * a file whose text is the same as another's once decoded and
//!   normalised (white space removed, full-width ASCII folded), e.g. a
//!   UTF-8 and a GB18030 copy of one notice: a warning naming both; the
//!   copy is not imported. Of a group of copies the one kept is the one
//!   that decoded with fewest warnings, then UTF-8 before other
//!   encodings, then the first by path.

use super::decode;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::text::fold_char;
use crate::site::Site;
use anyhow::Result;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};

/// One seed read and decoded.
#[derive(Debug, Clone)]
pub struct SeedText {
    /// Path relative to the site root (`seeds/a.txt`).
    pub path: String,
    pub text: String,
    /// The encoding it was read in (WHATWG name).
    pub encoding: String,
}

/// The seeds to parse, and what was set aside.
#[derive(Debug, Default)]
pub struct SeedTexts {
    /// The texts to parse, in path order.
    pub texts: Vec<SeedText>,
    /// Seeds that could not be read or are not texts: what was imported
    /// from them before is kept as it is.
    pub refused: BTreeSet<String>,
    /// Every seed file found, refused and copies included.
    pub found: usize,
}

/// Reads and decodes every seed of `site`.
pub fn read(site: &Site, diags: &mut Diagnostics) -> Result<SeedTexts> {
    let files = site.seed_files()?;
    let decoded: Vec<(String, Result<decode::Decoded, String>)> = files
        .par_iter()
        .map(|p| {
            let rel = site.rel(p);
            let d = std::fs::read(p)
                .map(|bytes| decode::decode(&bytes, &rel))
                .map_err(|e| e.to_string());
            (rel, d)
        })
        .collect();
    Ok(sort_out(decoded, diags))
}

/// Sets aside the unreadable, refused, empty and copied seeds of
/// `decoded` (in path order), with their diagnostics.
pub fn sort_out(
    decoded: Vec<(String, Result<decode::Decoded, String>)>,
    diags: &mut Diagnostics,
) -> SeedTexts {
    let mut out = SeedTexts {
        found: decoded.len(),
        ..Default::default()
    };
    // Candidates with their normalised hash and rank (lower is kept).
    let mut candidates: Vec<(SeedText, [u8; 32], (usize, bool))> = Vec::new();
    for (path, d) in decoded {
        let d = match d {
            Ok(d) => d,
            Err(e) => {
                diags.error(
                    &path,
                    0,
                    0,
                    format!("cannot be read ({e}); nothing from it is imported"),
                );
                out.refused.insert(path);
                continue;
            }
        };
        let warnings = d.diagnostics.len();
        diags.extend(d.diagnostics);
        if d.refused {
            out.refused.insert(path);
            continue;
        }
        if d.encoding != "UTF-8" {
            diags.warn(
                &path,
                0,
                0,
                format!("decoded as {} (detected: {})", d.encoding, d.detected),
            );
        }
        if d.text.trim().is_empty() {
            diags.warn(&path, 0, 0, "empty file: nothing to import");
            continue;
        }
        let hash = normalized_hash(&d.text);
        let rank = (warnings, d.encoding != "UTF-8");
        candidates.push((
            SeedText {
                path,
                text: d.text,
                encoding: d.encoding,
            },
            hash,
            rank,
        ));
    }
    // The kept copy of each text: the best ranked, then the first by path.
    let mut kept: HashMap<[u8; 32], usize> = HashMap::new();
    for (i, (_, hash, rank)) in candidates.iter().enumerate() {
        kept.entry(*hash)
            .and_modify(|k| {
                if *rank < candidates[*k].2 {
                    *k = i;
                }
            })
            .or_insert(i);
    }
    for (i, (seed, hash, _)) in candidates.iter().enumerate() {
        let k = kept[hash];
        if k == i {
            continue;
        }
        let other = &candidates[k].0;
        let encodings = if seed.encoding == other.encoding {
            format!("both {}", seed.encoding)
        } else {
            format!("{} here, {} there", seed.encoding, other.encoding)
        };
        diags.push(Diagnostic::warning(
            &seed.path,
            0,
            0,
            format!(
                "same text as {} ({encodings}): not imported twice; delete one of the two files",
                other.path
            ),
        ));
    }
    out.texts = candidates
        .into_iter()
        .enumerate()
        .filter(|(i, (_, hash, _))| kept[hash] == *i)
        .map(|(_, (seed, _, _))| seed)
        .collect();
    out
}

/// A hash of `text` with white space removed and full-width ASCII forms
/// folded: the same for copies that differ only in encoding, line ends,
/// indentation or letter-spacing.
fn normalized_hash(text: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    let mut buf = [0u8; 4];
    for c in text.chars().filter(|c| !c.is_whitespace()).map(fold_char) {
        h.update(c.encode_utf8(&mut buf).as_bytes());
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str, encoding: &str) -> Result<decode::Decoded, String> {
        Ok(decode::Decoded {
            text: text.to_string(),
            encoding: encoding.to_string(),
            bom: false,
            detected: encoding != "UTF-8",
            refused: false,
            diagnostics: Vec::new(),
        })
    }

    #[test]
    fn copies_in_two_encodings_are_imported_once() {
        let notice = "关于印发行动计划的通知\n一、总体要求\n";
        let mut diags = Diagnostics::new();
        let s = sort_out(
            vec![
                ("seeds/a.txt".into(), ok(notice, "gb18030")),
                (
                    "seeds/b.txt".into(),
                    ok("关于印发行动计划的通知\r一、总体要求", "UTF-8"),
                ),
                ("seeds/c.txt".into(), ok("另一份通知", "UTF-8")),
            ],
            &mut diags,
        );
        let kept: Vec<&str> = s.texts.iter().map(|t| t.path.as_str()).collect();
        assert_eq!(kept, ["seeds/b.txt", "seeds/c.txt"]);
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "seeds/a.txt:1:1: warning: decoded as gb18030 (detected: true)",
                "seeds/a.txt:1:1: warning: same text as seeds/b.txt (gb18030 here, UTF-8 there): not imported twice; delete one of the two files",
            ]
        );
    }

    #[test]
    fn unreadable_refused_and_empty_files_are_set_aside() {
        let mut diags = Diagnostics::new();
        let mut refused = ok("", "windows-1252").unwrap();
        refused.refused = true;
        refused.diagnostics = vec![Diagnostic::error("seeds/b.txt", 1, 1, "not a text file")];
        let s = sort_out(
            vec![
                ("seeds/a.txt".into(), Err("permission denied".into())),
                ("seeds/b.txt".into(), Ok(refused)),
                ("seeds/c.txt".into(), ok(" \n\n", "UTF-8")),
            ],
            &mut diags,
        );
        assert!(s.texts.is_empty());
        assert_eq!(
            s.refused.iter().collect::<Vec<_>>(),
            ["seeds/a.txt", "seeds/b.txt"]
        );
        assert_eq!(diags.errors(), 2);
        assert_eq!(diags.warnings(), 1);
        assert_eq!(s.found, 3);
    }
}
