//! The table of contents of a document page: its headings nested by
//! level, each linked to its anchor, from the outline the body renderer
//! collects. Articles are not listed one by one; a heading shows the range
//! of the articles under it (第一条至第六条). Plain nested lists, no script.

use crate::render::text::OutlineItem;
use serde::Serialize;

/// One heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub text: String,
    /// `#anchor` on the same page.
    pub href: String,
    /// The articles under the heading, e.g. 第一条至第六条.
    pub articles: Option<String>,
    pub children: Vec<TocEntry>,
}

/// A heading of the outline, its level and the first and last articles under it.
type Flat = (u8, TocEntry, Option<(String, String)>);

/// The nested table of contents of an outline; empty when it has fewer
/// than two headings (a contents of one line helps no one).
pub fn tree(items: &[OutlineItem]) -> Vec<TocEntry> {
    // The two highest levels the outline uses (篇 and 章, 一、 and (一)):
    // deeper headings would make the contents as long as the text.
    let mut levels: Vec<u8> = items
        .iter()
        .filter(|i| !i.article)
        .map(|i| i.level)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    let deepest = levels.get(1).or(levels.first()).copied().unwrap_or(u8::MAX);
    let mut flat: Vec<Flat> = Vec::new();
    // The headings that contain the current position, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for it in items {
        if it.article {
            for &k in &open {
                match &mut flat[k].2 {
                    Some((_, last)) => last.clone_from(&it.text),
                    r @ None => *r = Some((it.text.clone(), it.text.clone())),
                }
            }
            continue;
        }
        if it.level > deepest {
            continue;
        }
        while open.last().is_some_and(|&k| flat[k].0 >= it.level) {
            open.pop();
        }
        open.push(flat.len());
        flat.push((
            it.level,
            TocEntry {
                text: it.text.clone(),
                href: format!("#{}", it.anchor),
                articles: None,
                children: Vec::new(),
            },
            None,
        ));
    }
    if flat.len() < 2 {
        return Vec::new();
    }
    let mut roots = Vec::new();
    let mut stack: Vec<(u8, TocEntry)> = Vec::new();
    for (level, mut e, range) in flat {
        e.articles = range.and_then(|(a, b)| article_range(&a, &b));
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            let (_, done) = stack.pop().expect("not empty");
            attach(&mut stack, &mut roots, done);
        }
        stack.push((level, e));
    }
    while let Some((_, done)) = stack.pop() {
        attach(&mut stack, &mut roots, done);
    }
    roots
}

fn attach(stack: &mut [(u8, TocEntry)], roots: &mut Vec<TocEntry>, e: TocEntry) {
    match stack.last_mut() {
        Some((_, parent)) => parent.children.push(e),
        None => roots.push(e),
    }
}

/// 第一条至第六条, 一至四, or 第五条 alone; none for decimal clauses (the
/// headings above them already carry their numbers).
fn article_range(first: &str, last: &str) -> Option<String> {
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (first, last) = (first.trim_end_matches('、'), last.trim_end_matches('、'));
    Some(if first == last {
        first.to_string()
    } else {
        format!("{first}至{last}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, text: &str, anchor: &str) -> OutlineItem {
        OutlineItem {
            level,
            text: text.into(),
            anchor: anchor.into(),
            article: false,
        }
    }

    fn art(n: &str) -> OutlineItem {
        OutlineItem {
            level: 0,
            text: n.into(),
            anchor: format!("a-{n}"),
            article: true,
        }
    }

    #[test]
    fn chapters_nest_their_sections_and_show_their_articles() {
        let items = vec![
            h(3, "第一章 总则", "c1"),
            art("第一条"),
            art("第二条"),
            h(3, "第二章 管理", "c2"),
            h(4, "第一节 登记", "s1"),
            art("第三条"),
            h(4, "第二节 监督", "s2"),
            art("第四条"),
            art("第五条"),
            h(3, "第三章 附则", "c3"),
        ];
        let t = tree(&items);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].articles.as_deref(), Some("第一条至第二条"));
        assert_eq!(t[1].href, "#c2");
        assert_eq!(t[1].articles.as_deref(), Some("第三条至第五条"));
        assert_eq!(t[1].children.len(), 2);
        assert_eq!(t[1].children[0].articles.as_deref(), Some("第三条"));
        assert_eq!(t[1].children[1].text, "第二节 监督");
        assert_eq!(t[2].articles, None);
        assert!(t[2].children.is_empty());
        // Article-like items (三十六、) show as a range too; clauses (4.2.1) do not.
        let t = tree(&[
            h(3, "第一章", "a"),
            art("一、"),
            art("四、"),
            h(3, "4 响应", "b"),
            art("4.2.1"),
        ]);
        assert_eq!(t[0].articles.as_deref(), Some("一至四"));
        assert_eq!(t[1].articles, None);
    }

    #[test]
    fn only_the_two_highest_levels_are_listed() {
        let items = vec![
            h(2, "一、总体要求", "a"),
            h(3, "(一)指导思想", "b"),
            h(4, "1.坚持创新", "c"),
            h(2, "二、重点任务", "d"),
        ];
        let t = tree(&items);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children.len(), 1);
        assert!(t[0].children[0].children.is_empty());
    }

    #[test]
    fn one_heading_or_articles_alone_make_no_contents() {
        assert!(tree(&[art("第一条"), art("第二条")]).is_empty());
        assert!(tree(&[h(3, "附则", "x"), art("第一条")]).is_empty());
        // A deeper heading first still nests what follows under the shallower one.
        let t = tree(&[
            h(4, "1.1 目的", "a"),
            h(3, "2 组织", "b"),
            h(4, "2.1 机构", "c"),
        ]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].children[0].text, "2.1 机构");
    }
}
