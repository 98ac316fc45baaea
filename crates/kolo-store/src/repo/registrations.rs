//! Event registration: settings per event, one registration per e-mail and event, places,
//! the waiting list and moderation.
//!
//! Every function here expects to run inside one transaction (`Store::write` / `Store::read`).
//! The registrant's submission is stored whole as JSON (`data`); the columns beside it (e-mail,
//! status, attendance, times) exist to count places, keep the waiting list's order and find
//! duplicates. The audit log gets ids and statuses only, never personal data.
//!
//! # Places are counted atomically
//!
//! Deciding a registration's status is count-then-write: count the places held, then insert
//! `confirmed` or `waitlisted`. Two registrations that count at the same time would both see the
//! last free place. So every function that changes who holds a place first *claims* the event
//! (see [`claim`]): it updates the event's `registration_settings` row without changing it. The
//! claim is the first statement of the transaction and is held until commit, so for one event
//! these writes take turns, and each one counts what every earlier one committed:
//!
//! - **PostgreSQL**: the `UPDATE` takes the row's lock; a second claim waits for the first
//!   transaction to end. Under the default READ COMMITTED every later statement reads a fresh
//!   snapshot, so the count includes the registration just committed. (Under REPEATABLE READ the
//!   waiting claim fails with a serialisation error instead: refused, never oversold.) Different
//!   events do not wait for each other.
//! - **SQLite**: any write takes the database's single write lock, waiting through
//!   `busy_timeout` while another connection (or process) holds it. Because the claim is the
//!   transaction's first statement, nothing was read before the lock, so there is no stale
//!   snapshot to upgrade (no `SQLITE_BUSY_SNAPSHOT`). Within one process `Store::write` already
//!   takes turns; the claim makes it correct between processes too (CLI beside a server).
//!
//! Why an idle `UPDATE` rather than `SELECT ... FOR UPDATE` or an advisory lock: Diesel's
//! `.for_update()` does not compile on the `MultiConnection` backend (its `ForUpdate` clause is
//! implemented for `Pg` and `Mysql` only), so it would need a PostgreSQL-only branch, and SQLite
//! would still need a write to take its lock up front. The `UPDATE` is one statement, checked at
//! compile time for both backends, that does both; its cost on PostgreSQL is one row version per
//! claim (a HOT update, vacuumed like any other). An advisory lock would be PostgreSQL-only too, and
//! its key space is shared with anything else in the database. Claiming the settings row rather
//! than the `events` row keeps event edits and foreign-key checks on `events` out of the queue,
//! and makes settings changes (capacity) take turns with registrations, as they must.
//!
//! All claims lock the settings row before touching any registration row, so two writers never
//! hold locks in opposite orders (no deadlocks between `cancel`, `moderate` and `set_settings`).

use super::events;
use crate::schema::{events as event_rows, registration_settings, registrations};
use crate::{DbConnection, StoreError, audit, hash_token, new_token, now};
use chrono::{DateTime, DurationRound, NaiveDateTime, TimeDelta, TimeZone, Utc};
use diesel::prelude::*;
use kolo_domain::registration::{Registrant, RegistrationSettings, RegistrationStatus};
use kolo_domain::{AttendanceMode, FieldError, UiLang};

/// One registration: the submission and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub status: RegistrationStatus,
    /// As submitted, normalised (trimmed, e-mail lower-cased).
    pub registrant: Registrant,
    /// When consent to processing was given (UTC).
    pub consent_at: NaiveDateTime,
    /// When the registration was made, or made again after a cancellation (UTC). The waiting
    /// list is in this order.
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a status change did: the registration as it is now, and the registrations that moved
/// from the waiting list into the freed places (the caller e-mails them, in their `lang`).
#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub registration: Registration,
    pub promoted: Vec<Registration>,
}

/// Numbers for the public event page: no personal data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub confirmed: u32,
    pub pending: u32,
    pub waitlisted: u32,
    pub cancelled: u32,
    pub declined: u32,
    /// Free places in the whole event; `None` when unlimited.
    pub places_left: Option<u32>,
    /// Free places for people coming in person (within `places_left`); `None` when unlimited.
    pub places_left_offline: Option<u32>,
    /// Free places online (within `places_left`); `None` when unlimited.
    pub places_left_online: Option<u32>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = registrations)]
struct Row {
    id: i64,
    event_id: i64,
    status: String,
    data: String,
    consent_at: NaiveDateTime,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl Row {
    fn into_registration(self) -> Result<Registration, StoreError> {
        let status = RegistrationStatus::from_code(&self.status).ok_or_else(|| {
            StoreError::Corrupt(format!("registration {}: status {}", self.id, self.status))
        })?;
        let registrant = serde_json::from_str(&self.data)
            .map_err(|e| StoreError::Corrupt(format!("registration {}: {e}", self.id)))?;
        Ok(Registration {
            id: self.id,
            event_id: self.event_id,
            status,
            registrant,
            consent_at: self.consent_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Whose event to claim: the event itself, or the event of a registration.
enum Claim<'a> {
    Event(i64),
    TokenHash(&'a str),
    Registration(i64),
}

/// Serialises place-changing writes per event until the transaction ends; see the module
/// documentation. Must be the transaction's first statement (on SQLite a read before it would
/// pin a snapshot that the write lock may then refuse to upgrade). Touching no row is fine: with
/// no settings there are no places to count.
fn claim(conn: &mut DbConnection, claim: Claim<'_>) -> Result<(), StoreError> {
    use registration_settings::{event_id, table, updated_at};
    let unchanged = updated_at.eq(updated_at);
    match claim {
        Claim::Event(id) => diesel::update(table.find(id))
            .set(unchanged)
            .execute(conn)?,
        Claim::TokenHash(hash) => diesel::update(
            table.filter(
                event_id.eq_any(
                    registrations::table
                        .filter(registrations::token_hash.eq(hash))
                        .select(registrations::event_id),
                ),
            ),
        )
        .set(unchanged)
        .execute(conn)?,
        Claim::Registration(id) => diesel::update(
            table.filter(
                event_id.eq_any(
                    registrations::table
                        .find(id)
                        .select(registrations::event_id),
                ),
            ),
        )
        .set(unchanged)
        .execute(conn)?,
    };
    Ok(())
}

fn refused(field: &str, reason: &str) -> StoreError {
    StoreError::Invalid(FieldError::new(field, reason).into())
}

/// An instant as stored: UTC, microseconds (what both backends keep).
fn stored(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
        .duration_trunc(TimeDelta::microseconds(1))
        .expect("truncating to microseconds cannot overflow")
}

fn offered(event: AttendanceMode) -> &'static [AttendanceMode] {
    match event {
        AttendanceMode::Offline => &[AttendanceMode::Offline],
        AttendanceMode::Online => &[AttendanceMode::Online],
        AttendanceMode::Hybrid => &[AttendanceMode::Offline, AttendanceMode::Online],
    }
}

/// The event's registration settings, if it takes registrations.
pub fn settings(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Option<RegistrationSettings>, StoreError> {
    let data: Option<String> = registration_settings::table
        .find(event_id)
        .select(registration_settings::data)
        .first(conn)
        .optional()?;
    data.map(|d| {
        serde_json::from_str(&d).map_err(|e| {
            StoreError::Corrupt(format!("registration settings of event {event_id}: {e}"))
        })
    })
    .transpose()
}

/// Opens registration for an event, or changes how it runs. When the change frees places
/// (more capacity), waiting registrations move up in order and are returned. Lowering capacity
/// below the places already held removes nobody. Unchanged settings write and log nothing.
pub fn set_settings(
    conn: &mut DbConnection,
    actor: Option<i64>,
    event_id: i64,
    value: &RegistrationSettings,
) -> Result<Vec<Registration>, StoreError> {
    claim(conn, Claim::Event(event_id))?;
    value.validate()?;
    events::get(conn, event_id)?;
    let before = settings(conn, event_id)?;
    if before.as_ref() == Some(value) {
        return Ok(Vec::new());
    }
    let data = serde_json::to_string(value).expect("settings serialise");
    let at = now();
    if before.is_some() {
        diesel::update(registration_settings::table.find(event_id))
            .set((
                registration_settings::data.eq(&data),
                registration_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(registration_settings::table)
            .values((
                registration_settings::event_id.eq(event_id),
                registration_settings::data.eq(&data),
                registration_settings::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    let detail = serde_json::json!({ "before": before, "after": value });
    audit::record(
        conn,
        actor,
        "set-registration",
        ("event", Some(event_id)),
        &detail,
    )?;
    fill(conn, event_id, value, at)
}

/// Registers a person for an event at `now`, returning the registration and the secret for
/// their confirm/cancel link (only its SHA-256 is stored; send it by e-mail, never show it on
/// the page, since anyone can submit anyone's address).
///
/// Refuses with a field error on `registration`: `not-open` when the event takes no
/// registrations, `closed` outside the window ([`RegistrationSettings::accepts_at`]: the
/// wall-clock times converted through the event's time zone). Other field errors come from
/// [`Registrant::validate`], plus `attendance`/`not-offered` when the event is not held that way.
///
/// The status: `waitlisted` when the event or the registrant's way of attending is full
/// (pending registrations hold places too), else `pending` if moderated, else `confirmed`.
///
/// The same e-mail again for the same event (any case) writes no second row: the existing
/// registration is returned unchanged with a new secret (the old link stops working). Only a
/// cancelled registration is made anew from the new submission, at the end of the queue: a person
/// who cancelled by mistake can come back. A declined one stays declined.
pub fn register(
    conn: &mut DbConnection,
    event_id: i64,
    registrant: &Registrant,
    now: DateTime<Utc>,
) -> Result<(Registration, String), StoreError> {
    claim(conn, Claim::Event(event_id))?;
    let event = events::get(conn, event_id)?.value;
    let settings = settings(conn, event_id)?.ok_or_else(|| refused("registration", "not-open"))?;
    if !settings.accepts_at(&event, now) {
        return Err(refused("registration", "closed"));
    }
    let registrant = registrant.normalized();
    let mut errors = registrant.validate(&settings).err().unwrap_or_default();
    if registrant.attendance != AttendanceMode::Hybrid
        && !offered(event.attendance).contains(&registrant.attendance)
    {
        errors.push(FieldError::new("attendance", "not-offered"));
    }
    errors.into_result(())?;

    let token = new_token();
    let token_hash = hash_token(&token);
    let at = stored(now);
    let existing = registrations::table
        .filter(registrations::event_id.eq(event_id))
        .filter(registrations::email.eq(&registrant.email))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::into_registration)
        .transpose()?;
    let cancelled_id = match existing {
        Some(mut existing) if existing.status != RegistrationStatus::Cancelled => {
            diesel::update(registrations::table.find(existing.id))
                .set((
                    registrations::token_hash.eq(&token_hash),
                    registrations::updated_at.eq(at),
                ))
                .execute(conn)?;
            existing.updated_at = at;
            let detail =
                serde_json::json!({ "event_id": event_id, "status": existing.status.code() });
            audit::record(
                conn,
                None,
                "register-again",
                ("registration", Some(existing.id)),
                &detail,
            )?;
            return Ok((existing, token));
        }
        Some(cancelled) => Some(cancelled.id),
        None => None,
    };

    let occupancy = Occupancy::of_event(conn, event_id)?;
    let status = if !occupancy.fits(&settings, registrant.attendance) {
        RegistrationStatus::Waitlisted
    } else if settings.moderated {
        RegistrationStatus::Pending
    } else {
        RegistrationStatus::Confirmed
    };
    let data = serde_json::to_string(&registrant).expect("a registrant serialises");
    let columns = (
        registrations::status.eq(status.code()),
        registrations::attendance.eq(registrant.attendance.code()),
        registrations::token_hash.eq(&token_hash),
        registrations::data.eq(&data),
        registrations::consent_at.eq(at),
        registrations::created_at.eq(at),
        registrations::updated_at.eq(at),
    );
    let again = match cancelled_id {
        Some(id) => {
            diesel::update(registrations::table.find(id))
                .set(columns)
                .execute(conn)?;
            true
        }
        None => {
            diesel::insert_into(registrations::table)
                .values((
                    registrations::event_id.eq(event_id),
                    registrations::email.eq(&registrant.email),
                    columns,
                ))
                .execute(conn)?;
            false
        }
    };
    let registration = by_hash(conn, &token_hash)?;
    let detail =
        serde_json::json!({ "event_id": event_id, "status": status.code(), "again": again });
    audit::record(
        conn,
        None,
        "register",
        ("registration", Some(registration.id)),
        &detail,
    )?;
    Ok((registration, token))
}

fn by_hash(conn: &mut DbConnection, token_hash: &str) -> Result<Registration, StoreError> {
    registrations::table
        .filter(registrations::token_hash.eq(token_hash))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_registration()
}

/// The registration a link's secret belongs to (for the page the link opens; `NotFound` for
/// an unknown or replaced secret).
pub fn by_token(conn: &mut DbConnection, token: &str) -> Result<Registration, StoreError> {
    by_hash(conn, &hash_token(token))
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<Registration, StoreError> {
    registrations::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?
        .into_registration()
}

/// Cancels the registration a link's secret belongs to. A place it held goes, in the same
/// transaction, to the longest-waiting registrations that fit (same way of attending, or any
/// when the limit was the whole event's), which are returned so the caller can tell them.
/// Cancelling again, or cancelling a declined registration, changes nothing.
pub fn cancel(conn: &mut DbConnection, token: &str) -> Result<StatusChange, StoreError> {
    let token_hash = hash_token(token);
    claim(conn, Claim::TokenHash(&token_hash))?;
    let registration = by_hash(conn, &token_hash)?;
    if matches!(
        registration.status,
        RegistrationStatus::Cancelled | RegistrationStatus::Declined
    ) {
        return Ok(StatusChange {
            registration,
            promoted: Vec::new(),
        });
    }
    change_status(
        conn,
        None,
        registration,
        RegistrationStatus::Cancelled,
        "cancel",
    )
}

/// An organiser approves (`confirmed`) or declines (`declined`) a pending registration;
/// anything else is refused with `status`/`not-pending`. A declined registration's place goes
/// to the waiting list as in [`cancel`]. The caller checks the actor's rights.
pub fn moderate(
    conn: &mut DbConnection,
    actor: Option<i64>,
    registration_id: i64,
    approve: bool,
) -> Result<StatusChange, StoreError> {
    claim(conn, Claim::Registration(registration_id))?;
    let registration = get(conn, registration_id)?;
    if registration.status != RegistrationStatus::Pending {
        return Err(refused("status", "not-pending"));
    }
    let (to, action) = if approve {
        (RegistrationStatus::Confirmed, "approve")
    } else {
        (RegistrationStatus::Declined, "decline")
    };
    change_status(conn, actor, registration, to, action)
}

fn change_status(
    conn: &mut DbConnection,
    actor: Option<i64>,
    mut registration: Registration,
    to: RegistrationStatus,
    action: &str,
) -> Result<StatusChange, StoreError> {
    let from = registration.status;
    let at = now();
    diesel::update(registrations::table.find(registration.id))
        .set((
            registrations::status.eq(to.code()),
            registrations::updated_at.eq(at),
        ))
        .execute(conn)?;
    registration.status = to;
    registration.updated_at = at;
    let detail = serde_json::json!({
        "event_id": registration.event_id, "from": from.code(), "to": to.code(),
    });
    audit::record(
        conn,
        actor,
        action,
        ("registration", Some(registration.id)),
        &detail,
    )?;
    let promoted = if from.holds_place() && !to.holds_place() {
        match settings(conn, registration.event_id)? {
            Some(s) => fill(conn, registration.event_id, &s, at)?,
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    Ok(StatusChange {
        registration,
        promoted,
    })
}

/// Moves waiting registrations, longest-waiting first, into the places free now: each one that
/// fits (its way of attending has room, and the event has room) becomes `confirmed`, or
/// `pending` when the event is moderated (organisers still decide who comes). Runs under the
/// event's claim.
fn fill(
    conn: &mut DbConnection,
    event_id: i64,
    settings: &RegistrationSettings,
    at: NaiveDateTime,
) -> Result<Vec<Registration>, StoreError> {
    let mut occupancy = Occupancy::of_event(conn, event_id)?;
    let waiting: Vec<(i64, String)> = registrations::table
        .filter(registrations::event_id.eq(event_id))
        .filter(registrations::status.eq(RegistrationStatus::Waitlisted.code()))
        .order((registrations::created_at, registrations::id))
        .select((registrations::id, registrations::attendance))
        .load(conn)?;
    let to = if settings.moderated {
        RegistrationStatus::Pending
    } else {
        RegistrationStatus::Confirmed
    };
    let mut promoted = Vec::new();
    for (id, attendance) in waiting {
        if settings.capacity.is_some_and(|c| occupancy.total() >= c) {
            break;
        }
        let mode = AttendanceMode::from_code(&attendance)
            .ok_or_else(|| StoreError::Corrupt(format!("registration {id}: {attendance}")))?;
        if !occupancy.fits(settings, mode) {
            continue;
        }
        diesel::update(registrations::table.find(id))
            .set((
                registrations::status.eq(to.code()),
                registrations::updated_at.eq(at),
            ))
            .execute(conn)?;
        occupancy.add(mode);
        let detail = serde_json::json!({
            "event_id": event_id, "from": RegistrationStatus::Waitlisted.code(), "to": to.code(),
        });
        audit::record(conn, None, "promote", ("registration", Some(id)), &detail)?;
        promoted.push(get(conn, id)?);
    }
    Ok(promoted)
}

/// Places held (pending or confirmed), per way of attending.
#[derive(Clone, Copy, Debug, Default)]
struct Occupancy {
    offline: u32,
    online: u32,
}

impl Occupancy {
    fn of_event(conn: &mut DbConnection, event_id: i64) -> Result<Occupancy, StoreError> {
        let mut o = Occupancy::default();
        for (status, mode, n) in tally(conn, event_id)? {
            if status.holds_place() {
                *o.slot(mode) += n;
            }
        }
        Ok(o)
    }

    fn slot(&mut self, mode: AttendanceMode) -> &mut u32 {
        match mode {
            AttendanceMode::Online => &mut self.online,
            AttendanceMode::Offline | AttendanceMode::Hybrid => &mut self.offline,
        }
    }

    fn of(self, mode: AttendanceMode) -> u32 {
        match mode {
            AttendanceMode::Online => self.online,
            AttendanceMode::Offline | AttendanceMode::Hybrid => self.offline,
        }
    }

    fn total(self) -> u32 {
        self.offline + self.online
    }

    fn add(&mut self, mode: AttendanceMode) {
        *self.slot(mode) += 1;
    }

    fn fits(self, settings: &RegistrationSettings, mode: AttendanceMode) -> bool {
        settings.capacity.is_none_or(|c| self.total() < c)
            && settings
                .capacity_for(mode)
                .is_none_or(|c| self.of(mode) < c)
    }

    /// Free places for one way of attending (within the event's), if limited.
    fn left_for(self, settings: &RegistrationSettings, mode: AttendanceMode) -> Option<u32> {
        let own = settings
            .capacity_for(mode)
            .map(|c| c.saturating_sub(self.of(mode)));
        min_known(own, self.left(settings))
    }

    fn left(self, settings: &RegistrationSettings) -> Option<u32> {
        settings.capacity.map(|c| c.saturating_sub(self.total()))
    }
}

fn min_known(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// How many registrations of an event are in each status and way of attending.
fn tally(
    conn: &mut DbConnection,
    event_id: i64,
) -> Result<Vec<(RegistrationStatus, AttendanceMode, u32)>, StoreError> {
    let rows: Vec<(String, String, i64)> = registrations::table
        .filter(registrations::event_id.eq(event_id))
        .group_by((registrations::status, registrations::attendance))
        .select((
            registrations::status,
            registrations::attendance,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(status, mode, n)| {
            let corrupt = || StoreError::Corrupt(format!("registrations: {status}/{mode}"));
            Ok((
                RegistrationStatus::from_code(&status).ok_or_else(corrupt)?,
                AttendanceMode::from_code(&mode).ok_or_else(corrupt)?,
                u32::try_from(n).unwrap_or(u32::MAX),
            ))
        })
        .collect()
}

/// The numbers the public page shows. Places are `None` when unlimited, or when the event takes
/// no registrations.
pub fn counts(conn: &mut DbConnection, event_id: i64) -> Result<Counts, StoreError> {
    let mut counts = Counts::default();
    let mut occupancy = Occupancy::default();
    for (status, mode, n) in tally(conn, event_id)? {
        *match status {
            RegistrationStatus::Confirmed => &mut counts.confirmed,
            RegistrationStatus::Pending => &mut counts.pending,
            RegistrationStatus::Waitlisted => &mut counts.waitlisted,
            RegistrationStatus::Cancelled => &mut counts.cancelled,
            RegistrationStatus::Declined => &mut counts.declined,
        } += n;
        if status.holds_place() {
            *occupancy.slot(mode) += n;
        }
    }
    let Some(settings) = settings(conn, event_id)? else {
        return Ok(counts);
    };
    let attendance: String = event_rows::table
        .find(event_id)
        .select(event_rows::attendance)
        .first(conn)?;
    let modes = offered(AttendanceMode::from_code(&attendance).unwrap_or(AttendanceMode::Hybrid));
    counts.places_left_offline = occupancy.left_for(&settings, AttendanceMode::Offline);
    counts.places_left_online = occupancy.left_for(&settings, AttendanceMode::Online);
    // The ways of attending add up to a limit only when each one the event offers has its own.
    let by_modes: Option<u32> = modes
        .iter()
        .map(|&m| {
            settings
                .capacity_for(m)
                .map(|c| c.saturating_sub(occupancy.of(m)))
        })
        .sum();
    counts.places_left = min_known(occupancy.left(&settings), by_modes);
    Ok(counts)
}

/// Every registration of an event, oldest first, for its organisers.
pub fn list(conn: &mut DbConnection, event_id: i64) -> Result<Vec<Registration>, StoreError> {
    registrations::table
        .filter(registrations::event_id.eq(event_id))
        .order((registrations::created_at, registrations::id))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::into_registration)
        .collect()
}

/// The registrations as a CSV file for organisers: a header, then one line per registration,
/// oldest first. Times are wall-clock in the event's zone; question columns are headed by their
/// labels and choices written as option labels, both in `lang`. Cells that a spreadsheet would
/// run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading
/// apostrophe.
pub fn csv(conn: &mut DbConnection, event_id: i64, lang: UiLang) -> Result<String, StoreError> {
    let event = events::get(conn, event_id)?.value;
    let settings = settings(conn, event_id)?.unwrap_or_default();
    let local = |t: NaiveDateTime| {
        event
            .time_zone
            .0
            .from_utc_datetime(&t)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "id",
        "registered_at",
        "status",
        "attendance",
        "name",
        "email",
        "organisation",
        "position",
        "region",
        "lang",
        "consent_at",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(
        settings
            .questions
            .iter()
            .map(|q| q.label.text_for(lang).to_owned()),
    );
    write_row(&mut out, &header);
    for r in list(conn, event_id)? {
        let p = &r.registrant;
        let mut row = vec![
            r.id.to_string(),
            local(r.created_at),
            r.status.code().to_owned(),
            p.attendance.code().to_owned(),
            p.name.clone(),
            p.email.clone(),
            p.organisation.clone(),
            p.position.clone(),
            p.region.clone(),
            p.lang.code().to_owned(),
            local(r.consent_at),
        ];
        row.extend(settings.questions.iter().map(|q| {
            p.answers
                .get(q.key.as_str())
                .map_or("", |a| q.display_answer(a, lang))
                .to_owned()
        }));
        write_row(&mut out, &row);
    }
    let bytes = out.into_inner().expect("writing CSV to memory cannot fail");
    Ok(String::from_utf8(bytes).expect("CSV of strings is UTF-8"))
}

fn write_row(out: &mut ::csv::Writer<Vec<u8>>, cells: &[String]) {
    out.write_record(cells.iter().map(|c| formula_safe(c).into_owned()))
        .expect("writing CSV to memory cannot fail");
}

/// Spreadsheets run a cell starting with one of these as a formula (CSV injection).
fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}
