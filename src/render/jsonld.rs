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
