//! An institution's collections, nested by parent. Each is stored whole as JSON, addressed by
//! (institution, key).

use super::Saved;
use crate::schema::{collections, institutions};
use crate::{DbConnection, Record, StoreError, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::{Collection, FieldError};

#[derive(Queryable, Selectable)]
#[diesel(table_name = collections)]
struct CollectionRow {
    id: i64,
    parent_id: Option<i64>,
    data: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// A collection with its parent's id.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCollection {
    pub parent_id: Option<i64>,
    pub record: Record<Collection>,
}

impl CollectionRow {
    fn into_stored(self) -> Result<StoredCollection, StoreError> {
        let value = super::parse_stored(
            &format!("collection {}", self.id),
            serde_json::from_str(&self.data),
        )?;
        Ok(StoredCollection {
            parent_id: self.parent_id,
            record: Record {
                id: self.id,
                created_at: self.created_at,
                updated_at: self.updated_at,
                value,
            },
        })
    }
}

pub(crate) fn institution_id(
    conn: &mut DbConnection,
    slug: &str,
) -> Result<Option<i64>, StoreError> {
    Ok(institutions::table
        .filter(institutions::slug.eq(slug))
        .select(institutions::id)
        .first(conn)
        .optional()?)
}

pub fn get(
    conn: &mut DbConnection,
    institution_id: i64,
    key: &str,
) -> Result<Record<Collection>, StoreError> {
    Ok(stored(conn, institution_id, key)?.record)
}

fn stored(
    conn: &mut DbConnection,
    institution_id: i64,
    key: &str,
) -> Result<StoredCollection, StoreError> {
    collections::table
        .filter(collections::institution_id.eq(institution_id))
        .filter(collections::key.eq(key))
        .select(CollectionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_stored()
}

pub fn get_by_id(conn: &mut DbConnection, id: i64) -> Result<Record<Collection>, StoreError> {
    collections::table
        .find(id)
        .select(CollectionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_stored()
        .map(|s| s.record)
}

/// An institution's collections, by key (few per institution: pages build the tree from this).
pub fn list(
    conn: &mut DbConnection,
    institution_id: i64,
) -> Result<Vec<StoredCollection>, StoreError> {
    collections::table
        .filter(collections::institution_id.eq(institution_id))
        .order(collections::key)
        .select(CollectionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(CollectionRow::into_stored)
        .collect()
}

/// The collection and every collection below it, at any depth.
pub fn with_descendants(conn: &mut DbConnection, id: i64) -> Result<Vec<i64>, StoreError> {
    let institution: i64 = collections::table
        .find(id)
        .select(collections::institution_id)
        .first(conn)?;
    let links: Vec<(i64, Option<i64>)> = collections::table
        .filter(collections::institution_id.eq(institution))
        .select((collections::id, collections::parent_id))
        .load(conn)?;
    let mut found = vec![id];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            links
                .iter()
                .filter(|(_, p)| *p == Some(parent))
                .map(|(child, _)| *child),
        );
        i += 1;
    }
    Ok(found)
}

/// Creates or replaces the collection (institution, key): the one write path for forms, API
/// and imports. The parent must be a collection of the same institution, not below this one.
pub fn save(
    conn: &mut DbConnection,
    actor: Option<i64>,
    collection: &Collection,
) -> Result<(i64, Saved), StoreError> {
    collection.validate()?;
    let institution_id = institution_id(conn, collection.institution.as_str())?
        .ok_or_else(|| FieldError::new("institution", "unknown-institution").into_errors())?;
    let existing = match stored(conn, institution_id, collection.key.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(current) = &existing
        && current.record.value == *collection
    {
        return Ok((current.record.id, Saved::Unchanged));
    }
    let parent_id = match &collection.parent {
        None => None,
        Some(parent) => {
            let parent = stored(conn, institution_id, parent.as_str()).map_err(|e| match e {
                StoreError::NotFound => FieldError::new("parent", "unknown-collection")
                    .into_errors()
                    .into(),
                other => other,
            })?;
            if let Some(current) = &existing
                && with_descendants(conn, current.record.id)?.contains(&parent.record.id)
            {
                return Err(FieldError::new("parent", "cycle").into_errors().into());
            }
            Some(parent.record.id)
        }
    };
    let at = now();
    let data = serde_json::to_string(collection).expect("a collection serialises");
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(collections::table.find(r.record.id))
                .set((
                    collections::parent_id.eq(parent_id),
                    collections::data.eq(&data),
                    collections::updated_at.eq(at),
                ))
                .execute(conn)?;
            (r.record.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(collections::table)
                .values((
                    collections::institution_id.eq(institution_id),
                    collections::key.eq(collection.key.as_str()),
                    collections::parent_id.eq(parent_id),
                    collections::data.eq(&data),
                    collections::created_at.eq(at),
                    collections::updated_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "key"))?;
            let id = collections::table
                .filter(collections::institution_id.eq(institution_id))
                .filter(collections::key.eq(collection.key.as_str()))
                .select(collections::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    let before = existing.as_ref().map(|r| &r.record.value);
    super::audit_save(conn, actor, "collection", id, before, collection)?;
    Ok((id, saved))
}
