//! The versioned JSON API. Reads are public; writes need a personal API token
//! (`Authorization: Bearer ...`) and the same rights as the forms. The OpenAPI document is
//! generated from these handlers and types (utoipa), never written by hand.

mod collections;
pub use collections::path_slug;
mod events;
mod exhibitions;
mod files;
mod institutions;
pub mod media;
mod networks;
mod outcomes;
mod posts;
mod projects;
mod registrations;
pub(crate) mod search;

use crate::{AppError, AppState};
use axum::Router;
use axum::extract::FromRequest;
use axum::response::{IntoResponse, Response};
use kolo_domain::{FieldError, ValidationErrors};
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(title = "Kolo API", description = "Institutions, networks, events, exhibitions and posts of museums and libraries. Lists are paginated objects; every record carries `id` and `url` (its public page)."),
    modifiers(&BearerAuth),
    tags((name = "institutions"), (name = "networks"), (name = "events"), (name = "registrations"), (name = "exhibitions"), (name = "projects"), (name = "posts"), (name = "media"), (name = "files"), (name = "collections"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API's routes and its OpenAPI document, built together from the same handlers: the
/// upload routes (their own body limit) apart from the rest.
fn router() -> (Router<AppState>, Router<AppState>, utoipa::openapi::OpenApi) {
    let (uploads, upload_doc) = media::upload_routes()
        .merge(files::upload_routes())
        .split_for_parts();
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(institutions::routes())
        .merge(networks::routes())
        .merge(events::routes())
        .merge(outcomes::routes())
        .merge(registrations::routes())
        .merge(collections::routes())
        .merge(exhibitions::routes())
        .merge(projects::routes())
        .merge(posts::routes())
        .merge(media::routes())
        .merge(files::routes())
        .merge(search::routes())
        .split_for_parts();
    doc.merge(upload_doc);
    (router, uploads, doc)
}

/// The API routes that take large bodies (image and document uploads), to be given their own limit.
pub fn upload_routes() -> Router<AppState> {
    router().1
}

pub fn routes() -> Router<AppState> {
    let (router, _, mut doc) = router();
    doc.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    let doc = serde_json::to_string(&doc).expect("the OpenAPI document serialises");
    router.route(
        "/openapi.json",
        axum::routing::get(move || async move {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                doc,
            )
        }),
    )
}

/// The OpenAPI document as JSON, for tools and tests.
pub fn openapi_json() -> String {
    serde_json::to_string_pretty(&router().2).expect("the OpenAPI document serialises")
}

/// A page of a list.
#[derive(Serialize, ToSchema)]
pub struct ListPage<T: ToSchema> {
    pub items: Vec<T>,
    pub total: i64,
    /// The next page, or null on the last one.
    pub next: Option<String>,
}

/// The address of the page after this one of the list at `path` (with the filters that made
/// it, blank ones left out), or `None` on the last page.
pub fn next_page(
    state: &AppState,
    path: &str,
    filters: &[(&str, &Option<String>)],
    (offset, limit, total): (i64, i64, i64),
) -> Option<String> {
    (offset + limit < total).then(|| {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in filters {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                q.append_pair(k, v);
            }
        }
        q.append_pair("offset", &(offset + limit).to_string());
        q.append_pair("limit", &limit.to_string());
        state.config.absolute(&format!("{path}?{}", q.finish()))
    })
}

/// An error body: a message and, for invalid input, one entry per field.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// API errors render as JSON.
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.json()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON body parsed with the path of any offending field (`name.uk`, `contacts.website`),
/// refusing fields the type does not know.
pub struct JsonBody<T>(pub T);

pub trait KnownFields {
    const FIELDS: &'static [&'static str];
}

impl KnownFields for kolo_domain::Institution {
    const FIELDS: &'static [&'static str] = kolo_domain::Institution::FIELDS;
}

impl KnownFields for kolo_domain::Network {
    const FIELDS: &'static [&'static str] = kolo_domain::Network::FIELDS;
}

impl<T, S> FromRequest<S> for JsonBody<T>
where
    T: serde::de::DeserializeOwned + KnownFields,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(AppError::BadRequest("send the body as application/json".into()).into());
        }
        let bytes = bytes::Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("cannot read the body: {e}")))?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| AppError::BadRequest(format!("malformed JSON: {e}")))?;
        let Some(object) = value.as_object() else {
            return Err(AppError::BadRequest("the body must be a JSON object".into()).into());
        };
        let mut errors = ValidationErrors::default();
        for key in object.keys().filter(|k| !T::FIELDS.contains(&k.as_str())) {
            errors.push(FieldError::new(key.clone(), "unknown-field"));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors).into());
        }
        serde_path_to_error::deserialize(value)
            .map(JsonBody)
            .map_err(|e| {
                let field = e.path().to_string();
                let reason = e.into_inner().to_string();
                ApiError(AppError::Invalid(
                    FieldError::new(field, &reason).into_errors(),
                ))
            })
    }
}

/// Parses an optional query parameter, naming it in the error.
pub fn query_number(
    name: &str,
    raw: Option<&String>,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, AppError> {
    match raw.map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "{name}: `{s}` is not a whole number from {min} to {max}"
                ))
            }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_openapi_document_lists_the_routes() {
        let doc: serde_json::Value = serde_json::from_str(&super::openapi_json()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in [
            "/institutions",
            "/institutions/{slug}",
            "/networks",
            "/networks/{slug}",
            "/events/{slug}/programme/versions",
            "/events/{slug}/documents",
            "/events/{slug}/documents/{key}",
            "/exhibitions",
            "/exhibitions/{slug}",
            "/stories",
            "/stories/{slug}",
            "/projects",
            "/projects/{slug}",
            "/media",
            "/media/{id}",
            "/objects",
            "/objects/{id}",
            "/collections",
            "/institutions/{slug}/collections/{key}",
            "/vocabularies/{kind}",
            "/vocabularies/{kind}/{key}",
            "/search",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} missing");
        }
        assert!(doc["components"]["schemas"].get("Institution").is_some());
    }
}
