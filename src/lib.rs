//! gazette: a static site generator for policy publications.
//!
//! The pipeline runs in stages, one module each:
//! `load` (read and decode raw files) → `parse` (pure, per file: from a
//! seed text to documents, plans, sections and tasks; from a task text to
//! departments, targets, deadlines, citations) → `content` (the editable
//! Markdown form, written by `import` and read back by `build`) → `model`
//! (the whole-site model, built in explicit ordered steps) → `export`
//! (open data: JSON and CSV as bytes per path) → `write` (puts output on
//! disk atomically). `import` and `build` orchestrate the stages.

pub mod build;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod content;
pub mod diag;
pub mod export;
pub mod import;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod pause;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod timing;
pub mod write;
