//! `/api/v1/files`: uploading a document to attach to a post (staff of its institution) and
//! reading its description. Like image uploads, the upload has a body limit of its own.

use super::media::{Upload, created, read_api_upload, store_then};
use super::{ApiResult, ErrorBody};
use crate::auth::ApiUser;
use crate::{AppError, AppState};
use axum::Json;
use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use kolo_domain::MediaId;
use kolo_store::repo::files;
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

/// A stored document as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct FileRecord {
    pub id: String,
    /// Where the public downloads it.
    pub url: String,
    /// The slug of the institution it belongs to.
    pub institution: String,
    pub filename: String,
    /// Told by its content: PDF, DOCX, ODT...
    pub format: String,
    pub mime: String,
    pub bytes: i64,
    pub sha256: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

pub(crate) fn record_out(state: &AppState, r: files::FileRecord) -> FileRecord {
    let format = crate::files::format_label(&r);
    FileRecord {
        id: r.id.to_string(),
        url: state.config.absolute(&crate::files::download_path(&r.id)),
        institution: r.institution,
        filename: r.original_filename,
        format,
        mime: r.mime,
        bytes: r.bytes,
        sha256: r.sha256,
        created_at: r.created_at.and_utc(),
    }
}

/// The multipart form of an upload.
#[derive(ToSchema)]
#[allow(dead_code)] // describes the form for the OpenAPI document; read field by field
pub struct FileUpload {
    /// A PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT, RTF or EPUB document.
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    file: String,
    /// The slug of the institution the file belongs to; needed only by someone on the staff
    /// of several (or a platform administrator).
    institution: Option<String>,
}

/// One document's description.
#[utoipa::path(get, path = "/files/{id}", operation_id = "get_file", tag = "files",
    params(("id" = String, Path, description = "The file's id")),
    responses((status = 200, body = FileRecord), (status = 404, body = ErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<FileRecord>> {
    let id = MediaId::parse(&id).map_err(|_| AppError::NotFound)?;
    let record = state.store.read(move |c| files::get(c, &id)).await?;
    Ok(Json(record_out(&state, record)))
}

/// Uploads a document (staff of its institution, platform administrators), to attach to a
/// post with `attachments: [{"file": id}]`. Its format is told by content and must agree with
/// the file name's extension; a refused upload stores nothing.
#[utoipa::path(post, path = "/files", operation_id = "upload_file", tag = "files",
    request_body(content = FileUpload, content_type = "multipart/form-data"), security(("token" = [])),
    responses((status = 201, body = FileRecord), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn upload(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, super::ApiError> {
    let (institution_id, filename, file) =
        match read_api_upload(&state, Upload::Document, &user, &headers, form).await {
            Ok(upload) => upload,
            Err(refusal) => return Ok(refusal),
        };
    let upload = (Upload::Document, filename, file);
    let id = store_then(&state, Some(user), institution_id, upload, |_, _| Ok(())).await?;
    let record = state.store.read(move |c| files::get(c, &id)).await?;
    let out = record_out(&state, record);
    Ok(created(format!("/api/v1/files/{}", out.id), out))
}
