//! `/api/v1/exhibitions` and `/api/v1/stories`. Drafts are not public: lists leave them out
//! and reading one answers 404; the staff who write them get them back from their `PUT`.

use super::{ApiResult, ErrorBody, JsonBody, KnownFields, ListPage, query_number};
use crate::auth::ApiUser;
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use kolo_domain::{Exhibition, ExhibitionKind, PublicationState, Story};
use kolo_store::repo::exhibitions::{self, ExhibitionFilter, Period};
use kolo_store::repo::stories::{self, StoryFilter};
use kolo_store::repo::{Saved, institutions};
use kolo_store::{PageRequest, Record, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one, put_one))
        .routes(routes!(list_stories))
        .routes(routes!(get_story, put_story))
}

impl KnownFields for Exhibition {
    const FIELDS: &'static [&'static str] = Exhibition::FIELDS;
}

impl KnownFields for Story {
    const FIELDS: &'static [&'static str] = Story::FIELDS;
}

/// An exhibition as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ExhibitionRecord {
    pub id: i64,
    /// The exhibition's public page.
    pub url: String,
    #[serde(flatten)]
    pub exhibition: Exhibition,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A story as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct StoryRecord {
    pub id: i64,
    /// The story's public page.
    pub url: String,
    #[serde(flatten)]
    pub story: Story,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn exhibition_out(state: &AppState, r: Record<Exhibition>) -> ExhibitionRecord {
    ExhibitionRecord {
        id: r.id,
        url: state
            .config
            .absolute(&format!("/exhibitions/{}", r.value.slug)),
        exhibition: r.value,
        updated_at: r.updated_at.and_utc(),
    }
}

fn story_out(state: &AppState, r: Record<Story>) -> StoryRecord {
    StoryRecord {
        id: r.id,
        url: state.config.absolute(&format!("/stories/{}", r.value.slug)),
        story: r.value,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this kind (`permanent`, `temporary`, `travelling`, `virtual`, `single_object`, `banner`).
    kind: Option<String>,
    /// Only exhibitions this institution (slug) hosts or is a stop of.
    institution: Option<String>,
    /// Only exhibitions open on this date (YYYY-MM-DD); with `institution`, open there.
    on: Option<String>,
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

pub(super) fn blank(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The next page's address, keeping the filters.
fn next_page(
    state: &AppState,
    path: &str,
    filters: &[(&str, &Option<String>)],
    (offset, limit, total): (i64, i64, i64),
) -> Option<String> {
    (offset + limit < total).then(|| {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in filters {
            if let Some(v) = blank(v) {
                q.append_pair(k, &v);
            }
        }
        q.append_pair("offset", &(offset + limit).to_string());
        q.append_pair("limit", &limit.to_string());
        state
            .config
            .absolute(&format!("/api/v1/{path}?{}", q.finish()))
    })
}

/// An unknown slug in a filter is a bad request, not an empty list.
pub(super) fn institution_filter(
    c: &mut kolo_store::DbConnection,
    slug: &Option<String>,
) -> Result<Option<i64>, StoreError> {
    match slug {
        None => Ok(None),
        Some(s) => match institutions::get_by_slug(c, s) {
            Ok(r) => Ok(Some(r.id)),
            Err(StoreError::NotFound) => Err(StoreError::Invalid(
                kolo_domain::FieldError::new("institution", "unknown").into_errors(),
            )),
            Err(e) => Err(e),
        },
    }
}

/// Lists published exhibitions: undated (permanent) ones first, then by opening day.
#[utoipa::path(get, path = "/exhibitions", operation_id = "list_exhibitions", tag = "exhibitions", params(ListParams),
    responses((status = 200, body = ListPage<ExhibitionRecord>), (status = 400, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<ListPage<ExhibitionRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let kind = match blank(&p.kind) {
        Some(k) => Some(
            ExhibitionKind::from_code(&k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let on =
        match blank(&p.on) {
            Some(s) => Some(s.parse::<NaiveDate>().map_err(|_| {
                AppError::BadRequest(format!("on: `{s}` is not a date (YYYY-MM-DD)"))
            })?),
            None => None,
        };
    let institution = blank(&p.institution);
    let page = state
        .store
        .read(move |c| {
            let filter = ExhibitionFilter {
                kind,
                institution_id: institution_filter(c, &institution)?,
                period: on.map(|d| (Period::Current, d)),
                include_drafts: false,
            };
            exhibitions::list(c, &filter, PageRequest::new(offset, limit))
        })
        .await
        .map_err(AppError::from_filter)?;
    let next = next_page(
        &state,
        "exhibitions",
        &[
            ("kind", &p.kind),
            ("institution", &p.institution),
            ("on", &p.on),
        ],
        (offset, limit, page.total),
    );
    Ok(Json(ListPage {
        items: page
            .items
            .into_iter()
            .map(|r| exhibition_out(&state, r))
            .collect(),
        total: page.total,
        next,
    }))
}

/// One published exhibition.
#[utoipa::path(get, path = "/exhibitions/{slug}", operation_id = "get_exhibition", tag = "exhibitions",
    params(("slug" = String, Path, description = "The exhibition's slug")),
    responses((status = 200, body = ExhibitionRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<ExhibitionRecord>> {
    let r = state
        .store
        .read(move |c| exhibitions::get_by_slug(c, &slug))
        .await?;
    if r.value.state == PublicationState::Draft {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(exhibition_out(&state, r)))
}

/// Creates or replaces an exhibition (staff of a host institution, platform administrators).
#[utoipa::path(put, path = "/exhibitions/{slug}", operation_id = "put_exhibition", tag = "exhibitions", request_body = Exhibition, security(("token" = [])),
    params(("slug" = String, Path, description = "The exhibition's slug")),
    responses((status = 200, body = ExhibitionRecord), (status = 201, body = ExhibitionRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Exhibition>,
) -> ApiResult<(StatusCode, Json<ExhibitionRecord>)> {
    let (r, saved) = state
        .write(move |c| {
            let (_, saved) = records::save(c, &user, &slug, &value)?;
            Ok((exhibitions::get_by_slug(c, &slug)?, saved))
        })
        .await?;
    Ok((created_or_ok(saved), Json(exhibition_out(&state, r))))
}

pub(super) fn created_or_ok(saved: Saved) -> StatusCode {
    if saved == Saved::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoryParams {
    /// Only the stories of this series (slug), by number.
    series: Option<String>,
    /// Only this institution's (slug) stories.
    institution: Option<String>,
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

/// Lists published stories, by series and number.
#[utoipa::path(get, path = "/stories", operation_id = "list_stories", tag = "exhibitions", params(StoryParams),
    responses((status = 200, body = ListPage<StoryRecord>), (status = 400, body = ErrorBody)))]
async fn list_stories(
    State(state): State<AppState>,
    Query(p): Query<StoryParams>,
) -> ApiResult<Json<ListPage<StoryRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let (series, institution) = (blank(&p.series), blank(&p.institution));
    let page = state
        .store
        .read(move |c| {
            let filter = StoryFilter {
                series,
                institution_id: institution_filter(c, &institution)?,
                ..Default::default()
            };
            stories::list(c, &filter, PageRequest::new(offset, limit))
        })
        .await
        .map_err(AppError::from_filter)?;
    let next = next_page(
        &state,
        "stories",
        &[("series", &p.series), ("institution", &p.institution)],
        (offset, limit, page.total),
    );
    Ok(Json(ListPage {
        items: page
            .items
            .into_iter()
            .map(|r| story_out(&state, r))
            .collect(),
        total: page.total,
        next,
    }))
}

/// One published story.
#[utoipa::path(get, path = "/stories/{slug}", operation_id = "get_story", tag = "exhibitions",
    params(("slug" = String, Path, description = "The story's slug")),
    responses((status = 200, body = StoryRecord), (status = 404, body = ErrorBody)))]
async fn get_story(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<StoryRecord>> {
    let r = state
        .store
        .read(move |c| stories::get_by_slug(c, &slug))
        .await?;
    if r.value.state == PublicationState::Draft {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(story_out(&state, r)))
}

/// Creates or replaces a story (staff of its institution, platform administrators).
#[utoipa::path(put, path = "/stories/{slug}", operation_id = "put_story", tag = "exhibitions", request_body = Story, security(("token" = [])),
    params(("slug" = String, Path, description = "The story's slug")),
    responses((status = 200, body = StoryRecord), (status = 201, body = StoryRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_story(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Story>,
) -> ApiResult<(StatusCode, Json<StoryRecord>)> {
    let (r, saved) = state
        .write(move |c| {
            let (_, saved) = records::save(c, &user, &slug, &value)?;
            Ok((stories::get_by_slug(c, &slug)?, saved))
        })
        .await?;
    Ok((created_or_ok(saved), Json(story_out(&state, r))))
}
