//! Stage 1, load: finds a site's files and reads them. Seeds are read
//! (`seeds`: unreadable, refused, empty and duplicate files set aside),
//! decoded (`decode`, line by line when a file mixes two encodings:
//! `mixed`) and judged (`plausible`: a binary file or a wrong guess of
//! encoding is refused); content, templates and data tables are read as
//! UTF-8.
//! Output: texts with their paths, and diagnostics for what could not be
//! read.

pub mod decode;
pub mod mixed;
pub mod plausible;
pub mod seeds;
pub mod theme;
pub mod walk;
