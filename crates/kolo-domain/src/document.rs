//! Outcomes of an event: documents attached to it (a resolution, the programme as a document,
//! a report), each a draft until it is final. A resolution holds structured recommendations,
//! each addressed to someone ("model libraries", "the project offices of the national project").

use crate::event::{ExternalLink, coded_enum};
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What a document is.
    DocumentKind {
        Resolution = "resolution",
        Programme = "programme",
        Report = "report",
        Other = "other",
    }
);

coded_enum!(
    /// Whether a document may still change in substance (`draft`) or has been adopted (`final`).
    DocumentStatus {
        Draft = "draft",
        Final = "final",
    }
);

/// One recommendation of a resolution: to whom, and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub addressee: LocalizedText,
    pub text: LocalizedText,
}

/// A document of an event, addressed by `key` within the event. Unknown fields are refused at
/// the edges (`FIELDS`), not by serde, so API records can flatten it beside their own fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EventDocument {
    pub key: Slug,
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    pub title: LocalizedText,
    #[serde(default)]
    pub summary: LocalizedText,
    #[serde(default)]
    pub body: LocalizedText,
    /// The day it was adopted (or, for a draft, dated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "date", example = "2022-03-17")]
    pub adopted_on: Option<NaiveDate>,
    /// The document's files and copies elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ExternalLink>,
    /// Resolutions only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<Recommendation>,
}

impl EventDocument {
    pub const FIELDS: &'static [&'static str] = &[
        "key",
        "kind",
        "status",
        "title",
        "summary",
        "body",
        "adopted_on",
        "links",
        "recommendations",
    ];
    pub const MAX_TITLE: usize = 300;
    pub const MAX_BODY: usize = 50_000;
    pub const MAX_RECOMMENDATION: usize = 2_000;
    pub const MAX_RECOMMENDATIONS: usize = 200;

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.title
            .check("title", true, Self::MAX_TITLE, &mut errors);
        self.summary.check("summary", false, 1_000, &mut errors);
        self.body.check("body", false, Self::MAX_BODY, &mut errors);
        for (i, l) in self.links.iter().enumerate() {
            l.label
                .check(&format!("links[{i}].label"), true, 200, &mut errors);
        }
        if !self.recommendations.is_empty() && self.kind != DocumentKind::Resolution {
            errors.push(FieldError::new("recommendations", "only-for-resolutions"));
        }
        if self.recommendations.len() > Self::MAX_RECOMMENDATIONS {
            errors.push(
                FieldError::new("recommendations", "too-many")
                    .with_limit(Self::MAX_RECOMMENDATIONS),
            );
        }
        for (i, r) in self.recommendations.iter().enumerate() {
            let at = |f: &str| format!("recommendations[{i}].{f}");
            r.addressee.check(&at("addressee"), true, 500, &mut errors);
            r.text
                .check(&at("text"), true, Self::MAX_RECOMMENDATION, &mut errors);
        }
        errors.into_result(())
    }

    /// Whether this may replace `current`: a final document stays final (it may still be
    /// corrected, and its revisions show that), because a draft again would hide an adoption.
    pub fn check_revision_of(&self, current: &EventDocument) -> Result<(), ValidationErrors> {
        if current.status == DocumentStatus::Final && self.status == DocumentStatus::Draft {
            return Err(FieldError::new("status", "final-to-draft").into_errors());
        }
        Ok(())
    }

    /// The recommendations grouped by addressee, groups in order of first appearance.
    pub fn recommendations_by_addressee(&self) -> Vec<(&LocalizedText, Vec<&LocalizedText>)> {
        let mut groups: Vec<(&LocalizedText, Vec<&LocalizedText>)> = Vec::new();
        for r in &self.recommendations {
            match groups.iter_mut().find(|(a, _)| **a == r.addressee) {
                Some((_, texts)) => texts.push(&r.text),
                None => groups.push((&r.addressee, vec![&r.text])),
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> LocalizedText {
        LocalizedText::new().with("ru", s)
    }

    fn resolution() -> EventDocument {
        EventDocument {
            key: Slug::parse("key", "resolution").unwrap(),
            kind: DocumentKind::Resolution,
            status: DocumentStatus::Draft,
            title: text("Резолюция"),
            summary: LocalizedText::new(),
            body: LocalizedText::new(),
            adopted_on: None,
            links: vec![],
            recommendations: vec![
                Recommendation {
                    addressee: text("Проектным офисам"),
                    text: text("обратить внимание"),
                },
                Recommendation {
                    addressee: text("Модельным библиотекам"),
                    text: text("внедрять"),
                },
                Recommendation {
                    addressee: text("Проектным офисам"),
                    text: text("наладить общение"),
                },
            ],
        }
    }

    fn reasons(e: ValidationErrors) -> Vec<(String, String)> {
        e.errors.into_iter().map(|e| (e.field, e.reason)).collect()
    }

    #[test]
    fn a_resolution_with_recommendations_is_valid() {
        assert_eq!(resolution().validate(), Ok(()));
    }

    #[test]
    fn rules_name_their_field() {
        let p = |f: &str, r: &str| (f.to_owned(), r.to_owned());
        type Edit = fn(&mut EventDocument);
        let table: &[(Edit, Vec<(String, String)>)] = &[
            (
                |d| d.kind = DocumentKind::Report,
                vec![p("recommendations", "only-for-resolutions")],
            ),
            (
                |d| d.title = LocalizedText::new(),
                vec![p("title", "required")],
            ),
            (
                |d| d.recommendations[1].addressee = LocalizedText::new(),
                vec![p("recommendations[1].addressee", "required")],
            ),
            (
                |d| d.recommendations[2].text = text(&"я".repeat(2_001)),
                vec![p("recommendations[2].text.ru", "too-long")],
            ),
            (
                |d| {
                    d.links.push(ExternalLink {
                        label: LocalizedText::new(),
                        url: "https://example.org/r.pdf".parse().unwrap(),
                    })
                },
                vec![p("links[0].label", "required")],
            ),
        ];
        for (n, (edit, expected)) in table.iter().enumerate() {
            let mut d = resolution();
            edit(&mut d);
            assert_eq!(reasons(d.validate().unwrap_err()), *expected, "row {n}");
        }
    }

    #[test]
    fn a_final_document_does_not_become_a_draft_again() {
        let draft = resolution();
        let mut adopted = resolution();
        adopted.status = DocumentStatus::Final;
        assert_eq!(adopted.check_revision_of(&draft), Ok(()));
        assert_eq!(adopted.check_revision_of(&adopted), Ok(()), "corrections");
        assert_eq!(
            reasons(draft.check_revision_of(&adopted).unwrap_err()),
            [("status".to_owned(), "final-to-draft".to_owned())]
        );
    }

    #[test]
    fn recommendations_group_by_addressee_in_order() {
        let d = resolution();
        let groups: Vec<(Option<&str>, Vec<Option<&str>>)> = d
            .recommendations_by_addressee()
            .into_iter()
            .map(|(a, t)| (a.get("ru"), t.into_iter().map(|t| t.get("ru")).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                (
                    Some("Проектным офисам"),
                    vec![Some("обратить внимание"), Some("наладить общение")]
                ),
                (Some("Модельным библиотекам"), vec![Some("внедрять")]),
            ]
        );
    }
}
