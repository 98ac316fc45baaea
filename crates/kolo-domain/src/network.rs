//! Networks: associations, international projects and other groups of institutions.

use crate::institution::Contacts;
use crate::lang::LangTag;
use crate::text::LocalizedText;
use crate::validation::{Slug, ValidationErrors};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NetworkKind {
    /// A membership body such as an association of museums.
    Association,
    /// A time-bound cooperation project with partners.
    Project,
    /// A standing network of institutions (e.g. model libraries of a region).
    Network,
}

impl NetworkKind {
    pub const ALL: [NetworkKind; 3] = [
        NetworkKind::Association,
        NetworkKind::Project,
        NetworkKind::Network,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NetworkKind::Association => "association",
            NetworkKind::Project => "project",
            NetworkKind::Network => "network",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Network {
    pub slug: Slug,
    pub kind: NetworkKind,
    #[schema(value_type = String, example = "ru", pattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    pub original_lang: LangTag,
    pub name: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    #[serde(default)]
    pub contacts: Contacts,
}

impl Network {
    /// The fields of the serialised form, for refusing unknown ones.
    pub const FIELDS: &'static [&'static str] = &[
        "slug",
        "kind",
        "original_lang",
        "name",
        "description",
        "contacts",
    ];

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.name
            .check("name", true, crate::Institution::MAX_NAME, &mut errors);
        self.description.check(
            "description",
            false,
            crate::Institution::MAX_DESCRIPTION,
            &mut errors,
        );
        self.contacts.check(&mut errors);
        errors.into_result(())
    }
}
