//! Exhibitions. Each is stored whole as JSON with a revision per change; its kind, state and
//! span, its hosts, its itinerary and the objects it shows are derived into columns and tables
//! on every write, so lists (by venue, by date, by object) never read the JSON.

use super::Saved;
use crate::schema::{
    events, exhibition_hosts, exhibition_objects, exhibition_revisions, exhibition_stops,
    exhibitions, institutions, networks,
};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, now};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kolo_domain::event::Party;
use kolo_domain::{Exhibition, ExhibitionKind, FieldError, ObjectRef, Slug, ValidationErrors};

super::json_row!(ExhibitionRow, exhibitions, Exhibition, "exhibition");

/// Where an exhibition stands relative to a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Open on the day.
    Current,
    /// Opens after the day.
    Upcoming,
    /// Closed before the day.
    Past,
}

/// Which exhibitions a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExhibitionFilter {
    pub kind: Option<ExhibitionKind>,
    /// Exhibitions this institution hosts or is a stop of.
    pub institution_id: Option<i64>,
    /// With `institution_id`: on show at that institution (at its stops, or as host of an
    /// exhibition without an itinerary) in that period; without it: anywhere.
    pub period: Option<(Period, NaiveDate)>,
    /// Drafts too (staff lists); the public never sees them.
    pub include_drafts: bool,
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<Exhibition>, StoreError> {
    exhibitions::table
        .find(id)
        .select(ExhibitionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Record<Exhibition>, StoreError> {
    exhibitions::table
        .filter(exhibitions::slug.eq(slug))
        .select(ExhibitionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

/// Exhibitions in time order (past ones latest first), permanent ones without dates first.
pub fn list(
    conn: &mut DbConnection,
    filter: &ExhibitionFilter,
    page: PageRequest,
) -> Result<Page<Record<Exhibition>>, StoreError> {
    let filtered = || {
        let mut q = exhibitions::table.into_boxed();
        if !filter.include_drafts {
            q = q.filter(exhibitions::state.eq("published"));
        }
        if let Some(kind) = filter.kind {
            q = q.filter(exhibitions::kind.eq(kind.code()));
        }
        let hosted = |id: i64| {
            exhibitions::id.eq_any(
                exhibition_hosts::table
                    .filter(exhibition_hosts::institution_id.eq(id))
                    .select(exhibition_hosts::exhibition_id),
            )
        };
        let stops = exhibition_stops::table.select(exhibition_stops::exhibition_id);
        let at = |id: i64| exhibition_stops::institution_id.eq(id);
        let without_itinerary = exhibitions::has_itinerary.eq(false);
        match (filter.institution_id, filter.period) {
            (None, None) => {}
            (Some(id), None) => {
                q = q.filter(hosted(id).or(exhibitions::id.eq_any(stops.filter(at(id)))))
            }
            (None, Some((Period::Current, day))) => {
                q = q
                    .filter(
                        exhibitions::opens_on
                            .is_null()
                            .or(exhibitions::opens_on.le(day)),
                    )
                    .filter(
                        exhibitions::closes_on
                            .is_null()
                            .or(exhibitions::closes_on.ge(day)),
                    )
            }
            (None, Some((Period::Upcoming, day))) => q = q.filter(exhibitions::opens_on.gt(day)),
            (None, Some((Period::Past, day))) => q = q.filter(exhibitions::closes_on.lt(day)),
            (Some(id), Some((Period::Current, day))) => {
                let at_stop = exhibitions::id.eq_any(
                    stops
                        .filter(at(id))
                        .filter(exhibition_stops::opens_on.le(day))
                        .filter(exhibition_stops::closes_on.ge(day)),
                );
                let span = exhibitions::opens_on
                    .is_null()
                    .or(exhibitions::opens_on.le(day))
                    .and(
                        exhibitions::closes_on
                            .is_null()
                            .or(exhibitions::closes_on.ge(day)),
                    );
                let at_host = hosted(id).and(without_itinerary).and(span);
                q = q.filter(at_stop.or(at_host))
            }
            (Some(id), Some((Period::Upcoming, day))) => {
                let at_stop = exhibitions::id.eq_any(
                    stops
                        .filter(at(id))
                        .filter(exhibition_stops::opens_on.gt(day)),
                );
                let at_host = hosted(id)
                    .and(without_itinerary)
                    .and(exhibitions::opens_on.gt(day));
                q = q.filter(at_stop.or(at_host))
            }
            (Some(id), Some((Period::Past, day))) => {
                let at_stop = exhibitions::id.eq_any(
                    stops
                        .filter(at(id))
                        .filter(exhibition_stops::closes_on.lt(day)),
                );
                let at_host = hosted(id)
                    .and(without_itinerary)
                    .and(exhibitions::closes_on.lt(day));
                q = q.filter(at_stop.or(at_host))
            }
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let ordered = match filter.period {
        Some((Period::Past, _)) => {
            filtered().order((exhibitions::closes_on.desc(), exhibitions::id.desc()))
        }
        _ => filtered().order((
            exhibitions::opens_on.is_not_null(),
            exhibitions::opens_on.asc(),
            exhibitions::id.asc(),
        )),
    };
    let rows = ordered
        .offset(page.offset)
        .limit(page.limit)
        .select(ExhibitionRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(ExhibitionRow::into_record)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The exhibitions that show an object, published ones only unless `include_drafts`, in time
/// order: for the object's page.
pub fn showing(
    conn: &mut DbConnection,
    object: &ObjectRef,
    include_drafts: bool,
) -> Result<Vec<Record<Exhibition>>, StoreError> {
    let mut q = exhibitions::table
        .filter(
            exhibitions::id.eq_any(
                exhibition_objects::table
                    .filter(exhibition_objects::institution.eq(object.institution.as_str()))
                    .filter(
                        exhibition_objects::inventory_number.eq(object.inventory_number.as_str()),
                    )
                    .select(exhibition_objects::exhibition_id),
            ),
        )
        .into_boxed();
    if !include_drafts {
        q = q.filter(exhibitions::state.eq("published"));
    }
    q.order((exhibitions::opens_on.desc(), exhibitions::id.desc()))
        .select(ExhibitionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ExhibitionRow::into_record)
        .collect()
}

/// The institutions that host an exhibition: their staff edit it.
pub fn host_ids(conn: &mut DbConnection, exhibition_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(exhibition_hosts::table
        .filter(exhibition_hosts::exhibition_id.eq(exhibition_id))
        .select(exhibition_hosts::institution_id)
        .load(conn)?)
}

/// One saved content of an exhibition or a story.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision<T> {
    pub number: i64,
    pub saved_at: NaiveDateTime,
    pub saved_by: Option<i64>,
    pub value: T,
}

/// A revision as stored: id, number, data, saved at, saved by.
pub(crate) type RevisionRow = (i64, i64, String, NaiveDateTime, Option<i64>);

/// Stored revisions read back; `what` names them when the text does not read.
pub(crate) fn read_revisions<T: serde::de::DeserializeOwned>(
    what: &str,
    rows: Vec<RevisionRow>,
) -> Result<Vec<Revision<T>>, StoreError> {
    rows.into_iter()
        .map(|(id, number, data, saved_at, saved_by)| {
            Ok(Revision {
                number,
                saved_at,
                saved_by,
                value: serde_json::from_str(&data)
                    .map_err(|e| StoreError::Corrupt(format!("{what} {id}: {e}")))?,
            })
        })
        .collect()
}

/// An exhibition's revisions, newest first.
pub fn revisions(
    conn: &mut DbConnection,
    exhibition_id: i64,
) -> Result<Vec<Revision<Exhibition>>, StoreError> {
    let rows = exhibition_revisions::table
        .filter(exhibition_revisions::exhibition_id.eq(exhibition_id))
        .order(exhibition_revisions::number.desc())
        .select((
            exhibition_revisions::id,
            exhibition_revisions::number,
            exhibition_revisions::data,
            exhibition_revisions::saved_at,
            exhibition_revisions::saved_by,
        ))
        .load(conn)?;
    read_revisions("exhibition revision", rows)
}

/// The id of the institution with this slug, or a field error.
pub(crate) fn institution_id(
    conn: &mut DbConnection,
    field: String,
    slug: &Slug,
    errors: &mut ValidationErrors,
) -> Result<Option<i64>, StoreError> {
    let id = institutions::table
        .filter(institutions::slug.eq(slug.as_str()))
        .select(institutions::id)
        .first(conn)
        .optional()?;
    if id.is_none() {
        errors.push(FieldError::new(field, "unknown-institution"));
    }
    Ok(id)
}

/// Whether the network with this slug exists; a field error if not.
pub(crate) fn network_exists(
    conn: &mut DbConnection,
    field: String,
    slug: &Slug,
    errors: &mut ValidationErrors,
) -> Result<(), StoreError> {
    let found: Option<i64> = networks::table
        .filter(networks::slug.eq(slug.as_str()))
        .select(networks::id)
        .first(conn)
        .optional()?;
    if found.is_none() {
        errors.push(FieldError::new(field, "unknown-network"));
    }
    Ok(())
}

/// What an exhibition names, checked: host ids, and each stop's institution id.
struct References {
    hosts: Vec<i64>,
    stops: Vec<Option<i64>>,
}

fn resolve(conn: &mut DbConnection, x: &Exhibition) -> Result<References, StoreError> {
    let mut errors = ValidationErrors::default();
    let mut hosts = Vec::new();
    for (i, slug) in x.hosts.iter().enumerate() {
        if let Some(id) = institution_id(conn, format!("hosts[{i}]"), slug, &mut errors)? {
            hosts.push(id);
        }
    }
    for (field, parties) in [("organisers", &x.organisers), ("partners", &x.partners)] {
        for (i, party) in parties.iter().enumerate() {
            if let Party::Institution { institution } = party {
                institution_id(conn, format!("{field}[{i}]"), institution, &mut errors)?;
            }
        }
    }
    for (i, curator) in x.curators.iter().enumerate() {
        if let Some(slug) = &curator.institution {
            institution_id(
                conn,
                format!("curators[{i}].institution"),
                slug,
                &mut errors,
            )?;
        }
    }
    let mut stops = Vec::new();
    for (i, stop) in x.itinerary.iter().enumerate() {
        stops.push(match &stop.institution {
            Some(slug) => institution_id(
                conn,
                format!("itinerary[{i}].institution"),
                slug,
                &mut errors,
            )?,
            None => None,
        });
    }
    for (i, slug) in x.networks.iter().enumerate() {
        network_exists(conn, format!("networks[{i}]"), slug, &mut errors)?;
    }
    for (i, slug) in x.events.iter().enumerate() {
        let found: Option<i64> = events::table
            .filter(events::slug.eq(slug.as_str()))
            .select(events::id)
            .first(conn)
            .optional()?;
        if found.is_none() {
            errors.push(FieldError::new(format!("events[{i}]"), "unknown-event"));
        }
    }
    for (i, image) in x.images.iter().enumerate() {
        if !super::media::owner(conn, &image.media)?.is_some_and(|owner| hosts.contains(&owner)) {
            errors.push(FieldError::new(
                format!("images[{i}].media"),
                "unknown-media",
            ));
        }
    }
    hosts.sort_unstable();
    hosts.dedup();
    errors
        .into_result(References { hosts, stops })
        .map_err(Into::into)
}

/// Creates or replaces the exhibition with this slug: the one write path for forms, API and
/// imports. Unchanged exhibitions write and log nothing.
pub fn save_by_slug(
    conn: &mut DbConnection,
    actor: Option<i64>,
    x: &Exhibition,
) -> Result<(i64, Saved), StoreError> {
    x.validate()?;
    let refs = resolve(conn, x)?;
    let existing = match get_by_slug(conn, x.slug.as_str()) {
        Ok(r) => Some(r),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e),
    };
    if let Some(current) = &existing
        && current.value == *x
    {
        return Ok((current.id, Saved::Unchanged));
    }
    let at = now();
    let data = serde_json::to_string(x).expect("an exhibition serialises");
    let (opens, closes) = x.span();
    let columns = (
        exhibitions::kind.eq(x.kind.code()),
        exhibitions::state.eq(x.state.code()),
        exhibitions::opens_on.eq(opens),
        exhibitions::closes_on.eq(closes),
        exhibitions::has_itinerary.eq(!x.itinerary.is_empty()),
        exhibitions::data.eq(&data),
        exhibitions::updated_at.eq(at),
    );
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(exhibitions::table.find(r.id))
                .set(columns)
                .execute(conn)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(exhibitions::table)
                .values((
                    columns,
                    exhibitions::slug.eq(x.slug.as_str()),
                    exhibitions::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "slug"))?;
            let id = exhibitions::table
                .filter(exhibitions::slug.eq(x.slug.as_str()))
                .select(exhibitions::id)
                .first(conn)?;
            (id, Saved::Created)
        }
    };
    diesel::delete(exhibition_hosts::table.filter(exhibition_hosts::exhibition_id.eq(id)))
        .execute(conn)?;
    for host in &refs.hosts {
        diesel::insert_into(exhibition_hosts::table)
            .values((
                exhibition_hosts::exhibition_id.eq(id),
                exhibition_hosts::institution_id.eq(host),
            ))
            .execute(conn)?;
    }
    diesel::delete(exhibition_stops::table.filter(exhibition_stops::exhibition_id.eq(id)))
        .execute(conn)?;
    for (position, (stop, institution)) in x.itinerary.iter().zip(&refs.stops).enumerate() {
        diesel::insert_into(exhibition_stops::table)
            .values((
                exhibition_stops::exhibition_id.eq(id),
                exhibition_stops::position.eq(position as i64),
                exhibition_stops::institution_id.eq(institution),
                exhibition_stops::opens_on.eq(stop.opens_on),
                exhibition_stops::closes_on.eq(stop.closes_on),
            ))
            .execute(conn)?;
    }
    diesel::delete(exhibition_objects::table.filter(exhibition_objects::exhibition_id.eq(id)))
        .execute(conn)?;
    for section in &x.sections {
        // An object listed twice in a section is one row; a highlight anywhere wins.
        let mut shown: Vec<(&ObjectRef, bool)> = Vec::new();
        for o in &section.objects {
            match shown.iter_mut().find(|(r, _)| *r == &o.object) {
                Some(entry) => entry.1 |= o.highlight,
                None => shown.push((&o.object, o.highlight)),
            }
        }
        for (object, highlight) in shown {
            diesel::insert_into(exhibition_objects::table)
                .values((
                    exhibition_objects::exhibition_id.eq(id),
                    exhibition_objects::institution.eq(object.institution.as_str()),
                    exhibition_objects::inventory_number.eq(object.inventory_number.as_str()),
                    exhibition_objects::section.eq(section.key.as_str()),
                    exhibition_objects::highlight.eq(highlight),
                ))
                .execute(conn)?;
        }
    }
    let last: Option<i64> = exhibition_revisions::table
        .filter(exhibition_revisions::exhibition_id.eq(id))
        .select(diesel::dsl::max(exhibition_revisions::number))
        .first(conn)?;
    diesel::insert_into(exhibition_revisions::table)
        .values((
            exhibition_revisions::exhibition_id.eq(id),
            exhibition_revisions::number.eq(last.unwrap_or(0) + 1),
            exhibition_revisions::data.eq(&data),
            exhibition_revisions::saved_at.eq(at),
            exhibition_revisions::saved_by.eq(actor),
        ))
        .execute(conn)?;
    let before = existing.as_ref().map(|r| &r.value);
    super::audit_save(conn, actor, "exhibition", id, before, x)?;
    Ok((id, saved))
}
