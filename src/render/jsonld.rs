//! Render helper (stage 5): schema.org JSON-LD for the `<head>` of
//! document and department pages, as legislation.gov.uk publishes it.
//!
//! * A document is a `Legislation`: `name`, `url`, `legislationIdentifier`
//!   (文号), `legislationDate` (成文日期), `datePublished` (发布日期, else
//!   成文日期), `inLanguage` (`zh-Hans` or `zh-Hant`), its issuers as
//!   `legislationPassedBy` and `publisher` (`GovernmentOrganization`, with
//!   the department page's `url` where the site has one), and its twin in
//!   the other script: the Simplified text names the Traditional one as
//!   its `workTranslation`, the Traditional text the Simplified one as its
//!   `translationOfWork`.
//! * A department is a `GovernmentOrganization` with its `alternateName`s
//!   (aliases) and `url`.
//!
//! URLs are absolute (`base_url`). The JSON goes inside a
//! `<script type="application/ld+json">` block, so [`script_text`]
//! escapes `<`, `>` and `&` (and U+2028, U+2029) as `\u003c` …: no source
//! text can close the block (`</script>`) or open a comment in it, and
//! the JSON parses to the same strings.

use crate::export::urls;
use crate::model::{Department, Document};
use crate::parse::Script;
use crate::render::context::Ctx;
use serde_json::{Map, Value, json};

/// JSON as the text of a `<script>` block: `<`, `>`, `&`, U+2028 and
/// U+2029 (which only occur inside strings) as `\u` escapes.
pub fn script_text(v: &Value) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

fn language(s: Script) -> &'static str {
    match s {
        Script::Simplified => "zh-Hans",
        Script::Traditional => "zh-Hant",
    }
}

/// An issuing body: a department of the site where one has the name.
fn organization(ctx: &Ctx, name: &str) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), json!("GovernmentOrganization"));
    o.insert("name".into(), json!(name));
    let dept = ctx
        .model
        .departments
        .values()
        .find(|d| d.name == name || d.aliases.iter().any(|a| a == name));
    if let Some(d) = dept {
        o.insert(
            "url".into(),
            json!(ctx.cfg.absolute(&urls::department(&d.id))),
        );
    }
    Value::Object(o)
}

/// The JSON-LD of a document page.
pub fn document(ctx: &Ctx, d: &Document) -> String {
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Legislation"));
    o.insert("name".into(), json!(d.title));
    o.insert(
        "url".into(),
        json!(ctx.cfg.absolute(&urls::document(&d.id))),
    );
    o.insert("inLanguage".into(), json!(language(d.script)));
    if let Some(n) = &d.doc_number {
        o.insert("legislationIdentifier".into(), json!(n));
    }
    if let Some(date) = &d.date {
        o.insert("legislationDate".into(), json!(date));
    }
    if let Some(date) = d.published.as_ref().or(d.date.as_ref()) {
        o.insert("datePublished".into(), json!(date));
    }
    if !d.issuers.is_empty() {
        let bodies: Vec<Value> = d.issuers.iter().map(|n| organization(ctx, n)).collect();
        o.insert("legislationPassedBy".into(), json!(bodies));
        o.insert("publisher".into(), json!(bodies));
    }
    if let Some(twin) = d.twin.as_ref().and_then(|t| ctx.model.documents.get(t)) {
        let key = match d.script {
            Script::Simplified => "workTranslation",
            Script::Traditional => "translationOfWork",
        };
        o.insert(
            key.into(),
            json!({
                "@type": "Legislation",
                "name": twin.title,
                "url": ctx.cfg.absolute(&urls::document(&twin.id)),
                "inLanguage": language(twin.script),
            }),
        );
    }
    script_text(&Value::Object(o))
}

/// The JSON-LD of a department page.
pub fn department(ctx: &Ctx, d: &Department) -> String {
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("GovernmentOrganization"));
    o.insert("name".into(), json!(d.name));
    if !d.aliases.is_empty() {
        o.insert("alternateName".into(), json!(d.aliases));
    }
    o.insert(
        "url".into(),
        json!(ctx.cfg.absolute(&urls::department(&d.id))),
    );
    script_text(&Value::Object(o))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::model::Model;

    const HOSTILE: &str = "</script><script>alert(1)</script>\u{2028}";

    /// A Simplified document issued by a department of the site, its
    /// Traditional twin, and the department with a hostile alias.
    fn model() -> Model {
        let mut m = Model::default();
        m.departments.insert(
            "czt".into(),
            Department {
                id: "czt".into(),
                name: "省财政厅".into(),
                aliases: vec!["财政厅".into(), HOSTILE.into()],
                ..Default::default()
            },
        );
        m.documents.insert(
            "a".into(),
            Document {
                id: "a".into(),
                title: format!("关于{HOSTILE}的通知"),
                doc_number: Some("鲁财〔2024〕1号".into()),
                issuers: vec!["财政厅".into(), "省政府".into()],
                date: Some("2024-01-02".into()),
                twin: Some("a-hant".into()),
                ..Default::default()
            },
        );
        m.documents.insert(
            "a-hant".into(),
            Document {
                id: "a-hant".into(),
                title: "關於的通知".into(),
                script: Script::Traditional,
                twin: Some("a".into()),
                published: Some("2024-01-05".into()),
                ..Default::default()
            },
        );
        m
    }

    fn parse(text: &str) -> Value {
        assert!(!text.contains('<') && !text.contains('\u{2028}'), "{text}");
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn documents_are_legislation_linked_to_their_issuers_and_twin() {
        let m = model();
        let cfg = SiteConfig {
            base_url: "https://example.org/p/".into(),
            ..Default::default()
        };
        let ctx = Ctx::new(&m, &cfg, "2024-06-01".into());
        let a = parse(&document(&ctx, &m.documents["a"]));
        assert_eq!(a["@type"], "Legislation");
        assert_eq!(a["name"], format!("关于{HOSTILE}的通知"));
        assert_eq!(a["url"], "https://example.org/p/documents/a/");
        assert_eq!(a["legislationIdentifier"], "鲁财〔2024〕1号");
        assert_eq!(a["legislationDate"], "2024-01-02");
        assert_eq!(a["datePublished"], "2024-01-02");
        assert_eq!(a["inLanguage"], "zh-Hans");
        // An issuer named by an alias links to its department's page.
        assert_eq!(
            a["legislationPassedBy"],
            json!([
                {"@type": "GovernmentOrganization", "name": "财政厅",
                 "url": "https://example.org/p/departments/czt/"},
                {"@type": "GovernmentOrganization", "name": "省政府"},
            ])
        );
        assert_eq!(a["publisher"], a["legislationPassedBy"]);
        assert_eq!(
            a["workTranslation"]["url"],
            "https://example.org/p/documents/a-hant/"
        );
        assert_eq!(a["workTranslation"]["inLanguage"], "zh-Hant");
        assert!(a.get("translationOfWork").is_none());
        let b = parse(&document(&ctx, &m.documents["a-hant"]));
        assert_eq!(b["inLanguage"], "zh-Hant");
        assert_eq!(b["datePublished"], "2024-01-05");
        assert!(b.get("legislationDate").is_none() && b.get("publisher").is_none());
        assert_eq!(
            b["translationOfWork"]["name"],
            format!("关于{HOSTILE}的通知")
        );
        let d = parse(&department(&ctx, &m.departments["czt"]));
        assert_eq!(d["@type"], "GovernmentOrganization");
        assert_eq!(d["alternateName"], json!(["财政厅", HOSTILE]));
        assert_eq!(d["url"], "https://example.org/p/departments/czt/");
    }

    #[test]
    fn script_text_cannot_close_its_block_and_parses_back() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}\u{2029} ]]>";
        let v = json!({ "name": hostile, "list": [hostile] });
        let text = script_text(&v);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
