//! Stage 4, model: the whole-site model.

pub mod departments;
pub mod ids;
