//! Small text helpers shared by the parsers: folding full-width ASCII
//! forms to their half-width twins so one pattern matches both, and
//! character classes of the genre.

/// Folds full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space
/// to ASCII, character for character, so that char offsets are kept.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds one character (see [`fold_width`]).
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' => ' ',
        _ => c,
    }
}

/// True for a CJK unified ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// A text with full-width forms folded ([`fold_width`]) and a map from
/// byte offsets of the folded text back to byte offsets of the original,
/// so patterns can match the folded text and report original ranges.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// For each byte offset of `text` (every byte, and the end), the byte offset in the original.
    orig: Vec<usize>,
}

impl Folded {
    pub fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut orig = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            let f = fold_char(c);
            orig.extend(std::iter::repeat_n(i, f.len_utf8()));
            text.push(f);
        }
        orig.push(s.len());
        Folded { text, orig }
    }

    /// The original byte offset of a folded byte offset.
    pub fn orig_offset(&self, i: usize) -> usize {
        self.orig[i]
    }

    /// The original byte range of a folded byte range.
    pub fn orig_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.orig[r.start]..self.orig[r.end]
    }

    pub fn orig_slice<'a>(&self, original: &'a str, r: std::ops::Range<usize>) -> &'a str {
        &original[self.orig_range(r)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_punctuation_keeping_length() {
        let s = "（牵头单位：省科技厅；配合单位：省财政厅）";
        let f = fold_width(s);
        assert_eq!(f, "(牵头单位:省科技厅;配合单位:省财政厅)");
        assert_eq!(f.chars().count(), s.chars().count());
    }

    #[test]
    fn folded_offsets_map_back_to_the_original() {
        let s = "（牵头单位：省财政厅）";
        let f = Folded::new(s);
        let i = f.text.find("省财政厅").unwrap();
        assert_eq!(f.orig_slice(s, i..i + "省财政厅".len()), "省财政厅");
        assert_eq!(f.orig_offset(f.text.len()), s.len());
    }
}
