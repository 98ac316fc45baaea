//! schema.org JSON-LD for cooperation projects (`Project`, an `Organization`).

use super::{Link, link_list, tagged};
use kolo_domain::Project;
use kolo_domain::project::PartnerRole;
use serde_json::{Map, Value, json};

/// What a project page knows besides the project: its partners' pages with their roles, its
/// networks' pages and the linked events' pages (all absolute URLs).
pub struct ProjectContext<'a> {
    pub url: &'a str,
    pub partners: &'a [(Link<'a>, PartnerRole)],
    pub networks: &'a [Link<'a>],
    pub events: &'a [Link<'a>],
}

/// A schema.org `Project`: partners as `member` roles (lead or partner), the period as founding
/// and dissolution dates (an `Organization`'s), the funder, networks as `memberOf`, and the
/// events its activities link to.
pub fn project(p: &Project, cx: &ProjectContext<'_>) -> Value {
    let mut obj = Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("Project"));
    obj.insert("@id".into(), json!(cx.url));
    obj.insert("url".into(), json!(cx.url));
    obj.insert("name".into(), tagged(&p.title));
    if !p.description.is_empty() {
        obj.insert("description".into(), tagged(&p.description));
    }
    obj.insert("foundingDate".into(), json!(p.starts_on.to_string()));
    if let Some(end) = p.ends_on {
        obj.insert("dissolutionDate".into(), json!(end.to_string()));
    }
    let members: Vec<Value> = cx
        .partners
        .iter()
        .map(|(l, role)| {
            json!({
                "@type": "OrganizationRole",
                "roleName": role.code(),
                "member": { "@type": "Organization", "@id": l.url, "url": l.url, "name": tagged(l.name) },
            })
        })
        .collect();
    if !members.is_empty() {
        obj.insert("member".into(), Value::Array(members));
    }
    if let Some(f) = &p.funding {
        let mut funder = Map::new();
        funder.insert("@type".into(), json!("Organization"));
        if !f.funder.is_empty() {
            funder.insert("name".into(), tagged(&f.funder));
        }
        if let Some(url) = &f.funder_url {
            funder.insert("url".into(), json!(url.as_str()));
        }
        if funder.len() > 1 {
            obj.insert("funder".into(), Value::Object(funder));
        }
    }
    if !cx.networks.is_empty() {
        obj.insert("memberOf".into(), link_list("Organization", cx.networks));
    }
    if !cx.events.is_empty() {
        obj.insert("event".into(), link_list("Event", cx.events));
    }
    Value::Object(obj)
}
