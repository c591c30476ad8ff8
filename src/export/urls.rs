//! Site-relative URLs of every entity that has a page.
//!
//! A target stands on its indicator's page; an indicator with more than
//! `page_size` targets is split into pages (newest first, see
//! [`indicator_targets`]), so a target's URL depends on the page size:
//! [`TargetPages`] says which page holds it.

use crate::model::compare::edition_years;
use crate::model::{Model, Target};
use crate::render::paginate;
use std::cmp::Reverse;
use std::collections::HashMap;

pub fn document(id: &str) -> String {
    format!("/documents/{id}/")
}

pub fn plan(id: &str) -> String {
    format!("/plans/{id}/")
}

pub fn task(plan_id: &str, anchor: &str) -> String {
    format!("/plans/{plan_id}/#{anchor}")
}

pub fn department(id: &str) -> String {
    format!("/departments/{id}/")
}

pub fn indicator(id: &str) -> String {
    format!("/indicators/{id}/")
}

/// The site folder of an indicator's pages (`indicators/x/`).
pub fn indicator_base(id: &str) -> String {
    format!("indicators/{id}/")
}

/// The year a target is placed at: its own, else the last year of its
/// plan's edition (the year the plan runs to); `None` when neither is known.
pub fn placed_year(m: &Model, t: &Target) -> Option<i32> {
    t.year.or_else(|| {
        m.plans
            .get(&t.plan)
            .and_then(|p| p.edition.as_deref())
            .and_then(edition_years)
            .map(|(_, last)| last)
    })
}

/// The targets of indicator `id` in the order of its pages: newest
/// placed year first (targets that cannot be placed last), then newest
/// edition, then by id.
pub fn indicator_targets<'m>(m: &'m Model, id: &str) -> Vec<&'m Target> {
    let Some(ind) = m.indicators.get(id) else {
        return Vec::new();
    };
    let mut ts: Vec<(Option<i32>, Option<&str>, &Target)> = ind
        .targets
        .iter()
        .filter_map(|t| m.targets.get(t))
        .map(|t| {
            let edition = m.plans.get(&t.plan).and_then(|p| p.edition.as_deref());
            (placed_year(m, t), edition, t)
        })
        .collect();
    ts.sort_by(|a, b| {
        (Reverse(a.0), Reverse(a.1), &a.2.id).cmp(&(Reverse(b.0), Reverse(b.1), &b.2.id))
    });
    ts.into_iter().map(|x| x.2).collect()
}

/// The page (1-based) of every target on its indicator's pages.
#[derive(Debug, Clone, Default)]
pub struct TargetPages {
    /// Targets past page 1 only.
    pages: HashMap<crate::model::Id, usize>,
}

impl TargetPages {
    pub fn new(m: &Model, page_size: usize) -> TargetPages {
        use rayon::prelude::*;
        // Only indicators of more than one page; each ordered on its own,
        // in parallel.
        let long: Vec<&crate::model::Id> = m
            .indicators
            .iter()
            .filter(|(_, ind)| ind.targets.len() > page_size.max(1))
            .map(|(id, _)| id)
            .collect();
        let pages = long
            .par_iter()
            .flat_map_iter(|id| {
                indicator_targets(m, id)
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| (t, paginate::page_of(i, page_size)))
                    .filter(|(_, n)| *n > 1)
                    .map(|(t, n)| (t.id.clone(), n))
                    .collect::<Vec<_>>()
            })
            .collect();
        TargetPages { pages }
    }

    /// The page of target `id` (1 when unknown).
    pub fn page(&self, id: &str) -> usize {
        self.pages.get(id).copied().unwrap_or(1)
    }

    /// The URL of a target: the page of its indicator that holds it.
    pub fn url(&self, t: &Target) -> String {
        target_on(&t.indicator, self.page(&t.id), &t.id)
    }
}

/// The URL of target `target_id` on page `page` of its indicator.
pub fn target_on(indicator_id: &str, page: usize, target_id: &str) -> String {
    format!(
        "{}#{target_id}",
        paginate::page_url(&indicator_base(indicator_id), page)
    )
}
