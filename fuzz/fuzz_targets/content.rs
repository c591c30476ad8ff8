//! The content reader: any text, as an edited content file, is read as a
//! document's `index.md` and as a plan file (TOML front matter, Markdown
//! body: `content::read`), and what reads is built into a model, without
//! a panic or a hang.

#![no_main]

use gazette::content::body::blocks;
use gazette::content::read::{read_doc, read_plan};
use gazette::diag::Diagnostics;
use gazette::model::build::{DocInput, build};
use gazette::model::departments::DepartmentTable;
use gazette::model::facts::FactsCache;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, LazyLock};

static DEPARTMENTS: LazyLock<DepartmentTable> = LazyLock::new(DepartmentTable::builtin);

/// A document to hang a fuzzed plan file on.
const DOC: &str = "+++\nid = \"doc\"\ntitle = \"文件\"\nplans = [\"plan.md\"]\n\n[source]\nfile = \"seeds/fuzz.txt\"\nlines = \"1-1\"\n+++\n";

fuzz_target!(|text: &str| {
    let _ = blocks(text);
    let mut inputs = Vec::new();
    if let Some(doc) = read_doc("content/fuzz/index.md", text.as_bytes()).file {
        inputs.push(DocInput {
            doc: Arc::new(doc),
            plans: Vec::new(),
        });
    }
    if let Some(plan) = read_plan("content/doc/plan.md", text.as_bytes()).file {
        let doc = read_doc("content/doc/index.md", DOC.as_bytes())
            .file
            .expect("the fixed document reads");
        inputs.push(DocInput {
            doc: Arc::new(doc),
            plans: vec![Arc::new(plan)],
        });
    }
    if !inputs.is_empty() {
        let mut diags = Diagnostics::default();
        build(
            &inputs,
            &DEPARTMENTS,
            &mut FactsCache::disabled(),
            &mut diags,
        );
    }
});
