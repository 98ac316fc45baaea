//! `/api/v1/institutions`

use super::{ApiResult, ErrorBody, JsonBody, KnownFields, ListPage, query_number};
use crate::auth::ApiUser;
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kolo_domain::{FieldError, Institution, InstitutionKind, Slug};
use kolo_store::repo::institutions::{self, InstitutionFilter};
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
        .routes(routes!(set_networks))
}

/// An institution as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct InstitutionRecord {
    pub id: i64,
    /// The institution's public page.
    pub url: String,
    #[serde(flatten)]
    pub institution: Institution,
    /// Slugs of the networks it belongs to.
    pub networks: Vec<String>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn record_out(
    state: &AppState,
    r: Record<Institution>,
    networks: Vec<String>,
) -> InstitutionRecord {
    InstitutionRecord {
        id: r.id,
        url: state
            .config
            .absolute(&format!("/institutions/{}", r.value.slug)),
        institution: r.value,
        networks,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only this kind (`museum`, `library`, ...).
    kind: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    country: Option<String>,
    /// ISO 3166-2 region code.
    region: Option<String>,
    /// Only members of the network with this slug.
    network: Option<String>,
    /// Items to skip (default 0).
    offset: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

/// Lists public institutions, in name order.
#[utoipa::path(get, path = "/institutions", operation_id = "list_institutions", tag = "institutions", params(ListParams),
    responses((status = 200, body = ListPage<InstitutionRecord>), (status = 400, body = ErrorBody)))]
async fn list(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<ListPage<InstitutionRecord>>> {
    let offset = query_number("offset", p.offset.as_ref(), 0, 0, i64::from(i32::MAX))?;
    let limit = query_number("limit", p.limit.as_ref(), 50, 1, PageRequest::MAX_LIMIT)?;
    let kind = match p.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(
            InstitutionKind::from_code(k)
                .ok_or_else(|| AppError::BadRequest(format!("kind: unknown value `{k}`")))?,
        ),
        None => None,
    };
    let network_slug = p.network.clone().filter(|n| !n.is_empty());
    let mut filter = InstitutionFilter {
        kind,
        country: p
            .country
            .clone()
            .filter(|c| !c.is_empty())
            .map(|c| c.to_ascii_uppercase()),
        region_code: p.region.clone().filter(|r| !r.is_empty()),
        network_id: None,
    };
    let (page, memberships) = state
        .store
        .read(move |c| {
            if let Some(slug) = &network_slug {
                filter.network_id = Some(
                    networks::get_by_slug(c, slug)
                        .map_err(|_| {
                            kolo_store::StoreError::Invalid(
                                FieldError::new("network", "unknown-network").into_errors(),
                            )
                        })?
                        .id,
                );
            }
            let page = institutions::list(c, &filter, PageRequest::new(offset, limit))?;
            let ids: Vec<i64> = page.items.iter().map(|r| r.id).collect();
            Ok((page, institutions::network_slugs(c, &ids)?))
        })
        .await
        .map_err(AppError::from_filter)?;
    let filters = [
        ("kind", &p.kind),
        ("country", &p.country),
        ("region", &p.region),
        ("network", &p.network),
    ];
    let next = super::next_page(
        &state,
        "/api/v1/institutions",
        &filters,
        (offset, limit, page.total),
    );
    let items = page
        .items
        .into_iter()
        .map(|r| {
            let nets = memberships.get(&r.id).cloned().unwrap_or_default();
            record_out(&state, r, nets)
        })
        .collect();
    Ok(Json(ListPage {
        items,
        total: page.total,
        next,
    }))
}

async fn load(state: &AppState, slug: String) -> Result<InstitutionRecord, AppError> {
    let (record, nets) = state
        .store
        .read(move |c| {
            let r = institutions::get_by_slug(c, &slug)?;
            let nets = institutions::network_slugs(c, &[r.id])?
                .remove(&r.id)
                .unwrap_or_default();
            Ok((r, nets))
        })
        .await?;
    Ok(record_out(state, record, nets))
}

/// One institution.
#[utoipa::path(get, path = "/institutions/{slug}", operation_id = "get_institution", tag = "institutions",
    params(("slug" = String, Path, description = "The institution's slug")),
    responses((status = 200, body = InstitutionRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<InstitutionRecord>> {
    Ok(Json(load(&state, slug).await?))
}

/// Adds an institution (platform administrators).
#[utoipa::path(post, path = "/institutions", operation_id = "create_institution", tag = "institutions", request_body = Institution, security(("token" = [])),
    responses((status = 400, body = ErrorBody), (status = 201, body = InstitutionRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(value): JsonBody<Institution>,
) -> ApiResult<(StatusCode, Json<InstitutionRecord>)> {
    let slug = value.slug.to_string();
    state
        .write(move |c| records::create(c, &user, &value))
        .await?;
    Ok((StatusCode::CREATED, Json(load(&state, slug).await?)))
}

/// Replaces an institution's description (its editors, administrators, platform administrators).
#[utoipa::path(put, path = "/institutions/{slug}", operation_id = "update_institution", tag = "institutions", request_body = Institution, security(("token" = [])),
    params(("slug" = String, Path, description = "The institution's slug")),
    responses((status = 400, body = ErrorBody), (status = 200, body = InstitutionRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(value): JsonBody<Institution>,
) -> ApiResult<Json<InstitutionRecord>> {
    let new_slug = value.slug.to_string();
    state
        .write(move |c| records::update(c, &user, &slug, &value))
        .await?;
    Ok(Json(load(&state, new_slug).await?))
}

/// The networks an institution belongs to.
#[derive(Deserialize, ToSchema)]
pub struct Memberships {
    pub networks: Vec<Slug>,
}

impl KnownFields for Memberships {
    const FIELDS: &'static [&'static str] = &["networks"];
}

/// Sets the networks an institution belongs to (platform administrators).
#[utoipa::path(put, path = "/institutions/{slug}/networks", operation_id = "set_institution_networks", tag = "institutions", request_body = Memberships, security(("token" = [])),
    params(("slug" = String, Path, description = "The institution's slug")),
    responses((status = 400, body = ErrorBody), (status = 200, body = InstitutionRecord), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_networks(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<Memberships>,
) -> ApiResult<Json<InstitutionRecord>> {
    if !user.platform_admin {
        return Err(AppError::Forbidden.into());
    }
    let s = slug.clone();
    state
        .write(move |c| {
            let inst = institutions::get_by_slug(c, &s)?;
            let mut ids = Vec::new();
            for (i, n) in body.networks.iter().enumerate() {
                match networks::get_by_slug(c, n.as_str()) {
                    Ok(r) => ids.push(r.id),
                    Err(kolo_store::StoreError::NotFound) => {
                        return Err(FieldError::new(format!("networks[{i}]"), "unknown-network")
                            .into_errors()
                            .into());
                    }
                    Err(e) => return Err(e),
                }
            }
            institutions::set_networks(c, Some(user.user_id), inst.id, &ids)
        })
        .await?;
    Ok(Json(load(&state, slug).await?))
}
