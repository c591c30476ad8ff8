//! Structure of one document's body: which pieces are headings, tasks
//! and paragraphs, and which plans they belong to (plan titles, family
//! headings, containers and sub-plans, plans issued by a notice, plans
//! whose headings were stripped, indicator tables).
//!
//! Input: the body pieces of a document (after its head and signatures).
//! Output: the document's own blocks and its plans, filled in place.

use crate::parse::outline::{Piece, Scheme};
use crate::parse::{Block, BlockKind, LineSpan, SeedDoc, SeedPlan, plans, table};
use crate::parse::{assign, meta, tasktable};

/// Where blocks are being put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Doc,
    Plan(usize),
}

pub(crate) struct Structurer<'a> {
    doc: &'a mut SeedDoc,
    section_titles: &'a [String],
    body: &'a [Piece],
    enclosed: Vec<String>,
    target: Target,
    container: Option<usize>,
    family: Option<String>,
    family_edition: Option<String>,
    in_goal: bool,
    has_parts: bool,
    headless: bool,
    /// Headless plans: the scheme of the numbered items seen in the current plan.
    headless_stage: u8,
    last_scheme: Option<Scheme>,
    /// Per body piece: a numbered item that carries a responsibility clause.
    clauses: Vec<bool>,
    /// A document that is a plan because its items carry clauses: per body
    /// piece, whether a numbered item is a task (see `parse::assign`).
    clause_tasks: Option<Vec<bool>>,
    /// Goals that carry a clause: (plan, index of its block, body piece).
    goal_clauses: Vec<(usize, usize, usize)>,
}

impl<'a> Structurer<'a> {
    pub(crate) fn new(
        doc: &'a mut SeedDoc,
        body: &'a [Piece],
        enclosed: Vec<String>,
        section_titles: &'a [String],
    ) -> Self {
        let has_parts = body.iter().any(|p| {
            matches!(
                p.marker.as_ref().map(|m| m.scheme),
                Some(Scheme::Part | Scheme::Chapter)
            )
        });
        let has_titles = body
            .iter()
            .any(|p| p.marker.is_none() && plans::is_plan_title(&p.text));
        let has_enclosed = body
            .iter()
            .any(|p| is_enclosed_start(p, &enclosed).is_some());
        let numbered = body
            .iter()
            .filter(|p| {
                matches!(
                    p.marker.as_ref().map(|m| m.scheme),
                    Some(Scheme::Arabic | Scheme::ParenHan)
                )
            })
            .count();
        let han_headings = body
            .iter()
            .any(|p| matches!(p.marker.as_ref().map(|m| m.scheme), Some(Scheme::Han)));
        // Plans whose headings were stripped: a notice that issues plans, then
        // runs of [unnumbered goal paragraph, numbered items] with no headings.
        let headless =
            !has_titles && !has_enclosed && !enclosed.is_empty() && numbered >= 3 && !han_headings;
        let clauses = assign::clause_flags(body, doc.convention);
        let clause_tasks = (!headless
            && !has_titles
            && !has_enclosed
            && !has_parts
            && assign::count(&clauses) > 0)
            .then(|| assign::task_flags(body, &clauses));
        Structurer {
            doc,
            section_titles,
            body,
            enclosed,
            target: Target::Doc,
            container: None,
            family: None,
            family_edition: None,
            in_goal: false,
            has_parts,
            headless,
            headless_stage: 0,
            last_scheme: None,
            clauses,
            clause_tasks,
            goal_clauses: Vec::new(),
        }
    }

    pub(crate) fn run(mut self) {
        let title = self.doc.title.clone();
        if !self.headless
            && plans::plan_ending(&title).is_some()
            && !meta::ends_with_doc_type_any(
                &title,
                &["通知", "意见", "决定", "公告", "通报", "批复", "函"],
            )
            && !self
                .body
                .iter()
                .any(|p| p.marker.is_none() && plans::is_plan_title(&p.text))
        {
            // The document itself is a plan (a 纲要, a 方案 published on its own).
            let span = self.doc.span;
            self.new_plan(
                title.clone(),
                plans::name_of(&title),
                plans::edition_of(&title),
                None,
                span.start,
                false,
            );
        } else if self.clause_tasks.is_some() {
            // A document whose items carry responsibility clauses assigns
            // work: it is one plan, named by its title.
            let span = self.doc.span;
            self.new_plan(
                title.clone(),
                subject_of(&title),
                plans::edition_of(&title),
                None,
                span.start,
                false,
            );
        }
        if self.headless {
            self.prepare_headless();
        }
        let mut i = 0;
        while i < self.body.len() {
            i = self.step(i);
        }
        self.finish();
    }

    fn prepare_headless(&mut self) {
        let editions: Vec<String> = self
            .enclosed
            .iter()
            .filter_map(|t| plans::edition_of(t))
            .collect();
        self.family_edition = editions.first().cloned();
        let families: Vec<String> = self
            .enclosed
            .iter()
            .filter(|t| t.starts_with('“'))
            .map(|t| plans::family_of(t))
            .collect();
        for f in &families {
            if !self.doc.family_members.iter().any(|(g, _)| g == f) {
                self.doc.family_members.push((f.clone(), Vec::new()));
            }
        }
        if families.len() == 1 {
            self.family = families.first().cloned();
        }
    }

    fn next_text(&self, i: usize) -> Option<&Piece> {
        self.body.get(i + 1)
    }

    /// Handles piece `i`; returns the index of the next piece to handle.
    fn step(&mut self, i: usize) -> usize {
        let p = &self.body[i];
        let unmarked = p.marker.is_none();
        if unmarked
            && (p.text.starts_with("抄送") || p.text.starts_with("附件"))
            && self.target != Target::Doc
        {
            self.target = Target::Doc;
            self.container = None;
        }
        // A task table (序号 / 任务 / 牵头单位 …, one cell per line).
        if unmarked && let Some(t) = tasktable::detect(self.body, i) {
            let end = t.end.max(i + 1);
            self.push_task_table(t);
            return end;
        }
        // Indicator table.
        if unmarked && table::looks_like_header(&p.text) {
            let lines: Vec<(usize, String)> = self.body[i..].iter().map(piece_line).collect();
            let refs: Vec<(usize, &str)> = lines.iter().map(|(n, t)| (*n, t.as_str())).collect();
            if let Some(t) = table::detect(&refs) {
                let span = LineSpan::new(t.first_line, t.last_line);
                self.push(Block::new(
                    BlockKind::Table { rows: t.rows },
                    String::new(),
                    span,
                ));
                let mut j = i;
                while j < self.body.len() && self.body[j].line <= t.last_line {
                    j += 1;
                }
                return j.max(i + 1);
            }
        }
        if unmarked && plans::is_plan_title(&p.text) && !self.headless {
            let next_is_title = self
                .next_text(i)
                .is_some_and(|n| n.marker.is_none() && plans::is_plan_title(&n.text));
            if next_is_title {
                // A family heading: “十大创新”2022年行动计划.
                self.family = Some(plans::family_of(&p.text));
                self.family_edition = plans::edition_of(&p.text);
                self.target = Target::Doc;
                self.container = None;
                return i + 1;
            }
            let edition = plans::edition_of(&p.text).or_else(|| self.family_edition.clone());
            let idx = self.new_plan(
                p.text.clone(),
                plans::name_of(&p.text),
                edition,
                None,
                p.line,
                false,
            );
            let next_is_sub = self.is_subplan_at(i + 1);
            self.container = next_is_sub.then_some(idx);
            return i + 1;
        }
        if unmarked && self.is_subplan_at(i) && !self.headless {
            let parent = match (self.container, self.target) {
                (Some(c), _) => Some(c),
                (None, Target::Plan(t)) if self.doc.plans[t].blocks.is_empty() => Some(t),
                _ => None,
            };
            if let Some(parent) = parent {
                self.container = Some(parent);
                let edition = self.doc.plans[parent].edition.clone();
                let family = self.doc.plans[parent].family.clone();
                let idx = self.new_plan(
                    p.text.clone(),
                    p.text.clone(),
                    edition,
                    Some(parent),
                    p.line,
                    false,
                );
                self.doc.plans[idx].family = family;
                return i + 1;
            }
        }
        if unmarked
            && self.target == Target::Doc
            && let Some(x) = is_enclosed_start(p, &self.enclosed)
        {
            let idx = self.new_plan(
                x.clone(),
                plans::name_of(&x),
                plans::edition_of(&x),
                None,
                p.line,
                false,
            );
            let _ = idx;
            let rest = rest_after_title(&p.text, &x);
            if !rest.is_empty() {
                self.push(Block::new(
                    BlockKind::Paragraph,
                    rest,
                    LineSpan::line(p.line),
                ));
            }
            return i + 1;
        }
        if self.headless {
            self.headless_step(i);
            return i + 1;
        }
        let block = self.block_of(i);
        self.push_all(block);
        i + 1
    }

    fn is_subplan_at(&self, i: usize) -> bool {
        let (Some(p), Some(n)) = (self.body.get(i), self.body.get(i + 1)) else {
            return false;
        };
        p.marker.is_none()
            && plans::is_subplan_title(&p.text)
            && n.marker
                .as_ref()
                .is_some_and(|m| m.scheme == Scheme::Han && m.value == 1)
    }

    /// Headless plans: an unnumbered paragraph after numbered items starts a plan.
    fn headless_step(&mut self, i: usize) {
        let p = &self.body[i];
        let scheme = p.marker.as_ref().map(|m| m.scheme);
        let in_notice =
            self.target == Target::Doc && self.doc.plans.is_empty() && p.text.contains("印发");
        if in_notice
            || (self.target == Target::Doc
                && self.doc.plans.is_empty()
                && scheme.is_none()
                && self.doc.blocks.is_empty())
        {
            self.push(Block::new(
                BlockKind::Paragraph,
                p.text.clone(),
                LineSpan::line(p.line),
            ));
            return;
        }
        let starts_plan =
            scheme.is_none() && (self.target == Target::Doc || self.last_scheme.is_some());
        if starts_plan {
            let family = self.family.clone();
            let edition = self.family_edition.clone();
            let idx = self.new_plan(String::new(), String::new(), edition, None, p.line, true);
            self.doc.plans[idx].family = family;
            self.headless_stage = 0;
            self.last_scheme = None;
            self.push_inferred("工作目标", p.line);
            self.in_goal = true;
            self.push(Block::new(
                BlockKind::Paragraph,
                p.text.clone(),
                LineSpan::line(p.line),
            ));
            return;
        }
        let m = p.marker.as_ref();
        let restart = m.is_some_and(|m| m.value == 1);
        match (self.headless_stage, scheme) {
            (0, Some(_)) => {
                self.push_inferred("主要任务", p.line);
                self.headless_stage = 1;
            }
            (1, Some(s)) if restart && (Some(s) != self.last_scheme || s == Scheme::ParenHan) => {
                self.push_inferred("推进措施", p.line);
                self.headless_stage = 2;
            }
            _ => {}
        }
        self.in_goal = false;
        self.last_scheme = scheme.or(self.last_scheme);
        let block = self.block_of(i);
        self.push_all(block);
    }

    fn push_inferred(&mut self, title: &str, line: usize) {
        let mut b = Block::new(
            BlockKind::Heading {
                level: 1,
                number: None,
            },
            title,
            LineSpan::line(line),
        );
        b.inferred = true;
        self.push(b);
    }

    fn new_plan(
        &mut self,
        title: String,
        name: String,
        edition: Option<String>,
        parent: Option<usize>,
        line: usize,
        inferred: bool,
    ) -> usize {
        let family = if parent.is_none() {
            self.family.clone()
        } else {
            None
        };
        self.doc.plans.push(SeedPlan {
            title,
            name,
            title_inferred: inferred,
            family,
            edition,
            parent,
            span: LineSpan::line(line),
            ..Default::default()
        });
        let idx = self.doc.plans.len() - 1;
        self.target = Target::Plan(idx);
        self.in_goal = false;
        idx
    }

    fn push(&mut self, b: Block) {
        match self.target {
            Target::Doc => self.doc.blocks.push(b),
            Target::Plan(i) => {
                let plan = &mut self.doc.plans[i];
                plan.span = plan.span.join(b.span);
                plan.blocks.push(b);
            }
        }
    }

    fn push_all(&mut self, blocks: Vec<Block>) {
        for b in blocks {
            if let BlockKind::Heading { level: 1, .. } = b.kind {
                self.in_goal = b.text.contains("目标");
            }
            if !self.absorb(&b) {
                self.push(b);
            }
        }
    }

    fn finish(&mut self) {
        // A plan whose only assigned items are its goals (a list that
        // assigns each target to a body): those goals are its tasks.
        let has_tasks: Vec<bool> = self
            .doc
            .plans
            .iter()
            .map(|p| {
                p.blocks
                    .iter()
                    .any(|b| matches!(b.kind, BlockKind::Task { .. }))
            })
            .collect();
        for &(plan, at, i) in &self.goal_clauses {
            let blocks = &mut self.doc.plans[plan].blocks;
            let p = &self.body[i];
            if !has_tasks[plan]
                && let (Some(m), Some(b)) = (&p.marker, blocks.get_mut(at))
                && b.kind == BlockKind::Paragraph
            {
                b.kind = BlockKind::Task {
                    number: assign_blocks::task_number(m),
                };
                b.text = p.text.clone();
            }
        }
        // Name the plans whose headings were stripped from their text.
        for plan in self.doc.plans.iter_mut().filter(|p| p.title_inferred) {
            let text: String = plan
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            plan.name_candidates = plans::name_hints(&text);
            if let Some(n) = plan.name_candidates.first() {
                plan.name = n.clone();
            }
            plan.title = inferred_plan_title(&plan.name, plan.edition.as_deref());
        }
    }
}

/// The subject of a document's title, as the name of the plan it is:
/// 某市人民政府关于做好春耕备耕工作的通知 → 做好春耕备耕工作.
pub fn subject_of(title: &str) -> String {
    let t = title.trim();
    let t = match t.find("关于").or_else(|| t.find("關于")) {
        Some(i) => &t[i + "关于".len()..],
        None => t,
    };
    let t = t.strip_prefix("印发").unwrap_or(t);
    let mut t = meta::strip_trailing_paren(t).trim_end();
    for ty in meta::DOC_TYPES {
        if let Some(r) = t.strip_suffix(ty) {
            t = r.strip_suffix('的').unwrap_or(r);
            break;
        }
    }
    let t = t.trim_matches(['《', '》', ' ']);
    if t.chars().count() >= 2 {
        plans::name_of(t)
    } else {
        plans::name_of(title)
    }
}

/// The title given to a plan whose heading was stripped.
pub fn inferred_plan_title(name: &str, edition: Option<&str>) -> String {
    let name = if name.is_empty() { "未命名" } else { name };
    match edition {
        Some(e) if e.contains('—') => format!("{name}行动计划({e}年)"),
        Some(e) => format!("{name}{e}年行动计划"),
        None => format!("{name}行动计划"),
    }
}

fn piece_line(p: &Piece) -> (usize, String) {
    let t = match &p.marker {
        Some(m) => format!("{}{}", m.printed, p.text),
        None => p.text.clone(),
    };
    (p.line, t)
}

/// The issued title a piece starts with, unless the piece is the 印发 sentence itself.
fn is_enclosed_start(p: &Piece, enclosed: &[String]) -> Option<String> {
    if p.marker.is_some() || is_issuing_sentence(&p.text) {
        return None;
    }
    enclosed
        .iter()
        .find(|x| starts_with_title(&p.text, x))
        .cloned()
}

/// The sentence by which a notice issues its attachments (现将《X》印发给你们).
fn is_issuing_sentence(text: &str) -> bool {
    text.contains("印发给") || text.contains("现印发") || text.contains("予以印发")
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .collect()
}

fn starts_with_title(text: &str, title: &str) -> bool {
    let t = compact(title);
    t.chars().count() >= 4 && compact(text).starts_with(&t)
}

fn rest_after_title(text: &str, title: &str) -> String {
    let want = compact(title).chars().count();
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen == want {
            return text[i..].trim().to_string();
        }
        if !c.is_whitespace() && !matches!(c, '《' | '》') {
            seen += 1;
        }
    }
    String::new()
}

/// The first sentence (up to and including 。) and the rest.
pub fn first_sentence(text: &str) -> (String, String) {
    match text.find('。') {
        Some(i) => (
            text[..i + '。'.len_utf8()].to_string(),
            text[i + '。'.len_utf8()..].trim().to_string(),
        ),
        None => (text.to_string(), String::new()),
    }
}

#[path = "structure_assign.rs"]
mod assign_blocks;

#[path = "structure_blocks.rs"]
mod blocks;

#[cfg(test)]
#[path = "structure_tests.rs"]
mod tests;
