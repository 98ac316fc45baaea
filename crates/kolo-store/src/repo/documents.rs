//! Documents of an event (resolutions, reports...) and their revision history. The document is
//! stored whole as JSON; every save that changes it also appends a revision holding the new
//! content, who saved it and when, so earlier content is never lost.

use super::Saved;
use crate::schema::{event_document_revisions, event_documents};
use crate::{DbConnection, Record, StoreError, audit, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{DocumentStatus, EventDocument};

super::json_row!(
    DocumentRow,
    event_documents,
    EventDocument,
    "event document"
);

/// One saved content of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub number: i64,
    pub status: DocumentStatus,
    pub saved_at: NaiveDateTime,
    pub saved_by: Option<i64>,
    pub value: EventDocument,
}

/// An event's documents, in the order they were added.
pub fn list(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Vec<Record<EventDocument>>, StoreError> {
    event_documents::table
        .filter(event_documents::event_id.eq(event_id))
        .order((event_documents::created_at, event_documents::id))
        .select(DocumentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(DocumentRow::into_record)
        .collect()
}

pub fn get(
    conn: &mut DbConnection,
    event_id: i64,
    key: &str,
) -> Result<Record<EventDocument>, StoreError> {
    event_documents::table
        .filter(event_documents::event_id.eq(event_id))
        .filter(event_documents::key.eq(key))
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// A document's revisions, newest first.
pub fn revisions(conn: &mut DbConnection, document_id: i64) -> Result<Vec<Revision>, StoreError> {
    let rows: Vec<(i64, i64, String, NaiveDateTime, Option<i64>)> = event_document_revisions::table
        .filter(event_document_revisions::document_id.eq(document_id))
        .order(event_document_revisions::number.desc())
        .select((
            event_document_revisions::id,
            event_document_revisions::number,
            event_document_revisions::data,
            event_document_revisions::saved_at,
            event_document_revisions::saved_by,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, number, data, saved_at, saved_by)| {
            let value: EventDocument = serde_json::from_str(&data)
                .map_err(|e| StoreError::Corrupt(format!("document revision {id}: {e}")))?;
            Ok(Revision {
                number,
                status: value.status,
                saved_at,
                saved_by,
                value,
            })
        })
        .collect()
}

/// Creates or revises the event's document with `doc.key`: the one write path for forms, API
/// and imports. Unchanged documents write and log nothing; a final document is not made a
/// draft again (see `EventDocument::check_revision_of`).
pub fn save(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event_id: i64,
    doc: &EventDocument,
) -> Result<(i64, Saved), StoreError> {
    doc.validate()?;
    super::events::get(conn, event_id)?;
    let existing = match get(conn, event_id, doc.key.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(current) = &existing {
        if current.value == *doc {
            return Ok((current.id, Saved::Unchanged));
        }
        doc.check_revision_of(&current.value)?;
    }
    let at = now();
    let data = serde_json::to_string(doc).expect("a document serialises");
    let columns = (
        event_documents::kind.eq(doc.kind.code()),
        event_documents::status.eq(doc.status.code()),
        event_documents::data.eq(&data),
        event_documents::updated_at.eq(at),
    );
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(event_documents::table.find(r.id))
                .set(columns)
                .execute(conn)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(event_documents::table)
                .values((
                    columns,
                    event_documents::event_id.eq(event_id),
                    event_documents::key.eq(doc.key.as_str()),
                    event_documents::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "key"))?;
            let id = event_documents::table
                .filter(event_documents::event_id.eq(event_id))
                .filter(event_documents::key.eq(doc.key.as_str()))
                .select(event_documents::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    let last: Option<i64> = event_document_revisions::table
        .filter(event_document_revisions::document_id.eq(id))
        .select(diesel::dsl::max(event_document_revisions::number))
        .first(conn)?;
    diesel::insert_into(event_document_revisions::table)
        .values((
            event_document_revisions::document_id.eq(id),
            event_document_revisions::number.eq(last.unwrap_or(0) + 1),
            event_document_revisions::status.eq(doc.status.code()),
            event_document_revisions::data.eq(&data),
            event_document_revisions::saved_at.eq(at),
            event_document_revisions::saved_by.eq(actor),
        ))
        .execute(conn)?;
    let detail = serde_json::json!({
        "event": event_id,
        "key": doc.key,
        "status": doc.status,
        "before": existing.map(|r| r.value),
    });
    let action = if saved == Saved::Created {
        "create"
    } else {
        "update"
    };
    audit::record(conn, actor, action, ("event-document", Some(id)), &detail)?;
    Ok((id, saved))
}
