//! Where a bare name stands: the level of government and division word a
//! name printed without its prefix (财政厅, 发展改革委, 发改局, 运用促进司)
//! is read with.
//!
//! The genre prints a prefix once and drops it from the names that follow
//! (省发展改革委、财政厅、发展改革委; 国家知识产权局保护司、运用促进司), and
//! older State Council lists drop 国家 and 国务院 altogether (发展改革委、
//! 财政部). So a bare name is read, in this order:
//! - as an internal unit (…司, …处) of the body the unit before it belongs
//!   to: 国家知识产权局保护司、运用促进司 → 国家知识产权局运用促进司 (a
//!   bare name between them does not break the chain, a name of another
//!   body does);
//! - with the level of the nearest name before it in its list that shows
//!   one by itself (a table entry, a 省/市/县/区 or province prefix, a
//!   national prefix, a …部/…总局/…厅 ending);
//! - else with the level most names of its clause show (all of lead and
//!   support, ties to the issuer's level);
//! - else with the level of the document's issuers (国务院办公厅, 河南省
//!   人民政府, 海盐县人民政府).

use super::{DepartmentTable, Resolution, normalise};
use crate::model::levels::{self, Level};
use crate::parse::text::PROVINCES;

/// Where the names of one clause stand: the level of government its other
/// names (or, failing them, its document's issuers) show, and the division
/// word (省, 自治区, 市, 县, 区 …) names of that level start with. A bare
/// name (财政厅, 发展改革委, 发改局) is read with it: 省发展改革委 in a
/// provincial clause, 国家发展改革委 in a State Council one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub level: Option<Level>,
    pub word: Option<&'static str>,
}

/// What one printed name shows by itself.
#[derive(Debug, Clone, Copy)]
struct Vote {
    level: Level,
    word: Option<&'static str>,
    /// Shown by the table, a leading division word, a province or a
    /// national prefix or ending; not merely by a place-like string inside
    /// the name (人行郑州中心支行).
    strong: bool,
}

impl Vote {
    fn scope(self) -> Scope {
        Scope {
            level: Some(self.level),
            word: self.word.or(self.level.default_word()),
        }
    }
}

/// Endings of a ministry's or department's internal units (司, 处).
pub(super) fn is_unit(name: &str) -> bool {
    (name.ends_with('司') && !name.ends_with("公司")) || name.ends_with('处')
}

impl DepartmentTable {
    /// The level a printed name shows by itself: its table entry's, else
    /// its shape's; none for a placeholder or a bare name.
    fn vote(&self, printed: &str) -> Option<Vote> {
        let name = normalise(printed);
        if name.is_empty() || self.is_placeholder(&name) {
            return None;
        }
        let entry = self.entry(&name);
        let level = match entry {
            Some(e) => e.level.or_else(|| levels::infer(&e.name)),
            None => levels::infer(&name),
        }?;
        let split = levels::split(&name);
        let word = split.as_ref().filter(|d| d.level == level).map(|d| d.word);
        let strong = entry.is_some()
            || split.as_ref().is_none_or(|d| {
                d.prefix == d.word || PROVINCES.iter().any(|p| d.prefix.starts_with(p))
            });
        Some(Vote {
            level,
            word,
            strong,
        })
    }

    /// The scope of a clause naming `names`, in a document issued by
    /// `issuers`: the level most of the names show (ties go to the
    /// issuers' level, then to the first name), else the issuers' level;
    /// with the division word most of those names print (省 / 市 / 县 by
    /// default).
    pub fn scope_of<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str>,
        issuers: &[String],
    ) -> Scope {
        let by_issuer: Vec<Vote> = issuers.iter().filter_map(|n| self.vote(n)).collect();
        let mut votes: Vec<Vote> = names.into_iter().filter_map(|n| self.vote(n)).collect();
        if votes.is_empty() {
            votes = by_issuer.clone();
        }
        let count = |l: Level| votes.iter().filter(|v| v.level == l).count();
        let Some(most) = votes.iter().map(|v| count(v.level)).max() else {
            return Scope::default();
        };
        let tied = |l: &Level| count(*l) == most;
        let level = by_issuer
            .iter()
            .map(|v| v.level)
            .find(tied)
            .or_else(|| votes.iter().map(|v| v.level).find(tied));
        let Some(level) = level else {
            return Scope::default();
        };
        let mut words: Vec<(&'static str, usize)> = Vec::new();
        for w in votes
            .iter()
            .chain(&by_issuer)
            .filter(|v| v.level == level)
            .filter_map(|v| v.word)
        {
            match words.iter_mut().find(|(x, _)| *x == w) {
                Some((_, n)) => *n += 1,
                None => words.push((w, 1)),
            }
        }
        let word = words
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(w, _)| *w)
            .or(level.default_word());
        Scope {
            level: Some(level),
            word,
        }
    }

    /// Resolves the names of one list in order (see the module
    /// documentation): each bare name is read after the names before it,
    /// else with the clause's scope `clause`.
    pub fn resolve_list(&self, names: &[String], clause: &Scope) -> Vec<Resolution> {
        let mut out = Vec::with_capacity(names.len());
        let mut near: Option<Scope> = None;
        // The last unit of a known body (国家知识产权局条法司), until a name
        // of another body comes: a bare name in between (联席办) keeps it.
        let mut last_unit: Option<String> = None;
        for printed in names {
            let scope = near.clone().unwrap_or_else(|| clause.clone());
            let name = normalise(printed);
            let unit = last_unit
                .as_deref()
                .filter(|_| is_unit(&name) && self.lookup(&name).is_none())
                .and_then(|b| self.unit_of(b, &name));
            let r = match &unit {
                Some(full) => self.resolve_in(full, &scope),
                None => self.resolve_in(printed, &scope),
            };
            let vote = self.vote(unit.as_deref().unwrap_or(printed));
            if let Some(v) = vote
                && v.strong
            {
                near = Some(v.scope());
            }
            match &r {
                Resolution::Known(c) | Resolution::Unknown(c)
                    if is_unit(c) && self.body_of(c).is_some() =>
                {
                    last_unit = Some(c.clone());
                }
                _ if vote.is_some_and(|v| v.strong) => last_unit = None,
                _ => {}
            }
            out.push(r);
        }
        out
    }

    /// The canonical body a unit's name starts with and the unit's own
    /// name: 国家发改委地区司 → (国家发展改革委, 地区司).
    pub(super) fn body_of<'n>(&self, name: &'n str) -> Option<(&str, &'n str)> {
        let at = name
            .char_indices()
            .map(|(i, _)| i)
            .filter(|i| name[..*i].chars().count() >= 2)
            .rfind(|i| self.lookup(&name[..*i]).is_some())?;
        Some((self.lookup(&name[..at])?, &name[at..]))
    }

    /// `unit` as a unit of the body `before` belongs to, when `before` is
    /// that body's unit of the same kind: (国家知识产权局保护司, 运用促进司)
    /// → 国家知识产权局运用促进司.
    fn unit_of(&self, before: &str, unit: &str) -> Option<String> {
        if !is_unit(before) || !before.ends_with(unit.chars().last()?) {
            return None;
        }
        let (body, _) = self.body_of(before)?;
        Some(format!("{body}{unit}"))
    }
}
