//! Cooperation projects: institutions that work together for a while on goals and tasks, with
//! dated activities (an exchange week, a banner exhibition, a round table) and their outcomes.
//!
//! An activity may name one of the project's records by slug (an event, an exhibition, an
//! event's document, a publication), with no foreign key, as exhibitions name objects: what a
//! bundle can write, true across re-imports; pages resolve the ones that exist.

use crate::collection::PublicationState;
use crate::event::coded_enum;
use crate::lang::LangTag;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use url::Url;

coded_enum!(
    /// Where a project stands.
    ProjectStatus {
        Planned = "planned",
        Running = "running",
        Completed = "completed",
        Cancelled = "cancelled",
    }
);

coded_enum!(
    /// What an institution does in a project.
    PartnerRole {
        Lead = "lead",
        Partner = "partner",
    }
);

coded_enum!(
    /// The kinds of records an activity may link to.
    ActivityLinkKind {
        Event = "event",
        Exhibition = "exhibition",
        Document = "document",
        Publication = "publication",
    }
);

/// A partner institution; staff of every partner edit the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectPartner {
    pub institution: Slug,
    pub role: PartnerRole,
}

/// Who pays for it, or the competition it won.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub text: LocalizedText,
    #[serde(default)]
    pub funder: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub funder_url: Option<Url>,
}

/// A record an activity names: `slug` is the event's, exhibition's or publication's; a
/// document is named by its event's slug and its own `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityLink {
    pub kind: ActivityLinkKind,
    pub slug: Slug,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Slug>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    #[schema(value_type = String, format = "date")]
    pub starts_on: NaiveDate,
    /// The last day, for an activity of several days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date")]
    pub ends_on: Option<NaiveDate>,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<ActivityLink>,
}

/// A cooperation project. Unknown fields are refused at the edges (`FIELDS`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Project {
    pub slug: Slug,
    #[schema(value_type = String, example = "uk")]
    pub original_lang: LangTag,
    pub title: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    pub partners: Vec<ProjectPartner>,
    /// Networks it belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<Slug>,
    #[schema(value_type = String, format = "date")]
    pub starts_on: NaiveDate,
    /// Open when not known yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date")]
    pub ends_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    pub status: ProjectStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<LocalizedText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<LocalizedText>,
    pub state: PublicationState,
}

impl Project {
    /// Every field, for the edges that refuse unknown ones (API bodies, bundle files).
    pub const FIELDS: &'static [&'static str] = &[
        "slug",
        "original_lang",
        "title",
        "description",
        "partners",
        "networks",
        "starts_on",
        "ends_on",
        "funding",
        "status",
        "goals",
        "tasks",
        "activities",
        "outcomes",
        "state",
    ];
    pub const MAX_TITLE: usize = 300;
    pub const MAX_TEXT: usize = 50_000;
    pub const MAX_ITEM: usize = 2_000;
    pub const MAX_ITEMS: usize = 200;

    /// The partners' institutions, leads first.
    pub fn partner_slugs(&self) -> Vec<Slug> {
        let mut partners: Vec<&ProjectPartner> = self.partners.iter().collect();
        partners.sort_by_key(|p| p.role != PartnerRole::Lead);
        partners
            .into_iter()
            .map(|p| p.institution.clone())
            .collect()
    }

    /// The activities by date (stable: those of one day keep their order).
    pub fn timeline(&self) -> Vec<&Activity> {
        let mut list: Vec<&Activity> = self.activities.iter().collect();
        list.sort_by_key(|a| a.starts_on);
        list
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, Self::MAX_TITLE, &mut errors);
        self.description
            .check("description", false, Self::MAX_TEXT, &mut errors);
        if self.partners.is_empty() {
            errors.push(FieldError::new("partners", "required"));
        } else if !self.partners.iter().any(|p| p.role == PartnerRole::Lead) {
            errors.push(FieldError::new("partners", "needs-lead"));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, p) in self.partners.iter().enumerate() {
            if !seen.insert(&p.institution) {
                errors.push(FieldError::new(
                    format!("partners[{i}].institution"),
                    "duplicate",
                ));
            }
        }
        if self.ends_on.is_some_and(|end| end < self.starts_on) {
            errors.push(FieldError::new("ends_on", "ends-before-start"));
        }
        if let Some(f) = &self.funding {
            f.text
                .check("funding.text", true, Self::MAX_ITEM, &mut errors);
            f.funder
                .check("funding.funder", false, Self::MAX_TITLE, &mut errors);
        }
        for (name, list) in [
            ("goals", &self.goals),
            ("tasks", &self.tasks),
            ("outcomes", &self.outcomes),
        ] {
            if list.len() > Self::MAX_ITEMS {
                errors.push(FieldError::new(name, "too-many").with_limit(Self::MAX_ITEMS));
            }
            for (i, text) in list.iter().enumerate() {
                text.check(&format!("{name}[{i}]"), true, Self::MAX_ITEM, &mut errors);
            }
        }
        if self.activities.len() > Self::MAX_ITEMS {
            errors.push(FieldError::new("activities", "too-many").with_limit(Self::MAX_ITEMS));
        }
        for (i, a) in self.activities.iter().enumerate() {
            let at = |f: &str| format!("activities[{i}].{f}");
            a.title
                .check(&at("title"), true, Self::MAX_TITLE, &mut errors);
            a.description
                .check(&at("description"), false, Self::MAX_TEXT, &mut errors);
            if a.ends_on.is_some_and(|end| end < a.starts_on) {
                errors.push(FieldError::new(at("ends_on"), "ends-before-start"));
            }
            if let Some(link) = &a.link {
                match (link.kind, &link.key) {
                    (ActivityLinkKind::Document, None) => {
                        errors.push(FieldError::new(at("link.key"), "required"))
                    }
                    (ActivityLinkKind::Document, Some(_)) | (_, None) => {}
                    (_, Some(_)) => errors.push(FieldError::new(at("link.key"), "only-documents")),
                }
            }
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::parse("slug", s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn activity(on: &str, title: &str) -> Activity {
        Activity {
            starts_on: day(on),
            ends_on: None,
            title: LocalizedText::new().with("uk", title),
            description: LocalizedText::new(),
            link: None,
        }
    }

    fn diplomacy() -> Project {
        Project {
            slug: slug("inter-museum-diplomacy"),
            original_lang: "uk".parse().unwrap(),
            title: LocalizedText::new().with("uk", "Міжмузейна дипломатія"),
            description: LocalizedText::new(),
            partners: vec![
                ProjectPartner {
                    institution: slug("lviv-folk-architecture-museum"),
                    role: PartnerRole::Partner,
                },
                ProjectPartner {
                    institution: slug("novopskov-museum"),
                    role: PartnerRole::Lead,
                },
            ],
            networks: vec![],
            starts_on: day("2019-09-09"),
            ends_on: Some(day("2020-09-13")),
            funding: None,
            status: ProjectStatus::Completed,
            goals: vec![],
            tasks: vec![LocalizedText::new().with("uk", "Обмін кращими практиками.")],
            activities: vec![
                activity("2020-09-08", "Виставка"),
                activity("2019-09-09", "Коло вічної істини"),
            ],
            outcomes: vec![],
            state: PublicationState::Published,
        }
    }

    #[test]
    fn leads_come_first_and_the_timeline_is_by_date() {
        let p = diplomacy();
        p.validate().unwrap();
        let slugs: Vec<String> = p.partner_slugs().iter().map(ToString::to_string).collect();
        assert_eq!(slugs, ["novopskov-museum", "lviv-folk-architecture-museum"]);
        let titles: Vec<&str> = p
            .timeline()
            .iter()
            .map(|a| a.title.get("uk").unwrap())
            .collect();
        assert_eq!(titles, ["Коло вічної істини", "Виставка"]);
    }

    #[test]
    fn rules_name_the_field() {
        let mut p = diplomacy();
        p.partners[1].role = PartnerRole::Partner;
        p.ends_on = Some(day("2019-01-01"));
        p.tasks.push(LocalizedText::new());
        p.activities[0].link = Some(ActivityLink {
            kind: ActivityLinkKind::Document,
            slug: slug("inter-museum-diplomacy-2020"),
            key: None,
        });
        p.activities[1].link = Some(ActivityLink {
            kind: ActivityLinkKind::Exhibition,
            slug: slug("kolo-vichnoi-istyny"),
            key: Some(slug("x")),
        });
        let errors = p.validate().unwrap_err();
        for (field, reason) in [
            ("partners", "needs-lead"),
            ("ends_on", "ends-before-start"),
            ("tasks[1]", "required"),
            ("activities[0].link.key", "required"),
            ("activities[1].link.key", "only-documents"),
        ] {
            assert_eq!(
                errors.for_field(field).map(|e| e.reason.as_str()),
                Some(reason),
                "{field}: {errors}"
            );
        }
    }
}
