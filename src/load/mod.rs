//! Stage 1, load: finds a site's files and reads them. Seeds are decoded
//! (`decode`); content, templates and data tables are read as UTF-8.
//! Output: texts with their paths, and diagnostics for what could not be
//! read.

pub mod decode;
