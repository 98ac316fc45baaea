//! The IIIF Image API 3.0 at `/iiif/3/{id}`: a redirect to `info.json`, the information
//! document, and images by `{region}/{size}/{rotation}/{quality}.{format}`. Images are
//! immutable, so answers carry long cache lifetimes and are open to every origin (CORS).

use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kolo_domain::MediaId;
use kolo_media::RenderError;
use kolo_media::iiif::{info, request::ImageRequest};
use kolo_store::repo::media;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/iiif/3/{id}", get(base))
        .route("/iiif/3/{id}/info.json", get(info_json))
        .route(
            "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}",
            get(image),
        )
}

/// An image never changes once uploaded.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `info.json` may gain features when Kolo is upgraded.
const INFO_MAX_AGE: &str = "public, max-age=86400";

/// The image's width and height, or 404. Remembered: the answer to a tile request must not
/// wait for the database.
async fn size_of(state: &AppState, raw_id: &str) -> Result<(MediaId, (u32, u32)), AppError> {
    let id = MediaId::parse(raw_id).map_err(|_| AppError::NotFound)?;
    let lookup = {
        let (state, id) = (state.clone(), id.clone());
        async move {
            let r = state.store.read(move |c| media::get(c, &id)).await?;
            let side = |v: i64| {
                u32::try_from(v)
                    .map_err(|_| kolo_store::StoreError::Corrupt(format!("media size {v}")))
            };
            Ok::<_, kolo_store::StoreError>((side(r.width)?, side(r.height)?))
        }
    };
    let size = state
        .media_sizes
        .try_get_with(id.clone(), lookup)
        .await
        .map_err(|e| match e.as_ref() {
            kolo_store::StoreError::NotFound => AppError::NotFound,
            other => AppError::Internal(anyhow::anyhow!("{other}")),
        })?;
    Ok((id, size))
}

async fn base(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, AppError> {
    let (id, _) = size_of(&state, &id).await?;
    Ok(Redirect::to(&format!("/iiif/3/{id}/info.json")).into_response())
}

async fn info_json(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (id, (width, height)) = size_of(&state, &id).await?;
    let service = state.config.absolute(&format!("/iiif/3/{id}"));
    let wants_ld = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/ld+json"));
    let mime = if wants_ld {
        info::JSON_LD
    } else {
        "application/json"
    };
    let body = info::info_json(&service, width, height).to_string();
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, INFO_MAX_AGE),
            (header::VARY, "Accept"),
        ],
        body,
    )
        .into_response())
}

async fn image(
    State(state): State<AppState>,
    Path((id, region, size, rotation, quality_format)): Path<(
        String,
        String,
        String,
        String,
        String,
    )>,
) -> Result<Response, AppError> {
    let (id, (width, height)) = size_of(&state, &id).await?;
    let request = ImageRequest::parse(&region, &size, &rotation, &quality_format)
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let rendered = state
        .media
        .render(&id, width, height, &request)
        .await
        .map_err(|e| match e {
            RenderError::Request(e) => AppError::BadRequest(e.to_string()),
            other => AppError::Internal(other.into()),
        })?;
    let mut res = (StatusCode::OK, rendered.bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(rendered.mime),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    Ok(res)
}
