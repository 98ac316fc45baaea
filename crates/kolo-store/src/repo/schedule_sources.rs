//! The conference schedule file an event's programme was imported from (Frab XML or JSON), kept
//! whole so an export can write back what Kolo's model has no place for. Kolo's own records stay
//! the truth: an export overlays them on this file.

use crate::schema::schedule_sources;
use crate::{DbConnection, StoreError, audit, now};
use diesel::prelude::*;

/// A stored schedule: its format's code (`xml` or `json`) and the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleSource {
    pub format: String,
    pub document: String,
}

pub fn get(conn: &mut DbConnection, event_id: i64) -> Result<Option<ScheduleSource>, StoreError> {
    Ok(schedule_sources::table
        .find(event_id)
        .select((schedule_sources::format, schedule_sources::document))
        .first::<(String, String)>(conn)
        .optional()?
        .map(|(format, document)| ScheduleSource { format, document }))
}

/// Keeps `source` as the event's schedule file, replacing an earlier one. An unchanged file
/// writes and logs nothing.
pub fn set(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event_id: i64,
    source: &ScheduleSource,
) -> Result<(), StoreError> {
    let before = get(conn, event_id)?;
    if before.as_ref() == Some(source) {
        return Ok(());
    }
    let columns = (
        schedule_sources::format.eq(&source.format),
        schedule_sources::document.eq(&source.document),
        schedule_sources::imported_at.eq(now()),
    );
    if before.is_some() {
        diesel::update(schedule_sources::table.find(event_id))
            .set(columns)
            .execute(conn)?;
    } else {
        diesel::insert_into(schedule_sources::table)
            .values((schedule_sources::event_id.eq(event_id), columns))
            .execute(conn)?;
    }
    let detail = serde_json::json!({ "format": source.format, "bytes": source.document.len() });
    audit::record(
        conn,
        actor,
        "set-schedule-source",
        ("event", Some(event_id)),
        &detail,
    )
}
