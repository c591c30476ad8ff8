//! The importer: any text, as a seed, goes through what `import` and then
//! `build` do with it: decode (a text refused as binary stops there),
//! parse (`parse::segment::parse_seed`),
//! resolve across the corpus, render the content files, read them back
//! (`content::read`) and build the model. Nothing panics or hangs, and
//! every content file import writes reads back.

#![no_main]

use gazette::content::read::{read_doc, read_plan};
use gazette::diag::Diagnostics;
use gazette::import::{ParsedFile, render_content, resolve_corpus};
use gazette::load::decode::decode;
use gazette::model::build::{DocInput, build};
use gazette::model::departments::DepartmentTable;
use gazette::model::facts::FactsCache;
use gazette::parse::segment::{ParseTables, parse_seed};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static TABLES: LazyLock<ParseTables> = LazyLock::new(ParseTables::builtin);
static DEPARTMENTS: LazyLock<DepartmentTable> = LazyLock::new(DepartmentTable::builtin);

fuzz_target!(|text: &str| {
    let path = "seeds/fuzz.txt";
    // As import does: a text `decode` refuses (binary) is not parsed.
    let decoded = decode(text.as_bytes(), path);
    if decoded.refused {
        return;
    }
    let parsed = parse_seed(path, &decoded.text, &TABLES);
    let mut files = vec![ParsedFile {
        path: path.to_string(),
        encoding: decoded.encoding,
        docs: parsed.docs,
    }];
    let mut diags = Diagnostics::default();
    resolve_corpus(&mut files, &mut diags);
    let rendered: BTreeMap<String, String> = render_content(&files)
        .into_iter()
        .map(|r| (r.path, r.text))
        .collect();
    let mut inputs = Vec::new();
    for (p, t) in rendered.iter().filter(|(p, _)| p.ends_with("/index.md")) {
        let read = read_doc(p, t.as_bytes());
        let doc = read.file.unwrap_or_else(|| {
            panic!(
                "import wrote {p}, which does not read back: {:?}\n{t}",
                read.diagnostics
            )
        });
        let dir = &p[..p.len() - "index.md".len()];
        let plans = doc
            .front
            .plans
            .iter()
            .map(|name| {
                let pp = format!("{dir}{name}");
                let pt = rendered
                    .get(&pp)
                    .unwrap_or_else(|| panic!("{p} lists {name}, not written"));
                let read = read_plan(&pp, pt.as_bytes());
                read.file.map(std::sync::Arc::new).unwrap_or_else(|| {
                    panic!(
                        "import wrote {pp}, which does not read back: {:?}\n{pt}",
                        read.diagnostics
                    )
                })
            })
            .collect();
        inputs.push(DocInput {
            doc: std::sync::Arc::new(doc),
            plans,
        });
    }
    build(
        &inputs,
        &DEPARTMENTS,
        &mut FactsCache::disabled(),
        &mut diags,
    );
});
