//! Site-relative URLs of every entity that has a page.

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

pub fn target(indicator_id: &str, target_id: &str) -> String {
    format!("/indicators/{indicator_id}/#{target_id}")
}
