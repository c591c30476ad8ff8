//! Machine-readable pages (stage 5): sitemap.xml with lastmod dates taken
//! from the documents (never the clock, so builds stay byte-identical),
//! robots.txt, the Atom feed of documents and one Atom feed of tasks per
//! department.

use crate::config::SiteConfig;
use crate::export::urls;
use crate::model::{Document, Model};
use crate::render::text::escape;
use std::collections::BTreeMap;

/// The date a document was published (or signed).
pub fn doc_date(d: &Document) -> Option<&str> {
    d.published.as_deref().or(d.date.as_deref())
}

/// The latest document date of the site.
pub fn site_date(m: &Model) -> Option<String> {
    m.documents
        .values()
        .filter_map(doc_date)
        .max()
        .map(str::to_string)
}

/// lastmod of every page: its document's date where it has one, else the site's.
pub fn lastmods(m: &Model, pages: &[String]) -> BTreeMap<String, Option<String>> {
    let site = site_date(m);
    let plan_date = |p: &str| {
        m.plans
            .get(p)
            .and_then(|p| m.documents.get(&p.document))
            .and_then(doc_date)
    };
    pages
        .iter()
        .map(|path| {
            let parts: Vec<&str> = path.split('/').collect();
            let date = match parts.as_slice() {
                ["documents", id, "index.html"] => {
                    m.documents.get(*id).and_then(doc_date).map(str::to_string)
                }
                ["plans", id, "index.html"] => plan_date(id).map(str::to_string),
                ["departments", id, "index.html"] => m.departments.get(*id).and_then(|d| {
                    d.lead
                        .iter()
                        .chain(&d.support)
                        .filter_map(|t| m.tasks.get(t).and_then(|t| plan_date(&t.plan)))
                        .max()
                        .map(str::to_string)
                }),
                ["indicators", id, "index.html"] => m.indicators.get(*id).and_then(|i| {
                    i.targets
                        .iter()
                        .filter_map(|t| m.targets.get(t).and_then(|t| plan_date(&t.plan)))
                        .max()
                        .map(str::to_string)
                }),
                _ => None,
            };
            (path.clone(), date.or_else(|| site.clone()))
        })
        .collect()
}

/// URLs per sitemap file: the protocol's limit is 50,000 (and 50 MB).
pub const SITEMAP_URLS: usize = 50_000;

/// The sitemap files for the given HTML output paths (404 excluded by the
/// caller): `sitemap.xml` alone when they fit in one file of `limit` URLs,
/// else `sitemap.xml` is a sitemap index of `sitemap-1.xml`,
/// `sitemap-2.xml` … (at the root, so that each may list any page).
pub fn sitemaps(
    cfg: &SiteConfig,
    m: &Model,
    pages: &[String],
    limit: usize,
) -> Vec<(String, Vec<u8>)> {
    let limit = limit.max(1);
    if pages.len() <= limit {
        return vec![("sitemap.xml".to_string(), sitemap(cfg, m, pages))];
    }
    let mut sorted = pages.to_vec();
    sorted.sort();
    let site = site_date(m);
    let mut out = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in sorted.chunks(limit).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc>",
            escape(&cfg.absolute(&name))
        ));
        if let Some(d) = &site {
            index.push_str(&format!("<lastmod>{}</lastmod>", escape(d)));
        }
        index.push_str("</sitemap>\n");
        out.push((name, sitemap(cfg, m, chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(("sitemap.xml".to_string(), index.into_bytes()));
    out
}

/// One sitemap file for the given HTML output paths.
pub fn sitemap(cfg: &SiteConfig, m: &Model, pages: &[String]) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, date) in lastmods(m, pages) {
        let url = cfg.absolute(path.strip_suffix("index.html").unwrap_or(&path));
        s.push_str(&format!("  <url><loc>{}</loc>", escape(&url)));
        if let Some(d) = date {
            s.push_str(&format!("<lastmod>{}</lastmod>", escape(&d)));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s.into_bytes()
}

pub fn robots(cfg: &SiteConfig) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        cfg.absolute("sitemap.xml")
    )
    .into_bytes()
}

fn rfc3339(date: Option<&str>) -> String {
    format!("{}T00:00:00Z", date.unwrap_or("1970-01-01"))
}

fn entry(
    cfg: &SiteConfig,
    title: &str,
    path: &str,
    updated: Option<&str>,
    summary: &str,
) -> String {
    let url = cfg.absolute(path);
    format!(
        "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
        escape(title),
        escape(&url),
        escape(&url),
        rfc3339(updated),
        escape(summary)
    )
}

fn feed(
    cfg: &SiteConfig,
    title: &str,
    self_path: &str,
    updated: Option<&str>,
    entries: &str,
) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\" rel=\"self\"/>\n  <link href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n{}</feed>\n",
        escape(&cfg.language),
        escape(title),
        escape(&cfg.absolute(self_path)),
        escape(&cfg.base_url),
        escape(&cfg.absolute(self_path)),
        rfc3339(updated),
        escape(&cfg.title),
        entries
    )
    .into_bytes()
}

/// The first `limit` items (all when `limit` is 0).
fn first<T>(mut items: Vec<T>, limit: usize) -> Vec<T> {
    if limit > 0 {
        items.truncate(limit);
    }
    items
}

/// The Atom feed of documents, newest first (`feed_limit` of them).
pub fn documents_feed(cfg: &SiteConfig, m: &Model) -> Vec<u8> {
    let mut docs: Vec<&Document> = m.documents.values().collect();
    docs.sort_by(|a, b| doc_date(b).cmp(&doc_date(a)).then(a.id.cmp(&b.id)));
    let entries: String = first(docs, cfg.feed_limit)
        .iter()
        .map(|d| {
            let summary = [
                d.doc_number.clone().unwrap_or_default(),
                d.issuers.join("、"),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            entry(cfg, &d.title, &urls::document(&d.id), doc_date(d), &summary)
        })
        .collect();
    feed(
        cfg,
        &cfg.title,
        "/feed.xml",
        site_date(m).as_deref(),
        &entries,
    )
}

/// The Atom feed of a department's tasks (lead and support): those of the
/// newest documents first, `feed_limit` of them; within a date, the tasks it
/// leads before those it supports, each in document, plan and task order.
pub fn department_feed(cfg: &SiteConfig, m: &Model, id: &str) -> Vec<u8> {
    let d = &m.departments[id];
    let mut tasks: Vec<_> = d
        .lead
        .iter()
        .map(|t| (t, "牵头"))
        .chain(d.support.iter().map(|t| (t, "配合")))
        .filter_map(|(t, role)| {
            let t = m.tasks.get(t)?;
            let p = m.plans.get(&t.plan)?;
            let date = m.documents.get(&p.document).and_then(doc_date);
            Some((date, t, p, role))
        })
        .collect();
    // Stable: lead before support, plan and task order, within a date.
    tasks.sort_by(|a, b| b.0.cmp(&a.0));
    let latest = tasks.first().and_then(|x| x.0);
    let entries: String = first(tasks, cfg.feed_limit)
        .into_iter()
        .map(|(date, t, p, role)| {
            entry(
                cfg,
                &format!("{}:{} {}", p.title, t.number, t.title),
                &urls::task(&t.plan, &t.anchor),
                date,
                &format!("{role}。{}", m.task_text(t)),
            )
        })
        .collect();
    feed(
        cfg,
        &format!("{}的任务 — {}", d.name, cfg.title),
        &format!("{}feed.xml", urls::department(id)),
        latest,
        &entries,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Department, Plan, Task};
    use crate::parse::{Block, BlockKind, LineSpan};

    /// Three documents of different dates, one plan each, one task each
    /// led by department `d`.
    fn model() -> Model {
        let mut m = Model::default();
        let mut d = Department {
            id: "d".into(),
            name: "省科技厅".into(),
            ..Default::default()
        };
        for (i, date) in ["2023-01-05", "2025-03-01", "2024-07-09"]
            .iter()
            .enumerate()
        {
            let (doc, plan, task): (crate::model::Id, crate::model::Id, crate::model::Id) = (
                format!("doc{i}").into(),
                format!("plan{i}").into(),
                format!("task{i}").into(),
            );
            m.documents.insert(
                doc.clone(),
                Document {
                    id: doc.clone(),
                    title: format!("文件{i}"),
                    published: Some(date.to_string()),
                    ..Default::default()
                },
            );
            m.plans.insert(
                plan.clone(),
                Plan {
                    id: plan.clone(),
                    document: doc,
                    title: format!("计划{i}"),
                    blocks: vec![
                        Block::new(BlockKind::Paragraph, "目标。", LineSpan::default()),
                        Block::new(
                            BlockKind::Task { number: "1".into() },
                            format!("任务{i}的全文。(牵头单位:省科技厅)"),
                            LineSpan::default(),
                        ),
                    ]
                    .into(),
                    ..Default::default()
                },
            );
            m.tasks.insert(
                task.clone(),
                Task {
                    id: task.clone(),
                    plan,
                    anchor: "task-1".into(),
                    number: "1".into(),
                    title: format!("任务{i}"),
                    block: 1,
                    lead: vec!["d".into()],
                    ..Default::default()
                },
            );
            d.lead.push(task);
        }
        m.departments.insert("d".into(), d);
        m
    }

    fn titles(feed: &[u8]) -> Vec<String> {
        let s = String::from_utf8(feed.to_vec()).unwrap();
        s.split("<entry>")
            .skip(1)
            .map(|e| {
                e.split("<title>")
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn feeds_hold_the_newest_entries_up_to_the_limit() {
        let m = model();
        let mut cfg = SiteConfig {
            feed_limit: 2,
            ..Default::default()
        };
        assert_eq!(titles(&documents_feed(&cfg, &m)), ["文件1", "文件2"]);
        let dept = department_feed(&cfg, &m, "d");
        assert_eq!(titles(&dept), ["计划1:1 任务1", "计划2:1 任务2"]);
        // An entry's summary is the role and the task's text, as its plan holds it.
        let text = String::from_utf8(dept.clone()).unwrap();
        assert!(
            text.contains("牵头。任务1的全文。(牵头单位:省科技厅)"),
            "{text}"
        );
        // The feed is updated when its newest entry is.
        assert!(
            String::from_utf8(dept)
                .unwrap()
                .contains("<updated>2025-03-01T00:00:00Z</updated>")
        );
        cfg.feed_limit = 0;
        assert_eq!(titles(&documents_feed(&cfg, &m)).len(), 3);
        assert_eq!(
            titles(&department_feed(&cfg, &m, "d")),
            ["计划1:1 任务1", "计划2:1 任务2", "计划0:1 任务0"]
        );
    }

    #[test]
    fn sitemaps_over_the_limit_become_an_index_of_files() {
        let m = model();
        let cfg = SiteConfig::default();
        let pages: Vec<String> = (0..5).map(|i| format!("p{i}/index.html")).collect();
        let one = sitemaps(&cfg, &m, &pages, 5);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, "sitemap.xml");
        let split = sitemaps(&cfg, &m, &pages, 2);
        let names: Vec<&str> = split.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8(split[3].1.clone()).unwrap();
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>http://127.0.0.1:1111/sitemap-3.xml</loc>"));
        let urls: usize = split[..3]
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).matches("<url>").count())
            .sum();
        assert_eq!(urls, 5);
    }
}
