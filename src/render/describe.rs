//! Render helper (stage 5): the `<meta name="description">` of every page,
//! taken from what the page shows. A document says who issued it, its
//! 文号 and date, then the first sentence of its text; a plan its goal
//! paragraph (the first paragraph stating one of its targets); a
//! department how many tasks it leads and supports; an indicator its
//! latest target; the lists say what they hold, with counts. Every
//! description is one line of at most [`MAX_CHARS`] characters (cut at
//! the last sentence end that fits, else with `…`); the template escapes
//! it like any other text.

use crate::model::{Department, Document, Plan, Target};
use crate::parse::BlockKind;
use crate::render::context::{Ctx, printed_value};

/// The longest description, in characters (search engines show about as
/// many).
pub const MAX_CHARS: usize = 160;

/// Sentence ends a description may be cut after (not `.`, which in
/// these texts is mostly a decimal point: 3.8万家).
const SENTENCE_ENDS: [char; 4] = ['。', '！', '？', '；'];

/// `text` as one line of at most [`MAX_CHARS`] characters: whitespace
/// runs, line and paragraph separators and control characters become
/// one space; a longer text is cut after its last sentence end in the
/// limit when that keeps at least half of it, else at the limit with `…`.
pub fn clip(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
        } else {
            line.push(c);
        }
    }
    let line = line.trim_end();
    if line.chars().count() <= MAX_CHARS {
        return line.to_string();
    }
    let head: String = line.chars().take(MAX_CHARS - 1).collect();
    if let Some(i) = head.rfind(SENTENCE_ENDS)
        && head[..i].chars().count() >= MAX_CHARS / 2
    {
        let end = i + head[i..].chars().next().map_or(0, char::len_utf8);
        return head[..end].to_string();
    }
    format!("{}…", head.trim_end())
}

/// The first sentence of `text` (up to and with its first 。！？), or all
/// of it.
fn first_sentence(text: &str) -> &str {
    match text.find(['。', '！', '？']) {
        Some(i) => &text[..i + '。'.len_utf8()],
        None => text,
    }
}

/// A document: issuers, 文号 and date, then the first sentence of its
/// first paragraph that has one (the salutation and the 文号 line have
/// none); a document without one names its plans.
pub fn document(ctx: &Ctx, d: &Document) -> String {
    let mut facts: Vec<String> = Vec::new();
    if !d.issuers.is_empty() {
        facts.push(format!("{}印发", d.issuers.join("、")));
    }
    facts.extend(d.doc_number.clone());
    facts.extend(d.date.as_ref().or(d.published.as_ref()).cloned());
    let mut s = facts.join("，");
    if !s.is_empty() {
        s.push('。');
    }
    let sentence = d
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Article { .. }))
        .find(|b| b.text.contains(['。', '！', '？']))
        .map(|b| first_sentence(b.text.trim()));
    match sentence {
        Some(t) => s.push_str(t),
        None => {
            let titles: Vec<String> = d
                .plans
                .iter()
                .filter_map(|p| ctx.model.plans.get(p))
                .map(|p| format!("《{}》", p.title))
                .collect();
            if !titles.is_empty() {
                s.push_str(&format!("含 {} 个计划：{}", titles.len(), titles.concat()));
            }
        }
    }
    if s.is_empty() {
        s = d.title.clone();
    }
    clip(&s)
}

/// A plan: its goal paragraph (the first paragraph that states one of
/// its targets outside a task), else its first paragraph with a
/// sentence, else its counts.
pub fn plan(ctx: &Ctx, p: &Plan) -> String {
    let m = ctx.model;
    let stated: Vec<usize> = p
        .targets
        .iter()
        .filter_map(|t| m.targets.get(t))
        .filter(|t| t.task.is_none())
        .map(|t| t.source.span.start)
        .collect();
    let paragraphs = || {
        p.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph))
    };
    let goal = paragraphs()
        .find(|b| {
            stated
                .iter()
                .any(|l| (b.span.start..=b.span.end.max(b.span.start)).contains(l))
        })
        .or_else(|| paragraphs().find(|b| b.text.contains('。')));
    match goal {
        Some(b) => clip(&b.text),
        None => clip(&format!(
            "{}：{} 项任务，{} 个量化目标。",
            p.title,
            p.tasks.len(),
            p.targets.len()
        )),
    }
}

/// A department: its level, how many tasks it leads and supports, in how
/// many plans.
pub fn department(ctx: &Ctx, d: &Department) -> String {
    let m = ctx.model;
    let mut plans: Vec<&str> = d
        .lead
        .iter()
        .chain(&d.support)
        .filter_map(|t| m.tasks.get(t))
        .map(|t| t.plan.as_str())
        .collect();
    plans.sort_unstable();
    plans.dedup();
    let level = d
        .level
        .map(|l| format!("（{}）", l.label()))
        .unwrap_or_default();
    let mut s = format!(
        "{}{level}：牵头 {} 项任务，配合 {} 项，涉及 {} 个计划。",
        d.name,
        d.lead.len(),
        d.support.len(),
        plans.len()
    );
    if !d.aliases.is_empty() {
        s.push_str(&format!("又称{}。", d.aliases.join("、")));
    }
    clip(&s)
}

/// An indicator: its latest target (of the last year stated: value, the
/// words that state it and its plan), then how many targets and plans state it. `targets`
/// come in reading order (by year).
pub fn indicator(ctx: &Ctx, name: &str, targets: &[&Target]) -> String {
    let m = ctx.model;
    let plans: std::collections::BTreeSet<&str> = targets.iter().map(|t| t.plan.as_str()).collect();
    let latest = targets
        .iter()
        .find(|t| t.year.is_some())
        .or(targets.first());
    let mut s = format!("{name}：");
    if let Some(t) = latest {
        let plan = m.plans.get(&t.plan).map(|p| p.title.as_str()).unwrap_or("");
        s.push_str(&format!(
            "{}目标 {}，原文“{}”（《{plan}》）。",
            t.year.map(|y| format!("{y}年")).unwrap_or_default(),
            printed_value(t),
            t.text
        ));
    }
    s.push_str(&format!(
        "共 {} 个目标，来自 {} 个计划。",
        targets.len(),
        plans.len()
    ));
    clip(&s)
}

/// The index page: the site's description and what it holds.
pub fn index(ctx: &Ctx) -> String {
    let m = ctx.model;
    let mut s = ctx.cfg.description.trim().to_string();
    if !s.is_empty() && !s.ends_with(SENTENCE_ENDS) && !s.ends_with(['.', '!', '?']) {
        s.push('。');
    }
    s.push_str(&format!(
        "收录 {} 份文件、{} 个计划、{} 项任务、{} 个部门、{} 个指标和 {} 个时间节点。",
        m.documents.len(),
        m.plans.len(),
        m.tasks.len(),
        m.departments.len(),
        m.indicators.len(),
        m.deadlines.len()
    ));
    clip(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_makes_one_short_line() {
        assert_eq!(clip("  一\n二\u{2028}三\t\t四  "), "一 二 三 四");
        assert_eq!(clip("a\u{0}b"), "a b");
        // Cut after the last sentence end that fits, when it keeps half.
        let long = format!("{}。{}", "甲".repeat(100), "乙".repeat(100));
        assert_eq!(clip(&long), format!("{}。", "甲".repeat(100)));
        // Else at the limit, with an ellipsis.
        let run = "丙".repeat(300);
        let cut = clip(&run);
        assert_eq!(cut.chars().count(), MAX_CHARS);
        assert!(cut.ends_with('…'));
        let early = format!("丁。{}", "戊".repeat(300));
        assert!(clip(&early).ends_with('…'));
        // A decimal point is no sentence end.
        let decimal = format!("{}3.8万家{}", "庚".repeat(100), "辛".repeat(100));
        assert!(clip(&decimal).ends_with('…'), "{}", clip(&decimal));
        assert_eq!(clip(&"己".repeat(MAX_CHARS)), "己".repeat(MAX_CHARS));
    }

    #[test]
    fn first_sentence_ends_at_the_first_full_stop() {
        assert_eq!(first_sentence("甲乙。丙丁。"), "甲乙。");
        assert_eq!(first_sentence("甲乙！丙"), "甲乙！");
        assert_eq!(first_sentence("甲乙"), "甲乙");
    }
}
