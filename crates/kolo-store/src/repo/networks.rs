//! Networks: associations, projects, standing networks.

use super::institutions::InstitutionRow;
use super::{parse_stored, sort_key, text_from_json, text_to_json};
use crate::schema::{institutions, memberships, networks};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, now};
use diesel::prelude::*;
use kolo_domain::{Institution, Network, NetworkKind, Slug};

#[derive(Queryable, Selectable)]
#[diesel(table_name = networks)]
struct NetworkRow {
    id: i64,
    slug: String,
    kind: String,
    original_lang: String,
    name: String,
    description: String,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl NetworkRow {
    fn into_record(self) -> Result<Record<Network>, StoreError> {
        let value = Network {
            slug: parse_stored("slug", Slug::parse("slug", &self.slug))?,
            kind: NetworkKind::from_code(&self.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("kind: {}", self.kind)))?,
            original_lang: parse_stored("original_lang", self.original_lang.parse())?,
            name: text_from_json("name", &self.name)?,
            description: text_from_json("description", &self.description)?,
            contacts: super::stored_contacts(self.email, self.phone, self.website)?,
        };
        Ok(Record {
            id: self.id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            value,
        })
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = networks, treat_none_as_null = true)]
struct NetworkColumns {
    slug: String,
    kind: &'static str,
    original_lang: String,
    name: String,
    sort_name: String,
    description: String,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    updated_at: chrono::NaiveDateTime,
}

impl From<&Network> for NetworkColumns {
    fn from(n: &Network) -> Self {
        NetworkColumns {
            slug: n.slug.to_string(),
            kind: n.kind.code(),
            original_lang: n.original_lang.to_string(),
            name: text_to_json(&n.name),
            sort_name: sort_key(&n.name, n.original_lang.as_str()),
            description: text_to_json(&n.description),
            email: n.contacts.email.clone(),
            phone: n.contacts.phone.clone(),
            website: n.contacts.website.as_ref().map(ToString::to_string),
            updated_at: now(),
        }
    }
}

/// All networks in name order.
pub fn list(
    conn: &mut DbConnection,
    page: PageRequest,
) -> Result<Page<Record<Network>>, StoreError> {
    let total = networks::table.count().get_result(conn)?;
    let rows = networks::table
        .order((networks::sort_name, networks::id))
        .offset(page.offset)
        .limit(page.limit)
        .select(NetworkRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(NetworkRow::into_record)
            .collect::<Result<_, _>>()?,
        total,
    })
}

pub fn by_ids(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Record<Network>>, StoreError> {
    networks::table
        .filter(networks::id.eq_any(ids))
        .order((networks::sort_name, networks::id))
        .select(NetworkRow::as_select())
        .load(conn)?
        .into_iter()
        .map(NetworkRow::into_record)
        .collect()
}

/// Number of member institutions per network id.
pub fn member_counts(conn: &mut DbConnection) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(memberships::table
        .group_by(memberships::network_id)
        .select((memberships::network_id, diesel::dsl::count_star()))
        .load(conn)?)
}

pub fn members(
    conn: &mut DbConnection,
    network_id: i64,
) -> Result<Vec<Record<Institution>>, StoreError> {
    institutions::table
        .inner_join(memberships::table)
        .filter(memberships::network_id.eq(network_id))
        .order((institutions::sort_name, institutions::id))
        .select(InstitutionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(InstitutionRow::into_record)
        .collect()
}

super::slugged_records!(table: networks, row: NetworkRow, columns: NetworkColumns, value: Network, entity: "network");
