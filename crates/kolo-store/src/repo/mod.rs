//! Repositories: one module per domain area, plain functions over a connection.

pub mod accounts;
pub mod collections;
pub mod documents;
pub mod events;
pub mod exhibitions;
pub mod files;
pub mod institutions;
pub mod media;
pub mod networks;
pub mod objects;
pub mod posts;
pub mod projects;
pub mod registrations;
pub mod schedule_sources;
pub mod search_changes;
pub mod server_secrets;
pub mod sessions;
pub mod sitemap;
pub mod stories;
pub mod vocabularies;

use crate::StoreError;
use kolo_domain::LocalizedText;

/// The functions every slug-addressed table has (`get`, `get_by_slug`, `create`, `update`,
/// `save_by_slug`, `delete`), written once for institutions and networks. Writes validate the
/// value, map a taken slug to a field error, and log to the audit trail in the caller's
/// transaction; an update that changes nothing writes and logs nothing.
macro_rules! slugged_records {
    (table: $table:ident, row: $row:ty, columns: $columns:ty, value: $value:ty, entity: $entity:literal) => {
        pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<$value>, StoreError> {
            $table::table.find(id).select(<$row>::as_select()).first(conn).optional()?.ok_or(StoreError::NotFound)?.into_record()
        }

        pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Record<$value>, StoreError> {
            $table::table
                .filter($table::slug.eq(slug))
                .select(<$row>::as_select())
                .first(conn)
                .optional()?
                .ok_or(StoreError::NotFound)?
                .into_record()
        }

        pub fn create(conn: &mut DbConnection, actor: Option<i64>, value: &$value) -> Result<i64, StoreError> {
            value.validate()?;
            let columns = <$columns>::from(value);
            diesel::insert_into($table::table)
                .values((&columns, $table::created_at.eq(columns.updated_at)))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "slug"))?;
            let id = $table::table.filter($table::slug.eq(value.slug.as_str())).select($table::id).first(conn)?;
            let detail = serde_json::to_value(value).unwrap_or_default();
            crate::audit::record(conn, actor, "create", ($entity, Some(id)), &detail)?;
            Ok(id)
        }

        pub fn update(conn: &mut DbConnection, actor: Option<i64>, id: i64, value: &$value) -> Result<super::Saved, StoreError> {
            value.validate()?;
            let before = get(conn, id)?;
            if before.value == *value {
                return Ok(super::Saved::Unchanged);
            }
            diesel::update($table::table.find(id))
                .set(&<$columns>::from(value))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "slug"))?;
            let detail = serde_json::json!({ "before": before.value, "after": value });
            crate::audit::record(conn, actor, "update", ($entity, Some(id)), &detail)?;
            Ok(super::Saved::Updated)
        }

        /// Creates or updates by slug: the idempotent path imports use.
        pub fn save_by_slug(conn: &mut DbConnection, actor: Option<i64>, value: &$value) -> Result<(i64, super::Saved), StoreError> {
            match get_by_slug(conn, value.slug.as_str()) {
                Ok(existing) => Ok((existing.id, update(conn, actor, existing.id, value)?)),
                Err(StoreError::NotFound) => Ok((create(conn, actor, value)?, super::Saved::Created)),
                Err(e) => Err(e),
            }
        }

        pub fn delete(conn: &mut DbConnection, actor: Option<i64>, id: i64) -> Result<(), StoreError> {
            let before = get(conn, id)?;
            diesel::delete($table::table.find(id)).execute(conn)?;
            let detail = serde_json::to_value(before.value).unwrap_or_default();
            crate::audit::record(conn, actor, "delete", ($entity, Some(id)), &detail)
        }
    };
}
pub(crate) use slugged_records;

/// The row struct of a table that holds each record whole as JSON (`data`), with
/// `into_record`; `$what` names the record when its stored text does not read.
macro_rules! json_row {
    ($row:ident, $table:ident, $value:ty, $what:literal) => {
        #[derive(Queryable, Selectable)]
        #[diesel(table_name = $table)]
        struct $row {
            id: i64,
            data: String,
            created_at: NaiveDateTime,
            updated_at: NaiveDateTime,
        }

        impl $row {
            fn into_record(self) -> Result<Record<$value>, StoreError> {
                let value = serde_json::from_str(&self.data).map_err(|e| {
                    StoreError::Corrupt(format!(concat!($what, " {}: {}"), self.id, e))
                })?;
                Ok(Record {
                    id: self.id,
                    created_at: self.created_at,
                    updated_at: self.updated_at,
                    value,
                })
            }
        }
    };
}
pub(crate) use json_row;

/// Logs a save of a whole record: what it holds when created, before and after when changed.
pub(crate) fn audit_save<T: serde::Serialize>(
    conn: &mut crate::DbConnection,
    actor: Option<i64>,
    entity: &str,
    id: i64,
    before: Option<&T>,
    after: &T,
) -> Result<(), StoreError> {
    let (action, detail) = match before {
        Some(before) => (
            "update",
            serde_json::json!({ "before": before, "after": after }),
        ),
        None => ("create", serde_json::to_value(after).unwrap_or_default()),
    };
    crate::audit::record(conn, actor, action, (entity, Some(id)), &detail)
}

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

/// Contacts from their columns (institutions, networks).
pub(crate) fn stored_contacts(
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
) -> Result<kolo_domain::institution::Contacts, StoreError> {
    Ok(kolo_domain::institution::Contacts {
        email,
        phone,
        website: website
            .map(|w| parse_stored("website", w.parse()))
            .transpose()?,
    })
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
