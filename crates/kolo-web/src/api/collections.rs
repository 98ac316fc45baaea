//! `/api/v1/objects`, `/api/v1/collections`, `/api/v1/vocabularies`: museum objects, the
//! institutions' collections and the shared vocabularies. Drafts are never shown here.

use super::{ApiResult, ErrorBody, JsonBody, KnownFields, query_number};
use crate::auth::ApiUser;
use crate::browse::{ObjectQuery, browse};
use crate::{AppError, AppState, records};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use kolo_domain::{Collection, MuseumObject, PublicationState, Term, VocabularyKind};
use kolo_store::Record;
use kolo_store::repo::objects;
use kolo_store::repo::{Saved, collections, institutions, vocabularies};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_objects, post_object))
        .routes(routes!(get_object, put_object, delete_object))
        .routes(routes!(object_revisions))
        .routes(routes!(list_collections))
        .routes(routes!(put_collection))
        .routes(routes!(search_terms))
        .routes(routes!(get_term, put_term))
}

impl KnownFields for MuseumObject {
    const FIELDS: &'static [&'static str] = MuseumObject::FIELDS;
}

impl KnownFields for Collection {
    const FIELDS: &'static [&'static str] = Collection::FIELDS;
}

impl KnownFields for Term {
    const FIELDS: &'static [&'static str] = Term::FIELDS;
}

/// An object as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ObjectRecord {
    pub id: i64,
    /// The object's public page.
    pub url: String,
    #[serde(flatten)]
    pub object: MuseumObject,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn object_out(state: &AppState, r: Record<MuseumObject>) -> ObjectRecord {
    ObjectRecord {
        id: r.id,
        url: state.config.absolute(&format!("/objects/{}", r.id)),
        object: r.value,
        updated_at: r.updated_at.and_utc(),
    }
}

/// How many objects carry a term.
#[derive(Serialize, ToSchema)]
pub struct FacetCount {
    pub key: String,
    pub count: i64,
}

/// Counts within the matching objects (the first 10,000 of them when more match).
#[derive(Serialize, ToSchema)]
pub struct ObjectFacets {
    pub object_type: Vec<FacetCount>,
    pub material: Vec<FacetCount>,
    pub place: Vec<FacetCount>,
    pub with_image: i64,
}

/// A page of objects, in id order.
#[derive(Serialize, ToSchema)]
pub struct ObjectList {
    pub items: Vec<ObjectRecord>,
    /// How many objects match, counted up to 10,000.
    pub total: i64,
    /// More than `total` objects match (counts and facets cover the first 10,000).
    pub more: bool,
    pub facets: ObjectFacets,
    /// The next page, or null on the last one.
    pub next: Option<String>,
}

/// Lists published objects, with facet counts and cursor pagination.
#[utoipa::path(get, path = "/objects", operation_id = "list_objects", tag = "collections", params(ObjectQuery),
    responses((status = 200, body = ObjectList), (status = 400, body = ErrorBody)))]
async fn list_objects(
    State(state): State<AppState>,
    Query(q): Query<ObjectQuery>,
) -> ApiResult<Json<ObjectList>> {
    let limit = query_number(
        "limit",
        q.limit.as_ref(),
        50,
        1,
        kolo_store::PageRequest::MAX_LIMIT,
    )?;
    let (page, facets) = browse(&state, &q, limit).await?;
    let counts = |kind: VocabularyKind| {
        facets
            .terms
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, counts)| {
                counts
                    .iter()
                    .map(|(key, count)| FacetCount {
                        key: key.clone(),
                        count: *count,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let next = page.next_after.map(|after| {
        state
            .config
            .absolute(&format!("/api/v1/objects?{}", q.with_after(after)))
    });
    Ok(Json(ObjectList {
        facets: ObjectFacets {
            object_type: counts(VocabularyKind::ObjectType),
            material: counts(VocabularyKind::Material),
            place: counts(VocabularyKind::Place),
            with_image: facets.with_image,
        },
        items: page
            .items
            .into_iter()
            .map(|r| object_out(&state, r))
            .collect(),
        total: facets.total,
        more: facets.capped,
        next,
    }))
}

fn object_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// One published object.
#[utoipa::path(get, path = "/objects/{id}", operation_id = "get_object", tag = "collections",
    params(("id" = String, Path, description = "The object's id")),
    responses((status = 200, body = ObjectRecord), (status = 404, body = ErrorBody)))]
async fn get_object(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<ObjectRecord>> {
    let id = object_id(&id)?;
    let r = state.store.read(move |c| objects::get(c, id)).await?;
    if r.value.state != PublicationState::Published {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(object_out(&state, r)))
}

async fn saved_out(
    state: &AppState,
    id: i64,
    saved: Saved,
) -> ApiResult<(StatusCode, Json<ObjectRecord>)> {
    let r = state.store.read(move |c| objects::get(c, id)).await?;
    let status = if saved == Saved::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(object_out(state, r))))
}

/// Creates an object, or updates the one with the same inventory number in its institution
/// (staff of that institution, platform administrators).
#[utoipa::path(post, path = "/objects", operation_id = "post_object", tag = "collections", request_body = MuseumObject, security(("token" = [])),
    responses((status = 200, body = ObjectRecord), (status = 201, body = ObjectRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn post_object(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(value): JsonBody<MuseumObject>,
) -> ApiResult<(StatusCode, Json<ObjectRecord>)> {
    let (id, saved) = state
        .write(move |c| records::save_object(c, &user, &value))
        .await?;
    saved_out(&state, id, saved).await
}

/// Replaces an object (staff of its institution); its institution cannot change.
#[utoipa::path(put, path = "/objects/{id}", operation_id = "put_object", tag = "collections", request_body = MuseumObject, security(("token" = [])),
    params(("id" = String, Path, description = "The object's id")),
    responses((status = 200, body = ObjectRecord), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_object(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    JsonBody(value): JsonBody<MuseumObject>,
) -> ApiResult<(StatusCode, Json<ObjectRecord>)> {
    let id = object_id(&id)?;
    let saved = state
        .write(move |c| records::replace_object(c, &user, id, &value))
        .await?;
    // A replacement never creates: report it as OK whatever it changed.
    saved_out(&state, id, saved)
        .await
        .map(|(_, body)| (StatusCode::OK, body))
}

/// Deletes an object (staff of its institution); harvesters see it as deleted.
#[utoipa::path(delete, path = "/objects/{id}", operation_id = "delete_object", tag = "collections", security(("token" = [])),
    params(("id" = String, Path, description = "The object's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_object(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = object_id(&id)?;
    state
        .write(move |c| records::delete_object(c, &user, id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One saved content of an object.
#[derive(Serialize, ToSchema)]
pub struct ObjectRevision {
    pub number: i64,
    pub saved_at: chrono::DateTime<chrono::Utc>,
    /// The account that saved it (null for imports without one).
    pub saved_by: Option<i64>,
    pub object: MuseumObject,
}

/// An object's record history, newest first (staff of its institution: drafts are in it).
#[utoipa::path(get, path = "/objects/{id}/revisions", operation_id = "object_revisions", tag = "collections", security(("token" = [])),
    params(("id" = String, Path, description = "The object's id")),
    responses((status = 200, body = Vec<ObjectRevision>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn object_revisions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<ObjectRevision>>> {
    let id = object_id(&id)?;
    let list = state
        .store
        .read(move |c| {
            records::editable_object(c, &user, id)?;
            objects::revisions(c, id)
        })
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|r| ObjectRevision {
                number: r.number,
                saved_at: r.saved_at.and_utc(),
                saved_by: r.saved_by,
                object: r.value,
            })
            .collect(),
    ))
}

/// A collection as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct CollectionRecord {
    pub id: i64,
    /// The collection's public page.
    pub url: String,
    #[serde(flatten)]
    pub collection: Collection,
}

fn collection_out(state: &AppState, r: Record<Collection>) -> CollectionRecord {
    CollectionRecord {
        id: r.id,
        url: state.config.absolute(&format!(
            "/institutions/{}/collections/{}",
            r.value.institution, r.value.key
        )),
        collection: r.value,
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CollectionQuery {
    /// The institution (slug); required.
    institution: Option<String>,
}

/// An institution's collections, by key.
#[utoipa::path(get, path = "/collections", operation_id = "list_collections", tag = "collections", params(CollectionQuery),
    responses((status = 200, body = Vec<CollectionRecord>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_collections(
    State(state): State<AppState>,
    Query(q): Query<CollectionQuery>,
) -> ApiResult<Json<Vec<CollectionRecord>>> {
    let slug = q
        .institution
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::BadRequest("institution: required".into()))?;
    let slug = path_slug(&slug)?;
    let list = state
        .store
        .read(move |c| {
            let institution = institutions::get_by_slug(c, &slug)?;
            collections::list(c, institution.id)
        })
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|s| collection_out(&state, s.record))
            .collect(),
    ))
}

/// Creates or replaces a collection of an institution (its staff).
#[utoipa::path(put, path = "/institutions/{slug}/collections/{key}", operation_id = "put_collection", tag = "collections", request_body = Collection, security(("token" = [])),
    params(("slug" = String, Path, description = "The institution's slug"), ("key" = String, Path, description = "The collection's key")),
    responses((status = 200, body = CollectionRecord), (status = 201, body = CollectionRecord), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_collection(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((slug, key)): Path<(String, String)>,
    JsonBody(value): JsonBody<Collection>,
) -> ApiResult<(StatusCode, Json<CollectionRecord>)> {
    let (slug, key) = (path_slug(&slug)?, path_slug(&key)?);
    let (id, saved) = state
        .write(move |c| records::save_collection(c, &user, &slug, &key, &value))
        .await?;
    let r = state
        .store
        .read(move |c| collections::get_by_id(c, id))
        .await?;
    let status = if saved == Saved::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(collection_out(&state, r))))
}

fn vocabulary(kind: &str) -> Result<VocabularyKind, AppError> {
    VocabularyKind::from_code(kind).ok_or(AppError::NotFound)
}

/// A key or slug in a path: what is not one names nothing.
pub fn path_slug(raw: &str) -> Result<String, AppError> {
    kolo_domain::Slug::parse("path", raw)
        .map(|s| s.to_string())
        .map_err(|_| AppError::NotFound)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermQuery {
    /// Part of a label in any language or script; empty lists the whole vocabulary.
    q: Option<String>,
    /// The key of the last term of the page before.
    after: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    limit: Option<String>,
}

/// A vocabulary's terms whose labels contain `q`, by key.
#[utoipa::path(get, path = "/vocabularies/{kind}", operation_id = "search_terms", tag = "collections", params(
        ("kind" = String, Path, description = "place, actor, period, object_type, material, technique or culture"), TermQuery),
    responses((status = 200, body = Vec<Term>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn search_terms(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(q): Query<TermQuery>,
) -> ApiResult<Json<Vec<Term>>> {
    let kind = vocabulary(&kind)?;
    let limit = query_number(
        "limit",
        q.limit.as_ref(),
        50,
        1,
        kolo_store::PageRequest::MAX_LIMIT,
    )?;
    let found = state
        .store
        .read(move |c| {
            vocabularies::search(
                c,
                kind,
                q.q.as_deref().unwrap_or(""),
                q.after
                    .as_deref()
                    .filter(|s| !s.is_empty() && !s.contains('\0')),
                limit,
            )
        })
        .await?;
    Ok(Json(found.into_iter().map(|r| r.value).collect()))
}

/// One term.
#[utoipa::path(get, path = "/vocabularies/{kind}/{key}", operation_id = "get_term", tag = "collections",
    params(("kind" = String, Path, description = "The vocabulary"), ("key" = String, Path, description = "The term's key")),
    responses((status = 200, body = Term), (status = 404, body = ErrorBody)))]
async fn get_term(
    State(state): State<AppState>,
    Path((kind, key)): Path<(String, String)>,
) -> ApiResult<Json<Term>> {
    let kind = vocabulary(&kind)?;
    let key = path_slug(&key)?;
    let r = state
        .store
        .read(move |c| vocabularies::get(c, kind, &key))
        .await?;
    Ok(Json(r.value))
}

/// Creates or replaces a term: any staff member adds terms; changing an existing one needs a
/// network coordinator or a platform administrator.
#[utoipa::path(put, path = "/vocabularies/{kind}/{key}", operation_id = "put_term", tag = "collections", request_body = Term, security(("token" = [])),
    params(("kind" = String, Path, description = "The vocabulary"), ("key" = String, Path, description = "The term's key")),
    responses((status = 200, body = Term), (status = 201, body = Term), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_term(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path((kind, key)): Path<(String, String)>,
    JsonBody(value): JsonBody<Term>,
) -> ApiResult<(StatusCode, Json<Term>)> {
    let kind = vocabulary(&kind)?;
    let key = path_slug(&key)?;
    let term = value.clone();
    let (_, saved) = state
        .write(move |c| records::save_term(c, &user, kind, &key, &value))
        .await?;
    let status = if saved == Saved::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(term)))
}
