//! `/api/v1/posts`: news, announcements, interviews, reports and publications. Only what the
//! public sees is listed or read (published, its time come); the staff who write drafts and
//! scheduled posts get them back from their `PUT`.

use super::exhibitions::{blank, created_or_ok, institution_filter};
use super::{ApiResult, ErrorBody, JsonBody, KnownFields, ListPage, next_page, query_number};
use crate::auth::ApiUser;
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kolo_domain::{Post, PostKind};
use kolo_store::repo::posts::{self, PostFilter, PostScope};
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

impl KnownFields for Post {
    const FIELDS: &'static [&'static str] = Post::FIELDS;
}

/// A post as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct PostRecord {
    pub id: i64,
    /// The post's public page.
    pub url: String,
    #[serde(flatten)]
    pub post: Post,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn post_out(state: &AppState, r: Record<Post>) -> PostRecord {
    PostRecord {
        id: r.id,
        url: state.config.absolute(&format!("/news/{}", r.value.slug)),
        post: r.value,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this kind (`news`, `announcement`, `interview`, `report`, `publication`).
    kind: Option<String>,
    /// Only this institution's (slug) posts.
    institution: Option<String>,
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

/// Lists published posts, newest first.
#[utoipa::path(get, path = "/posts", operation_id = "list_posts", tag = "posts", params(ListParams),
    responses((status = 200, body = ListPage<PostRecord>), (status = 400, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<ListPage<PostRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let kind = match blank(&p.kind) {
        Some(k) => Some(
            PostKind::from_code(&k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let institution = blank(&p.institution);
    let page = state
        .store
        .read(move |c| {
            let scope =
                institution_filter(c, &institution)?.map_or(PostScope::All, PostScope::Institution);
            let filter = PostFilter {
                kind,
                scope,
                include_unpublished: false,
            };
            posts::list(c, &filter, PageRequest::new(offset, limit))
        })
        .await
        .map_err(AppError::from_filter)?;
    let next = next_page(
        &state,
        "/api/v1/posts",
        &[("kind", &p.kind), ("institution", &p.institution)],
        (offset, limit, page.total),
    );
    Ok(Json(ListPage {
        items: page
            .items
            .into_iter()
            .map(|r| post_out(&state, r))
            .collect(),
        total: page.total,
        next,
    }))
}

/// One published post.
#[utoipa::path(get, path = "/posts/{slug}", operation_id = "get_post", tag = "posts",
    params(("slug" = String, Path, description = "The post's slug")),
    responses((status = 200, body = PostRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<PostRecord>> {
    let r = state
        .store
        .read(move |c| posts::get_by_slug(c, &slug))
        .await?;
    if !r.value.is_public_at(chrono::Utc::now()) {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(post_out(&state, r)))
}

/// Creates or replaces a post (staff of its institution, platform administrators).
#[utoipa::path(put, path = "/posts/{slug}", operation_id = "put_post", tag = "posts", request_body = Post, security(("token" = [])),
    params(("slug" = String, Path, description = "The post's slug")),
    responses((status = 200, body = PostRecord), (status = 201, body = PostRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_one(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Post>,
) -> ApiResult<(StatusCode, Json<PostRecord>)> {
    let (r, saved) = state
        .write(move |c| {
            let (_, saved) = records::save(c, &user, &slug, &value)?;
            Ok((posts::get_by_slug(c, &slug)?, saved))
        })
        .await?;
    Ok((created_or_ok(saved), Json(post_out(&state, r))))
}
