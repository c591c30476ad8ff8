//! The content of one responsibility clause (brackets removed, folded):
//! its labelled segments, the parts that end in a marker (牵头, 负责, 会同,
//! 配合 …) and bare lists, read into lead, support and generic names.
//! Part of `parse::responsibility`.

use super::*;

/// `X负责、Y配合` → `X负责,Y配合`: a 、 right after a marker ends its part.
fn mark_ends(content: &str) -> String {
    let mut out = content.to_string();
    for m in ["负责", "負責", "牵头", "牽頭"] {
        out = out.replace(&format!("{m}、"), &format!("{m},"));
    }
    out
}

/// Names of a labelled list where some carry `(牵头)`: (those, the others).
fn inline_lead(part: &str) -> Option<(Vec<String>, Vec<String>)> {
    if !part.contains("(牵头)") && !part.contains("(牽頭)") {
        return None;
    }
    let (mut lead, mut support) = (Vec::new(), Vec::new());
    for item in split_top(part, &['、', ',']) {
        let marked = item.contains("(牵头)") || item.contains("(牽頭)");
        let name = clean_name(&without_parens(&item));
        if !name_ok(&name) {
            continue;
        }
        if marked {
            lead.push(name);
        } else {
            support.push(name);
        }
    }
    (!lead.is_empty()).then_some((lead, support))
}

#[derive(Default)]
pub(super) struct Found {
    pub(super) lead: Vec<String>,
    pub(super) support: Vec<String>,
    pub(super) generic: Vec<String>,
}

impl Found {
    fn add(&mut self, role: Role, names: Vec<String>) {
        for n in names {
            if is_generic(&n) {
                self.generic.push(n);
            } else {
                match role {
                    Role::Lead => self.lead.push(n),
                    Role::Support => self.support.push(n),
                }
            }
        }
    }

    fn add_list(&mut self, default: Role, names: Vec<String>, convention: Option<Convention>) {
        match convention {
            Some(Convention::FirstListedLeads) => {
                let mut first = true;
                for n in names {
                    let role = if first && !is_generic(&n) {
                        first = false;
                        Role::Lead
                    } else if first {
                        default
                    } else {
                        Role::Support
                    };
                    self.add(role, vec![n]);
                }
            }
            None => self.add(default, names),
        }
    }

    fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.support.is_empty() && self.generic.is_empty()
    }
}

/// Parses the content of one clause (folded text, brackets removed).
/// `at_end`: the clause ends a sentence, so a bare list counts.
pub(super) fn parse_clause(
    content: &str,
    at_end: bool,
    convention: Option<Convention>,
) -> Option<Found> {
    // X负责、Y配合: a marker closes its part even before a 、.
    let content = &mark_ends(content);
    // Segments: (label, text) with the text before the first label unlabelled.
    let mut segments: Vec<(Option<&str>, &str)> = Vec::new();
    let mut at = 0;
    let mut label: Option<&str> = None;
    for m in label_re().find_iter(content) {
        segments.push((label, &content[at..m.start()]));
        label = Some(&content[m.start()..m.start() + 6]);
        at = m.end();
    }
    segments.push((label, &content[at..]));
    let has_label = segments.iter().any(|(l, _)| l.is_some());
    let has_lead_label = segments
        .iter()
        .any(|(l, _)| l.is_some_and(|l| ["牵头", "牽頭", "主责", "主責"].contains(&l)));

    let mut found = Found::default();
    let mut lead_seen = false;
    // A lead named by `X牵头` inside a 责任单位 list: the unmarked names after it support.
    let mut lead_marked = false;
    let mut bare: Vec<Vec<String>> = Vec::new();
    let mut marked = false;
    for (label, text) in segments {
        // 部门分工: / 分工: label the clause without giving a role.
        let neutral = matches!(label, Some("部门" | "部門" | "分工"));
        let label_role = label.filter(|_| !neutral).map(|l| match l {
            "牵头" | "牽頭" | "主责" | "主責" => Role::Lead,
            "责任" | "責任" | "指导" | "指導" | "承办" | "承辦" if !has_lead_label => {
                Role::Lead
            }
            _ => Role::Support,
        });
        // A label's list ends with its sentence: what follows 。 is a remark.
        let text = match label {
            Some(_) => text.split('。').next().unwrap_or(""),
            None => text,
        };
        for part in split_top(text, &[';', ',', '。']) {
            let part = part.trim_matches(is_trim);
            if part.is_empty() {
                continue;
            }
            if let Some(m) = marker_re().find(part) {
                let head = &part[..m.start()];
                // X会同Y负责: X leads, Y supports.
                let (head, with) = match head.find("会同").or_else(|| head.find("會同")) {
                    Some(k) => (&head[..k], Some(&head[k + "会同".len()..])),
                    None => (head, None),
                };
                let names: Vec<String> = split_names(head);
                let with: Vec<String> = with.map(split_names).unwrap_or_default();
                if names.is_empty() {
                    continue;
                }
                let leads = ["牵头", "牽頭", "指导", "指導"]
                    .iter()
                    .any(|w| m.as_str().contains(w))
                    || !with.is_empty();
                if label.is_none() && !names.iter().chain(&with).all(|n| name_ok(n)) {
                    continue;
                }
                let names: Vec<String> = names.into_iter().filter(|n| name_ok(n)).collect();
                let with: Vec<String> = with.into_iter().filter(|n| name_ok(n)).collect();
                marked = true;
                if leads {
                    found.add(Role::Lead, names);
                    found.add(Role::Support, with);
                    lead_seen = true;
                    lead_marked = true;
                } else if label_role == Some(Role::Support) || lead_seen {
                    found.add(Role::Support, names);
                } else if label.is_some() {
                    found.add(Role::Lead, names);
                } else {
                    found.add_list(Role::Lead, names, convention);
                }
                continue;
            }
            if let Some(m) = support_marker_re().find(part) {
                let names = split_names(&part[..m.start()]);
                if !names.is_empty() && (label.is_some() || names.iter().all(|n| name_ok(n))) {
                    let names: Vec<String> = names.into_iter().filter(|n| name_ok(n)).collect();
                    marked = true;
                    // A, B, C配合: the lists before the marker since the last
                    // lead, separated by commas, support too.
                    if lead_seen && label.is_none() {
                        for list in bare.drain(..) {
                            if list.iter().all(|n| name_ok(n)) {
                                found.add(Role::Support, list);
                            }
                        }
                    }
                    found.add(Role::Support, names);
                    continue;
                }
            }
            match label_role {
                Some(_) if inline_lead(part).is_some() => {
                    // 责任单位:X(牵头)、Y、Z: the marked names lead.
                    let (lead, support) = inline_lead(part).expect("checked");
                    lead_seen = true;
                    found.add(Role::Lead, lead);
                    found.add(Role::Support, support);
                }
                Some(role) => {
                    let names: Vec<String> = split_names(part)
                        .into_iter()
                        .filter(|n| name_ok(n))
                        .collect();
                    let role = if role == Role::Lead && lead_marked {
                        Role::Support
                    } else {
                        role
                    };
                    if role == Role::Lead && !names.is_empty() {
                        lead_seen = true;
                    }
                    found.add(role, names);
                }
                None if neutral => {
                    let names: Vec<String> = split_names(part)
                        .into_iter()
                        .filter(|n| name_ok(n))
                        .collect();
                    found.add_list(Role::Lead, names, convention);
                }
                None => bare.push(split_names(part)),
            }
        }
    }
    // A bracket that is nothing but a list of names.
    if !has_label && !marked && at_end && bare.len() == 1 {
        let names = bare.pop().expect("one list");
        let plausible = |n: &String| {
            let simplified = crate::parse::script::to_simplified(n);
            is_generic(n)
                || (looks_like_department(n)
                    && ([
                        "省",
                        "市",
                        "县",
                        "縣",
                        "区",
                        "區",
                        "州",
                        "国",
                        "中",
                        "全国",
                        "最高",
                        "团",
                        "人民银行",
                        "金融监管总局",
                    ]
                    .iter()
                    .any(|p| simplified.starts_with(p))
                        || crate::parse::text::without_province(&simplified).is_some()
                        || [
                            "海关",
                            "证监局",
                            "监管局",
                            "分行",
                            "支行",
                            "公司",
                            "集团",
                            "部",
                        ]
                        .iter()
                        .any(|e| simplified.ends_with(e))))
        };
        // The first name must have the form of a body of the genre; the
        // names after it may drop the province (省发展改革委、经济和信息化委).
        if !names.is_empty()
            && plausible(&names[0])
            && names
                .iter()
                .all(|n| is_generic(n) || looks_like_department(n))
            && names.iter().any(|n| !is_generic(n))
        {
            found.add_list(Role::Lead, names, convention);
        }
    }
    (!found.is_empty()).then_some(found)
}
