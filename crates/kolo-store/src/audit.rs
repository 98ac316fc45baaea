//! The audit log: who changed what, when. Appended inside the writing transaction, which also
//! notes searchable records in the search index's change log.

use crate::schema::audit_log;
use crate::{DbConnection, Page, PageRequest, StoreError, now};
use diesel::prelude::*;

#[derive(Clone, Debug, PartialEq, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub at: chrono::NaiveDateTime,
    pub user_id: Option<i64>,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: Option<i64>,
    pub detail: String,
}

/// What was touched: `("institution", Some(3))`.
pub type Entity<'a> = (&'a str, Option<i64>);

pub fn record(
    conn: &mut DbConnection,
    actor: Option<i64>,
    action: &str,
    (entity_kind, entity_id): Entity<'_>,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now()),
            audit_log::user_id.eq(actor),
            audit_log::action.eq(action),
            audit_log::entity_kind.eq(entity_kind),
            audit_log::entity_id.eq(entity_id),
            audit_log::detail.eq(detail.to_string()),
        ))
        .execute(conn)?;
    if let Some(id) = entity_id {
        crate::repo::search_changes::note(conn, entity_kind, &[id])?;
    }
    Ok(())
}

/// The newest entry's id: grows with every audited write, so caches compare it to know they are stale.
pub fn change_counter(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(audit_log::table
        .select(diesel::dsl::max(audit_log::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Newest first; optionally only one entity's history.
pub fn list(
    conn: &mut DbConnection,
    entity: Option<Entity<'_>>,
    page: PageRequest,
) -> Result<Page<AuditEntry>, StoreError> {
    let filtered = || {
        let mut q = audit_log::table.into_boxed();
        if let Some((kind, id)) = entity {
            q = q.filter(audit_log::entity_kind.eq(kind.to_owned()));
            if let Some(id) = id {
                q = q.filter(audit_log::entity_id.eq(id));
            }
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let items = filtered()
        .order(audit_log::id.desc())
        .offset(page.offset)
        .limit(page.limit)
        .select(AuditEntry::as_select())
        .load(conn)?;
    Ok(Page { items, total })
}
