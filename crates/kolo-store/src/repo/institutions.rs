//! Institutions and their network memberships.

use super::{Saved, parse_stored, sort_key, text_from_json, text_to_json};
use crate::schema::{institutions, memberships, networks};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, audit, now};
use diesel::prelude::*;
use kolo_domain::{CountryCode, Institution, InstitutionKind, Slug};

#[derive(Queryable, Selectable)]
#[diesel(table_name = institutions)]
pub(crate) struct InstitutionRow {
    id: i64,
    slug: String,
    kind: String,
    original_lang: String,
    name: String,
    description: String,
    country: String,
    region_code: Option<String>,
    region: String,
    locality: String,
    address: String,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl InstitutionRow {
    pub(crate) fn into_record(self) -> Result<Record<Institution>, StoreError> {
        let value = Institution {
            slug: parse_stored("slug", Slug::parse("slug", &self.slug))?,
            kind: InstitutionKind::from_code(&self.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("kind: {}", self.kind)))?,
            original_lang: parse_stored("original_lang", self.original_lang.parse())?,
            name: text_from_json("name", &self.name)?,
            description: text_from_json("description", &self.description)?,
            country: parse_stored("country", CountryCode::parse("country", &self.country))?,
            region_code: self.region_code,
            region: text_from_json("region", &self.region)?,
            locality: text_from_json("locality", &self.locality)?,
            address: text_from_json("address", &self.address)?,
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
#[diesel(table_name = institutions, treat_none_as_null = true)]
struct InstitutionColumns {
    slug: String,
    kind: &'static str,
    original_lang: String,
    name: String,
    sort_name: String,
    description: String,
    country: String,
    region_code: Option<String>,
    region: String,
    locality: String,
    address: String,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    updated_at: chrono::NaiveDateTime,
}

impl From<&Institution> for InstitutionColumns {
    fn from(i: &Institution) -> Self {
        InstitutionColumns {
            slug: i.slug.to_string(),
            kind: i.kind.code(),
            original_lang: i.original_lang.to_string(),
            name: text_to_json(&i.name),
            sort_name: sort_key(&i.name, i.original_lang.as_str()),
            description: text_to_json(&i.description),
            country: i.country.as_str().to_owned(),
            region_code: i.region_code.clone(),
            region: text_to_json(&i.region),
            locality: text_to_json(&i.locality),
            address: text_to_json(&i.address),
            email: i.contacts.email.clone(),
            phone: i.contacts.phone.clone(),
            website: i.contacts.website.as_ref().map(ToString::to_string),
            updated_at: now(),
        }
    }
}

/// Which institutions a directory page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstitutionFilter {
    pub kind: Option<InstitutionKind>,
    pub country: Option<String>,
    pub region_code: Option<String>,
    pub network_id: Option<i64>,
}

pub fn list(
    conn: &mut DbConnection,
    filter: &InstitutionFilter,
    page: PageRequest,
) -> Result<Page<Record<Institution>>, StoreError> {
    let filtered = || {
        let mut q = institutions::table.into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(institutions::kind.eq(kind.code()));
        }
        if let Some(country) = &filter.country {
            q = q.filter(institutions::country.eq(country.clone()));
        }
        if let Some(region) = &filter.region_code {
            q = q.filter(institutions::region_code.eq(region.clone()));
        }
        if let Some(network) = filter.network_id {
            q = q.filter(
                institutions::id.eq_any(
                    memberships::table
                        .filter(memberships::network_id.eq(network))
                        .select(memberships::institution_id),
                ),
            );
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((institutions::sort_name, institutions::id))
        .offset(page.offset)
        .limit(page.limit)
        .select(InstitutionRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(InstitutionRow::into_record)
        .collect::<Result<_, _>>()?;
    Ok(Page { items, total })
}

/// How many institutions there are of each kind, in `InstitutionKind::ALL` order, kinds with none left out.
pub fn count_by_kind(conn: &mut DbConnection) -> Result<Vec<(InstitutionKind, i64)>, StoreError> {
    let rows: Vec<(String, i64)> = institutions::table
        .group_by(institutions::kind)
        .select((institutions::kind, diesel::dsl::count_star()))
        .load(conn)?;
    let mut counts = Vec::new();
    for kind in InstitutionKind::ALL {
        if let Some((_, n)) = rows.iter().find(|(k, _)| k == kind.code()) {
            counts.push((kind, *n));
        }
    }
    Ok(counts)
}

/// Distinct (country, region code) pairs in use, for the directory's filters.
pub fn places(conn: &mut DbConnection) -> Result<Vec<(String, Option<String>)>, StoreError> {
    Ok(institutions::table
        .select((institutions::country, institutions::region_code))
        .distinct()
        .order((institutions::country, institutions::region_code))
        .load(conn)?)
}

/// The ids of the networks an institution belongs to.
pub fn network_ids(conn: &mut DbConnection, institution_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(memberships::table
        .filter(memberships::institution_id.eq(institution_id))
        .select(memberships::network_id)
        .order(memberships::network_id)
        .load(conn)?)
}

/// The slugs of the networks each of `ids` belongs to, for lists.
pub fn network_slugs(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<String>>, StoreError> {
    let rows: Vec<(i64, String)> = memberships::table
        .inner_join(networks::table)
        .filter(memberships::institution_id.eq_any(ids))
        .order((memberships::institution_id, networks::slug))
        .select((memberships::institution_id, networks::slug))
        .load(conn)?;
    let mut map = std::collections::HashMap::<i64, Vec<String>>::new();
    for (id, slug) in rows {
        map.entry(id).or_default().push(slug);
    }
    Ok(map)
}

/// Makes the institution a member of exactly `network_ids`. Logs only when the set changes.
pub fn set_networks(
    conn: &mut DbConnection,
    actor: Option<i64>,
    institution_id: i64,
    network_ids: &[i64],
) -> Result<Saved, StoreError> {
    let mut wanted = network_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let current = self::network_ids(conn, institution_id)?;
    if current == wanted {
        return Ok(Saved::Unchanged);
    }
    let known: i64 = networks::table
        .filter(networks::id.eq_any(&wanted))
        .count()
        .get_result(conn)?;
    if known != wanted.len() as i64 {
        return Err(kolo_domain::FieldError::new("networks", "unknown-network")
            .into_errors()
            .into());
    }
    diesel::delete(memberships::table.filter(memberships::institution_id.eq(institution_id)))
        .execute(conn)?;
    for network_id in &wanted {
        diesel::insert_into(memberships::table)
            .values((
                memberships::network_id.eq(network_id),
                memberships::institution_id.eq(institution_id),
            ))
            .execute(conn)?;
    }
    let detail = serde_json::json!({ "before": current, "after": wanted });
    audit::record(
        conn,
        actor,
        "set-networks",
        ("institution", Some(institution_id)),
        &detail,
    )?;
    Ok(Saved::Updated)
}

super::slugged_records!(table: institutions, row: InstitutionRow, columns: InstitutionColumns, value: Institution, entity: "institution");
