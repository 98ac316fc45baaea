//! Uploaded images: whose they are and what they are. The pixels live in media storage under
//! the same id (`kolo-media`); a row exists only for an image whose blobs were all stored.

use crate::schema::{institutions, media};
use crate::{DbConnection, StoreError, audit, now};
use diesel::prelude::*;
use kolo_domain::{FieldError, MediaId, Principal};

/// What an upload adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMedia {
    pub id: MediaId,
    pub institution_id: i64,
    pub original_filename: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub sha256: String,
}

/// A stored image's description, with its institution's slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaRecord {
    pub id: MediaId,
    pub institution_id: i64,
    pub institution: String,
    pub original_filename: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub sha256: String,
    pub created_at: chrono::NaiveDateTime,
    pub created_by: Option<i64>,
}

/// The longest original file name kept.
pub const MAX_FILENAME_CHARS: usize = 255;

/// Adds an image to `new.institution_id`, if `actor` may edit that institution; `None` is
/// Kolo itself: the demo's placeholder pictures and the operator's command line (`kolo import
/// objects --images`), which acts as no user.
pub fn create(
    conn: &mut DbConnection,
    actor: Option<&Principal>,
    new: &NewMedia,
) -> Result<(), StoreError> {
    if actor.is_some_and(|a| !a.can_edit_institution(new.institution_id)) {
        return Err(StoreError::Forbidden);
    }
    if new.original_filename.chars().count() > MAX_FILENAME_CHARS {
        return Err(FieldError::new("filename", "too-long")
            .with_limit(MAX_FILENAME_CHARS)
            .into_errors()
            .into());
    }
    diesel::insert_into(media::table)
        .values((
            media::id.eq(new.id.as_str()),
            media::institution_id.eq(new.institution_id),
            media::original_filename.eq(&new.original_filename),
            media::mime.eq(&new.mime),
            media::width.eq(new.width),
            media::height.eq(new.height),
            media::bytes.eq(new.bytes),
            media::sha256.eq(&new.sha256),
            media::created_at.eq(now()),
            media::created_by.eq(actor.map(|a| a.user_id)),
        ))
        .execute(conn)?;
    let detail = serde_json::json!({
        "id": new.id,
        "institution_id": new.institution_id,
        "filename": new.original_filename,
        "mime": new.mime,
        "width": new.width,
        "height": new.height,
        "bytes": new.bytes,
        "sha256": new.sha256,
    });
    audit::record(
        conn,
        actor.map(|a| a.user_id),
        "create",
        ("media", None),
        &detail,
    )
}

/// The columns [`get`] selects, in order.
#[derive(Queryable)]
struct Row {
    id: String,
    institution_id: i64,
    institution: String,
    original_filename: String,
    mime: String,
    width: i64,
    height: i64,
    bytes: i64,
    sha256: String,
    created_at: chrono::NaiveDateTime,
    created_by: Option<i64>,
}

pub fn get(conn: &mut DbConnection, id: &MediaId) -> Result<MediaRecord, StoreError> {
    let row: Row = media::table
        .inner_join(institutions::table)
        .filter(media::id.eq(id.as_str()))
        .select((
            media::id,
            media::institution_id,
            institutions::slug,
            media::original_filename,
            media::mime,
            media::width,
            media::height,
            media::bytes,
            media::sha256,
            media::created_at,
            media::created_by,
        ))
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    Ok(MediaRecord {
        id: super::parse_stored("media.id", MediaId::parse(&row.id))?,
        institution_id: row.institution_id,
        institution: row.institution,
        original_filename: row.original_filename,
        mime: row.mime,
        width: row.width,
        height: row.height,
        bytes: row.bytes,
        sha256: row.sha256,
        created_at: row.created_at,
        created_by: row.created_by,
    })
}

/// The pixel sizes (width, height) of those of the images that exist, in one query: pages
/// choose picture sizes from them.
pub fn sizes(
    conn: &mut DbConnection,
    ids: &[&MediaId],
) -> Result<std::collections::HashMap<MediaId, (i64, i64)>, StoreError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let wanted: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
    let rows: Vec<(String, i64, i64)> = media::table
        .filter(media::id.eq_any(&wanted))
        .select((media::id, media::width, media::height))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, w, h)| {
            Ok((
                super::parse_stored("media.id", MediaId::parse(&id))?,
                (w, h),
            ))
        })
        .collect()
}

/// How many images there are (all institutions): lets tests see that a refused upload left none.
pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(media::table.count().get_result(conn)?)
}

/// The institution an image belongs to, if the image exists: records may show only their own
/// institution's images.
pub fn owner(conn: &mut DbConnection, id: &MediaId) -> Result<Option<i64>, StoreError> {
    Ok(media::table
        .filter(media::id.eq(id.as_str()))
        .select(media::institution_id)
        .first(conn)
        .optional()?)
}

/// Removes an image's row that no record came to use (an import row that failed after its
/// image was added), as Kolo itself; its blobs are the caller's to delete after the commit.
pub fn discard(conn: &mut DbConnection, id: &MediaId) -> Result<(), StoreError> {
    let removed = diesel::delete(media::table.filter(media::id.eq(id.as_str()))).execute(conn)?;
    if removed == 0 {
        return Err(StoreError::NotFound);
    }
    let detail = serde_json::json!({ "id": id.as_str() });
    audit::record(conn, None, "delete", ("media", None), &detail)
}
