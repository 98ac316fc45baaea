//! `/api/v1/networks`

use super::{ApiResult, ErrorBody, JsonBody, ListPage, query_number};
use crate::auth::ApiUser;
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kolo_domain::Network;
use kolo_store::repo::networks;
use kolo_store::{PageRequest, Record};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
}

/// A network as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct NetworkRecord {
    pub id: i64,
    /// The network's public page.
    pub url: String,
    #[serde(flatten)]
    pub network: Network,
    /// Slugs of its member institutions.
    pub members: Vec<String>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

fn record_out(state: &AppState, r: Record<Network>, members: Vec<String>) -> NetworkRecord {
    NetworkRecord {
        id: r.id,
        url: state
            .config
            .absolute(&format!("/networks/{}", r.value.slug)),
        network: r.value,
        members,
        updated_at: r.updated_at.and_utc(),
    }
}

fn member_slugs(
    c: &mut kolo_store::DbConnection,
    id: i64,
) -> Result<Vec<String>, kolo_store::StoreError> {
    Ok(networks::members(c, id)?
        .into_iter()
        .map(|m| m.value.slug.to_string())
        .collect())
}

/// Lists networks, in name order.
#[utoipa::path(get, path = "/networks", operation_id = "list_networks", tag = "networks", params(ListParams),
    responses((status = 200, body = ListPage<NetworkRecord>), (status = 400, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<ListPage<NetworkRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let (page, members) = state
        .store
        .read(move |c| {
            let page = networks::list(c, PageRequest::new(offset, limit))?;
            let members = page
                .items
                .iter()
                .map(|r| member_slugs(c, r.id))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((page, members))
        })
        .await?;
    let next = super::next_page(&state, "/api/v1/networks", &[], (offset, limit, page.total));
    let items = page
        .items
        .into_iter()
        .zip(members)
        .map(|(r, m)| record_out(&state, r, m))
        .collect();
    Ok(Json(ListPage {
        items,
        total: page.total,
        next,
    }))
}

async fn load(state: &AppState, slug: String) -> Result<NetworkRecord, AppError> {
    let (r, members) = state
        .store
        .read(move |c| {
            let r = networks::get_by_slug(c, &slug)?;
            let m = member_slugs(c, r.id)?;
            Ok((r, m))
        })
        .await?;
    Ok(record_out(state, r, members))
}

/// One network with its members.
#[utoipa::path(get, path = "/networks/{slug}", operation_id = "get_network", tag = "networks",
    params(("slug" = String, Path, description = "The network's slug")),
    responses((status = 200, body = NetworkRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<NetworkRecord>> {
    Ok(Json(load(&state, slug).await?))
}

/// Adds a network (platform administrators).
#[utoipa::path(post, path = "/networks", operation_id = "create_network", tag = "networks", request_body = Network, security(("token" = [])),
    responses((status = 400, body = ErrorBody), (status = 201, body = NetworkRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(value): JsonBody<Network>,
) -> ApiResult<(StatusCode, Json<NetworkRecord>)> {
    let slug = value.slug.to_string();
    state
        .write(move |c| records::create(c, &user, &value))
        .await?;
    Ok((StatusCode::CREATED, Json(load(&state, slug).await?)))
}

/// Replaces a network's description (its coordinators and platform administrators).
#[utoipa::path(put, path = "/networks/{slug}", operation_id = "update_network", tag = "networks", request_body = Network, security(("token" = [])),
    params(("slug" = String, Path, description = "The network's slug")),
    responses((status = 400, body = ErrorBody), (status = 200, body = NetworkRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Network>,
) -> ApiResult<Json<NetworkRecord>> {
    let new_slug = value.slug.to_string();
    state
        .write(move |c| records::update(c, &user, &slug, &value))
        .await?;
    Ok(Json(load(&state, new_slug).await?))
}
