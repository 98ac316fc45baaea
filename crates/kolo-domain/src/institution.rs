//! Institutions: museums, libraries, archives and the bodies they work with.

use crate::lang::LangTag;
use crate::text::LocalizedText;
use crate::validation::{FieldError, Slug, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::fmt;
use url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    Museum,
    Library,
    Archive,
    Gallery,
    University,
    Association,
    Government,
    Other,
}

impl InstitutionKind {
    pub const ALL: [InstitutionKind; 8] = [
        InstitutionKind::Museum,
        InstitutionKind::Library,
        InstitutionKind::Archive,
        InstitutionKind::Gallery,
        InstitutionKind::University,
        InstitutionKind::Association,
        InstitutionKind::Government,
        InstitutionKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InstitutionKind::Museum => "museum",
            InstitutionKind::Library => "library",
            InstitutionKind::Archive => "archive",
            InstitutionKind::Gallery => "gallery",
            InstitutionKind::University => "university",
            InstitutionKind::Association => "association",
            InstitutionKind::Government => "government",
            InstitutionKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The schema.org type that describes this kind of body.
    pub fn schema_org_type(self) -> &'static str {
        match self {
            InstitutionKind::Museum => "Museum",
            InstitutionKind::Library => "Library",
            InstitutionKind::Archive => "ArchiveOrganization",
            InstitutionKind::Gallery => "Museum",
            InstitutionKind::University => "CollegeOrUniversity",
            InstitutionKind::Association => "NGO",
            InstitutionKind::Government => "GovernmentOrganization",
            InstitutionKind::Other => "Organization",
        }
    }
}

impl fmt::Display for InstitutionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// ISO 3166-1 alpha-2 country code, upper case (`UA`, `RU`, `KZ`).
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "UA", pattern = "^[A-Za-z]{2}$")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim().to_ascii_uppercase();
        if s.is_empty() {
            return Err(FieldError::new(field, "required"));
        }
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(s))
        } else {
            Err(FieldError::new(field, "invalid-country"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CountryCode {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, FieldError> {
        CountryCode::parse("country", &s)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> String {
        c.0
    }
}

/// Contact details shared by institutions and networks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Contacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = "uri")]
    pub website: Option<Url>,
}

/// The fields of `Contacts` as read from input.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactFields {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    website: Option<Url>,
}

impl<'de> Deserialize<'de> for Contacts {
    /// Accepts only a map: serde's derived structs would also take a sequence of values.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapOnly;
        impl<'de> serde::de::Visitor<'de> for MapOnly {
            type Value = ContactFields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of email, phone and website")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ContactFields, A::Error> {
                ContactFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        let f = d.deserialize_map(MapOnly)?;
        Ok(Contacts {
            email: f.email,
            phone: f.phone,
            website: f.website,
        })
    }
}

impl Contacts {
    pub const MAX_PHONE: usize = 40;
    pub const MAX_EMAIL: usize = 254;

    pub fn check(&self, errors: &mut ValidationErrors) {
        if let Some(email) = &self.email {
            let mut parts = email.splitn(2, '@');
            let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let ok = !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace);
            if email.len() > Self::MAX_EMAIL {
                errors.push(FieldError::new("email", "too-long").with_limit(Self::MAX_EMAIL));
            } else if !ok {
                errors.push(FieldError::new("email", "invalid-email"));
            }
        }
        if let Some(phone) = &self.phone {
            let ok = phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
                && phone.chars().any(|c| c.is_ascii_digit());
            if phone.chars().count() > Self::MAX_PHONE {
                errors.push(FieldError::new("phone", "too-long").with_limit(Self::MAX_PHONE));
            } else if !ok {
                errors.push(FieldError::new("phone", "invalid-phone"));
            }
        }
        if let Some(url) = &self.website
            && !matches!(url.scheme(), "http" | "https")
        {
            errors.push(FieldError::new("website", "invalid-url"));
        }
    }
}

/// An institution as its staff describe it. Identity (`id`) and timestamps live in the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Institution {
    pub slug: Slug,
    pub kind: InstitutionKind,
    /// The language the institution writes in; its names in that language are the originals.
    #[schema(value_type = String, example = "uk", pattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    pub original_lang: LangTag,
    pub name: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
    pub country: CountryCode,
    /// ISO 3166-2 subdivision code (`UA-09`, `RU-SPE`, `KZ-71`): the key the directory filters by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, example = "UA-09")]
    pub region_code: Option<String>,
    #[serde(default)]
    pub region: LocalizedText,
    #[serde(default)]
    pub locality: LocalizedText,
    #[serde(default)]
    pub address: LocalizedText,
    #[serde(default)]
    pub contacts: Contacts,
}

impl Institution {
    /// The fields of the serialised form, for refusing unknown ones.
    pub const FIELDS: &'static [&'static str] = &[
        "slug",
        "kind",
        "original_lang",
        "name",
        "description",
        "country",
        "region_code",
        "region",
        "locality",
        "address",
        "contacts",
    ];
    pub const MAX_NAME: usize = 300;
    pub const MAX_DESCRIPTION: usize = 20_000;
    pub const MAX_PLACE: usize = 300;

    /// Checks the rules that span fields; the types already guarantee the rest.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        self.name.check("name", true, Self::MAX_NAME, &mut errors);
        if self.name.get(self.original_lang.as_str()).is_none() && !self.name.is_empty() {
            errors.push(FieldError::new(
                format!("name.{}", self.original_lang),
                "original-name-missing",
            ));
        }
        self.description
            .check("description", false, Self::MAX_DESCRIPTION, &mut errors);
        self.region
            .check("region", false, Self::MAX_PLACE, &mut errors);
        self.locality
            .check("locality", false, Self::MAX_PLACE, &mut errors);
        self.address
            .check("address", false, Self::MAX_PLACE, &mut errors);
        self.contacts.check(&mut errors);
        if let Some(code) = &self.region_code {
            let valid = code.split_once('-').is_some_and(|(country, sub)| {
                country == self.country.as_str()
                    && (1..=3).contains(&sub.len())
                    && sub
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            });
            if !valid {
                errors.push(FieldError::new("region_code", "invalid-region-code"));
            }
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn novopskov() -> Institution {
        Institution {
            slug: Slug::parse("slug", "novopskov-museum").unwrap(),
            kind: InstitutionKind::Museum,
            original_lang: "uk".parse().unwrap(),
            name: LocalizedText::new().with("uk", "Новопсковський краєзнавчий музей"),
            description: LocalizedText::new(),
            country: CountryCode::parse("country", "ua").unwrap(),
            region_code: Some("UA-09".into()),
            region: LocalizedText::new(),
            locality: LocalizedText::new(),
            address: LocalizedText::new(),
            contacts: Contacts::default(),
        }
    }

    #[test]
    fn a_complete_institution_is_valid() {
        assert_eq!(novopskov().validate(), Ok(()));
        assert_eq!(novopskov().country.as_str(), "UA");
    }

    #[test]
    fn errors_name_the_field() {
        let mut i = novopskov();
        i.name = LocalizedText::new();
        i.contacts.email = Some("not-an-address".into());
        i.contacts.phone = Some("call me".into());
        i.contacts.website = Some("ftp://example.org".parse().unwrap());
        let errors = i.validate().unwrap_err();
        let fields: Vec<_> = errors
            .errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("name", "required"),
                ("email", "invalid-email"),
                ("phone", "invalid-phone"),
                ("website", "invalid-url")
            ]
        );
    }

    #[test]
    fn region_codes_belong_to_the_country() {
        let mut i = novopskov();
        i.region_code = Some("RU-SPE".into());
        assert_eq!(
            i.validate().unwrap_err().errors[0].reason,
            "invalid-region-code"
        );
    }

    #[test]
    fn the_original_language_needs_a_name() {
        let mut i = novopskov();
        i.name = LocalizedText::new().with("en", "Novopskov museum");
        assert_eq!(i.validate().unwrap_err().errors[0].field, "name.uk");
    }

    #[test]
    fn long_values_are_refused_with_the_limit() {
        let mut i = novopskov();
        i.name
            .set("en".parse().unwrap(), "x".repeat(Institution::MAX_NAME + 1));
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.errors[0],
            FieldError::new("name.en", "too-long").with_limit(Institution::MAX_NAME)
        );
    }
}
