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

/// `s` without any whitespace (the ideographic space U+3000 included):
/// how titles, labels and cells are compared across line breaks and
/// letter-spacing (标　　题, 国 家 粮 食 应 急 预 案).
pub fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True for a CJK unified ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Short names of China's provincial-level divisions: a fact of the genre,
/// used to read "山东省财政厅" as the provincial 省财政厅 of any province.
pub const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    "香港",
    "澳门",
];

/// The name without a leading province ("山东省财政厅" → "省财政厅",
/// "中共山东省委组织部" → "省委组织部", "北京市财政局" → "市财政局").
pub fn without_province(name: &str) -> Option<String> {
    let rest = name.strip_prefix("中共").unwrap_or(name);
    let p = PROVINCES.iter().find(|p| rest.starts_with(*p))?;
    let rest = &rest[p.len()..];
    for level in [
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "自治区",
        "省",
        "市",
    ] {
        if let Some(r) = rest.strip_prefix(level) {
            let level = if level.ends_with("自治区") {
                "自治区"
            } else {
                level
            };
            return Some(format!("{level}{r}"));
        }
    }
    None
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
    fn provinces_are_read_as_the_provincial_level() {
        assert_eq!(
            without_province("山东省财政厅").as_deref(),
            Some("省财政厅")
        );
        assert_eq!(
            without_province("中共江苏省委组织部").as_deref(),
            Some("省委组织部")
        );
        assert_eq!(
            without_province("广西壮族自治区发展改革委").as_deref(),
            Some("自治区发展改革委")
        );
        assert_eq!(without_province("省财政厅"), None);
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
