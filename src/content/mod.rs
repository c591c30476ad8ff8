//! Stage 3, content: the editable Markdown form of documents and plans.
//!
//! `import` writes one folder per document under `content/`: `index.md`
//! for the document itself and one file per plan. Each file has TOML
//! front matter (between `+++` lines) with the metadata and a Markdown
//! body: section headings, tasks as `####` headings with the class
//! `.task`, paragraphs and indicator tables. Provenance stays with every
//! item: `lines=…` attributes on headings, `<!-- lines … -->` comments
//! before paragraphs and tables. `build` reads the same files back with
//! pulldown-cmark.

pub mod body;
pub mod front;
pub mod markdown;
pub mod read;
pub mod strict;
pub mod values;
pub mod walk;

pub use front::{DocFront, PlanFront, SourceRef};
