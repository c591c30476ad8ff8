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
}
