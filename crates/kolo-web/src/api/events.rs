//! `/api/v1/events`

use super::{ApiResult, ErrorBody, JsonBody, KnownFields, ListPage, query_number};
use crate::auth::ApiUser;
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{NaiveDate, NaiveDateTime};
use kolo_domain::event::ProgrammeWarning;
use kolo_domain::{Event, EventKind, ProgrammeItem};
use kolo_store::repo::events::{self, EventFilter, PublishedProgramme};
use kolo_store::repo::{Saved, institutions, networks};
use kolo_store::{PageRequest, Record, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one, put_one))
        .routes(routes!(put_programme))
}

impl KnownFields for Event {
    const FIELDS: &'static [&'static str] = Event::FIELDS;
}

/// An event as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct EventRecord {
    pub id: i64,
    /// The event's public page.
    pub url: String,
    #[serde(flatten)]
    pub event: Event,
    /// The latest published programme, empty before the first (single-event responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme: Option<Vec<ProgrammeItem>>,
    /// Which version `programme` is (single-event responses of events that published one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme_version: Option<super::outcomes::VersionRef>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// `programme`: `None` for list entries (no programme), else the event's published one, if any.
fn record_out(
    state: &AppState,
    r: Record<Event>,
    programme: Option<Option<PublishedProgramme>>,
) -> EventRecord {
    let (programme, programme_version) = match programme {
        None => (None, None),
        Some(None) => (Some(Vec::new()), None),
        Some(Some(p)) => (
            Some(p.items),
            Some(super::outcomes::VersionRef {
                number: p.number,
                name: p.name,
                published_at: p.published_at.and_utc(),
            }),
        ),
    };
    EventRecord {
        id: r.id,
        url: state.config.absolute(&format!("/events/{}", r.value.slug)),
        event: r.value,
        programme,
        programme_version,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only events this institution (slug) hosts, organises, partners or supports.
    institution: Option<String>,
    /// Only events of this network (slug).
    network: Option<String>,
    /// Only this kind (`forum`, `conference`, ...).
    kind: Option<String>,
    /// Only events not over before this date (YYYY-MM-DD, UTC).
    from: Option<String>,
    /// Only events starting on or before this date (YYYY-MM-DD, UTC).
    to: Option<String>,
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

fn date_param(
    name: &str,
    raw: Option<&String>,
    end_of_day: bool,
) -> Result<Option<NaiveDateTime>, AppError> {
    match raw.map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => {
            let d = s.parse::<NaiveDate>().map_err(|_| {
                AppError::BadRequest(format!("{name}: `{s}` is not a date (YYYY-MM-DD)"))
            })?;
            Ok(if end_of_day {
                d.and_hms_opt(23, 59, 59)
            } else {
                d.and_hms_opt(0, 0, 0)
            })
        }
    }
}

/// Lists events in time order.
#[utoipa::path(get, path = "/events", operation_id = "list_events", tag = "events", params(ListParams),
    responses((status = 200, body = ListPage<EventRecord>), (status = 400, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<ListPage<EventRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let kind = match p.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(
            EventKind::from_code(k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let ends_after = date_param("from", p.from.as_ref(), false)?;
    let starts_before = date_param("to", p.to.as_ref(), true)?;
    let (institution, network) = (
        p.institution.clone().filter(|s| !s.is_empty()),
        p.network.clone().filter(|s| !s.is_empty()),
    );
    let page = state
        .store
        .read(move |c| {
            let unknown = |field: &str| {
                StoreError::Invalid(kolo_domain::FieldError::new(field, "unknown").into_errors())
            };
            let institution_id = match &institution {
                Some(s) => Some(
                    institutions::get_by_slug(c, s)
                        .map_err(|_| unknown("institution"))?
                        .id,
                ),
                None => None,
            };
            let network_id = match &network {
                Some(s) => Some(
                    networks::get_by_slug(c, s)
                        .map_err(|_| unknown("network"))?
                        .id,
                ),
                None => None,
            };
            let filter = EventFilter {
                institution_id,
                network_id,
                kind,
                ends_after,
                starts_before,
                ..Default::default()
            };
            events::list(c, &filter, PageRequest::new(offset, limit))
        })
        .await
        .map_err(AppError::from_filter)?;
    let filters = [
        ("institution", &p.institution),
        ("network", &p.network),
        ("kind", &p.kind),
        ("from", &p.from),
        ("to", &p.to),
    ];
    let next = super::next_page(
        &state,
        "/api/v1/events",
        &filters,
        (offset, limit, page.total),
    );
    let items = page
        .items
        .into_iter()
        .map(|r| record_out(&state, r, None))
        .collect();
    Ok(Json(ListPage {
        items,
        total: page.total,
        next,
    }))
}

async fn load(state: &AppState, slug: String) -> Result<EventRecord, AppError> {
    let (r, programme) = state
        .store
        .read(move |c| {
            let r = events::get_by_slug(c, &slug)?;
            let programme = events::published_programme(c, r.id)?;
            Ok((r, programme))
        })
        .await?;
    Ok(record_out(state, r, Some(programme)))
}

/// One event with its latest published programme.
#[utoipa::path(get, path = "/events/{slug}", operation_id = "get_event", tag = "events",
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = EventRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<EventRecord>> {
    Ok(Json(load(&state, slug).await?))
}

/// Creates or replaces an event (staff of a host institution, platform administrators).
#[utoipa::path(put, path = "/events/{slug}", operation_id = "put_event", tag = "events", request_body = Event, security(("token" = [])),
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = EventRecord), (status = 201, body = EventRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Event>,
) -> ApiResult<(StatusCode, Json<EventRecord>)> {
    let s = slug.clone();
    let (_, saved) = state
        .write(move |c| records::save(c, &user, &s, &value))
        .await?;
    let status = if saved == Saved::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(load(&state, slug).await?)))
}

/// A whole programme draft, replacing the current one; items are matched by `guid`. The public
/// sees it once published (`POST .../programme/versions`).
#[derive(Deserialize, ToSchema)]
pub struct ProgrammeBody {
    pub items: Vec<ProgrammeItem>,
}

impl KnownFields for ProgrammeBody {
    const FIELDS: &'static [&'static str] = &["items"];
}

/// What a programme write did, and the overlaps worth a look.
#[derive(Serialize, ToSchema)]
pub struct ProgrammeSaved {
    pub items: usize,
    pub changed: bool,
    pub warnings: Vec<ProgrammeWarning>,
}

/// Replaces an event's programme draft (staff of a host institution, platform administrators).
#[utoipa::path(put, path = "/events/{slug}/programme", operation_id = "put_event_programme", tag = "events", request_body = ProgrammeBody,
    security(("token" = [])), params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = ProgrammeSaved), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_programme(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<ProgrammeBody>,
) -> ApiResult<Json<ProgrammeSaved>> {
    let count = body.items.len();
    let (saved, warnings) = state
        .write(move |c| {
            let event = records::editable::<Event>(c, &user, &slug)?;
            events::set_programme(c, Some(user.user_id), event.id, &body.items)
        })
        .await?;
    Ok(Json(ProgrammeSaved {
        items: count,
        changed: saved != Saved::Unchanged,
        warnings,
    }))
}
