//! `/api/v1/projects`. Drafts are not public: lists leave them out and reading one answers
//! 404; the partners' staff who write them get them back from their `PUT`.

use super::exhibitions::{blank, created_or_ok, institution_filter};
use super::{ApiResult, ErrorBody, JsonBody, KnownFields, ListPage, next_page, query_number};
use crate::auth::ApiUser;
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kolo_domain::{Project, ProjectStatus, PublicationState};
use kolo_store::repo::projects::{self, ProjectFilter};
use kolo_store::{PageRequest, Record};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get_one, put_one))
}

impl KnownFields for Project {
    const FIELDS: &'static [&'static str] = Project::FIELDS;
}

/// A project as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ProjectRecord {
    pub id: i64,
    /// The project's public page.
    pub url: String,
    #[serde(flatten)]
    pub project: Project,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn project_out(state: &AppState, r: Record<Project>) -> ProjectRecord {
    ProjectRecord {
        id: r.id,
        url: state
            .config
            .absolute(&format!("/projects/{}", r.value.slug)),
        project: r.value,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this status (`planned`, `running`, `completed`, `cancelled`).
    status: Option<String>,
    /// Only projects this institution (slug) is a partner of.
    institution: Option<String>,
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

/// Lists published projects, the latest started first.
#[utoipa::path(get, path = "/projects", operation_id = "list_projects", tag = "projects", params(ListParams),
    responses((status = 200, body = ListPage<ProjectRecord>), (status = 400, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<ListPage<ProjectRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let status = match blank(&p.status) {
        Some(s) => Some(
            ProjectStatus::from_code(&s)
                .ok_or_else(|| AppError::BadRequest(format!("status: unknown value `{s}`")))?,
        ),
        None => None,
    };
    let institution = blank(&p.institution);
    let page = state
        .store
        .read(move |c| {
            let filter = ProjectFilter {
                status,
                institution_id: institution_filter(c, &institution)?,
                network_id: None,
                include_drafts: false,
            };
            projects::list(c, &filter, PageRequest::new(offset, limit))
        })
        .await
        .map_err(AppError::from_filter)?;
    let next = next_page(
        &state,
        "/api/v1/projects",
        &[
            ("status", &blank(&p.status)),
            ("institution", &blank(&p.institution)),
        ],
        (offset, limit, page.total),
    );
    Ok(Json(ListPage {
        items: page
            .items
            .into_iter()
            .map(|r| project_out(&state, r))
            .collect(),
        total: page.total,
        next,
    }))
}

/// One published project.
#[utoipa::path(get, path = "/projects/{slug}", operation_id = "get_project", tag = "projects",
    params(("slug" = String, Path, description = "The project's slug")),
    responses((status = 200, body = ProjectRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<ProjectRecord>> {
    let r = state
        .store
        .read(move |c| projects::get_by_slug(c, &slug))
        .await?;
    if r.value.state == PublicationState::Draft {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(project_out(&state, r)))
}

/// Creates or replaces a project (staff of any partner institution, platform administrators).
#[utoipa::path(put, path = "/projects/{slug}", operation_id = "put_project", tag = "projects", request_body = Project, security(("token" = [])),
    params(("slug" = String, Path, description = "The project's slug")),
    responses((status = 200, body = ProjectRecord), (status = 201, body = ProjectRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Project>,
) -> ApiResult<(StatusCode, Json<ProjectRecord>)> {
    let (r, saved) = state
        .write(move |c| {
            let (_, saved) = records::save(c, &user, &slug, &value)?;
            Ok((projects::get_by_slug(c, &slug)?, saved))
        })
        .await?;
    Ok((created_or_ok(saved), Json(project_out(&state, r))))
}
