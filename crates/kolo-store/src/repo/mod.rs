//! Repositories: one module per domain area, plain functions over a connection.

pub mod accounts;
pub mod institutions;
pub mod networks;
pub mod sessions;

use crate::StoreError;
use kolo_domain::LocalizedText;

/// What an idempotent save did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
    Unchanged,
}

pub(crate) fn text_to_json(t: &LocalizedText) -> String {
    serde_json::to_string(t).expect("a string map always serialises")
}

pub(crate) fn text_from_json(field: &str, raw: &str) -> Result<LocalizedText, StoreError> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(format!("{field}: {e}")))
}

pub(crate) fn parse_stored<T, E: std::fmt::Display>(
    field: &str,
    r: Result<T, E>,
) -> Result<T, StoreError> {
    r.map_err(|e| StoreError::Corrupt(format!("{field}: {e}")))
}

/// The key lists are sorted by: the original-language name, lower-cased.
pub(crate) fn sort_key(name: &LocalizedText, original: &str) -> String {
    name.get(original)
        .or_else(|| name.iter().next().map(|(_, v)| v))
        .unwrap_or("")
        .to_lowercase()
}

/// Maps a unique-constraint failure to a field-level error.
pub(crate) fn unique_as_taken(e: diesel::result::Error, field: &'static str) -> StoreError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => StoreError::Taken { field },
        other => StoreError::Database(other),
    }
}
