//! Indicator charts (stage 5): one inline SVG per unit, years on the x axis.

use crate::model::Target;
use crate::render::context::Ctx;
use crate::render::links::Links;

/// The charts of an indicator's targets (one per unit with dated values).
pub fn indicator_charts(_ctx: &Ctx, _l: &Links, _targets: &[&Target]) -> Vec<String> {
    Vec::new()
}
