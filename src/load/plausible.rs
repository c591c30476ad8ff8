//! Whether a decoded text can be a policy text at all. A policy text is
//! Chinese characters, ASCII, punctuation and a few common symbols; what
//! a binary file or a wrong guess of encoding decodes to is something
//! else: control characters and NUL bytes, U+FFFD for undecodable bytes,
//! private-use characters, or letters of scripts the genre does not use
//! (Hangul, Yi, Latin-1 letters in bulk, Cyrillic …) in quantity.
//!
//! [`Census`] counts the characters of a text by [`Class`];
//! [`Census::verdict`] says when there are too many of the wrong ones
//! ([`MAX_BAD_SHARE`], [`MAX_FOREIGN_SHARE`]). The shares were chosen on
//! the real corpus (no wrong character in any of its texts) against
//! random bytes and real texts decoded with every wrong encoding
//! (UTF-8 as GBK: 9 % bad; as windows-1252: 7 % bad and 42 % foreign;
//! as UTF-16: 32 % bad; GBK as UTF-16: 85 % foreign; random bytes as
//! windows-1252: 12 % bad).

/// What one character is, for judging a decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Whitespace: not counted.
    Space,
    /// Never in a text: control characters (NUL included), U+FFFD,
    /// private-use characters and noncharacters.
    Bad,
    /// Printable ASCII.
    Ascii,
    /// Han characters, CJK punctuation and symbols, full-width forms,
    /// kana, bopomofo, radicals.
    Cjk,
    /// Punctuation and symbols common in any text: Latin-1 signs,
    /// general punctuation, arrows, maths, enclosed numbers (①), box
    /// drawing, shapes (■), dingbats, emoji, variation selectors.
    Symbol,
    /// Latin letters beyond ASCII (é, ā, ß): foreign unless next to an
    /// ASCII letter (Café, Shāndōng), as they are in real words and are
    /// not in mojibake (æ”¿ç­–, Éú²ú), which is all non-ASCII.
    Latin,
    /// Letters of other scripts (Greek, Cyrillic, Hangul, Yi, Arabic …):
    /// a few are fine, many mean the text was decoded wrongly or is not
    /// in the genre.
    Foreign,
}

/// The class of `c`.
pub fn class(c: char) -> Class {
    let u = c as u32;
    if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{B}' | '\u{C}') {
        return Class::Bad;
    }
    if c.is_whitespace() {
        return Class::Space;
    }
    if c == '\u{FFFD}'
        || (0xE000..=0xF8FF).contains(&u)
        || u >= 0xF0000
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
    {
        return Class::Bad;
    }
    if c.is_ascii() {
        return Class::Ascii;
    }
    match u {
        0x2E80..=0x2FDF       // CJK radicals, Kangxi radicals
        | 0x2FF0..=0x2FFF     // ideographic description
        | 0x3000..=0x303F     // CJK symbols and punctuation
        | 0x3040..=0x30FF     // kana
        | 0x3100..=0x312F     // bopomofo
        | 0x31A0..=0x31EF     // bopomofo extended, CJK strokes
        | 0x3200..=0x33FF     // enclosed CJK, CJK compatibility (㈠, ㎡)
        | 0x3400..=0x4DBF     // extension A
        | 0x4E00..=0x9FFF     // unified ideographs
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0xFE10..=0xFE1F     // vertical forms
        | 0xFE30..=0xFE6F     // CJK compatibility forms, small forms
        | 0xFF00..=0xFFEF     // full-width and half-width forms
        | 0x20000..=0x3FFFF   // extensions B–H
        => Class::Cjk,
        0x00A0..=0x00BF
        | 0x00D7
        | 0x00F7
        | 0x02C6..=0x02DD     // spacing modifiers (ˇ ˉ)
        | 0x2000..=0x20CF     // general punctuation, super/subscripts, currency
        | 0x2100..=0x27BF     // letterlike … dingbats
        | 0xFE00..=0xFE0F     // variation selectors
        | 0xFEFF              // a BOM inside the text
        | 0x1F000..=0x1FAFF   // emoji and pictographs
        => Class::Symbol,
        0x00C0..=0x024F | 0x1E00..=0x1EFF => Class::Latin,
        _ => Class::Foreign,
    }
}

/// Most bad characters a text may have: more than one in twenty and it
/// is not a text (or not decoded right).
pub const MAX_BAD_SHARE: f64 = 0.05;

/// Most letters of other scripts a text may have: more than one in five.
pub const MAX_FOREIGN_SHARE: f64 = 0.20;

/// Counts of the characters of a text by class, whitespace left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Census {
    /// Characters that are not whitespace.
    pub chars: usize,
    pub bad: usize,
    pub foreign: usize,
    pub cjk: usize,
    /// Byte offsets of the first bad and the first foreign character.
    pub first_bad: Option<usize>,
    pub first_foreign: Option<usize>,
}

/// Why a text was judged not to be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Plausible.
    Text,
    /// Too many control characters, NUL bytes, U+FFFD or private-use
    /// characters; the byte offset of the first.
    NotText { first: usize },
    /// Too many letters of other scripts; the byte offset of the first.
    WrongScripts { first: usize },
}

impl Census {
    pub fn of(text: &str) -> Census {
        let mut n = Census::default();
        let mut prev = ' ';
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map_or(' ', |&(_, c)| c);
            let class = match class(c) {
                Class::Latin if prev.is_ascii_alphabetic() || next.is_ascii_alphabetic() => {
                    Class::Ascii
                }
                Class::Latin => Class::Foreign,
                k => k,
            };
            prev = c;
            match class {
                Class::Space => continue,
                Class::Bad => {
                    n.bad += 1;
                    n.first_bad.get_or_insert(i);
                }
                Class::Foreign => {
                    n.foreign += 1;
                    n.first_foreign.get_or_insert(i);
                }
                Class::Cjk => n.cjk += 1,
                Class::Ascii | Class::Symbol | Class::Latin => {}
            }
            n.chars += 1;
        }
        n
    }

    /// Share of bad characters (0 for an empty text).
    pub fn bad_share(&self) -> f64 {
        self.bad as f64 / self.chars.max(1) as f64
    }

    /// Share of letters of other scripts.
    pub fn foreign_share(&self) -> f64 {
        self.foreign as f64 / self.chars.max(1) as f64
    }

    /// Share of CJK characters.
    pub fn cjk_share(&self) -> f64 {
        self.cjk as f64 / self.chars.max(1) as f64
    }

    /// Whether the text can be a text of the genre.
    pub fn verdict(&self) -> Verdict {
        match (self.first_bad, self.first_foreign) {
            (Some(first), _) if self.bad_share() > MAX_BAD_SHARE => Verdict::NotText { first },
            (_, Some(first)) if self.foreign_share() > MAX_FOREIGN_SHARE => {
                Verdict::WrongScripts { first }
            }
            _ => Verdict::Text,
        }
    }

    /// Whether the text reads as clean Chinese: no bad character, hardly
    /// any foreign one, and mostly CJK. How a guess that is only tried
    /// (UTF-16 without a byte-order mark, a line in another encoding) is
    /// accepted.
    pub fn clean_chinese(&self) -> bool {
        self.bad == 0 && self.foreign * 50 <= self.chars && self.cjk * 2 >= self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_the_genre() {
        for c in [
            '政', '〔', '，', '①', '■', '％', '℃', '㎡', '𠮷', '·', '—', '“',
        ] {
            assert!(
                matches!(class(c), Class::Cjk | Class::Symbol),
                "{c} {:?}",
                class(c)
            );
        }
        for c in [
            '\0', '\u{1}', '\u{7F}', '\u{85}', '\u{FFFD}', '\u{E000}', '\u{FFFF}',
        ] {
            assert_eq!(class(c), Class::Bad, "{:?}", c);
        }
        for c in ['Ж', '한', 'ꀀ', 'ب', 'α'] {
            assert_eq!(class(c), Class::Foreign, "{c}");
        }
        assert_eq!(class('é'), Class::Latin);
        assert_eq!(class('\u{3000}'), Class::Space);
    }

    #[test]
    fn policy_text_is_text_and_noise_is_not() {
        let policy =
            "山东省人民政府关于印发行动计划的通知\n鲁政发〔2024〕4号\n到2025年,研发投入增长10%。";
        assert_eq!(Census::of(policy).verdict(), Verdict::Text);
        assert!(Census::of(policy).clean_chinese());
        // A few damaged characters are fine.
        let damaged = format!("{}\u{FFFD}{}", policy, policy);
        assert_eq!(Census::of(&damaged).verdict(), Verdict::Text);
        let noise = "ab\u{1}\u{2}cd\u{0}\u{0}ef";
        assert_eq!(Census::of(noise).verdict(), Verdict::NotText { first: 2 });
        let mojibake = "æ”¿ç\u{AD}–æ–‡ä»¶";
        assert!(matches!(
            Census::of(mojibake).verdict(),
            Verdict::WrongScripts { first: 0 }
        ));
        assert_eq!(Census::of("").verdict(), Verdict::Text);
        // French is Latin with a few accents: a text.
        let fr = "Café crème à la française, déjà vu, naïve façade. Très élégant.";
        assert_eq!(Census::of(fr).verdict(), Verdict::Text);
        assert!(!Census::of(fr).clean_chinese());
    }
}
