//! The IIIF Image API 3.0 at `/iiif/3/{id}`: a redirect to `info.json`, the information
//! document, and images by `{region}/{size}/{rotation}/{quality}.{format}`. Images are
//! immutable, so answers carry long cache lifetimes and are open to every origin (CORS).
//!
//! Also the Presentation API 3.0 documents viewers (Mirador, Universal Viewer) open: a
//! manifest per published object and a collection per published exhibition.

use crate::i18n::Tr;
use crate::{AppError, AppState};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kolo_domain::{LocalizedText, MediaId, PublicationState, UiLang};
use kolo_interop::iiif_presentation::{
    self as presentation, CanvasImage, CollectionItem, Entry, fitted_size,
};
use kolo_media::RenderError;
use kolo_media::iiif::{info, request::ImageRequest};
use kolo_store::repo::{exhibitions, institutions, media, objects};
use kolo_store::{DbConnection, StoreError};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/iiif/3/{id}", get(base))
        .route("/iiif/3/{id}/info.json", get(info_json))
        .route(
            "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}",
            get(image),
        )
        .route("/iiif/objects/{id}/manifest", get(object_manifest))
        .route(
            "/iiif/exhibitions/{slug}/collection",
            get(exhibition_collection),
        )
}

/// Where an object's manifest is.
pub fn manifest_path(object_id: i64) -> String {
    format!("/iiif/objects/{object_id}/manifest")
}

/// The sizes of the images a page shows, so that each picture it links is the largest that
/// fits its box without upscaling (see `fitted_size`).
#[derive(Default)]
pub struct Pictures(HashMap<MediaId, (u32, u32)>);

impl Pictures {
    pub fn load<'a>(
        c: &mut DbConnection,
        ids: impl IntoIterator<Item = &'a MediaId>,
    ) -> Result<Self, StoreError> {
        let ids: Vec<&MediaId> = ids.into_iter().collect();
        let side = |v: i64| u32::try_from(v).unwrap_or(0);
        Ok(Self(
            media::sizes(c, &ids)?
                .into_iter()
                .map(|(id, (w, h))| (id, (side(w), side(h))))
                .collect(),
        ))
    }

    /// The image fitted into a `side`×`side` box. An image whose row is gone keeps the box:
    /// its address answers 404 either way.
    fn fitted(&self, id: &MediaId, side: u32) -> String {
        let size = match self.0.get(id) {
            Some(&(w, h)) => fitted_size(w, h, side),
            None => format!("!{side},{side}"),
        };
        format!("/iiif/3/{id}/full/{size}/0/default.jpg")
    }

    /// What pages and search engines are given as a record's `image`.
    pub fn preview(&self, id: &MediaId) -> String {
        self.fitted(id, 1200)
    }

    /// The object page's picture under (and instead of, without scripts) the deep-zoom viewer.
    pub fn page(&self, id: &MediaId) -> String {
        self.fitted(id, 800)
    }

    /// A card's picture in a list.
    pub fn card(&self, id: &MediaId) -> String {
        self.fitted(id, 400)
    }

    /// A staff page's thumbnail.
    pub fn thumbnail(&self, id: &MediaId) -> String {
        self.fitted(id, 240)
    }
}

/// Where an exhibition's collection is.
pub fn collection_path(slug: &str) -> String {
    format!("/iiif/exhibitions/{slug}/collection")
}

/// A UI message in every interface language, as IIIF labels carry them.
fn message(id: &str) -> LocalizedText {
    UiLang::ALL
        .into_iter()
        .fold(LocalizedText::new(), |t, lang| {
            t.with(lang.code(), &Tr::new(lang).t(id))
        })
}

fn presentation_response(doc: &serde_json::Value) -> Response {
    (
        [
            (header::CONTENT_TYPE, presentation::JSON_LD),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        doc.to_string(),
    )
        .into_response()
}

/// A published object's manifest; drafts are not found.
async fn object_manifest(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (object, institution, sizes) = state
        .store
        .read(move |c| {
            let object = objects::get(c, id)?;
            let institution = institutions::get_by_slug(c, object.value.institution.as_str())?;
            // An image whose row is gone has nothing to paint: it gets no canvas.
            let mut sizes = Vec::new();
            for image in &object.value.images {
                let size = match media::get(c, &image.media) {
                    Ok(r) => Some((image.media.clone(), r.width, r.height)),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e),
                };
                sizes.push(size);
            }
            Ok((object, institution, sizes))
        })
        .await?;
    let o = &object.value;
    if o.state != PublicationState::Published {
        return Err(AppError::NotFound);
    }
    let side = |v: i64| u32::try_from(v).unwrap_or(0);
    let images = o
        .images
        .iter()
        .zip(sizes)
        .filter_map(|(image, size)| {
            let (mid, w, h) = size?;
            Some(CanvasImage {
                service: state.config.absolute(&format!("/iiif/3/{mid}")),
                width: side(w),
                height: side(h),
                caption: &image.caption,
                rights: image.rights.as_ref(),
            })
        })
        .collect();
    let field = |id: &str, value: &LocalizedText| Entry::localized(message(id), value);
    let manifest_url = state.config.absolute(&manifest_path(object.id));
    let homepage = state.config.absolute(&format!("/objects/{}", object.id));
    let doc = presentation::manifest(
        o,
        &presentation::ManifestContext {
            id: &manifest_url,
            homepage: &homepage,
            held_by: Entry::localized(message("object-held-by"), &institution.value.name),
            metadata: vec![
                Entry::plain(
                    message("object-inventory-number"),
                    o.inventory_number.as_str(),
                ),
                field("object-type-text", &o.object_type_text),
                field(
                    "object-dating",
                    &o.dating
                        .as_ref()
                        .map(|d| d.text.clone())
                        .unwrap_or_default(),
                ),
                field("object-materials-text", &o.materials_text),
                field("object-dimensions", &o.dimensions_text),
                field("object-credit-line", &o.credit_line),
            ],
            images,
        },
    );
    Ok(presentation_response(&doc))
}

/// A published exhibition's collection: the manifests of its published objects.
async fn exhibition_collection(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (x, shown) = state
        .store
        .read(move |c| {
            let x = exhibitions::get_by_slug(c, &slug)?;
            let mut shown = Vec::new();
            for r in x.value.objects() {
                if let Some(o) = objects::find_by_ref(c, r)?
                    && o.value.state == PublicationState::Published
                {
                    shown.push(o);
                }
            }
            Ok((x, shown))
        })
        .await?;
    let v = &x.value;
    if v.state != PublicationState::Published {
        return Err(AppError::NotFound);
    }
    let items: Vec<CollectionItem<'_>> = shown
        .iter()
        .map(|o| CollectionItem {
            manifest: state.config.absolute(&manifest_path(o.id)),
            label: &o.value.title,
        })
        .collect();
    let doc = presentation::collection(
        &state.config.absolute(&collection_path(v.slug.as_str())),
        &state.config.absolute(&format!("/exhibitions/{}", v.slug)),
        &v.title,
        &v.summary,
        &items,
    );
    Ok(presentation_response(&doc))
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
