//! The change log the search index follows (an outbox): every write to a searchable record
//! appends `(kind, record id)` in the writing transaction, so an index that applies the log in
//! order misses nothing that was committed. The index is derived; this log and the records are
//! the truth.

use crate::schema::{
    event_documents, events, exhibitions, institutions, networks, object_terms, objects, posts,
    projects, search_changes, stories, vocabulary_terms,
};
use crate::{DbConnection, StoreError, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The audit entity kinds whose writes the search index must see. Changing a vocabulary term
/// changes what its objects are found by; changing a document changes its event's entry.
pub const SEARCHED_KINDS: [&str; 10] = [
    "institution",
    "network",
    "event",
    "event-document",
    "exhibition",
    "story",
    "object",
    "vocabulary-term",
    "project",
    "post",
];

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = search_changes)]
pub struct Change {
    pub seq: i64,
    pub at: NaiveDateTime,
    pub kind: String,
    pub record_id: i64,
}

/// Notes changes of records of `kind`, if the index cares about that kind.
pub(crate) fn note(conn: &mut DbConnection, kind: &str, ids: &[i64]) -> Result<(), StoreError> {
    if !SEARCHED_KINDS.contains(&kind) {
        return Ok(());
    }
    let at = now();
    // One row per statement: batch inserts are not available on the multi-backend connection,
    // and inside the writer's transaction single rows are cheap.
    for &id in ids {
        diesel::insert_into(search_changes::table)
            .values((
                search_changes::at.eq(at),
                search_changes::kind.eq(kind),
                search_changes::record_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The entries after `seq`, oldest first.
pub fn after(conn: &mut DbConnection, seq: i64, limit: i64) -> Result<Vec<Change>, StoreError> {
    Ok(search_changes::table
        .filter(search_changes::seq.gt(seq))
        .order(search_changes::seq)
        .limit(limit)
        .select(Change::as_select())
        .load(conn)?)
}

/// The newest entry's number (0 for an empty log): where an index built now starts following.
pub fn last_seq(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(search_changes::table
        .select(diesel::dsl::max(search_changes::seq))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// The oldest entry's number: an index whose position is older than this has missed pruned
/// entries and must be rebuilt.
pub fn first_seq(conn: &mut DbConnection) -> Result<Option<i64>, StoreError> {
    Ok(search_changes::table
        .select(diesel::dsl::min(search_changes::seq))
        .first::<Option<i64>>(conn)?)
}

/// Forgets entries written before `before`; returns how many.
pub fn prune(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, StoreError> {
    Ok(
        diesel::delete(search_changes::table.filter(search_changes::at.lt(before)))
            .execute(conn)?,
    )
}

/// The ids of the records of `kind` after `after`, in order, for building an index from
/// scratch. Unknown kinds have none.
pub fn record_ids(
    conn: &mut DbConnection,
    kind: &str,
    after: i64,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    macro_rules! ids {
        ($table:ident) => {
            $table::table
                .filter($table::id.gt(after))
                .order($table::id)
                .limit(limit)
                .select($table::id)
                .load(conn)?
        };
    }
    Ok(match kind {
        "institution" => ids!(institutions),
        "network" => ids!(networks),
        "event" => ids!(events),
        "exhibition" => ids!(exhibitions),
        "story" => ids!(stories),
        "object" => ids!(objects),
        "project" => ids!(projects),
        "post" => ids!(posts),
        _ => Vec::new(),
    })
}

/// The event a document belongs to, if the document exists.
pub fn event_of_document(conn: &mut DbConnection, id: i64) -> Result<Option<i64>, StoreError> {
    Ok(event_documents::table
        .find(id)
        .select(event_documents::event_id)
        .first(conn)
        .optional()?)
}

/// The objects that use the vocabulary term `term_id`.
pub fn objects_with_term(conn: &mut DbConnection, term_id: i64) -> Result<Vec<i64>, StoreError> {
    let Some((kind, key)) = vocabulary_terms::table
        .find(term_id)
        .select((vocabulary_terms::kind, vocabulary_terms::key))
        .first::<(String, String)>(conn)
        .optional()?
    else {
        return Ok(Vec::new());
    };
    Ok(object_terms::table
        .filter(object_terms::kind.eq(kind))
        .filter(object_terms::key.eq(key))
        .select(object_terms::object_id)
        .distinct()
        .load(conn)?)
}
