//! The editors' review page (stage 5): `/review/`, the items of
//! [`crate::model::review`] by document, with the counts by kind at the
//! top, and `data/review.json`, the full list. The page is kept small: at
//! most [`PER_DOCUMENT`] items per document, shared out among its kinds,
//! and [`MAX_ROWS`] in all (the rest is counted, and is in the JSON). It is not searched, not in the
//! sitemap, and asks robots not to index it.

use crate::model::review::{self, ReviewItem, ReviewKind};
use crate::render::context::{Ctx, Link};
use crate::render::page::{Head, PageOut};
use serde::Serialize;

/// The output path of the page.
pub const PATH: &str = "review/index.html";

/// Items shown per document; the others are counted.
pub const PER_DOCUMENT: usize = 50;

/// Items shown on the whole page; the others are counted.
pub const MAX_ROWS: usize = 400;

#[derive(Debug, Serialize)]
pub struct KindCount {
    pub name: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct ItemRow {
    pub kind: &'static str,
    pub label: &'static str,
    /// `seeds/x.txt:12` (the file alone when the line is unknown).
    pub place: String,
    pub content: String,
    /// Relative link to the page showing the item; empty when none.
    pub href: String,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct DocReview {
    /// The document's page; `None` for the items about no document.
    pub link: Option<Link>,
    pub anchor: String,
    pub count: usize,
    /// The kinds met in this document, with their counts.
    pub kinds: Vec<KindCount>,
    pub items: Vec<ItemRow>,
    /// Items not shown.
    pub more: usize,
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub total: usize,
    pub counts: Vec<KindCount>,
    pub documents: Vec<DocReview>,
    /// Documents with items not shown once [`MAX_ROWS`] rows are (only
    /// counted: the page would grow with the corpus), and their items.
    pub more_documents: usize,
    pub more_items: usize,
    pub per_document: usize,
    /// Relative link to `data/review.json`.
    pub json: String,
}

fn kind_counts(items: &[&ReviewItem], all: bool) -> Vec<KindCount> {
    ReviewKind::ALL
        .iter()
        .map(|k| KindCount {
            name: k.name(),
            label: k.label(),
            count: items.iter().filter(|i| i.kind == *k).count(),
        })
        .filter(|c| all || c.count > 0)
        .collect()
}

/// The review page.
pub fn review(ctx: &Ctx) -> PageOut {
    let path = PATH.to_string();
    let l = ctx.links(&path);
    let items = ctx.review_items();
    // Items come grouped by document (see `review::review`).
    let mut groups: Vec<(Option<&String>, Vec<&ReviewItem>)> = Vec::new();
    for i in items {
        match groups.last_mut() {
            Some((d, v)) if *d == i.document.as_ref() => v.push(i),
            _ => groups.push((i.document.as_ref(), vec![i])),
        }
    }
    let mut budget = MAX_ROWS;
    let (mut more_documents, mut more_items) = (0, 0);
    let mut documents = Vec::new();
    for (doc, v) in groups {
        if budget == 0 {
            more_documents += 1;
            more_items += v.len();
            continue;
        }
        let shown = shown_rows(&v, PER_DOCUMENT.min(budget));
        budget -= shown.len();
        documents.push(DocReview {
            link: doc
                .filter(|d| ctx.model.documents.contains_key(d.as_str()))
                .map(|d| ctx.doc_link(&l, d)),
            anchor: match doc {
                Some(d) => format!("doc-{d}"),
                None => "other".into(),
            },
            count: v.len(),
            kinds: kind_counts(&v, false),
            more: v.len() - shown.len(),
            items: shown.into_iter().map(|i| row(&l, i)).collect(),
        });
    }
    let all: Vec<&ReviewItem> = items.iter().collect();
    let view = ReviewView {
        total: items.len(),
        counts: kind_counts(&all, true),
        documents,
        more_documents,
        more_items,
        per_document: PER_DOCUMENT,
        json: l.to("/data/review.json"),
    };
    let description = format!(
        "编辑核对：构建时的警告和没有把握的提取结果，共 {} 项，涉及 {} 份文件。",
        view.total,
        view.documents.len() + view.more_documents
    );
    let head = Head::new(ctx, "编辑核对", &description);
    PageOut::new(ctx, path, "review.html", head, &view)
}

/// At most `cap` of a document's items (which come by kind), shared out
/// among the kinds one row at a time, so that a kind with many items does
/// not hide the others; in the items' order.
fn shown_rows<'i>(items: &[&'i ReviewItem], cap: usize) -> Vec<&'i ReviewItem> {
    let mut by_kind: Vec<(ReviewKind, usize, usize)> = Vec::new();
    for i in items {
        match by_kind.last_mut() {
            Some((k, n, _)) if *k == i.kind => *n += 1,
            _ => by_kind.push((i.kind, 1, 0)),
        }
    }
    let mut left = cap.min(items.len());
    while left > 0 {
        for (_, n, take) in by_kind.iter_mut() {
            if left > 0 && *take < *n {
                *take += 1;
                left -= 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (_, n, take) in by_kind {
        out.extend(&items[start..start + take]);
        start += n;
    }
    out
}

fn row(l: &crate::render::links::Links, i: &ReviewItem) -> ItemRow {
    ItemRow {
        kind: i.kind.name(),
        label: i.kind.label(),
        place: match i.line {
            0 => i.file.clone(),
            n => format!("{}:{n}", i.file),
        },
        content: i.content.clone(),
        href: if i.url.is_empty() {
            String::new()
        } else {
            l.to(&i.url)
        },
        message: i.message.clone(),
    }
}

#[derive(Serialize)]
struct ReviewJson<'a> {
    total: usize,
    counts: BTreeCounts,
    items: &'a [ReviewItem],
}

type BTreeCounts = std::collections::BTreeMap<&'static str, usize>;

/// `data/review.json`: the counts by kind and every item.
pub fn json(items: &[ReviewItem]) -> Vec<u8> {
    let counts = review::counts(items)
        .into_iter()
        .map(|(k, n)| (k.name(), n))
        .collect();
    let doc = ReviewJson {
        total: items.len(),
        counts,
        items,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(kinds: &[(ReviewKind, usize)]) -> Vec<ReviewItem> {
        let mut out = Vec::new();
        for (kind, n) in kinds {
            for i in 0..*n {
                out.push(ReviewItem {
                    kind: *kind,
                    document: Some("d".into()),
                    file: "seeds/a.txt".into(),
                    line: i + 1,
                    content: String::new(),
                    url: String::new(),
                    message: String::new(),
                });
            }
        }
        out
    }

    #[test]
    fn rows_are_shared_out_among_kinds_in_their_order() {
        use ReviewKind::*;
        let all = items(&[
            (InferredTitle, 1),
            (UnparsedClause, 9),
            (UncertainTarget, 3),
        ]);
        let refs: Vec<&ReviewItem> = all.iter().collect();
        let shown = shown_rows(&refs, 6);
        let got: Vec<(ReviewKind, usize)> = shown.iter().map(|i| (i.kind, i.line)).collect();
        assert_eq!(
            got,
            [
                (InferredTitle, 1),
                (UnparsedClause, 1),
                (UnparsedClause, 2),
                (UnparsedClause, 3),
                (UncertainTarget, 1),
                (UncertainTarget, 2),
            ]
        );
        assert_eq!(shown_rows(&refs, 50).len(), 13);
        assert!(shown_rows(&refs, 0).is_empty());
    }
}
