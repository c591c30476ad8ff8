//! Stage 5, export: open data.
