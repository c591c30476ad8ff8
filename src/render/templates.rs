//! The page templates (tera): the defaults embedded in the binary, each
//! overridable by a file of the same name in the site's `templates/`.
//! Template errors become diagnostics with the template's path and, where
//! tera reports one, its line and column. An error met while rendering
//! (tera gives no place for those) is placed at the first use, in the
//! template that failed, of the variable it names.

use crate::diag::{Diagnostic, Diagnostics};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::LazyLock;
use tera::Tera;

/// The default templates, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../theme/templates/base.html")),
    (
        "macros.html",
        include_str!("../../theme/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../theme/templates/index.html"),
    ),
    (
        "document.html",
        include_str!("../../theme/templates/document.html"),
    ),
    ("plan.html", include_str!("../../theme/templates/plan.html")),
    (
        "department.html",
        include_str!("../../theme/templates/department.html"),
    ),
    (
        "indicator.html",
        include_str!("../../theme/templates/indicator.html"),
    ),
    (
        "deadlines.html",
        include_str!("../../theme/templates/deadlines.html"),
    ),
    (
        "matrix.html",
        include_str!("../../theme/templates/matrix.html"),
    ),
    (
        "compare.html",
        include_str!("../../theme/templates/compare.html"),
    ),
    (
        "cited.html",
        include_str!("../../theme/templates/cited.html"),
    ),
    (
        "documents.html",
        include_str!("../../theme/templates/documents.html"),
    ),
    (
        "plans.html",
        include_str!("../../theme/templates/plans.html"),
    ),
    (
        "departments.html",
        include_str!("../../theme/templates/departments.html"),
    ),
    (
        "indicators.html",
        include_str!("../../theme/templates/indicators.html"),
    ),
    (
        "search.html",
        include_str!("../../theme/templates/search.html"),
    ),
    ("404.html", include_str!("../../theme/templates/404.html")),
    (
        "review.html",
        include_str!("../../theme/templates/review.html"),
    ),
];

/// Static files every site gets (unless `static/` has a file of the same path).
pub const ASSETS: &[(&str, &str)] = &[
    (
        "assets/style.css",
        include_str!("../../theme/static/style.css"),
    ),
    ("assets/site.js", include_str!("../../theme/static/site.js")),
    (
        "assets/search.js",
        include_str!("../../theme/static/search.js"),
    ),
    (
        "assets/favicon.svg",
        include_str!("../../theme/static/favicon.svg"),
    ),
];

static POSITION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"--> ([0-9]+):([0-9]+)").unwrap());

/// The templates a site renders with.
pub struct Templates {
    pub tera: Tera,
    /// Per template name, a hash of its text and of the texts of every
    /// template it names (extends, imports, includes), transitively: two
    /// loads that give a template the same fingerprint render it alike.
    fingerprints: HashMap<String, u64>,
    /// The text of every template, by name.
    sources: BTreeMap<String, String>,
    /// The site's own templates: name → path shown in messages.
    user: BTreeMap<String, String>,
}

impl Templates {
    /// The fingerprint of a template (0 for an unknown name, which tera
    /// refuses anyway).
    pub fn fingerprint(&self, name: &str) -> u64 {
        self.fingerprints.get(name).copied().unwrap_or(0)
    }

    /// The path a template is shown with: `templates/plan.html` for the
    /// site's own, `plan.html (built-in template)` for a default.
    pub fn shown(&self, name: &str) -> String {
        match self.user.get(name) {
            Some(p) => p.clone(),
            None => format!("{name} (built-in template)"),
        }
    }

    /// An error tera met rendering `template`, as a diagnostic at the
    /// place it is about.
    pub fn render_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let chain = error_chain(e);
        let active = ACTIVE
            .captures_iter(&chain)
            .last()
            .map_or(template.to_string(), |c| c[1].to_string());
        let Some(var) = MISSING.captures(&chain).map(|c| c[1].to_string()) else {
            let path = self.shown(&active);
            return Diagnostic::error(path, 0, 0, format!("template: {chain}"));
        };
        // The template that failed first, then the others it may come from.
        let names = std::iter::once(active.as_str()).chain(
            self.sources
                .keys()
                .map(String::as_str)
                .filter(|n| *n != active),
        );
        let found = names
            .filter_map(|n| first_use(&self.sources[n], &var).map(|at| (n, at)))
            .next();
        let (name, (line, col)) = found.unwrap_or((active.as_str(), (0, 0)));
        Diagnostic::error(
            self.shown(name),
            line,
            col,
            format!(
                "template: `{var}` is not defined when rendering {template}: correct its name, or test it first ({{% if {var} is defined %}}); the README lists what each template gets (Customizing templates)"
            ),
        )
    }
}

/// `while rendering 'base.html'`: the template tera was in.
static ACTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"while rendering '([^']+)'").unwrap());

/// The variable a render error says is missing.
static MISSING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Variable `([^`]+)` not found in context").unwrap());

/// Tags of a template: `{{ … }}` and `{% … %}`.
static TAGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}").unwrap());

/// The line and column of the first use of `var` (a whole name, not the
/// start of a longer one) inside a tag of `text`.
fn first_use(text: &str, var: &str) -> Option<(usize, usize)> {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    TAGS.find_iter(text).find_map(|tag| {
        let t = tag.as_str();
        t.match_indices(var)
            .find(|(i, _)| {
                let before = t[..*i].chars().next_back().is_none_or(|c| !ident(c));
                let after = t[i + var.len()..].chars().next().is_none_or(|c| !ident(c));
                before && after
            })
            .map(|(i, _)| crate::diag::line_col(text, tag.start() + i))
    })
}

/// Quoted template names in a template's text: those it extends, imports
/// or includes (and any other it quotes, which costs only a re-render).
static NAMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["']([^"'\s{}%]+\.html)["']"#).unwrap());

/// The fingerprint of each template from the texts by name (see
/// [`Templates`]).
fn fingerprints(sources: &BTreeMap<String, String>) -> HashMap<String, u64> {
    let named: BTreeMap<&str, BTreeSet<&str>> = sources
        .iter()
        .map(|(name, text)| {
            let deps = NAMED
                .captures_iter(text)
                .filter_map(|c| c.get(1))
                .map(|m| m.as_str())
                .filter(|n| sources.contains_key(*n))
                .collect();
            (name.as_str(), deps)
        })
        .collect();
    sources
        .keys()
        .map(|name| {
            let mut seen = BTreeSet::from([name.as_str()]);
            let mut todo = vec![name.as_str()];
            while let Some(n) = todo.pop() {
                for d in &named[n] {
                    if seen.insert(d) {
                        todo.push(d);
                    }
                }
            }
            let mut h = DefaultHasher::new();
            for n in seen {
                (n, &sources[n]).hash(&mut h);
            }
            (name.clone(), h.finish())
        })
        .collect()
}

/// Loads the templates: defaults, then the site's own `templates/*.html`.
pub fn load(templates_dir: &Path, rel: &str, diags: &mut Diagnostics) -> Option<Templates> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Escape the five HTML specials only (tera's default also escapes `/`,
    // which makes every link unreadable in the source).
    tera.set_escape_fn(escape_html);
    let defaults: Vec<(&str, &str)> = DEFAULTS.to_vec();
    if let Err(e) = tera.add_raw_templates(defaults) {
        diags.push(tera_error("(built-in templates)", &e));
        return None;
    }
    let mut sources: BTreeMap<String, String> = DEFAULTS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let level = crate::load::walk::Walk {
        folders: false,
        ..crate::load::walk::Walk::LEVEL
    };
    let files: Vec<_> = crate::load::walk::walk(templates_dir, level)
        .entries
        .into_iter()
        .map(|e| e.path)
        .collect();
    let mut ok = true;
    let mut user = BTreeMap::new();
    for f in files {
        let Some(name) = f.file_name().map(|n| n.to_string_lossy().to_string()) else {
            continue;
        };
        if !name.ends_with(".html") || name.starts_with('.') {
            continue;
        }
        let path = format!("{rel}/{name}");
        let text = crate::site::read_file(&f).and_then(|b| {
            String::from_utf8(b)
                .map_err(|_| std::io::Error::other("not UTF-8 text; save it as UTF-8"))
        });
        match text {
            // Added one by one, so that an error names its file; each
            // replaces the default of the same name.
            Ok(text) => {
                if let Err(e) = tera.add_raw_template(&name, &text) {
                    diags.push(tera_error(&path, &e));
                    ok = false;
                }
                sources.insert(name.clone(), text);
                user.insert(name, path);
            }
            Err(e) => {
                diags.error(&path, 0, 0, format!("cannot read: {e}"));
                ok = false;
            }
        }
    }
    ok.then(|| Templates {
        tera,
        fingerprints: fingerprints(&sources),
        sources,
        user,
    })
}

fn escape_html(s: &str) -> String {
    crate::render::text::escape(s)
}

/// A tera error and its causes, on one line.
fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tera error as a diagnostic, with the full chain of causes.
pub fn tera_error(path: &str, e: &tera::Error) -> Diagnostic {
    let msg = error_chain(e);
    let (line, col) = POSITION
        .captures(&msg)
        .map(|c| (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0)))
        .unwrap_or((0, 0));
    Diagnostic::error(path, line, col, format!("template: {msg}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_user_templates_override_or_fail_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Diagnostics::new();
        let t = load(dir.path(), "templates", &mut d).expect("defaults load");
        assert!(d.is_empty(), "{:?}", d);
        assert!(t.tera.get_template_names().any(|n| n == "plan.html"));
        let defaults = (t.fingerprint("404.html"), t.fingerprint("plan.html"));
        std::fs::write(
            dir.path().join("404.html"),
            "{% extends \"base.html\" %}{% block main %}NOT HERE{% endblock %}",
        )
        .unwrap();
        std::fs::write(dir.path().join("plan.html"), "<p>\n{{ page.title </p>").unwrap();
        let mut d = Diagnostics::new();
        assert!(
            load(dir.path(), "templates", &mut d).is_none(),
            "a broken template fails the load"
        );
        let errs: Vec<String> = d.iter().map(|x| x.to_string()).collect();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].starts_with("templates/plan.html:2:"), "{errs:?}");
        std::fs::remove_file(dir.path().join("plan.html")).unwrap();
        let mut d = Diagnostics::new();
        let t = load(dir.path(), "templates", &mut d).expect("overrides load");
        let ast = format!("{:?}", t.tera.get_template("404.html").unwrap().ast);
        assert!(
            ast.contains("NOT HERE"),
            "the user's 404.html replaced the default"
        );
        assert_ne!(t.fingerprint("404.html"), defaults.0);
        assert_eq!(t.fingerprint("plan.html"), defaults.1);
    }

    /// A template's fingerprint changes with its own text and with the
    /// text of the templates it extends, imports or includes, not others.
    #[test]
    fn fingerprints_follow_what_a_template_uses() {
        let text = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect()
        };
        let base = [
            ("base.html", "<main>{% block main %}{% endblock %}</main>"),
            ("macros.html", "{% macro m() %}m{% endmacro %}"),
            ("part.html", "<p>part</p>"),
            (
                "a.html",
                "{% extends \"base.html\" %}{% import 'macros.html' as m %}",
            ),
            ("b.html", "{% include \"part.html\" %}"),
        ];
        let before = fingerprints(&text(&base));
        let changed = |name: &str, new: &str| -> Vec<String> {
            let mut pairs = base.to_vec();
            pairs.iter_mut().find(|p| p.0 == name).unwrap().1 = new;
            let after = fingerprints(&text(&pairs));
            let mut c: Vec<String> = after
                .iter()
                .filter(|(n, f)| before[*n] != **f)
                .map(|(n, _)| n.clone())
                .collect();
            c.sort();
            c
        };
        assert_eq!(
            changed("base.html", "<main></main>"),
            ["a.html", "base.html"]
        );
        assert_eq!(changed("macros.html", "x"), ["a.html", "macros.html"]);
        assert_eq!(changed("part.html", "x"), ["b.html", "part.html"]);
        assert_eq!(changed("b.html", "x"), ["b.html"]);
    }
}
