//! Frab schedule files in and out of events: what `kolo import frab` / `kolo export frab`, the
//! staff upload form and the public `schedule.xml` / `schedule.json` routes share.
//!
//! An import is one transaction: the event (created from the file when asked, halls added for
//! the file's rooms), its programme matched by guid, and the file itself (see
//! [`kolo_interop::frab_mapping`]). A problem anywhere refuses the whole file.

use kolo_domain::event::ProgrammeWarning;
use kolo_domain::{FieldError, LangTag, Principal, ProgrammeItem, Slug, ValidationErrors};
use kolo_interop::frab::{FrabError, Schedule};
use kolo_interop::frab_mapping::{self, ExportUrls, Format};
use kolo_store::repo::schedule_sources::{self, ScheduleSource};
use kolo_store::repo::{Saved, events};
use kolo_store::{DbConnection, StoreError};

/// A schedule file read and ready to import.
pub struct ScheduleFile {
    pub format: Format,
    pub schedule: Schedule,
}

impl ScheduleFile {
    /// Reads either format (told apart by the first character). Errors name the line or field.
    pub fn read(bytes: &[u8]) -> Result<ScheduleFile, FrabError> {
        let format = Format::sniff(bytes);
        Ok(ScheduleFile {
            format,
            schedule: format.read(bytes)?,
        })
    }
}

/// How to make the event when the slug names none yet: its host institution and the
/// language of the file's texts.
pub struct NewEvent {
    pub host: Slug,
    pub lang: LangTag,
}

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    pub event_id: i64,
    pub event: Saved,
    pub programme: Saved,
    /// The version name the programme was published under, if the file changed it.
    pub published: Option<String>,
    /// The file's events as items, in the order `warnings` count them.
    pub items: Vec<ProgrammeItem>,
    pub warnings: Vec<ProgrammeWarning>,
}

/// Imports `file` into the event at `slug`, as `user` (rights as for editing the event) or as
/// the command line (`None`). Without `create`, the event must exist.
pub fn import(
    c: &mut DbConnection,
    user: Option<&Principal>,
    slug: &str,
    file: &ScheduleFile,
    create: Option<&NewEvent>,
) -> Result<Imported, StoreError> {
    let current = match events::get_by_slug(c, slug) {
        Ok(record) => record.value,
        Err(StoreError::NotFound) => match create {
            Some(new) => frab_mapping::new_event(
                &file.schedule,
                Slug::parse("event", slug).map_err(FieldError::into_errors)?,
                new.host.clone(),
                new.lang.clone(),
            ),
            None => return Err(StoreError::NotFound),
        },
        Err(e) => return Err(e),
    };
    let (event, items) = frab_mapping::to_kolo(&file.schedule, &current);
    let named = |e: StoreError| name_items(e, &items);
    let (event_id, saved) = match user {
        Some(user) => crate::records::save(c, user, slug, &event),
        None => events::save_by_slug(c, None, &event),
    }
    .map_err(named)?;
    let actor = user.map(|u| u.user_id);
    // Published under the file's release name, unless that name is taken (a changed file that
    // kept its version) or unusable: then under the next number.
    let release = file.schedule.version.trim();
    let usable = kolo_domain::programme::version_name(release).is_ok()
        && !events::programme_versions(c, event_id)?
            .iter()
            .any(|v| v.name == release);
    let (programme, published, warnings) =
        events::set_and_publish_programme(c, actor, event_id, &items, usable.then_some(release))
            .map_err(named)?;
    let source = ScheduleSource {
        format: file.format.code().to_owned(),
        document: file.format.write(&file.schedule),
    };
    schedule_sources::set(c, actor, event_id, &source)?;
    Ok(Imported {
        event_id,
        event: saved,
        programme,
        published: published.map(|v| v.name),
        items,
        warnings,
    })
}

/// Item errors (`items[3].starts_at`) named by the file's event, so people find it in the file.
fn name_items(e: StoreError, items: &[ProgrammeItem]) -> StoreError {
    match e {
        StoreError::Invalid(v) => StoreError::Invalid(ValidationErrors {
            errors: v
                .errors
                .into_iter()
                .map(|fe| FieldError {
                    field: frab_mapping::name_items(&fe.field, items),
                    ..fe
                })
                .collect(),
        }),
        other => other,
    }
}

/// The event's public programme (its latest published version, named as the schedule's
/// `version`) as a schedule file in `format`.
pub fn export(
    c: &mut DbConnection,
    slug: &str,
    format: Format,
    urls: &ExportUrls<'_>,
) -> Result<String, StoreError> {
    let record = events::get_by_slug(c, slug)?;
    let (version, items) = events::published_programme(c, record.id)?
        .map(|p| (p.name, p.items))
        .unwrap_or_default();
    let source = schedule_sources::get(c, record.id)?
        .map(|s| read_source(record.id, &s))
        .transpose()?;
    let schedule = frab_mapping::to_schedule(&record.value, &items, &version, source, urls);
    Ok(format.write(&schedule))
}

fn read_source(event_id: i64, s: &ScheduleSource) -> Result<Schedule, StoreError> {
    let format = Format::from_code(&s.format).ok_or_else(|| {
        StoreError::Corrupt(format!("schedule of event {event_id}: format {}", s.format))
    })?;
    format
        .read(s.document.as_bytes())
        .map_err(|e| StoreError::Corrupt(format!("schedule of event {event_id}: {e}")))
}
