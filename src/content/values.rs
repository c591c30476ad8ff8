//! The typed values of front matter: ids, dates, seed line spans, plan
//! file names and texts that may not be empty. Each reads from the TOML
//! an editor writes and refuses anything else with a message that says
//! what to write instead; each writes back the same text.

use crate::parse::LineSpan;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// The longest id accepted, in characters (ids name folders and URLs).
pub const MAX_ID: usize = 200;

/// An id of a document or plan, which is also its URL (`documents/<id>/`):
/// lowercase ASCII letters and digits in words joined by single hyphens
/// (`guobanfa-2024-21`). A doubled hyphen is refused: `--` separates the
/// two plans of a comparison page's URL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

impl Id {
    pub fn new(s: impl Into<String>) -> Result<Id, String> {
        let s = s.into();
        let words_ok = !s.is_empty()
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !words_ok {
            return Err(format!(
                "{s:?} is not an id: write lowercase ASCII letters and digits in words joined by single hyphens, such as \"guobanfa-2024-21\""
            ));
        }
        if s.chars().count() > MAX_ID {
            return Err(format!(
                "the id is {} characters long: shorten it to {MAX_ID} at most",
                s.chars().count()
            ));
        }
        Ok(Id(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Id {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Id::new(s)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A text that must say something (a title, a plan's name): not empty,
/// not only spaces.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

impl Text {
    pub fn new(s: impl Into<String>) -> Result<Text, String> {
        let s = s.into();
        if s.trim().is_empty() {
            return Err("this text is empty: write it out".into());
        }
        Ok(Text(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Text::new(s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

/// A calendar date, written `YYYY-MM-DD` (a quoted string or a TOML date).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct IsoDate(String);

impl IsoDate {
    pub fn new(s: &str) -> Result<IsoDate, String> {
        let bad = || {
            format!(
                "{s:?} is not a date: write a real calendar date as YYYY-MM-DD, such as \"2024-05-16\""
            )
        };
        let b = s.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            return Err(bad());
        }
        let (y, m, d): (u32, u32, u32) = (
            s[..4].parse().map_err(|_| bad())?,
            s[5..7].parse().map_err(|_| bad())?,
            s[8..].parse().map_err(|_| bad())?,
        );
        if y == 0 || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return Err(bad());
        }
        Ok(IsoDate(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Days of month `m` (1–12) of year `y`, proleptic Gregorian.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IsoDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IsoDate, E> {
                IsoDate::new(v).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<IsoDate, A::Error> {
                // An unquoted TOML date (date = 2024-05-16).
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time) {
                    (Some(_), None) => IsoDate::new(&dt.to_string()).map_err(de::Error::custom),
                    _ => Err(de::Error::custom(format!(
                        "{dt} is not a date: write the date alone as YYYY-MM-DD, such as 2024-05-16"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Seed lines of an item: `12` or `12-40` (1-based, the end not before
/// the start); an integer is read as one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedLines(pub LineSpan);

/// Reads a line span as written in front matter and in `lines=`
/// attributes and comments of the body.
pub fn parse_lines(s: &str) -> Result<LineSpan, String> {
    let s = s.trim();
    let bad = || {
        format!(
            "{s:?} is not a line span: write a seed line number or range, such as \"12\" or \"12-40\""
        )
    };
    let num = |t: &str| -> Result<usize, String> {
        let t = t.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        match t.parse::<usize>() {
            Ok(0) => Err(format!("{s:?}: seed lines count from 1")),
            Ok(n) => Ok(n),
            Err(_) => Err(bad()),
        }
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (num(a)?, num(b)?);
            if b < a {
                return Err(format!(
                    "{s:?} ends before it starts: write the first line, then the last"
                ));
            }
            Ok(LineSpan::new(a, b))
        }
        None => num(s).map(LineSpan::line),
    }
}

impl Serialize for SeedLines {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_attr())
    }
}

impl<'de> Deserialize<'de> for SeedLines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SeedLines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a line span such as \"12\" or \"12-40\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SeedLines, E> {
                parse_lines(v).map(SeedLines).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SeedLines, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SeedLines, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// The file name of a plan in its document's folder (`keji-yanfa.md`):
/// no folder part, not hidden, not `index.md`, ending in `.md`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PlanFileName(String);

impl PlanFileName {
    pub fn new(s: impl Into<String>) -> Result<PlanFileName, String> {
        let s = s.into();
        let ok = s.len() > 3
            && s.ends_with(".md")
            && !s.starts_with('.')
            && !s.contains(['/', '\\', '\0'])
            && s != "index.md";
        if ok {
            Ok(PlanFileName(s))
        } else {
            Err(format!(
                "{s:?} is not a plan file name: name a Markdown file in the document's own folder, such as \"keji-yanfa.md\" (not index.md, no folders)"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PlanFileName {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        PlanFileName::new(s)
    }
}

impl From<PlanFileName> for String {
    fn from(p: PlanFileName) -> String {
        p.0
    }
}

impl fmt::Display for PlanFileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for good in ["guobanfa-2024-21", "a", "x2-hant", "keji-yanfa-2"] {
            assert!(Id::new(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Guobanfa",
            "a--b",
            "-a",
            "a-",
            "a b",
            "a/b",
            "国办发",
            "a_b",
            "a.b",
        ] {
            assert!(Id::new(bad).is_err(), "{bad}");
        }
        assert!(Id::new("a".repeat(MAX_ID + 1)).is_err());
    }

    #[test]
    fn dates() {
        for good in ["2024-05-16", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(IsoDate::new(good).is_ok(), "{good}");
        }
        for bad in [
            "2024-5-16",
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-04-31",
            "2024-00-10",
            "0000-01-01",
            "2024/05/16",
            "２０２４-05-16",
            "yesterday",
            "",
        ] {
            assert!(IsoDate::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn line_spans() {
        assert_eq!(parse_lines("12"), Ok(LineSpan::line(12)));
        assert_eq!(parse_lines(" 12-40 "), Ok(LineSpan::new(12, 40)));
        for bad in [
            "", "0", "abc", "12-", "40-12", "-3", "1e3", "１２", "12-40-50",
        ] {
            assert!(parse_lines(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plan_file_names() {
        assert!(PlanFileName::new("keji.md").is_ok());
        for bad in [
            "../x.md", "a/b.md", "index.md", ".md", ".x.md", "x.txt", "C:\\x.md",
        ] {
            assert!(PlanFileName::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_and_lines_read_from_strings_dates_and_integers() {
        #[derive(Deserialize, Serialize, Debug)]
        struct T {
            d: IsoDate,
            e: IsoDate,
            l: SeedLines,
            m: SeedLines,
        }
        let t: T =
            toml::from_str("d = \"2024-05-16\"\ne = 2024-05-17\nl = 12\nm = \"3-4\"").unwrap();
        assert_eq!(t.e.as_str(), "2024-05-17");
        assert_eq!(t.l.0, LineSpan::line(12));
        let back = toml::to_string(&t).unwrap();
        assert_eq!(
            back,
            "d = \"2024-05-16\"\ne = \"2024-05-17\"\nl = \"12\"\nm = \"3-4\"\n"
        );
        assert!(
            toml::from_str::<T>("d = 2024-05-16T10:00:00\ne = \"2024-05-17\"\nl = 1\nm = 1")
                .is_err()
        );
    }
}
