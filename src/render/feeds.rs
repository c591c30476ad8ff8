//! Machine-readable pages (stage 5): sitemap.xml with lastmod dates taken
//! from the documents (never the clock, so builds stay byte-identical),
//! robots.txt, the Atom feed of documents and one Atom feed of tasks per
//! department.

use crate::export::urls;
use crate::model::{Document, Model};
use crate::render::config::SiteConfig;
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

/// sitemap.xml for the given HTML output paths (404 excluded by the caller).
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

/// The Atom feed of documents, newest first.
pub fn documents_feed(cfg: &SiteConfig, m: &Model) -> Vec<u8> {
    let mut docs: Vec<&Document> = m.documents.values().collect();
    docs.sort_by(|a, b| doc_date(b).cmp(&doc_date(a)).then(a.id.cmp(&b.id)));
    let entries: String = docs
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

/// The Atom feed of a department's tasks (lead and support).
pub fn department_feed(cfg: &SiteConfig, m: &Model, id: &str) -> Vec<u8> {
    let d = &m.departments[id];
    let mut latest: Option<&str> = None;
    let entries: String = d
        .lead
        .iter()
        .map(|t| (t, "牵头"))
        .chain(d.support.iter().map(|t| (t, "配合")))
        .filter_map(|(t, role)| {
            let t = m.tasks.get(t)?;
            let p = m.plans.get(&t.plan)?;
            let date = m.documents.get(&p.document).and_then(doc_date);
            latest = latest.max(date);
            Some(entry(
                cfg,
                &format!("{}:{} {}", p.title, t.number, t.title),
                &urls::task(&t.plan, &t.anchor),
                date,
                &format!("{role}。{}", t.text),
            ))
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
