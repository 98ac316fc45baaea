//! `/api/v1/events/{slug}/registration` (settings and public numbers) and
//! `/api/v1/events/{slug}/registrations` (the registrants, for organisers only).

use super::{ApiResult, ErrorBody, JsonBody, KnownFields, ListPage};
use crate::auth::ApiUser;
use crate::mail;
use crate::{AppState, records};
use axum::Json;
use axum::extract::{Path, State};
use kolo_domain::registration::{Registrant, RegistrationSettings, RegistrationStatus};
use kolo_store::StoreError;
use kolo_store::repo::events;
use kolo_store::repo::registrations::{self, Counts, Registration};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(list))
}

impl KnownFields for RegistrationSettings {
    const FIELDS: &'static [&'static str] = &[
        "opens_at",
        "closes_at",
        "capacity",
        "capacity_online",
        "capacity_offline",
        "moderated",
        "questions",
    ];
}

/// Places and registrations counted: numbers only, no personal data.
#[derive(Serialize, ToSchema)]
pub struct PublicCounts {
    pub confirmed: u32,
    pub pending: u32,
    pub waitlisted: u32,
    /// Free places; null when unlimited.
    pub places_left: Option<u32>,
    pub places_left_offline: Option<u32>,
    pub places_left_online: Option<u32>,
}

impl From<Counts> for PublicCounts {
    fn from(c: Counts) -> Self {
        PublicCounts {
            confirmed: c.confirmed,
            pending: c.pending,
            waitlisted: c.waitlisted,
            places_left: c.places_left,
            places_left_offline: c.places_left_offline,
            places_left_online: c.places_left_online,
        }
    }
}

/// How an event takes registrations, and how full it is.
#[derive(Serialize, ToSchema)]
pub struct RegistrationInfo {
    pub settings: RegistrationSettings,
    /// Whether a registration sent now would be accepted (within the window, event not cancelled).
    pub open: bool,
    pub counts: PublicCounts,
    /// The registration form for people.
    pub form_url: String,
}

async fn info(state: &AppState, slug: String) -> Result<RegistrationInfo, crate::AppError> {
    let (event, settings, counts) = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &slug)?;
            let settings = registrations::settings(c, event.id)?.ok_or(StoreError::NotFound)?;
            let counts = registrations::counts(c, event.id)?;
            Ok((event, settings, counts))
        })
        .await?;
    Ok(RegistrationInfo {
        open: settings.accepts_at(&event.value, chrono::Utc::now()),
        settings,
        counts: counts.into(),
        form_url: state
            .config
            .absolute(&format!("/events/{}/register", event.value.slug)),
    })
}

/// An event's registration settings and public numbers (404 when it takes no registrations here).
#[utoipa::path(get, path = "/events/{slug}/registration", operation_id = "get_event_registration", tag = "registrations",
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = RegistrationInfo), (status = 404, body = ErrorBody)))]
async fn get_settings(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<RegistrationInfo>> {
    Ok(Json(info(&state, slug).await?))
}

/// Opens registration for an event or changes its settings (organisers). More places move
/// waiting registrants up; they are e-mailed.
#[utoipa::path(put, path = "/events/{slug}/registration", operation_id = "put_event_registration", tag = "registrations",
    request_body = RegistrationSettings, security(("token" = [])),
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = RegistrationInfo), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_settings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(settings): JsonBody<RegistrationSettings>,
) -> ApiResult<Json<RegistrationInfo>> {
    let s = slug.clone();
    let (event, promoted) = state
        .write(move |c| {
            let event = records::editable::<kolo_domain::Event>(c, &user, &s)?;
            let promoted = registrations::set_settings(c, Some(user.user_id), event.id, &settings)?;
            Ok((event, promoted))
        })
        .await?;
    mail::tell_promoted(&state, &event.value, promoted);
    Ok(Json(info(&state, slug).await?))
}

/// One registration, for organisers.
#[derive(Serialize, ToSchema)]
pub struct RegistrationItem {
    pub id: i64,
    pub status: RegistrationStatus,
    #[serde(flatten)]
    pub registrant: Registrant,
    /// When consent to processing was given.
    pub consent_at: chrono::DateTime<chrono::Utc>,
    pub registered_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<Registration> for RegistrationItem {
    fn from(r: Registration) -> Self {
        RegistrationItem {
            id: r.id,
            status: r.status,
            registrant: r.registrant,
            consent_at: r.consent_at.and_utc(),
            registered_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// Everyone who registered for an event, oldest first (organisers only: personal data).
#[utoipa::path(get, path = "/events/{slug}/registrations", operation_id = "list_event_registrations", tag = "registrations",
    security(("token" = [])), params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = ListPage<RegistrationItem>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
) -> ApiResult<Json<ListPage<RegistrationItem>>> {
    let items = state
        .store
        .read(move |c| {
            let event = records::editable::<kolo_domain::Event>(c, &user, &slug)?;
            registrations::list(c, event.id)
        })
        .await?;
    let items: Vec<RegistrationItem> = items.into_iter().map(Into::into).collect();
    Ok(Json(ListPage {
        total: items.len() as i64,
        items,
        next: None,
    }))
}
