//! `/api/v1/media`: uploading an image (staff of its institution) and reading its description.
//! The upload has a body limit of its own (the media limit), so it lives in
//! [`upload_routes`], apart from the rest of the API.

use super::{ApiResult, ErrorBody};
use crate::auth::ApiUser;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kolo_domain::{FieldError, MediaId, Principal, Role, Scope, ValidationErrors};
use kolo_media::UploadError;
use kolo_store::repo::{files, institutions, media};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_one))
}

pub fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(upload))
}

/// An image as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct MediaRecord {
    pub id: String,
    /// The image's IIIF Image API service (redirects to its `info.json`).
    pub url: String,
    /// The IIIF image information document.
    pub info: String,
    /// The slug of the institution it belongs to.
    pub institution: String,
    pub filename: String,
    /// Of the file as uploaded.
    pub mime: String,
    /// As served: after the EXIF orientation is applied.
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub sha256: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn record_out(state: &AppState, r: media::MediaRecord) -> MediaRecord {
    let url = state.config.absolute(&format!("/iiif/3/{}", r.id));
    MediaRecord {
        id: r.id.to_string(),
        info: format!("{url}/info.json"),
        url,
        institution: r.institution,
        filename: r.original_filename,
        mime: r.mime,
        width: r.width,
        height: r.height,
        bytes: r.bytes,
        sha256: r.sha256,
        created_at: r.created_at.and_utc(),
    }
}

/// The multipart form of an upload.
#[derive(ToSchema)]
#[allow(dead_code)] // describes the form for the OpenAPI document; read field by field
pub struct MediaUpload {
    /// A JPEG, PNG, TIFF or WebP image.
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    file: String,
    /// The slug of the institution the image belongs to; needed only by someone on the
    /// staff of several (or a platform administrator).
    institution: Option<String>,
}

/// One image's description.
#[utoipa::path(get, path = "/media/{id}", operation_id = "get_media", tag = "media",
    params(("id" = String, Path, description = "The image's id")),
    responses((status = 200, body = MediaRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<MediaRecord>> {
    let id = MediaId::parse(&id).map_err(|_| AppError::NotFound)?;
    let record = state.store.read(move |c| media::get(c, &id)).await?;
    Ok(Json(record_out(&state, record)))
}

pub(crate) fn file_error(reason: &str, limit: Option<u64>) -> AppError {
    let mut e = FieldError::new("file", reason);
    if let Some(limit) = limit {
        e = e.with_limit(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    AppError::Invalid(e.into_errors())
}

/// The body is larger than uploads may be: a 413 that says so.
fn too_large(limit: u64) -> Response {
    let body = serde_json::json!({
        "error": format!("the upload is larger than the limit of {limit} bytes"),
        "errors": [{ "field": "file", "reason": "too-large", "limit": limit }],
    });
    (StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response()
}

/// An image upload form: the file (its name as sent, its bytes) and the other fields.
pub(crate) struct UploadForm {
    pub file: Option<(String, bytes::Bytes)>,
    pub fields: Vec<(String, String)>,
}

/// What an upload is: an image (checked, turned upright, cut into tiles) or an attached
/// document (checked by content, stored as it came).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Upload {
    Image,
    Document,
}

impl Upload {
    pub(crate) fn max_bytes(self, state: &AppState) -> u64 {
        match self {
            Upload::Image => state.media.limits().max_bytes,
            Upload::Document => state.media.max_file_bytes(),
        }
    }
}

/// Why an upload form could not be read.
pub(crate) enum UploadFormError {
    /// Larger than the media limit (bytes).
    TooLarge(u64),
    Malformed(String),
}

impl UploadFormError {
    /// For a staff form: a body over the limit is the file field's problem, shown on the form
    /// again; a malformed one is the client's.
    pub(crate) fn into_form_errors(self) -> Result<ValidationErrors, AppError> {
        match self {
            UploadFormError::TooLarge(limit) => Ok(FieldError::new("file", "too-large")
                .with_limit(usize::try_from(limit).unwrap_or(usize::MAX))
                .into_errors()),
            UploadFormError::Malformed(why) => Err(AppError::BadRequest(why)),
        }
    }

    fn json(self) -> Response {
        match self {
            UploadFormError::TooLarge(limit) => too_large(limit),
            UploadFormError::Malformed(why) => AppError::BadRequest(why).json(),
        }
    }
}

/// Reads an upload form as a stream, stopping as soon as the body is announced larger than
/// `kind`'s limit (before reading any of it) or the file passes it.
pub(crate) async fn read_upload_form(
    state: &AppState,
    kind: Upload,
    headers: &HeaderMap,
    mut form: Multipart,
) -> Result<UploadForm, UploadFormError> {
    let max_bytes = kind.max_bytes(state);
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > max_bytes.saturating_add(crate::MEDIA_FORM_OVERHEAD as u64)) {
        return Err(UploadFormError::TooLarge(max_bytes));
    }
    let mut out = UploadForm {
        file: None,
        fields: Vec::new(),
    };
    let failed = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            UploadFormError::TooLarge(max_bytes)
        } else {
            UploadFormError::Malformed(e.body_text())
        }
    };
    while let Some(mut part) = form.next_field().await.map_err(failed)? {
        match part.name().map(str::to_owned) {
            Some(name) if name == "file" => {
                let filename = base_name(part.file_name().unwrap_or(""));
                let mut bytes = Vec::new();
                while let Some(chunk) = part.chunk().await.map_err(failed)? {
                    if (bytes.len() + chunk.len()) as u64 > max_bytes {
                        return Err(UploadFormError::TooLarge(max_bytes));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A form sent with no file chosen carries an empty part.
                if !bytes.is_empty() {
                    out.file = Some((filename, bytes::Bytes::from(bytes)));
                }
            }
            Some(name) => {
                let text = part.text().await.map_err(failed)?;
                out.fields.push((name, text));
            }
            None => {}
        }
    }
    Ok(out)
}

/// The institution an upload goes to: the one named, or else the only one the uploader is on
/// the staff of.
pub(crate) async fn institution_of(
    state: &AppState,
    user: &Principal,
    named: Option<String>,
) -> Result<i64, AppError> {
    if let Some(slug) = named {
        return state
            .store
            .read(move |c| institutions::get_by_slug(c, &slug))
            .await
            .map(|r| r.id)
            .map_err(|e| match e {
                kolo_store::StoreError::NotFound => AppError::Invalid(
                    FieldError::new("institution", "unknown-institution").into_errors(),
                ),
                other => other.into(),
            });
    }
    let mut staff_of = user.grants.iter().filter_map(|g| match (g.scope, g.role) {
        (Scope::Institution(id), Role::InstitutionAdmin | Role::Editor) => Some(id),
        _ => None,
    });
    match (staff_of.next(), staff_of.next()) {
        (Some(id), None) => Ok(id),
        _ => Err(AppError::Invalid(
            FieldError::new("institution", "required").into_errors(),
        )),
    }
}

/// The original file's name without any folder, as browsers and curl may send one.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim()
        .to_owned()
}

/// Stores an image for `institution_id`: checks it, cuts its tiles, then adds its row (as
/// `actor`, `None` being Kolo itself). A refused or failed image leaves nothing behind.
pub async fn store(
    state: &AppState,
    actor: Option<Principal>,
    institution_id: i64,
    filename: String,
    file: bytes::Bytes,
) -> Result<MediaId, AppError> {
    let upload = (Upload::Image, filename, file);
    store_then(state, actor, institution_id, upload, |_, _| Ok(())).await
}

/// Stores an upload (`kind`, the file's name, its bytes) for `institution_id`, with `then` run
/// in the transaction that adds its row (attaching it to a record): if anything fails, neither
/// the row nor the stored bytes remain.
pub(crate) async fn store_then<T, F>(
    state: &AppState,
    actor: Option<Principal>,
    institution_id: i64,
    (kind, filename, file): (Upload, String, bytes::Bytes),
    then: F,
) -> Result<MediaId, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut kolo_store::DbConnection, &MediaId) -> Result<T, kolo_store::StoreError>
        + Send
        + 'static,
{
    let id = MediaId::random();
    let refused = |e: UploadError| match e.refusal() {
        Some((reason, limit)) => {
            tracing::info!(reason, error = %e, "upload refused");
            file_error(reason, limit)
        }
        None => AppError::Internal(e.into()),
    };
    type AddRow =
        Box<dyn FnOnce(&mut kolo_store::DbConnection) -> Result<(), kolo_store::StoreError> + Send>;
    let add_row: AddRow = match kind {
        Upload::Image => {
            let prepared = state.media.upload(&id, file).await.map_err(refused)?;
            let new = media::NewMedia {
                id: id.clone(),
                institution_id,
                original_filename: filename,
                mime: prepared.mime.to_owned(),
                width: i64::from(prepared.width),
                height: i64::from(prepared.height),
                bytes: prepared.master.len() as i64,
                sha256: prepared.sha256.clone(),
            };
            Box::new(move |c| media::create(c, actor.as_ref(), &new))
        }
        Upload::Document => {
            let checked = state
                .media
                .upload_file(&id, &filename, file)
                .await
                .map_err(refused)?;
            let new = files::NewFile {
                id: id.clone(),
                institution_id,
                original_filename: filename,
                mime: checked.format.mime().to_owned(),
                bytes: checked.bytes.len() as i64,
                sha256: checked.sha256,
            };
            Box::new(move |c| files::create(c, actor.as_ref(), &new))
        }
    };
    let at = id.clone();
    let written = state
        .write(move |c| {
            add_row(c)?;
            then(c, &at)
        })
        .await;
    if let Err(e) = written {
        // The row is the upload's existence: without it, its bytes must go too.
        let removed = match kind {
            Upload::Image => state.media.remove(&id).await,
            Upload::Document => state.media.remove_file(&id).await,
        };
        if let Err(cleanup) = removed {
            tracing::error!(%id, error = %cleanup, "cannot remove the bytes of a failed upload");
        }
        return Err(AppError::from(e));
    }
    Ok(id)
}

/// An API upload's institution (named, or the uploader's only one; they must be on its
/// staff), file name and bytes; or else the answer that refuses it.
pub(crate) async fn read_api_upload(
    state: &AppState,
    kind: Upload,
    user: &Principal,
    headers: &HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(i64, String, bytes::Bytes), Response> {
    let refuse = |e: AppError| super::ApiError(e).into_response();
    let form = form.map_err(|e| refuse(AppError::BadRequest(e.body_text())))?;
    let form = read_upload_form(state, kind, headers, form)
        .await
        .map_err(UploadFormError::json)?;
    let named = form
        .fields
        .iter()
        .find(|(k, _)| k == "institution")
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    let institution_id = institution_of(state, user, named).await.map_err(refuse)?;
    if !user.can_edit_institution(institution_id) {
        return Err(refuse(AppError::Forbidden));
    }
    let (filename, file) = form
        .file
        .ok_or_else(|| refuse(file_error("required", None)))?;
    Ok((institution_id, filename, file))
}

/// The answer to a successful upload: 201, where its description is, and the description.
pub(crate) fn created<T: Serialize>(location: String, out: T) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(out),
    )
        .into_response()
}

/// Uploads an image (staff of its institution, platform administrators). The image is checked
/// (format by content, bytes, pixels, decoded memory), turned upright by its EXIF orientation
/// and cut into the tiles its IIIF service serves; a refused upload stores nothing.
#[utoipa::path(post, path = "/media", operation_id = "upload_media", tag = "media",
    request_body(content = MediaUpload, content_type = "multipart/form-data"), security(("token" = [])),
    responses((status = 201, body = MediaRecord), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn upload(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, super::ApiError> {
    let (institution_id, filename, file) =
        match read_api_upload(&state, Upload::Image, &user, &headers, form).await {
            Ok(upload) => upload,
            Err(refusal) => return Ok(refusal),
        };
    let id = store(&state, Some(user), institution_id, filename, file).await?;
    let record = state.store.read(move |c| media::get(c, &id)).await?;
    let out = record_out(&state, record);
    Ok(created(format!("/api/v1/media/{}", out.id), out))
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_lose_their_folders() {
        assert_eq!(super::base_name("C:\\Photos\\x.jpg"), "x.jpg");
        assert_eq!(super::base_name("../../etc/x.png"), "x.png");
        assert_eq!(super::base_name("plain.tif"), "plain.tif");
    }
}
