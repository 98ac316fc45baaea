//! Validation results that name the field and the reason, so every edge (form, API, import)
//! can report them precisely and in the user's language.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem with one field. `reason` is a stable code (`required`, `too-long`, ...) that the
/// web layer translates; `field` is a dotted path such as `name.uk` or `website`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: &str) -> Self {
        FieldError {
            field: field.into(),
            reason: reason.to_owned(),
            limit: None,
        }
    }

    pub fn with_limit(mut self, limit: usize) -> Self {
        self.limit = Some(limit);
        self
    }

    pub fn into_errors(self) -> ValidationErrors {
        self.into()
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)?;
        if let Some(limit) = self.limit {
            write!(f, " (limit {limit})")?;
        }
        Ok(())
    }
}

/// All problems found in one submitted value.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, utoipa::ToSchema,
)]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn push(&mut self, e: FieldError) {
        self.errors.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    /// `Ok(value)` when nothing was reported.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl From<FieldError> for ValidationErrors {
    fn from(e: FieldError) -> Self {
        ValidationErrors { errors: vec![e] }
    }
}

/// A URL path segment naming a record: lowercase ASCII letters, digits and single hyphens.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "novopskov-museum", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(field: &str, raw: &str) -> Result<Slug, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::new(field, "required"));
        }
        if s.len() > Self::MAX_LEN {
            return Err(FieldError::new(field, "too-long").with_limit(Self::MAX_LEN));
        }
        let valid = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if valid {
            Ok(Slug(s.to_owned()))
        } else {
            Err(FieldError::new(field, "invalid-slug"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Slug::parse("slug", &s)
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("slug", "novopskov-museum").is_ok());
        for bad in ["", "Novopskov", "a--b", "-a", "a-", "музей", "a b"] {
            assert!(Slug::parse("slug", bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(Slug::parse("slug", "").unwrap_err().reason, "required");
    }
}
