//! Indicator charts (stage 5): the targets of an indicator as inline
//! SVG (see `chart`), one chart per unit, years on the x axis. A target
//! printed without a year stands at the last year of its plan's edition
//! (the year the plan runs to) and says so in its tooltip.

use crate::model::Target;
use crate::model::compare::edition_years;
use crate::render::chart::{Point, svg};
use crate::render::context::{Ctx, printed_value};
use crate::render::links::Links;
use std::collections::BTreeMap;

/// The charts of an indicator's targets (one per unit with placeable values).
pub fn indicator_charts(ctx: &Ctx, l: &Links, targets: &[&Target]) -> Vec<String> {
    let m = ctx.model;
    let mut by_unit: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    for t in targets {
        let Some(value) = t.value else { continue };
        let plan = &m.plans[&t.plan];
        let (year, undated) = match t.year {
            Some(y) => (y, false),
            None => match plan.edition.as_deref().and_then(edition_years) {
                Some((_, last)) => (last, true),
                None => continue,
            },
        };
        let mut label = format!(
            "{}{}",
            t.comparator.as_deref().unwrap_or(""),
            printed_value(t)
        );
        if undated {
            label.push_str("(原文未注明年份,按版本年份标示)");
        }
        by_unit
            .entry(t.unit.as_deref().unwrap_or("").to_string())
            .or_default()
            .push(Point {
                year,
                value,
                value_high: t.value_high,
                label,
                series: match &plan.edition {
                    Some(e) if !plan.title.contains(e.as_str()) => format!("{}({e})", plan.title),
                    _ => plan.title.clone(),
                },
                href: l.to(&ctx.target_path(t)),
                uncertain: t.uncertain,
            });
    }
    by_unit
        .into_iter()
        .filter(|(_, pts)| !pts.is_empty())
        .map(|(unit, pts)| svg(&pts, &unit))
        .collect()
}
