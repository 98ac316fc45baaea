//! Attached documents: whose they are and what they are. The bytes live in media storage
//! (`kolo-media`, `files/<id>`); a row exists only for a file whose bytes were stored.

use crate::schema::{files, institutions};
use crate::{DbConnection, StoreError, audit, now};
use diesel::prelude::*;
use kolo_domain::{FieldError, MediaId, Principal};
use std::collections::HashMap;

/// What an upload adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    pub id: MediaId,
    pub institution_id: i64,
    pub original_filename: String,
    pub mime: String,
    pub bytes: i64,
    pub sha256: String,
}

/// A stored file's description, with its institution's slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRecord {
    pub id: MediaId,
    pub institution_id: i64,
    pub institution: String,
    pub original_filename: String,
    pub mime: String,
    pub bytes: i64,
    pub sha256: String,
    pub created_at: chrono::NaiveDateTime,
}

/// Adds a file to `new.institution_id`, if `actor` may edit that institution (`None` is Kolo
/// itself: the demo and the operator's command line).
pub fn create(
    conn: &mut DbConnection,
    actor: Option<&Principal>,
    new: &NewFile,
) -> Result<(), StoreError> {
    if actor.is_some_and(|a| !a.can_edit_institution(new.institution_id)) {
        return Err(StoreError::Forbidden);
    }
    if new.original_filename.chars().count() > super::media::MAX_FILENAME_CHARS {
        return Err(FieldError::new("filename", "too-long")
            .with_limit(super::media::MAX_FILENAME_CHARS)
            .into_errors()
            .into());
    }
    diesel::insert_into(files::table)
        .values((
            files::id.eq(new.id.as_str()),
            files::institution_id.eq(new.institution_id),
            files::original_filename.eq(&new.original_filename),
            files::mime.eq(&new.mime),
            files::bytes.eq(new.bytes),
            files::sha256.eq(&new.sha256),
            files::created_at.eq(now()),
            files::created_by.eq(actor.map(|a| a.user_id)),
        ))
        .execute(conn)?;
    let detail = serde_json::json!({
        "id": new.id,
        "institution_id": new.institution_id,
        "filename": new.original_filename,
        "mime": new.mime,
        "bytes": new.bytes,
        "sha256": new.sha256,
    });
    audit::record(
        conn,
        actor.map(|a| a.user_id),
        "create",
        ("file", None),
        &detail,
    )
}

type Row = (
    String,
    i64,
    String,
    String,
    String,
    i64,
    String,
    chrono::NaiveDateTime,
);

fn described(ids: &[&str], conn: &mut DbConnection) -> Result<Vec<FileRecord>, StoreError> {
    let rows: Vec<Row> = files::table
        .inner_join(institutions::table)
        .filter(files::id.eq_any(ids))
        .select((
            files::id,
            files::institution_id,
            institutions::slug,
            files::original_filename,
            files::mime,
            files::bytes,
            files::sha256,
            files::created_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(id, institution_id, institution, original_filename, mime, bytes, sha256, at)| {
                Ok(FileRecord {
                    id: super::parse_stored("files.id", MediaId::parse(&id))?,
                    institution_id,
                    institution,
                    original_filename,
                    mime,
                    bytes,
                    sha256,
                    created_at: at,
                })
            },
        )
        .collect()
}

pub fn get(conn: &mut DbConnection, id: &MediaId) -> Result<FileRecord, StoreError> {
    described(&[id.as_str()], conn)?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// The descriptions of those of the files that exist, in one query.
pub fn describe(
    conn: &mut DbConnection,
    ids: &[&MediaId],
) -> Result<HashMap<MediaId, FileRecord>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let wanted: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
    Ok(described(&wanted, conn)?
        .into_iter()
        .map(|f| (f.id.clone(), f))
        .collect())
}

/// How many files there are (all institutions): lets tests see that a refused upload left none.
pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(files::table.count().get_result(conn)?)
}

/// The institution a file belongs to, if the file exists: records may attach only their own
/// institution's files.
pub fn owner(conn: &mut DbConnection, id: &MediaId) -> Result<Option<i64>, StoreError> {
    Ok(files::table
        .filter(files::id.eq(id.as_str()))
        .select(files::institution_id)
        .first(conn)
        .optional()?)
}
