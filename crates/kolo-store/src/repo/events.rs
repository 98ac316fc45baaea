//! Events and their programmes. Each event and programme item is stored whole as JSON; the
//! columns beside it (time, kind, relations to institutions and networks) are derived on every
//! write so lists can filter and order without reading the JSON.

use super::Saved;
use crate::schema::{
    event_institutions, event_networks, events, institutions, networks, programme_items,
    programme_versions,
};
use crate::{DbConnection, Page, PageRequest, Record, StoreError, audit, now};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kolo_domain::event::{ProgrammeWarning, check_programme};
use kolo_domain::programme::{ProgrammeChanges, programme_changes, version_name};
use kolo_domain::{
    AttendanceMode, Event, EventKind, FieldError, ProgrammeItem, Slug, ValidationErrors,
};

super::json_row!(EventRow, events, Event, "event");

/// Which events a list shows. Times are UTC instants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Events an institution hosts, organises, partners or supports.
    pub institution_id: Option<i64>,
    pub network_id: Option<i64>,
    pub kind: Option<EventKind>,
    pub attendance: Option<AttendanceMode>,
    /// Events not yet over at this instant.
    pub ends_after: Option<NaiveDateTime>,
    /// Events that began before this instant.
    pub starts_before: Option<NaiveDateTime>,
    /// Latest first (for past events).
    pub newest_first: bool,
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Record<Event>, StoreError> {
    events::table
        .find(id)
        .select(EventRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

pub fn get_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Record<Event>, StoreError> {
    events::table
        .filter(events::slug.eq(slug))
        .select(EventRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_record()
}

type Db = <DbConnection as diesel::Connection>::Backend;

/// The events a filter selects, in no order.
fn filtered(filter: &EventFilter) -> events::BoxedQuery<'static, Db> {
    let mut q = events::table.into_boxed();
    if let Some(id) = filter.institution_id {
        q = q.filter(
            events::id.eq_any(
                event_institutions::table
                    .filter(event_institutions::institution_id.eq(id))
                    .select(event_institutions::event_id),
            ),
        );
    }
    if let Some(id) = filter.network_id {
        q = q.filter(
            events::id.eq_any(
                event_networks::table
                    .filter(event_networks::network_id.eq(id))
                    .select(event_networks::event_id),
            ),
        );
    }
    if let Some(kind) = filter.kind {
        q = q.filter(events::kind.eq(kind.code()));
    }
    if let Some(mode) = filter.attendance {
        q = q.filter(events::attendance.eq(mode.code()));
    }
    if let Some(t) = filter.ends_after {
        q = q.filter(events::ends_utc.gt(t));
    }
    if let Some(t) = filter.starts_before {
        q = q.filter(events::starts_utc.lt(t));
    }
    q
}

fn records(rows: Vec<EventRow>) -> Result<Vec<Record<Event>>, StoreError> {
    rows.into_iter().map(EventRow::into_record).collect()
}

pub fn list(
    conn: &mut DbConnection,
    filter: &EventFilter,
    page: PageRequest,
) -> Result<Page<Record<Event>>, StoreError> {
    let total = filtered(filter).count().get_result(conn)?;
    let ordered = if filter.newest_first {
        filtered(filter).order((events::starts_utc.desc(), events::id.desc()))
    } else {
        filtered(filter).order((events::starts_utc.asc(), events::id.asc()))
    };
    let rows = ordered
        .offset(page.offset)
        .limit(page.limit)
        .select(EventRow::as_select())
        .load(conn)?;
    Ok(Page {
        items: records(rows)?,
        total,
    })
}

/// The events a filter selects that were created or changed most recently, newest first (for
/// feeds).
pub fn recently_changed(
    conn: &mut DbConnection,
    filter: &EventFilter,
    limit: i64,
) -> Result<Vec<Record<Event>>, StoreError> {
    records(
        filtered(filter)
            .order((events::updated_at.desc(), events::id.desc()))
            .limit(limit)
            .select(EventRow::as_select())
            .load(conn)?,
    )
}

/// Upcoming events (not over at `after`) beside a page's subject, at most `limit`: those of
/// these institutions (in any role) first, then those of these networks, each in time order,
/// without the event `except`.
pub fn related_upcoming(
    conn: &mut DbConnection,
    institution_ids: &[i64],
    network_ids: &[i64],
    except: Option<i64>,
    after: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Record<Event>>, StoreError> {
    let upcoming = || {
        let q = filtered(&EventFilter {
            ends_after: Some(after),
            ..Default::default()
        });
        match except {
            Some(id) => q.filter(events::id.ne(id)),
            None => q,
        }
    };
    let mut found = records(
        upcoming()
            .filter(
                events::id.eq_any(
                    event_institutions::table
                        .filter(event_institutions::institution_id.eq_any(institution_ids.to_vec()))
                        .select(event_institutions::event_id),
                ),
            )
            .order((events::starts_utc.asc(), events::id.asc()))
            .limit(limit)
            .select(EventRow::as_select())
            .load(conn)?,
    )?;
    let room = limit - found.len() as i64;
    if room > 0 && !network_ids.is_empty() {
        let seen: Vec<i64> = found.iter().map(|r| r.id).collect();
        found.extend(records(
            upcoming()
                .filter(
                    events::id.eq_any(
                        event_networks::table
                            .filter(event_networks::network_id.eq_any(network_ids.to_vec()))
                            .select(event_networks::event_id),
                    ),
                )
                .filter(events::id.ne_all(seen))
                .order((events::starts_utc.asc(), events::id.asc()))
                .limit(room)
                .select(EventRow::as_select())
                .load(conn)?,
        )?);
    }
    Ok(found)
}

/// The events that name this one as their parent, in time order.
pub fn children(conn: &mut DbConnection, id: i64) -> Result<Vec<Record<Event>>, StoreError> {
    events::table
        .filter(events::parent_id.eq(id))
        .order((events::starts_utc, events::id))
        .select(EventRow::as_select())
        .load(conn)?
        .into_iter()
        .map(EventRow::into_record)
        .collect()
}

/// The institutions that host an event.
pub fn host_ids(conn: &mut DbConnection, event_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(event_institutions::table
        .filter(event_institutions::event_id.eq(event_id))
        .filter(event_institutions::role.eq("host"))
        .select(event_institutions::institution_id)
        .load(conn)?)
}

/// The institution and network ids an event refers to, and its parent's id, each checked.
struct References {
    institutions: Vec<(i64, &'static str)>,
    networks: Vec<i64>,
    parent: Option<i64>,
}

fn resolve(conn: &mut DbConnection, event: &Event) -> Result<References, StoreError> {
    let mut errors = ValidationErrors::default();
    let mut institution_id =
        |conn: &mut DbConnection, field: String, slug: &Slug| -> Result<Option<i64>, StoreError> {
            let id = institutions::table
                .filter(institutions::slug.eq(slug.as_str()))
                .select(institutions::id)
                .first(conn)
                .optional()?;
            if id.is_none() {
                errors.push(FieldError::new(field, "unknown-institution"));
            }
            Ok(id)
        };
    let mut refs = References {
        institutions: Vec::new(),
        networks: Vec::new(),
        parent: None,
    };
    for (i, slug) in event.hosts.iter().enumerate() {
        if let Some(id) = institution_id(conn, format!("hosts[{i}]"), slug)? {
            refs.institutions.push((id, "host"));
        }
    }
    for (role, field, parties) in [
        ("organiser", "organisers", &event.organisers),
        ("partner", "partners", &event.partners),
        ("supporter", "supporters", &event.supporters),
    ] {
        for (i, party) in parties.iter().enumerate() {
            if let kolo_domain::event::Party::Institution { institution } = party
                && let Some(id) = institution_id(conn, format!("{field}[{i}]"), institution)?
            {
                refs.institutions.push((id, role));
            }
        }
    }
    for (i, slug) in event.networks.iter().enumerate() {
        match networks::table
            .filter(networks::slug.eq(slug.as_str()))
            .select(networks::id)
            .first(conn)
            .optional()?
        {
            Some(id) => refs.networks.push(id),
            None => errors.push(FieldError::new(format!("networks[{i}]"), "unknown-network")),
        }
    }
    if let Some(parent) = &event.parent {
        if parent == &event.slug {
            errors.push(FieldError::new("parent", "own-parent"));
        } else {
            match events::table
                .filter(events::slug.eq(parent.as_str()))
                .select(events::id)
                .first(conn)
                .optional()?
            {
                Some(id) => refs.parent = Some(id),
                None => errors.push(FieldError::new("parent", "unknown-event")),
            }
        }
    }
    refs.institutions.sort_unstable();
    refs.institutions.dedup();
    refs.networks.sort_unstable();
    refs.networks.dedup();
    errors.into_result(refs).map_err(Into::into)
}

/// Creates or replaces the event with this slug: the one write path for forms, API and imports.
/// Unchanged events write and log nothing.
pub fn save_by_slug(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event: &Event,
) -> Result<(i64, Saved), StoreError> {
    event.validate()?;
    let refs = resolve(conn, event)?;
    let data = serde_json::to_string(event).expect("an event serialises");
    let existing = get_by_slug(conn, event.slug.as_str())
        .map(Some)
        .or_else(|e| match e {
            StoreError::NotFound => Ok(None),
            other => Err(other),
        })?;
    if existing.as_ref().is_some_and(|r| r.value == *event) {
        return Ok((existing.map(|r| r.id).unwrap_or_default(), Saved::Unchanged));
    }
    let at = now();
    let columns = (
        events::kind.eq(event.kind.code()),
        events::status.eq(event.status.code()),
        events::attendance.eq(event.attendance.code()),
        events::parent_id.eq(refs.parent),
        events::starts_utc.eq(event.starts_utc().naive_utc()),
        events::ends_utc.eq(event.ends_utc().naive_utc()),
        events::data.eq(&data),
        events::updated_at.eq(at),
    );
    let (id, saved) = match &existing {
        Some(r) => {
            diesel::update(events::table.find(r.id))
                .set(columns)
                .execute(conn)?;
            (r.id, Saved::Updated)
        }
        None => {
            diesel::insert_into(events::table)
                .values((
                    columns,
                    events::slug.eq(event.slug.as_str()),
                    events::created_at.eq(at),
                ))
                .execute(conn)
                .map_err(|e| super::unique_as_taken(e, "slug"))?;
            (
                events::table
                    .filter(events::slug.eq(event.slug.as_str()))
                    .select(events::id)
                    .first(conn)?,
                Saved::Created,
            )
        }
    };
    diesel::delete(event_institutions::table.filter(event_institutions::event_id.eq(id)))
        .execute(conn)?;
    for (institution_id, role) in refs.institutions {
        diesel::insert_into(event_institutions::table)
            .values((
                event_institutions::event_id.eq(id),
                event_institutions::institution_id.eq(institution_id),
                event_institutions::role.eq(role),
            ))
            .execute(conn)?;
    }
    diesel::delete(event_networks::table.filter(event_networks::event_id.eq(id))).execute(conn)?;
    for network_id in refs.networks {
        diesel::insert_into(event_networks::table)
            .values((
                event_networks::event_id.eq(id),
                event_networks::network_id.eq(network_id),
            ))
            .execute(conn)?;
    }
    let before = existing.as_ref().map(|r| &r.value);
    super::audit_save(conn, actor, "event", id, before, event)?;
    Ok((id, saved))
}

/// An event's programme draft, in time order: what organisers edit, not what the public sees.
pub fn programme(conn: &mut DbConnection, event_id: i64) -> Result<Vec<ProgrammeItem>, StoreError> {
    let rows: Vec<(i64, String)> = programme_items::table
        .filter(programme_items::event_id.eq(event_id))
        .order((programme_items::starts_utc, programme_items::guid))
        .select((programme_items::id, programme_items::data))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, data)| {
            serde_json::from_str(&data)
                .map_err(|e| StoreError::Corrupt(format!("programme item {id}: {e}")))
        })
        .collect()
}

/// Whether two programmes hold the same items, whatever their order.
fn same_items(a: &[ProgrammeItem], b: &[ProgrammeItem]) -> bool {
    fn sorted(items: &[ProgrammeItem]) -> Vec<&ProgrammeItem> {
        let mut v: Vec<&ProgrammeItem> = items.iter().collect();
        v.sort_by(|x, y| x.guid.cmp(&y.guid));
        v
    }
    sorted(a) == sorted(b)
}

/// Makes `items` the event's programme draft (the public sees published versions, see
/// `publish_programme`): items are matched by guid (so a re-import updates in
/// place), missing ones removed. Returns the overlaps worth a warning.
pub fn set_programme(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event_id: i64,
    items: &[ProgrammeItem],
) -> Result<(Saved, Vec<ProgrammeWarning>), StoreError> {
    let event = get(conn, event_id)?;
    let warnings = check_programme(&event.value, items)?;
    let current = programme(conn, event_id)?;
    if same_items(&current, items) {
        return Ok((Saved::Unchanged, warnings));
    }
    let guids: Vec<&str> = items.iter().map(|i| i.guid.as_str()).collect();
    diesel::delete(
        programme_items::table
            .filter(programme_items::event_id.eq(event_id))
            .filter(programme_items::guid.ne_all(&guids)),
    )
    .execute(conn)?;
    for item in items {
        let data = serde_json::to_string(item).expect("an item serialises");
        let starts = event.value.time_zone.to_utc(item.starts_at).naive_utc();
        let updated = diesel::update(
            programme_items::table
                .filter(programme_items::event_id.eq(event_id))
                .filter(programme_items::guid.eq(&item.guid)),
        )
        .set((
            programme_items::starts_utc.eq(starts),
            programme_items::data.eq(&data),
        ))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(programme_items::table)
                .values((
                    programme_items::event_id.eq(event_id),
                    programme_items::guid.eq(&item.guid),
                    programme_items::starts_utc.eq(starts),
                    programme_items::data.eq(&data),
                ))
                .execute(conn)?;
        }
    }
    let detail = serde_json::json!({ "items": items.len(), "before": current.len() });
    audit::record(
        conn,
        actor,
        "set-programme",
        ("event", Some(event_id)),
        &detail,
    )?;
    Ok((
        if current.is_empty() {
            Saved::Created
        } else {
            Saved::Updated
        },
        warnings,
    ))
}

/// The programme the public sees: the latest published version.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedProgramme {
    pub number: i64,
    pub name: String,
    pub published_at: NaiveDateTime,
    pub items: Vec<ProgrammeItem>,
}

/// A published version with what it changed against the one before.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeVersion {
    pub number: i64,
    pub name: String,
    pub published_at: NaiveDateTime,
    pub published_by: Option<i64>,
    pub items: Vec<ProgrammeItem>,
    pub changes: ProgrammeChanges,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = programme_versions)]
struct VersionRow {
    id: i64,
    number: i64,
    name: String,
    published_at: NaiveDateTime,
    published_by: Option<i64>,
    items: String,
    changes: String,
}

impl VersionRow {
    fn into_version(self) -> Result<ProgrammeVersion, StoreError> {
        let corrupt = |e: serde_json::Error| {
            StoreError::Corrupt(format!("programme version {}: {e}", self.id))
        };
        Ok(ProgrammeVersion {
            items: serde_json::from_str(&self.items).map_err(corrupt)?,
            changes: serde_json::from_str(&self.changes).map_err(corrupt)?,
            number: self.number,
            name: self.name,
            published_at: self.published_at,
            published_by: self.published_by,
        })
    }
}

fn latest_version(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Option<ProgrammeVersion>, StoreError> {
    programme_versions::table
        .filter(programme_versions::event_id.eq(event_id))
        .order(programme_versions::number.desc())
        .select(VersionRow::as_select())
        .first(conn)
        .optional()?
        .map(VersionRow::into_version)
        .transpose()
}

/// The latest published programme, or `None` for an event that never published one.
pub fn published_programme(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Option<PublishedProgramme>, StoreError> {
    Ok(latest_version(conn, event_id)?.map(|v| PublishedProgramme {
        number: v.number,
        name: v.name,
        published_at: v.published_at,
        items: v.items,
    }))
}

/// What every public reader shows of an event's programme: the latest published version's
/// items, and none before the first publication.
pub fn public_programme(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Vec<ProgrammeItem>, StoreError> {
    Ok(published_programme(conn, event_id)?
        .map(|p| p.items)
        .unwrap_or_default())
}

/// Every published version of an event's programme, newest first.
pub fn programme_versions(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Vec<ProgrammeVersion>, StoreError> {
    programme_versions::table
        .filter(programme_versions::event_id.eq(event_id))
        .order(programme_versions::number.desc())
        .select(VersionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(VersionRow::into_version)
        .collect()
}

/// Publishes the draft as version `name` (unique per event). A draft the same as the latest
/// version is refused (`programme: programme-unchanged`): a version that changes nothing would
/// only clutter the changelog. Never having published counts as an empty programme.
pub fn publish_programme(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event_id: i64,
    name: &str,
) -> Result<ProgrammeVersion, StoreError> {
    let name = version_name(name)?;
    get(conn, event_id)?;
    let draft = programme(conn, event_id)?;
    let latest = latest_version(conn, event_id)?;
    let (number, before) = match latest {
        Some(v) => (v.number + 1, v.items),
        None => (1, Vec::new()),
    };
    if same_items(&before, &draft) {
        return Err(FieldError::new("programme", "programme-unchanged")
            .into_errors()
            .into());
    }
    let taken: i64 = programme_versions::table
        .filter(programme_versions::event_id.eq(event_id))
        .filter(programme_versions::name.eq(&name))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(StoreError::Taken { field: "name" });
    }
    let version = ProgrammeVersion {
        changes: programme_changes(&before, &draft),
        number,
        name,
        published_at: now(),
        published_by: actor,
        items: draft,
    };
    diesel::insert_into(programme_versions::table)
        .values((
            programme_versions::event_id.eq(event_id),
            programme_versions::number.eq(number),
            programme_versions::name.eq(&version.name),
            programme_versions::published_at.eq(version.published_at),
            programme_versions::published_by.eq(actor),
            programme_versions::items
                .eq(serde_json::to_string(&version.items).expect("items serialise")),
            programme_versions::changes
                .eq(serde_json::to_string(&version.changes).expect("changes serialise")),
        ))
        .execute(conn)
        .map_err(|e| super::unique_as_taken(e, "name"))?;
    let c = &version.changes;
    let detail = serde_json::json!({
        "number": number,
        "name": version.name,
        "items": version.items.len(),
        "added": c.added.len(),
        "removed": c.removed.len(),
        "changed": c.changed.len(),
    });
    audit::record(
        conn,
        actor,
        "publish-programme",
        ("event", Some(event_id)),
        &detail,
    )?;
    Ok(version)
}

/// What importers do (record bundles, Frab): make `items` the draft, and publish it when it
/// differs from the latest published version, as `name` or else the next number ("1", "2"...).
/// Running it again with the same items changes nothing.
pub fn set_and_publish_programme(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event_id: i64,
    items: &[ProgrammeItem],
    name: Option<&str>,
) -> Result<(Saved, Option<ProgrammeVersion>, Vec<ProgrammeWarning>), StoreError> {
    let (saved, warnings) = set_programme(conn, actor, event_id, items)?;
    let latest = published_programme(conn, event_id)?;
    let (next, published) = match &latest {
        Some(p) => (p.number + 1, p.items.as_slice()),
        None => (1, &[][..]),
    };
    if same_items(published, items) {
        return Ok((saved, None, warnings));
    }
    let name = name.map_or_else(|| next.to_string(), str::to_owned);
    let version = publish_programme(conn, actor, event_id, &name)?;
    Ok((saved, Some(version), warnings))
}
