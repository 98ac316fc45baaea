//! `/api/v1/events/{slug}/programme/versions` and `/api/v1/events/{slug}/documents`: the
//! published versions of an event's programme, and its documents with their revisions.

use super::{ApiResult, ErrorBody, JsonBody, KnownFields};
use crate::auth::ApiUser;
use crate::{AppState, records};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kolo_domain::{DocumentStatus, EventDocument, ProgrammeChanges, ProgrammeItem};
use kolo_store::Record;
use kolo_store::repo::Saved;
use kolo_store::repo::documents::{self, Revision};
use kolo_store::repo::events::{self, ProgrammeVersion};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_versions, publish))
        .routes(routes!(list_documents))
        .routes(routes!(get_document, put_document))
}

/// Which published version a programme is.
#[derive(Serialize, ToSchema)]
pub struct VersionRef {
    /// 1, 2, 3... in order of publication.
    pub number: i64,
    pub name: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// A published programme version: its items and what it changed against the one before.
#[derive(Serialize, ToSchema)]
pub struct VersionRecord {
    pub number: i64,
    pub name: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
    pub items: Vec<ProgrammeItem>,
    pub changes: ProgrammeChanges,
}

impl From<ProgrammeVersion> for VersionRecord {
    fn from(v: ProgrammeVersion) -> Self {
        VersionRecord {
            number: v.number,
            name: v.name,
            published_at: v.published_at.and_utc(),
            items: v.items,
            changes: v.changes,
        }
    }
}

/// The versions of a programme, newest first.
#[derive(Serialize, ToSchema)]
pub struct VersionList {
    pub items: Vec<VersionRecord>,
}

/// Publishes the current draft under a name unique within the event ("1.0", "final").
#[derive(Deserialize, ToSchema)]
pub struct PublishBody {
    pub name: String,
}

impl KnownFields for PublishBody {
    const FIELDS: &'static [&'static str] = &["name"];
}

/// The published versions of an event's programme, newest first, each with its changes.
#[utoipa::path(get, path = "/events/{slug}/programme/versions", operation_id = "list_programme_versions", tag = "events",
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = VersionList), (status = 404, body = ErrorBody)))]
async fn list_versions(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<VersionList>> {
    let versions = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &slug)?;
            events::programme_versions(c, event.id)
        })
        .await?;
    Ok(Json(VersionList {
        items: versions.into_iter().map(VersionRecord::from).collect(),
    }))
}

/// Publishes the programme draft as a new version (staff of a host institution, platform
/// administrators). A name the event already used is refused with 409, a draft the same as the
/// latest version with 422 (`programme: programme-unchanged`).
#[utoipa::path(post, path = "/events/{slug}/programme/versions", operation_id = "publish_programme", tag = "events",
    request_body = PublishBody, security(("token" = [])), params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 201, body = VersionRecord), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn publish(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<PublishBody>,
) -> ApiResult<(StatusCode, Json<VersionRecord>)> {
    let version = state
        .write(move |c| records::publish_programme(c, &user, &slug, &body.name))
        .await?;
    Ok((StatusCode::CREATED, Json(version.into())))
}

/// One saved content of a document: when, in which status.
#[derive(Serialize, ToSchema)]
pub struct RevisionRecord {
    pub number: i64,
    pub status: DocumentStatus,
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

impl From<&Revision> for RevisionRecord {
    fn from(r: &Revision) -> Self {
        RevisionRecord {
            number: r.number,
            status: r.status,
            saved_at: r.saved_at.and_utc(),
        }
    }
}

/// A document of an event as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct DocumentRecord {
    pub id: i64,
    /// The document's public page.
    pub url: String,
    #[serde(flatten)]
    pub document: EventDocument,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Newest first (single-document responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revisions: Option<Vec<RevisionRecord>>,
}

fn document_out(
    state: &AppState,
    event: &str,
    r: Record<EventDocument>,
    revisions: Option<&[Revision]>,
) -> DocumentRecord {
    DocumentRecord {
        id: r.id,
        url: state
            .config
            .absolute(&format!("/events/{event}/documents/{}", r.value.key)),
        document: r.value,
        updated_at: r.updated_at.and_utc(),
        revisions: revisions.map(|list| list.iter().map(RevisionRecord::from).collect()),
    }
}

/// An event's documents.
#[derive(Serialize, ToSchema)]
pub struct DocumentList {
    pub items: Vec<DocumentRecord>,
}

impl KnownFields for EventDocument {
    const FIELDS: &'static [&'static str] = EventDocument::FIELDS;
}

/// The documents of an event (resolutions, reports...), in the order they were added.
#[utoipa::path(get, path = "/events/{slug}/documents", operation_id = "list_event_documents", tag = "events",
    params(("slug" = String, Path, description = "The event's slug")),
    responses((status = 200, body = DocumentList), (status = 404, body = ErrorBody)))]
async fn list_documents(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<DocumentList>> {
    let s = slug.clone();
    let list = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &s)?;
            documents::list(c, event.id)
        })
        .await?;
    Ok(Json(DocumentList {
        items: list
            .into_iter()
            .map(|r| document_out(&state, &slug, r, None))
            .collect(),
    }))
}

async fn load_document(
    state: &AppState,
    slug: String,
    key: String,
) -> Result<DocumentRecord, crate::AppError> {
    let s = slug.clone();
    let (doc, revisions) = state
        .store
        .read(move |c| {
            let event = events::get_by_slug(c, &s)?;
            let doc = documents::get(c, event.id, &key)?;
            let revisions = documents::revisions(c, doc.id)?;
            Ok((doc, revisions))
        })
        .await?;
    Ok(document_out(state, &slug, doc, Some(&revisions)))
}

/// One document of an event with its revision history.
#[utoipa::path(get, path = "/events/{slug}/documents/{key}", operation_id = "get_event_document", tag = "events",
    params(("slug" = String, Path, description = "The event's slug"), ("key" = String, Path, description = "The document's key within the event")),
    responses((status = 200, body = DocumentRecord), (status = 404, body = ErrorBody)))]
async fn get_document(
    State(state): State<AppState>,
    Path((slug, key)): Path<(String, String)>,
) -> ApiResult<Json<DocumentRecord>> {
    Ok(Json(load_document(&state, slug, key).await?))
}

/// Creates or revises a document (staff of a host institution, platform administrators). Each
/// change is kept as a revision; a final document cannot become a draft again (422, `status:
/// final-to-draft`).
#[utoipa::path(put, path = "/events/{slug}/documents/{key}", operation_id = "put_event_document", tag = "events",
    request_body = EventDocument, security(("token" = [])),
    params(("slug" = String, Path, description = "The event's slug"), ("key" = String, Path, description = "The document's key within the event")),
    responses((status = 200, body = DocumentRecord), (status = 201, body = DocumentRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_document(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((slug, key)): Path<(String, String)>,
    JsonBody(doc): JsonBody<EventDocument>,
) -> ApiResult<(StatusCode, Json<DocumentRecord>)> {
    let (s, k) = (slug.clone(), key.clone());
    let (_, saved) = state
        .write(move |c| records::save_document(c, &user, &s, &k, &doc))
        .await?;
    let status = if saved == Saved::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(load_document(&state, slug, key).await?)))
}
